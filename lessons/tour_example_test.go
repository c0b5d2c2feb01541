package lessons_test

import (
	"fmt"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// Gradient descent with η = 0.25 on the bowl f(w₁, w₂) = w₁² + 2w₂², whose
// gradient is (2w₁, 4w₂): each step halves w₁ and sets w₂ to 0 at once.
func ExampleDescentPath() {
	grad := func(w1, w2 float64) (float64, float64) { return 2 * w1, 4 * w2 }
	w1, w2 := lessons.DescentPath(&dl.SGD{}, 0.25, 3, [2]float64{1, 1}, grad)
	for k := range w1 {
		fmt.Printf("step %d: (%g, %g)\n", k, w1[k], w2[k])
	}
	// Output:
	// step 0: (1, 1)
	// step 1: (0.5, 0)
	// step 2: (0.25, 0)
	// step 3: (0.125, 0)
}

// The spiral net of the plotting tour: 100 epochs, seed 1.
func ExampleTrainSpiral() {
	run, err := lessons.TrainSpiral(lessons.SpiralSetup{}, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := run.History
	fmt.Printf("%d epochs: training loss %.3f, validation loss %.3f, validation accuracy %.2f\n",
		len(h.EpochLoss), h.EpochLoss[99], h.ValLoss[99], h.Metrics[0].Val[99])
	// Output:
	// 100 epochs: training loss 0.017, validation loss 0.027, validation accuracy 0.99
}
