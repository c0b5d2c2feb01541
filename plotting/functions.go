package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// samples is the number of points at which a function is drawn. It is odd so
// that a symmetric interval such as [-4, 4] includes 0, where ReLU and its
// relatives have their kink.
const samples = 401

// Curve is a function of one variable to draw, such as an activation
// function or its derivative.
type Curve struct {
	Name   string                  // legend entry; "" leaves the curve out of the legend
	F      func(x float64) float64 // the function
	Dashed bool                    // draw a dashed line, e.g. for a derivative
}

// Functions plots each curve over [xmin, xmax], in the colours of Color(0),
// Color(1), …, with a legend of their names.
//
// It returns an error if there are no curves, if the interval is empty or
// not finite, or if a function returns NaN or ±Inf inside it. It panics if a
// curve's F is nil.
func Functions(title string, xmin, xmax float64, curves ...Curve) (*plot.Plot, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("plotting: Functions: no curves")
	}
	if err := interval("Functions: x range", xmin, xmax); err != nil {
		return nil, err
	}
	p := newPlot(title, "x", "y")
	addGrid(p)
	lb := legendBox{prefer: topLeft}
	for i, c := range curves {
		xys, err := sample(c.F, xmin, xmax, c.Name)
		if err != nil {
			return nil, err
		}
		l := &plotter.Line{XYs: simplify(xys, false, false), LineStyle: line(i, c.Dashed)}
		p.Add(l)
		lb.avoidLine(l.XYs)
		if c.Name != "" {
			p.Legend.Add(c.Name, l)
		}
	}
	snap(&p.Y)
	lb.makeRoom(p)
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}

// sample evaluates f at samples evenly spaced points of [xmin, xmax].
func sample(f func(float64) float64, xmin, xmax float64, name string) (plotter.XYs, error) {
	if f == nil {
		panic(fmt.Sprintf("plotting: curve %q has a nil function", name))
	}
	xys := make(plotter.XYs, samples)
	for i := range xys {
		x := xmin + (xmax-xmin)*float64(i)/(samples-1)
		y := f(x)
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("plotting: curve %q is %v at x = %v", name, y, x)
		}
		xys[i] = plotter.XY{X: x, Y: y}
	}
	return xys, nil
}

// Panel is one panel of a Gallery: a function and, optionally, its
// derivative.
type Panel struct {
	Name string                  // panel title, e.g. "tanh"
	F    func(x float64) float64 // drawn solid in Color(0)
	DF   func(x float64) float64 // the derivative f′, drawn dashed in Color(1); nil draws F alone
}

// Gallery draws one small panel per function, with its derivative dashed,
// in rows of cols panels (cols = 0 means 3), all over the same interval
// [xmin, xmax]. Each panel has its own y range, so that a bounded function
// such as the sigmoid is not flattened by an unbounded one such as ReLU.
//
// It returns the errors of Functions. It panics if a panel's F is nil.
func Gallery(xmin, xmax float64, cols int, panels ...Panel) (*Grid, error) {
	if len(panels) == 0 {
		return nil, fmt.Errorf("plotting: Gallery: no panels")
	}
	if cols <= 0 {
		cols = 3
	}
	ps := make([]*plot.Plot, len(panels))
	for i, pa := range panels {
		// Only the first panel has a legend: it explains the line styles once.
		name, dname := "", ""
		if i == 0 {
			name, dname = "f", "f′"
		}
		curves := []Curve{{Name: name, F: pa.F}}
		if pa.DF != nil {
			curves = append(curves, Curve{Name: dname, F: pa.DF, Dashed: true})
		}
		if pa.F == nil {
			panic(fmt.Sprintf("plotting: Gallery: panel %d (%q) has a nil F", i, pa.Name))
		}
		p, err := Functions(pa.Name, xmin, xmax, curves...)
		if err != nil {
			return nil, fmt.Errorf("%w (panel %q)", err, pa.Name)
		}
		p.X.Label.Text = ""
		p.Y.Label.Text = ""
		ps[i] = p
	}
	// Label the outer axes only: the left column and the bottom row.
	g := newGrid(ps, cols)
	for i, row := range g.Plots {
		for j, p := range row {
			if p == nil {
				continue
			}
			if j == 0 {
				p.Y.Label.Text = "y"
			}
			if i == len(g.Plots)-1 || (i+1 < len(g.Plots) && g.Plots[i+1][j] == nil) {
				p.X.Label.Text = "x"
			}
		}
	}
	return g, nil
}
