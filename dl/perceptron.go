package dl

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// Perceptron is Rosenblatt's (1958) single threshold unit with weights W and
// bias B. It outputs
//
//	ŷ = step(w·x + b) = 1 if w·x + b > 0, else 0
//
// so a point exactly on the line w·x + b = 0 is classified 0 (the same
// convention as Step).
//
// The zero value is ready to train: W is sized (with zeros) by the first
// Train, and LearningRate 0 means 1.
type Perceptron struct {
	W            []float64
	B            float64
	LearningRate float64 // η; 0 means 1
}

// Predict returns step(w·x + b), 1 or 0. It panics if len(x) != len(W).
func (p *Perceptron) Predict(x []float64) float64 {
	if len(x) != len(p.W) {
		panic(fmt.Sprintf("dl: Perceptron.Predict: x has %d entries, W has %d", len(x), len(p.W)))
	}
	s := p.B
	for i, w := range p.W {
		s += w * x[i]
	}
	if s > 0 {
		return 1
	}
	return 0
}

// PerceptronUpdate records one visit of one example during training.
type PerceptronUpdate struct {
	Epoch   int       // 0-based epoch
	Index   int       // index of the example in x
	Mistake bool      // whether the example was misclassified, so W and B changed
	W       []float64 // weights after the visit (a copy)
	B       float64   // bias after the visit
}

// PerceptronEpoch summarises one pass over the data.
type PerceptronEpoch struct {
	Epoch    int       // 0-based epoch
	Mistakes int       // misclassified examples during the pass
	W        []float64 // weights at the end of the epoch (a copy)
	B        float64   // bias at the end of the epoch
}

// Cycle reports that training returned to a state it had already been in:
// the weights and bias at the start of epoch Repeat equal, bit for bit,
// those at the start of the earlier epoch First. Since an epoch visits the
// examples in a fixed order, the epochs from First on repeat forever with
// period Period = Repeat − First: the perceptron can never converge.
type Cycle struct {
	First, Repeat, Period int
}

// PerceptronResult is the full history of Perceptron.Train.
type PerceptronResult struct {
	Updates   []PerceptronUpdate // one entry per example visit, in order
	Epochs    []PerceptronEpoch  // one entry per completed epoch
	Converged bool               // an epoch had no mistakes
	Cycle     *Cycle             // non-nil if a repeated state proved non-convergence
}

// Train runs Rosenblatt's learning rule over the examples x (one per row)
// with labels y in {0, 1}, visiting them in the given order, epoch after
// epoch:
//
//	ŷ = Predict(x)
//	w ← w + η (y − ŷ) x
//	b ← b + η (y − ŷ)
//
// so nothing changes when ŷ = y, and a mistake moves the line toward the
// misclassified point. This is not gradient descent (Step has derivative 0
// everywhere it has one); it is Rosenblatt's error-correction rule.
//
// Training starts from the current W and B (zeros for a zero Perceptron), so
// calling Train again continues where the last call stopped.
//
// Training stops when an epoch makes no mistakes (Converged; the
// perceptron convergence theorem guarantees this for linearly separable
// data), when the state at the start of an epoch repeats an earlier one
// (Cycle; this happens on data that is not linearly separable, such as XOR),
// or after maxEpochs epochs (0 means 1000).
//
// Cycle detection compares the exact float64 bits of (W, B) at the start of
// each epoch. That is sound because an epoch is a deterministic function of
// its starting state: the same bits in give the same bits out, so one repeat
// means repetition forever. With integer inputs and η = 1 all arithmetic is
// exact (the weights are sums of small integers), so the computed run is
// also exactly the mathematical one, and a mathematical cycle is always
// found; with other inputs rounding may delay detection but never fakes it.
//
// Train panics if x is empty, its rows differ in length or from len(W) (when
// W is set), an entry of x is NaN or ±Inf, len(y) != len(x), a label is not
// 0 or 1, or LearningRate < 0. (A NaN would turn the weights into NaN, which
// step(·) reads as class 0 for ever, a silent failure rather than a result.)
func (p *Perceptron) Train(x [][]float64, y []float64, maxEpochs int) PerceptronResult {
	p.checkTrain(x, y)
	if p.W == nil {
		p.W = make([]float64, len(x[0]))
	}
	eta := p.LearningRate
	if eta == 0 {
		eta = 1
	}
	if maxEpochs <= 0 {
		maxEpochs = 1000
	}

	var res PerceptronResult
	seen := map[string]int{} // state at the start of an epoch → that epoch
	for epoch := range maxEpochs {
		key := p.stateKey()
		if first, ok := seen[key]; ok {
			res.Cycle = &Cycle{First: first, Repeat: epoch, Period: epoch - first}
			break
		}
		seen[key] = epoch

		mistakes := 0
		for i, xi := range x {
			yhat := p.Predict(xi)
			miss := yhat != y[i]
			if miss {
				mistakes++
				e := eta * (y[i] - yhat) // η(y − ŷ) is +η or −η
				for j := range p.W {
					p.W[j] += e * xi[j]
				}
				p.B += e
			}
			res.Updates = append(res.Updates, PerceptronUpdate{
				Epoch: epoch, Index: i, Mistake: miss, W: slices.Clone(p.W), B: p.B,
			})
		}
		res.Epochs = append(res.Epochs, PerceptronEpoch{
			Epoch: epoch, Mistakes: mistakes, W: slices.Clone(p.W), B: p.B,
		})
		if mistakes == 0 {
			res.Converged = true
			break
		}
	}
	return res
}

// stateKey encodes the exact bits of W and B as a map key.
func (p *Perceptron) stateKey() string {
	buf := make([]byte, 0, 8*(len(p.W)+1))
	for _, w := range p.W {
		buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(w))
	}
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(p.B))
	return string(buf)
}

func (p *Perceptron) checkTrain(x [][]float64, y []float64) {
	if len(x) == 0 {
		panic("dl: Perceptron.Train: no examples")
	}
	if len(y) != len(x) {
		panic(fmt.Sprintf("dl: Perceptron.Train: x has %d rows, y has %d labels", len(x), len(y)))
	}
	d := len(x[0])
	if p.W != nil && len(p.W) != d {
		panic(fmt.Sprintf("dl: Perceptron.Train: x has %d columns, W has %d", d, len(p.W)))
	}
	for i, xi := range x {
		if len(xi) != d {
			panic(fmt.Sprintf("dl: Perceptron.Train: row %d has %d columns, row 0 has %d", i, len(xi), d))
		}
		for j, v := range xi {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("dl: Perceptron.Train: x[%d][%d] is %v, want a finite number", i, j, v))
			}
		}
		if y[i] != 0 && y[i] != 1 {
			panic(fmt.Sprintf("dl: Perceptron.Train: label %d is %g, want 0 or 1", i, y[i]))
		}
	}
	if p.LearningRate < 0 {
		panic(fmt.Sprintf("dl: Perceptron.Train: LearningRate is %g, want ≥ 0", p.LearningRate))
	}
}
