package dl

import (
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/introdl/introdl/internal/kernel"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Data parallelism: TrainConfig.Workers.
//
// The gradient of a batch is the weighted mean of the gradients of its
// parts: with the batch's rows cut into parts of n₀, n₁, … rows, each loss
// being a mean over its rows,
//
//	∂L/∂w = Σₚ (nₚ/n)·∂Lₚ/∂w      and      L = Σₚ (nₚ/n)·Lₚ.
//
// So each part can go forward and backward through its own replica of the
// net, on its own goroutine, and only the gradients are added up at the end.
// The replicas share the net's weights and biases (the same matrices) and
// have their own activations and gradients. The parts stay on their cores:
// only the weights and the gradients, a few kilobytes, move between caches
// at each step, which is what makes this pay on machines where sharing the
// products themselves (ShareProducts) does not.
//
// The sums over the batch are added in a different order than in one pass
// (part by part, then across parts), so a run with Workers = 2 differs from
// one with Workers = 1 in the last bits, and the difference grows over the
// steps as any rounding difference does. For a given Workers, the split and
// the order are fixed, so the same seed gives the same run on every machine,
// whatever the number of processors.

// splitter runs the parts of each batch on its workers and combines them.
type splitter struct {
	workers []*worker // workers[0] is the trained net itself, run by Train's goroutine
	params  []Param   // the trained net's parameters: their Grads get the combined gradient
	loss    Loss
	inline  bool       // one processor: run every part on Train's goroutine, in order
	shapes  []batchCut // the cuts of the (at most two) batch shapes seen so far
	step    int64
}

// batchCut is one batch matrix cut into the workers' parts.
type batchCut struct {
	x            *mat.Dense   // the batch (key)
	xs, ys, grad []*mat.Dense // per part: rows of x and y, and a gradient buffer
	weight       []float64    // per part: its rows / the batch's rows
}

// worker is one part's replica of the net and, for all but the first, the
// goroutine that runs it.
type worker struct {
	net    *Net
	params []Param
	loss   Loss

	// The current part, set before post.
	x, y, grad *mat.Dense
	pred       *mat.Dense
	value      float64 // the part's loss
	panicked   any     // a panic of the part, re-raised by Train's goroutine

	post, done atomic.Int64 // step numbers; post < 0 ends the goroutine
	parked     atomic.Bool
	wake       chan struct{}
}

// newSplitter makes the replicas and starts their goroutines; stop ends
// them.
func newSplitter(net *Net, loss Loss, workers int) *splitter {
	s := &splitter{params: net.Params(), loss: loss, inline: runtime.GOMAXPROCS(0) < 2}
	for w := range workers {
		replica := net
		if w > 0 {
			replica = net.Clone()
			for l, layer := range replica.Layers {
				layer.W, layer.B = net.Layers[l].W, net.Layers[l].B // shared
			}
		}
		wk := &worker{net: replica, params: replica.Params(), loss: loss, wake: make(chan struct{}, 1)}
		s.workers = append(s.workers, wk)
		if w > 0 && !s.inline {
			go wk.loop()
		}
	}
	return s
}

// stop ends the workers' goroutines.
func (s *splitter) stop() {
	for _, wk := range s.workers[1:] {
		wk.post.Store(-1)
		select { // parked or not: it must see the -1
		case wk.wake <- struct{}{}:
		default:
		}
	}
}

// cut returns the parts of the batch x, y, making them the first time.
func (s *splitter) cut(x, y *mat.Dense) *batchCut {
	for i := range s.shapes {
		if s.shapes[i].x == x {
			return &s.shapes[i]
		}
	}
	rows, in := x.Dims()
	_, out := y.Dims()
	parts := min(len(s.workers), rows)
	c := batchCut{x: x}
	for p := range parts {
		r0, r1 := p*rows/parts, (p+1)*rows/parts
		c.xs = append(c.xs, x.Slice(r0, r1, 0, in).(*mat.Dense))
		c.ys = append(c.ys, y.Slice(r0, r1, 0, out).(*mat.Dense))
		c.grad = append(c.grad, mat.NewDense(r1-r0, out, nil))
		c.weight = append(c.weight, float64(r1-r0)/float64(rows))
	}
	s.shapes = append(s.shapes, c)
	return &s.shapes[len(s.shapes)-1]
}

// runStep runs forward and backward on every part of the batch x, y, leaves the
// combined gradient in the net's parameters and returns the batch's loss.
// After it, part p's predictions are s.workers[p].pred (rows of the batch in
// order, part after part).
func (s *splitter) runStep(x, y *mat.Dense) float64 {
	c := s.cut(x, y)
	s.step++
	parts := len(c.xs)
	for p := range parts {
		wk := s.workers[p]
		wk.x, wk.y, wk.grad = c.xs[p], c.ys[p], c.grad[p]
		if p > 0 && !s.inline {
			wk.post.Store(s.step)
			wakeUp(&wk.parked, wk.wake)
		}
	}
	for p := range parts {
		if p == 0 || s.inline {
			s.workers[p].run()
		}
	}
	for p := 1; p < parts && !s.inline; p++ {
		wk := s.workers[p]
		for spins := 1; wk.done.Load() != s.step; spins++ {
			kernel.Pause()
			if spins%256 == 0 {
				runtime.Gosched()
			}
		}
	}
	for p := range parts {
		if v := s.workers[p].panicked; v != nil {
			panic(v)
		}
	}

	// L = Σ (nₚ/n)·Lₚ and ∂L/∂w = Σ (nₚ/n)·∂Lₚ/∂w, part after part.
	loss := 0.0
	for p := range parts {
		loss += c.weight[p] * s.workers[p].value
	}
	for i, prm := range s.params {
		g := prm.Grad.RawMatrix()
		for r := range g.Rows {
			row := g.Data[r*g.Stride : r*g.Stride+g.Cols]
			floats.Scale(c.weight[0], row) // row[j] *= w₀
			for p := 1; p < parts; p++ {
				floats.AddScaled(row, c.weight[p], s.workers[p].params[i].Grad.RawRowView(r)) // row[j] += wₚ·h[j]
			}
		}
	}
	return loss
}

// run does the worker's part: forward, loss, gradient, backward.
func (wk *worker) run() {
	defer func() {
		if v := recover(); v != nil {
			wk.panicked = fmt.Sprintf("%v (in a part of the batch run by TrainConfig.Workers)", v)
		}
	}()
	wk.pred = wk.net.Forward(wk.x)
	if lg, ok := wk.loss.(lossGrader); ok {
		wk.value = lg.lossGrad(wk.grad, wk.pred, wk.y)
	} else {
		wk.value = wk.loss.Loss(wk.pred, wk.y)
		wk.loss.Grad(wk.grad, wk.pred, wk.y)
	}
	wk.net.backwardParams(wk.grad)
}

// loop is a worker's goroutine: it runs each posted step until post < 0.
func (wk *worker) loop() {
	var seen int64
	for {
		seen = awaitChange(&wk.post, seen, &wk.parked, wk.wake)
		if seen < 0 {
			return
		}
		wk.run()
		wk.done.Store(seen)
	}
}
