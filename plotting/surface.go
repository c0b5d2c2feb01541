package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SurfaceOptions configures LossSurface. X and Y must be set; every other
// zero value means the default.
type SurfaceOptions struct {
	X, Y Range // the region of the (w₁, w₂) plane drawn

	Resolution int // grid cells along each axis; zero means 100
	Levels     int // number of contour lines; zero means 10

	// Log colours and contours log₁₀ f instead of f, for surfaces whose
	// values span decades, such as Rosenbrock's valley. f must then be > 0.
	Log bool

	XLabel, YLabel string // axis labels; "" means "w₁" and "w₂"
}

// Path is the sequence of points an optimiser visited: step k is at
// (X[k], Y[k]).
type Path struct {
	Name string // legend entry
	X, Y []float64
}

// LossSurface draws a function of two parameters, usually a loss L(w₁, w₂),
// as a heat map in the viridis colours (dark is low) with contour lines at
// evenly spaced heights, and the paths of optimisers over it: each path is
// a line in its own colour from an open circle (start) to a filled one
// (end). Paths may leave the region; they are cut at its border.
//
// It returns an error if a range is empty or not finite, if f is NaN or
// ±Inf somewhere on the grid (or ≤ 0 with Log), or if a path is empty or
// holds NaN or ±Inf. It panics if f is nil or a path's X and Y have
// different lengths.
func LossSurface(title string, f func(x, y float64) float64, opts SurfaceOptions, paths ...Path) (*plot.Plot, error) {
	if f == nil {
		panic("plotting: LossSurface: nil function")
	}
	if err := interval("LossSurface: X", opts.X.Min, opts.X.Max); err != nil {
		return nil, err
	}
	if err := interval("LossSurface: Y", opts.Y.Min, opts.Y.Max); err != nil {
		return nil, err
	}
	for _, pa := range paths {
		sameLen("LossSurface: path "+pa.Name, "X", "Y", len(pa.X), len(pa.Y))
		if err := finite("LossSurface: path "+pa.Name+" X", pa.X); err != nil {
			return nil, err
		}
		if err := finite("LossSurface: path "+pa.Name+" Y", pa.Y); err != nil {
			return nil, err
		}
	}
	n := orInt(opts.Resolution, 100)
	fl := newField(opts.X, opts.Y, n)
	if err := fl.eval(f); err != nil {
		return nil, fmt.Errorf("%w (LossSurface)", err)
	}
	if opts.Log {
		for k, v := range fl.z {
			if !(v > 0) {
				return nil, fmt.Errorf("plotting: LossSurface: f = %v at (%v, %v), but Log needs f > 0", v, fl.xs[k%n], fl.ys[k/n])
			}
			fl.z[k] = math.Log10(v)
		}
	}

	p := newPlot(title, orString(opts.XLabel, "w₁"), orString(opts.YLabel, "w₂"))
	lo, hi := fl.bounds()
	m := viridis()
	scale := func(v float64) uint8 { return m.index((v - lo) / (hi - lo)) }
	if hi == lo {
		scale = func(float64) uint8 { return 0 } // a flat surface is one colour
	}
	p.Add(fl.image(m.palette(), scale))

	levels := orInt(opts.Levels, 10)
	for k := 1; k <= levels && hi > lo; k++ {
		z := lo + (hi-lo)*float64(k)/float64(levels+1)
		// Dark lines on the light part of the map, light ones on the dark.
		c := color.NRGBA{0xFF, 0xFF, 0xFF, 0x90}
		if luminance(m.at(float64(k)/float64(levels+1))) > 0.5 {
			c = color.NRGBA{0x00, 0x00, 0x00, 0x80}
		}
		addLevel(p, fl, z, draw.LineStyle{Color: c, Width: vg.Points(0.75)})
	}

	// Lines first, then every start and end mark, so that a later path's
	// line and halo never hide an earlier path's marks where they cross.
	var marks []plot.Plotter
	lb := legendBox{}
	for i, pa := range paths {
		m, err := addPath(p, pa, i)
		if err != nil {
			return nil, err
		}
		marks = append(marks, m...)
		lb.avoidLine(pathXYs(pa))
		lb.avoidPoints(pathXYs(pa)[:1])
	}
	p.Add(marks...)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = opts.X.Min, opts.X.Max, opts.Y.Min, opts.Y.Max
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}

// addPath draws path pa in Color(i) over a white halo, which keeps it
// visible on any colour of the map, and returns the marks of its start and
// end for the caller to add.
func addPath(p *plot.Plot, pa Path, i int) ([]plot.Plotter, error) {
	xys := pathXYs(pa)
	halo := &plotter.Line{XYs: xys, LineStyle: draw.LineStyle{Color: white, Width: lineWidth + 2}}
	l := &plotter.Line{XYs: xys, LineStyle: line(i, false)}
	start, err := plotter.NewScatter(xys[:1])
	if err != nil {
		return nil, fmt.Errorf("plotting: %w", err)
	}
	start.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: pointSize + 1, Shape: ring{}}
	end, err := plotter.NewScatter(xys[len(xys)-1:])
	if err != nil {
		return nil, fmt.Errorf("plotting: %w", err)
	}
	end.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: pointSize + 1, Shape: outlined{draw.CircleGlyph{}, draw.RingGlyph{}}}
	p.Add(halo, l)
	if pa.Name != "" {
		p.Legend.Add(pa.Name, l)
	}
	return []plot.Plotter{start, end}, nil
}

// pathXYs returns the points of pa.
func pathXYs(pa Path) plotter.XYs {
	xys := make(plotter.XYs, len(pa.X))
	for k := range xys {
		xys[k] = plotter.XY{X: pa.X[k], Y: pa.Y[k]}
	}
	return xys
}

// ring is an open circle: a white disc inside a ring of the glyph's colour.
type ring struct{}

func (ring) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetColor(white)
	draw.CircleGlyph{}.DrawGlyph(c, sty, pt)
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(2)})
	var path vg.Path
	path.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	path.Arc(pt, sty.Radius, 0, 2*math.Pi)
	path.Close()
	c.Stroke(path)
}

// orInt returns v, or d if v ≤ 0: the zero value means the default.
func orInt(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// orString returns s, or d if s is empty.
func orString(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
