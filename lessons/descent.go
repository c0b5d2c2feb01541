package lessons

import (
	"fmt"
	"math"
)

// This file holds the reference runs of lesson 05
// (notebooks/05-gradient-descent.ipynb), gradient descent on two quadratics
// of Dive into Deep Learning (Zhang, Lipton, Li & Smola): f(x) = x² in one
// dimension (section "Gradient Descent") and the ill-conditioned
// f(x₁, x₂) = 0.1·x₁² + 2·x₂² in two (section "Momentum", which opens with
// it). The notebook writes the loop itself;
// the tests run these functions to check the numbers it prints against the
// book's.

// GradientDescent runs steps updates of gradient descent with the constant
// learning rate η from start,
//
//	θₖ₊₁ = θₖ − η·∇f(θₖ),
//
// and returns every point visited: path[0] is start, path[k] the point
// after k steps. It panics if steps < 0 or grad returns a gradient of
// another length than θ.
func GradientDescent(grad func(theta []float64) []float64, start []float64, eta float64, steps int) [][]float64 {
	if steps < 0 {
		panic(fmt.Sprintf("lessons: GradientDescent: %d steps", steps))
	}
	path := make([][]float64, 0, steps+1)
	theta := append([]float64(nil), start...)
	path = append(path, theta)
	for range steps {
		g := grad(theta)
		if len(g) != len(theta) {
			panic(fmt.Sprintf("lessons: GradientDescent: gradient has %d entries, θ has %d", len(g), len(theta)))
		}
		next := make([]float64, len(theta))
		for i := range theta {
			next[i] = theta[i] - eta*g[i]
		}
		theta = next
		path = append(path, theta)
	}
	return path
}

// Square is f(x) = x², the one-dimensional example; its derivative is
// f′(x) = 2x and its curvature f″ = 2 everywhere.
func Square(x float64) float64 { return x * x }

// SquareGrad returns ∇f = (2x) for Square, in the form GradientDescent takes.
func SquareGrad(theta []float64) []float64 { return []float64{2 * theta[0]} }

// Ravine is f(x₁, x₂) = 0.1·x₁² + 2·x₂², a valley 20 times steeper across
// (x₂) than along (x₁): the two-dimensional example.
func Ravine(x1, x2 float64) float64 { return 0.1*x1*x1 + 2*x2*x2 }

// RavineGrad returns ∇f = (0.2·x₁, 4·x₂) for Ravine.
func RavineGrad(theta []float64) []float64 { return []float64{0.2 * theta[0], 4 * theta[1]} }

// Contraction returns the factor by which one step of gradient descent
// with learning rate η multiplies the distance to the minimum of a
// quadratic of curvature c = f″ along one of its principal axes:
//
//	f(x) = ½·c·x²,  f′(x) = c·x,  x − η·c·x = (1 − η·c)·x,
//
// so after k steps x is (1 − η·c)ᵏ·x₀. Descent converges along that axis
// exactly when |1 − η·c| < 1, that is 0 < η·c < 2: the stability limit
// η < 2/c. At η = 1/c one step lands on the minimum (Newton's step); between
// 1/c and 2/c the iterates overshoot and alternate in sign while shrinking;
// at η = 2/c they bounce between x₀ and −x₀ forever.
func Contraction(eta, c float64) float64 { return 1 - eta*c }

// ConditionNumber returns κ = λ_max/λ_min of positive curvatures, the ratio
// of the steepest to the flattest direction. It panics unless every
// curvature is positive.
func ConditionNumber(curvatures []float64) float64 {
	lo, hi := math.Inf(1), 0.0
	for _, c := range curvatures {
		if !(c > 0) {
			panic(fmt.Sprintf("lessons: ConditionNumber: curvature %v is not positive", c))
		}
		lo, hi = min(lo, c), max(hi, c)
	}
	if len(curvatures) == 0 {
		panic("lessons: ConditionNumber: no curvatures")
	}
	return hi / lo
}

// CheckStep checks exercise 05: step(x1, x2, eta) should return the point
// after one gradient-descent step on Ravine, f(x₁, x₂) = 0.1·x₁² + 2·x₂²:
//
//	(x₁, x₂) − η·∇f = (x₁ − η·0.2·x₁,  x₂ − η·4·x₂).
//
// It tries step at several points and learning rates and returns
// "✓ correct" with the point that 20 steps at η = 0.4 from (−5, −2) reach
// (Dive into Deep Learning's (−0.943467, −0.000073)), or "✗ not yet" with a
// hint naming the likely slip: a gradient without the factor 2 of the
// derivative, the step taken uphill, η left out, the two coordinates
// swapped or only one moved.
func CheckStep(step func(x1, x2, eta float64) (float64, float64)) (verdict string) {
	if step == nil {
		return "✗ not yet: the function is nil; write func step(x1, x2, eta float64) (float64, float64)"
	}
	type point struct{ x1, x2, eta float64 }
	tries := []point{{-5, -2, 0.4}, {3, 1, 0.1}, {-1.5, 2.5, 0.25}, {7, -0.5, 0.05}}
	slips := []struct {
		hint string
		f    func(x1, x2, eta float64) (float64, float64)
	}{
		{"the gradient lacks the factor 2: the derivative of 0.1·x₁² is 0.2·x₁, of 2·x₂² it is 4·x₂",
			func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.1*x1, x2 - eta*2*x2 }},
		{"the step goes uphill: subtract η times the gradient, do not add it",
			func(x1, x2, eta float64) (float64, float64) { return x1 + eta*0.2*x1, x2 + eta*4*x2 }},
		{"η is missing: the step is the gradient times the learning rate",
			func(x1, x2, eta float64) (float64, float64) { return x1 - 0.2*x1, x2 - 4*x2 }},
		{"the coefficients are swapped: x₁ has the gentle slope 0.2·x₁, x₂ the steep 4·x₂",
			func(x1, x2, eta float64) (float64, float64) { return x1 - eta*4*x1, x2 - eta*0.2*x2 }},
		{"the result is the step itself, η·∇f: return the new point (x₁, x₂) − η·∇f",
			func(x1, x2, eta float64) (float64, float64) { return eta * 0.2 * x1, eta * 4 * x2 }},
		{"only x₁ moves: x₂ needs its own step, x₂ − η·4·x₂",
			func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.2*x1, x2 }},
		{"only x₂ moves: x₁ needs its own step, x₁ − η·0.2·x₁",
			func(x1, x2, eta float64) (float64, float64) { return x1, x2 - eta*4*x2 }},
	}
	same := func(a1, a2, b1, b2 float64) bool {
		return math.Abs(a1-b1) <= 1e-9*(1+math.Abs(b1)) && math.Abs(a2-b2) <= 1e-9*(1+math.Abs(b2))
	}
	agrees := func(f func(x1, x2, eta float64) (float64, float64)) bool {
		for _, p := range tries {
			g1, g2, err := tryStep(step, p.x1, p.x2, p.eta)
			w1, w2 := f(p.x1, p.x2, p.eta)
			if err != nil || !same(g1, g2, w1, w2) {
				return false
			}
		}
		return true
	}
	for _, p := range tries {
		g1, g2, err := tryStep(step, p.x1, p.x2, p.eta)
		if err != nil {
			return fmt.Sprintf("✗ not yet: step(%g, %g, %g) panicked: %v", p.x1, p.x2, p.eta, err)
		}
		if math.IsNaN(g1) || math.IsNaN(g2) || math.IsInf(g1, 0) || math.IsInf(g2, 0) {
			return fmt.Sprintf("✗ not yet: step(%g, %g, %g) = (%v, %v); a step from a finite point stays finite", p.x1, p.x2, p.eta, g1, g2)
		}
	}
	reference := func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.2*x1, x2 - eta*4*x2 }
	if agrees(reference) {
		x1, x2 := -5.0, -2.0
		for range 20 {
			x1, x2 = step(x1, x2, 0.4)
		}
		return fmt.Sprintf("✓ correct: 20 steps at η = 0.4 from (−5, −2) reach (%.6f, %.6f), as in Dive into Deep Learning", x1, x2)
	}
	for _, s := range slips {
		if agrees(s.f) {
			return "✗ not yet: " + s.hint
		}
	}
	p := tries[0]
	g1, g2, _ := tryStep(step, p.x1, p.x2, p.eta)
	w1, w2 := reference(p.x1, p.x2, p.eta)
	return fmt.Sprintf("✗ not yet: step(%g, %g, %g) gives (%.6g, %.6g) but one step of gradient descent gives (%.6g, %.6g). "+
		"Hint: ∇f = (0.2·x₁, 4·x₂); return (x₁ − η·0.2·x₁, x₂ − η·4·x₂)", p.x1, p.x2, p.eta, g1, g2, w1, w2)
}

// tryStep calls the learner's step, turning a panic into an error.
func tryStep(step func(x1, x2, eta float64) (float64, float64), x1, x2, eta float64) (a, b float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	a, b = step(x1, x2, eta)
	return a, b, nil
}
