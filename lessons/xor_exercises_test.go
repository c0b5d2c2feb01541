package lessons

import (
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
)

// TestCheckXORFeatures checks the verdicts of exercise 03, including the
// ones the notebook's "Try it" promises: (x₁, x₂, x₁x₂), (x₁+x₂)² and
// max(x₁, x₂) as a third feature work; x₁+x₂ does not (it is a linear
// function of the inputs, so it adds nothing a line could use).
func TestCheckXORFeatures(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(x1, x2 float64) []float64
		want string
	}{
		{"product", func(a, b float64) []float64 { return []float64{a, b, a * b} },
			"✓ correct: with 3 features the perceptron gets all four XOR points right after 8 epochs (w = (1, 1, -3), b = 0)"},
		{"square of sum", func(a, b float64) []float64 { return []float64{a, b, (a + b) * (a + b)} },
			"✓ correct: with 3 features the perceptron gets all four XOR points right after 13 epochs"},
		{"max", func(a, b float64) []float64 { return []float64{a, b, max(a, b)} },
			"✓ correct: with 3 features the perceptron gets all four XOR points right after 13 epochs"},
		{"xor itself", func(a, b float64) []float64 { return []float64{a, b, (a - b) * (a - b)} },
			"feature 3 already is XOR itself"},
		{"sum", func(a, b float64) []float64 { return []float64{a, b, a + b} },
			"✗ not yet: the perceptron still cycles"},
		{"raw", func(a, b float64) []float64 { return []float64{a, b} },
			"✗ not yet: the perceptron still cycles (the weights repeat every 1 epoch(s) from epoch 3)"},
		{"nil func", nil, "✗ not yet: the function is nil"},
		{"empty", func(a, b float64) []float64 { return nil }, "✗ not yet: features(0, 0) returned no features"},
		{"ragged", func(a, b float64) []float64 {
			if a == 1 {
				return []float64{a}
			}
			return []float64{a, b}
		}, "✗ not yet: features(0, 0) has 2 entries but features(1, 0) has 1"},
		{"nan", func(a, b float64) []float64 { return []float64{a / b} }, "contains NaN or ±Inf"},
		{"panics", func(a, b float64) []float64 { var s []float64; return s[:3] }, "✗ not yet: features(0, 0) panicked"},
	} {
		got := CheckXORFeatures(c.f)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want it to contain %q", c.name, got, c.want)
		}
	}
}

// TestCheckOutputDelta checks the verdicts of exercise 04: the right
// formula passes, and each usual slip gets its own hint.
func TestCheckOutputDelta(t *testing.T) {
	for _, c := range []struct {
		name  string
		delta func(yhat, t float64, n int) float64
		want  string
	}{
		{"right", func(y, t float64, n int) float64 { return 2 * (y - t) / float64(n) * y * (1 - y) },
			"✓ correct: your δ matches backpropagation on all 4 XOR patterns (e.g. δ = 0.068412 for ŷ = 0.5537, t = 0)"},
		{"sign", func(y, t float64, n int) float64 { return 2 * (t - y) / float64(n) * y * (1 - y) }, "the sign is flipped"},
		{"no σ′", func(y, t float64, n int) float64 { return 2 * (y - t) / float64(n) }, "multiply by the sigmoid's derivative"},
		{"no 2", func(y, t float64, n int) float64 { return (y - t) / float64(n) * y * (1 - y) }, "a factor 2 is missing"},
		{"no 1/n", func(y, t float64, n int) float64 { return 2 * (y - t) * y * (1 - y) }, "divide by n"},
		{"no 2/n", func(y, t float64, n int) float64 { return (y - t) * y * (1 - y) }, "missing both the 2"},
		{"σ′(ŷ)", func(y, t float64, n int) float64 { return 2 * (y - t) / float64(n) * dl.Sigmoid.Deriv(y) }, "σ′ is evaluated at z"},
		{"other", func(y, t float64, n int) float64 { return y }, "backpropagation gives 0.0684121"},
		{"nil", nil, "the function is nil"},
		{"panics", func(y, t float64, n int) float64 { panic("oops") }, "panicked: oops"},
	} {
		got := CheckOutputDelta(c.delta)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want it to contain %q", c.name, got, c.want)
		}
		if c.name != "right" && !strings.HasPrefix(got, "✗ not yet: ") {
			t.Errorf("%s: %q does not start with ✗ not yet", c.name, got)
		}
	}
}
