package plotting_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/introdl/introdl/plotting"
)

// Ten steps of gradient descent on f(x) = x² with η = 0.2, drawn on the
// parabola.
func ExampleDescentOnCurve() {
	xs := []float64{10}
	for range 10 {
		x := xs[len(xs)-1]
		xs = append(xs, x-0.2*2*x)
	}
	p, err := plotting.DescentOnCurve("η = 0.2", func(x float64) float64 { return x * x }, plotting.Range{Min: -11, Max: 11}, xs)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("x from %g to %g\n", p.X.Min, p.X.Max)
	// Output:
	// x from -11 to 11
}

// Two bowls on one logarithmic colour scale, with a colour bar; the second
// panel's region is taken from its path.
func ExampleLandscapes() {
	bowl := func(a, b float64) float64 { return 0.01 + a*a + 4*b*b }
	path := plotting.Path{X: []float64{-1, -0.5, -0.2, 0}, Y: []float64{1, -0.6, 0.3, 0}}
	row, err := plotting.Landscapes(plotting.LandscapeOptions{Min: 0.01, Max: 10, Log: true, Label: "loss"},
		plotting.LandscapePanel{Title: "fixed region", F: bowl, X: plotting.Range{Min: -1, Max: 1}, Y: plotting.Range{Min: -1, Max: 1}},
		plotting.LandscapePanel{Title: "around the path", F: bowl, Paths: []plotting.Path{path}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d panels; the second spans x %.1f to %.1f, y %.1f to %.1f\n",
		len(row.Panels), row.Panels[1].X.Min, row.Panels[1].X.Max, row.Panels[1].Y.Min, row.Panels[1].Y.Max)
	dir, _ := os.MkdirTemp("", "plotting")
	defer os.RemoveAll(dir)
	fmt.Println(row.Save(filepath.Join(dir, "landscapes.svg")))
	// Output:
	// 2 panels; the second spans x -1.1 to 0.1, y -0.8 to 1.2
	// <nil>
}
