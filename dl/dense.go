package dl

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/internal/engine"

	"gonum.org/v1/gonum/mat"
)

// Dense is a fully connected layer: every input feeds every unit.
// For a mini-batch x (n×in, one example per row) it computes
//
//	z = x·W + b     (n×out; b is added to every row)
//	a = σ(z)        (element-wise)
//
// and Backward, given ∂L/∂a, computes
//
//	δ     = ∂L/∂z = ∂L/∂a ⊙ σ′(z)
//	∂L/∂W = xᵀ·δ
//	∂L/∂b = Σ over rows of δ
//	∂L/∂x = δ·Wᵀ
//
// W, B, DW and DB are plain exported matrices: read them to plot or compare
// with another framework, write them (keeping their shapes) to set a network
// by hand. Z and A expose the values kept by the last Forward.
//
// Create layers with NewDense, which also allocates DW and DB.
//
// Forward and Backward allocate nothing once they have seen a batch size:
// the layer keeps its buffers and resizes them only when the number of rows
// grows beyond anything seen before.
type Dense struct {
	W   *mat.Dense // in×out weights; W[i][j] connects input i to unit j
	B   *mat.Dense // 1×out biases
	Act Activation // σ

	DW *mat.Dense // in×out, ∂L/∂W from the last Backward
	DB *mat.Dense // 1×out, ∂L/∂b from the last Backward

	x      *mat.Dense // input of the last Forward (kept, not copied)
	z      mat.Dense  // n×out pre-activations
	a      mat.Dense  // n×out activations σ(z)
	delta  mat.Dense  // n×out, δ = ∂L/∂z
	dx     mat.Dense  // n×in, ∂L/∂x
	params [2]Param   // backing array for Params, so it does not allocate
}

// NewDense returns a layer with in inputs and out units, weights drawn by init
// from rng, zero biases and zero gradients. A nil init means Glorot{}.
// NewDense panics if in or out is less than 1, if rng is nil, or if act
// lacks F or Deriv.
func NewDense(in, out int, act Activation, init Initializer, rng *rand.Rand) *Dense {
	if in < 1 || out < 1 {
		panic(fmt.Sprintf("dl: NewDense: sizes must be positive, got in=%d out=%d", in, out))
	}
	if rng == nil {
		panic("dl: NewDense: rng is nil; pass rand.New(rand.NewPCG(seed, seed))")
	}
	if act.F == nil || act.Deriv == nil {
		panic(fmt.Sprintf("dl: NewDense: activation %q has a nil F or Deriv", act.Name))
	}
	if init == nil {
		init = Glorot{}
	}
	d := &Dense{
		W:   mat.NewDense(in, out, nil),
		B:   mat.NewDense(1, out, nil),
		Act: act,
		DW:  mat.NewDense(in, out, nil),
		DB:  mat.NewDense(1, out, nil),
	}
	init.Init(d.W, rng)
	return d
}

// In returns the number of inputs of the layer.
func (d *Dense) In() int { r, _ := d.W.Dims(); return r }

// Out returns the number of units (outputs) of the layer.
func (d *Dense) Out() int { _, c := d.W.Dims(); return c }

// Forward computes a = σ(x·W + b) for the mini-batch x (n×in) and returns a
// (n×out). The layer keeps x (without copying it: do not change x before
// Backward), z and a for Backward. The returned matrix belongs to the layer
// and is overwritten by the next Forward. Forward panics if x does not have
// in columns.
func (d *Dense) Forward(x *mat.Dense) *mat.Dense {
	n, in := x.Dims()
	if in != d.In() {
		panic(fmt.Sprintf("dl: Dense.Forward: input has %d columns, layer expects %d", in, d.In()))
	}
	d.x = x
	resize(&d.z, n, d.Out())
	resize(&d.a, n, d.Out())

	engine.Mul(&d.z, x, false, d.W, false) // z = x·W
	engine.AddRow(&d.z, d.B.RawRowView(0)) // z += b, on every row
	d.Act.Apply(&d.a, &d.z)                // a = σ(z), element by element
	return &d.a
}

// Backward takes grad = ∂L/∂a for the batch of the last Forward (n×out),
// stores ∂L/∂W in DW and ∂L/∂b in DB (overwriting them, not accumulating),
// and returns ∂L/∂x (n×in), which belongs to the layer and is overwritten by
// the next Backward. Backward always computes ∂L/∂x, even for a first layer
// whose caller ignores it (Train skips it there). It panics if Forward has not been called or if
// grad is not n×out.
func (d *Dense) Backward(grad *mat.Dense) *mat.Dense {
	return d.backward(grad, true)
}

// backward is Backward, computing ∂L/∂x only if needDX is set; otherwise it
// returns nil. Training needs no ∂L/∂x for the first layer: it would be the
// gradient with respect to the images, and on MNIST δ·Wᵀ for the 784 inputs
// is a third of all the arithmetic of a step. DW and DB do not depend on
// ∂L/∂x, so they are the same (bit for bit) either way.
func (d *Dense) backward(grad *mat.Dense, needDX bool) *mat.Dense {
	if d.x == nil {
		panic("dl: Dense.Backward: called before Forward")
	}
	n, out := d.z.Dims()
	if gr, gc := grad.Dims(); gr != n || gc != out {
		panic(fmt.Sprintf("dl: Dense.Backward: grad is %d×%d, layer output is %d×%d", gr, gc, n, out))
	}
	resize(&d.delta, n, out)

	// The chain rule through the element-wise σ: δ = ∂L/∂a ⊙ σ′(z).
	d.Act.mulDeriv(&d.delta, grad, &d.z)
	// Entry (i, j) of ∂L/∂W sums x_ri·δ_rj over the examples r: xᵀ·δ.
	engine.Mul(d.DW, d.x, true, &d.delta, false)
	// b is added to every row, so ∂L/∂b sums δ over the rows.
	engine.ColSums(d.DB.RawRowView(0), &d.delta)
	if !needDX {
		return nil
	}
	// The error sent back to the previous layer: ∂L/∂x = δ·Wᵀ.
	resize(&d.dx, n, d.In())
	engine.Mul(&d.dx, &d.delta, false, d.W, true)
	return &d.dx
}

// Params returns the weights and the biases with their gradients, named "W"
// and "B". The slice is backed by the layer and rebuilt on every call.
func (d *Dense) Params() []Param {
	d.params = [2]Param{
		{Name: "W", Value: d.W, Grad: d.DW},
		{Name: "B", Value: d.B, Grad: d.DB},
	}
	return d.params[:]
}

// Z returns the pre-activations z = x·W + b of the last Forward (n×out), or
// nil before the first Forward. The matrix belongs to the layer.
func (d *Dense) Z() *mat.Dense {
	if d.z.IsEmpty() {
		return nil
	}
	return &d.z
}

// A returns the activations a = σ(z) of the last Forward (n×out), or nil
// before the first Forward. The matrix belongs to the layer.
func (d *Dense) A() *mat.Dense {
	if d.a.IsEmpty() {
		return nil
	}
	return &d.a
}

// Delta returns δ = ∂L/∂z of the last Backward (n×out), or nil before the
// first Backward: the "error" of each unit in the notation of Rumelhart et
// al. and Nielsen. The matrix belongs to the layer.
func (d *Dense) Delta() *mat.Dense {
	if d.delta.IsEmpty() {
		return nil
	}
	return &d.delta
}

// clone returns a deep copy of d's parameters and gradients, with fresh
// (empty) buffers.
func (d *Dense) clone() *Dense {
	return &Dense{
		W:   mat.DenseCopyOf(d.W),
		B:   mat.DenseCopyOf(d.B),
		Act: d.Act,
		DW:  mat.DenseCopyOf(d.DW),
		DB:  mat.DenseCopyOf(d.DB),
	}
}

// resize makes m an r×c matrix, reusing its memory when it is large enough.
// Values are not preserved.
func resize(m *mat.Dense, r, c int) {
	if mr, mc := m.Dims(); !m.IsEmpty() && mr == r && mc == c {
		return
	}
	m.Reset()
	m.ReuseAs(r, c)
}
