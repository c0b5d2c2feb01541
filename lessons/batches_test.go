package lessons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// TestSelectRows: the rows come out in the order of the index.
func TestSelectRows(t *testing.T) {
	m := mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	got := lessons.SelectRows(m, []int{2, 0})
	if !mat.Equal(got, mat.NewDense(2, 2, []float64{5, 6, 1, 2})) {
		t.Errorf("SelectRows = %v", mat.Formatted(got))
	}
	defer func() {
		if recover() == nil {
			t.Error("row 3 of a 3-row matrix did not panic")
		}
	}()
	lessons.SelectRows(m, []int{3})
}

// TestBatchEpochPrintout checks the first cell of lesson 07's section 1:
// the first batch of the shuffled index and the steps per epoch.
func TestBatchEpochPrintout(t *testing.T) {
	perm := rand.New(rand.NewPCG(2, 32)).Perm(300)
	want := "[83 87 91 277 31 290 12 281 145 249 208 170 257 285 142 124 72 23 243 58 298 297 159 5 25 158 3 171 4 53 165 164]"
	if got := fmt.Sprint(perm[:32]); got != want {
		t.Errorf("first batch %s", got)
	}
	x, y := lessons.BatchData()
	for b, want := range map[int]int{300: 1, 32: 10, 1: 300} {
		steps := 0
		lessons.MiniBatchEpoch(lessons.NewBatchNet(1), dl.SoftmaxCrossEntropy{}, &dl.SGD{}, 0.1, x, y, b,
			rand.New(rand.NewPCG(2, uint64(b))), func(int) { steps++ })
		if steps != want {
			t.Errorf("batch %d: %d steps per epoch, want %d", b, steps, want)
		}
	}
}

// TestBatchRun checks lesson 07's comparison of batch sizes at η = 0.1 and
// the try-it claim at η = 0.2.
func TestBatchRun(t *testing.T) {
	want := map[int]string{
		300: "0.228 0.764",
		32:  "0.233 0.233",
		1:   "0.621 0.064",
	}
	for b, w := range want {
		c := lessons.BatchRun(b, 0.1, 300, 9000)
		if got := fmt.Sprintf("%.3f %.3f", c.At(c.Steps, 300), c.At(c.Examples, 9000)); got != w {
			t.Errorf("batch %d: %s, want %s", b, got, w)
		}
		if c.Steps[0] != 0 || c.Examples[0] != 0 {
			t.Errorf("batch %d: the curve does not start at 0", b)
		}
	}
	// The spike of one example per step near 5000 examples.
	c1 := lessons.BatchRun(1, 0.1, 300, 9000)
	spike := 0.0
	for k, e := range c1.Examples {
		if e > 4000 && e < 6000 {
			spike = math.Max(spike, c1.Loss[k])
		}
	}
	if spike <= 2 {
		t.Errorf("one example per step: largest loss between 4000 and 6000 examples %g, the text says above 2", spike)
	}
	c := lessons.BatchRun(1, 0.2, 300, 9000)
	if got := fmt.Sprintf("%.3f", c.At(c.Examples, 9000)); got != "0.707" {
		t.Errorf("one example at η = 0.2: %s after 9000 examples, the try-it says 0.707", got)
	}
	for _, b := range []int{300, 32} {
		c := lessons.BatchRun(b, 0.2, 300, 9000)
		c1 := lessons.BatchRun(b, 0.1, 300, 9000)
		if c.At(c.Examples, 9000) >= c1.At(c1.Examples, 9000) {
			t.Errorf("batch %d: η = 0.2 is not faster than 0.1 per example", b)
		}
	}
	c8 := lessons.BatchRun(8, 0.1, 300, 9000)
	c32 := lessons.BatchRun(32, 0.1, 300, 9000)
	c1 = lessons.BatchRun(1, 0.1, 300, 9000)
	if l := c8.At(c8.Examples, 9000); l <= c1.At(c1.Examples, 9000) || l >= c32.At(c32.Examples, 9000) {
		t.Errorf("batch 8 after 9000 examples: %.3f, not between batch 1 and batch 32", l)
	}
}

// TestXORNoise checks lesson 07's section 2: full batch 2 of 100 stuck,
// one example per step 20 of 100, the Wilson intervals, lesson 4's stuck
// seeds freed, seed 0's state, and how many stuck runs give (0, 1), (1, 0)
// and (1, 1) the same answer.
func TestXORNoise(t *testing.T) {
	full := lessons.XORSeedsOnCores(100, lessons.XORSetup{})
	sgd := lessons.XORSGDSeeds(100, 2, 20000)
	for _, c := range []struct {
		runs []lessons.XORRun
		want string
	}{
		{full, " 2 of 100 stuck (95% interval  0.6% to  7.0%) [6 14]"},
		{sgd, "20 of 100 stuck (95% interval 13.3% to 28.9%)"},
	} {
		solved, _, stuck := lessons.SolvedEpochs(c.runs)
		lo, hi := lessons.Wilson(100-solved, 100)
		got := fmt.Sprintf("%2d of 100 stuck (95%% interval %4.1f%% to %4.1f%%)", 100-solved, 100*lo, 100*hi)
		if len(stuck) < 5 {
			got += fmt.Sprint(" ", stuck)
		}
		if got != c.want {
			t.Errorf("%s, want %s", got, c.want)
		}
	}
	if !sgd[6].Solved || !sgd[14].Solved {
		t.Error("one example per step does not solve seeds 6 and 14")
	}
	r := sgd[0]
	got := fmt.Sprintf("%.3f %.3f", r.Output, mat.Formatted(r.Hidden.T(), mat.Squeeze()))
	if want := "[0.007 0.675 0.675 0.675] ⎡0.065  0.000  0.000  0.000⎤\n⎣0.705  0.000  0.000  0.000⎦"; got != want {
		t.Errorf("seed 0: %s", got)
	}
	same := 0
	for _, r := range sgd {
		if !r.Solved && math.Abs(r.Output[1]-r.Output[3]) < 0.01 && math.Abs(r.Output[2]-r.Output[3]) < 0.01 {
			same++
		}
	}
	if same != 19 {
		t.Errorf("%d stuck runs answer the same for (0,1), (1,0), (1,1); the notebook says 19", same)
	}
}

// TestWilson: known values and the edges.
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want string
	}{{0, 100, "0.0000 0.0370"}, {2, 100, "0.0055 0.0700"}, {50, 100, "0.4038 0.5962"}, {100, 100, "0.9630 1.0000"}} {
		lo, hi := lessons.Wilson(c.k, c.n)
		if got := fmt.Sprintf("%.4f %.4f", lo, hi); got != c.want {
			t.Errorf("Wilson(%d, %d) = %s, want %s", c.k, c.n, got, c.want)
		}
	}
}

// TestEpochTimeFallsWithBatch backs the one claim lesson 07 makes about its
// measured times: an epoch of one example per step takes several times
// longer than an epoch of the full batch. The times are the fastest of five
// epochs each, and the test asks only for a factor of 2 (the notebook's
// runs show 8 to 17), so a busy machine does not make it fail.
func TestEpochTimeFallsWithBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	x, y := lessons.BatchData()
	fastest := func(b int) time.Duration {
		net := lessons.NewBatchNet(1)
		rng := rand.New(rand.NewPCG(3, 3))
		best := time.Duration(math.MaxInt64)
		for range 5 {
			start := time.Now()
			lessons.MiniBatchEpoch(net, dl.SoftmaxCrossEntropy{}, &dl.SGD{}, 0.01, x, y, b, rng, nil)
			best = min(best, time.Since(start))
		}
		return best
	}
	one, full := fastest(1), fastest(300)
	t.Logf("one example per step %v per epoch, full batch %v", one, full)
	if one < 2*full {
		t.Errorf("one example per step %v per epoch, full batch %v: not several times slower", one, full)
	}
}
