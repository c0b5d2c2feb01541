package plotting_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/plotting"
)

// TestErrors checks that every builder rejects data it cannot draw with an
// error that says what is wrong, rather than drawing a broken figure.
func TestErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	pts := ring(10, 1)
	badPts := ring(10, 1)
	badPts.X[3] = nan
	id := func(x float64) float64 { return x }
	f2 := func(x, y float64) float64 { return x + y }
	sq := plotting.SurfaceOptions{X: plotting.Range{Min: -1, Max: 1}, Y: plotting.Range{Min: -1, Max: 1}}
	one := []float64{1, 2, 3}

	for _, tc := range []struct {
		name string
		want string // a part of the error message
		err  error
	}{
		{"Functions no curves", "no curves", errOf(plotting.Functions("", 0, 1))},
		{"Functions empty range", "empty", errOf(plotting.Functions("", 1, 1, plotting.Curve{F: id}))},
		{"Functions NaN range", "not finite", errOf(plotting.Functions("", nan, 1, plotting.Curve{F: id}))},
		{"Functions Inf range", "not finite", errOf(plotting.Functions("", 0, inf, plotting.Curve{F: id}))},
		{"Functions NaN value", "is NaN at x", errOf(plotting.Functions("", -1, 1, plotting.Curve{Name: "log", F: math.Log}))},
		{"Functions Inf value", "+Inf at x", errOf(plotting.Functions("", 0, 1, plotting.Curve{F: func(x float64) float64 { return 1 / (x - 0.5) }}))},
		{"Gallery no panels", "no panels", gridErr(plotting.Gallery(0, 1, 0))},
		{"Gallery NaN", "panel \"log\"", gridErr(plotting.Gallery(-1, 1, 0, plotting.Panel{Name: "log", F: math.Log}))},
		{"Boundary no points", "is empty", errOf(plotting.DecisionBoundary("", plotting.Points2D{}, f2, plotting.BoundaryOptions{}))},
		{"Boundary NaN point", "X[3] is NaN", errOf(plotting.DecisionBoundary("", badPts, f2, plotting.BoundaryOptions{}))},
		{"Boundary NaN model", "function is NaN", errOf(plotting.DecisionBoundary("", pts, func(x, y float64) float64 { return nan }, plotting.BoundaryOptions{}))},
		{"Boundary probability > 1", "outside [0, 1]", errOf(plotting.DecisionBoundary("", pts, f2, plotting.BoundaryOptions{Probability: true}))},
		{"Boundary bad range", "empty", errOf(plotting.DecisionBoundary("", pts, f2, plotting.BoundaryOptions{X: plotting.Range{Min: 2, Max: 1}}))},
		{"Perceptron no lines", "no lines", errOf(plotting.PerceptronLines("", pts))},
		{"Perceptron NaN weight", "lines[1]", errOf(plotting.PerceptronLines("", pts, plotting.DecisionLine{W1: 1}, plotting.DecisionLine{W1: nan}))},
		{"Perceptron no points", "is empty", errOf(plotting.PerceptronLines("", plotting.Points2D{}, plotting.DecisionLine{W1: 1}))},
		{"Surface no range", "empty", errOf(plotting.LossSurface("", f2, plotting.SurfaceOptions{}))},
		{"Surface Inf", "function is +Inf", errOf(plotting.LossSurface("", func(x, y float64) float64 { return 1 / (x * x) }, plotting.SurfaceOptions{X: plotting.Range{Min: -1, Max: 1}, Y: sq.Y, Resolution: 3}))},
		{"Surface log of 0", "Log needs f > 0", errOf(plotting.LossSurface("", f2, plotting.SurfaceOptions{X: sq.X, Y: sq.Y, Log: true}))},
		{"Surface empty path", "X is empty", errOf(plotting.LossSurface("", f2, sq, plotting.Path{Name: "sgd"}))},
		{"Surface NaN path", "Y[1] is NaN", errOf(plotting.LossSurface("", f2, sq, plotting.Path{X: []float64{0, 1}, Y: []float64{0, nan}}))},
		{"Training no series", "no series", errOf(plotting.TrainingCurves("", plotting.CurveOptions{}))},
		{"Training empty", "is empty", errOf(plotting.TrainingCurves("", plotting.CurveOptions{}, plotting.Series{Name: "train"}))},
		{"Training NaN", "Y[2] is NaN", errOf(plotting.TrainingCurves("", plotting.CurveOptions{}, plotting.Series{Y: []float64{1, 2, nan}}))},
		{"Training NaN X", "X[0] is -Inf", errOf(plotting.TrainingCurves("", plotting.CurveOptions{}, plotting.Series{X: []float64{-inf, 1, 2}, Y: one}))},
		{"Training log of 0", "log scale", errOf(plotting.TrainingCurves("", plotting.CurveOptions{LogY: true}, plotting.Series{Y: []float64{1, 0}}))},
		{"LayerStats log of 0", "log scale", errOf(plotting.LayerStats("", "norm", plotting.Series{Y: []float64{1, 0}}))},
		{"LayerStats no series", "no series", errOf(plotting.LayerStats("", "norm"))},
		{"Schedule no steps", "0 steps", errOf(plotting.ScheduleCurve("", 0, plotting.NamedSchedule{Schedule: dl.Constant(1)}))},
		{"Schedule no schedules", "no series", errOf(plotting.ScheduleCurve("", 10))},
		{"Schedule NaN", "is NaN", errOf(plotting.ScheduleCurve("", 10, plotting.NamedSchedule{Schedule: dl.Constant(nan)}))},
		{"LRFinder empty", "is empty", errOf(plotting.LRFinder("", nil, nil, 0))},
		{"LRFinder rate 0", "log scale", errOf(plotting.LRFinder("", []float64{0, 1}, []float64{1, 1}, 0))},
		{"LRFinder Inf loss", "losses[1] is +Inf", errOf(plotting.LRFinder("", []float64{1, 2}, []float64{1, inf}, 0))},
		{"LRFinder bad suggestion", "suggestion", errOf(plotting.LRFinder("", []float64{1, 2}, []float64{1, 1}, -1))},
		{"Histograms none", "no samples", errOf(plotting.Histograms("", 0))},
		{"Histograms empty", "is empty", errOf(plotting.Histograms("", 0, plotting.Sample{Name: "layer 1"}))},
		{"Histograms NaN", "is NaN", errOf(plotting.Histograms("", 0, plotting.Sample{Values: []float64{nan}}))},
		{"ImageGrid none", "no images", errOf(plotting.ImageGrid("", nil, 2, 2, nil, nil))},
		{"ImageGrid NaN", "images[0][1] is NaN", errOf(plotting.ImageGrid("", [][]float64{{0, nan, 0, 0}}, 2, 2, nil, nil))},
		{"Confusion empty", "empty matrix", errOf(plotting.ConfusionMatrix("", nil, nil))},
		{"Confusion negative", "negative", errOf(plotting.ConfusionMatrix("", [][]int{{1, -1}, {0, 1}}, nil))},
		{"Hyper empty", "no values", errOf(plotting.HyperHeatmap("", plotting.HyperGrid{}))},
		{"Hyper NaN", "Values[0][1] is NaN", errOf(plotting.HyperHeatmap("", plotting.HyperGrid{XTicks: []string{"a", "b"}, YTicks: []string{"c"}, Values: [][]float64{{1, nan}}}))},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if !strings.Contains(tc.err.Error(), tc.want) || !strings.HasPrefix(tc.err.Error(), "plotting: ") {
			t.Errorf("%s: error %q, want it to start with \"plotting: \" and contain %q", tc.name, tc.err, tc.want)
		}
	}
}

func errOf(_ *plot.Plot, err error) error { return err }

func gridErr(_ *plotting.Grid, err error) error { return err }

// TestPanics checks that wrong usage, which no data can cause, panics with
// a message that names the sizes.
func TestPanics(t *testing.T) {
	pts := ring(3, 1)
	for _, tc := range []struct {
		name string
		want string
		f    func()
	}{
		{"nil curve", "nil function", func() { plotting.Functions("", 0, 1, plotting.Curve{Name: "f"}) }},
		{"nil model", "nil function", func() { plotting.DecisionBoundary("", pts, nil, plotting.BoundaryOptions{}) }},
		{"labels length", "len(Labels) = 2", func() {
			plotting.DecisionBoundary("", plotting.Points2D{X: pts.X, Y: pts.Y, Labels: []int{0, 1}}, func(x, y float64) float64 { return 0 }, plotting.BoundaryOptions{})
		}},
		{"path length", "len(Y) = 1", func() {
			plotting.LossSurface("", func(x, y float64) float64 { return 0 }, plotting.SurfaceOptions{X: plotting.Range{Max: 1}, Y: plotting.Range{Max: 1}}, plotting.Path{X: []float64{0, 1}, Y: []float64{0}})
		}},
		{"series length", "len(X) = 1", func() {
			plotting.TrainingCurves("", plotting.CurveOptions{}, plotting.Series{X: []float64{1}, Y: []float64{1, 2}})
		}},
		{"image size", "want 2×2 = 4", func() { plotting.ImageGrid("", [][]float64{{1, 2, 3}}, 2, 2, nil, nil) }},
		{"confusion square", "want 2 (square matrix)", func() { plotting.ConfusionMatrix("", [][]int{{1, 2}, {3}}, nil) }},
		{"hyper ticks", "len(YTicks) = 0", func() { plotting.HyperHeatmap("", plotting.HyperGrid{Values: [][]float64{{1}}}) }},
		{"grid rows", "row 1 has 1 panels, row 0 has 2", func() {
			g := &plotting.Grid{Plots: [][]*plot.Plot{{nil, nil}, {nil}}}
			g.Save(t.TempDir() + "/g.svg")
		}},
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Errorf("%s: no panic", tc.name)
					return
				}
				if msg, _ := r.(string); !strings.Contains(msg, tc.want) {
					t.Errorf("%s: panic %v, want it to contain %q", tc.name, r, tc.want)
				}
			}()
			tc.f()
		}()
	}
}

// TestShowOutsideNotebook checks that Show does not fail silently when there
// is no notebook: tests do not run under GoNB.
func TestShowOutsideNotebook(t *testing.T) {
	p, err := plotting.Functions("", 0, 1, plotting.Curve{F: math.Sqrt})
	if err != nil {
		t.Fatal(err)
	}
	if err := plotting.Show(p); !errors.Is(err, plotting.ErrNotNotebook) {
		t.Errorf("Show outside a notebook returned %v, want ErrNotNotebook", err)
	}
	g := &plotting.Grid{Plots: [][]*plot.Plot{{p}}}
	if err := g.Show(); !errors.Is(err, plotting.ErrNotNotebook) {
		t.Errorf("Grid.Show outside a notebook returned %v, want ErrNotNotebook", err)
	}
	if err := plotting.Save(p, t.TempDir()+"/f.pdf"); err == nil || !strings.Contains(err.Error(), ".svg or .png") {
		t.Errorf("Save to .pdf returned %v, want an error naming the formats", err)
	}
}
