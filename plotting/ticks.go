package plotting

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks marks a linear axis at the round numbers a person would choose:
// multiples of a step of 1, 2 or 5 times a power of ten, as many as fit
// up to maxTicks labels, so that 0 is always a label when the axis spans
// it, and the unit square gets 0, 0.5 and 1. gonum's plot.DefaultTicks
// may start its labels off the round numbers (−0.5, 0.5, 1.5 on an axis
// from −0.6 to 1.6), which hides the values that matter: 0 and 1.
// Unlabelled minor ticks sit halfway between the labels.
type niceTicks struct{}

var _ plot.Ticker = niceTicks{}

// maxTicks is the most labels niceTicks puts on an axis: more would crowd
// a small panel of a Grid.
const maxTicks = 6

// Ticks returns the ticks for [min, max].
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	step := niceStep(min, max)
	// Count in whole steps so that labels are exact multiples of step.
	first, last := math.Ceil(min/step-1e-9), math.Floor(max/step+1e-9)
	var ticks []plot.Tick
	for k := first - 1; k <= last; k++ {
		v := k * step
		if v >= min-1e-9*step && v <= max+1e-9*step {
			ticks = append(ticks, plot.Tick{Value: roundTo(v, step), Label: tickLabel(v, step)})
		}
		if half := (k + 0.5) * step; half >= min && half <= max {
			ticks = append(ticks, plot.Tick{Value: half})
		}
	}
	return ticks
}

// niceStep returns the smallest step m·10ᵏ, m ∈ {1, 2, 5}, that puts at
// most maxTicks labels on [min, max], and at least two where possible.
func niceStep(min, max float64) float64 {
	e := math.Floor(math.Log10(max - min))
	for p := e - 2; p <= e+1; p++ {
		for _, m := range [...]float64{1, 2, 5} {
			step := m * math.Pow(10, p)
			n := math.Floor(max/step+1e-9) - math.Ceil(min/step-1e-9) + 1
			if n <= maxTicks {
				return step
			}
		}
	}
	return math.Pow(10, e+1)
}

// snap widens the range of a linear axis to the nearest labelled tick
// beyond each end when that tick is close, within 6 % of the range: a
// sigmoid drawn from 0.018 to 0.982 gets an axis from 0 to 1, so the two
// values that matter carry labels.
func snap(a *plot.Axis) {
	min, max := a.Min, a.Max
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return
	}
	step := niceStep(min, max)
	slack := 0.06 * (max - min)
	if lo := math.Floor(min/step+1e-9) * step; min-lo < slack {
		a.Min = roundTo(lo, step)
	}
	if hi := math.Ceil(max/step-1e-9) * step; hi-max < slack {
		a.Max = roundTo(hi, step)
	}
}

// roundTo returns v rounded to the decimals of step, so that 3 × 0.1 is
// 0.3 and not 0.30000000000000004.
func roundTo(v, step float64) float64 {
	d := decimals(step)
	s := strconv.FormatFloat(v, 'f', d, 64)
	r, _ := strconv.ParseFloat(s, 64)
	if r == 0 {
		return 0 // no "−0"
	}
	return r
}

// tickLabel writes v with no more decimals than step needs.
func tickLabel(v, step float64) string {
	return strconv.FormatFloat(roundTo(v, step), 'f', -1, 64)
}

// decimals returns the number of decimals of step (0 for a step ≥ 1).
func decimals(step float64) int {
	return max(0, int(-math.Floor(math.Log10(step)+1e-9)))
}
