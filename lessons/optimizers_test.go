package lessons_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// TestRavineMomentumD2L checks lesson 07's claim from d2l's section
// "Momentum": on f = 0.1x₁² + 2x₂² from (−5, −2), η = 0.6 and 20 steps,
// momentum 0.5 ends at (0.007188, 0.002553), where plain gradient descent
// diverges to (−0.387814, −1673.365109). dl.SGD's v ← μv + g, w ← w − ηv is
// d2l's form, so the numbers agree to the last printed digit.
func TestRavineMomentumD2L(t *testing.T) {
	w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.5}, 0.6, 20)
	if got := fmt.Sprintf("(%.6f, %.6f)", w1[20], w2[20]); got != "(0.007188, 0.002553)" {
		t.Errorf("momentum: %s, d2l prints (0.007188, 0.002553)", got)
	}
	if got := fmt.Sprintf("%.2g", lessons.Ravine(w1[20], w2[20])); got != "1.8e-05" {
		t.Errorf("momentum: f = %s", got)
	}
	w1, w2 = lessons.RavinePath(&dl.SGD{}, 0.6, 20)
	if got := fmt.Sprintf("(%.6f, %.6f)", w1[20], w2[20]); got != "(-0.387814, -1673.365109)" {
		t.Errorf("gradient descent: %s", got)
	}
	// The learner's loop with the reference momentum gives the same bits.
	x1, x2, v1, v2 := -5.0, -2.0, 0.0, 0.0
	mom := func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w - eta*v, v }
	for range 20 {
		g1, g2 := 0.2*x1, 4*x2
		x1, v1 = mom(x1, v1, g1, 0.6, 0.5)
		x2, v2 = mom(x2, v2, g2, 0.6, 0.5)
	}
	if w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.5}, 0.6, 20); x1 != w1[20] || x2 != w2[20] {
		t.Errorf("the notebook's loop gives (%v, %v), dl.SGD (%v, %v)", x1, x2, w1[20], w2[20])
	}
}

// TestRavineOptimizers checks the four paths of lesson 07's figure and the
// Nesterov run at η = 0.6 that the text says diverges.
func TestRavineOptimizers(t *testing.T) {
	for _, c := range []struct {
		opt  dl.Optimizer
		eta  float64
		want string
	}{
		{&dl.SGD{Momentum: 0.5}, 0.6, "( 0.007188,  0.002553), f = 1.8e-05"},
		{&dl.SGD{Momentum: 0.5, Nesterov: true}, 0.3, "(-0.341872, -0.000003), f = 0.012"},
		{&dl.RMSProp{}, 0.4, "(-0.010598,  0.000000), f = 1.1e-05"},
		{&dl.Adam{}, 0.6, "( 1.279979, -0.456915), f = 0.58"},
	} {
		w1, w2 := lessons.RavinePath(c.opt, c.eta, 20)
		got := fmt.Sprintf("(%9.6f, %9.6f), f = %.2g", w1[20], w2[20], lessons.Ravine(w1[20], w2[20]))
		if got != c.want {
			t.Errorf("%T η = %g: %s, want %s", c.opt, c.eta, got, c.want)
		}
	}
	w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.5, Nesterov: true}, 0.6, 20)
	if got := fmt.Sprintf("(%.6f, %.4g)", w1[20], w2[20]); got != "(-0.002408, -8.14e+07)" {
		t.Errorf("Nesterov η = 0.6: %s", got)
	}
	// The text's reason: on a quadratic of curvature λ, Nesterov's form is
	// stable for ηλ < 2(1+μ)/(1+2μ) = 1.5 at μ = 0.5 (η < 0.375 for λ = 4),
	// classical momentum for ηλ < 2(1+μ) = 3 (η < 0.75).
	for _, c := range []struct {
		nesterov bool
		eta      float64
		grows    bool
	}{{true, 0.37, false}, {true, 0.38, true}, {false, 0.74, false}, {false, 0.76, true}} {
		_, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.5, Nesterov: c.nesterov}, c.eta, 400)
		if grows := math.Abs(w2[400]) > 2; grows != c.grows {
			t.Errorf("Nesterov %v η = %g: |x₂| after 400 steps = %g", c.nesterov, c.eta, math.Abs(w2[400]))
		}
	}
}

// TestRaceRatesAreBest runs the grid behind lesson 07's race: every
// optimizer at every rate 0.001, 0.003, …, 1 over the five seeds; the rate
// of OptRaceEntries must have the lowest median final loss.
func TestRaceRatesAreBest(t *testing.T) {
	if testing.Short() {
		t.Skip("175 training runs")
	}
	grid := []float64{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1}
	for _, o := range lessons.OptRaceEntries() {
		best, bestRate := math.Inf(1), 0.0
		var line []string
		for _, lr := range grid {
			_, final := lessons.OptRaceMedians(o.New, lr, lessons.OptRaceSeeds())
			m := lessons.Median(final)
			line = append(line, fmt.Sprintf("%g: %.3f", lr, m))
			if m < best {
				best, bestRate = m, lr
			}
		}
		t.Logf("%s: %s", o.Name, strings.Join(line, ", "))
		if o.Name == "SGD" && line[4] != "0.1: 0.231" {
			t.Errorf("SGD at η = 0.1: %s, the notebook says 0.231", line[4])
		}
		if bestRate != o.Rate {
			t.Errorf("%s: best rate %g, the race uses %g", o.Name, bestRate, o.Rate)
		}
	}
}

// TestRace checks the race's printed lines.
func TestRace(t *testing.T) {
	want := map[string]string{
		"SGD":          "median 0.096, range 0.086 to 0.109",
		"momentum 0.9": "median 0.058, range 0.043 to 0.096",
		"Nesterov 0.9": "median 0.048, range 0.042 to 0.054",
		"RMSProp":      "median 0.033, range 0.030 to 0.115",
		"Adam":         "median 0.033, range 0.026 to 0.040",
	}
	for _, o := range lessons.OptRaceEntries() {
		median, final := lessons.OptRaceMedians(o.New, o.Rate, lessons.OptRaceSeeds())
		got := fmt.Sprintf("median %.3f, range %.3f to %.3f", median[len(median)-1], minOf(final), maxOf(final))
		if got != want[o.Name] {
			t.Errorf("%s: %s, want %s", o.Name, got, want[o.Name])
		}
	}
}

func minOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// TestCheckMomentum: the reference answer passes, and every slip the
// checker knows, plus an arbitrary wrong answer and a panic, is caught.
func TestCheckMomentum(t *testing.T) {
	ref := func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w - eta*v, v }
	if got := lessons.CheckMomentum(ref); !strings.HasPrefix(got, "✓") {
		t.Errorf("reference: %s", got)
	}
	for name, c := range map[string]struct {
		f    func(w, v, g, eta, mu float64) (float64, float64)
		hint string
	}{
		"no μ":       {func(w, v, g, eta, mu float64) (float64, float64) { v = v + g; return w - eta*v, v }, "forgets nothing"},
		"old v":      {func(w, v, g, eta, mu float64) (float64, float64) { return w - eta*v, mu*v + g }, "old velocity"},
		"plain step": {func(w, v, g, eta, mu float64) (float64, float64) { return w - eta*g, mu*v + g }, "plain gradient step"},
		"uphill":     {func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w + eta*v, v }, "uphill"},
		"Sutskever":  {func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v - eta*g; return w + v, v }, "Sutskever"},
		"average":    {func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + (1-mu)*g; return w - eta*v, v }, "(1 − μ)"},
		"other":      {func(w, v, g, eta, mu float64) (float64, float64) { return w, v }, "it should be (0.755, 2.45)"},
		"panics":     {func(w, v, g, eta, mu float64) (float64, float64) { panic("todo") }, "panicked"},
	} {
		got := lessons.CheckMomentum(c.f)
		if !strings.HasPrefix(got, "✗") || !strings.Contains(got, c.hint) {
			t.Errorf("%s: %q, want a ✗ naming %q", name, got, c.hint)
		}
	}
	if got := lessons.CheckMomentum(nil); !strings.HasPrefix(got, "✗") {
		t.Errorf("nil: %s", got)
	}
}

// TestRavineMomentum09 checks the try-it with μ = 0.9, η = 0.6: x₁ reaches
// 3.15, and after 20 steps the path is at (−1.192, −1.118).
func TestRavineMomentum09(t *testing.T) {
	w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.9}, 0.6, 20)
	if got := fmt.Sprintf("%.2f (%.3f, %.3f)", maxOf(w1), w1[20], w2[20]); got != "3.15 (-1.192, -1.118)" {
		t.Errorf("μ = 0.9: %s", got)
	}
}

// TestRavineMomentumSlider backs the text of lesson 07's slider (η = 0.6,
// 20 steps, μ in hundredths): up to μ = 0.2 the zigzag grows (|x₂| > 2 after
// 20 steps, against 2 at the start; at 0.2 both roots are −1 and it grows
// linearly), and of μ = 0, 0.05, …, 0.95 the path
// ends closest to the minimum at μ = 0.45.
func TestRavineMomentumSlider(t *testing.T) {
	best, bestMu := math.Inf(1), 0.0
	for v := 0; v <= 95; v += 5 {
		mu := float64(v) / 100
		w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: mu}, 0.6, 20)
		if grows := math.Abs(w2[20]) > 2; grows != (mu <= 0.2) {
			t.Errorf("μ = %g: |x₂| after 20 steps = %g", mu, math.Abs(w2[20]))
		}
		if f := lessons.Ravine(w1[20], w2[20]); f < best {
			best, bestMu = f, mu
		}
	}
	if bestMu != 0.45 {
		t.Errorf("closest to the minimum at μ = %g", bestMu)
	}
}
