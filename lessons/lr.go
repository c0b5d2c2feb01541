package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the runs behind notebooks/06-learning-rates.ipynb: one
// small classification task trained with plain SGD at many learning rates,
// under many schedules and from many seeds, fast enough to repeat in a
// notebook.

// The lesson's training run: mini-batches of LRBatchSize examples for
// LREpochs epochs, so 20 · ⌈300/32⌉ = 200 steps.
const (
	LRHidden    = 32 // units in each of the two hidden layers
	LREpochs    = 20
	LRBatchSize = 32
)

// LRData draws the lesson's data from seed: a training set and a validation
// set, each 3 arms of 100 points of the spiral (Spiral), with one-hot
// targets. The two sets come from separate streams of the seed.
func LRData(seed uint64) (x, y, valX, valY *mat.Dense) {
	x, y = Spiral(3, 100, rand.New(rand.NewPCG(seed, 0)))
	valX, valY = Spiral(3, 100, rand.New(rand.NewPCG(seed, 3)))
	return x, y, valX, valY
}

// NewLRNet returns the lesson's net: 2 inputs, two hidden layers of hidden
// leaky-ReLU units and 3 outputs (logits), with He weights drawn from seed.
// Leaky ReLU rather than ReLU because a unit whose input is negative for
// every example still passes a gradient: a rate that is too large then
// shows as what it is, a loss that runs away to infinity, instead of units
// that switch off for good and leave the loss stuck.
//
// It panics if hidden < 1.
func NewLRNet(hidden int, seed uint64) *dl.Net {
	if hidden < 1 {
		panic(fmt.Sprintf("lessons: NewLRNet: %d hidden units", hidden))
	}
	return dl.NewMLP([]int{2, hidden, hidden, 3}, dl.LeakyReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 1)))
}

// LRFit trains NewLRNet(hidden, seed) on LRData(seed) with plain SGD under
// sched: softmax cross-entropy, mini-batches of LRBatchSize in an order
// drawn from seed, for LREpochs epochs, with the validation loss and
// accuracy recorded after every epoch. It is the notebook's fit. A rate so
// large that the loss overflows gives dl.Train's *dl.DivergenceError, with
// the history up to the step before.
func LRFit(hidden int, sched dl.Schedule, seed uint64) (*dl.History, error) {
	x, y, valX, valY := LRData(seed)
	net := NewLRNet(hidden, seed)
	return dl.Train(net, x, y, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.SGD{},
		Schedule:  sched,
		Epochs:    LREpochs,
		BatchSize: LRBatchSize,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
		ValX:      valX,
		ValY:      valY,
	})
}

// LRValLoss is the validation loss after the last epoch of LRFit, or +Inf
// if the run diverged. It trains exactly as LRFit does, but measures the
// validation loss only once, at the end, and no accuracy: the grids of this
// lesson need nothing else, and run about a tenth faster.
func LRValLoss(hidden int, sched dl.Schedule, seed uint64) float64 {
	x, y, valX, valY := LRData(seed)
	net := NewLRNet(hidden, seed)
	_, err := dl.Train(net, x, y, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.SGD{},
		Schedule:  sched,
		Epochs:    LREpochs,
		BatchSize: LRBatchSize,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
		Metrics:   []dl.Metric{},
	})
	if err != nil {
		return math.Inf(1)
	}
	return dl.SoftmaxCrossEntropy{}.Loss(net.Forward(valX), valY)
}

// Batcher hands out the mini-batches of x and y one after the other, in the
// order dl.Train takes them with the same BatchSize and Rand: at the start
// of every epoch the rows are shuffled by rng.Shuffle, and batch b of the
// epoch is rows b·size … b·size+size−1 of that order (the last batch is
// smaller when size does not divide the number of rows). It lets a
// notebook write a training loop by hand and get dl.Train's numbers.
type Batcher struct {
	x, y   *mat.Dense
	size   int
	rng    *rand.Rand
	perm   []int
	next   int // first row of the next batch in perm; 0 starts an epoch
	xb, yb *mat.Dense
}

// NewBatcher returns a Batcher over x and y. It panics if they differ in
// rows or size < 1. A size of at least the number of rows gives the whole
// set, unshuffled, every time, as dl.Train's full batch does.
func NewBatcher(x, y *mat.Dense, size int, rng *rand.Rand) *Batcher {
	n, _ := x.Dims()
	if yn, _ := y.Dims(); yn != n || size < 1 {
		panic(fmt.Sprintf("lessons: NewBatcher: x has %d rows, y %d, batch size %d", n, yn, size))
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	return &Batcher{x: x, y: y, size: min(size, n), rng: rng, perm: perm}
}

// Next returns the next mini-batch, as new matrices.
func (b *Batcher) Next() (xb, yb *mat.Dense) {
	n, in := b.x.Dims()
	_, out := b.y.Dims()
	if b.size == n {
		return b.x, b.y
	}
	if b.next == 0 {
		b.rng.Shuffle(n, func(i, j int) { b.perm[i], b.perm[j] = b.perm[j], b.perm[i] })
	}
	rows := b.perm[b.next:min(b.next+b.size, n)]
	xb, yb = mat.NewDense(len(rows), in, nil), mat.NewDense(len(rows), out, nil)
	for i, r := range rows {
		xb.SetRow(i, b.x.RawRowView(r))
		yb.SetRow(i, b.y.RawRowView(r))
	}
	b.next += len(rows)
	if b.next == n {
		b.next = 0
	}
	return xb, yb
}

// LRFinderSweep runs dl.FindLR with fastai's defaults (rates from 1e-7 to
// 10 in 100 steps, smoothing 0.98, stop at 4 × the lowest smoothed loss) on
// NewLRNet(hidden, seed) and LRData(seed), with the lesson's plain SGD and
// batches (the order drawn from seed as in LRFit).
func LRFinderSweep(hidden int, seed uint64) (dl.LRFinderResult, error) {
	x, y, _, _ := LRData(seed)
	return dl.FindLR(NewLRNet(hidden, seed), x, y, dl.LRFinderConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.SGD{},
		BatchSize: LRBatchSize,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
	})
}

// LRSuggestions are the rates that fastai's three rules read off the curve
// of a learning-rate finder (fastai's lr_find, suggest_funcs valley,
// minimum and steep).
type LRSuggestions struct {
	Valley   float64 // halfway along the longest falling stretch (dl.FindLR's Suggested)
	Minimum  float64 // the rate at the lowest smoothed loss; the rule suggests Minimum/10
	Steepest float64 // the rate where the loss falls fastest per factor of rate
}

// MinimumTenth is the suggestion of fastai's minimum rule: Minimum/10.
func (s LRSuggestions) MinimumTenth() float64 { return s.Minimum / 10 }

// Suggest applies fastai's three rules to a finder's curve. Like fastai,
// they read only the points from index steps/10 to the fifth-last point,
// where steps is the number of rates the sweep planned (100 for fastai's
// default): the first tenth is flat and the end explodes. With s the
// smoothed losses and η the rates over those points,
//
//	minimum:  η at the lowest s, divided by 10 (MinimumTenth)
//	steepest: η_i at the most negative slope (s_{i+1} − s_i) / (ln η_{i+1} − ln η_i)
//	valley:   dl.FindLR's Suggested
//
// It panics if fewer than two points remain.
func Suggest(res dl.LRFinderResult, steps int) LRSuggestions {
	from, to := steps/10, len(res.Losses)-5
	if to-from < 2 {
		panic(fmt.Sprintf("lessons: Suggest: %d points from %d to %d, need 2", max(to-from, 0), from, to))
	}
	rates, losses := res.Rates[from:to], res.Losses[from:to]
	lowest := 0
	for i, l := range losses {
		if l < losses[lowest] {
			lowest = i
		}
	}
	steepest, slope := 0, math.Inf(1)
	for i := range len(losses) - 1 {
		if s := (losses[i+1] - losses[i]) / math.Log(rates[i+1]/rates[i]); s < slope {
			steepest, slope = i, s
		}
	}
	return LRSuggestions{Valley: res.Suggested, Minimum: rates[lowest], Steepest: rates[steepest]}
}

// Parallel calls f(0), f(1), …, f(n−1) on workers goroutines (workers ≤ 0
// means runtime.NumCPU()) and returns when all calls are done. Each index is
// taken by exactly one goroutine, so an f that writes only to its own slot
// of a slice gives the same result whatever the number of workers.
func Parallel(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f(i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// RateGrid trains LRFit(hidden, Constant(η), seed) for every rate and seed,
// in parallel, and returns the final validation losses: loss[i][k] for
// rates[i] and seeds[k], +Inf for a run that diverged.
func RateGrid(hidden int, rates []float64, seeds []uint64) [][]float64 {
	return ScheduleGrid(hidden, constants(rates), seeds)
}

func constants(rates []float64) []dl.Schedule {
	s := make([]dl.Schedule, len(rates))
	for i, r := range rates {
		s[i] = dl.Constant(r)
	}
	return s
}

// ScheduleGrid is RateGrid for any schedules: loss[i][k] is the final
// validation loss of LRFit(hidden, scheds[i], seeds[k]).
func ScheduleGrid(hidden int, scheds []dl.Schedule, seeds []uint64) [][]float64 {
	loss := make([][]float64, len(scheds))
	for i := range loss {
		loss[i] = make([]float64, len(seeds))
	}
	Parallel(len(scheds)*len(seeds), 0, func(j int) {
		i, k := j/len(seeds), j%len(seeds)
		loss[i][k] = LRValLoss(hidden, scheds[i], seeds[k])
	})
	return loss
}

// HeatGrid trains LRFit(hidden[i], Constant(rates[j]), seed) for every
// width, rate and seed on workers goroutines, and returns the median over
// the seeds of the final validation loss: med[i][j]. The seeds are paired:
// every cell sees the same data, initial weights (for its width) and batch
// order, so the cells differ only in the two settings.
func HeatGrid(hidden []int, rates []float64, seeds []uint64, workers int) [][]float64 {
	loss := make([]float64, len(hidden)*len(rates)*len(seeds))
	Parallel(len(loss), workers, func(j int) {
		i, r, k := j/(len(rates)*len(seeds)), j/len(seeds)%len(rates), j%len(seeds)
		loss[j] = LRValLoss(hidden[i], dl.Constant(rates[r]), seeds[k])
	})
	med := make([][]float64, len(hidden))
	for i := range med {
		med[i] = make([]float64, len(rates))
		for r := range rates {
			first := (i*len(rates) + r) * len(seeds)
			med[i][r] = Median(loss[first : first+len(seeds)])
		}
	}
	return med
}

// Median returns the median of v (the mean of the two middle values for an
// even count); +Inf values count as the largest. It panics if v is empty.
func Median(v []float64) float64 {
	if len(v) == 0 {
		panic("lessons: Median of no values")
	}
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// CheckCosine is the checker of lesson 6's exercise: cosine(start, end,
// step, total) should be the cosine schedule (Loshchilov & Hutter 2017;
// fastai's SchedCos; dl.Cosine)
//
//	η = start + (1 − cos(π·p))·(end − start)/2,   p = step/total
//
// It compares the function with dl.Cosine at every step of a few runs and
// returns "✓ correct" with fastai's published values for SchedCos(0, 2), or
// "✗ not yet" with a hint naming the likely slip: the curve run backwards,
// the /2 left out, π left out, p counted to total−1, p computed with
// integer division, a straight line.
func CheckCosine(cosine func(start, end float64, step, total int) float64) (verdict string) {
	if cosine == nil {
		return "✗ not yet: the function is nil; write func cosine(start, end float64, step, total int) float64"
	}
	type run struct {
		start, end float64
		total      int
	}
	runs := []run{{0, 2, 4}, {0.5, 0, 200}, {0.1, 0.001, 7}, {1, 3, 10}}
	p := func(step, total int) float64 { return float64(step) / float64(total) }
	slips := []struct {
		hint string
		f    func(start, end float64, step, total int) float64
	}{
		{"the curve runs backwards, from end to start: at step 0 the rate must be start, so use 1 − cos(π·p)",
			func(s, e float64, k, n int) float64 { return s + (1+math.Cos(math.Pi*p(k, n)))*(e-s)/2 }},
		{"the /2 is missing: 1 − cos(π·p) goes from 0 to 2, so halve it to go from start to end",
			func(s, e float64, k, n int) float64 { return s + (1-math.Cos(math.Pi*p(k, n)))*(e-s) }},
		{"π is missing: the angle runs from 0 to π, half a cosine wave, so write cos(π·p)",
			func(s, e float64, k, n int) float64 { return s + (1-math.Cos(p(k, n)))*(e-s)/2 }},
		{"p runs to total−1: the fraction of the run is p = step/total, as in fastai, so the last step is just short of end",
			func(s, e float64, k, n int) float64 {
				return s + (1-math.Cos(math.Pi*float64(k)/float64(n-1)))*(e-s)/2
			}},
		{"p is always 0 until the last step: step/total divides integers in Go; write float64(step) / float64(total)",
			func(s, e float64, k, n int) float64 { return s + (1-math.Cos(math.Pi*float64(k/n)))*(e-s)/2 }},
		{"this is a straight line from start to end, the linear schedule: the cosine one is (1 − cos(π·p))/2 of the way",
			func(s, e float64, k, n int) float64 { return s + p(k, n)*(e-s) }},
	}
	ref := func(start, end float64, step, total int) float64 {
		return dl.Cosine{Start: start, End: end}.Rate(step, total)
	}
	// same reports whether f and g agree at every step of every run.
	same := func(f, g func(start, end float64, step, total int) float64) bool {
		for _, r := range runs {
			for k := 0; k <= r.total; k++ {
				a, b := f(r.start, r.end, k, r.total), g(r.start, r.end, k, r.total)
				if !(math.Abs(a-b) <= 1e-12*(1+math.Abs(b))) {
					return false
				}
			}
		}
		return true
	}
	if same(cosine, ref) {
		var v []string
		for k := range 5 {
			// Five decimals, as fastai's documentation prints them, without trailing zeros.
			v = append(v, strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.5f", cosine(0, 2, k, 4)), "0"), "."))
		}
		return fmt.Sprintf("✓ correct: from 0 to 2 it passes %s at p = 0, ¼, ½, ¾, 1, fastai's values for SchedCos(0, 2)",
			strings.Join(v, ", "))
	}
	for _, s := range slips {
		if same(cosine, s.f) {
			return "✗ not yet: " + s.hint
		}
	}
	for _, r := range runs {
		for k := 0; k <= r.total; k++ {
			want := dl.Cosine{Start: r.start, End: r.end}.Rate(k, r.total)
			if got := cosine(r.start, r.end, k, r.total); !(math.Abs(got-want) <= 1e-12*(1+math.Abs(want))) {
				return fmt.Sprintf("✗ not yet: from %g to %g over %d steps, step %d gives %.6g, want %.6g",
					r.start, r.end, r.total, k, got, want)
			}
		}
	}
	return "✗ not yet"
}
