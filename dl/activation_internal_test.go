package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestDenseFastPathMatchesCalls checks that the whole-matrix loops of
// Identity and ReLU (engine.ReLU, engine.ReLUGrad) give the bits of calling
// F and Deriv for every entry, through a whole Forward and Backward, and
// that an activation built from the same functions takes the per-entry path.
// TestDenseFastPathMatchesCalls runs a layer with each fast-path activation
// and with the same activation hidden behind new closures (so F and Deriv are
// called), and finds the same bits in a, δ, ∂L/∂W, ∂L/∂b and ∂L/∂x.
func TestDenseFastPathMatchesCalls(t *testing.T) {
	for _, act := range []Activation{Identity, ReLU, Sigmoid, Tanh} {
		wrapped := Activation{
			Name:  act.Name,
			F:     func(z float64) float64 { return act.F(z) },
			Deriv: func(z float64) float64 { return act.Deriv(z) },
		}
		rng := rand.New(rand.NewPCG(9, 10))
		fast := NewDense(6, 5, act, nil, rng)
		slow := fast.clone()
		slow.Act = wrapped
		x, grad := mat.NewDense(7, 6, nil), mat.NewDense(7, 5, nil)
		for _, m := range []*mat.Dense{x, grad} {
			for i := range m.RawMatrix().Data {
				m.RawMatrix().Data[i] = 3 * rng.NormFloat64()
			}
		}
		x.Set(0, 0, math.Inf(1)) // some z = ±Inf, to cover the special cases too
		for _, l := range []*Dense{fast, slow} {
			l.Forward(x)
			l.Backward(grad)
		}
		for _, m := range []struct {
			name       string
			fast, slow *mat.Dense
		}{{"a", fast.A(), slow.A()}, {"δ", fast.Delta(), slow.Delta()}, {"∂L/∂W", fast.DW, slow.DW},
			{"∂L/∂b", fast.DB, slow.DB}, {"∂L/∂x", &fast.dx, &slow.dx}} {
			if !sameBits(m.fast, m.slow) {
				t.Errorf("%s: %s differs between the whole-matrix loop and calls of F and Deriv", act.Name, m.name)
			}
		}
	}
}
