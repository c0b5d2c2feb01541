package dl

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Optimizer updates parameters from their gradients.
//
// Step applies one update to every Param, reading p.Grad and changing
// p.Value in place, with learning rate lr. Optimizers that keep state
// (a velocity, running averages) keep one slot per parameter, in the order
// of params: call Step with the same parameters, in the same order, every
// time. Use a new optimizer value for a new network.
type Optimizer interface {
	Step(params []Param, lr float64)
}

var (
	_ Optimizer = (*SGD)(nil)
	_ Optimizer = (*Adam)(nil)
	_ Optimizer = (*RMSProp)(nil)
)

// SGD is (stochastic) gradient descent, optionally with momentum and weight
// decay. With the zero value it is plain gradient descent:
//
//	w ← w − η·g
//
// where g = ∂L/∂w + λ·w (λ = WeightDecay: L2 regularization folded into the
// gradient, as PyTorch does). With Momentum μ > 0 it keeps a velocity v per
// weight, starting at 0, and follows PyTorch's formulation (dampening 0):
//
//	v ← μ·v + g
//	w ← w − η·v            (classical momentum, Polyak 1964)
//	w ← w − η·(g + μ·v)    (Nesterov, as in Sutskever et al. 2013)
//
// This is also the form of d2l's "Momentum" section. Sutskever et al.
// (2013) write classical momentum as v ← μ·v − η·g, w ← w + v: with a
// constant η the two produce exactly the same weights (their v is −η times
// this one), but under a schedule they differ, because here a change of η
// acts on the whole accumulated velocity at once.
//
// The velocity is allocated on the first Step and reused afterwards, so a
// warm Step allocates nothing. Step panics if the parameters change number
// or shape between calls, or if a Value and its Grad differ in shape.
type SGD struct {
	Momentum    float64 // μ; 0 means plain gradient descent
	Nesterov    bool    // use Nesterov's look-ahead form; needs Momentum > 0
	WeightDecay float64 // λ of the L2 penalty λ/2·‖w‖²; 0 means none

	state optState // state.slot[0][i]: velocity of params[i]
}

// Step applies one SGD update with learning rate lr to every parameter.
// It panics if lr is negative, NaN or infinite (a negative rate would climb
// the loss).
func (o *SGD) Step(params []Param, lr float64) {
	checkRate("SGD.Step", lr)
	mu, wd := o.Momentum, o.WeightDecay
	slots := 0
	if mu != 0 {
		slots = 1 // the velocities
	}
	o.state.check("SGD", params, slots)
	for i, p := range params {
		rows, _ := p.Value.Dims()
		for r := range rows {
			w, dw := p.Value.RawRowView(r), p.Grad.RawRowView(r)
			if mu == 0 && wd == 0 {
				// w ← w − η·g for the whole row (gonum's vector loop
				// computes w + (−η)·g, which is exactly w − η·g).
				floats.AddScaled(w, -lr, dw)
				continue
			}
			var v []float64
			if mu != 0 {
				v = o.state.row(0, i, r)
			}
			for j := range w {
				g := dw[j] + wd*w[j] // g = ∂L/∂w + λ·w
				if mu != 0 {
					v[j] = mu*v[j] + g // v ← μ·v + g
					if o.Nesterov {
						g += mu * v[j] // look ahead: g + μ·v
					} else {
						g = v[j]
					}
				}
				w[j] -= lr * g // w ← w − η·g
			}
		}
	}
}

// checkRate panics unless lr is a finite number ≥ 0.
func checkRate(where string, lr float64) {
	if !(lr >= 0) || math.IsInf(lr, 1) {
		panic(fmt.Sprintf("dl: %s: learning rate %v; it must be a finite number ≥ 0", where, lr))
	}
}

// Adam is the adaptive-moment optimizer of Kingma & Ba 2015 (Algorithm 1).
// It keeps running averages of the gradient (m) and of its square (v) and
// corrects their bias towards 0 in the first steps:
//
//	t ← t + 1
//	g ← ∂L/∂w + λ·w                     (L2 weight decay, if not Decoupled)
//	m ← β₁·m + (1 − β₁)·g
//	v ← β₂·v + (1 − β₂)·g²
//	m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
//	w ← w − η·m̂/(√v̂ + ε)
//
// Each weight thus moves by about η in the direction of its recent gradients,
// whatever the gradient's scale. With Decoupled set it is AdamW
// (Loshchilov & Hutter 2019): the decay is not added to g but applied
// directly, w ← w − η·λ·w, before the update, as PyTorch's AdamW does.
//
// Zero fields take the paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
// The moment buffers are allocated on the first Step and reused, so a warm
// Step allocates nothing. Step panics if the parameters change number or
// shape between calls.
type Adam struct {
	Beta1       float64 // decay of the gradient average m; 0 means 0.9
	Beta2       float64 // decay of the squared-gradient average v; 0 means 0.999
	Epsilon     float64 // guards the division; 0 means 1e-8
	WeightDecay float64 // λ; 0 means none
	Decoupled   bool    // AdamW: decay the weights directly instead of through g

	t     int      // number of steps taken
	state optState // slot[0]: m, slot[1]: v
}

// Step applies one Adam update with learning rate lr to every parameter.
// It panics if lr is negative, NaN or infinite.
func (o *Adam) Step(params []Param, lr float64) {
	checkRate("Adam.Step", lr)
	o.state.check("Adam", params, 2)
	b1, b2, eps := orDefault(o.Beta1, 0.9), orDefault(o.Beta2, 0.999), orDefault(o.Epsilon, 1e-8)
	wd := o.WeightDecay
	o.t++
	// The bias corrections m̂ = m/(1 − β₁ᵗ) and √v̂ = √v/√(1 − β₂ᵗ) are the
	// same for every weight: fold them into two factors.
	stepSize := lr / (1 - math.Pow(b1, float64(o.t)))
	invSqrtC2 := 1 / math.Sqrt(1-math.Pow(b2, float64(o.t)))
	for i, p := range params {
		rows, _ := p.Value.Dims()
		for r := range rows {
			w, dw := p.Value.RawRowView(r), p.Grad.RawRowView(r)
			m, v := o.state.row(0, i, r), o.state.row(1, i, r)
			w, m, v = w[:len(dw)], m[:len(dw)], v[:len(dw)] // one bounds check, not one per weight
			for j, g := range dw {
				if o.Decoupled {
					w[j] -= lr * wd * w[j] // AdamW: w ← w − η·λ·w
				} else {
					g += wd * w[j] // g = ∂L/∂w + λ·w
				}
				m[j] = b1*m[j] + (1-b1)*g   // m ← β₁·m + (1 − β₁)·g
				v[j] = b2*v[j] + (1-b2)*g*g // v ← β₂·v + (1 − β₂)·g²
				w[j] -= stepSize * m[j] / (math.Sqrt(v[j])*invSqrtC2 + eps)
			}
		}
	}
}

// RMSProp divides each weight's step by a running root-mean-square of its
// recent gradients (Hinton, Neural Networks for Machine Learning, lecture
// 6e, 2012):
//
//	g ← ∂L/∂w + λ·w
//	s ← ρ·s + (1 − ρ)·g²
//	w ← w − η·g/(√s + ε)
//
// Zero fields mean ρ = 0.9 (Hinton's value; PyTorch uses 0.99) and
// ε = 1e-8. Step panics if the parameters change number or shape between
// calls.
type RMSProp struct {
	Rho         float64 // decay of the squared-gradient average; 0 means 0.9
	Epsilon     float64 // 0 means 1e-8
	WeightDecay float64 // λ; 0 means none

	state optState // slot[0]: s
}

// Step applies one RMSProp update with learning rate lr to every
// parameter. It panics if lr is negative, NaN or infinite.
func (o *RMSProp) Step(params []Param, lr float64) {
	checkRate("RMSProp.Step", lr)
	o.state.check("RMSProp", params, 1)
	rho, eps, wd := orDefault(o.Rho, 0.9), orDefault(o.Epsilon, 1e-8), o.WeightDecay
	for i, p := range params {
		rows, _ := p.Value.Dims()
		for r := range rows {
			w, dw := p.Value.RawRowView(r), p.Grad.RawRowView(r)
			s := o.state.row(0, i, r)
			for j, g := range dw {
				g += wd * w[j]                // g = ∂L/∂w + λ·w
				s[j] = rho*s[j] + (1-rho)*g*g // s ← ρ·s + (1 − ρ)·g²
				w[j] -= lr * g / (math.Sqrt(s[j]) + eps)
			}
		}
	}
}

func orDefault(x, def float64) float64 {
	if x == 0 {
		return def
	}
	return x
}

// optState holds an optimizer's per-parameter buffers: slot[k][i] is the k-th
// buffer (velocity, first moment, …) of parameter i, stored densely row by
// row with the parameter's shape.
type optState struct {
	rows, cols []int
	slot       [][][]float64
}

// check allocates the buffers on the first call and afterwards panics if the
// parameters no longer match them.
func (s *optState) check(who string, params []Param, slots int) {
	for i, p := range params {
		vr, vc := p.Value.Dims()
		gr, gc := p.Grad.Dims()
		if vr != gr || vc != gc {
			panic(fmt.Sprintf("dl: %s.Step: parameter %d (%s) is %d×%d but its gradient is %d×%d",
				who, i, p.Name, vr, vc, gr, gc))
		}
	}
	if s.rows == nil {
		s.rows = make([]int, len(params))
		s.cols = make([]int, len(params))
		s.slot = make([][][]float64, slots)
		for k := range s.slot {
			s.slot[k] = make([][]float64, len(params))
		}
		for i, p := range params {
			r, c := p.Value.Dims()
			s.rows[i], s.cols[i] = r, c
			for k := range s.slot {
				s.slot[k][i] = make([]float64, r*c)
			}
		}
		return
	}
	if len(params) != len(s.rows) {
		panic(fmt.Sprintf("dl: %s.Step: got %d parameters, the previous steps had %d",
			who, len(params), len(s.rows)))
	}
	for i, p := range params {
		r, c := p.Value.Dims()
		if r != s.rows[i] || c != s.cols[i] {
			panic(fmt.Sprintf("dl: %s.Step: parameter %d (%s) is %d×%d, the previous steps had %d×%d",
				who, i, p.Name, r, c, s.rows[i], s.cols[i]))
		}
	}
}

// row returns row r of buffer k of parameter i.
func (s *optState) row(k, i, r int) []float64 {
	c := s.cols[i]
	return s.slot[k][i][r*c : (r+1)*c]
}
