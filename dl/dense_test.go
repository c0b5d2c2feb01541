package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestDenseByHand checks Forward and Backward of a 2→2 layer against values
// worked out by hand.
func TestDenseByHand(t *testing.T) {
	d := NewDense(2, 2, Identity, nil, rand.New(rand.NewPCG(1, 1)))
	d.W.Copy(mat.NewDense(2, 2, []float64{1, 2, 3, 4}))
	d.B.Copy(mat.NewDense(1, 2, []float64{0.5, -0.5}))
	x := mat.NewDense(2, 2, []float64{1, 0, 1, 1})

	// z = xW + b: [1 2]+b = [1.5 1.5]; [4 6]+b = [4.5 5.5].
	a := d.Forward(x)
	if want := mat.NewDense(2, 2, []float64{1.5, 1.5, 4.5, 5.5}); !mat.Equal(a, want) {
		t.Errorf("Forward = %v, want %v", mat.Formatted(a), mat.Formatted(want))
	}
	// With σ = identity, δ = grad. ∂L/∂W = xᵀδ, ∂L/∂b = column sums, ∂L/∂x = δWᵀ.
	grad := mat.NewDense(2, 2, []float64{1, 0, 0, 2})
	dx := d.Backward(grad)
	checks := []struct {
		name      string
		got, want *mat.Dense
	}{
		{"DW", d.DW, mat.NewDense(2, 2, []float64{1, 2, 0, 2})},
		{"DB", d.DB, mat.NewDense(1, 2, []float64{1, 2})},
		{"dx", dx, mat.NewDense(2, 2, []float64{1, 3, 4, 8})},
		{"Z", d.Z(), mat.NewDense(2, 2, []float64{1.5, 1.5, 4.5, 5.5})},
		{"Delta", d.Delta(), grad},
	}
	for _, c := range checks {
		if !mat.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, mat.Formatted(c.got), mat.Formatted(c.want))
		}
	}
}

func TestDenseShapePanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	d := NewDense(2, 4, ReLU, nil, rng)
	wantPanic(t, "dl: Dense.Backward: called before Forward", func() { d.Backward(mat.NewDense(5, 4, nil)) })
	wantPanic(t, "dl: Dense.Forward: input has 3 columns, layer expects 2", func() { d.Forward(mat.NewDense(5, 3, nil)) })
	d.Forward(mat.NewDense(5, 2, nil))
	wantPanic(t, "dl: Dense.Backward: grad is 5×3, layer output is 5×4", func() { d.Backward(mat.NewDense(5, 3, nil)) })
	wantPanic(t, "dl: NewDense: sizes must be positive, got in=0 out=3", func() { NewDense(0, 3, ReLU, nil, rng) })
	wantPanic(t, "rng is nil", func() { NewDense(2, 3, ReLU, nil, nil) })
	wantPanic(t, `activation "" has a nil F or Deriv`, func() { NewDense(2, 3, Activation{}, nil, rng) })
	wantPanic(t, "dl: Activation.Apply: dst is 5×3, x is 5×4", func() { ReLU.Apply(mat.NewDense(5, 3, nil), d.A()) })
}

// TestDenseZeroAllocs checks that Forward and Backward allocate nothing once
// they have seen a batch size, including after switching between sizes, for
// a small net (XOR) and a wide one whose products gonum would otherwise
// split across goroutines.
func TestDenseZeroAllocs(t *testing.T) {
	tests := []struct {
		sizes []int
		rows  []int
	}{
		{[]int{2, 2, 1}, []int{4}},
		{[]int{2, 64, 64, 3}, []int{300}},
		{[]int{784, 256, 10}, []int{64, 32}}, // a full batch and a last partial one
	}
	for _, tt := range tests {
		rng := rand.New(rand.NewPCG(1, 1))
		net := NewMLP(tt.sizes, ReLU, Identity, nil, rng)
		var xs, grads []*mat.Dense
		for _, n := range tt.rows {
			xs = append(xs, randomDense(n, tt.sizes[0], rng))
			grads = append(grads, randomDense(n, tt.sizes[len(tt.sizes)-1], rng))
		}
		step := func() {
			for i := range xs {
				net.Forward(xs[i])
				net.Backward(grads[i])
				net.Params()
			}
		}
		step() // warm up: buffers are sized here
		if a := testing.AllocsPerRun(20, step); a != 0 {
			t.Errorf("%v, batches %v: %g allocations per Forward+Backward, want 0", tt.sizes, tt.rows, a)
		}
	}
}

// TestDenseBatchRows checks that the rows of a batch are independent: the
// output for a batch equals the outputs for each row alone, and the
// gradient for the batch is the sum of the per-row gradients.
func TestDenseBatchRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	d := NewDense(3, 4, Tanh, nil, rng)
	x, g := randomDense(5, 3, rng), randomDense(5, 4, rng)
	out := mat.DenseCopyOf(d.Forward(x))
	d.Backward(g)
	dw := mat.DenseCopyOf(d.DW)

	sum := mat.NewDense(3, 4, nil)
	for i := range 5 {
		xi := mat.NewDense(1, 3, x.RawRowView(i))
		ai := d.Forward(xi)
		for j := range 4 {
			if math.Abs(ai.At(0, j)-out.At(i, j)) > 1e-15 {
				t.Fatalf("row %d: batch output differs from single-row output", i)
			}
		}
		d.Backward(mat.NewDense(1, 4, g.RawRowView(i)))
		sum.Add(sum, d.DW)
	}
	if !mat.EqualApprox(sum, dw, 1e-13) {
		t.Errorf("batch ∂L/∂W is not the sum of per-row gradients")
	}
}
