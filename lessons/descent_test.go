package lessons_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// round6 formats v as the notebook prints it, with 6 decimals.
func round6(v float64) string { return fmt.Sprintf("%.6f", v) }

// TestDescentSquareD2L checks the 1-D runs of lesson 05 against the values
// Dive into Deep Learning (section "Gradient Descent") prints for f(x) = x²
// from x = 10 after 10 steps.
func TestDescentSquareD2L(t *testing.T) {
	for _, c := range []struct {
		eta  float64
		want string
	}{
		{0.2, "0.060466"},
		{0.05, "3.486784"},
		{1.1, "61.917364"},
	} {
		path := lessons.GradientDescent(lessons.SquareGrad, []float64{10}, c.eta, 10)
		if got := round6(path[10][0]); got != c.want {
			t.Errorf("η = %g: x after 10 steps = %s, d2l prints %s", c.eta, got, c.want)
		}
		// The closed form of the derivation in the notebook: x₁₀ = (1 − 2η)¹⁰·x₀.
		if closed := math.Pow(lessons.Contraction(c.eta, 2), 10) * 10; math.Abs(closed-path[10][0]) > 1e-12*math.Abs(closed) {
			t.Errorf("η = %g: x₁₀ = %v, (1 − η·f″)¹⁰·x₀ = %v", c.eta, path[10][0], closed)
		}
		if got := fmt.Sprintf("%.6g", lessons.Square(path[10][0])); c.eta == 0.2 && got != "0.00365616" {
			t.Errorf("η = 0.2: f(x₁₀) = %s, the notebook prints 0.00365616", got)
		}
	}
	// The other two f values the notebook prints.
	for eta, want := range map[float64]string{0.05: "12.1577", 1.1: "3833.76"} {
		path := lessons.GradientDescent(lessons.SquareGrad, []float64{10}, eta, 10)
		if got := fmt.Sprintf("%.6g", lessons.Square(path[10][0])); got != want {
			t.Errorf("η = %g: f(x₁₀) = %s, want %s", eta, got, want)
		}
	}
}

// TestStabilityLimitSquare checks the stability limit at its boundary for
// f(x) = x² (f″ = 2, so η < 2/f″ = 1): at η = 1 the iterates bounce between
// 10 and −10 exactly, just below they shrink, just above they grow; η = 0.5
// (= 1/f″) lands on the minimum in one step.
func TestStabilityLimitSquare(t *testing.T) {
	run := func(eta float64) [][]float64 {
		return lessons.GradientDescent(lessons.SquareGrad, []float64{10}, eta, 10)
	}
	at := run(1)
	for k, p := range at {
		want := 10.0
		if k%2 == 1 {
			want = -10
		}
		if p[0] != want {
			t.Fatalf("η = 1: x%d = %v, want %v (bouncing forever)", k, p[0], want)
		}
	}
	if got := run(0.5); got[1][0] != 0 || got[10][0] != 0 {
		t.Errorf("η = 0.5: x₁ = %v, x₁₀ = %v, want 0 (one Newton step)", got[1][0], got[10][0])
	}
	for _, c := range []struct {
		eta  float64
		want string // |x₁₀| as the notebook prints it
	}{
		{0.5, "0.000000"}, {0.99, "8.170728"}, {1, "10.000000"}, {1.01, "12.189944"},
	} {
		x := run(c.eta)[10][0]
		if got := round6(math.Abs(x)); got != c.want {
			t.Errorf("η = %g: |x₁₀| = %s, want %s", c.eta, got, c.want)
		}
		if got, want := fmt.Sprintf("%+.2f", lessons.Contraction(c.eta, 2)), map[float64]string{0.5: "+0.00", 0.99: "-0.98", 1: "-1.00", 1.01: "-1.02"}[c.eta]; got != want {
			t.Errorf("η = %g: factor 1 − η·f″ = %s, want %s", c.eta, got, want)
		}
	}
	// Below the limit the distance shrinks at every step, above it grows.
	for _, eta := range []float64{0.999, 1.001} {
		p := run(eta)
		for k := 1; k < len(p); k++ {
			shrinks := math.Abs(p[k][0]) < math.Abs(p[k-1][0])
			if shrinks != (eta < 1) {
				t.Errorf("η = %g, step %d: |x| %v → %v", eta, k, p[k-1][0], p[k][0])
			}
		}
	}
}

// TestDescentRavineD2L checks the 2-D runs against the values d2l's section
// "Momentum" prints for f = 0.1·x₁² + 2·x₂² from (−5, −2) after 20 steps.
func TestDescentRavineD2L(t *testing.T) {
	for _, c := range []struct {
		eta    float64
		x1, x2 string
	}{
		{0.4, "-0.943467", "-0.000073"},
		{0.6, "-0.387814", "-1673.365109"},
	} {
		path := lessons.GradientDescent(lessons.RavineGrad, []float64{-5, -2}, c.eta, 20)
		end := path[20]
		if round6(end[0]) != c.x1 || round6(end[1]) != c.x2 {
			t.Errorf("η = %g: (%s, %s) after 20 steps, d2l prints (%s, %s)", c.eta, round6(end[0]), round6(end[1]), c.x1, c.x2)
		}
		// dl.SGD takes the same steps: the notebook's loop is plain SGD.
		w1, w2 := lessons.DescentPath(&dl.SGD{}, c.eta, 20, [2]float64{-5, -2}, func(a, b float64) (float64, float64) {
			g := lessons.RavineGrad([]float64{a, b})
			return g[0], g[1]
		})
		if round6(w1[20]) != c.x1 || round6(w2[20]) != c.x2 {
			t.Errorf("η = %g: dl.SGD reaches (%v, %v)", c.eta, w1[20], w2[20])
		}
		// And the learner's reference step of the exercise.
		x1, x2 := -5.0, -2.0
		for range 20 {
			x1, x2 = referenceStep(x1, x2, c.eta)
		}
		if round6(x1) != c.x1 || round6(x2) != c.x2 {
			t.Errorf("η = %g: the exercise's reference step reaches (%v, %v)", c.eta, x1, x2)
		}
	}
}

func referenceStep(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.2*x1, x2 - eta*4*x2 }

// TestRavineCurvatures checks what the notebook computes about the ravine:
// Hessian eigenvalues 0.2 and 4, condition number 20, the largest stable
// rate 2/λ_max = 0.5, the best constant rate 2/(λ_min + λ_max) ≈ 0.476 with
// factor (κ − 1)/(κ + 1) ≈ 0.905, and the boundary in 2-D: 0.49 converges
// after 100 steps, 0.51 diverges along x₂.
func TestRavineCurvatures(t *testing.T) {
	h := lessons.Hessian(lessons.RavineGrad, []float64{-5, -2})
	ev := lessons.Eigenvalues(h)
	if math.Abs(ev[0]-0.2) > 1e-9 || math.Abs(ev[1]-4) > 1e-9 {
		t.Fatalf("eigenvalues %v, want 0.2 and 4", ev)
	}
	if got := fmt.Sprintf("%.4g %.4g", ev[0], ev[1]); got != "0.2 4" {
		t.Errorf("printed eigenvalues %q, want \"0.2 4\"", got)
	}
	kappa := lessons.ConditionNumber(ev)
	if got := fmt.Sprintf("%.4g", kappa); got != "20" {
		t.Errorf("κ = %s, want 20", got)
	}
	if got := fmt.Sprintf("%.4g", 2/ev[1]); got != "0.5" {
		t.Errorf("2/λ_max = %s, want 0.5", got)
	}
	best := 2 / (ev[0] + ev[1])
	if got := fmt.Sprintf("%.3f %.3f", best, (kappa-1)/(kappa+1)); got != "0.476 0.905" {
		t.Errorf("best rate and factor %s, want 0.476 0.905", got)
	}
	// At the best rate both directions shrink by the same factor.
	if a, b := math.Abs(lessons.Contraction(best, ev[0])), math.Abs(lessons.Contraction(best, ev[1])); math.Abs(a-b) > 1e-12 || math.Abs(a-(kappa-1)/(kappa+1)) > 1e-12 {
		t.Errorf("factors at η = 2/(λ_min+λ_max): %v and %v", a, b)
	}
	// The slowest direction shrinks by at least 1 − 2/κ = 0.9 per step at any stable rate.
	if got := fmt.Sprintf("%.2f", lessons.Contraction(2/ev[1], ev[0])); got != "0.90" {
		t.Errorf("x₁'s factor at η = 0.5 is %s, want 0.90", got)
	}
	for _, c := range []struct {
		eta  float64
		want string // |x₂| after 100 steps
	}{{0.49, "0.0337"}, {0.51, "101"}} {
		end := lessons.GradientDescent(lessons.RavineGrad, []float64{-5, -2}, c.eta, 100)[100]
		if got := fmt.Sprintf("%.3g", math.Abs(end[1])); got != c.want {
			t.Errorf("η = %g: |x₂| after 100 steps = %s, want %s", c.eta, got, c.want)
		}
	}
}

// TestHessianOfNet checks lessons.Hessian on a net against a Hessian from
// second differences of the loss itself (a different route), at the start
// of XOR seed 0.
func TestHessianOfNet(t *testing.T) {
	x, y := lessons.XOR()
	net := lessons.NewXORNet(2, 0)
	theta := lessons.ParamVector(net)
	loss := lessons.LossFunc(net.Clone(), dl.MSE{}, x, y)
	h := lessons.Hessian(lessons.GradFunc(net.Clone(), dl.MSE{}, x, y), theta)
	const e = 1e-4
	at := func(i, j int, si, sj float64) float64 {
		t := append([]float64(nil), theta...)
		t[i] += si * e
		t[j] += sj * e
		return loss(t)
	}
	for i := range theta {
		for j := range theta {
			want := (at(i, j, 1, 1) - at(i, j, 1, -1) - at(i, j, -1, 1) + at(i, j, -1, -1)) / (4 * e * e)
			if got := h.At(i, j); math.Abs(got-want) > 1e-5 {
				t.Errorf("H[%d][%d] = %.8f, second differences give %.8f", i, j, got, want)
			}
		}
	}
	if !mat.EqualApprox(h, h.T(), 0) {
		t.Error("Hessian is not symmetric")
	}
}

func TestCheckStep(t *testing.T) {
	if v := lessons.CheckStep(referenceStep); !strings.HasPrefix(v, "✓ correct") ||
		!strings.Contains(v, "(-0.943467, -0.000073)") {
		t.Errorf("the reference answer gets %q", v)
	}
	for name, c := range map[string]struct {
		step func(x1, x2, eta float64) (float64, float64)
		hint string
	}{
		"no factor 2": {func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.1*x1, x2 - eta*2*x2 }, "factor 2"},
		"uphill":      {func(x1, x2, eta float64) (float64, float64) { return x1 + eta*0.2*x1, x2 + eta*4*x2 }, "uphill"},
		"no eta":      {func(x1, x2, eta float64) (float64, float64) { return x1 - 0.2*x1, x2 - 4*x2 }, "η is missing"},
		"swapped":     {func(x1, x2, eta float64) (float64, float64) { return x1 - eta*4*x1, x2 - eta*0.2*x2 }, "swapped"},
		"the step":    {func(x1, x2, eta float64) (float64, float64) { return eta * 0.2 * x1, eta * 4 * x2 }, "the step itself"},
		"only x1":     {func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.2*x1, x2 }, "only x₁ moves"},
		"only x2":     {func(x1, x2, eta float64) (float64, float64) { return x1, x2 - eta*4*x2 }, "only x₂ moves"},
		"other":       {func(x1, x2, eta float64) (float64, float64) { return x1 - eta*x1, x2 - eta*x2 }, "Hint: ∇f = (0.2·x₁, 4·x₂)"},
		"panics":      {func(x1, x2, eta float64) (float64, float64) { panic("todo") }, "panicked: todo"},
		"NaN":         {func(x1, x2, eta float64) (float64, float64) { return math.NaN(), x2 }, "stays finite"},
		"nil":         {nil, "the function is nil"},
	} {
		v := lessons.CheckStep(c.step)
		if !strings.HasPrefix(v, "✗ not yet") || !strings.Contains(v, c.hint) {
			t.Errorf("%s: verdict %q, want ✗ with %q", name, v, c.hint)
		}
	}
}

func TestConditionNumberPanics(t *testing.T) {
	for _, c := range [][]float64{nil, {1, 0}, {-1, 2}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ConditionNumber(%v) did not panic", c)
				}
			}()
			lessons.ConditionNumber(c)
		}()
	}
}

// TestDescentTextClaims checks the smaller statements of sections 1 and 2.
func TestDescentTextClaims(t *testing.T) {
	// η = 1.1: factor −1.2, and 10·1.2¹⁰ = 61.9.
	if got := fmt.Sprintf("%+.1f %.1f", lessons.Contraction(1.1, 2), 10*math.Pow(1.2, 10)); got != "-1.2 61.9" {
		t.Errorf("got %s", got)
	}
	// Factors 0.6 and 0.9 for η = 0.2 and 0.05; −0.8 for the try-it η = 0.9.
	if got := fmt.Sprintf("%.1f %.1f %.1f", lessons.Contraction(0.2, 2), lessons.Contraction(0.05, 2), lessons.Contraction(0.9, 2)); got != "0.6 0.9 -0.8" {
		t.Errorf("got %s", got)
	}
	// η = 0.05 leaves x at 3.5.
	if got := fmt.Sprintf("%.1f", lessons.GradientDescent(lessons.SquareGrad, []float64{10}, 0.05, 10)[10][0]); got != "3.5" {
		t.Errorf("η = 0.05: x₁₀ = %s", got)
	}
	// The valley is 20 times steeper across than along.
	if h := lessons.Eigenvalues(lessons.Hessian(lessons.RavineGrad, []float64{1, 1})); math.Abs(h[1]/h[0]-20) > 1e-9 {
		t.Errorf("curvature ratio %v", h[1]/h[0])
	}
	// η = 0.6: x₂ leaves the picture (|x₂| ≤ 3) after two steps.
	p := lessons.GradientDescent(lessons.RavineGrad, []float64{-5, -2}, 0.6, 2)
	if math.Abs(p[1][1]) > 3 || math.Abs(p[2][1]) <= 3 {
		t.Errorf("η = 0.6: x₂ = %v, %v", p[1][1], p[2][1])
	}
	// Above η = 0.25 = 1/λ_max the factor of x₂ is negative (zigzag), above 0.5 below −1.
	for _, c := range []struct {
		eta       float64
		zig, grow bool
	}{{0.24, false, false}, {0.26, true, false}, {0.49, true, false}, {0.51, true, true}} {
		f := lessons.Contraction(c.eta, 4)
		if (f < 0) != c.zig || (f < -1) != c.grow {
			t.Errorf("η = %v: factor %v", c.eta, f)
		}
	}
	// Try it: from (−5, 0) with η = 0.6, x₂ stays 0 and x₁ reaches −0.387814.
	end := lessons.GradientDescent(lessons.RavineGrad, []float64{-5, 0}, 0.6, 20)[20]
	if round6(end[0]) != "-0.387814" || end[1] != 0 {
		t.Errorf("from (−5, 0): %v", end)
	}
}
