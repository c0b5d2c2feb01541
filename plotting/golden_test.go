package plotting_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/plotting"
)

// figures builds one figure per builder from the fixtures. Each is saved
// and compared with its reference image testdata/<name>_golden.png (and one
// SVG, to guard what Show sends). Run `go test -regen` to accept changes,
// then look at the new images before committing them.
var figures = []struct {
	name  string
	build func() (saver, error)
}{
	{"functions", func() (saver, error) {
		return plotSaver(plotting.Functions("tanh and its derivative", -4, 4,
			plotting.Curve{Name: "tanh", F: math.Tanh},
			plotting.Curve{Name: "tanh′", F: tanhDeriv, Dashed: true}))
	}},
	{"gallery", func() (saver, error) {
		return plotting.Gallery(-4, 4, 0,
			plotting.Panel{Name: "sigmoid", F: sigmoid, DF: func(x float64) float64 { return sigmoid(x) * (1 - sigmoid(x)) }},
			plotting.Panel{Name: "tanh", F: math.Tanh, DF: tanhDeriv},
			plotting.Panel{Name: "ReLU", F: func(x float64) float64 { return max(0, x) }},
			plotting.Panel{Name: "identity", F: func(x float64) float64 { return x }})
	}},
	{"boundary_probability", func() (saver, error) {
		return plotSaver(plotting.DecisionBoundary("P(class 1)", ring(80, 1), ringProbability,
			plotting.BoundaryOptions{Probability: true}))
	}},
	{"boundary_class", func() (saver, error) {
		return plotSaver(plotting.DecisionBoundary("predicted class", ring(80, 1), func(x, y float64) float64 {
			return math.Round(ringProbability(x, y))
		}, plotting.BoundaryOptions{Resolution: 50}))
	}},
	{"perceptron", func() (saver, error) {
		return plotSaver(plotting.PerceptronLines("perceptron updates", halfPlane(60, 2),
			plotting.DecisionLine{}, plotting.DecisionLine{W1: 0.2, W2: 1}, plotting.DecisionLine{W1: 1, W2: 1, B: -0.1},
			plotting.DecisionLine{W1: 1, W2: 0.5, B: -0.3}))
	}},
	{"surface", func() (saver, error) {
		slow, fast := descend(-1.5, 2, 0.0005, 400), descend(-1.5, 2, 0.0015, 400)
		slow.Name, fast.Name = "lr 0.0005", "lr 0.0015"
		return plotSaver(plotting.LossSurface("Rosenbrock", rosenbrock,
			plotting.SurfaceOptions{X: plotting.Range{Min: -2, Max: 2}, Y: plotting.Range{Min: -1, Max: 3}, Log: true,
				Marks: []plotting.Mark{{Name: "minimum (1, 1)", X: 1, Y: 1}}},
			slow, fast))
	}},
	{"training", func() (saver, error) {
		train, valid := lossCurves(30)
		return plotSaver(plotting.TrainingCurves("over-fitting", plotting.CurveOptions{LogY: true},
			plotting.Series{Name: "training", Y: train},
			plotting.Series{Name: "validation", Y: valid, Dashed: true}))
	}},
	{"schedule", func() (saver, error) {
		return plotSaver(plotting.ScheduleCurve("schedules", 1000,
			plotting.NamedSchedule{Name: "step decay", Schedule: dl.StepDecay{Initial: 0.1, Factor: 0.5, Every: 300}},
			plotting.NamedSchedule{Name: "cosine", Schedule: dl.Cosine{Start: 0.1}}))
	}},
	{"lrfinder", func() (saver, error) {
		lrs, losses := lrRangeTest(3)
		return plotSaver(plotting.LRFinder("learning-rate range test", lrs, losses, 3e-3))
	}},
	{"layerstats", func() (saver, error) {
		r := rand.New(rand.NewPCG(4, 4))
		var layers []plotting.Series
		for l := range 3 {
			var norms []float64
			for s := range 100 {
				norms = append(norms, math.Pow(10, float64(l-2))*math.Exp(-float64(s)/80)*(1+0.2*r.Float64()))
			}
			layers = append(layers, plotting.Series{Name: fmt.Sprintf("layer %d", l+1), Y: norms})
		}
		return plotSaver(plotting.LayerStats("gradient norms", "‖∂L/∂W‖", layers...))
	}},
	{"histograms", func() (saver, error) {
		r := rand.New(rand.NewPCG(5, 5))
		var layers []plotting.Sample
		for l := range 3 {
			var v []float64
			for range 2000 {
				v = append(v, math.Tanh(0.8*float64(l+1)*r.NormFloat64()))
			}
			layers = append(layers, plotting.Sample{Name: fmt.Sprintf("layer %d", l+1), Values: v})
		}
		return plotSaver(plotting.Histograms("tanh activations", 0, layers...))
	}},
	{"images", func() (saver, error) {
		images, labels, preds := digits(20)
		return plotSaver(plotting.ImageGrid("test digits", images, 28, 28, labels, preds))
	}},
	{"confusion", func() (saver, error) {
		return plotSaver(plotting.ConfusionMatrix("confusion matrix",
			[][]int{{50, 2, 3}, {4, 40, 10}, {0, 5, 60}}, []string{"cat", "dog", "bird"}))
	}},
	{"hyper", func() (saver, error) {
		return plotSaver(plotting.HyperHeatmap("validation accuracy", plotting.HyperGrid{
			XLabel: "learning rate", XTicks: []string{"0.001", "0.01", "0.1", "1"},
			YLabel: "hidden units", YTicks: []string{"4", "16", "64"},
			Values: [][]float64{{0.61, 0.72, 0.80, 0.50}, {0.65, 0.85, 0.93, 0.52}, {0.66, 0.88, 0.95, 0.49}},
		}))
	}},
	{"live", func() (saver, error) {
		l := &plotting.Live{Title: "training", Total: 30, Metric: "accuracy"}
		train, _ := lossCurves(30)
		for e, loss := range train {
			l.Update(e, loss, 1-loss/3)
		}
		return l.Figure()
	}},
}

// saver is what Save can write: *plotting.Grid, or a plot via plotSaver.
type saver interface{ Save(path string) error }

type plotWrapper struct{ p *plot.Plot }

func (w plotWrapper) Save(path string) error { return plotting.Save(w.p, path) }

func plotSaver(p *plot.Plot, err error) (saver, error) { return plotWrapper{p}, err }

func TestReferenceImages(t *testing.T) {
	for _, f := range figures {
		t.Run(f.name, func(t *testing.T) {
			files := []string{f.name + ".png"}
			if f.name == "surface" || f.name == "functions" {
				files = append(files, f.name+".svg")
			}
			t.Cleanup(func() {
				for _, name := range files {
					os.Remove(filepath.Join("testdata", name))
				}
			})
			cmpimg.CheckPlot(func() {
				s, err := f.build()
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range files {
					if err := s.Save(filepath.Join("testdata", name)); err != nil {
						t.Fatal(err)
					}
				}
			}, t, files...)
		})
	}
}

// TestFigureSizes keeps notebooks small: every figure, saved as SVG (what
// Show sends), must stay under 150 kB. Run with -v to see the sizes of SVG
// and of PNG at 96 dpi.
func TestFigureSizes(t *testing.T) {
	dir := t.TempDir()
	for _, f := range figures {
		s, err := f.build()
		if err != nil {
			t.Fatal(err)
		}
		size := map[string]int64{}
		for _, ext := range []string{"svg", "png"} {
			path := filepath.Join(dir, f.name+"."+ext)
			if err := s.Save(path); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			size[ext] = fi.Size()
		}
		t.Logf("%-22s SVG %6.1f kB   PNG %6.1f kB", f.name, float64(size["svg"])/1000, float64(size["png"])/1000)
		if size["svg"] > 150_000 {
			t.Errorf("%s: SVG is %d bytes, want ≤ 150 kB", f.name, size["svg"])
		}
	}
}
