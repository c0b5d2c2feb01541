package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestActivationFastPathsMatch checks that the direct loops of apply and
// mulDeriv give exactly the bits of F and Deriv, for every predefined
// activation, on ordinary values and on the special ones: ±0, tiny and huge
// values where exp under- or overflows, ±Inf and NaN, with upstream
// gradients that are themselves 0, −0, ±Inf or NaN.
func TestActivationFastPathsMatch(t *testing.T) {
	zs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324,
		20, -20, 40, -40, 710, -710, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		zs = append(zs, 10*rng.NormFloat64())
	}
	gs := []float64{1, -2.5, 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-310}
	wantKind := map[string]builtinKind{"identity": identityKind, "relu": reluKind, "sigmoid": sigmoidKind, "tanh": tanhKind}

	for _, act := range Activations() {
		kind := act.builtin()
		if kind != wantKind[act.Name] { // custom (0) for the others
			t.Errorf("%s: builtin() = %d, want %d", act.Name, kind, wantKind[act.Name])
		}
		a := make([]float64, len(zs))
		act.apply(kind, a, zs)
		for j, z := range zs {
			if want := act.F(z); math.Float64bits(a[j]) != math.Float64bits(want) {
				t.Errorf("%s: σ(%v) = %v by the loop, %v by F", act.Name, z, a[j], want)
			}
		}
		for _, g := range gs {
			grad := make([]float64, len(zs))
			for j := range grad {
				grad[j] = g
			}
			delta := make([]float64, len(zs))
			act.mulDeriv(kind, delta, grad, zs)
			for j, z := range zs {
				if want := g * act.Deriv(z); math.Float64bits(delta[j]) != math.Float64bits(want) {
					t.Errorf("%s: %v·σ′(%v) = %v by the loop, %v by Deriv", act.Name, g, z, delta[j], want)
				}
			}
		}
	}
}

// TestActivationFastPathOnlyForBuiltins checks that an activation is taken
// for a built-in one only when both of its functions are the built-in ones:
// a copy of ReLU with the user's own F must have that F called.
func TestActivationFastPathOnlyForBuiltins(t *testing.T) {
	double := func(z float64) float64 { return 2 * z }
	for _, c := range []struct {
		name string
		act  Activation
	}{
		{"ReLU with its own F", Activation{Name: "relu", F: double, Deriv: ReLU.Deriv}},
		{"ReLU with its own Deriv", Activation{Name: "relu", F: ReLU.F, Deriv: double}},
		{"sigmoid's F with tanh's Deriv", Activation{Name: "sigmoid", F: Sigmoid.F, Deriv: Tanh.Deriv}},
		{"identity wrapped", Activation{Name: "identity", F: func(z float64) float64 { return Identity.F(z) }, Deriv: Identity.Deriv}},
	} {
		if k := c.act.builtin(); k != custom {
			t.Errorf("%s: builtin() = %d, want custom", c.name, k)
		}
	}
	act := ReLU
	act.F = double
	dst := mat.NewDense(1, 2, nil)
	act.Apply(dst, mat.NewDense(1, 2, []float64{-1, 3}))
	if got := dst.RawRowView(0); got[0] != -2 || got[1] != 6 {
		t.Errorf("ReLU with F replaced by 2z: Apply gives %v, want [-2 6]", got)
	}
}

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
				t.Errorf("%s: %s differs between the direct loop and calls of F and Deriv", act.Name, m.name)
			}
		}
	}
}
