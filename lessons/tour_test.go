package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The runs behind notebooks/90-plotting-tour.ipynb, and the numbers and
// claims it prints.

// TestTrainSpiral checks the run of the DecisionBoundary and TrainingCurves
// sections: the sizes of the data and the history, that the same seed gives
// the same run, and the numbers printed: training accuracy 99.3 %, training
// loss 0.017 and validation loss 0.027 after 100 epochs.
func TestTrainSpiral(t *testing.T) {
	run, err := TrainSpiral(SpiralSetup{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name       string
		m          *mat.Dense
		rows, cols int
	}{{"X", run.X, 300, 2}, {"Y", run.Y, 300, 3}, {"ValX", run.ValX, 150, 2}, {"ValY", run.ValY, 150, 3}} {
		if r, k := c.m.Dims(); r != c.rows || k != c.cols {
			t.Errorf("%s is %d×%d, want %d×%d", c.name, r, k, c.rows, c.cols)
		}
	}
	h := run.History
	if len(h.EpochLoss) != 100 || len(h.ValLoss) != 100 {
		t.Fatalf("%d epoch losses and %d validation losses, want 100 each", len(h.EpochLoss), len(h.ValLoss))
	}
	if got := fmt.Sprintf("%.1f", 100*dl.Accuracy(run.Net.Predict(run.X), run.Y)); got != "99.3" {
		t.Errorf("training accuracy %s%%, the notebook prints 99.3%%", got)
	}
	train, val := fmt.Sprintf("%.3f", h.EpochLoss[99]), fmt.Sprintf("%.3f", h.ValLoss[99])
	if train != "0.017" || val != "0.027" {
		t.Errorf("final losses: training %s, validation %s; the notebook prints 0.017 and 0.027", train, val)
	}

	again, err := TrainSpiral(SpiralSetup{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.History.EpochLoss, h.EpochLoss) || !mat.Equal(again.ValX, run.ValX) {
		t.Error("two runs with seed 1 differ")
	}
	other, err := TrainSpiral(SpiralSetup{Hidden: 8, Epochs: 3}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(other.History.EpochLoss) != 3 || other.Net.Layers[0].Out() != 8 {
		t.Errorf("setup {Hidden: 8, Epochs: 3}: %d epochs, %d hidden units", len(other.History.EpochLoss), other.Net.Layers[0].Out())
	}
	if mat.Equal(other.X, run.X) {
		t.Error("seeds 1 and 2 drew the same spiral")
	}
}

// TestSpiralGrid checks the HyperHeatmap section: one validation loss per
// pair of settings, the same on every call, and the lowest loss (the dark
// corner) at the widest net and the largest rate.
func TestSpiralGrid(t *testing.T) {
	hidden := []int{4, 8, 16, 32}
	rates := []float64{0.001, 0.003, 0.01, 0.03}
	loss := SpiralGrid(hidden, rates, 100, 1)
	if len(loss) != len(hidden) {
		t.Fatalf("%d rows, want %d", len(loss), len(hidden))
	}
	best, bi, bj := math.Inf(1), -1, -1
	for i, row := range loss {
		if len(row) != len(rates) {
			t.Fatalf("row %d has %d values, want %d", i, len(row), len(rates))
		}
		for j, v := range row {
			if v < best {
				best, bi, bj = v, i, j
			}
		}
	}
	if bi != 3 || bj != 3 {
		t.Errorf("lowest validation loss %.3g at %d units, rate %g; want the corner 32 units, rate 0.03", best, hidden[bi], rates[bj])
	}
	// The worst corner, the narrowest net at the smallest rate, has not
	// learnt the spiral.
	if loss[0][0] < 0.5 {
		t.Errorf("4 units at rate 0.001: loss %.3g, want > 0.5", loss[0][0])
	}
	// One cell of the grid is the run of TrainSpiral with those settings.
	run, err := TrainSpiral(SpiralSetup{Hidden: 16, LearningRate: 0.01}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := run.History.ValLoss[99]; got != loss[2][2] {
		t.Errorf("grid cell (16, 0.01) = %g, TrainSpiral gives %g", loss[2][2], got)
	}
	// A rate far too large leaves a net worse than guessing one of the
	// three classes (cross-entropy ln 3 ≈ 1.1).
	if v := SpiralGrid([]int{8}, []float64{1000}, 5, 1)[0][0]; v < math.Log(3) {
		t.Errorf("rate 1000: validation loss %.3g, want a useless net, > ln 3", v)
	}
}

// TestFindLRTour checks the LRFinder section's printed suggestion, 0.0049,
// for the spiral net of seed 1.
func TestFindLRTour(t *testing.T) {
	x, y := Spiral(3, 100, rand.New(rand.NewPCG(1, 0)))
	net := dl.NewMLP([]int{2, 32, 32, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(1, 1)))
	res, err := dl.FindLR(net, x, y, dl.LRFinderConfig{Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%.2g", res.Suggested); got != "0.0049" {
		t.Errorf("suggested rate %s, the notebook prints 0.0049", got)
	}
}

// TestLiveTour checks the run of the Live section (300 epochs of dl.Train's
// defaults on the spiral): the final frame shows loss 0.01363 and accuracy
// 0.9933.
func TestLiveTour(t *testing.T) {
	x, y := Spiral(3, 100, rand.New(rand.NewPCG(1, 0)))
	net := dl.NewMLP([]int{2, 32, 32, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(1, 1)))
	h, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 300, Rand: rand.New(rand.NewPCG(1, 2))})
	if err != nil {
		t.Fatal(err)
	}
	loss, acc := fmt.Sprintf("%.4g", h.EpochLoss[299]), fmt.Sprintf("%.4g", h.Metrics[0].Train[299])
	if loss != "0.01363" || acc != "0.9933" {
		t.Errorf("last loss %s and accuracy %s, the figure shows 0.01363 and 0.9933", loss, acc)
	}
}

// TestPerceptronTour checks the PerceptronLines section: on 40 points of
// LinearlySeparable with margin 0.1 and seed 2, the perceptron makes 9
// updates and then classifies every point right.
func TestPerceptronTour(t *testing.T) {
	x, y := LinearlySeparable(40, 0.1, rand.New(rand.NewPCG(2, 2)))
	var p dl.Perceptron
	rows, labels := Examples(x, y)
	res := p.Train(rows, labels, 0)
	if !res.Converged {
		t.Fatal("the perceptron did not converge")
	}
	if m := Mistakes(res); m != 9 {
		t.Errorf("%d updates, the notebook says 9", m)
	}
}

func rosenbrock(w1, w2 float64) float64 { return (1-w1)*(1-w1) + 100*(w2-w1*w1)*(w2-w1*w1) }

func rosenbrockGrad(w1, w2 float64) (float64, float64) {
	return -2*(1-w1) - 400*w1*(w2-w1*w1), 200 * (w2 - w1*w1)
}

// TestDescentPath checks DescentPath against a step of gradient descent
// done by hand, its stop on a non-finite gradient, and the LossSurface
// section's claim: after 400 steps on Rosenbrock's valley from (−1.5, 2),
// momentum is closest to the minimum, then Adam, then gradient descent.
func TestDescentPath(t *testing.T) {
	grad := func(w1, w2 float64) (float64, float64) { return 2 * w1, 4 * w2 }
	w1, w2 := DescentPath(&dl.SGD{}, 0.1, 2, [2]float64{1, 1}, grad)
	// w ← w − η·∇f: (1, 1) → (0.8, 0.6) → (0.64, 0.36).
	want1, want2 := []float64{1, 0.8, 0.64}, []float64{1, 0.6, 0.36}
	for k := range want1 {
		if math.Abs(w1[k]-want1[k]) > 1e-15 || math.Abs(w2[k]-want2[k]) > 1e-15 {
			t.Errorf("point %d = (%g, %g), want (%g, %g)", k, w1[k], w2[k], want1[k], want2[k])
		}
	}
	nan := func(w1, w2 float64) (float64, float64) {
		if w1 < 0.5 {
			return math.NaN(), 0
		}
		return 1, 1
	}
	if w1, _ := DescentPath(&dl.SGD{}, 0.3, 10, [2]float64{1, 1}, nan); len(w1) != 3 {
		t.Errorf("path with a NaN gradient after 2 steps has %d points, want 3", len(w1))
	}

	end := func(opt dl.Optimizer, lr float64) float64 {
		w1, w2 := DescentPath(opt, lr, 400, [2]float64{-1.5, 2}, rosenbrockGrad)
		if len(w1) != 401 {
			t.Fatalf("%T: %d points, want 401", opt, len(w1))
		}
		return rosenbrock(w1[400], w2[400])
	}
	gd, mom, adam := end(&dl.SGD{}, 0.0005), end(&dl.SGD{Momentum: 0.9}, 0.0005), end(&dl.Adam{}, 0.02)
	if !(mom < adam && adam < gd) {
		t.Errorf("loss after 400 steps: momentum %.3g, Adam %.3g, gradient descent %.3g; want them in this order", mom, adam, gd)
	}
	if gd < 5 {
		t.Errorf("gradient descent reached loss %.3g; the notebook says it has barely started (the start has 62.5)", gd)
	}
}

// TestRavine checks the Slider section's claims for 30 steps of gradient
// descent on ½(w₁² + 20 w₂²) from (−4, 1): each step multiplies w₂ by
// 1 − 20η, so the path zig-zags across the ravine for η > 0.05, bounces for
// ever at η = 0.1 and flies off beyond it.
func TestRavine(t *testing.T) {
	grad := func(w1, w2 float64) (float64, float64) { return w1, 20 * w2 }
	for v := 1; v <= 11; v++ {
		eta := float64(v) / 100
		_, w2 := DescentPath(&dl.SGD{}, eta, 30, [2]float64{-4, 1}, grad)
		zigzag := w2[1]*w2[2] < 0
		last := math.Abs(w2[30])
		switch {
		case v <= 5 && zigzag:
			t.Errorf("η = %.2f zig-zags", eta)
		case v > 5 && !zigzag:
			t.Errorf("η = %.2f does not zig-zag", eta)
		case v < 10 && last > 0.1:
			t.Errorf("η = %.2f: |w₂| = %.3g after 30 steps, want it near 0", eta, last)
		case v == 10 && math.Abs(last-1) > 1e-9:
			t.Errorf("η = 0.10: |w₂| = %.3g after 30 steps, want it still 1", last)
		case v == 11 && last < 2:
			t.Errorf("η = 0.11: |w₂| = %.3g after 30 steps, want it far outside the figure (|w₂| > 2)", last)
		}
	}
}

// TestGradientNorms checks the LayerStats section: one norm per layer and
// step, and, in the sigmoid net, a first-layer gradient at least 100 times
// smaller than the last layer's at every step of the 10 epochs, about
// 2,000 times in the median step.
func TestGradientNorms(t *testing.T) {
	norms := GradientNorms(dl.Sigmoid, 5, 10, 1)
	if len(norms) != 6 {
		t.Fatalf("%d layers, want 6 (5 hidden and the output)", len(norms))
	}
	for l, n := range norms {
		if len(n) != 100 {
			t.Fatalf("layer %d: %d steps, want 100 (10 epochs of 10 batches)", l+1, len(n))
		}
	}
	worst := math.Inf(1)
	for k := range norms[0] {
		worst = min(worst, norms[5][k]/norms[0][k])
	}
	if worst < 100 {
		t.Errorf("at some step the last layer's gradient is only %.3g times the first layer's, want ≥ 100", worst)
	}
	// The tour says: about 2,000 times smaller (the median over the 100
	// steps), from about 160 to 6,700 times at single steps.
	var ratios []float64
	for k := range norms[0] {
		ratios = append(ratios, norms[5][k]/norms[0][k])
	}
	slices.Sort(ratios)
	if med := (ratios[49] + ratios[50]) / 2; math.Round(med/100)*100 != 2000 {
		t.Errorf("median last/first layer ratio %.0f, the tour says about 2,000", med)
	}
	if lo, hi := ratios[0], ratios[99]; math.Round(lo/10)*10 != 160 || math.Round(hi/100)*100 != 6700 {
		t.Errorf("ratios from %.0f to %.0f, the tour says about 160 to 6,700", lo, hi)
	}
	if again := GradientNorms(dl.Sigmoid, 5, 10, 1); !slices.Equal(again[0], norms[0]) {
		t.Error("two runs with seed 1 differ")
	}
	// With ReLU the gap is gone: the same comparison gives less than 10.
	relu := GradientNorms(dl.ReLU, 5, 10, 1)
	if r := relu[5][0] / relu[0][0]; r > 10 {
		t.Errorf("ReLU net: last/first layer gradient %.3g at step 0, want < 10", r)
	}
}

// TestLayerActivations checks the Histograms section: 300·64 activations
// per layer, and with weights uniform in [−1, 1] the share of tanh units
// beyond ±0.95 grows from layer 1 to 3 to 5, while Glorot's weights leave
// no layer saturated (the "Try it").
func TestLayerActivations(t *testing.T) {
	saturated := func(a []float64) float64 {
		n := 0
		for _, v := range a {
			if math.Abs(v) > 0.95 {
				n++
			}
		}
		return float64(n) / float64(len(a))
	}
	acts := LayerActivations(dl.Tanh, dl.Uniform{Scale: 1}, 5, 64, 1)
	if len(acts) != 5 {
		t.Fatalf("%d layers, want 5", len(acts))
	}
	for l, a := range acts {
		if len(a) != 300*64 {
			t.Fatalf("layer %d: %d values, want %d", l+1, len(a), 300*64)
		}
	}
	s1, s3, s5 := saturated(acts[0]), saturated(acts[2]), saturated(acts[4])
	if !(s1 < s3 && s3 < s5) || s5 < 0.5 {
		t.Errorf("saturated share in layers 1, 3, 5: %.2f, %.2f, %.2f; want it growing, over half in layer 5", s1, s3, s5)
	}
	for l, a := range LayerActivations(dl.Tanh, dl.Glorot{}, 5, 64, 1) {
		if s := saturated(a); s > 0.01 {
			t.Errorf("Glorot weights: %.2f of layer %d saturated, want none", s, l+1)
		}
	}
}

// TestTrainDigits checks the ImageGrid and ConfusionMatrix sections: 1000
// test images of 784 pixels with labels and predictions, a 10×10 confusion
// matrix over the same 1000 digits, and the printed accuracy, 84.2 %.
func TestTrainDigits(t *testing.T) {
	if testing.Short() {
		t.Skip("reads MNIST and trains for about a second; skipped with -short")
	}
	run, err := TrainDigits(1000, 1000, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Images) != 1000 || len(run.Labels) != 1000 || len(run.Preds) != 1000 {
		t.Fatalf("%d images, %d labels, %d predictions, want 1000 each", len(run.Images), len(run.Labels), len(run.Preds))
	}
	if len(run.Images[0]) != MNISTPixels {
		t.Errorf("an image has %d pixels, want %d", len(run.Images[0]), MNISTPixels)
	}
	total, right, correct := 0, 0, 0
	for i, row := range run.Confusion {
		for j, c := range row {
			total += c
			if i == j {
				right += c
			}
		}
	}
	for i := range run.Labels {
		if run.Labels[i] == run.Preds[i] {
			correct++
		}
	}
	if len(run.Confusion) != 10 || total != 1000 || right != correct {
		t.Errorf("confusion matrix: %d rows, %d digits, %d on the diagonal; want 10, 1000 and the %d correct predictions",
			len(run.Confusion), total, right, correct)
	}
	if got := fmt.Sprintf("%.1f", 100*run.Accuracy); got != "84.2" || float64(correct)/1000 != run.Accuracy {
		t.Errorf("accuracy %s%% (%d correct), the notebook prints 84.2%%", got, correct)
	}
}

// TestTourPanics checks that the tour's runs refuse sizes that make no
// sense, naming them.
func TestTourPanics(t *testing.T) {
	grad := func(w1, w2 float64) (float64, float64) { return w1, w2 }
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"TrainSpiral", func() { _, _ = TrainSpiral(SpiralSetup{Hidden: -1}, 1) }, "-1 hidden units"},
		{"SpiralGrid", func() { SpiralGrid(nil, []float64{0.01}, 1, 1) }, "0 widths and 1 rates"},
		{"DescentPath steps", func() { DescentPath(&dl.SGD{}, 0.1, -1, [2]float64{}, grad) }, "-1 steps"},
		{"DescentPath grad", func() { DescentPath(&dl.SGD{}, 0.1, 1, [2]float64{}, nil) }, "grad nil: true"},
		{"GradientNorms", func() { GradientNorms(dl.Sigmoid, 0, 1, 1) }, "got 0 and 1"},
		{"LayerActivations", func() { LayerActivations(dl.Tanh, dl.Glorot{}, 2, 0, 1) }, "got 2 and 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, ok := r.(string); !ok || !strings.Contains(msg, c.want) {
					t.Errorf("panic %v, want a message containing %q", r, c.want)
				}
			}()
			c.f()
		})
	}
}
