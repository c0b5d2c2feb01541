package lessons_test

import (
	"fmt"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

var (
	gates = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	xorY  = []float64{0, 1, 1, 0}
)

func ExampleSearchLines() {
	and := lessons.SearchLines(gates, []float64{0, 0, 0, 1}, 2, 9)
	x := lessons.SearchLines(gates, xorY, 2, 9)
	fmt.Printf("AND: %d of %d lines separate\n", and.Separating, and.Tried)
	fmt.Printf("XOR: %d of %d lines separate, the best gets %d of 4\n", x.Separating, x.Tried, x.BestCorrect)
	// Output:
	// AND: 20 of 729 lines separate
	// XOR: 0 of 729 lines separate, the best gets 3 of 4
}

func ExamplePerceptronOrders() {
	cycles := 0
	for _, r := range lessons.PerceptronOrders(gates, xorY, 0) {
		if r.Cycle != nil {
			cycles++
		}
	}
	fmt.Println(cycles, "of 24 orders cycle")
	// Output:
	// 24 of 24 orders cycle
}

func ExampleWithFeatures() {
	product := func(x1, x2 float64) []float64 { return []float64{x1, x2, x1 * x2} }
	var p dl.Perceptron
	res := p.Train(lessons.WithFeatures(gates, product), xorY, 0)
	fmt.Println(res.Converged, p.W, p.B)
	// Output:
	// true [1 1 -3] 0
}

func ExampleBackpropXOR() {
	r := lessons.BackpropXOR(0, lessons.XORSetup{})
	fmt.Printf("solved %v after %d epochs, outputs %.2f\n", r.Solved, r.Epochs, r.Output)
	// Output:
	// solved true after 2621 epochs, outputs [0.09 0.93 0.87 0.10]
}

func ExampleSummarize() {
	s := lessons.Summarize(lessons.XORSeeds(20, lessons.XORSetup{}))
	fmt.Printf("%d of %d solved, median %d epochs, unsolved seeds %v\n", s.Solved, s.Runs, s.Percentile(50), s.Unsolved)
	// Output:
	// 18 of 20 solved, median 1334 epochs, unsolved seeds [6 14]
}

func ExampleCheckXORFeatures() {
	fmt.Println(lessons.CheckXORFeatures(func(x1, x2 float64) []float64 { return []float64{x1, x2, x1 * x2} }))
	// Output:
	// ✓ correct: with 3 features the perceptron gets all four XOR points right after 8 epochs (w = (1, 1, -3), b = 0)
}

func ExampleCheckOutputDelta() {
	fmt.Println(lessons.CheckOutputDelta(func(yhat, t float64, n int) float64 {
		return 2 * (yhat - t) / float64(n) // σ′ forgotten
	}))
	// Output:
	// ✗ not yet: that is ∂L/∂ŷ; multiply by the sigmoid's derivative σ′(z) = ŷ(1 − ŷ) to get ∂L/∂z
}
