package dl_test

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// TestTrainWorkersSpiral: the spiral benchmark's run with two workers still
// reaches the train accuracy.
func TestTrainWorkersSpiral(t *testing.T) {
	if testing.Short() {
		t.Skip("2000 steps of a 2-64-64-3 net take a second")
	}
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	net := spiralNet(3)
	h, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 2000, BatchSize: 300, Schedule: dl.Constant(0.01), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	acc := dl.Accuracy(net.Forward(x), y)
	t.Logf("spiral, 2 workers: loss %.4f, train accuracy %.3f", h.EpochLoss[len(h.EpochLoss)-1], acc)
	if acc < 0.98 {
		t.Errorf("train accuracy %.3f, want ≥ 0.98", acc)
	}
}

// trainWorkers trains spiralNet(5) on 60 spiral points for 3 epochs of
// shuffled mini-batches of 16 (the last one smaller), with a validation set.
func trainWorkers(t *testing.T, workers int, opt dl.Optimizer) (*dl.Net, *dl.History) {
	t.Helper()
	x, y := lessons.Spiral(3, 20, rand.New(rand.NewPCG(1, 2)))
	vx, vy := lessons.Spiral(3, 5, rand.New(rand.NewPCG(3, 4)))
	net := spiralNet(5)
	h, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs: 3, BatchSize: 16, Workers: workers, Optimizer: opt, ValX: vx, ValY: vy,
	})
	if err != nil {
		t.Fatal(err)
	}
	return net, h
}

func sameWeights(a, b *dl.Net) bool {
	for i, p := range a.Params() {
		q := b.Params()[i].Value.RawMatrix().Data
		for j, v := range p.Value.RawMatrix().Data {
			if math.Float64bits(v) != math.Float64bits(q[j]) {
				return false
			}
		}
	}
	return true
}

// TestTrainWorkersReproducible: for a given Workers the run is the same bits
// every time, also on one processor, where the parts run one after the other.
func TestTrainWorkersReproducible(t *testing.T) {
	// Each optimizer's step is shared between the goroutines (rowStepper)
	// with two processors, and taken whole on one.
	optimizers := map[string]func() dl.Optimizer{
		"Adam":         func() dl.Optimizer { return &dl.Adam{} },
		"SGD momentum": func() dl.Optimizer { return &dl.SGD{Momentum: 0.9, Nesterov: true, WeightDecay: 1e-3} },
		"RMSProp":      func() dl.Optimizer { return &dl.RMSProp{} },
	}
	for name, opt := range optimizers {
		for _, workers := range []int{2, 3, 7} {
			a, _ := trainWorkers(t, workers, opt())
			b, _ := trainWorkers(t, workers, opt())
			old := runtime.GOMAXPROCS(1)
			c, _ := trainWorkers(t, workers, opt())
			runtime.GOMAXPROCS(old)
			if !sameWeights(a, b) || !sameWeights(a, c) {
				t.Errorf("%s, Workers=%d: two runs, or a run on one processor, ended with different weights", name, workers)
			}
		}
	}
}

// TestTrainWorkersAgreesWithOneWorker: parts give the batch's gradient, up to
// the order of the additions. After a few steps of plain SGD the weights,
// losses and metrics agree with one worker's to rounding.
func TestTrainWorkersAgreesWithOneWorker(t *testing.T) {
	one, h1 := trainWorkers(t, 1, &dl.SGD{})
	for _, workers := range []int{2, 3, 16, 100} { // 100: more workers than rows in a batch
		w, hw := trainWorkers(t, workers, &dl.SGD{})
		for i, p := range one.Params() {
			if !mat.EqualApprox(p.Value, w.Params()[i].Value, 1e-12) {
				t.Errorf("Workers=%d: %s of layer %d differs from one worker's by more than 1e-12", workers, p.Name, i/2)
			}
		}
		for i, l := range h1.Loss {
			if math.Abs(hw.Loss[i]-l) > 1e-12 {
				t.Errorf("Workers=%d: step %d loss %v, one worker %v", workers, i, hw.Loss[i], l)
			}
		}
		if len(hw.Loss) != len(h1.Loss) || len(hw.ValLoss) != 3 || len(hw.Metrics[0].Train) != 3 {
			t.Fatalf("Workers=%d: history has %d steps, %d validation losses, %d accuracies", workers,
				len(hw.Loss), len(hw.ValLoss), len(hw.Metrics[0].Train))
		}
		for e := range 3 {
			if hw.Metrics[0].Train[e] != h1.Metrics[0].Train[e] || math.Abs(hw.ValLoss[e]-h1.ValLoss[e]) > 1e-12 {
				t.Errorf("Workers=%d: epoch %d accuracy %v / validation loss %v, one worker %v / %v", workers, e,
					hw.Metrics[0].Train[e], hw.ValLoss[e], h1.Metrics[0].Train[e], h1.ValLoss[e])
			}
		}
	}
}
