package dl_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// The gallery: every predefined activation with its value and derivative at
// a few points, as a lesson would tabulate (or plot) them.
func ExampleActivations() {
	fmt.Printf("%-10s %7s %7s %7s | %7s %7s %7s\n", "name", "σ(-2)", "σ(0)", "σ(2)", "σ′(-2)", "σ′(0)", "σ′(2)")
	for _, act := range dl.Activations() {
		fmt.Printf("%-10s %7.4f %7.4f %7.4f | %7.4f %7.4f %7.4f\n", act.Name,
			act.F(-2), act.F(0), act.F(2), act.Deriv(-2), act.Deriv(0), act.Deriv(2))
	}
	// Output:
	// name         σ(-2)    σ(0)    σ(2) |  σ′(-2)   σ′(0)   σ′(2)
	// identity   -2.0000  0.0000  2.0000 |  1.0000  1.0000  1.0000
	// step        0.0000  0.0000  1.0000 |  0.0000  0.0000  0.0000
	// sigmoid     0.1192  0.5000  0.8808 |  0.1050  0.2500  0.1050
	// tanh       -0.9640  0.0000  0.9640 |  0.0707  1.0000  0.0707
	// relu        0.0000  0.0000  2.0000 |  0.0000  0.0000  1.0000
	// leaky_relu -0.0200  0.0000  2.0000 |  0.0100  0.0100  1.0000
	// softplus    0.1269  0.6931  2.1269 |  0.1192  0.5000  0.8808
	// elu        -0.8647  0.0000  2.0000 |  0.1353  1.0000  1.0000
	// gelu       -0.0455  0.0000  1.9545 | -0.0852  0.5000  1.0852
}

// Apply maps an activation over a matrix, here turning logits into
// probabilities.
func ExampleActivation_Apply() {
	logits := mat.NewDense(1, 3, []float64{-2, 0, 3})
	var p mat.Dense
	dl.Sigmoid.Apply(&p, logits)
	fmt.Printf("%.4f\n", mat.Formatted(&p))
	// Output:
	// [0.1192  0.5000  0.9526]
}

// A custom activation is just a struct value; this one is the "swish"
// z·sigmoid(z), checked against finite differences.
func ExampleActivation_custom() {
	swish := dl.Activation{
		Name: "swish",
		F:    func(z float64) float64 { return z * dl.Sigmoid.F(z) },
		Deriv: func(z float64) float64 {
			s := dl.Sigmoid.F(z)
			return s + z*s*(1-s)
		},
	}
	err := dl.CheckDerivative(swish.F, swish.Deriv, []float64{-3, -1, 0, 1, 3}, 0)
	fmt.Println(swish.Name, "derivative correct:", err < 1e-6)
	// Output:
	// swish derivative correct: true
}

// NewLeakyReLU and NewELU build the parametric activations.
func ExampleNewLeakyReLU() {
	act := dl.NewLeakyReLU(0.2)
	fmt.Println(act.Name, act.F(-1), act.Deriv(-1), act.F(3), act.Deriv(3))
	elu := dl.NewELU(0.5)
	fmt.Printf("%s %.4f %.4f\n", elu.Name, elu.F(-1), elu.Deriv(-1))
	// Output:
	// leaky_relu(0.2) -0.2 0.2 3 1
	// elu(0.5) -0.3161 0.1839
}

// NewELU(α) saturates at −α for very negative inputs; its derivative αeᶻ
// joins the slope 1 of the right branch continuously only when α = 1.
func ExampleNewELU() {
	for _, alpha := range []float64{1, 0.5} {
		elu := dl.NewELU(alpha)
		fmt.Printf("%-9s σ(−10) = %.4f  σ′(0⁻) = %.2f  σ′(0⁺) = %.2f\n",
			elu.Name, elu.F(-10), elu.Deriv(-1e-12), elu.Deriv(1e-12))
	}
	// Output:
	// elu       σ(−10) = -1.0000  σ′(0⁻) = 1.00  σ′(0⁺) = 1.00
	// elu(0.5)  σ(−10) = -0.5000  σ′(0⁻) = 0.50  σ′(0⁺) = 1.00
}
