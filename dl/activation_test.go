package dl

import (
	"math"
	"testing"
)

// kinkFree returns points in [-6, 6] that stay at least 0.01 from 0, the only
// kink of the predefined activations.
func kinkFree() []float64 {
	var xs []float64
	for x := -6.0; x <= 6; x += 0.37 {
		if math.Abs(x) > 0.01 {
			xs = append(xs, x)
		}
	}
	return append(xs, -0.05, 0.05, -20, 20)
}

// TestActivationDerivatives checks every Deriv against central differences
// of F. Tolerance 1e-6: with h = 6e-6 the truncation error h²|f‴|/6 is below
// 1e-11 for these functions (|f‴| ≤ 1), and the rounding error ε|f(x)|/h is
// below 1e-9 for |x| ≤ 20; where σ′ is below 1e-4 (sigmoid at ±20) RelErr
// compares absolutely, times 1e4. We measured at most 7e-8 (sigmoid at ±20).
// The points keep 0.01 away from the kink at 0 so that no difference
// quotient straddles it.
func TestActivationDerivatives(t *testing.T) {
	for _, act := range append(Activations(), NewLeakyReLU(0.2), NewELU(0.5)) {
		got := CheckDerivative(act.F, act.Deriv, kinkFree(), 0)
		t.Logf("%-16s max relative error %.2g", act.Name, got)
		if got > 1e-6 {
			t.Errorf("%s: max relative error %g, want < 1e-6", act.Name, got)
		}
	}
}

func TestActivationValues(t *testing.T) {
	tests := []struct {
		act     Activation
		x, f, d float64
	}{
		{Identity, -3, -3, 1},
		{Step, 0, 0, 0}, // boundary: step(0) = 0, as for the perceptron
		{Step, 1e-300, 1, 0},
		{Sigmoid, 0, 0.5, 0.25},
		{Sigmoid, -1000, 0, 0}, // no overflow in e^1000
		{Sigmoid, 1000, 1, 0},
		{Tanh, 0, 0, 1},
		{ReLU, 0, 0, 0}, // documented subgradient at the kink
		{ReLU, 2, 2, 1},
		{ReLU, -2, 0, 0},
		{LeakyReLU, -2, -0.02, 0.01},
		{LeakyReLU, 0, 0, 0.01},
		{Softplus, 0, math.Ln2, 0.5},
		{Softplus, 1000, 1000, 1}, // no overflow
		{Softplus, -1000, 0, 0},
		{ELU, -1, math.Exp(-1) - 1, math.Exp(-1)},
		{ELU, 0, 0, 1},
		{NewELU(2), -1, 2 * (math.Exp(-1) - 1), 2 * math.Exp(-1)},
		{GELU, 0, 0, 0.5},
		// Φ(1) = 0.8413447460685429, φ(1) = 0.24197072451914337.
		{GELU, 1, 0.8413447460685429, 0.8413447460685429 + 0.24197072451914337},
		{GELU, -1, -(1 - 0.8413447460685429), (1 - 0.8413447460685429) - 0.24197072451914337},
	}
	for _, tt := range tests {
		f, d := tt.act.F(tt.x), tt.act.Deriv(tt.x)
		if math.Abs(f-tt.f) > 1e-15 || math.Abs(d-tt.d) > 1e-15 {
			t.Errorf("%s(%g) = %g, σ′ = %g; want %g, %g", tt.act.Name, tt.x, f, d, tt.f, tt.d)
		}
	}
}

func TestActivationNames(t *testing.T) {
	want := []string{"identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu", "gelu"}
	acts := Activations()
	if len(acts) != len(want) {
		t.Fatalf("Activations() has %d entries, want %d", len(acts), len(want))
	}
	for i, a := range acts {
		if a.Name != want[i] {
			t.Errorf("Activations()[%d].Name = %q, want %q", i, a.Name, want[i])
		}
	}
	if got := NewLeakyReLU(0.2).Name; got != "leaky_relu(0.2)" {
		t.Errorf("NewLeakyReLU(0.2).Name = %q", got)
	}
	if got := NewELU(0.5).Name; got != "elu(0.5)" {
		t.Errorf("NewELU(0.5).Name = %q", got)
	}
}
