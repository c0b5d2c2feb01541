package lessons

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The claims of notebooks/04-multilayer.ipynb, with the numbers it prints.

// TestGradCheckXORNet checks the gradient check the notebook shows: the
// 2-2-1 net of seed 0, before training, on the four XOR patterns, has 9
// parameters and a largest relative error of 3.0e-08 between
// backpropagation and central differences.
func TestGradCheckXORNet(t *testing.T) {
	x, y := XOR()
	net := NewXORNet(2, 0)
	if n := net.NumParams(); n != 9 {
		t.Errorf("%d parameters, want 9", n)
	}
	got := dl.GradCheck(net, dl.MSE{}, x, y, 0)
	if s := fmt.Sprintf("%.1e", got); s != "3.0e-08" {
		t.Errorf("max relative error %s, want 3.0e-08 as printed", s)
	}
	if got > 1e-6 {
		t.Errorf("max relative error %g: backpropagation disagrees with finite differences", got)
	}
}

// TestSeedZeroRun checks the training run the notebook shows, seed 0 with
// the loop written out in the notebook (5000 epochs of full-batch gradient
// descent at η = 2): the loss sits near 0.25 for the first 1000 epochs,
// passes a second plateau near 0.13 around epoch 2000, and ends at 0.0005
// with outputs 0.02, 0.98, 0.98, 0.02.
func TestSeedZeroRun(t *testing.T) {
	// A target no run reaches in 5000 epochs makes BackpropXOR run them all.
	r := BackpropXOR(0, XORSetup{MaxEpochs: 5000, Target: 1e-12})
	if len(r.Loss) != 5001 || r.Solved {
		t.Fatalf("%d losses, solved %v; want 5001 and not stopped early", len(r.Loss), r.Solved)
	}
	want := map[int]string{0: "0.2500", 500: "0.2500", 1000: "0.2499", 1500: "0.1674", 2000: "0.1304",
		2500: "0.1264", 3000: "0.0024", 4000: "0.0008", 5000: "0.0005"}
	for e, w := range want {
		if got := fmt.Sprintf("%.4f", r.Loss[e]); got != w {
			t.Errorf("loss at epoch %d = %s, want %s", e, got, w)
		}
	}
	if got := fmt.Sprintf("%.2f", r.Output); got != "[0.02 0.98 0.98 0.02]" {
		t.Errorf("outputs %s, want [0.02 0.98 0.98 0.02]", got)
	}
	// The decision region: a band along the diagonal from (0,0) to (1,1)
	// below ½, the two off-diagonal corners of the drawn square above.
	at := func(x1, x2 float64) float64 { return r.Net.Forward(mat.NewDense(1, 2, []float64{x1, x2})).At(0, 0) }
	for k := range 21 {
		d := -0.5 + 0.1*float64(k)
		if v := at(d, d); v >= 0.5 {
			t.Errorf("output at (%.1f, %.1f) on the diagonal = %.3f, want < ½", d, d, v)
		}
	}
	if a, b := at(-0.5, 1.5), at(1.5, -0.5); a <= 0.5 || b <= 0.5 {
		t.Errorf("outputs at (−0.5, 1.5) and (1.5, −0.5) = %.3f, %.3f; want > ½", a, b)
	}
	// The hidden layer's view, as printed: the two 0s land next to each
	// other near (1, 0.06), and the output unit's line separates the two
	// classes, which no line can do in (x₁, x₂).
	var hs []string
	for i := range 4 {
		hs = append(hs, fmt.Sprintf("(%.3f, %.3f)", r.Hidden.At(i, 0), r.Hidden.At(i, 1)))
	}
	if got := fmt.Sprint(hs); got != "[(0.959, 0.060) (0.032, 0.000) (1.000, 0.908) (0.993, 0.064)]" {
		t.Errorf("hidden activations %s", got)
	}
	out := r.Net.Layers[1]
	w1, w2, b := out.W.At(0, 0), out.W.At(1, 0), out.B.At(0, 0)
	for i, tgt := range []float64{0, 1, 1, 0} {
		s := w1*r.Hidden.At(i, 0) + w2*r.Hidden.At(i, 1) + b
		if (s > 0) != (tgt == 1) {
			t.Errorf("pattern %d: output line gives %g for target %g", i, s, tgt)
		}
	}
}

// TestXORSeeds checks the 100-seed experiment of the notebook: 98 of 100
// runs reach MSE < 0.01 within 20000 epochs, after 725 to 11918 epochs
// (median 1361, 90th percentile 2569); seeds 6 and 14 do not; seeds 23 and
// 64 solve it only after more than 10000 epochs above MSE 0.2.
func TestXORSeeds(t *testing.T) {
	runs := XORSeeds(100, XORSetup{})
	s := Summarize(runs)
	if s.Runs != 100 || s.Solved != 98 || !slices.Equal(s.Unsolved, []uint64{6, 14}) {
		t.Fatalf("%d/%d solved, unsolved %v; want 98/100, [6 14]", s.Solved, s.Runs, s.Unsolved)
	}
	if lo, med, p90, hi := s.Epochs[0], s.Percentile(50), s.Percentile(90), s.Epochs[len(s.Epochs)-1]; lo != 725 || med != 1361 || p90 != 2569 || hi != 11918 {
		t.Errorf("epochs min %d, median %d, 90th %d, max %d; want 725, 1361, 2569, 11918", lo, med, p90, hi)
	}
	if q1, q3 := s.Percentile(25), s.Percentile(75); q1 != 1051 || q3 != 1855 {
		t.Errorf("quartiles %d, %d; want 1051, 1855", q1, q3)
	}
	if got := SlowRuns(runs, 0.2, 5000); !slices.Equal(got, []uint64{23, 64}) {
		t.Errorf("slow runs %v, want [23 64]", got)
	}
	// "more than 10 000 epochs" on the plateau, as the notebook says.
	if got := SlowRuns(runs, 0.2, 10000); !slices.Equal(got, []uint64{23, 64}) {
		t.Errorf("runs above MSE 0.2 for more than 10000 epochs: %v, want [23 64]", got)
	}
	for _, seed := range []uint64{23, 64} {
		r := runs[seed]
		if r.Epochs <= 10000 {
			t.Errorf("seed %d solved after %d epochs, want > 10000", seed, r.Epochs)
		}
		// On the plateau the output is about ½ for every pattern.
		if l := r.Loss[5000]; math.Abs(l-0.25) > 0.001 {
			t.Errorf("seed %d: loss at epoch 5000 = %g, want ≈ 0.25", seed, l)
		}
		mid := BackpropXOR(seed, XORSetup{MaxEpochs: 5000, Target: 1e-12})
		for i, o := range mid.Output {
			if math.Abs(o-0.5) > 0.05 {
				t.Errorf("seed %d, epoch 5000: output %d = %.3f, want ≈ ½", seed, i, o)
			}
		}
	}
}

// TestSeedRunsAsPrinted checks the three runs the notebook prints side by
// side (training until MSE < 0.01 or 20000 epochs).
func TestSeedRunsAsPrinted(t *testing.T) {
	for _, c := range []struct {
		seed uint64
		want string
	}{
		{0, "true 2621 0.0099 [0.09 0.93 0.87 0.10]"},
		{23, "true 11918 0.0100 [0.09 0.90 0.90 0.11]"},
		{6, "false 20000 0.1251 [0.01 0.50 0.99 0.50]"},
	} {
		r := BackpropXOR(c.seed, XORSetup{})
		if got := fmt.Sprintf("%v %d %.4f %.2f", r.Solved, r.Epochs, r.FinalLoss(), r.Output); got != c.want {
			t.Errorf("seed %d: %s, want %s", c.seed, got, c.want)
		}
	}
}

// TestStuckRuns checks what the notebook says about the stuck seeds 6 and
// 14: after 20000 epochs the MSE is 0.1251, the outputs for (0,1) and
// (1,1) are both 0.50, and both hidden units are saturated (> 0.999) on
// those two patterns, so the output unit sees the same point for a 1 and
// a 0. Trained ten times longer they are still there.
func TestStuckRuns(t *testing.T) {
	for _, seed := range []uint64{6, 14} {
		r := BackpropXOR(seed, XORSetup{})
		if r.Solved {
			t.Fatalf("seed %d solved", seed)
		}
		if got := fmt.Sprintf("%.4f", r.FinalLoss()); got != "0.1251" {
			t.Errorf("seed %d: final MSE %s, want 0.1251", seed, got)
		}
		if got := fmt.Sprintf("%.2f", []float64{r.Output[1], r.Output[3]}); got != "[0.50 0.50]" {
			t.Errorf("seed %d: outputs for (0,1), (1,1) = %s, want [0.50 0.50]", seed, got)
		}
		if seed == 6 {
			var hs []string
			for i := range 4 {
				hs = append(hs, fmt.Sprintf("(%.3f, %.3f)", r.Hidden.At(i, 0), r.Hidden.At(i, 1)))
			}
			if got := fmt.Sprint(hs); got != "[(0.967, 0.269) (1.000, 1.000) (0.262, 0.955) (1.000, 1.000)]" {
				t.Errorf("seed 6: hidden activations %s", got)
			}
		}
		for _, i := range []int{1, 3} {
			for j := range 2 {
				if h := r.Hidden.At(i, j); h < 0.999 {
					t.Errorf("seed %d: hidden unit %d on pattern %d = %g, want saturated > 0.999", seed, j, i, h)
				}
			}
		}
	}
	if testing.Short() {
		t.Skip("200000 epochs")
	}
	// Still stuck after ten times as long, with larger weights and a
	// smaller gradient: the run drifts toward infinite weights.
	short := BackpropXOR(6, XORSetup{})
	long := BackpropXOR(6, XORSetup{MaxEpochs: 200000})
	if long.Solved || fmt.Sprintf("%.4f", long.FinalLoss()) != "0.1250" || long.FinalLoss() < 0.125 {
		t.Errorf("seed 6 after 200000 epochs: solved %v, MSE %g; want still stuck just above 0.125", long.Solved, long.FinalLoss())
	}
	if ws, wl := paramNorm(short.Net, false), paramNorm(long.Net, false); wl <= ws {
		t.Errorf("seed 6: weight norm %g after 20000 epochs, %g after 200000; want growing", ws, wl)
	}
	if gs, gl := paramNorm(short.Net, true), paramNorm(long.Net, true); gl >= gs/2 {
		t.Errorf("seed 6: gradient norm %g after 20000 epochs, %g after 200000; want shrinking", gs, gl)
	}
}

// paramNorm returns the Euclidean norm of all the net's parameters, or of
// their gradients from the last Backward.
func paramNorm(net *dl.Net, grad bool) float64 {
	sum := 0.0
	for _, p := range net.Params() {
		m := p.Value
		if grad {
			m = p.Grad
		}
		n := mat.Norm(m, 2)
		sum += n * n
	}
	return math.Sqrt(sum)
}

// TestHiddenUnits backs the notebook's remarks on the number of hidden
// units: with 1 hidden unit no seed of 0…19 solves XOR (one unit's output
// is a monotone function of one line, and so is the net's), and seed 0
// stalls at MSE 1/6 (one pattern split off, the other three at their mean
// ⅔); with 3 or 4 all 100 seeds do, with median epochs 1051 and 965; the
// slider's static figure (2 units, seed 0) is solved after 2621 epochs.
func TestHiddenUnits(t *testing.T) {
	for _, c := range []struct{ hidden, seeds, solved, median int }{{1, 20, 0, 0}, {3, 100, 100, 1051}, {4, 100, 100, 965}} {
		if testing.Short() && c.hidden == 1 {
			continue // runs all 20000 epochs
		}
		s := Summarize(XORSeeds(c.seeds, XORSetup{Hidden: c.hidden}))
		if s.Solved != c.solved || s.Percentile(50) != c.median {
			t.Errorf("%d hidden units: %d of %d seeds solved, median %d; want %d, median %d",
				c.hidden, s.Solved, c.seeds, s.Percentile(50), c.solved, c.median)
		}
	}
	one := BackpropXOR(0, XORSetup{Hidden: 1})
	if got := fmt.Sprintf("%v %d %.3f", one.Solved, one.Epochs, one.FinalLoss()); got != "false 20000 0.167" {
		t.Errorf("1 hidden unit, seed 0: %s, want false 20000 0.167", got)
	}
	if math.Abs(one.FinalLoss()-1.0/6) > 1e-3 {
		t.Errorf("1 hidden unit, seed 0: MSE %g, want ≈ 1/6", one.FinalLoss())
	}
	split := 0
	for i, o := range one.Output {
		switch {
		case o < 0.05 && (i == 0 || i == 3):
			split++ // a 0-pattern split off
		case math.Abs(o-2.0/3) > 0.01:
			t.Errorf("1 hidden unit, seed 0: output %d = %.3f, want ⅔ for the three merged patterns", i, o)
		}
	}
	if split != 1 {
		t.Errorf("1 hidden unit, seed 0: outputs %.3f, want one 0-pattern split off", one.Output)
	}
	two := BackpropXOR(0, XORSetup{Hidden: 2})
	if !two.Solved || two.Epochs != 2621 {
		t.Errorf("2 hidden units, seed 0: solved %v after %d epochs, want true after 2621", two.Solved, two.Epochs)
	}
}

// TestXORLearningRates backs the notebook's "Try it" on the learning rate:
// η = 8 solves 98 of 100 (not seeds 6 and 14) with median 343 epochs;
// η = 0.5 solves 95 within 20000 epochs.
func TestXORLearningRates(t *testing.T) {
	fast := Summarize(XORSeeds(100, XORSetup{LearningRate: 8}))
	if fast.Solved != 98 || fast.Percentile(50) != 343 || !slices.Equal(fast.Unsolved, []uint64{6, 14}) {
		t.Errorf("η = 8: %d solved, median %d, unsolved %v; want 98, 343, [6 14]", fast.Solved, fast.Percentile(50), fast.Unsolved)
	}
	if testing.Short() {
		t.Skip("η = 0.5 runs long")
	}
	if slow := Summarize(XORSeeds(100, XORSetup{LearningRate: 0.5})); slow.Solved != 95 {
		t.Errorf("η = 0.5: %d solved, want 95", slow.Solved)
	}
}

// TestBackpropXORLoopMatchesTrain cross-checks the loop of BackpropXOR
// (and of the notebook) against dl.Train configured for the same
// full-batch gradient descent: the losses agree exactly.
func TestBackpropXORLoopMatchesTrain(t *testing.T) {
	r := BackpropXOR(3, XORSetup{MaxEpochs: 300, Target: 1e-12})
	x, y := XOR()
	net := NewXORNet(2, 3)
	h, err := dl.Train(net, x, y, dl.TrainConfig{
		Loss: dl.MSE{}, Optimizer: &dl.SGD{}, Schedule: dl.Constant(2),
		Epochs: 300, BatchSize: 4, NoShuffle: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Loss, r.Loss[:300]) {
		t.Errorf("losses differ from dl.Train's: first %v vs %v", r.Loss[:3], h.Loss[:3])
	}
	if !mat.Equal(net.Layers[0].W, r.Net.Layers[0].W) {
		t.Errorf("final weights differ from dl.Train's")
	}
}

// TestXORSummaryPercentile checks the nearest-rank percentile.
func TestXORSummaryPercentile(t *testing.T) {
	s := XORSummary{Epochs: []int{10, 20, 30, 40}}
	for p, want := range map[float64]int{0: 10, 25: 10, 26: 20, 50: 20, 75: 30, 90: 40, 100: 40} {
		if got := s.Percentile(p); got != want {
			t.Errorf("Percentile(%g) = %d, want %d", p, got, want)
		}
	}
	if got := (XORSummary{}).Percentile(50); got != 0 {
		t.Errorf("Percentile of no runs = %d, want 0", got)
	}
}
