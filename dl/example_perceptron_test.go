package dl_test

import (
	"fmt"

	"github.com/introdl/introdl/dl"
)

// Rosenblatt's rule learns AND; every epoch is recorded so a lesson can
// draw the line w·x + b = 0 moving.
func ExamplePerceptron_Train() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 0, 0, 1} // AND
	var p dl.Perceptron
	res := p.Train(x, y, 0)
	for _, e := range res.Epochs {
		fmt.Printf("epoch %d: %d mistakes, w = %v, b = %v\n", e.Epoch, e.Mistakes, e.W, e.B)
	}
	fmt.Println("converged:", res.Converged)
	fmt.Println("1 AND 1 =", p.Predict([]float64{1, 1}), "; 0 AND 1 =", p.Predict([]float64{0, 1}))
	// Output:
	// epoch 0: 1 mistakes, w = [1 1], b = 1
	// epoch 1: 3 mistakes, w = [2 1], b = 0
	// epoch 2: 3 mistakes, w = [2 1], b = -1
	// epoch 3: 2 mistakes, w = [2 2], b = -1
	// epoch 4: 1 mistakes, w = [2 1], b = -2
	// epoch 5: 0 mistakes, w = [2 1], b = -2
	// converged: true
	// 1 AND 1 = 1 ; 0 AND 1 = 0
}

// On XOR no line separates the classes. Instead of running out of epochs,
// Train notices that an epoch starts from weights it has seen before, which
// proves the perceptron will cycle forever.
func ExamplePerceptron_Train_xor() {
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 1, 1, 0} // XOR
	var p dl.Perceptron
	res := p.Train(x, y, 1000)
	fmt.Println("converged:", res.Converged)
	fmt.Printf("epoch %d starts where epoch %d did: period %d\n", res.Cycle.Repeat, res.Cycle.First, res.Cycle.Period)
	fmt.Println("epochs run:", len(res.Epochs))
	// Output:
	// converged: false
	// epoch 3 starts where epoch 2 did: period 1
	// epochs run: 3
}
