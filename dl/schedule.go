package dl

import (
	"fmt"
	"math"
)

// Schedule gives the learning rate to use at each step of a training run.
//
// A schedule is a function of the step: Rate(step, total) is the rate for
// step step (counted from 0) of a run of total steps. Training calls it with
// step = 0, 1, …, total−1. Schedules that are defined by the fraction of the
// run completed (Cosine, Linear, Exponential, OneCycle) use
//
//	p = step / total
//
// as fastai does, so the first step has p = 0 and Rate(total, total) gives
// the value the schedule ends at. Schedules defined in steps (StepDecay,
// Triangular, InverseTime, Warmup) ignore total or use it only for their
// zero-value defaults.
type Schedule interface {
	Rate(step, total int) float64
}

var (
	_ Schedule = ScheduleFunc(nil)
	_ Schedule = Constant(0)
	_ Schedule = StepDecay{}
	_ Schedule = Exponential{}
	_ Schedule = InverseTime{}
	_ Schedule = Cosine{}
	_ Schedule = Linear{}
	_ Schedule = Warmup{}
	_ Schedule = OneCycle{}
	_ Schedule = Triangular{}
	_ Schedule = Piecewise{}
)

// ScheduleFunc adapts an ordinary function to a Schedule, so that a notebook
// can write its own schedule in one line:
//
//	halve := dl.ScheduleFunc(func(step, total int) float64 { return 0.1 / float64(1+step/100) })
type ScheduleFunc func(step, total int) float64

// Rate returns f(step, total).
func (f ScheduleFunc) Rate(step, total int) float64 { return f(step, total) }

// Constant is a fixed learning rate: η_t = η.
type Constant float64

// Rate returns c, whatever the step.
func (c Constant) Rate(step, total int) float64 { return float64(c) }

// StepDecay multiplies the rate by Factor every Every steps
// (the "step" schedule of PyTorch's StepLR; d2l §12.11):
//
//	η_t = Initial · Factor^⌊t / Every⌋
//
// A zero Factor means 0.1. Rate panics if Every is not positive.
type StepDecay struct {
	Initial float64
	Factor  float64 // 0 means 0.1
	Every   int     // steps between two drops; must be > 0
}

// Rate returns Initial·Factor^⌊step/Every⌋.
func (s StepDecay) Rate(step, total int) float64 {
	if s.Every <= 0 {
		panic(fmt.Sprintf("dl: StepDecay.Every is %d, must be positive", s.Every))
	}
	f := s.Factor
	if f == 0 {
		f = 0.1
	}
	return s.Initial * math.Pow(f, float64(step/s.Every))
}

// Exponential moves the rate geometrically from Start to End over the run
// (fastai's SchedExp; the sweep of the learning-rate finder, Smith 2015):
//
//	η(p) = Start · (End/Start)^p,   p = step/total
//
// Equal steps in p multiply the rate by the same factor, so the rates are
// evenly spaced on a log axis.
type Exponential struct {
	Start, End float64
}

// Rate returns Start·(End/Start)^(step/total). It panics if Start is 0 or
// End has the opposite sign, where the power is undefined (NaN).
func (s Exponential) Rate(step, total int) float64 {
	if s.Start == 0 || s.End/s.Start < 0 {
		panic(fmt.Sprintf("dl: Exponential from %g to %g: Start must be non-zero and End of the same sign", s.Start, s.End))
	}
	return s.Start * math.Pow(s.End/s.Start, fraction(step, total))
}

// InverseTime decays the rate like a power of the step (d2l §12.11's
// polynomial decay; Robbins & Monro 1951 need Σηₜ = ∞ and Σηₜ² < ∞, which
// 1/t satisfies):
//
//	η_t = Initial · (1 + Decay·t)^(−Power)
//
// A zero Power means 1, the classic η₀/(1 + λt).
type InverseTime struct {
	Initial float64
	Decay   float64 // λ: how fast the rate falls
	Power   float64 // α; 0 means 1
}

// Rate returns Initial·(1 + Decay·step)^(−Power).
func (s InverseTime) Rate(step, total int) float64 {
	a := s.Power
	if a == 0 {
		a = 1
	}
	return s.Initial * math.Pow(1+s.Decay*float64(step), -a)
}

// Cosine anneals the rate from Start to End along half a cosine wave
// (Loshchilov & Hutter 2017, SGDR; fastai's SchedCos):
//
//	η(p) = Start + (1 − cos(π·p)) · (End − Start) / 2,   p = step/total
//
// The rate moves slowly near both ends and fastest in the middle: from 0 to
// 2 it passes 0, 0.29289, 1, 1.70711, 2 at p = 0, ¼, ½, ¾, 1.
// (fastai writes the same curve as Start + (1 + cos(π(1−p)))·(End−Start)/2.)
type Cosine struct {
	Start, End float64
}

// Rate returns the cosine interpolation between Start and End at p = step/total.
func (s Cosine) Rate(step, total int) float64 {
	return cosine(s.Start, s.End, fraction(step, total))
}

// Linear moves the rate along a straight line from Start to End
// (fastai's SchedLin):
//
//	η(p) = Start + p · (End − Start),   p = step/total
type Linear struct {
	Start, End float64
}

// Rate returns Start + (step/total)·(End − Start).
func (s Linear) Rate(step, total int) float64 {
	return s.Start + fraction(step, total)*(s.End-s.Start)
}

// Warmup raises the rate linearly from Start over the first Steps steps up to
// where Then begins, and then follows Then over the remaining steps
// (Goyal et al. 2017, "Accurate, large minibatch SGD"; d2l §12.11.3):
//
//	η_t = Start + (t/Steps)·(Then(0) − Start)   for t < Steps
//	η_t = Then(t − Steps, total − Steps)         afterwards
//
// Large rates can blow up a freshly initialized net whose gradients are
// large; a short warm-up lets the weights settle first.
type Warmup struct {
	Steps int      // length of the warm-up, in steps
	Start float64  // rate at step 0; usually 0
	Then  Schedule // the schedule after warm-up; it sees steps 0 … total−Steps
}

// Rate returns the warm-up rate for step < Steps and Then's rate afterwards.
// It panics if Then is nil.
func (s Warmup) Rate(step, total int) float64 {
	if s.Then == nil {
		panic("dl: Warmup.Then is nil")
	}
	rest := max(total-s.Steps, 0)
	if step >= s.Steps {
		return s.Then.Rate(step-s.Steps, rest)
	}
	// Where Then starts; asked of a run of at least one step, so that a
	// warm-up covering the whole run still aims at Then's first rate.
	target := s.Then.Rate(0, max(rest, 1))
	return s.Start + float64(step)/float64(s.Steps)*(target-s.Start)
}

// OneCycle is the 1cycle policy (Smith 2018, "A disciplined approach to
// neural network hyper-parameters"; Smith & Topin 2019) in the form of
// fastai's fit_one_cycle: the rate rises along a cosine from MaxRate/Div to
// MaxRate during the first PctStart of the run, then falls along a cosine
// to MaxRate/DivFinal:
//
//	η(p) = cos(MaxRate/Div → MaxRate;  p/PctStart)              p < PctStart
//	η(p) = cos(MaxRate → MaxRate/DivFinal;  (p−PctStart)/(1−PctStart))  otherwise
//
// with cos(a → b; q) = a + (1 − cos πq)(b − a)/2 as in Cosine. The warm-up
// lets a high rate be reached safely; the long fall to almost zero settles
// the weights into a minimum. Zero fields take fastai's defaults:
// Div 25, DivFinal 1e5, PctStart 0.25.
//
// This is the rate half of the policy only. fastai's fit_one_cycle also
// moves the momentum the other way (0.95 → 0.85 → 0.95, after Smith 2018
// §4: a high rate goes with a low momentum) in optimizers that have one;
// Train gives the optimizer a rate at every step and leaves its momentum
// (SGD.Momentum, Adam.Beta1) as configured.
type OneCycle struct {
	MaxRate  float64 // peak learning rate
	Div      float64 // start at MaxRate/Div; 0 means 25
	DivFinal float64 // end at MaxRate/DivFinal; 0 means 1e5
	PctStart float64 // fraction of the run spent rising; 0 means 0.25
}

func (s OneCycle) defaults() (div, divFinal, pct float64) {
	div, divFinal, pct = s.Div, s.DivFinal, s.PctStart
	if div == 0 {
		div = 25
	}
	if divFinal == 0 {
		divFinal = 1e5
	}
	if pct == 0 {
		pct = 0.25
	}
	return div, divFinal, pct
}

// Rate returns the one-cycle learning rate at p = step/total.
func (s OneCycle) Rate(step, total int) float64 {
	div, divFinal, pct := s.defaults()
	return twoCosines(fraction(step, total), pct, s.MaxRate/div, s.MaxRate, s.MaxRate/divFinal)
}

// Triangular is the cyclical learning rate of Smith 2017 ("Cyclical
// learning rates for training neural networks", the "triangular" policy):
// the rate goes linearly from Base up to Max in StepSize steps, back down to
// Base in StepSize more, and repeats:
//
//	cycle = ⌊1 + t/(2·StepSize)⌋
//	x     = |t/StepSize − 2·cycle + 1|
//	η_t   = Base + (Max − Base)·max(0, 1 − x)
//
// Smith suggests a StepSize of 2 to 10 epochs' worth of steps. A zero
// StepSize means total/2: one triangle over the whole run.
type Triangular struct {
	Base, Max float64
	StepSize  int // half a cycle, in steps; 0 means total/2
}

// Rate returns the triangular cyclical rate at step.
func (s Triangular) Rate(step, total int) float64 {
	half := s.StepSize
	if half == 0 {
		half = max(total/2, 1)
	}
	t := float64(step) / float64(half)
	cycle := math.Floor(1 + t/2)
	x := math.Abs(t - 2*cycle + 1)
	return s.Base + (s.Max-s.Base)*math.Max(0, 1-x)
}

// Piecewise runs several schedules one after the other, each over a fraction
// of the run (fastai's combine_scheds). Fractions[i] is the share of the run
// given to Schedules[i]; the fractions must add up to 1. Each piece sees its
// own steps, counted from 0, and its own total, so a Cosine inside a piece
// goes all the way from its Start to its End within that piece.
//
// Phase boundaries fall at round(total·(f₀+…+fᵢ)) steps. For example, the
// one-cycle rate is
//
//	Piecewise{Fractions: []float64{0.25, 0.75},
//	          Schedules: []Schedule{Cosine{η/25, η}, Cosine{η, η/1e5}}}
//
// up to that rounding of the boundary.
type Piecewise struct {
	Fractions []float64
	Schedules []Schedule
}

// Rate returns the rate of the piece that step falls in. It panics if
// Fractions and Schedules differ in length, if a fraction is negative, or if
// the fractions do not add up to 1 (within 1e-9).
func (s Piecewise) Rate(step, total int) float64 {
	if len(s.Fractions) != len(s.Schedules) || len(s.Schedules) == 0 {
		panic(fmt.Sprintf("dl: Piecewise has %d fractions and %d schedules, want the same non-zero number",
			len(s.Fractions), len(s.Schedules)))
	}
	var sum float64
	for i, f := range s.Fractions {
		if f < 0 {
			panic(fmt.Sprintf("dl: Piecewise fraction %d is %v, must not be negative", i, f))
		}
		sum += f
	}
	if math.Abs(sum-1) > 1e-9 {
		panic(fmt.Sprintf("dl: Piecewise fractions add up to %v, want 1", sum))
	}
	var cum float64
	begin := 0
	last := len(s.Schedules) - 1
	for i, f := range s.Fractions {
		cum += f
		end := int(math.Round(cum * float64(total)))
		if i == last {
			end = total
		}
		// The last piece also answers for step == total, so Rate(total, total)
		// is where the whole schedule ends.
		if step < end || i == last {
			return s.Schedules[i].Rate(step-begin, end-begin)
		}
		begin = end
	}
	panic("unreachable")
}

// fraction returns step/total, the fraction of the run completed, taking an
// empty run as complete.
func fraction(step, total int) float64 {
	if total <= 0 {
		return 1
	}
	return float64(step) / float64(total)
}

// cosine is fastai's sched_cos: half a cosine wave from start (p = 0) to end
// (p = 1).
func cosine(start, end, p float64) float64 {
	return start + (1-math.Cos(math.Pi*p))*(end-start)/2
}

// twoCosines is fastai's combined_cos: cosine from start to middle over the
// first pct of the run, then from middle to end.
func twoCosines(p, pct, start, middle, end float64) float64 {
	if p < pct {
		return cosine(start, middle, p/pct)
	}
	if pct >= 1 { // no falling phase at all
		return middle
	}
	return cosine(middle, end, (p-pct)/(1-pct))
}
