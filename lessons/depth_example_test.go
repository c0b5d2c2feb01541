package lessons_test

import (
	"fmt"
	"math"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

func ExampleBumpNet() {
	// 11 bumps of width 0.1 centred on 0, 0.1, …, 1, each as high as x² at its centre.
	square := func(x float64) float64 { return x * x }
	net := lessons.BumpNet(square, 10)
	fmt.Println(net)
	fmt.Printf("at 0.5: %.4f (0.25); largest error on [0, 1]: %.3f\n", lessons.Func(net)(0.5), lessons.MaxError(net, square))
	// Output:
	// 1-22-1 (sigmoid, identity)
	// at 0.5: 0.2500 (0.25); largest error on [0, 1]: 0.087
}

func ExampleReLUNet() {
	// Straight lines between the 5 knots 0, 0.25, …, 1 of sin(πx).
	f := func(x float64) float64 { return math.Sin(math.Pi * x) }
	net := lessons.ReLUNet(f, 4)
	g := lessons.Func(net)
	fmt.Printf("%v: g(0.5) = %.4f, g(0.125) = %.4f (f = %.4f)\n", net, g(0.5), g(0.125), f(0.125))
	// Output:
	// 1-4-1 (relu, identity): g(0.5) = 1.0000, g(0.125) = 0.3536 (f = 0.3827)
}

func ExampleCheckBump() {
	wrong := func(x, left, right, height float64) float64 { // forgot the height
		return 1/(1+math.Exp(-lessons.BumpSteepness*(x-left))) - 1/(1+math.Exp(-lessons.BumpSteepness*(x-right)))
	}
	fmt.Println(lessons.CheckBump(wrong))
	// Output:
	// ✗ not yet: height is missing: multiply the difference of the two sigmoids by height
}

func ExampleCrossEntropySum() {
	// One example, two sigmoid outputs with logits 0 (output ½), target (1, 0):
	// each output costs ln 2, and Nielsen's cost sums them.
	z := mat.NewDense(1, 2, []float64{0, 0})
	t := mat.NewDense(1, 2, []float64{1, 0})
	fmt.Printf("summed %.4f, dl.BCEWithLogits (averaged over outputs) %.4f\n",
		lessons.CrossEntropySum{}.Loss(z, t), dl.BCEWithLogits{}.Loss(z, t))
	// Output:
	// summed 1.3863, dl.BCEWithLogits (averaged over outputs) 0.6931
}
