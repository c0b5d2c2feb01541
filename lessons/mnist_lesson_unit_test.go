package lessons

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// tinyMNIST returns 4 examples of 784 pixels: example i has every pixel
// equal to i/10 and label labels[i].
func tinyMNIST(labels ...int) *MNIST {
	x := mat.NewDense(len(labels), MNISTPixels, nil)
	for i := range labels {
		for j := range MNISTPixels {
			x.Set(i, j, float64(i)/10)
		}
	}
	return &MNIST{Images: x, OneHot: oneHotRows(labels, MNISTClasses), Labels: labels}
}

func TestMNISTSplit(t *testing.T) {
	d := tinyMNIST(3, 7, 3, 1)
	a, b := d.Split(3)
	if a.Len() != 3 || b.Len() != 1 || b.Labels[0] != 1 || b.Images.At(0, 5) != 0.3 || b.OneHot.At(0, 1) != 1 {
		t.Fatalf("Split(3) gave %v and %v", a.Labels, b.Labels)
	}
	// The parts share memory with d, and appending to a's labels cannot
	// overwrite b's.
	a.Labels = append(a.Labels, 9)
	if b.Labels[0] != 1 {
		t.Error("appending to the first part's labels changed the second part")
	}
	for _, n := range []int{0, 4, -1} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "cannot cut 4 examples") {
					t.Errorf("Split(%d): panic %v", n, r)
				}
			}()
			d.Split(n)
		}()
	}
}

func TestDigitAndMeanImage(t *testing.T) {
	d := tinyMNIST(3, 7, 3, 1)
	threes := d.Digit(3)
	if r, _ := threes.Dims(); r != 2 {
		t.Fatalf("Digit(3) has %d rows, want 2", r)
	}
	mean := MeanImage(threes)
	if len(mean) != MNISTPixels || math.Abs(mean[100]-0.1) > 1e-15 {
		t.Errorf("mean of images 0 and 2 is %v at pixel 100, want 0.1", mean[100])
	}
	if !d.Digit(5).IsEmpty() {
		t.Error("Digit(5) of a set without 5s is not empty")
	}
	if got := MeanAbsDiff([]float64{0, 1, 0.5}, []float64{1, 1, 0}); got != 0.5 {
		t.Errorf("MeanAbsDiff = %v, want 0.5", got)
	}
}

func TestPixelSimilarityTiny(t *testing.T) {
	// Train: the 3 is all 0.1, the 7 all 0.9. Test: 3s at 0.2 and 0.6
	// (the second is closer to the 7), a 7 at 0.8.
	img := func(v float64) []float64 {
		im := make([]float64, MNISTPixels)
		for j := range im {
			im[j] = v
		}
		return im
	}
	set := func(labels []int, values ...float64) *MNIST {
		x := mat.NewDense(len(values), MNISTPixels, nil)
		for i, v := range values {
			x.SetRow(i, img(v))
		}
		return &MNIST{Images: x, OneHot: oneHotRows(labels, MNISTClasses), Labels: labels}
	}
	acc3, acc7 := PixelSimilarity(set([]int{3, 7}, 0.1, 0.9), set([]int{3, 3, 7}, 0.2, 0.6, 0.8), 3, 7)
	if acc3 != 0.5 || acc7 != 1 {
		t.Errorf("accuracies %v and %v, want 0.5 and 1", acc3, acc7)
	}
}

func TestSoftmaxRegressionTiny(t *testing.T) {
	d := tinyMNIST(3, 7, 3, 1)
	net, losses := SoftmaxRegression(d, SoftmaxRegressionSetup{Epochs: 20, BatchSize: 2, Rate: 0.01})
	if len(losses) != 20 || !(losses[19] < losses[0]) {
		t.Errorf("losses %v do not fall", losses)
	}
	if len(Columns(net.Layers[0].W)) != 10 || len(Columns(net.Layers[0].W)[0]) != MNISTPixels {
		t.Error("Columns of W are not ten images of 784 pixels")
	}
}

func TestTopMistakesAndConfusions(t *testing.T) {
	probs := mat.NewDense(4, 3, []float64{
		0.7, 0.2, 0.1, // label 0: right
		0.6, 0.3, 0.1, // label 1: wrong, 0.6
		0.1, 0.1, 0.8, // label 0: wrong, 0.8
		0.2, 0.2, 0.6, // label 1: wrong, 0.6 (a tie with row 1: row 1 first)
	})
	got := TopMistakes(probs, []int{0, 1, 0, 1}, 5)
	want := []Mistake{{2, 0, 2, 0.8}, {1, 1, 0, 0.6}, {3, 1, 2, 0.6}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mistake %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := len(TopMistakes(probs, []int{0, 1, 0, 1}, 1)); n != 1 {
		t.Errorf("k = 1 gave %d mistakes", n)
	}
	cm := [][]int{{5, 2, 0}, {1, 7, 2}, {0, 3, 9}}
	if got, want := TopConfusions(cm, 2), "2 taken for 1: 3, 0 taken for 1: 2"; got != want {
		t.Errorf("TopConfusions = %q, want %q", got, want)
	}
}

func TestSoftmax(t *testing.T) {
	p := Softmax(mat.NewDense(2, 3, []float64{1, 2, 3, 1000, 1000, 1000}))
	for i, want := range []float64{0.09003057317038046, 0.24472847105479764, 0.6652409557748219} {
		if math.Abs(p.At(0, i)-want) > 1e-15 {
			t.Errorf("softmax(1, 2, 3)[%d] = %v, want %v", i, p.At(0, i), want)
		}
		if p.At(1, i) != 1.0/3 {
			t.Errorf("softmax(1000, 1000, 1000)[%d] = %v, want 1/3", i, p.At(1, i))
		}
	}
}

// TestCheckSoftmax runs the exercise's checker on the notebook's reference
// answer and on the usual slips, each of which must be caught with its hint.
func TestCheckSoftmax(t *testing.T) {
	reference := func(z []float64) []float64 {
		m := z[0]
		for _, v := range z {
			m = max(m, v)
		}
		p := make([]float64, len(z))
		sum := 0.0
		for j, v := range z {
			p[j] = math.Exp(v - m)
			sum += p[j]
		}
		for j := range p {
			p[j] /= sum
		}
		return p
	}
	want := "✓ correct: softmax agrees with exp(zⱼ − max z) / Σₖ exp(zₖ − max z) on 6 vectors, large logits (1000, 1001, 1002) included; softmax([1 2 3]) = [0.0900 0.2447 0.6652]"
	if got := CheckSoftmax(reference); got != want {
		t.Errorf("reference answer:\n got %s\nwant %s", got, want)
	}
	naive := func(z []float64) []float64 {
		p := make([]float64, len(z))
		sum := 0.0
		for j, v := range z {
			p[j] = math.Exp(v)
			sum += p[j]
		}
		for j := range p {
			p[j] /= sum
		}
		return p
	}
	for name, c := range map[string]struct {
		f    func([]float64) []float64
		hint string
	}{
		"nil":    {nil, "is nil"},
		"no max": {naive, "subtract the largest logit"},
		"no division": {func(z []float64) []float64 {
			p := make([]float64, len(z))
			for j, v := range z {
				p[j] = math.Exp(v - 3)
			}
			return p
		}, "divide each exp by the sum"},
		"no exp": {func(z []float64) []float64 {
			p := make([]float64, len(z))
			s := 0.0
			for _, v := range z {
				s += v
			}
			for j, v := range z {
				p[j] = v / s
			}
			return p
		}, "take exp(zⱼ) first"},
		"in place": {func(z []float64) []float64 {
			p := reference(z)
			copy(z, p)
			return z
		}, "changed its input"},
		"short":  {func(z []float64) []float64 { return reference(z)[:1] }, "one probability per logit"},
		"panics": {func(z []float64) []float64 { return []float64{z[5]} }, "panicked"},
		"sigmoid": {func(z []float64) []float64 {
			p := make([]float64, len(z))
			for j, v := range z {
				p[j] = 1 / (1 + math.Exp(-v))
			}
			return p
		}, "sums to"},
	} {
		if got := CheckSoftmax(c.f); !strings.HasPrefix(got, "✗ not yet") || !strings.Contains(got, c.hint) {
			t.Errorf("%s: verdict %q, want one containing %q", name, got, c.hint)
		}
	}
}

// TestLesson9Sizes checks the parameter counts lesson 9 states: 101 770 for
// 784-128-10 and, in a try-it prompt, 25 450 for 784-32-10.
func TestLesson9Sizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, c := range []struct{ hidden, want int }{{128, 101770}, {32, 25450}} {
		if got := dl.NewMLP([]int{MNISTPixels, c.hidden, MNISTClasses}, dl.ReLU, dl.Identity, dl.He{}, rng).NumParams(); got != c.want {
			t.Errorf("784-%d-10 has %d weights and biases, want %d", c.hidden, got, c.want)
		}
	}
}
