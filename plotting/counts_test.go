package plotting

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// TestCountHistogram checks that bars count values (not a density), that
// log bins are equally wide in log x and cover the range, and the errors.
func TestCountHistogram(t *testing.T) {
	values := []float64{100, 150, 900, 1100, 1200, 10000}
	p, err := CountHistogram("runs", values, CountOptions{XLabel: "epochs", Bins: 2, LogX: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.X.Scale.(plot.LogScale); !ok || p.Y.Label.Text != "count" {
		t.Errorf("x scale %T, y label %q; want a log scale and counts", p.X.Scale, p.Y.Label.Text)
	}
	// Two bins in log space over [100, 10000]: [100, 1000) and [1000, 10000].
	want := []plotter.HistogramBin{{Min: 100, Max: 1000, Weight: 3}, {Min: 1000, Max: 10000, Weight: 3}}
	for i, b := range countBins(values, 2, true) {
		if math.Abs(b.Min-want[i].Min) > 1e-9 || math.Abs(b.Max-want[i].Max) > 1e-9 || b.Weight != want[i].Weight {
			t.Errorf("bin %d: %+v, want %+v", i, b, want[i])
		}
	}
	if got := countBins([]float64{0, 1, 2, 3}, 3, false); got[0].Weight != 1 || got[1].Weight != 1 || got[2].Weight != 2 {
		t.Errorf("linear bins %+v, want counts 1, 1, 2", got)
	}
	for name, err := range map[string]error{
		"empty":    errOnly(CountHistogram("", nil, CountOptions{})),
		"NaN":      errOnly(CountHistogram("", []float64{math.NaN()}, CountOptions{})),
		"log of 0": errOnly(CountHistogram("", []float64{0, 1}, CountOptions{LogX: true})),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
