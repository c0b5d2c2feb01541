package lessons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// TestGeneraliseData: 60 training and 300 validation points, 14 and 52 of
// whose labels are against the quadrant rule.
func TestGeneraliseData(t *testing.T) {
	x, y, vx, vy := lessons.GeneraliseData()
	for _, c := range []struct {
		name string
		n    int
	}{{"training", 60}, {"validation", 300}} {
		xs, ys := x, y
		if c.name == "validation" {
			xs, ys = vx, vy
		}
		if r, _ := xs.Dims(); r != c.n {
			t.Fatalf("%s: %d points", c.name, r)
		}
		wrong := 0
		for i := range c.n {
			rule := 0.0
			if xs.At(i, 0)*xs.At(i, 1) > 0 {
				rule = 1
			}
			if ys.At(i, 1) != rule {
				wrong++
			}
		}
		if want := map[string]int{"training": 14, "validation": 52}[c.name]; wrong != want {
			t.Errorf("%s: %d of %d labels flipped, the notebook says %d", c.name, wrong, c.n, want)
		}
	}
}

// TestGeneraliseRun checks the printout of lesson 07's figure cell (seed
// 1, without and with weight decay 0.03) and the shape of the curves the
// text describes.
func TestGeneraliseRun(t *testing.T) {
	_, plain := lessons.GeneraliseRun(0, 1)
	// 2·32+32 + 32·32+32 + 32·2+2 = 1218 parameters, 20 per training point.
	net := dl.NewMLP([]int{2, 32, 32, 2}, dl.ReLU, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	if n := net.NumParams(); n != 1218 || n/60 != 20 {
		t.Errorf("%d parameters", n)
	}
	_, decay := lessons.GeneraliseRun(0.03, 1)
	last := lessons.GeneraliseEpochs - 1
	got := fmt.Sprintf("%.3f %.2f %.3f %.2f", plain.EpochLoss[last], plain.Metrics[0].Train[last], plain.ValLoss[last], plain.Metrics[0].Val[last])
	if want := "0.026 1.00 1.688 0.71"; got != want {
		t.Errorf("no decay, end: %s, want %s", got, want)
	}
	b := lessons.BestEpoch(plain)
	if got := fmt.Sprintf("%.3f %.2f %d", plain.ValLoss[b], plain.Metrics[0].Val[b], b+1); got != "0.578 0.74 25" {
		t.Errorf("no decay, best: %s", got)
	}
	got = fmt.Sprintf("%.3f %.2f %.3f %.2f", decay.EpochLoss[last], decay.Metrics[0].Train[last], decay.ValLoss[last], decay.Metrics[0].Val[last])
	if want := "0.477 0.82 0.590 0.70"; got != want {
		t.Errorf("decay, end: %s, want %s", got, want)
	}
	// Without decay the validation loss rises from its best epoch to the
	// end (by more than 1), and the training loss keeps falling.
	if plain.ValLoss[last]-plain.ValLoss[b] < 1 || plain.EpochLoss[last] > plain.EpochLoss[b]/10 {
		t.Errorf("no memorisation: val %g → %g, train %g → %g", plain.ValLoss[b], plain.ValLoss[last], plain.EpochLoss[b], plain.EpochLoss[last])
	}
	// With decay both curves are flat over the last half: within 0.02.
	for _, v := range [][]float64{decay.EpochLoss, decay.ValLoss} {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, l := range v[lessons.GeneraliseEpochs/2:] {
			lo, hi = math.Min(lo, l), math.Max(hi, l)
		}
		if hi-lo > 0.02 {
			t.Errorf("with decay a curve moves by %g over the last 500 epochs", hi-lo)
		}
	}
	// The try-it: λ = 0.01 ends between the two.
	_, mid := lessons.GeneraliseRun(0.01, 1)
	if v := mid.ValLoss[last]; v <= decay.ValLoss[last] || v >= plain.ValLoss[last] {
		t.Errorf("λ = 0.01 ends at validation loss %g", v)
	}
	lo, hi := lessons.Wilson(213, 300)
	if got := fmt.Sprintf("%.2f %.2f", lo, hi); got != "0.66 0.76" {
		t.Errorf("Wilson(213, 300) = %s", got)
	}
}

// TestGeneraliseSeeds checks lesson 07's summary over five seeds.
func TestGeneraliseSeeds(t *testing.T) {
	s := lessons.GeneraliseSeeds(0.03, lessons.Seeds(5))
	for _, c := range []struct {
		name      string
		loss, acc []float64
		want      string
	}{
		{"end", s.EndLoss, s.EndAcc, "1.533 (1.449 to 1.688) 0.71"},
		{"early", s.EarlyLoss, s.EarlyAcc, "0.588 (0.578 to 0.597) 0.73"},
		{"decay", s.DecayLoss, s.DecayAcc, "0.599 (0.590 to 0.609) 0.68"},
	} {
		got := fmt.Sprintf("%.3f (%.3f to %.3f) %.2f", lessons.Median(c.loss), minOf(c.loss), maxOf(c.loss), lessons.Median(c.acc))
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	if got := fmt.Sprint(s.EarlyEpoch); got != "[25 86 55 65 76]" {
		t.Errorf("early epochs %s", got)
	}
}

// TestGeneraliseMaps backs the text on the class maps: the net trained with
// weight decay is less sure of itself on the training points (its
// probabilities are nearer ½) than the one that memorised them.
func TestGeneraliseMaps(t *testing.T) {
	x, _, _, _ := lessons.GeneraliseData()
	sure := func(wd float64) float64 {
		net, _ := lessons.GeneraliseRun(wd, 1)
		p := mat.NewDense(60, 2, nil)
		dl.Softmax(p, net.Forward(x))
		s := 0.0
		for i := range 60 {
			s += math.Abs(p.At(i, 1) - 0.5)
		}
		return s / 60
	}
	plain, decay := sure(0), sure(0.03)
	t.Logf("mean |p − ½| on the training points: %.3f without decay, %.3f with", plain, decay)
	if decay >= plain-0.1 {
		t.Errorf("mean |p − ½|: %.3f without decay, %.3f with", plain, decay)
	}
}
