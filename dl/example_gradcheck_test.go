package dl_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// GradCheck compares backpropagation with finite differences on a small
// net. A relative error around 1e-8 means Backward is right.
func ExampleGradCheck() {
	rng := rand.New(rand.NewPCG(7, 7))
	net := dl.NewMLP([]int{3, 4, 2}, dl.Tanh, dl.Identity, nil, rng)
	x := mat.NewDense(5, 3, nil)
	for i := range 5 {
		for j := range 3 {
			x.Set(i, j, rng.NormFloat64())
		}
	}
	y := mat.NewDense(5, 2, []float64{1, 0, 0, 1, 1, 0, 1, 0, 0, 1})
	maxErr := dl.GradCheck(net, dl.SoftmaxCrossEntropy{}, x, y, 0)
	fmt.Println("backprop agrees with finite differences:", maxErr < 1e-6)

	analytic, numeric := dl.GradCheckValues(net, dl.SoftmaxCrossEntropy{}, x, y, 0)
	fmt.Printf("∂L/∂W[0][0]: backprop %.8f, finite differences %.8f\n", analytic[0], numeric[0])
	// Output:
	// backprop agrees with finite differences: true
	// ∂L/∂W[0][0]: backprop 0.05647685, finite differences 0.05647685
}

// CheckDerivative tests a derivative formula; here a correct one and a
// classic slip.
func ExampleCheckDerivative() {
	xs := []float64{-2, -0.5, 0.5, 2}
	good := dl.CheckDerivative(math.Tanh, func(x float64) float64 { return 1 - math.Tanh(x)*math.Tanh(x) }, xs, 0)
	bad := dl.CheckDerivative(math.Tanh, func(x float64) float64 { return 1 - math.Tanh(x) }, xs, 0)
	fmt.Println("1 − tanh²:", good < 1e-6)
	fmt.Println("1 − tanh: ", bad < 1e-6)
	// Output:
	// 1 − tanh²: true
	// 1 − tanh:  false
}

// RelErr is the measure GradCheck reports: relative for ordinary values,
// absolute (times 1e4) for values near zero.
func ExampleRelErr() {
	fmt.Printf("%.1e\n", dl.RelErr(0.5, 0.5000001))
	fmt.Printf("%.1e\n", dl.RelErr(1e-9, 3e-9)) // tiny values: |a−n| / 1e-4
	fmt.Printf("%.1f\n", dl.RelErr(1, -1))      // opposite signs: the maximum, 1
	// Output:
	// 1.0e-07
	// 2.0e-05
	// 1.0
}
