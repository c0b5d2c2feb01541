package lessons

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the experiments of lesson 04 (notebooks/04-multilayer.ipynb):
// a 2-h-1 sigmoid network trained on XOR by backpropagation, as Rumelhart,
// Hinton & Williams (1986) did, and what happens over many random starts.

// XORSetup says how BackpropXOR trains. The zero value is the lesson's
// experiment: 2 hidden units, learning rate 2, at most 20000 epochs,
// stopping as soon as the MSE falls below 0.01.
type XORSetup struct {
	Hidden       int     // hidden units; 0 means 2
	LearningRate float64 // η of plain gradient descent; 0 means 2
	MaxEpochs    int     // epochs at most; 0 means 20000
	Target       float64 // stop once the MSE is below Target; 0 means 0.01
}

func (s XORSetup) withDefaults() XORSetup {
	if s.Hidden == 0 {
		s.Hidden = 2
	}
	if s.LearningRate == 0 {
		s.LearningRate = 2
	}
	if s.MaxEpochs == 0 {
		s.MaxEpochs = 20000
	}
	if s.Target == 0 {
		s.Target = 0.01
	}
	return s
}

// XORRun is one training run of BackpropXOR.
type XORRun struct {
	Seed uint64
	Net  *dl.Net // the trained network

	// Loss[e] is the MSE on the four patterns at the start of epoch e,
	// before that epoch's update; the last entry is the final MSE.
	Loss []float64

	// Solved reports whether the MSE fell below the target. Epochs is then
	// the number of updates it took (len(Loss)−1); otherwise it is
	// MaxEpochs.
	Solved bool
	Epochs int

	Output []float64  // the net's output for (0,0), (0,1), (1,0), (1,1) at the end
	Hidden *mat.Dense // the hidden activations for the four patterns (4×h) at the end
}

// FinalLoss returns the MSE at the end of the run.
func (r XORRun) FinalLoss() float64 { return r.Loss[len(r.Loss)-1] }

// NewXORNet returns the network of the lesson: 2 inputs, hidden sigmoid
// units, 1 sigmoid output, weights drawn uniformly from [−0.5, 0.5]
// (dl.Uniform, the "small random weights" of Rumelhart et al.) with the
// generator rand.New(rand.NewPCG(seed, seed)), and zero biases. It panics if
// hidden < 1.
func NewXORNet(hidden int, seed uint64) *dl.Net {
	return dl.NewMLP([]int{2, hidden, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{},
		rand.New(rand.NewPCG(seed, seed)))
}

// BackpropXOR trains NewXORNet(s.Hidden, seed) on the XOR truth table by
// full-batch gradient descent on the mean squared error, one update per
// epoch:
//
//	ŷ = net(x);  L = MSE(ŷ, y)
//	net.Backward(∂L/∂ŷ)          (backpropagation; both lines are net.Gradient)
//	θ ← θ − η·∂L/∂θ              (for every weight and bias)
//
// until L < s.Target or s.MaxEpochs updates have been made. This is the
// loop of the lesson notebook, with a stop once XOR counts as solved.
//
// BackpropXOR panics if s has negative fields.
func BackpropXOR(seed uint64, s XORSetup) XORRun {
	if s.Hidden < 0 || s.LearningRate < 0 || s.MaxEpochs < 0 || s.Target < 0 {
		panic(fmt.Sprintf("lessons: BackpropXOR: negative setting in %+v", s))
	}
	s = s.withDefaults()
	x, y := XOR()
	net := NewXORNet(s.Hidden, seed)
	opt := &dl.SGD{}
	run := XORRun{Seed: seed, Net: net, Loss: make([]float64, 0, 1024)}
	for epoch := 0; ; epoch++ {
		l := net.Gradient(dl.MSE{}, x, y) // forward, loss, backward
		run.Loss = append(run.Loss, l)
		if l < s.Target {
			run.Solved, run.Epochs = true, epoch
			break
		}
		if epoch == s.MaxEpochs {
			run.Epochs = epoch
			break
		}
		opt.Step(net.Params(), s.LearningRate) // θ ← θ − η·∂L/∂θ
	}
	// The last Forward was of the final weights: keep its values.
	run.Output = mat.Col(nil, 0, net.Layers[len(net.Layers)-1].A())
	run.Hidden = mat.DenseCopyOf(net.Layers[0].A())
	return run
}

// XORSeeds runs BackpropXOR for the seeds 0, 1, …, n−1 with the same setup.
func XORSeeds(n int, s XORSetup) []XORRun {
	runs := make([]XORRun, n)
	for seed := range n {
		runs[seed] = BackpropXOR(uint64(seed), s)
	}
	return runs
}

// XORSummary condenses the runs of XORSeeds.
type XORSummary struct {
	Runs   int
	Solved int // runs that reached the target

	// Epochs lists, for the solved runs, the epochs each needed, sorted
	// in increasing order.
	Epochs []int

	// Unsolved lists the seeds of the runs that did not reach the target.
	Unsolved []uint64
}

// Summarize counts the solved runs and sorts their epochs.
func Summarize(runs []XORRun) XORSummary {
	sum := XORSummary{Runs: len(runs)}
	for _, r := range runs {
		if r.Solved {
			sum.Solved++
			sum.Epochs = append(sum.Epochs, r.Epochs)
		} else {
			sum.Unsolved = append(sum.Unsolved, r.Seed)
		}
	}
	slices.Sort(sum.Epochs)
	return sum
}

// Percentile returns the p-th percentile (0 ≤ p ≤ 100) of the sorted
// epochs, by the nearest-rank method: the smallest value with at least p %
// of the values at or below it. It returns 0 when no run was solved.
func (s XORSummary) Percentile(p float64) int {
	if len(s.Epochs) == 0 {
		return 0
	}
	k := int(p / 100 * float64(len(s.Epochs)))
	if float64(k) < p/100*float64(len(s.Epochs)) {
		k++ // ceil
	}
	return s.Epochs[max(k-1, 0)]
}

// SlowRuns returns the seeds of solved runs whose loss stayed above
// plateau for more than epochs epochs before falling: runs that spent a
// long time on a plateau but escaped it.
func SlowRuns(runs []XORRun, plateau float64, epochs int) []uint64 {
	var seeds []uint64
	for _, r := range runs {
		if !r.Solved {
			continue
		}
		above := 0
		for _, l := range r.Loss {
			if l < plateau {
				break
			}
			above++
		}
		if above > epochs {
			seeds = append(seeds, r.Seed)
		}
	}
	return seeds
}

// EpochsAsFloats returns the epochs of the solved runs as float64, for a histogram.
func (s XORSummary) EpochsAsFloats() []float64 {
	f := make([]float64, len(s.Epochs))
	for i, e := range s.Epochs {
		f[i] = float64(e)
	}
	return f
}
