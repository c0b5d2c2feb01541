package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
)

// The checkers of lessons 01 and 02. Each takes the function a learner
// wrote in the notebook, tries it, and returns a one-line verdict:
// "✓ correct: …" or "✗ not yet: …" with a hint. A wrong answer, even one
// that panics, gives a verdict and never stops the notebook.

// CheckTanhPrime checks exercise 01: f(z) should return the derivative of
// tanh,
//
//	tanh′(z) = 1 − tanh²(z).
//
// It compares f with dl.Tanh.Deriv at 81 points of [−4, 4] (agreement to
// 1e-9 relative error passes) and names the likely slip otherwise: the
// square forgotten, 1 + tanh² instead of 1 − tanh², the sigmoid's
// derivative, or tanh itself.
func CheckTanhPrime(f func(z float64) float64) (verdict string) {
	if f == nil {
		return "✗ not yet: the function is nil; write func tanhPrime(z float64) float64"
	}
	slips := []struct {
		hint string
		g    func(z float64) float64
	}{
		{"it looks like 1 − tanh(z): square the tanh, 1 − tanh(z)·tanh(z)", func(z float64) float64 { return 1 - math.Tanh(z) }},
		{"it looks like 1 + tanh²(z): the sign is wrong, the slope must shrink as |z| grows", func(z float64) float64 { return 1 + math.Tanh(z)*math.Tanh(z) }},
		{"it looks like tanh²(z): the derivative is 1 minus that", func(z float64) float64 { return math.Tanh(z) * math.Tanh(z) }},
		{"that is tanh itself, not its slope", math.Tanh},
		{"that is the sigmoid's derivative σ(z)(1 − σ(z)); tanh′ is 1 − tanh²(z), four times larger at 0", dl.Sigmoid.Deriv},
	}
	worst, at := 0.0, 0.0
	for i := range 81 {
		z := -4 + 0.1*float64(i)
		v, err := tryLearner(func() float64 { return f(z) })
		if err != nil {
			return fmt.Sprintf("✗ not yet: tanhPrime(%g) panicked: %v", z, err)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("✗ not yet: tanhPrime(%g) = %v; the derivative is finite everywhere", z, v)
		}
		if e := dl.RelErr(v, dl.Tanh.Deriv(z)); e > worst {
			worst, at = e, z
		}
	}
	if worst <= 1e-9 {
		return fmt.Sprintf("✓ correct: tanhPrime matches 1 − tanh²(z) at 81 points of [−4, 4] (largest relative error %.1g); tanhPrime(0) = %g, its maximum", worst, f(0))
	}
	for _, s := range slips {
		if sameFunction(f, s.g) {
			return "✗ not yet: " + s.hint
		}
	}
	return fmt.Sprintf("✗ not yet: at z = %g tanhPrime gives %.6g but tanh′(z) = %.6g. Hint: differentiate tanh z = sinh z / cosh z, or use tanh′ = 1 − tanh²",
		at, f(at), dl.Tanh.Deriv(at))
}

// sameFunction reports whether f and g agree to 1e-9 on a grid of [−4, 4];
// a panic of f counts as disagreement.
func sameFunction(f, g func(float64) float64) bool {
	for i := range 41 {
		z := -4 + 0.2*float64(i)
		v, err := tryLearner(func() float64 { return f(z) })
		if err != nil || dl.RelErr(v, g(z)) > 1e-9 {
			return false
		}
	}
	return true
}

// CheckPerceptronUpdate checks exercise 02: update(w, b, x, y, eta) should
// apply Rosenblatt's rule for one example and return the new weights and
// bias,
//
//	ŷ = 1 if w·x + b > 0, else 0
//	w ← w + η (y − ŷ) x,   b ← b + η (y − ŷ).
//
// It trains a perceptron with update on AND, OR, NAND and 40 random
// linearly separable points (η = 1 and η = 0.5), visiting the examples in
// order epoch after epoch exactly as dl.Perceptron.Train does, and compares
// the weights after every visit with dl's. The hint names the likely slip:
// updating on every example, the wrong sign, a forgotten bias or learning
// rate, or a threshold of ≥ instead of >.
func CheckPerceptronUpdate(update func(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64)) (verdict string) {
	if update == nil {
		return "✗ not yet: the function is nil; write func update(w []float64, b float64, x []float64, y, eta float64) ([]float64, float64)"
	}
	type dataset struct {
		name string
		x    [][]float64
		y    []float64
	}
	var sets []dataset
	for _, g := range []struct {
		name string
		f    func() ([][]float64, []float64)
	}{
		{"AND", func() ([][]float64, []float64) { return Examples(AND()) }},
		{"OR", func() ([][]float64, []float64) { return Examples(OR()) }},
		{"NAND", func() ([][]float64, []float64) { return Examples(NAND()) }},
		{"40 separable points", func() ([][]float64, []float64) {
			return Examples(LinearlySeparable(40, 0.1, rand.New(rand.NewPCG(7, 7))))
		}},
	} {
		x, y := g.f()
		sets = append(sets, dataset{g.name, x, y})
	}
	for _, eta := range []float64{1, 0.5} {
		for _, s := range sets {
			ref := dl.Perceptron{LearningRate: eta}
			res := ref.Train(s.x, s.y, 0)
			w := make([]float64, len(s.x[0]))
			b := 0.0
			for k, u := range res.Updates {
				xi := s.x[u.Index]
				before := append([]float64(nil), w...)
				type out struct {
					w []float64
					b float64
				}
				o, err := tryLearner(func() out {
					nw, nb := update(append([]float64(nil), w...), b, append([]float64(nil), xi...), s.y[u.Index], eta)
					return out{nw, nb}
				})
				if err != nil {
					return fmt.Sprintf("✗ not yet: update panicked on %s, example %v: %v", s.name, xi, err)
				}
				if len(o.w) != len(w) {
					return fmt.Sprintf("✗ not yet: update returned %d weights, want %d (one per input)", len(o.w), len(w))
				}
				if !closeTo(o.w, u.W) || math.Abs(o.b-u.B) > 1e-12 {
					return fmt.Sprintf("✗ not yet: on %s (η = %g), visit %d, example x = %v with label %g and w = %s, b = %g: update gave w = %s, b = %g, but Rosenblatt's rule gives w = %s, b = %g. %s",
						s.name, eta, k+1, xi, s.y[u.Index], formatWeights(before), b, formatWeights(o.w), o.b, formatWeights(u.W), u.B,
						updateHint(before, b, xi, s.y[u.Index], eta, o.w, o.b, u))
				}
				w, b = o.w, o.b
			}
		}
	}
	return "✓ correct: your update reproduces dl.Perceptron on AND, OR, NAND and 40 random separable points, with η = 1 and η = 0.5, visit by visit"
}

// updateHint guesses what went wrong in one visit.
func updateHint(w []float64, b float64, x []float64, y, eta float64, gotW []float64, gotB float64, want dl.PerceptronUpdate) string {
	z := b
	for i := range w {
		z += w[i] * x[i]
	}
	d := make([]float64, len(w))
	for i := range w {
		d[i] = gotW[i] - w[i]
	}
	if e := eta * (y - z); closeTo(d, scale(x, e)) && math.Abs(gotB-b-e) < 1e-12 {
		return "Hint: multiply by (y − ŷ) with ŷ = step(w·x + b), which is 0 or 1, not by (y − w·x − b): the perceptron only reacts to mistakes."
	}
	switch {
	case !want.Mistake && (!closeTo(gotW, w) || gotB != b):
		if z == 0 {
			return "Hint: the score w·x + b is exactly 0 here, which the perceptron classifies as 0 (step(z) = 1 only for z > 0)."
		}
		return "Hint: this example is already classified correctly, so nothing should change: multiply by (y − ŷ) with ŷ = step(w·x + b), not by (y − w·x − b)."
	case want.Mistake && closeTo(gotW, w) && gotB == b:
		return "Hint: the example is misclassified (ŷ ≠ y), so w and b must move; compute ŷ = 1 if w·x + b > 0, else 0."
	case want.Mistake && math.Abs(gotB-b) < 1e-15:
		return "Hint: the bias must be updated too: b ← b + η(y − ŷ)."
	}
	wd := make([]float64, len(w))
	for i := range w {
		wd[i] = want.W[i] - w[i]
	}
	switch {
	case closeTo(d, scale(wd, -1)):
		return "Hint: the step goes the wrong way: it is +η(y − ŷ)x, which moves the line towards a misclassified point's side."
	case eta != 1 && closeTo(d, scale(wd, 1/eta)):
		return "Hint: the learning rate η is missing from the step."
	}
	return "Hint: ŷ = step(w·x + b); then w ← w + η(y − ŷ)x and b ← b + η(y − ŷ)."
}

func closeTo(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12 {
			return false
		}
	}
	return true
}

func scale(v []float64, s float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = s * v[i]
	}
	return out
}
