package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The experiments of lesson 7, sections 1 and 2: one example, a mini-batch
// or the whole training set per step, and whether the noise of small
// batches frees the XOR net of lesson 4 from its traps.

// SelectRows returns a new matrix holding the rows idx of m, in that order:
// the mini-batch that a slice of a shuffled index picks out,
//
//	perm := rng.Perm(n)              // every example once, in a new order
//	idx  := perm[k·b : (k+1)·b]      // batch k
//	xb   := SelectRows(x, idx)
//
// It panics if an index is outside m's rows or idx is empty.
func SelectRows(m *mat.Dense, idx []int) *mat.Dense {
	r, c := m.Dims()
	if len(idx) == 0 {
		panic("lessons: SelectRows: no rows selected")
	}
	out := mat.NewDense(len(idx), c, nil)
	for i, k := range idx {
		if k < 0 || k >= r {
			panic(fmt.Sprintf("lessons: SelectRows: row %d of a %d×%d matrix", k, r, c))
		}
		out.SetRow(i, m.RawRowView(k))
	}
	return out
}

// BatchData is the data set of lesson 7's batch experiments: lesson 1's
// spiral with three arms of 100 points (generator seed 1, 0), one-hot
// targets, the set lesson 5 trained on.
func BatchData() (x, y *mat.Dense) { return Spiral(3, 100, rand.New(rand.NewPCG(1, 0))) }

// NewBatchNet returns lesson 7's network for the spiral: 2 inputs, two
// hidden layers of 32 ReLU units with He's initialisation, 3 logits, weights
// drawn from rand.New(rand.NewPCG(seed, 1)) (seed 1 is lesson 5's net).
func NewBatchNet(seed uint64) *dl.Net {
	return dl.NewMLP([]int{2, 32, 32, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 1)))
}

// MiniBatchEpoch is one epoch of mini-batch gradient descent as the
// notebook writes it: shuffle the index, then for every slice of b entries
// take one step on those rows,
//
//	perm := rng.Perm(n)
//	for start := 0; start < n; start += b {
//	    idx := perm[start : min(start+b, n)]
//	    L   := net.Gradient(loss, x[idx], y[idx])
//	    opt.Step(net.Params(), η)
//	}
//
// after, if not nil, is called after every step with the size of its batch.
// With b ≥ n the batch is the whole set (in shuffled order, which does not
// change the gradient); with b = 1 it is one example per step.
// It panics if b < 1.
func MiniBatchEpoch(net *dl.Net, loss dl.Loss, opt dl.Optimizer, eta float64, x, y *mat.Dense, b int,
	rng *rand.Rand, after func(rows int)) {
	if b < 1 {
		panic(fmt.Sprintf("lessons: MiniBatchEpoch: batch size %d", b))
	}
	n, _ := x.Dims()
	perm := rng.Perm(n)
	for start := 0; start < n; start += b {
		idx := perm[start:min(start+b, n)]
		net.Gradient(loss, SelectRows(x, idx), SelectRows(y, idx))
		opt.Step(net.Params(), eta)
		if after != nil {
			after(len(idx))
		}
	}
}

// BatchCurve is the training loss of one run of BatchRun, measured on the
// whole training set: Loss[k] after Steps[k] steps, which had used
// Examples[k] examples in all. Entry 0 is the start.
type BatchCurve struct {
	Batch    int
	Steps    []float64
	Examples []float64
	Loss     []float64
}

// BatchRun trains NewBatchNet(1) on BatchData with plain SGD at rate eta
// and mini-batches of size b (the shuffles drawn from rand.NewPCG(2, b)),
// epoch by epoch with MiniBatchEpoch, until it has taken at least minSteps
// steps and seen at least minExamples examples. It records the softmax
// cross-entropy on all 300 points after each of the first minSteps steps
// and after every epoch. This is the notebook's experiment for the
// figures "loss against steps" and "loss against examples seen".
func BatchRun(b int, eta float64, minSteps, minExamples int) BatchCurve {
	x, y := BatchData()
	n, _ := x.Dims()
	net := NewBatchNet(1)
	ce := dl.SoftmaxCrossEntropy{}
	opt := &dl.SGD{}
	rng := rand.New(rand.NewPCG(2, uint64(b)))
	c := BatchCurve{Batch: b, Steps: []float64{0}, Examples: []float64{0}, Loss: []float64{ce.Loss(net.Forward(x), y)}}
	steps, seen := 0, 0
	for steps < minSteps || seen < minExamples {
		MiniBatchEpoch(net, ce, opt, eta, x, y, b, rng, func(rows int) {
			steps++
			seen += rows
			if steps <= minSteps || seen%n == 0 {
				c.Steps = append(c.Steps, float64(steps))
				c.Examples = append(c.Examples, float64(seen))
				c.Loss = append(c.Loss, ce.Loss(net.Forward(x), y))
			}
		})
	}
	return c
}

// At returns the loss recorded at the last point whose coordinate
// (c.Steps or c.Examples, passed as at) is at most v.
func (c BatchCurve) At(at []float64, v float64) float64 {
	k := 0
	for i, a := range at {
		if a <= v {
			k = i
		}
	}
	return c.Loss[k]
}

// XORSGD trains lesson 4's 2-2-1 net (NewXORNet(2, seed), MSE, plain SGD at
// rate eta) with one example per step, in an order shuffled every epoch by
// rand.NewPCG(seed, 7), for at most maxSteps steps, stopping as lesson 4
// does once the MSE on all four patterns is below 0.01 (checked before
// every epoch of four steps). It returns the run in the form of
// BackpropXOR's: Epochs counts steps here, and Loss holds the MSE before
// every epoch.
func XORSGD(seed uint64, eta float64, maxSteps int) XORRun {
	x, y := XOR()
	var xs, ys [4]*mat.Dense
	for i := range 4 {
		xs[i], ys[i] = SelectRows(x, []int{i}), SelectRows(y, []int{i})
	}
	net := NewXORNet(2, seed)
	opt := &dl.SGD{}
	rng := rand.New(rand.NewPCG(seed, 7))
	run := XORRun{Seed: seed, Epochs: maxSteps}
	for steps := 0; ; steps += 4 {
		mse := dl.MSE{}.Loss(net.Forward(x), y)
		run.Loss = append(run.Loss, mse)
		if mse < 0.01 {
			run.Solved, run.Epochs = true, steps
			break
		}
		if steps >= maxSteps {
			break
		}
		for _, i := range rng.Perm(4) {
			net.Gradient(dl.MSE{}, xs[i], ys[i])
			opt.Step(net.Params(), eta)
		}
	}
	run.Net = net
	run.Output = mat.Col(nil, 0, net.Predict(x))
	net.Forward(x)
	run.Hidden = mat.DenseCopyOf(net.Layers[0].A())
	return run
}

// XORSGDSeeds runs XORSGD for seeds 0 … n−1 on all cores (Parallel).
func XORSGDSeeds(n int, eta float64, maxSteps int) []XORRun {
	runs := make([]XORRun, n)
	Parallel(n, 0, func(i int) { runs[i] = XORSGD(uint64(i), eta, maxSteps) })
	return runs
}

// Wilson returns the 95 % Wilson score interval for a rate of k successes
// in n trials (Wilson 1927, "Probable inference, the law of succession, and
// statistical inference"), with z = 1.96:
//
//	p̂ = k/n,  centre = (p̂ + z²/2n)/(1 + z²/n),
//	half-width = z·√(p̂(1 − p̂)/n + z²/4n²)/(1 + z²/n)
//
// Unlike p̂ ± z·√(p̂(1 − p̂)/n), it does not shrink to zero width at k = 0 or
// k = n and never leaves [0, 1], which matters for rates like 2 in 100.
// It panics if n < 1 or k is outside 0 … n.
func Wilson(k, n int) (lo, hi float64) {
	if n < 1 || k < 0 || k > n {
		panic(fmt.Sprintf("lessons: Wilson: %d successes in %d trials", k, n))
	}
	const z = 1.96
	p, nf := float64(k)/float64(n), float64(n)
	den := 1 + z*z/nf
	centre := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return max(0, centre-half), min(1, centre+half)
}
