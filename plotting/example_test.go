package plotting_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/plotting"
)

// In a notebook, show a figure with plotting.Show(p). Examples run outside
// a notebook, so they save the figure to a file or print what they built.

func ExampleFunctions() {
	p, err := plotting.Functions("tanh and its derivative", -4, 4,
		plotting.Curve{Name: "tanh", F: math.Tanh},
		plotting.Curve{Name: "tanh′", F: tanhDeriv, Dashed: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x from %g to %g, y from %.2f to %.2f\n", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	// Output:
	// x from -4 to 4, y from -1.00 to 1.00
}

func ExampleFunctions_error() {
	_, err := plotting.Functions("", -1, 1, plotting.Curve{Name: "log", F: math.Log})
	fmt.Println(err)
	// Output:
	// plotting: curve "log" is NaN at x = -1
}

func ExampleGallery() {
	g, err := plotting.Gallery(-4, 4, 2,
		plotting.Panel{Name: "sigmoid", F: sigmoid, DF: func(x float64) float64 { return sigmoid(x) * (1 - sigmoid(x)) }},
		plotting.Panel{Name: "tanh", F: math.Tanh, DF: tanhDeriv},
		plotting.Panel{Name: "ReLU", F: func(x float64) float64 { return max(0, x) }})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows of %d panels\n", len(g.Plots), len(g.Plots[0]))
	// Output:
	// 2 rows of 2 panels
}

func ExampleDecisionBoundary() {
	pts := ring(80, 1)
	p, err := plotting.DecisionBoundary("P(class 1)", pts, ringProbability,
		plotting.BoundaryOptions{Probability: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "plotting")
	defer os.RemoveAll(dir)
	fmt.Println(plotting.Save(p, filepath.Join(dir, "boundary.svg")))
	// Output:
	// <nil>
}

func ExampleDecisionBoundary_logits() {
	// Passing raw scores where probabilities are expected is caught.
	_, err := plotting.DecisionBoundary("", ring(10, 1), func(x, y float64) float64 { return 3 * x },
		plotting.BoundaryOptions{Probability: true, X: plotting.Range{Min: -1, Max: 1}, Y: plotting.Range{Min: -1, Max: 1}})
	fmt.Println(err)
	// Output:
	// plotting: DecisionBoundary: probabilities range over [-2.97, 2.97], outside [0, 1]
}

func ExamplePerceptronLines() {
	pts := halfPlane(40, 2)
	p, err := plotting.PerceptronLines("perceptron", pts,
		plotting.DecisionLine{},                        // w = 0: no line yet
		plotting.DecisionLine{W1: 0.2, W2: 1},          // after the first update
		plotting.DecisionLine{W1: 1, W2: 0.5, B: -0.3}) // after the second
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title.Text)
	// Output:
	// perceptron
}

func ExampleLossSurface() {
	path := descend(-1.5, 2, 0.0015, 400)
	path.Name = "gradient descent"
	p, err := plotting.LossSurface("Rosenbrock", rosenbrock, plotting.SurfaceOptions{
		X: plotting.Range{Min: -2, Max: 2}, Y: plotting.Range{Min: -1, Max: 3}, Log: true}, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s vs %s, path ends at (%.2f, %.2f)\n", p.X.Label.Text, p.Y.Label.Text,
		path.X[len(path.X)-1], path.Y[len(path.Y)-1])
	// Output:
	// w₁ vs w₂, path ends at (-0.66, 0.45)
}

func ExampleTrainingCurves() {
	train, valid := lossCurves(30)
	p, err := plotting.TrainingCurves("over-fitting", plotting.CurveOptions{LogY: true},
		plotting.Series{Name: "training", Y: train},
		plotting.Series{Name: "validation", Y: valid, Dashed: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.X.Label.Text, "/", p.Y.Label.Text)

	// A run that diverged cannot be drawn as is:
	_, err = plotting.TrainingCurves("", plotting.CurveOptions{},
		plotting.Series{Name: "training", Y: []float64{0.7, 3.1, math.Inf(1)}})
	fmt.Println(err)
	// Output:
	// epoch / loss
	// plotting: TrainingCurves: series "training" Y[2] is +Inf
}

func ExampleScheduleCurve() {
	// Any value with a Rate(step, total int) float64 method is a schedule:
	// every schedule of package dl, or a function made into one.
	p, err := plotting.ScheduleCurve("learning-rate schedules", 1000,
		plotting.NamedSchedule{Name: "step decay", Schedule: dl.StepDecay{Initial: 0.1, Factor: 0.5, Every: 300}},
		plotting.NamedSchedule{Name: "cosine", Schedule: dl.Cosine{Start: 0.1}},
		plotting.NamedSchedule{Name: "1/(1 + step/100)", Schedule: dl.ScheduleFunc(func(step, total int) float64 {
			return 0.1 / (1 + float64(step)/100)
		})})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("rates from %.4f to %.4f\n", p.Y.Min, p.Y.Max)
	// Output:
	// rates from 0.0000 to 0.1000
}

func ExampleLRFinder() {
	lrs, losses := lrRangeTest(3)
	p, err := plotting.LRFinder("learning-rate range test", lrs, losses, 3e-3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("rates %.0e to %.0e on a log axis\n", p.X.Min, p.X.Max)
	// Output:
	// rates 1e-05 to 9e-01 on a log axis
}

func ExampleLayerStats() {
	_, err := plotting.LayerStats("gradient norms", "‖∂L/∂W‖",
		plotting.Series{Name: "layer 1", Y: []float64{1e-3, 5e-4}},
		plotting.Series{Name: "layer 2", Y: []float64{1e-1, 0}})
	fmt.Println(err) // a zero norm has no place on a log axis
	// Output:
	// plotting: LayerStats: series "layer 2" Y[1] = 0, but a log scale needs values > 0
}

func ExampleHistograms() {
	p, err := plotting.Histograms("activations", 10,
		plotting.Sample{Name: "layer 1", Values: []float64{-1, -0.5, 0, 0.5, 1}},
		plotting.Sample{Name: "layer 2", Values: []float64{-1, -1, -1, 1, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("values %g to %g\n", p.X.Min, p.X.Max)
	// Output:
	// values -1 to 1
}

func ExampleImageGrid() {
	images, labels, preds := digits(20)
	p, err := plotting.ImageGrid("test digits", images, 28, 28, labels, preds)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "plotting")
	defer os.RemoveAll(dir)
	fmt.Println(plotting.Save(p, filepath.Join(dir, "digits.png")))
	// Output:
	// <nil>
}

func ExampleConfusionMatrix() {
	// Rows are true classes, columns predictions.
	m := [][]int{
		{50, 2, 3},
		{4, 40, 10},
		{0, 5, 60},
	}
	p, err := plotting.ConfusionMatrix("confusion matrix", m, []string{"cat", "dog", "bird"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Y.Label.Text, "/", p.X.Label.Text)
	// Output:
	// true class / predicted class
}

func ExampleHyperHeatmap() {
	p, err := plotting.HyperHeatmap("validation accuracy", plotting.HyperGrid{
		XLabel: "learning rate", XTicks: []string{"0.001", "0.01", "0.1"},
		YLabel: "hidden units", YTicks: []string{"4", "16"},
		Values: [][]float64{{0.61, 0.72, 0.80}, {0.65, 0.85, 0.93}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.X.Label.Text, "×", p.Y.Label.Text)
	// Output:
	// learning rate × hidden units
}

func ExampleLive() {
	// In a notebook the figure updates in place while the loop runs and
	// stays as a static figure after Close. Outside one, Live only records.
	live := &plotting.Live{Title: "training", Total: 30, Metric: "accuracy"}
	train, _ := lossCurves(30)
	for epoch, loss := range train {
		live.Update(epoch, loss, 1-loss/3)
	}
	if err := live.Close(); err != nil {
		fmt.Println(err)
	}
	g, err := live.Figure()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Plots[0][0].Y.Label.Text)
	// Output:
	// loss (last 0.06592)
}

func ExampleShow() {
	p, err := plotting.Functions("", 0, 1, plotting.Curve{F: math.Sqrt})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := plotting.Show(p); err == plotting.ErrNotNotebook {
		fmt.Println("not in a notebook")
	}
	// Output:
	// not in a notebook
}

func ExampleSave() {
	p, err := plotting.Functions("square root", 0, 1, plotting.Curve{Name: "√x", F: math.Sqrt})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "plotting")
	defer os.RemoveAll(dir)
	for _, name := range []string{"sqrt.svg", "sqrt.png", "sqrt.pdf"} {
		fmt.Println(name, plotting.Save(p, filepath.Join(dir, name)) == nil)
	}
	// Output:
	// sqrt.svg true
	// sqrt.png true
	// sqrt.pdf false
}
