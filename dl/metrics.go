package dl

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Accuracy returns the fraction of rows whose predicted class equals the
// target class, with the class of a row read as by Classes:
//
//   - k > 1 columns (one per class, e.g. softmax probabilities, logits or a
//     one-hot target): the column of the largest value;
//   - 1 column (a probability of class 1, e.g. a sigmoid output or a 0/1
//     target): 1 if the value is > 0.5, else 0.
//
// For a one-column net trained with BCEWithLogits, whose outputs are logits,
// use BinaryAccuracyLogits. Accuracy allocates nothing and panics if pred and
// target have different shapes or are empty.
func Accuracy(pred, target *mat.Dense) float64 {
	n, _ := checkSame("Accuracy", pred, target)
	correct := 0
	for i := range n {
		if rowClass(pred, i, 0.5) == rowClass(target, i, 0.5) {
			correct++
		}
	}
	return float64(correct) / float64(n)
}

// BinaryAccuracyLogits is Accuracy for one-column logits z: the predicted
// class is 1 if z > 0 (that is, σ(z) > 0.5), else 0; the target class is 1 if
// the target is > 0.5. It panics if logits and target have different shapes,
// are empty, or have more than one column (for k classes, Accuracy works on
// logits too, because softmax does not change which entry is largest).
func BinaryAccuracyLogits(logits, target *mat.Dense) float64 {
	n, k := checkSame("BinaryAccuracyLogits", logits, target)
	if k != 1 {
		panic(fmt.Sprintf("dl: BinaryAccuracyLogits: logits have %d columns, want 1", k))
	}
	correct := 0
	for i := range n {
		if rowClass(logits, i, 0) == rowClass(target, i, 0.5) {
			correct++
		}
	}
	return float64(correct) / float64(n)
}

// Classes returns the class of every row of m: the index of the largest
// entry when m has several columns (the first one on ties), or, for a single
// column of probabilities, 1 if the value is > 0.5 and 0 otherwise.
func Classes(m *mat.Dense) []int {
	n, _ := m.Dims()
	classes := make([]int, n)
	for i := range classes {
		classes[i] = rowClass(m, i, 0.5)
	}
	return classes
}

// ConfusionMatrix counts, for every pair of classes, how many rows of target
// class i were predicted as class j: entry [i][j]. Classes are read as by
// Classes, so a one-column pred gives a 2×2 matrix and a k-column pred a k×k
// one. The diagonal holds the correct predictions. It panics if pred and
// target have different shapes or are empty.
func ConfusionMatrix(pred, target *mat.Dense) [][]int {
	n, k := checkSame("ConfusionMatrix", pred, target)
	if k == 1 {
		k = 2
	}
	cm := make([][]int, k)
	for i := range cm {
		cm[i] = make([]int, k)
	}
	for i := range n {
		cm[rowClass(target, i, 0.5)][rowClass(pred, i, 0.5)]++
	}
	return cm
}

// rowClass returns the class of row i of m: its argmax if m has several
// columns, otherwise 1 if the single value exceeds threshold, else 0.
func rowClass(m *mat.Dense, i int, threshold float64) int {
	row := m.RawRowView(i)
	if len(row) == 1 {
		if row[0] > threshold {
			return 1
		}
		return 0
	}
	best := 0
	for j, v := range row {
		if v > row[best] {
			best = j
		}
	}
	return best
}
