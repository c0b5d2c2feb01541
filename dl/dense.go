package dl

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/internal/kernel"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
)

var _ Layer = (*Dense)(nil)

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
	wT     mat.Dense  // out×in scratch copy of Wᵀ, see times
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
	out := d.Out()
	d.x = x
	resize(&d.z, n, out)
	resize(&d.a, n, out)

	// z = x·W, then add the bias row b to every row of z.
	d.times(&d.z, x, false)
	zm, am, b := d.z.RawMatrix(), d.a.RawMatrix(), d.B.RawRowView(0)
	switch {
	case haveKernels && d.Act.builtin() == reluKind:
		// Both steps in one pass, with AVX2 (same bits, see kernel.go).
		kernel.AddBiasReLU(n, out, &zm.Data[0], zm.Stride, &am.Data[0], am.Stride, &b[0])
		return &d.a
	case haveKernels:
		kernel.AddBias(n, out, &zm.Data[0], zm.Stride, &b[0])
	default:
		for i := range n {
			row := zm.Data[i*zm.Stride : i*zm.Stride+out]
			for j := range row {
				row[j] += b[j]
			}
		}
	}
	// a = σ(z), element by element.
	d.Act.Apply(&d.a, &d.z)
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

	// δ = ∂L/∂a ⊙ σ′(z): the chain rule through the element-wise σ.
	// (mulDeriv computes delta[j] = g[j]·σ′(z[j]) for one row.)
	gm, zm, dm := grad.RawMatrix(), d.z.RawMatrix(), d.delta.RawMatrix()
	kind := d.Act.builtin()
	if haveKernels && kind == reluKind {
		kernel.ReLUBackward(n, out, &dm.Data[0], dm.Stride, &gm.Data[0], gm.Stride, &zm.Data[0], zm.Stride) // AVX2, same bits
	} else {
		for i := range n {
			g := gm.Data[i*gm.Stride : i*gm.Stride+out]
			z := zm.Data[i*zm.Stride : i*zm.Stride+out]
			delta := dm.Data[i*dm.Stride : i*dm.Stride+out]
			d.Act.mulDeriv(kind, delta, g, z)
		}
	}

	// ∂L/∂W = xᵀ·δ: entry (i, j) sums x_ri·δ_rj over the examples r of the batch.
	mul(d.DW, d.x, true, &d.delta, false)

	// ∂L/∂b = column sums of δ, because b is added to every row.
	db := d.DB.RawRowView(0)
	clear(db)
	if haveKernels {
		kernel.SumRows(n, out, &dm.Data[0], dm.Stride, &db[0]) // AVX2, same bits
	} else {
		for i := range n {
			for j, v := range dm.Data[i*dm.Stride : i*dm.Stride+out] {
				db[j] += v
			}
		}
	}

	if !needDX {
		return nil
	}
	// ∂L/∂x = δ·Wᵀ: the error sent back to the previous layer.
	resize(&d.dx, n, d.In())
	d.times(&d.dx, &d.delta, true)
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

// times sets dst = a·W, or dst = a·Wᵀ if transposed; the result is the same
// either way it is computed, and this function only picks the faster way.
//
// gonum's pure-Go Dgemm runs its innermost loop along the columns of the
// result for a plain product (an axpy) and along the shared dimension when
// the right factor is transposed (a dot product). Inner loops of a few
// elements are dominated by call overhead: for a 64→3 output layer on 300
// examples, ∂L/∂x = δ·Wᵀ as 19200 dot products of length 3 took 5× longer
// than as 900 axpys of length 64 on a transposed copy of W. So times uses
// W or a fresh copy of Wᵀ, whichever gives the longer inner loop (ties: axpy,
// measured 25% faster for 64×64). Other BLAS implementations get W as is.
func (d *Dense) times(dst, a *mat.Dense, transposed bool) {
	in, out := d.W.Dims()
	_, pureGo := blas64.Implementation().(gonum.Implementation)
	switch {
	case !pureGo:
		mul(dst, a, false, d.W, transposed)
	case !transposed && in > out: // a·W as dot products of length in
		d.copyWT()
		mul(dst, a, false, &d.wT, true)
	case transposed && in >= out: // a·Wᵀ as axpys of length in
		d.copyWT()
		mul(dst, a, false, &d.wT, false)
	default: // a·W as axpys of length out, or a·Wᵀ as dot products of length out
		mul(dst, a, false, d.W, transposed)
	}
}

// copyWT sets the scratch matrix wT to Wᵀ.
func (d *Dense) copyWT() {
	in, out := d.W.Dims()
	resize(&d.wT, out, in)
	w, t := d.W.RawMatrix(), d.wT.RawMatrix()
	i0, j0 := 0, 0
	if haveKernels {
		// 4×4 blocks with AVX2 (plain moves: same values), then the edges.
		i0, j0 = in&^3, out&^3
		for i := 0; i < i0; i += 4 {
			for j := 0; j < j0; j += 4 {
				kernel.Transpose4x4(&w.Data[i*w.Stride+j], w.Stride, &t.Data[j*t.Stride+i], t.Stride)
			}
		}
		for i := range i0 {
			for j := j0; j < out; j++ {
				t.Data[j*t.Stride+i] = w.Data[i*w.Stride+j]
			}
		}
	}
	for i := i0; i < in; i++ {
		for j, v := range w.Data[i*w.Stride : i*w.Stride+out] {
			t.Data[j*t.Stride+i] = v
		}
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

// mul sets dst = op(a)·op(b), where op transposes its argument when the flag
// is set. dst must already have the right shape.
//
// It is what dst.Mul(a.T(), b) does (both end in the BLAS routine Dgemm
// registered with blas64.Use), with one difference that matters for training
// loops: gonum's pure-Go Dgemm hands products with four or more 64×64 blocks
// to goroutines, which allocates on every call, and so does the a.T() view.
// With gonum's BLAS, mul therefore computes the product in tiles of at most
// 64×192 entries of dst, each small enough to be multiplied serially, so it
// never allocates. (On two cores the parallel version was about 20% faster on
// a 300×64×64 product; allocation-free steps were the requirement.) Any other
// registered BLAS gets the whole product in one call.
func mul(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	am, bm, cm := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	tA, tB := blas.NoTrans, blas.NoTrans
	k := am.Cols
	if ta {
		tA = blas.Trans
		k = am.Rows
	}
	if tb {
		tB = blas.Trans
	}
	tileRows, tileCols := 64, 192
	if _, pureGo := blas64.Implementation().(gonum.Implementation); !pureGo {
		tileRows, tileCols = cm.Rows, cm.Cols
	} else if gemmKernel(ta, tb, cm.Rows, cm.Cols, k, am.Data, am.Stride, bm.Data, bm.Stride, cm.Data, cm.Stride) {
		return // the same bits as the tiles below, faster: see kernel.go
	}
	for i := 0; i < cm.Rows; i += tileRows {
		r := min(tileRows, cm.Rows-i)
		// Rows i..i+r of op(a): rows of a, or columns of a if transposed.
		var aTile blas64.General
		if ta {
			aTile = blas64.General{Rows: k, Cols: r, Stride: am.Stride, Data: am.Data[i:]}
		} else {
			aTile = blas64.General{Rows: r, Cols: k, Stride: am.Stride, Data: am.Data[i*am.Stride:]}
		}
		for j := 0; j < cm.Cols; j += tileCols {
			c := min(tileCols, cm.Cols-j)
			// Columns j..j+c of op(b): columns of b, or rows of b if transposed.
			var bTile blas64.General
			if tb {
				bTile = blas64.General{Rows: c, Cols: k, Stride: bm.Stride, Data: bm.Data[j*bm.Stride:]}
			} else {
				bTile = blas64.General{Rows: k, Cols: c, Stride: bm.Stride, Data: bm.Data[j:]}
			}
			cTile := blas64.General{Rows: r, Cols: c, Stride: cm.Stride, Data: cm.Data[i*cm.Stride+j:]}
			blas64.Gemm(tA, tB, 1, aTile, bTile, 0, cTile)
		}
	}
}
