package plotting_test

import (
	"fmt"

	"github.com/introdl/introdl/plotting"
)

func ExampleDecisionLine_String() {
	fmt.Println(plotting.DecisionLine{W1: 2, W2: 1, B: -2})
	fmt.Println(plotting.DecisionLine{W1: -2, W2: -1, B: 3})
	// Output:
	// 2x₁ + x₂ − 2 = 0
	// −2x₁ − x₂ + 3 = 0
}

func ExampleLabelledPoints() {
	pts := plotting.LabelledPoints([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 0})
	fmt.Println(pts.X, pts.Y, pts.Labels)
	// Output:
	// [0 0 1 1] [0 1 0 1] [0 1 1 0]
}
