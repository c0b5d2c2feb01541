package dl_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

func TestFindLR(t *testing.T) {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	net := spiralNet(3)
	before := net.Clone()

	res, err := dl.FindLR(net, x, y, dl.LRFinderConfig{})
	if err != nil {
		t.Fatal(err)
	}

	// The net itself is untouched: the sweep trains a copy.
	for i, p := range net.Params() {
		if !mat.Equal(p.Value, before.Params()[i].Value) {
			t.Errorf("FindLR changed %s of the original net", p.Name)
		}
	}

	// The rates are the geometric sweep from 1e-7 towards 10 over 100 steps.
	m := len(res.Rates)
	if m < 20 || len(res.Losses) != m || len(res.RawLoss) != m {
		t.Fatalf("%d rates, %d losses, %d raw losses", m, len(res.Losses), len(res.RawLoss))
	}
	for i, r := range res.Rates {
		want := 1e-7 * math.Pow(1e8, float64(i)/99)
		if math.Abs(r-want) > 1e-12*want {
			t.Fatalf("rate %d = %g, want %g", i, r, want)
		}
	}

	// The smoothed loss is the bias-corrected moving average of the raw one.
	var avg float64
	best := math.Inf(1)
	for i, l := range res.RawLoss {
		avg = 0.98*avg + 0.02*l
		s := avg / (1 - math.Pow(0.98, float64(i+1)))
		if math.Abs(s-res.Losses[i]) > 1e-12*math.Abs(s) {
			t.Fatalf("smoothed loss %d = %v, want %v", i, res.Losses[i], s)
		}
		// It stops at the first point above 4 times the best so far.
		best = math.Min(best, s)
		if i < m-1 && s > 4*best {
			t.Fatalf("sweep went on after step %d, where the loss %v > 4 × best %v", i, s, best)
		}
	}
	if m < 100 {
		if !res.Diverged || !(res.Losses[m-1] > 4*best) && !math.IsInf(res.RawLoss[m-1], 0) {
			t.Errorf("sweep stopped at step %d of 100 without exploding (loss %v, best %v)", m, res.Losses[m-1], best)
		}
	}

	// The suggestion is one of the rates, on the falling part of the curve,
	// and a sensible rate for Adam on this net.
	i := res.SuggestedIndex
	if i < 10 || i >= m-5 || res.Suggested != res.Rates[i] {
		t.Fatalf("suggested index %d (rate %g) outside the points [10, %d) the rule uses", i, res.Suggested, m-5)
	}
	if res.Losses[i] >= res.Losses[10] {
		t.Errorf("at the suggested rate the smoothed loss %v is not below its value at step 10, %v", res.Losses[i], res.Losses[10])
	}
	if res.Suggested < 1e-4 || res.Suggested > 0.3 {
		t.Errorf("suggested rate %g, expected between 1e-4 and 0.3 for Adam on the spiral", res.Suggested)
	}
	t.Logf("spiral: %d steps, suggested rate %.3g", m, res.Suggested)

	// Training at the suggested rate works.
	h, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 30, Schedule: dl.OneCycle{MaxRate: res.Suggested}})
	if err != nil {
		t.Fatal(err)
	}
	if acc := h.Metrics[0].Train[29]; acc < 0.9 {
		t.Errorf("30 epochs of one-cycle at the suggested rate reach accuracy %.2f, want ≥ 0.9", acc)
	}
}

func TestFindLRSameSeed(t *testing.T) {
	x, y := lessons.Spiral(3, 20, rand.New(rand.NewPCG(1, 2)))
	run := func() dl.LRFinderResult {
		res, err := dl.FindLR(spiralNet(1), x, y, dl.LRFinderConfig{BatchSize: 16, Rand: rand.New(rand.NewPCG(9, 9))})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(), run()
	if !equalFloats(a.Losses, b.Losses) || a.Suggested != b.Suggested {
		t.Error("same seed, different LR finder curves")
	}
}

func TestFindLRTooEarly(t *testing.T) {
	// A sweep that starts at a rate already far too large explodes at once:
	// no suggestion, an error, and the curve so far.
	x, y := lessons.XOR()
	net := dl.NewMLP([]int{2, 8, 1}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	res, err := dl.FindLR(net, x, y, dl.LRFinderConfig{MinRate: 100, MaxRate: 1e6, Optimizer: &dl.SGD{}})
	if err == nil {
		t.Fatalf("no error; suggested %g after %d steps", res.Suggested, len(res.Rates))
	}
	if !res.Diverged || len(res.Rates) == 0 || res.SuggestedIndex != -1 || !math.IsNaN(res.Suggested) {
		t.Errorf("result = %+v", res)
	}
	t.Log(err)
}

// A loss that is infinite from the first step (inputs of 1e300 overflow the
// output) records no point at all; FindLR still names the rate.
func TestFindLRExplodesAtOnce(t *testing.T) {
	x, y := lessons.XOR()
	x.Scale(1e300, x)
	net := dl.NewMLP([]int{2, 1}, dl.Identity, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	res, err := dl.FindLR(net, x, y, dl.LRFinderConfig{Optimizer: &dl.SGD{}})
	if err == nil || !strings.Contains(err.Error(), "after 0 of 100 steps (rate 1e-07)") {
		t.Errorf("error %v, want the loss to explode after 0 steps at rate 1e-07", err)
	}
	if !res.Diverged || len(res.Rates) != 0 || res.SuggestedIndex != -1 {
		t.Errorf("result = %+v", res)
	}
}

func TestFindLRTooFewSteps(t *testing.T) {
	x, y := lessons.XOR()
	res, err := dl.FindLR(xorNet(1), x, y, dl.LRFinderConfig{Steps: 6, MaxRate: 1e-3})
	if err == nil || !strings.Contains(err.Error(), "6 steps are too few") {
		t.Errorf("error %v, want one saying 6 steps are too few", err)
	}
	if res.Diverged || len(res.Rates) != 6 || res.SuggestedIndex != -1 {
		t.Errorf("result = %+v", res)
	}
	if _, err := dl.FindLR(xorNet(1), x, y, dl.LRFinderConfig{Steps: 7, MaxRate: 1e-3}); err != nil {
		t.Errorf("7 steps: %v", err)
	}
}

func TestFindLRNonFiniteData(t *testing.T) {
	x, y := lessons.XOR()
	x.Set(1, 0, math.NaN())
	_, err := dl.FindLR(xorNet(1), x, y, dl.LRFinderConfig{})
	if err == nil || !strings.Contains(err.Error(), "x[1][0] is NaN") {
		t.Errorf("error %v, want one naming x[1][0]", err)
	}
}

func TestFindLRPanics(t *testing.T) {
	x, y := lessons.XOR()
	tests := []panicCase{
		{"MinRate > MaxRate", func() { dl.FindLR(xorNet(1), x, y, dl.LRFinderConfig{MinRate: 1, MaxRate: 0.1}) }, []string{"MinRate < MaxRate", "1 and 0.1"}},
		{"rows", func() { dl.FindLR(xorNet(1), x, mat.NewDense(3, 1, nil), dl.LRFinderConfig{}) }, []string{"FindLR", "x has 4 rows, y has 3"}},
		{"no rows", func() { dl.FindLR(xorNet(1), &mat.Dense{}, &mat.Dense{}, dl.LRFinderConfig{}) }, []string{"FindLR", "no examples"}},
		{"inputs", func() { dl.FindLR(xorNet(1), mat.NewDense(4, 3, nil), y, dl.LRFinderConfig{}) }, []string{"3 columns", "2 inputs"}},
		{"negative steps", func() { dl.FindLR(xorNet(1), x, y, dl.LRFinderConfig{Steps: -5}) }, []string{"Steps is -5"}},
	}
	checkPanics(t, tests)
}
