package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The experiments of lesson 9 (notebooks/09-mnist.ipynb): MNIST from a
// baseline that learns nothing to a network with 98% test accuracy.

// MNISTTrainSize is where Split cuts the 60 000 training images: the first
// 50 000 train, the last 10 000 are the validation set, as in Nielsen's
// mnist_loader (Neural Networks and Deep Learning, ch. 1). The test set's
// 10 000 images stay untouched until the end.
const MNISTTrainSize = 50_000

// Split returns the first n examples and the rest. Both share memory with d
// (no copy is made). Use d.Split(MNISTTrainSize) for the course's fixed
// training and validation sets. Split panics unless 0 < n < d.Len().
func (d *MNIST) Split(n int) (head, tail *MNIST) {
	if n <= 0 || n >= d.Len() {
		panic(fmt.Sprintf("lessons: MNIST.Split: cannot cut %d examples at %d", d.Len(), n))
	}
	part := func(from, to int) *MNIST {
		return &MNIST{
			Images: d.Images.Slice(from, to, 0, MNISTPixels).(*mat.Dense),
			OneHot: d.OneHot.Slice(from, to, 0, MNISTClasses).(*mat.Dense),
			Labels: d.Labels[from:to:to],
		}
	}
	return part(0, n), part(n, d.Len())
}

// Digit returns the images of d that show the digit k, one per row, in
// their order in d (a copy). It panics if k is not in 0…9.
func (d *MNIST) Digit(k int) *mat.Dense {
	if k < 0 || k >= MNISTClasses {
		panic(fmt.Sprintf("lessons: MNIST.Digit: %d is not a digit", k))
	}
	var rows []float64
	for i, l := range d.Labels {
		if l == k {
			rows = append(rows, d.Images.RawRowView(i)...)
		}
	}
	if len(rows) == 0 {
		return &mat.Dense{}
	}
	return mat.NewDense(len(rows)/MNISTPixels, MNISTPixels, rows)
}

// MeanImage returns the average of the rows of images, pixel by pixel:
// fastbook's "ideal" digit, (1/n) Σᵢ xᵢ. It panics if images has no rows.
func MeanImage(images *mat.Dense) []float64 {
	if images.IsEmpty() {
		panic("lessons: MeanImage: no images")
	}
	n, c := images.Dims()
	mean := make([]float64, c)
	for i := range n {
		for j, v := range images.RawRowView(i) {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	return mean
}

// MeanAbsDiff is fastbook's mnist_distance: the mean absolute difference
// of two images, (1/784) Σⱼ |aⱼ − bⱼ| (the L1 norm divided by the number of
// pixels). It panics if the images differ in length.
func MeanAbsDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("lessons: MeanAbsDiff: images of %d and %d pixels", len(a), len(b)))
	}
	s := 0.0
	for j := range a {
		s += math.Abs(a[j] - b[j])
	}
	return s / float64(len(a))
}

// PixelSimilarity is the baseline of fastbook's chapter 4 (Howard & Gugger
// 2020, "Pixel similarity"): it learns nothing, but compares each test image
// of the digits a and b with the mean a and the mean b of the training set
// and calls it a if it is closer to the mean a (by MeanAbsDiff), b
// otherwise. It returns the fraction of test a's and of test b's classified
// correctly. It panics if a or b is not a digit.
func PixelSimilarity(train, test *MNIST, a, b int) (accA, accB float64) {
	meanA, meanB := MeanImage(train.Digit(a)), MeanImage(train.Digit(b))
	isA := func(x []float64) bool { return MeanAbsDiff(x, meanA) < MeanAbsDiff(x, meanB) }
	frac := func(images *mat.Dense, want bool) float64 {
		n, _ := images.Dims()
		right := 0
		for i := range n {
			if isA(images.RawRowView(i)) == want {
				right++
			}
		}
		return float64(right) / float64(n)
	}
	return frac(test.Digit(a), true), frac(test.Digit(b), false)
}

// SoftmaxRegressionSetup is the run of lesson 9's linear classifier:
// a 784-10 net whose ten outputs are logits, starting from zero weights and
// biases, trained by plain mini-batch SGD on softmax cross-entropy, with the
// batches taken in order. Nothing in it is random.
type SoftmaxRegressionSetup struct {
	Epochs    int     // passes over the training set
	BatchSize int     // examples per step
	Rate      float64 // learning rate η
}

// SoftmaxRegression trains the linear classifier of lesson 9 exactly as the
// notebook's visible loop does, and returns the net and its mean training
// loss of every epoch. It panics if the setup has a non-positive field.
func SoftmaxRegression(train *MNIST, s SoftmaxRegressionSetup) (*dl.Net, []float64) {
	if s.Epochs <= 0 || s.BatchSize <= 0 || !(s.Rate > 0) {
		panic(fmt.Sprintf("lessons: SoftmaxRegression: need positive Epochs, BatchSize and Rate, got %d, %d, %g", s.Epochs, s.BatchSize, s.Rate))
	}
	net := dl.NewMLP([]int{MNISTPixels, MNISTClasses}, dl.Identity, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	net.Layers[0].W.Zero() // a linear model needs no random start
	opt := &dl.SGD{}
	n := train.Len()
	var losses []float64
	for range s.Epochs {
		total := 0.0
		for start := 0; start < n; start += s.BatchSize {
			end := min(start+s.BatchSize, n)
			x := train.Images.Slice(start, end, 0, MNISTPixels).(*mat.Dense)
			y := train.OneHot.Slice(start, end, 0, MNISTClasses).(*mat.Dense)
			loss := net.Gradient(dl.SoftmaxCrossEntropy{}, x, y)
			opt.Step(net.Params(), s.Rate)
			total += loss * float64(end-start)
		}
		losses = append(losses, total/float64(n))
	}
	return net, losses
}

// Columns returns the columns of m as slices: column j of a 784×10 weight
// matrix is the image of the weights unit j gives the 784 pixels.
func Columns(m *mat.Dense) [][]float64 {
	_, c := m.Dims()
	cols := make([][]float64, c)
	for j := range cols {
		cols[j] = mat.Col(nil, j, m)
	}
	return cols
}

// Mistake is a test image the net gets wrong.
type Mistake struct {
	Index      int     // row in the test set
	Label      int     // the digit it shows
	Pred       int     // the digit the net says
	Confidence float64 // the probability the net gives Pred
}

// TopMistakes returns the k misclassified rows of probs (n×10 class
// probabilities, one row per image) with the highest confidence in their
// wrong answer, most confident first: fastai's "top losses" for a
// classifier, the images on which the net is most sure and most wrong.
// labels holds the true digit of each row. Ties keep the order of the rows.
// It panics if probs and labels disagree in length.
func TopMistakes(probs *mat.Dense, labels []int, k int) []Mistake {
	n, _ := probs.Dims()
	if n != len(labels) {
		panic(fmt.Sprintf("lessons: TopMistakes: %d rows of probabilities, %d labels", n, len(labels)))
	}
	var wrong []Mistake
	for i := range n {
		row := probs.RawRowView(i)
		pred := 0
		for j, p := range row {
			if p > row[pred] {
				pred = j
			}
		}
		if pred != labels[i] {
			wrong = append(wrong, Mistake{Index: i, Label: labels[i], Pred: pred, Confidence: row[pred]})
		}
	}
	slices.SortStableFunc(wrong, func(a, b Mistake) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return 0
	})
	return wrong[:min(k, len(wrong))]
}

// Softmax returns a new matrix holding dl.Softmax of each row of logits:
//
//	pⱼ = exp(zⱼ − m) / Σₖ exp(zₖ − m),   m = maxₖ zₖ.
func Softmax(logits *mat.Dense) *mat.Dense {
	var p mat.Dense
	dl.Softmax(&p, logits)
	return &p
}

// TopConfusions describes the k largest off-diagonal entries of a confusion
// matrix cm (cm[i][j] counts true class i predicted as j), largest first,
// e.g. "4 taken for 9: 11, 7 taken for 2: 9": the mistakes a classifier
// makes most often. Ties keep the order of the rows, then the columns.
func TopConfusions(cm [][]int, k int) string {
	type cell struct{ i, j, n int }
	var cells []cell
	for i, row := range cm {
		for j, n := range row {
			if i != j && n > 0 {
				cells = append(cells, cell{i, j, n})
			}
		}
	}
	slices.SortStableFunc(cells, func(a, b cell) int { return b.n - a.n })
	var parts []string
	for _, c := range cells[:min(k, len(cells))] {
		parts = append(parts, fmt.Sprintf("%d taken for %d: %d", c.i, c.j, c.n))
	}
	return strings.Join(parts, ", ")
}
