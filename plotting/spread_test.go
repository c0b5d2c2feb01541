package plotting_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/introdl/introdl/plotting"
)

func ExampleSpread() {
	// The error of nets of three widths, three seeds each.
	widths := []float64{2, 4, 8}
	errs := [][]float64{{0.60, 0.64, 0.62}, {0.43, 0.47, 0.49}, {0.19, 0.13, 0.43}}
	p, err := plotting.Spread("error against width",
		plotting.SpreadOptions{XLabel: "units", YLabel: "error", LogX: true, LogY: true, XTicks: widths},
		plotting.SpreadSeries{Name: "3 seeds, median", X: widths, Values: errs})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.X.Label.Text, "/", p.Y.Label.Text)

	// A seed that diverged cannot be drawn as is:
	_, err = plotting.Spread("", plotting.SpreadOptions{},
		plotting.SpreadSeries{Name: "loss", Values: [][]float64{{0.3, math.NaN()}}})
	fmt.Println(err)
	// Output:
	// units / error
	// plotting: Spread: series "loss" values[1] is NaN
}

// TestSpreadErrors checks that Spread rejects what it cannot draw.
func TestSpreadErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		opts   plotting.SpreadOptions
		series []plotting.SpreadSeries
		want   string
	}{
		{"no series", plotting.SpreadOptions{}, nil, "no series"},
		{"no measurements", plotting.SpreadOptions{}, []plotting.SpreadSeries{{Name: "a"}}, "no measurements"},
		{"empty x", plotting.SpreadOptions{}, []plotting.SpreadSeries{{Name: "a", Values: [][]float64{{1}, {}}}}, "no values at x = 2"},
		{"inf", plotting.SpreadOptions{}, []plotting.SpreadSeries{{Name: "a", Values: [][]float64{{math.Inf(1)}}}}, "+Inf"},
		{"log y", plotting.SpreadOptions{LogY: true}, []plotting.SpreadSeries{{Name: "a", Values: [][]float64{{1, 0}}}}, "values"},
		{"log x", plotting.SpreadOptions{LogX: true}, []plotting.SpreadSeries{{Name: "a", X: []float64{0}, Values: [][]float64{{1}}}}, "X"},
		{"nan x", plotting.SpreadOptions{}, []plotting.SpreadSeries{{Name: "a", X: []float64{math.NaN()}, Values: [][]float64{{1}}}}, "NaN"},
	} {
		_, err := plotting.Spread("t", c.opts, c.series...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("X and Values of different lengths: no panic")
		}
	}()
	plotting.Spread("t", plotting.SpreadOptions{}, plotting.SpreadSeries{X: []float64{1, 2}, Values: [][]float64{{1}}})
}

// TestSpreadDraws renders the three kinds of x axis (numbers, log with
// chosen ticks, categories) and checks that the SVG names the categories and
// is the same every time.
func TestSpreadDraws(t *testing.T) {
	render := func(opts plotting.SpreadOptions, s ...plotting.SpreadSeries) string {
		p, err := plotting.Spread("spread", opts, s...)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		w, err := p.WriterTo(plotting.Width, plotting.Width*2/3, "svg")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	two := []plotting.SpreadSeries{
		{Name: "training", Values: [][]float64{{0.9, 0.95, 0.85}, {0.98, 0.99, 0.87}}},
		{Name: "fresh", Values: [][]float64{{0.87, 0.88, 0.85}, {0.91, 0.93, 0.81}}}}
	svg := render(plotting.SpreadOptions{XNames: []string{"shallow", "deep"}}, two...)
	for _, s := range []string{"shallow", "deep", "training", "fresh"} {
		if !strings.Contains(svg, s) {
			t.Errorf("the SVG lacks %q", s)
		}
	}
	if render(plotting.SpreadOptions{XNames: []string{"shallow", "deep"}}, two...) != svg {
		t.Error("two renderings differ")
	}
	render(plotting.SpreadOptions{LogX: true, LogY: true, XTicks: []float64{1, 2, 4}},
		plotting.SpreadSeries{X: []float64{1, 2, 4}, Values: [][]float64{{0.6}, {0.5, 0.4}, {0.1, 0.2, 0.05}}})
	render(plotting.SpreadOptions{ZeroY: true}, plotting.SpreadSeries{Values: [][]float64{{1, 2}}})
}
