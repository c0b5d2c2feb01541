package dl

import (
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestAccuracy(t *testing.T) {
	tests := []struct {
		name         string
		pred, target *mat.Dense
		want         float64
	}{
		{"one column, threshold 0.5",
			mat.NewDense(4, 1, []float64{0.9, 0.5, 0.51, 0.1}), // 0.5 counts as class 0
			mat.NewDense(4, 1, []float64{1, 0, 0, 0}), 0.75},
		{"argmax of 3 columns",
			mat.NewDense(3, 3, []float64{0.2, 0.7, 0.1, 5, -1, 2, 0.3, 0.3, 0.4}),
			mat.NewDense(3, 3, []float64{0, 1, 0, 0, 0, 1, 0, 0, 1}), 2.0 / 3},
	}
	for _, tt := range tests {
		if got := Accuracy(tt.pred, tt.target); got != tt.want {
			t.Errorf("%s: Accuracy = %g, want %g", tt.name, got, tt.want)
		}
	}
	logits := mat.NewDense(4, 1, []float64{2, 0, 0.01, -3}) // logit 0 counts as class 0
	target := mat.NewDense(4, 1, []float64{1, 1, 1, 0})
	if got := BinaryAccuracyLogits(logits, target); got != 0.75 {
		t.Errorf("BinaryAccuracyLogits = %g, want 0.75", got)
	}
	wantPanic(t, "dl: BinaryAccuracyLogits: logits have 2 columns, want 1", func() {
		BinaryAccuracyLogits(mat.NewDense(1, 2, nil), mat.NewDense(1, 2, nil))
	})
	wantPanic(t, "dl: Accuracy: pred is 4×1, target is 4×2", func() { Accuracy(target, mat.NewDense(4, 2, nil)) })
	wantPanic(t, "dl: ConfusionMatrix: pred is 4×1, target is 3×1", func() { ConfusionMatrix(target, mat.NewDense(3, 1, nil)) })
	// Without the check, the fraction of no examples would be 0/0 = NaN.
	wantPanic(t, "dl: Accuracy: the matrices are empty", func() { Accuracy(&mat.Dense{}, &mat.Dense{}) })
}

// TestAccuracyAgreesWithProbabilities checks that the logit rule z > 0 and
// the probability rule σ(z) > 0.5 give the same accuracy, and likewise argmax
// of logits and of softmax probabilities.
func TestAccuracyAgreesWithProbabilities(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	z := randomDense(50, 1, rng)
	y := targetsFor(BCEWithLogits{}, 50, 1, rng)
	var p mat.Dense
	Sigmoid.Apply(&p, z)
	if a, b := BinaryAccuracyLogits(z, y), Accuracy(&p, y); a != b {
		t.Errorf("BinaryAccuracyLogits = %g, Accuracy(σ(z)) = %g", a, b)
	}
	z = randomDense(50, 4, rng)
	y = targetsFor(SoftmaxCrossEntropy{}, 50, 4, rng)
	var sm mat.Dense
	Softmax(&sm, z)
	if a, b := Accuracy(z, y), Accuracy(&sm, y); a != b {
		t.Errorf("Accuracy(logits) = %g, Accuracy(softmax) = %g", a, b)
	}
}

func TestClassesAndConfusion(t *testing.T) {
	pred := mat.NewDense(5, 3, []float64{
		1, 0, 0,
		0, 1, 0,
		0, 0, 1,
		0, 1, 0,
		1, 1, 0, // tie: the first largest wins
	})
	target := mat.NewDense(5, 3, []float64{
		1, 0, 0,
		0, 1, 0,
		0, 1, 0,
		0, 0, 1,
		0, 1, 0,
	})
	if got, want := Classes(pred), []int{0, 1, 2, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("Classes = %v, want %v", got, want)
	}
	want := [][]int{
		{1, 0, 0},
		{1, 1, 1},
		{0, 1, 0},
	}
	got := ConfusionMatrix(pred, target)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("ConfusionMatrix row %d = %v, want %v", i, got[i], want[i])
		}
	}
	bin := ConfusionMatrix(mat.NewDense(3, 1, []float64{0.9, 0.2, 0.7}), mat.NewDense(3, 1, []float64{1, 1, 0}))
	if !slices.Equal(bin[0], []int{0, 1}) || !slices.Equal(bin[1], []int{1, 1}) {
		t.Errorf("binary ConfusionMatrix = %v, want [[0 1] [1 1]]", bin)
	}
}

func TestAccuracyAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	p, y := randomDense(100, 3, rng), targetsFor(SoftmaxCrossEntropy{}, 100, 3, rng)
	if a := testing.AllocsPerRun(100, func() { Accuracy(p, y) }); a != 0 {
		t.Errorf("Accuracy allocates %g times, want 0", a)
	}
}
