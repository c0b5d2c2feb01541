package plotting

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// logTicks marks a logarithmic axis: a labelled tick at every power of
// ten, unlabelled ones at its multiples 2…9. When that labels fewer than
// three ticks (an axis spanning less than about two decades, such as a loss
// falling from 1 to 0.02), the multiples 2 and 5 are labelled too, so that
// no stretch of the axis is left without a number. Every value is computed
// as m·10ᵉ from exact powers of ten: gonum's plot.LogTicks (v0.17.0)
// reaches them by multiplying by 10 again and again, which rounds (from
// 10⁻⁷ it labels 10⁻⁵ as 9.999999999999999e-06) and leaves out the lowest
// ticks of some ranges.
type logTicks struct{}

var _ plot.Ticker = logTicks{}

// Ticks returns the ticks for [min, max], min > 0.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > min) || math.IsInf(max, 0) {
		return plot.LogTicks{Prec: -1}.Ticks(min, max)
	}
	const eps = 1e-9
	var ticks []plot.Tick
	ones := 0
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		for m := 1.0; m <= 9; m++ {
			v := m * math.Pow(10, e)
			if e < 0 {
				v = m / math.Pow(10, -e) // exact for the powers of ten a double holds
			}
			if v < min*(1-eps) || v > max*(1+eps) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
				ones++
			}
			ticks = append(ticks, t)
		}
	}
	if ones < 3 {
		for i, t := range ticks {
			m := math.Round(t.Value / math.Pow(10, math.Floor(math.Log10(t.Value)+eps)))
			if m == 2 || m == 5 {
				ticks[i].Label = strconv.FormatFloat(t.Value, 'g', -1, 64)
			}
		}
	}
	return ticks
}
