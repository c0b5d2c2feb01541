package lessons_test

import (
	"fmt"

	"github.com/introdl/introdl/lessons"
)

// Dive into Deep Learning's first example: f(x) = x² from x = 10, 10 steps
// with η = 0.2. Each step multiplies x by 1 − η·f″ = 0.6.
func ExampleGradientDescent() {
	path := lessons.GradientDescent(lessons.SquareGrad, []float64{10}, 0.2, 10)
	fmt.Printf("x₁ = %.4g, x₂ = %.4g, x₁₀ = %.6f\n", path[1][0], path[2][0], path[10][0])
	// Output:
	// x₁ = 6, x₂ = 3.6, x₁₀ = 0.060466
}

// The stability limit η < 2/f″ for f(x) = x² (f″ = 2): below 1 the factor
// shrinks x, at 1 it flips its sign forever, above 1 it grows.
func ExampleContraction() {
	for _, eta := range []float64{0.2, 0.5, 0.9, 1, 1.1} {
		fmt.Printf("η = %-3g factor %+.1f\n", eta, lessons.Contraction(eta, 2))
	}
	// Output:
	// η = 0.2 factor +0.6
	// η = 0.5 factor +0.0
	// η = 0.9 factor -0.8
	// η = 1   factor -1.0
	// η = 1.1 factor -1.2
}

// The curvatures of the ravine 0.1·x₁² + 2·x₂², its condition number and
// the largest stable learning rate.
func ExampleHessian() {
	lambda := lessons.Eigenvalues(lessons.Hessian(lessons.RavineGrad, []float64{-5, -2}))
	fmt.Printf("λ = %.4g and %.4g, κ = %.4g, 2/λ_max = %.4g\n", lambda[0], lambda[1], lessons.ConditionNumber(lambda), 2/lambda[1])
	// Output:
	// λ = 0.2 and 4, κ = 20, 2/λ_max = 0.5
}

// A learner's step that forgot the factor 2 of the derivative.
func ExampleCheckStep() {
	noTwo := func(x1, x2, eta float64) (float64, float64) { return x1 - eta*0.1*x1, x2 - eta*2*x2 }
	fmt.Println(lessons.CheckStep(noTwo))
	// Output:
	// ✗ not yet: the gradient lacks the factor 2: the derivative of 0.1·x₁² is 0.2·x₁, of 2·x₂² it is 4·x₂
}
