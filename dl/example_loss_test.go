package dl_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// MSE averages the squared errors over all entries; its gradient already
// contains the 1/n.
func ExampleMSE() {
	pred := mat.NewDense(2, 1, []float64{0.8, 0.4})
	target := mat.NewDense(2, 1, []float64{1, 0})
	var grad mat.Dense
	dl.MSE{}.Grad(&grad, pred, target)
	fmt.Printf("loss %.2f\n", dl.MSE{}.Loss(pred, target)) // (0.2² + 0.4²)/2
	fmt.Printf("grad %.2f\n", mat.Formatted(grad.T()))     // 2(pred − target)/2
	// Output:
	// loss 0.10
	// grad [-0.20   0.40]
}

// BCEWithLogits takes the raw outputs (logits) of a net whose last layer is
// Identity; its gradient is (σ(z) − t)/n. It stays finite for huge logits.
func ExampleBCEWithLogits() {
	logits := mat.NewDense(3, 1, []float64{2, -1, 0})
	target := mat.NewDense(3, 1, []float64{1, 0, 1})
	var grad mat.Dense
	dl.BCEWithLogits{}.Grad(&grad, logits, target)
	fmt.Printf("loss %.4f\n", dl.BCEWithLogits{}.Loss(logits, target))
	fmt.Printf("grad %.4f\n", mat.Formatted(grad.T()))

	wrong := mat.NewDense(1, 1, []float64{-800}) // confidently wrong
	fmt.Printf("loss at z = -800, t = 1: %g\n", dl.BCEWithLogits{}.Loss(wrong, mat.NewDense(1, 1, []float64{1})))
	// Output:
	// loss 0.3778
	// grad [-0.0397   0.0896  -0.1667]
	// loss at z = -800, t = 1: 800
}

// SoftmaxCrossEntropy takes k logits per row and one-hot targets; Softmax
// turns the logits into class probabilities.
func ExampleSoftmaxCrossEntropy() {
	logits := mat.NewDense(2, 3, []float64{
		2, 1, 0,
		0, 0, 0,
	})
	onehot := mat.NewDense(2, 3, []float64{
		1, 0, 0,
		0, 0, 1,
	})
	var p, grad mat.Dense
	dl.Softmax(&p, logits)
	dl.SoftmaxCrossEntropy{}.Grad(&grad, logits, onehot)
	fmt.Printf("probabilities\n%.4f\n", mat.Formatted(&p))
	fmt.Printf("loss %.4f\n", dl.SoftmaxCrossEntropy{}.Loss(logits, onehot)) // mean of −ln p[true class]
	fmt.Printf("grad = (p − t)/n\n%.4f\n", mat.Formatted(&grad))
	// Output:
	// probabilities
	// ⎡0.6652  0.2447  0.0900⎤
	// ⎣0.3333  0.3333  0.3333⎦
	// loss 0.7531
	// grad = (p − t)/n
	// ⎡-0.1674   0.1224   0.0450⎤
	// ⎣ 0.1667   0.1667  -0.3333⎦
}

// Softmax turns each row of logits into probabilities that add up to 1.
// Adding the same constant to a row changes nothing, which is why subtracting
// the row's maximum keeps huge logits from overflowing.
func ExampleSoftmax() {
	logits := mat.NewDense(3, 3, []float64{
		1, 2, 3,
		1001, 1002, 1003, // the first row plus 1000: e^1003 alone would overflow
		0, 0, 0,
	})
	var p mat.Dense
	dl.Softmax(&p, logits)
	fmt.Printf("%.4f\n", mat.Formatted(&p))
	// Output:
	// ⎡0.0900  0.2447  0.6652⎤
	// ⎢0.0900  0.2447  0.6652⎥
	// ⎣0.3333  0.3333  0.3333⎦
}
