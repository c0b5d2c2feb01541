package dl_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// xorNet is Rumelhart et al.'s 2-2-1 sigmoid net for XOR.
func xorNet(seed uint64) *dl.Net {
	return dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{Scale: 1}, rand.New(rand.NewPCG(seed, 0)))
}

// spiralNet is the 2-64-64-3 ReLU net of the spiral benchmark.
func spiralNet(seed uint64) *dl.Net {
	return dl.NewMLP([]int{2, 64, 64, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 0)))
}

// TestTrainXOR trains the 2-2-1 net by full-batch gradient descent. With
// seed 1 it converges (about one seed in seven gets stuck instead, see the
// XOR lesson); MSE < 0.01 means every output is within 0.2 of its target.
func TestTrainXOR(t *testing.T) {
	x, y := lessons.XOR()
	net := xorNet(1)
	h, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 5000, Optimizer: &dl.SGD{}, Schedule: dl.Constant(2)})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Loss) != 5000 || len(h.EpochLoss) != 5000 {
		t.Fatalf("history has %d steps and %d epochs, want 5000 of each (full batch)", len(h.Loss), len(h.EpochLoss))
	}
	if mse := (dl.MSE{}).Loss(net.Forward(x), y); mse >= 0.01 {
		t.Errorf("MSE after training = %v, want < 0.01", mse)
	}
}

// TestTrainSpiral is the accuracy half of BenchmarkSpiral: CS231n's spiral,
// 2-64-64-3 ReLU, Adam at 0.01 for 2000 full-batch steps. PyTorch reaches
// 99.3% on the same task; we ask for at least 98%.
func TestTrainSpiral(t *testing.T) {
	if testing.Short() {
		t.Skip("2000 steps of a 2-64-64-3 net take a few seconds")
	}
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	net := spiralNet(3)
	h, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 2000, BatchSize: 300, Schedule: dl.Constant(0.01)})
	if err != nil {
		t.Fatal(err)
	}
	acc := dl.Accuracy(net.Forward(x), y)
	t.Logf("spiral: loss %.4f, train accuracy %.3f", h.EpochLoss[len(h.EpochLoss)-1], acc)
	if acc < 0.98 {
		t.Errorf("train accuracy %.3f, want ≥ 0.98", acc)
	}
}

// Train is exactly the loop it documents: compare it with that loop
// written out by hand, full batch and in consecutive mini-batches.
func TestTrainMatchesHandWrittenLoop(t *testing.T) {
	x, y := lessons.Spiral(3, 10, rand.New(rand.NewPCG(1, 2))) // 30 examples
	for _, bs := range []int{30, 8} {
		a, b := spiralNet(5), spiralNet(5)
		sched := dl.Cosine{Start: 0.01, End: 0.001}
		h, err := dl.Train(a, x, y, dl.TrainConfig{
			Epochs: 3, BatchSize: bs, NoShuffle: true,
			Optimizer: &dl.SGD{Momentum: 0.9}, Schedule: sched,
		})
		if err != nil {
			t.Fatal(err)
		}

		opt := &dl.SGD{Momentum: 0.9}
		loss := dl.SoftmaxCrossEntropy{}
		batches := (30 + bs - 1) / bs
		total := 3 * batches
		step := 0
		for range 3 {
			for first := 0; first < 30; first += bs {
				last := min(first+bs, 30)
				xb := mat.DenseCopyOf(x.Slice(first, last, 0, 2))
				yb := mat.DenseCopyOf(y.Slice(first, last, 0, 3))
				pred := b.Forward(xb)
				if got, want := h.Loss[step], loss.Loss(pred, yb); got != want {
					t.Fatalf("batch size %d, step %d: Train's loss %v, hand-written %v", bs, step, got, want)
				}
				grad := mat.NewDense(last-first, 3, nil)
				loss.Grad(grad, pred, yb)
				b.Backward(grad)
				opt.Step(b.Params(), sched.Rate(step, total))
				step++
			}
		}
		if step != len(h.Loss) {
			t.Fatalf("batch size %d: Train took %d steps, want %d", bs, len(h.Loss), step)
		}
		for i, p := range a.Params() {
			if !mat.Equal(p.Value, b.Params()[i].Value) {
				t.Errorf("batch size %d: %s differs from the hand-written loop", bs, p.Name)
			}
		}
	}
}

func TestTrainSameSeedSameHistory(t *testing.T) {
	x, y := lessons.Spiral(3, 20, rand.New(rand.NewPCG(1, 2)))
	run := func(seed uint64) (*dl.History, *dl.Net) {
		net := spiralNet(7)
		h, err := dl.Train(net, x, y, dl.TrainConfig{
			Epochs: 5, BatchSize: 16, Rand: rand.New(rand.NewPCG(seed, seed)),
		})
		if err != nil {
			t.Fatal(err)
		}
		return h, net
	}
	h1, n1 := run(42)
	h2, n2 := run(42)
	if !equalFloats(h1.Loss, h2.Loss) || !equalFloats(h1.Rate, h2.Rate) ||
		!equalFloats(h1.EpochLoss, h2.EpochLoss) || !equalFloats(h1.Metrics[0].Train, h2.Metrics[0].Train) {
		t.Error("same seed, different histories")
	}
	for i, p := range n1.Params() {
		if !mat.Equal(p.Value, n2.Params()[i].Value) {
			t.Errorf("same seed, different %s", p.Name)
		}
	}
	h3, _ := run(43)
	if equalFloats(h1.Loss, h3.Loss) {
		t.Error("another shuffling seed gave the same losses")
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTrainHistory(t *testing.T) {
	x, y := lessons.Spiral(3, 25, rand.New(rand.NewPCG(1, 2))) // 75 examples
	vx, vy := lessons.Spiral(3, 10, rand.New(rand.NewPCG(3, 4)))
	net := spiralNet(1)
	var steps, epochs int
	h, err := dl.Train(net, x, y, dl.TrainConfig{
		Epochs: 4, BatchSize: 20, // batches of 20, 20, 20 and 15
		ValX: vx, ValY: vy,
		OnStep: func(s dl.StepInfo) error {
			if s.Step != steps || s.Epoch != steps/4 || len(s.History.Loss) != steps+1 || s.History.Loss[steps] != s.Loss {
				t.Errorf("OnStep %d: got %+v", steps, s)
			}
			steps++
			return nil
		},
		OnEpoch: func(e dl.EpochInfo) error {
			if e.Epoch != epochs || len(e.History.EpochLoss) != epochs+1 || e.ValLoss != e.History.ValLoss[epochs] {
				t.Errorf("OnEpoch %d: got %+v", epochs, e)
			}
			epochs++
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if steps != 16 || epochs != 4 || len(h.Loss) != 16 || len(h.Rate) != 16 || len(h.EpochLoss) != 4 || len(h.ValLoss) != 4 {
		t.Fatalf("%d steps (history %d, %d rates), %d epochs (history %d, val %d); want 16 and 4",
			steps, len(h.Loss), len(h.Rate), epochs, len(h.EpochLoss), len(h.ValLoss))
	}
	// The epoch loss is the mean over examples: batches weighted by size.
	for e := range 4 {
		l := h.Loss[4*e : 4*e+4]
		want := (20*(l[0]+l[1]+l[2]) + 15*l[3]) / 75
		if math.Abs(h.EpochLoss[e]-want) > 1e-12 {
			t.Errorf("epoch %d: loss %v, want %v", e, h.EpochLoss[e], want)
		}
	}
	// Default schedule: one-cycle over the 16 steps.
	for s, r := range h.Rate {
		if want := (dl.OneCycle{MaxRate: 0.01}).Rate(s, 16); r != want {
			t.Errorf("step %d: rate %v, want %v", s, r, want)
		}
	}
	// Default metric for a 3-output net: accuracy, on train and validation.
	if len(h.Metrics) != 1 || h.Metrics[0].Name != "accuracy" || len(h.Metrics[0].Train) != 4 || len(h.Metrics[0].Val) != 4 {
		t.Fatalf("metrics = %+v, want accuracy for 4 epochs, train and validation", h.Metrics)
	}
	if got, want := h.Metrics[0].Val[3], dl.Accuracy(net.Forward(vx), vy); got != want {
		t.Errorf("final validation accuracy %v, want %v", got, want)
	}
	if got, want := h.ValLoss[3], (dl.SoftmaxCrossEntropy{}).Loss(net.Forward(vx), vy); got != want {
		t.Errorf("final validation loss %v, want %v", got, want)
	}
}

func TestTrainDefaults(t *testing.T) {
	x, y := lessons.XOR()
	net := xorNet(1)
	h, err := dl.Train(net, x, y, dl.TrainConfig{})
	if err != nil {
		t.Fatal(err)
	}
	// 10 epochs of one batch of 4 (n < 32); MSE for one output, no metric.
	if len(h.EpochLoss) != 10 || len(h.Loss) != 10 || len(h.Metrics) != 0 {
		t.Errorf("defaults on XOR: %d epochs, %d steps, %d metrics; want 10, 10, 0",
			len(h.EpochLoss), len(h.Loss), len(h.Metrics))
	}
	// The first loss is that of the untouched net, under MSE.
	fresh := xorNet(1)
	if want := (dl.MSE{}).Loss(fresh.Forward(x), y); h.Loss[0] != want {
		t.Errorf("first loss %v, want MSE %v", h.Loss[0], want)
	}

	// BCEWithLogits gets the logit accuracy.
	logitNet := dl.NewMLP([]int{2, 4, 1}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	h, err = dl.Train(logitNet, x, y, dl.TrainConfig{Loss: dl.BCEWithLogits{}, Epochs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Metrics) != 1 || h.Metrics[0].Name != "accuracy" || len(h.Metrics[0].Train) != 2 {
		t.Fatalf("BCEWithLogits metrics = %+v, want accuracy for 2 epochs", h.Metrics)
	}
	// Logits near 0 would read as class 0 under Accuracy's 0.5 threshold;
	// make them clearly positive to tell the two metrics apart.
	for _, p := range logitNet.Params() {
		p.Value.Zero()
	}
	logitNet.Layers[1].B.Set(0, 0, 0.3)
	ax, ay := lessons.AND()
	h, err = dl.Train(logitNet, ax, ay, dl.TrainConfig{Loss: dl.BCEWithLogits{}, Epochs: 1, Schedule: dl.Constant(0)})
	if err != nil {
		t.Fatal(err)
	}
	// All predicted 1: right on 1 of AND's 4 rows (Accuracy would read all
	// as 0 and say 3 of 4).
	if got := h.Metrics[0].Train[0]; got != 0.25 {
		t.Errorf("BCEWithLogits default metric = %v on logits 0.3, want 0.25 (BinaryAccuracyLogits)", got)
	}
}

func TestTrainDivergence(t *testing.T) {
	// A regression net (linear output, MSE) at learning rate 100: each step
	// overshoots the minimum by more than the last, the output weights grow
	// geometrically and the loss overflows to +Inf within a few hundred steps.
	x, y := lessons.XOR()
	x4 := mat.NewDense(8, 2, nil)
	x4.Stack(x, x) // 8 examples, so batches of 4 make 2 steps per epoch
	y4 := mat.NewDense(8, 1, nil)
	y4.Stack(y, y)
	net := dl.NewMLP([]int{2, 8, 1}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1)))
	h, err := dl.Train(net, x4, y4, dl.TrainConfig{
		Epochs: 1000, BatchSize: 4, Optimizer: &dl.SGD{}, Schedule: dl.Constant(100),
	})
	var div *dl.DivergenceError
	if !errors.As(err, &div) {
		t.Fatalf("Train at learning rate 100 returned %v, want a *DivergenceError", err)
	}
	if div.LearningRate != 100 || !(math.IsNaN(div.Loss) || math.IsInf(div.Loss, 0)) {
		t.Errorf("DivergenceError = %+v", div)
	}
	if div.Step != len(h.Loss) || div.Epoch != div.Step/2 {
		t.Errorf("diverged at step %d epoch %d, but the history has %d steps of 2 per epoch", div.Step, div.Epoch, len(h.Loss))
	}
	for i, l := range h.Loss {
		if math.IsNaN(l) || math.IsInf(l, 0) {
			t.Errorf("history step %d has loss %v: the diverged step should not be recorded", i, l)
		}
	}
	msg := err.Error()
	for _, want := range []string{"step " + strconv.Itoa(div.Step), "epoch " + strconv.Itoa(div.Epoch), "learning rate 100"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not contain %q", msg, want)
		}
	}
	t.Log(msg)
}

func TestTrainStop(t *testing.T) {
	x, y := lessons.XOR()
	h, err := dl.Train(xorNet(1), x, y, dl.TrainConfig{
		Epochs: 100,
		OnStep: func(s dl.StepInfo) error {
			if s.Step == 4 {
				return dl.StopTraining
			}
			return nil
		},
	})
	if err != nil || len(h.Loss) != 5 {
		t.Errorf("StopTraining at step 4: err %v, %d steps recorded; want nil and 5", err, len(h.Loss))
	}
	boom := errors.New("boom")
	h, err = dl.Train(xorNet(1), x, y, dl.TrainConfig{
		Epochs:  100,
		OnEpoch: func(e dl.EpochInfo) error { return boom },
	})
	if err != boom || len(h.EpochLoss) != 1 {
		t.Errorf("OnEpoch error: err %v, %d epochs recorded; want boom and 1", err, len(h.EpochLoss))
	}
}

// A warm training step allocates nothing: Train's allocations do not grow
// with the number of steps (all of them are made before the first step).
func TestTrainAllocsPerStep(t *testing.T) {
	x, y := lessons.Spiral(3, 20, rand.New(rand.NewPCG(1, 2)))
	vx, vy := lessons.Spiral(3, 5, rand.New(rand.NewPCG(3, 4)))
	for _, c := range []struct {
		name string
		cfg  dl.TrainConfig
	}{
		{"full batch", dl.TrainConfig{BatchSize: 60}},
		{"mini-batches, shuffled, last batch smaller", dl.TrainConfig{BatchSize: 16}},
		{"SGD, validation, callbacks", dl.TrainConfig{BatchSize: 7, ValX: vx, ValY: vy, Optimizer: &dl.SGD{Momentum: 0.9, Nesterov: true},
			OnStep: func(dl.StepInfo) error { return nil }, OnEpoch: func(dl.EpochInfo) error { return nil }}},
	} {
		net := spiralNet(1)
		allocs := func(epochs int) float64 {
			return testing.AllocsPerRun(5, func() {
				cfg := c.cfg
				if cfg.Optimizer != nil {
					cfg.Optimizer = &dl.SGD{Momentum: 0.9, Nesterov: true}
				}
				cfg.Epochs = epochs
				if _, err := dl.Train(net, x, y, cfg); err != nil {
					t.Fatal(err)
				}
			})
		}
		short, long := allocs(2), allocs(20)
		if long != short {
			t.Errorf("%s: Train allocates %v times for 2 epochs, %v for 20: steps allocate", c.name, short, long)
		}
	}
}

func TestTrainPanics(t *testing.T) {
	x, y := lessons.XOR()
	tests := []panicCase{
		{"rows", func() { dl.Train(xorNet(1), x, mat.NewDense(3, 1, nil), dl.TrainConfig{}) }, []string{"4 rows", "3"}},
		{"inputs", func() { dl.Train(xorNet(1), mat.NewDense(4, 3, nil), y, dl.TrainConfig{}) }, []string{"3 columns", "2 inputs"}},
		{"outputs", func() { dl.Train(xorNet(1), x, mat.NewDense(4, 2, nil), dl.TrainConfig{}) }, []string{"2 columns", "1 outputs"}},
		{"validation", func() {
			dl.Train(xorNet(1), x, y, dl.TrainConfig{ValX: mat.NewDense(2, 2, nil), ValY: mat.NewDense(3, 1, nil)})
		}, []string{"validation", "2 rows", "3"}},
		{"half a validation set", func() { dl.Train(xorNet(1), x, y, dl.TrainConfig{ValX: x}) }, []string{"ValX and ValY"}},
		{"no rows", func() { dl.Train(xorNet(1), &mat.Dense{}, &mat.Dense{}, dl.TrainConfig{}) }, []string{"no examples"}},
		{"no rows in y", func() { dl.Train(xorNet(1), x, &mat.Dense{}, dl.TrainConfig{}) }, []string{"4 rows", "y has 0"}},
		{"negative epochs", func() { dl.Train(xorNet(1), x, y, dl.TrainConfig{Epochs: -1}) }, []string{"Epochs is -1", "negative"}},
		{"negative batch size", func() { dl.Train(xorNet(1), x, y, dl.TrainConfig{BatchSize: -4}) }, []string{"BatchSize -4", "negative"}},
		{"nil x", func() { dl.Train(xorNet(1), nil, y, dl.TrainConfig{}) }, []string{"x is nil", "y is 4×1"}},
		{"nil y", func() { dl.Train(xorNet(1), x, nil, dl.TrainConfig{}) }, []string{"x is 4×2", "y is nil"}},
		{"empty net", func() { dl.Train(&dl.Net{}, x, y, dl.TrainConfig{}) }, []string{"no layers"}},
		{"metric without Func", func() { dl.Train(xorNet(1), x, y, dl.TrainConfig{Metrics: []dl.Metric{{Name: "acc"}}}) }, []string{`Metrics[0] ("acc")`, "nil Func"}},
	}
	checkPanics(t, tests)
}

// A NaN or Inf in the data is reported as such, before any step, instead of
// as a divergence at step 0 that would send the learner lowering the
// learning rate.
func TestTrainNonFiniteData(t *testing.T) {
	x, y := lessons.XOR()
	with := func(m *mat.Dense, i, j int, v float64) *mat.Dense {
		c := mat.DenseCopyOf(m)
		c.Set(i, j, v)
		return c
	}
	tests := []struct {
		name       string
		x, y       *mat.Dense
		valX, valY *mat.Dense
		want       string
	}{
		{"NaN in x", with(x, 2, 1, math.NaN()), y, nil, nil, "x[2][1] is NaN"},
		{"Inf in y", x, with(y, 3, 0, math.Inf(1)), nil, nil, "y[3][0] is +Inf"},
		{"NaN in ValX", x, y, with(x, 0, 0, math.NaN()), y, "ValX[0][0] is NaN"},
		{"-Inf in ValY", x, y, x, with(y, 1, 0, math.Inf(-1)), "ValY[1][0] is -Inf"},
	}
	for _, tt := range tests {
		net := xorNet(1)
		before := net.Clone()
		steps := 0
		h, err := dl.Train(net, tt.x, tt.y, dl.TrainConfig{
			ValX: tt.valX, ValY: tt.valY,
			OnStep: func(dl.StepInfo) error { steps++; return nil },
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
		var div *dl.DivergenceError
		if errors.As(err, &div) {
			t.Errorf("%s: reported as a divergence: %v", tt.name, err)
		}
		if h == nil || len(h.Loss) != 0 || steps != 0 {
			t.Errorf("%s: history %+v after %d steps, want an empty history and no step", tt.name, h, steps)
		}
		for i, p := range net.Params() {
			if !mat.Equal(p.Value, before.Params()[i].Value) {
				t.Errorf("%s: %s changed", tt.name, p.Name)
			}
		}
	}
}

// A schedule that yields NaN or a negative rate is reported at that step,
// before the rate reaches the weights, and not as a divergence.
func TestTrainBadSchedule(t *testing.T) {
	x, y := lessons.XOR()
	for _, bad := range []float64{math.NaN(), -0.1, math.Inf(1)} {
		net := xorNet(1)
		h, err := dl.Train(net, x, y, dl.TrainConfig{
			Epochs: 10, Optimizer: &dl.SGD{},
			Schedule: dl.ScheduleFunc(func(step, _ int) float64 {
				if step == 3 {
					return bad
				}
				return 0.5
			}),
		})
		want := fmt.Sprintf("learning rate %v at step 3 (epoch 3)", bad)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("rate %v: error %v, want one containing %q", bad, err, want)
		}
		if len(h.Loss) != 3 {
			t.Errorf("rate %v: %d steps recorded, want 3", bad, len(h.Loss))
		}
		for _, p := range net.Params() {
			if v := mat.Sum(p.Value); math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("rate %v: %s is %v", bad, p.Name, v)
			}
		}
	}
}
