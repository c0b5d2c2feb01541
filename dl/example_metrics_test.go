package dl_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// Accuracy reads a class from every row: the largest column for several
// classes, a 0.5 threshold for one column.
func ExampleAccuracy() {
	probs := mat.NewDense(4, 3, []float64{
		0.7, 0.2, 0.1, // class 0
		0.1, 0.3, 0.6, // class 2
		0.3, 0.4, 0.3, // class 1
		0.5, 0.4, 0.1, // class 0
	})
	onehot := mat.NewDense(4, 3, []float64{
		1, 0, 0,
		0, 0, 1,
		0, 0, 1,
		1, 0, 0,
	})
	fmt.Println("classes:", dl.Classes(probs))
	fmt.Println("accuracy:", dl.Accuracy(probs, onehot))

	sigmoidOut := mat.NewDense(3, 1, []float64{0.9, 0.4, 0.6})
	labels := mat.NewDense(3, 1, []float64{1, 0, 0})
	fmt.Printf("binary accuracy: %.3f\n", dl.Accuracy(sigmoidOut, labels))
	logits := mat.NewDense(3, 1, []float64{2.2, -0.4, 0.4}) // the same outputs before the sigmoid
	fmt.Printf("from logits:     %.3f\n", dl.BinaryAccuracyLogits(logits, labels))
	// Output:
	// classes: [0 2 1 0]
	// accuracy: 0.75
	// binary accuracy: 0.667
	// from logits:     0.667
}

// The confusion matrix counts true class (row) against predicted class
// (column).
func ExampleConfusionMatrix() {
	pred := mat.NewDense(5, 1, []float64{0.9, 0.8, 0.2, 0.6, 0.1})
	truth := mat.NewDense(5, 1, []float64{1, 1, 1, 0, 0})
	for i, row := range dl.ConfusionMatrix(pred, truth) {
		fmt.Println("true", i, "predicted as 0, 1:", row)
	}
	// Output:
	// true 0 predicted as 0, 1: [1 1]
	// true 1 predicted as 0, 1: [1 2]
}

// Classes reads one class per row: the largest column (the first one on a
// tie), or, for a single column of probabilities, 1 above 0.5.
func ExampleClasses() {
	scores := mat.NewDense(3, 3, []float64{
		0.1, 0.7, 0.2,
		2.0, -1, 0.5, // logits work too: softmax keeps the largest entry largest
		0.4, 0.4, 0.2, // tie: the first
	})
	fmt.Println(dl.Classes(scores))
	fmt.Println(dl.Classes(mat.NewDense(3, 1, []float64{0.9, 0.5, 0.51})))
	// Output:
	// [1 0 0]
	// [1 0 1]
}
