package dl

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// TrainConfig says how Train trains a net. Every field is optional: the zero
// value is a sensible run, in the spirit of fastai's defaults, and each
// comment says what zero means.
type TrainConfig struct {
	// Loss is minimized. nil means SoftmaxCrossEntropy if the net has more
	// than one output (a classifier whose last layer gives logits) and MSE
	// if it has one.
	Loss Loss

	// Optimizer updates the weights. nil means a new &Adam{}. An optimizer
	// keeps state (velocities, moments) for the net it is used on: give each
	// run its own.
	Optimizer Optimizer

	// Schedule gives the learning rate at each step, over the
	// total = Epochs·⌈n/BatchSize⌉ steps of the run. nil means
	// OneCycle{MaxRate: 0.01}, the policy of fastai's fit_one_cycle, at a
	// peak rate that suits Adam on the small nets of this course (plain SGD
	// usually wants a larger one). Use Constant(η) for a fixed rate.
	Schedule Schedule

	// Epochs is the number of passes over the training set; 0 means 10.
	Epochs int

	// BatchSize is the number of examples per step: 1 is stochastic gradient
	// descent, n (or more) is full-batch gradient descent, anything between
	// is mini-batch SGD. 0 means 32 (or n if n < 32). When n is not a
	// multiple of BatchSize the last batch of each epoch is smaller.
	BatchSize int

	// Rand shuffles the examples at the start of every epoch. nil means
	// rand.New(rand.NewPCG(1, 2)), so a run is reproducible unless you ask
	// otherwise. Full-batch training never shuffles: the order of the rows
	// does not change the gradient.
	Rand *rand.Rand

	// NoShuffle keeps the rows in their order: batch b of every epoch is rows
	// b·BatchSize, b·BatchSize+1, …
	NoShuffle bool

	// ValX and ValY, if not nil, are a validation set, evaluated at the end
	// of every epoch.
	ValX, ValY *mat.Dense

	// Metrics are computed at the end of every epoch on the training
	// predictions of that epoch and on the validation set. nil means
	// accuracy when the loss is SoftmaxCrossEntropy (Accuracy) or
	// BCEWithLogits (BinaryAccuracyLogits), and none otherwise. To see the
	// accuracy of a sigmoid net trained with MSE, pass
	// []Metric{{Name: "accuracy", Func: Accuracy}}.
	Metrics []Metric

	// OnStep, if not nil, is called after every step. OnEpoch, if not nil,
	// is called at the end of every epoch, after the metrics. Both see the
	// History so far, so a notebook can redraw live curves. A callback that
	// returns StopTraining ends the run early and Train returns no error;
	// any other non-nil error ends the run and Train returns it.
	OnStep  func(StepInfo) error
	OnEpoch func(EpochInfo) error
}

// Metric is a named measure of a net's predictions, such as Accuracy.
// Func receives the net's output and the targets, one example per row.
type Metric struct {
	Name string
	Func func(pred, target *mat.Dense) float64
}

// StepInfo describes the step that has just been taken.
type StepInfo struct {
	Epoch   int      // counted from 0
	Step    int      // counted from 0 over the whole run
	Rate    float64  // learning rate of the step
	Loss    float64  // loss of the mini-batch, computed before the update
	History *History // everything recorded so far, this step included
}

// EpochInfo describes the epoch that has just ended.
type EpochInfo struct {
	Epoch   int      // counted from 0
	Loss    float64  // mean training loss over the epoch
	ValLoss float64  // loss on the validation set; NaN without one
	History *History // everything recorded so far, this epoch included
}

// History records a training run, as plain slices ready to plot.
type History struct {
	// One entry per step.
	Loss []float64 // mini-batch loss, computed before the step's update
	Rate []float64 // learning rate used by the step

	// One entry per epoch.
	EpochLoss []float64       // mean of the epoch's mini-batch losses, weighted by batch size
	ValLoss   []float64       // loss on the validation set; nil without one
	Metrics   []MetricHistory // one per metric, in the order of TrainConfig.Metrics
}

// MetricHistory holds one metric for every epoch of a run.
type MetricHistory struct {
	Name  string
	Train []float64 // on the predictions made while training in that epoch
	Val   []float64 // on the validation set at the end of the epoch; nil without one
}

// StopTraining is returned by an OnStep or OnEpoch callback to end training
// early without an error, as fs.SkipAll ends a walk.
var StopTraining = errors.New("dl: stop training")

// DivergenceError is returned by Train when the loss becomes NaN or ±Inf:
// the weights have blown up, almost always because the learning rate is too
// large. Train stops before updating the weights with that step's gradient.
type DivergenceError struct {
	Epoch, Step  int     // where it happened, counted from 0
	LearningRate float64 // the rate the schedule gave for that step
	Loss         float64 // NaN, +Inf or −Inf
}

func (e *DivergenceError) Error() string {
	if e.Step == 0 {
		// No update has happened yet, so the rate cannot be the cause.
		return fmt.Sprintf("dl: the loss is %v at the first step, before any update: the inputs or the initial weights are too large for the net (the learning rate %g is not the cause); scale the inputs or use a smaller initialization",
			e.Loss, e.LearningRate)
	}
	return fmt.Sprintf("dl: training diverged at step %d (epoch %d): loss is %v with learning rate %g; try a smaller learning rate",
		e.Step, e.Epoch, e.Loss, e.LearningRate)
}

// Train fits net to the examples x (n×inputs) and targets y (n×outputs) by
// mini-batch gradient descent, and returns what happened in a History.
// Each step is
//
//	η      = Schedule.Rate(step, total)
//	ŷ      = net.Forward(x_batch)
//	loss   = Loss(ŷ, y_batch)
//	∂L/∂ŷ  = Loss.Grad(ŷ, y_batch);  net.Backward(∂L/∂ŷ)  (all but ∂L/∂x)
//	w     ← Optimizer.Step(w, ∂L/∂w, η)
//
// repeated over the batches of every epoch (see TrainConfig for the
// defaults). Training metrics are computed from the predictions made during
// the epoch, before each step's update, as fastai reports its training loss;
// they cost no extra pass over the data.
//
// Train allocates its buffers and the History (with room for every step)
// before the first step, and nothing afterwards: a training step allocates
// no memory (the metrics and callbacks run once per epoch or step and
// allocate only if they do).
//
// Train returns an error, together with the History so far (never nil),
// when
//
//   - x, y, ValX or ValY holds a NaN or ±Inf (a missing value in a dataset
//     file, say), or a weight of the net is not finite: checked before the
//     first step, the error names the entry. Otherwise the loss would be NaN
//     from the first step and look like a divergence;
//   - a target does not suit the loss (SoftmaxCrossEntropy needs probability
//     rows, BCEWithLogits values in [0, 1]): checked before the first step;
//   - the loss becomes NaN or infinite: a *DivergenceError naming the step,
//     epoch and learning rate, with the History up to the previous step;
//   - the schedule gives a NaN, infinite or negative rate: the error names
//     the step, and the rate is not used;
//   - a callback returns an error other than StopTraining: that error.
//
// Train panics if x or y is nil, if they have different numbers of rows or no rows, if x
// does not fit the net's input or y its output, if the validation set does
// not match them, if Epochs or BatchSize is negative, or if a Metric has no
// Func.
func Train(net *Net, x, y *mat.Dense, cfg TrainConfig) (*History, error) {
	if x == nil || y == nil {
		panic(fmt.Sprintf("dl: Train: x is %v and y is %v; give both as matrices", dimsOf(x), dimsOf(y)))
	}
	n, in := x.Dims()
	yn, out := y.Dims()
	checkData("Train", net, n, in, yn, out)
	if cfg.ValX != nil || cfg.ValY != nil {
		if cfg.ValX == nil || cfg.ValY == nil {
			panic("dl: Train: give both ValX and ValY, or neither")
		}
		vn, vin := cfg.ValX.Dims()
		vyn, vout := cfg.ValY.Dims()
		checkData("Train (validation set)", net, vn, vin, vyn, vout)
	}
	if cfg.Epochs < 0 || cfg.BatchSize < 0 {
		panic(fmt.Sprintf("dl: Train: Epochs is %d and BatchSize %d; they must not be negative (0 means the default)",
			cfg.Epochs, cfg.BatchSize))
	}
	for i, m := range cfg.Metrics {
		if m.Func == nil {
			panic(fmt.Sprintf("dl: Train: Metrics[%d] (%q) has a nil Func", i, m.Name))
		}
	}
	for _, d := range []struct {
		name string
		m    *mat.Dense
	}{{"x", x}, {"y", y}, {"ValX", cfg.ValX}, {"ValY", cfg.ValY}} {
		if err := checkFinite("Train", d.name, d.m); err != nil {
			return &History{}, err
		}
	}
	for l, layer := range net.Layers {
		if err := checkFinite("Train", fmt.Sprintf("layer %d's W", l), layer.W); err != nil {
			return &History{}, fmt.Errorf("%w (before training: the net's weights must be finite)", err)
		}
		if err := checkFinite("Train", fmt.Sprintf("layer %d's B", l), layer.B); err != nil {
			return &History{}, fmt.Errorf("%w (before training: the net's biases must be finite)", err)
		}
	}
	cfg = cfg.withDefaults(net, n)
	if tc, ok := cfg.Loss.(targetChecker); ok {
		for _, d := range []struct {
			name string
			m    *mat.Dense
		}{{"y", y}, {"ValY", cfg.ValY}} {
			if d.m == nil {
				continue
			}
			if err := tc.checkTargets(d.m); err != nil {
				return &History{}, fmt.Errorf("dl: Train: %s: %w", d.name, err)
			}
		}
	}

	t := newTrainer(net, x, y, cfg)
	err := t.run()
	if errors.Is(err, StopTraining) {
		err = nil
	}
	return t.hist, err
}

// targetChecker is a loss that accepts only some targets (see
// SoftmaxCrossEntropy and BCEWithLogits).
type targetChecker interface {
	checkTargets(target *mat.Dense) error
}

// dimsOf describes m for an error message: "nil" or "3×2".
func dimsOf(m *mat.Dense) string {
	if m == nil {
		return "nil"
	}
	r, c := m.Dims()
	return fmt.Sprintf("%d×%d", r, c)
}

// checkData panics unless x (n×in) and y (yn×out) have the same number of
// rows and fit the net.
func checkData(where string, net *Net, n, in, yn, out int) {
	if len(net.Layers) == 0 {
		panic(fmt.Sprintf("dl: %s: net has no layers", where))
	}
	if n != yn {
		panic(fmt.Sprintf("dl: %s: x has %d rows, y has %d", where, n, yn))
	}
	if n == 0 {
		panic(fmt.Sprintf("dl: %s: no examples", where))
	}
	if want := net.Layers[0].In(); in != want {
		panic(fmt.Sprintf("dl: %s: x has %d columns, net expects %d inputs", where, in, want))
	}
	if want := net.Layers[len(net.Layers)-1].Out(); out != want {
		panic(fmt.Sprintf("dl: %s: y has %d columns, net has %d outputs", where, out, want))
	}
}

// checkFinite returns an error naming the first entry of m that is NaN or
// ±Inf, or nil if there is none (or m is nil). Such an entry is a problem of
// the data, not of the program, hence an error rather than a panic.
func checkFinite(where, name string, m *mat.Dense) error {
	if m == nil {
		return nil
	}
	r, _ := m.Dims()
	for i := range r {
		for j, v := range m.RawRowView(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("dl: %s: %s[%d][%d] is %v; the data must be finite numbers", where, name, i, j, v)
			}
		}
	}
	return nil
}

// withDefaults fills in the zero fields of cfg for a net trained on n
// examples.
func (cfg TrainConfig) withDefaults(net *Net, n int) TrainConfig {
	if cfg.Loss == nil {
		if net.Layers[len(net.Layers)-1].Out() > 1 {
			cfg.Loss = SoftmaxCrossEntropy{}
		} else {
			cfg.Loss = MSE{}
		}
	}
	if cfg.Optimizer == nil {
		cfg.Optimizer = &Adam{}
	}
	if cfg.Schedule == nil {
		cfg.Schedule = OneCycle{MaxRate: 0.01}
	}
	if cfg.Epochs == 0 {
		cfg.Epochs = 10
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 32
	}
	cfg.BatchSize = min(cfg.BatchSize, n)
	if cfg.Rand == nil {
		cfg.Rand = rand.New(rand.NewPCG(1, 2))
	}
	if cfg.Metrics == nil {
		switch cfg.Loss.(type) {
		case SoftmaxCrossEntropy, *SoftmaxCrossEntropy:
			cfg.Metrics = []Metric{{Name: "accuracy", Func: Accuracy}}
		case BCEWithLogits, *BCEWithLogits:
			cfg.Metrics = []Metric{{Name: "accuracy", Func: BinaryAccuracyLogits}}
		}
	}
	return cfg
}

// trainer holds one run of Train: the configuration and every buffer, so
// that the steps themselves allocate nothing.
type trainer struct {
	net  *Net
	x, y *mat.Dense
	cfg  TrainConfig
	hist *History

	n, batches, total int
	fullBatch         bool
	perm              []int // order of the rows in this epoch

	// Batch buffers: xb, yb for a full batch, and xLast, yLast for the
	// smaller last batch when BatchSize does not divide n.
	xb, yb       *mat.Dense
	xLast, yLast *mat.Dense

	// The epoch's predictions and their targets, in the order seen, for the
	// training metrics.
	epochPred, epochTarget *mat.Dense
}

func newTrainer(net *Net, x, y *mat.Dense, cfg TrainConfig) *trainer {
	n, in := x.Dims()
	_, out := y.Dims()
	bs := cfg.BatchSize
	t := &trainer{net: net, x: x, y: y, cfg: cfg, n: n}
	t.batches = (n + bs - 1) / bs
	t.total = cfg.Epochs * t.batches
	t.fullBatch = bs == n
	if !t.fullBatch {
		t.perm = make([]int, n)
		for i := range t.perm {
			t.perm[i] = i
		}
		t.xb, t.yb = mat.NewDense(bs, in, nil), mat.NewDense(bs, out, nil)
		if last := n % bs; last != 0 {
			t.xLast, t.yLast = mat.NewDense(last, in, nil), mat.NewDense(last, out, nil)
		}
	}
	if len(cfg.Metrics) > 0 {
		t.epochPred = mat.NewDense(n, out, nil)
		t.epochTarget = mat.NewDense(n, out, nil)
	}

	// The History gets its full length now, so appending never reallocates.
	h := &History{
		Loss:      make([]float64, 0, t.total),
		Rate:      make([]float64, 0, t.total),
		EpochLoss: make([]float64, 0, cfg.Epochs),
		Metrics:   make([]MetricHistory, len(cfg.Metrics)),
	}
	hasVal := cfg.ValX != nil
	if hasVal {
		h.ValLoss = make([]float64, 0, cfg.Epochs)
	}
	for i, m := range cfg.Metrics {
		h.Metrics[i] = MetricHistory{Name: m.Name, Train: make([]float64, 0, cfg.Epochs)}
		if hasVal {
			h.Metrics[i].Val = make([]float64, 0, cfg.Epochs)
		}
	}
	t.hist = h
	return t
}

// run trains for all epochs, stopping at the first error.
func (t *trainer) run() error {
	params := t.net.Params()
	step := 0
	for epoch := range t.cfg.Epochs {
		if !t.fullBatch && !t.cfg.NoShuffle {
			t.cfg.Rand.Shuffle(t.n, func(i, j int) { t.perm[i], t.perm[j] = t.perm[j], t.perm[i] })
		}
		var lossSum float64
		for b := range t.batches {
			xb, yb := t.batch(b)
			rows, _ := xb.Dims()
			lr := t.cfg.Schedule.Rate(step, t.total)
			if !(lr >= 0) || math.IsInf(lr, 1) {
				// A NaN or negative rate is a broken schedule, not a
				// divergence; stop before it spoils the weights.
				return fmt.Errorf("dl: Train: the schedule gave learning rate %v at step %d (epoch %d); a rate must be finite and ≥ 0",
					lr, step, epoch)
			}

			loss := t.net.Gradient(t.cfg.Loss, xb, yb) // forward, loss, backward
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return &DivergenceError{Epoch: epoch, Step: step, LearningRate: lr, Loss: loss}
			}
			if t.epochPred != nil {
				// Keep the predictions (before the update) for the metrics.
				copyRows(t.epochTarget, b*t.cfg.BatchSize, yb)
				copyRows(t.epochPred, b*t.cfg.BatchSize, t.net.Layers[len(t.net.Layers)-1].A())
			}
			t.cfg.Optimizer.Step(params, lr) // w ← w − η·(what the optimizer makes of ∂L/∂w)

			lossSum += loss * float64(rows)
			t.hist.Loss = append(t.hist.Loss, loss)
			t.hist.Rate = append(t.hist.Rate, lr)
			if t.cfg.OnStep != nil {
				err := t.cfg.OnStep(StepInfo{Epoch: epoch, Step: step, Rate: lr, Loss: loss, History: t.hist})
				if err != nil {
					return err
				}
			}
			step++
		}
		if err := t.endEpoch(epoch, lossSum/float64(t.n)); err != nil {
			return err
		}
	}
	return nil
}

// copyRows copies the rows of src to rows first, first+1, … of dst, which
// has the same number of columns.
func copyRows(dst *mat.Dense, first int, src *mat.Dense) {
	d, s := dst.RawMatrix(), src.RawMatrix()
	if d.Stride == d.Cols && s.Stride == s.Cols { // no gaps: one copy
		copy(d.Data[first*d.Stride:], s.Data[:s.Rows*s.Cols])
		return
	}
	for i := range s.Rows {
		copy(d.Data[(first+i)*d.Stride:(first+i)*d.Stride+d.Cols], s.Data[i*s.Stride:i*s.Stride+s.Cols])
	}
}

// batch returns the inputs, targets and gradient buffer of batch b of the
// epoch, copying the rows listed in perm into the batch buffers.
func (t *trainer) batch(b int) (xb, yb *mat.Dense) {
	if t.fullBatch {
		return t.x, t.y
	}
	xb, yb = t.xb, t.yb
	if b == t.batches-1 && t.xLast != nil {
		xb, yb = t.xLast, t.yLast
	}
	rows, _ := xb.Dims()
	first := b * t.cfg.BatchSize
	for i := range rows {
		r := t.perm[first+i]
		copy(xb.RawRowView(i), t.x.RawRowView(r))
		copy(yb.RawRowView(i), t.y.RawRowView(r))
	}
	return xb, yb
}

// endEpoch records the epoch's loss, metrics and validation results and calls
// OnEpoch.
func (t *trainer) endEpoch(epoch int, loss float64) error {
	h := t.hist
	h.EpochLoss = append(h.EpochLoss, loss)
	for i, m := range t.cfg.Metrics {
		h.Metrics[i].Train = append(h.Metrics[i].Train, m.Func(t.epochPred, t.epochTarget))
	}
	valLoss := math.NaN()
	if t.cfg.ValX != nil {
		pred := t.net.Forward(t.cfg.ValX)
		valLoss = t.cfg.Loss.Loss(pred, t.cfg.ValY)
		h.ValLoss = append(h.ValLoss, valLoss)
		for i, m := range t.cfg.Metrics {
			h.Metrics[i].Val = append(h.Metrics[i].Val, m.Func(pred, t.cfg.ValY))
		}
	}
	if t.cfg.OnEpoch != nil {
		return t.cfg.OnEpoch(EpochInfo{Epoch: epoch, Loss: loss, ValLoss: valLoss, History: h})
	}
	return nil
}
