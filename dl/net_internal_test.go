package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestBackwardParamsMatchesBackward checks that the shortcut Train takes,
// backwardParams (no ∂L/∂x for the first layer), leaves every parameter
// gradient exactly as Backward does, bit for bit, and that it really skips
// the product.
func TestBackwardParamsMatchesBackward(t *testing.T) {
	for _, c := range []struct {
		sizes  []int
		hidden Activation
		rows   int
	}{
		{[]int{2, 2, 1}, Sigmoid, 4},    // XOR
		{[]int{2, 64, 64, 3}, ReLU, 33}, // spiral-sized, products tiled by mul
		{[]int{5, 3}, Tanh, 7},          // one layer: no ∂L/∂x computed at all
		{[]int{30, 8, 6, 4}, GELU, 1},   // one example
	} {
		rng := rand.New(rand.NewPCG(3, 4))
		full := NewMLP(c.sizes, c.hidden, Identity, nil, rng)
		short := full.Clone()
		x := mat.NewDense(c.rows, c.sizes[0], nil)
		grad := mat.NewDense(c.rows, c.sizes[len(c.sizes)-1], nil)
		for _, m := range []*mat.Dense{x, grad} {
			raw := m.RawMatrix()
			for i := range raw.Data {
				raw.Data[i] = rng.NormFloat64()
			}
		}

		full.Forward(x)
		full.Backward(grad)
		short.Forward(x)
		short.backwardParams(grad)

		for i, p := range full.Params() {
			q := short.Params()[i]
			if !sameBits(p.Grad, q.Grad) {
				t.Errorf("%v: %s: backwardParams gives a different gradient than Backward", c.sizes, p.Name)
			}
		}
		if !short.Layers[0].dx.IsEmpty() {
			t.Errorf("%v: backwardParams computed ∂L/∂x of the first layer", c.sizes)
		}
		if full.Layers[0].dx.IsEmpty() {
			t.Errorf("%v: Backward did not compute ∂L/∂x of the first layer", c.sizes)
		}
	}
}

// sameBits reports whether a and b have the same shape and the same bits in
// every entry (so −0 ≠ +0, and NaN equals a NaN of the same payload).
func sameBits(a, b *mat.Dense) bool {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ar != br || ac != bc {
		return false
	}
	for i := range ar {
		for j := range ac {
			if math.Float64bits(a.At(i, j)) != math.Float64bits(b.At(i, j)) {
				return false
			}
		}
	}
	return true
}
