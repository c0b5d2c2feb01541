package lessons

import (
	"math"
	"strings"
	"testing"
)

func TestCheckTanhPrime(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(float64) float64
		want string // substring of the verdict
	}{
		{"reference", func(z float64) float64 { return 1 - math.Tanh(z)*math.Tanh(z) }, "✓ correct"},
		{"via cosh", func(z float64) float64 { c := math.Cosh(z); return 1 / (c * c) }, "✓ correct"},
		{"no square", func(z float64) float64 { return 1 - math.Tanh(z) }, "square the tanh"},
		{"plus", func(z float64) float64 { return 1 + math.Tanh(z)*math.Tanh(z) }, "sign is wrong"},
		{"tanh²", func(z float64) float64 { return math.Tanh(z) * math.Tanh(z) }, "1 minus that"},
		{"tanh", math.Tanh, "tanh itself"},
		{"sigmoid′", func(z float64) float64 { s := 1 / (1 + math.Exp(-z)); return s * (1 - s) }, "sigmoid's derivative"},
		{"other", func(z float64) float64 { return math.Exp(-z * z) }, "at z = "},
		{"panics", func(z float64) float64 { panic("boom") }, "panicked: boom"},
		{"NaN", func(z float64) float64 { return math.NaN() }, "finite"},
		{"nil", nil, "nil"},
	} {
		got := CheckTanhPrime(tc.f)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: verdict %q, want it to contain %q", tc.name, got, tc.want)
		}
		if tc.want != "✓ correct" && !strings.HasPrefix(got, "✗ not yet") {
			t.Errorf("%s: verdict %q does not start with ✗ not yet", tc.name, got)
		}
	}
}

// reference is the answer committed in notebook 02.
func reference(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64) {
	z := b
	for i := range w {
		z += w[i] * x[i]
	}
	yhat := 0.0
	if z > 0 {
		yhat = 1
	}
	for i := range w {
		w[i] += eta * (y - yhat) * x[i]
	}
	return w, b + eta*(y-yhat)
}

func TestCheckPerceptronUpdate(t *testing.T) {
	type upd = func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64)
	variant := func(ge bool, sign, etaOn, biasOn float64, always bool) upd {
		return func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64) {
			z := b
			for i := range w {
				z += w[i] * x[i]
			}
			yhat := 0.0
			if z > 0 || (ge && z == 0) {
				yhat = 1
			}
			e := y - yhat
			if always {
				e = y - z
			}
			step := sign * e
			if etaOn == 1 {
				step *= eta
			}
			for i := range w {
				w[i] += step * x[i]
			}
			return w, b + biasOn*step
		}
	}
	for _, tc := range []struct {
		name string
		f    upd
		want string
	}{
		{"reference", reference, "✓ correct"},
		{"≥ threshold", variant(true, 1, 1, 1, false), "exactly 0"},
		{"wrong sign", variant(false, -1, 1, 1, false), "wrong way"},
		{"no η", variant(false, 1, 0, 1, false), "learning rate η is missing"},
		{"no bias", variant(false, 1, 1, 0, false), "bias must be updated"},
		{"always updates", variant(false, 1, 1, 1, true), "not by (y − w·x − b)"},
		{"no update", func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64) { return w, b }, "must move"},
		{"short", func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64) { return w[:1], b }, "returned 1 weights"},
		{"panics", func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64) { panic("oops") }, "panicked"},
		{"nil", nil, "nil"},
	} {
		got := CheckPerceptronUpdate(tc.f)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: verdict %q, want it to contain %q", tc.name, got, tc.want)
		}
	}
}
