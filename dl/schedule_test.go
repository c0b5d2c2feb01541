package dl_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
)

// round5 rounds to 5 decimals, the precision fastai's documentation prints.
func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

func TestScheduleFastaiValues(t *testing.T) {
	// fastai docs (callback.schedule): SchedCos(0, 2) and SchedLin(0, 2) at
	// positions 0, .25, .5, .75, 1. Positions are step/total with total = 4.
	tests := []struct {
		name  string
		sched dl.Schedule
		want  []float64
	}{
		{"Cosine", dl.Cosine{Start: 0, End: 2}, []float64{0, 0.29289, 1, 1.70711, 2}},
		{"Linear", dl.Linear{Start: 0, End: 2}, []float64{0, 0.5, 1, 1.5, 2}},
		// SchedExp(1, 16): 1·16^p.
		{"Exponential", dl.Exponential{Start: 1, End: 16}, []float64{1, 2, 4, 8, 16}},
	}
	for _, tt := range tests {
		for step, want := range tt.want {
			if got := round5(tt.sched.Rate(step, 4)); got != want {
				t.Errorf("%s.Rate(%d, 4) = %v, want %v", tt.name, step, got, want)
			}
		}
	}
}

func TestScheduleFormulas(t *testing.T) {
	tests := []struct {
		name        string
		sched       dl.Schedule
		step, total int
		want        float64
	}{
		{"Constant", dl.Constant(0.3), 17, 100, 0.3},
		{"StepDecay before first drop", dl.StepDecay{Initial: 1, Factor: 0.5, Every: 10}, 9, 100, 1},
		{"StepDecay after two drops", dl.StepDecay{Initial: 1, Factor: 0.5, Every: 10}, 25, 100, 0.25},
		{"StepDecay default factor", dl.StepDecay{Initial: 2, Every: 3}, 3, 100, 0.2},
		{"InverseTime", dl.InverseTime{Initial: 1, Decay: 0.5}, 4, 100, 1.0 / 3},
		{"InverseTime power", dl.InverseTime{Initial: 1, Decay: 1, Power: 0.5}, 3, 100, 0.5},
		{"Triangular base", dl.Triangular{Base: 0.1, Max: 1, StepSize: 10}, 0, 100, 0.1},
		{"Triangular half way up", dl.Triangular{Base: 0.1, Max: 1, StepSize: 10}, 5, 100, 0.55},
		{"Triangular peak", dl.Triangular{Base: 0.1, Max: 1, StepSize: 10}, 10, 100, 1},
		{"Triangular down", dl.Triangular{Base: 0.1, Max: 1, StepSize: 10}, 15, 100, 0.55},
		{"Triangular next cycle", dl.Triangular{Base: 0.1, Max: 1, StepSize: 10}, 20, 100, 0.1},
		{"Triangular default step size", dl.Triangular{Base: 0, Max: 1}, 50, 100, 1},
		{"Warmup start", dl.Warmup{Steps: 10, Then: dl.Constant(1)}, 0, 100, 0},
		{"Warmup middle", dl.Warmup{Steps: 10, Then: dl.Constant(1)}, 5, 100, 0.5},
		{"Warmup then", dl.Warmup{Steps: 10, Then: dl.Linear{Start: 1, End: 0}}, 55, 100, 0.5},
		{"Warmup longer than the run", dl.Warmup{Steps: 10, Then: dl.Linear{Start: 1, End: 0}}, 4, 5, 0.4},
		{"Piecewise first piece", dl.Piecewise{Fractions: []float64{0.5, 0.5},
			Schedules: []dl.Schedule{dl.Linear{Start: 0, End: 1}, dl.Constant(7)}}, 25, 100, 0.5},
		{"Piecewise second piece", dl.Piecewise{Fractions: []float64{0.5, 0.5},
			Schedules: []dl.Schedule{dl.Linear{Start: 0, End: 1}, dl.Linear{Start: 1, End: 0}}}, 75, 100, 0.5},
		{"Piecewise end", dl.Piecewise{Fractions: []float64{0.5, 0.5},
			Schedules: []dl.Schedule{dl.Constant(7), dl.Linear{Start: 1, End: 3}}}, 100, 100, 3},
	}
	for _, tt := range tests {
		if got := tt.sched.Rate(tt.step, tt.total); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: Rate(%d, %d) = %v, want %v", tt.name, tt.step, tt.total, got, tt.want)
		}
	}
}

func TestOneCycle(t *testing.T) {
	s := dl.OneCycle{MaxRate: 0.01}
	const total = 1000
	// fastai defaults: start at max/25, peak at 25% of the run, end at max/1e5.
	for _, c := range []struct {
		step int
		want float64
	}{{0, 0.01 / 25}, {250, 0.01}, {total, 0.01 / 1e5}} {
		if got := s.Rate(c.step, total); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("OneCycle.Rate(%d, %d) = %v, want %v", c.step, total, got, c.want)
		}
	}
	// Halfway up the warm-up the cosine is halfway between its ends.
	if got, want := s.Rate(125, total), (0.01/25+0.01)/2; math.Abs(got-want) > 1e-15 {
		t.Errorf("OneCycle.Rate(125) = %v, want %v", got, want)
	}
	// Rising then falling, never above the peak.
	for step := 1; step <= total; step++ {
		prev, cur := s.Rate(step-1, total), s.Rate(step, total)
		if step <= 250 && cur < prev || step > 250 && cur > prev || cur > 0.01 {
			t.Fatalf("OneCycle not unimodal at step %d: %v then %v", step, prev, cur)
		}
	}
	// Custom fields.
	c := dl.OneCycle{MaxRate: 1, Div: 10, DivFinal: 100, PctStart: 0.5}
	if got := c.Rate(0, 10); got != 0.1 {
		t.Errorf("custom OneCycle start = %v, want 0.1", got)
	}
	if got := c.Rate(5, 10); got != 1 {
		t.Errorf("custom OneCycle peak = %v, want 1", got)
	}
	if got := c.Rate(10, 10); math.Abs(got-0.01) > 1e-15 {
		t.Errorf("custom OneCycle end = %v, want 0.01", got)
	}
}

// The one-cycle schedule is two cosines combined by Piecewise: where the
// boundary falls on a whole step the two agree exactly.
func TestOneCycleIsPiecewise(t *testing.T) {
	const max = 0.1
	one := dl.OneCycle{MaxRate: max}
	pw := dl.Piecewise{
		Fractions: []float64{0.25, 0.75},
		Schedules: []dl.Schedule{dl.Cosine{Start: max / 25, End: max}, dl.Cosine{Start: max, End: max / 1e5}},
	}
	const total = 200
	for step := 0; step <= total; step++ {
		a, b := one.Rate(step, total), pw.Rate(step, total)
		if math.Abs(a-b) > 1e-15 {
			t.Errorf("step %d: OneCycle %v, Piecewise %v", step, a, b)
		}
	}
}

func TestSchedulePanics(t *testing.T) {
	tests := []panicCase{
		{"StepDecay.Every", func() { dl.StepDecay{Initial: 1}.Rate(1, 10) }, []string{"Every", "0"}},
		{"Warmup.Then", func() { dl.Warmup{Steps: 3}.Rate(1, 10) }, []string{"Then"}},
		{"Piecewise lengths", func() {
			dl.Piecewise{Fractions: []float64{1}, Schedules: []dl.Schedule{dl.Constant(1), dl.Constant(2)}}.Rate(0, 10)
		}, []string{"1 fractions", "2 schedules"}},
		{"Piecewise sum", func() {
			dl.Piecewise{Fractions: []float64{0.5, 0.2}, Schedules: []dl.Schedule{dl.Constant(1), dl.Constant(2)}}.Rate(0, 10)
		}, []string{"0.7"}},
		{"Exponential from 0", func() { dl.Exponential{End: 1}.Rate(1, 10) }, []string{"from 0 to 1", "non-zero"}},
		{"Exponential across 0", func() { dl.Exponential{Start: 1, End: -1}.Rate(1, 10) }, []string{"from 1 to -1", "same sign"}},
	}
	checkPanics(t, tests)
}

// panicCase is a call f that must panic with a message containing every
// one of parts.
type panicCase struct {
	name  string
	f     func()
	parts []string
}

// checkPanics runs each case and reports a missing panic or a message that
// lacks one of the expected parts (the sizes or names a learner needs).
func checkPanics(t *testing.T, cases []panicCase) {
	t.Helper()
	for _, tt := range cases {
		msg := panicMessage(tt.f)
		if msg == "" {
			t.Errorf("%s: no panic", tt.name)
			continue
		}
		for _, p := range tt.parts {
			if !strings.Contains(msg, p) {
				t.Errorf("%s: panic %q does not mention %q", tt.name, msg, p)
			}
		}
	}
}

// panicMessage runs f and returns what it panicked with, or "" if it did not.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
