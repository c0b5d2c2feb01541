package plotting

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// logTicks marks a logarithmic axis as gonum's plot.LogTicks does — a
// labelled tick at every power of ten, unlabelled ones at its multiples
// 2…9 — but computes each power of ten exactly. plot.LogTicks (v0.17.0)
// reaches them by multiplying by 10 again and again, which rounds: from
// 10⁻⁷ it labels 10⁻⁵ as 9.999999999999999e-06, and the labels of a
// learning-rate axis run into each other.
type logTicks struct{}

var _ plot.Ticker = logTicks{}

// Ticks returns the ticks of plot.LogTicks{Prec: -1} for [min, max], with
// every value snapped to the multiple of a power of ten it stands for.
func (logTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.LogTicks{Prec: -1}.Ticks(min, max)
	for i, t := range ticks {
		e := math.Floor(math.Log10(t.Value) + 1e-9) // the decade of t, immune to the rounding above
		m := math.Round(t.Value / math.Pow(10, e))  // its multiple: 1, 2, …, 9
		ticks[i].Value = m * math.Pow(10, e)
		if t.Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'g', -1, 64)
		}
	}
	return ticks
}
