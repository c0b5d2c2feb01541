package dl_test

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

func ExampleTrain() {
	// Rumelhart et al.'s XOR net, trained by full-batch gradient descent.
	x, y := lessons.XOR()
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{Scale: 1}, rand.New(rand.NewPCG(1, 0)))
	hist, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs:    5000,
		Optimizer: &dl.SGD{},
		Schedule:  dl.Constant(2),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("loss: %.4f after 1 step, %.4f after %d\n", hist.Loss[0], hist.Loss[len(hist.Loss)-1], len(hist.Loss))
	out := net.Forward(x)
	for i := range 4 {
		fmt.Printf("%v xor %v → %.2f\n", x.At(i, 0), x.At(i, 1), out.At(i, 0))
	}
	// Output:
	// loss: 0.2548 after 1 step, 0.0003 after 5000
	// 0 xor 0 → 0.02
	// 0 xor 1 → 0.98
	// 1 xor 0 → 0.98
	// 1 xor 1 → 0.02
}

func ExampleTrain_defaults() {
	// Only a net and data: Adam, one-cycle schedule peaking at 0.01,
	// batches of 32, 10 epochs, softmax cross-entropy (3 outputs) and
	// accuracy.
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	net := dl.NewMLP([]int{2, 64, 64, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(3, 4)))
	hist, err := dl.Train(net, x, y, dl.TrainConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []int{0, 4, 9} {
		fmt.Printf("epoch %d: loss %.3f, accuracy %.2f\n", e, hist.EpochLoss[e], hist.Metrics[0].Train[e])
	}
	// Output:
	// epoch 0: loss 1.219, accuracy 0.25
	// epoch 4: loss 0.394, accuracy 0.89
	// epoch 9: loss 0.171, accuracy 0.97
}

func ExampleTrain_callbacks() {
	// OnEpoch sees the history so far: here it prints it every 2 epochs
	// and stops training once the validation accuracy reaches 98%.
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	vx, vy := lessons.Spiral(3, 50, rand.New(rand.NewPCG(5, 6)))
	net := dl.NewMLP([]int{2, 64, 64, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(3, 4)))
	hist, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs:   200,
		Schedule: dl.Constant(0.005),
		ValX:     vx, ValY: vy,
		OnEpoch: func(e dl.EpochInfo) error {
			acc := e.History.Metrics[0].Val[e.Epoch]
			if e.Epoch%2 == 0 {
				fmt.Printf("epoch %3d: loss %.3f, validation loss %.3f, accuracy %.2f\n", e.Epoch, e.Loss, e.ValLoss, acc)
			}
			if acc >= 0.98 {
				fmt.Printf("epoch %3d: validation accuracy %.2f, stopping\n", e.Epoch, acc)
				return dl.StopTraining
			}
			return nil
		},
	})
	fmt.Println(len(hist.EpochLoss), "epochs, error:", err)
	// Output:
	// epoch   0: loss 0.918, validation loss 0.724, accuracy 0.51
	// epoch   2: loss 0.589, validation loss 0.600, accuracy 0.66
	// epoch   4: loss 0.434, validation loss 0.429, accuracy 0.92
	// epoch   6: loss 0.281, validation loss 0.287, accuracy 0.94
	// epoch   8: loss 0.174, validation loss 0.196, accuracy 0.96
	// epoch  10: loss 0.120, validation loss 0.149, accuracy 0.97
	// epoch  11: validation accuracy 0.98, stopping
	// 12 epochs, error: <nil>
}

func ExampleDivergenceError() {
	// Far too large a learning rate for a regression net: the loss
	// overflows, and Train says where.
	x, y := lessons.XOR()
	net := dl.NewMLP([]int{2, 8, 1}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	hist, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 1000, Optimizer: &dl.SGD{}, Schedule: dl.Constant(100)})
	fmt.Println(err)
	var div *dl.DivergenceError
	if errors.As(err, &div) {
		fmt.Printf("%d good steps recorded; diverged at step %d with rate %g\n", len(hist.Loss), div.Step, div.LearningRate)
	}
	// Output:
	// dl: training diverged at step 48 (epoch 48): loss is +Inf with learning rate 100; try a smaller learning rate
	// 48 good steps recorded; diverged at step 48 with rate 100
}

func ExampleMetric() {
	// A sigmoid net trained with MSE gets no metric by default; ask for the
	// accuracy, and for a metric of your own: the largest error.
	x, y := lessons.XOR()
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{Scale: 1}, rand.New(rand.NewPCG(1, 0)))
	maxErr := func(pred, target *mat.Dense) float64 {
		var d mat.Dense
		d.Sub(pred, target)
		return max(mat.Max(&d), -mat.Min(&d))
	}
	hist, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs:    3000,
		Optimizer: &dl.SGD{},
		Schedule:  dl.Constant(2),
		Metrics:   []dl.Metric{{Name: "accuracy", Func: dl.Accuracy}, {Name: "max error", Func: maxErr}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []int{0, 500, 1000, 2999} {
		fmt.Printf("epoch %4d:", e)
		for _, m := range hist.Metrics {
			fmt.Printf("  %s %.2f", m.Name, m.Train[e])
		}
		fmt.Println()
	}
	// Output:
	// epoch    0:  accuracy 0.50  max error 0.58
	// epoch  500:  accuracy 0.50  max error 0.51
	// epoch 1000:  accuracy 1.00  max error 0.18
	// epoch 2999:  accuracy 1.00  max error 0.03
}

func ExampleStepInfo() {
	// OnStep runs after every step: here it prints the loss and learning
	// rate of one step in 500 under a cosine schedule.
	x, y := lessons.XOR()
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{Scale: 1}, rand.New(rand.NewPCG(1, 0)))
	_, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs:    2000,
		Optimizer: &dl.SGD{Momentum: 0.9},
		Schedule:  dl.Cosine{Start: 0.5, End: 0},
		OnStep: func(s dl.StepInfo) error {
			if s.Step%500 == 0 || s.Step == 1999 {
				fmt.Printf("step %4d (epoch %4d): rate %.3f, loss %.4f\n", s.Step, s.Epoch, s.Rate, s.Loss)
			}
			return nil
		},
	})
	fmt.Println("error:", err)
	// Output:
	// step    0 (epoch    0): rate 0.500, loss 0.2548
	// step  500 (epoch  500): rate 0.427, loss 0.0133
	// step 1000 (epoch 1000): rate 0.250, loss 0.0015
	// step 1500 (epoch 1500): rate 0.073, loss 0.0011
	// step 1999 (epoch 1999): rate 0.000, loss 0.0010
	// error: <nil>
}
