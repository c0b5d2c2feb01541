package dl

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// LRFinderConfig configures FindLR. Zero fields take fastai's lr_find
// defaults, or Train's.
type LRFinderConfig struct {
	MinRate float64 // first rate of the sweep; 0 means 1e-7
	MaxRate float64 // last rate of the sweep; 0 means 10
	Steps   int     // number of steps (rates tried); 0 means 100

	// Smoothing is β of the smoothed loss (see FindLR); 0 means 0.98.
	Smoothing float64
	// StopFactor stops the sweep once the smoothed loss exceeds StopFactor
	// times the best smoothed loss seen; 0 means 4. A negative value never
	// stops early (except on a NaN or infinite loss).
	StopFactor float64

	// Loss, Optimizer, BatchSize and Rand are used as by Train, with the same
	// defaults (a new &Adam{} for a nil Optimizer). Pass a fresh Optimizer:
	// its state would otherwise carry over into the sweep.
	Loss      Loss
	Optimizer Optimizer
	BatchSize int
	Rand      *rand.Rand
}

// LRFinderResult is the curve measured by FindLR.
type LRFinderResult struct {
	Rates    []float64 // learning rate of each step
	Losses   []float64 // smoothed loss after each step: plot this against Rates on a log axis
	RawLoss  []float64 // mini-batch loss of each step, as Train records it
	Diverged bool      // the sweep stopped early because the loss exploded

	// Suggested is the rate FindLR recommends, at index SuggestedIndex of
	// Rates and Losses (see FindLR for the rule).
	Suggested      float64
	SuggestedIndex int
}

// FindLR runs the learning-rate range test of Smith (2015, "Cyclical learning
// rates", §3.3) as fastai's lr_find does: it trains a copy of net (net itself
// is not changed) with a rate that grows exponentially from MinRate to
// MaxRate, one step per rate,
//
//	η_i = MinRate · (MaxRate/MinRate)^(i/(Steps−1)),   i = 0 … Steps−1
//
// and records the loss at each rate. Too small a rate barely lowers the loss;
// a good one lowers it quickly; too large a one makes it explode. To see the
// trend through the noise of mini-batches the curve is smoothed with a
// bias-corrected exponential moving average (fastai's AvgSmoothLoss):
//
//	s_i = β·s_{i−1} + (1 − β)·loss_i,   smoothed_i = s_i / (1 − β^(i+1))
//
// The sweep stops early, as fastai's does, when smoothed_i exceeds
// StopFactor (4) times the lowest smoothed loss so far, or when the loss
// becomes NaN or infinite.
//
// The suggested rate follows fastai's "valley" rule (its default since
// version 2.5): leaving out the first tenth of the planned steps and the last
// five recorded points, where the curve is flat or exploding, find the
// longest run of points along which the smoothed loss keeps decreasing (a
// longest decreasing subsequence, from index s to index e), and take the
// point halfway along it, s + ⌊(e−s)/3⌋ + ⌊(e−s)/6⌋: well inside the region
// where the loss falls, and well below the rates where it turns up again.
//
// FindLR returns an error, together with the curve so far, if the sweep
// ended too early to leave at least two points for the rule (the loss
// exploded at once, or Steps is below 7), and Train's error if the data
// contain NaN or ±Inf. It panics where Train would, if MinRate ≥ MaxRate,
// or if Steps or BatchSize is negative.
func FindLR(net *Net, x, y *mat.Dense, cfg LRFinderConfig) (LRFinderResult, error) {
	n, in := x.Dims()
	yn, out := y.Dims()
	checkData("FindLR", net, n, in, yn, out) // before n is used to size the batches
	lo, hi := orDefault(cfg.MinRate, 1e-7), orDefault(cfg.MaxRate, 10)
	if !(lo > 0 && lo < hi) {
		panic(fmt.Sprintf("dl: FindLR: need 0 < MinRate < MaxRate, got %g and %g", lo, hi))
	}
	if cfg.Steps < 0 || cfg.BatchSize < 0 {
		panic(fmt.Sprintf("dl: FindLR: Steps is %d and BatchSize %d; they must not be negative (0 means the default)",
			cfg.Steps, cfg.BatchSize))
	}
	steps := cfg.Steps
	if steps == 0 {
		steps = 100
	}
	steps = max(steps, 2)
	beta := orDefault(cfg.Smoothing, 0.98)
	stop := orDefault(cfg.StopFactor, 4)

	bs := cfg.BatchSize
	if bs == 0 {
		bs = 32
	}
	bs = min(bs, n)
	perEpoch := (n + bs - 1) / bs
	sweep := Exponential{Start: lo, End: hi}

	res := LRFinderResult{
		Rates:   make([]float64, 0, steps),
		Losses:  make([]float64, 0, steps),
		RawLoss: make([]float64, 0, steps),
	}
	var avg float64
	best := math.Inf(1)
	_, err := Train(net.Clone(), x, y, TrainConfig{
		Loss:      cfg.Loss,
		Optimizer: cfg.Optimizer,
		// Step i of the sweep gets η_i, whatever the run's total.
		Schedule:  ScheduleFunc(func(step, _ int) float64 { return sweep.Rate(step, steps-1) }),
		Epochs:    (steps + perEpoch - 1) / perEpoch,
		BatchSize: bs,
		Rand:      cfg.Rand,
		OnStep: func(s StepInfo) error {
			avg = beta*avg + (1-beta)*s.Loss
			smooth := avg / (1 - math.Pow(beta, float64(s.Step+1)))
			res.Rates = append(res.Rates, s.Rate)
			res.Losses = append(res.Losses, smooth)
			res.RawLoss = append(res.RawLoss, s.Loss)
			best = math.Min(best, smooth)
			if stop > 0 && smooth > stop*best {
				res.Diverged = true
				return StopTraining
			}
			if s.Step == steps-1 {
				return StopTraining
			}
			return nil
		},
	})
	var div *DivergenceError
	if errors.As(err, &div) {
		res.Diverged = true
	} else if err != nil {
		return res, err
	}

	// fastai's lr_find suggests from the points [num_it/10, len−5).
	from, to := steps/10, len(res.Losses)-5
	if to-from < 2 {
		res.Suggested, res.SuggestedIndex = math.NaN(), -1
		if !res.Diverged {
			return res, fmt.Errorf("dl: FindLR: %d steps are too few to suggest a rate; use at least 7", steps)
		}
		// The rate at which the loss exploded. A NaN or infinite loss is not
		// recorded in Rates, and may come at the very first step.
		var rate float64
		if div != nil {
			rate = div.LearningRate
		} else {
			rate = res.Rates[len(res.Rates)-1]
		}
		return res, fmt.Errorf("dl: FindLR: the loss exploded after %d of %d steps (rate %.3g), too early to suggest a rate; lower MinRate",
			len(res.Losses), steps, rate)
	}
	i := from + valley(res.Losses[from:to])
	res.Suggested, res.SuggestedIndex = res.Rates[i], i
	return res, nil
}

// valley returns the index fastai's valley rule picks in losses: the point
// halfway along the longest decreasing run. It follows
// fastai's code step for step, including the way it estimates where the run
// starts (end minus the run's length, as known when end was last moved), so
// that the same curve gives the same suggestion.
func valley(losses []float64) int {
	n := len(losses)
	// lds[i] is the length of the longest strictly decreasing subsequence
	// ending at i (the classic O(n²) dynamic programme).
	lds := make([]int, n)
	for i := range lds {
		lds[i] = 1
	}
	start, end := 0, 0
	for i := 1; i < n; i++ {
		for j := range i {
			if losses[i] < losses[j] && lds[i] < lds[j]+1 {
				lds[i] = lds[j] + 1
			}
			if lds[end] < lds[i] {
				end = i
				start = end - lds[end]
			}
		}
	}
	// A third of the run plus half a third: halfway along.
	sections := float64(end-start) / 3
	idx := start + int(sections) + int(sections/2)
	return min(max(idx, 0), n-1)
}
