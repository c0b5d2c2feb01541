package plotting_test

import (
	"math"
	"slices"
	"testing"

	"github.com/introdl/introdl/plotting"
)

// TestLogTickLabels checks that a learning-rate axis from 10⁻⁷ to 10 is
// labelled with exact powers of ten. gonum's plot.LogTicks labels 10⁻⁵ as
// 9.999999999999999e-06 there, and the labels overlap.
func TestLogTickLabels(t *testing.T) {
	var lrs, losses []float64
	for k := range 81 {
		lrs = append(lrs, 1e-7*math.Pow(10, float64(k)/10))
		losses = append(losses, 1)
	}
	lrs[len(lrs)-1] = 10
	p, err := plotting.LRFinder("range test", lrs, losses, 0)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tick := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if tick.Label != "" && tick.Value >= p.X.Min && tick.Value <= p.X.Max {
			labels = append(labels, tick.Label)
		}
	}
	want := []string{"1e-07", "1e-06", "1e-05", "0.0001", "0.001", "0.01", "0.1", "1", "10"}
	if !slices.Equal(labels, want) {
		t.Errorf("x tick labels from 1e-7 to 10:\n got %q\nwant %q", labels, want)
	}

	// The same ticker marks the loss axis of TrainingCurves with LogY.
	c, err := plotting.TrainingCurves("loss", plotting.CurveOptions{LogY: true},
		plotting.Series{Y: []float64{3e-7, 1e-3, 2}})
	if err != nil {
		t.Fatal(err)
	}
	labels = labels[:0]
	for _, tick := range c.Y.Tick.Marker.Ticks(c.Y.Min, c.Y.Max) {
		if tick.Label != "" && tick.Value >= c.Y.Min && tick.Value <= c.Y.Max {
			labels = append(labels, tick.Label)
		}
	}
	want = []string{"1e-06", "1e-05", "0.0001", "0.001", "0.01", "0.1", "1"}
	if !slices.Equal(labels, want) {
		t.Errorf("y tick labels from 3e-7 to 2:\n got %q\nwant %q", labels, want)
	}
}
