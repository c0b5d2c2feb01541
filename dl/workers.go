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
	step    int64      // jobs posted so far
	cur     *batchCut  // the batch of the step being taken

	// The optimizer step of a rowStepper is shared between Train's
	// goroutine and the first helper: halves[h] lists the rows each one
	// combines and updates.
	halves [2][]rowRange
	opt    rowStepper
}

// rowRange is rows [r0, r1) of parameter i.
type rowRange struct{ i, r0, r1 int }

// batchCut is one batch matrix cut into the workers' parts.
type batchCut struct {
	x            *mat.Dense   // the batch (key)
	xs, ys, grad []*mat.Dense // per part: rows of x and y, and a gradient buffer
	weight       []float64    // per part: its rows / the batch's rows
}

// worker is one part's replica of the net and, for all but the first, the
// goroutine that runs it.
type worker struct {
	s      *splitter
	net    *Net
	params []Param
	loss   Loss
	update bool // the posted job is the second half of the optimizer step, not a part

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
		wk := &worker{s: s, net: replica, params: replica.Params(), loss: loss, wake: make(chan struct{}, 1)}
		s.workers = append(s.workers, wk)
		if w > 0 && !s.inline {
			go wk.loop()
		}
	}
	// Cut the parameters' rows into two halves of about as many weights.
	total := 0
	for _, p := range s.params {
		r, c := p.Value.Dims()
		total += r * c
	}
	done := 0
	for i, p := range s.params {
		r, c := p.Value.Dims()
		for r0 := 0; r0 < r; {
			h := 0
			if 2*done >= total {
				h = 1
			}
			r1 := r // the rest of the parameter, or up to the middle
			if h == 0 {
				r1 = min(r, r0+max(1, (total/2-done+c-1)/c))
			}
			s.halves[h] = append(s.halves[h], rowRange{i, r0, r1})
			done += (r1 - r0) * c
			r0 = r1
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

// runStep runs forward and backward on every part of the batch x, y and
// returns the batch's loss; optimize then combines the gradients and updates
// the weights.
// After it, part p's predictions are s.workers[p].pred (rows of the batch in
// order, part after part).
func (s *splitter) runStep(x, y *mat.Dense) float64 {
	c := s.cut(x, y)
	s.cur = c
	s.step++
	parts := len(c.xs)
	for p := range parts {
		wk := s.workers[p]
		wk.x, wk.y, wk.grad, wk.update = c.xs[p], c.ys[p], c.grad[p], false
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
		s.workers[p].wait(s.step)
	}
	for p := range parts {
		if v := s.workers[p].panicked; v != nil {
			panic(v)
		}
	}
	// L = Σ (nₚ/n)·Lₚ, part after part.
	loss := 0.0
	for p := range parts {
		loss += c.weight[p] * s.workers[p].value
	}
	return loss
}

// wait spins until the worker has done job step.
func (wk *worker) wait(step int64) {
	for spins := 1; wk.done.Load() != step; spins++ {
		kernel.Pause()
		if spins%256 == 0 {
			runtime.Gosched()
		}
	}
}

// optimize combines the parts' gradients of the last runStep,
//
//	∂L/∂w = Σₚ (nₚ/n)·∂Lₚ/∂w    (part after part),
//
// into the net's parameters and takes the optimizer's step. With a
// rowStepper (Adam) and two processors, the rows are shared between Train's
// goroutine and the first helper, each combining and updating its half; the
// result is the same, since each row's update depends on that row alone.
func (s *splitter) optimize(opt Optimizer, lr float64) {
	rs, ok := opt.(rowStepper)
	if !ok || s.inline || len(s.cur.xs) < 2 {
		for _, h := range s.halves {
			for _, u := range h {
				s.combine(u)
			}
		}
		opt.Step(s.params, lr)
		return
	}
	rs.prepare(s.params, lr)
	s.opt = rs
	wk := s.workers[1]
	wk.update = true
	s.step++
	wk.post.Store(s.step)
	wakeUp(&wk.parked, wk.wake)
	s.updateHalf(0)
	wk.wait(s.step)
	if v := wk.panicked; v != nil {
		panic(v)
	}
}

// updateHalf combines and updates the rows of half h.
func (s *splitter) updateHalf(h int) {
	for _, u := range s.halves[h] {
		s.combine(u)
		s.opt.updateRows(u.i, s.params[u.i], u.r0, u.r1)
	}
}

// combine sets rows [r0, r1) of parameter i's gradient to the weighted sum
// of the parts' gradients.
func (s *splitter) combine(u rowRange) {
	c := s.cur
	g := s.params[u.i].Grad.RawMatrix()
	for r := u.r0; r < u.r1; r++ {
		row := g.Data[r*g.Stride : r*g.Stride+g.Cols]
		floats.Scale(c.weight[0], row) // row[j] *= w₀
		for p := 1; p < len(c.xs); p++ {
			floats.AddScaled(row, c.weight[p], s.workers[p].params[u.i].Grad.RawRowView(r)) // row[j] += wₚ·h[j]
		}
	}
}

// run does the worker's part: forward, loss, gradient, backward.
func (wk *worker) run() {
	defer func() {
		if v := recover(); v != nil {
			wk.panicked = fmt.Sprintf("%v (in a part of the batch run by TrainConfig.Workers)", v)
		}
	}()
	if wk.update {
		wk.s.updateHalf(1)
		return
	}
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
