package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
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

	// Marks are points to point out, such as the minimum: each is drawn
	// as a white-edged black cross, with its name in the legend.
	Marks []Mark
}

// Mark is a named point of a LossSurface.
type Mark struct {
	Name string // legend entry, e.g. "minimum (1, 1)"
	X, Y float64
}

// Path is the sequence of points an optimiser visited: step k is at
// (X[k], Y[k]).
type Path struct {
	Name string // legend entry
	X, Y []float64
}

// LossSurface draws a function of two parameters, usually a loss L(w₁, w₂),
// as a heat map in the viridis colours (dark is low) with contour lines at
// evenly spaced heights and a colour bar that reads colours as values, and
// the paths of optimisers over it: each path is a line in its own colour
// from an open circle (start) to a filled one (end). Paths may leave the
// region; they are cut at its border. opts.Marks are drawn as crosses.
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
	p.Add(colorBar{m: m, lo: lo, hi: hi, log: opts.Log})

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
	for _, mk := range opts.Marks {
		if err := finite("LossSurface: mark "+mk.Name, []float64{mk.X, mk.Y}); err != nil {
			return nil, err
		}
		s, err := plotter.NewScatter(plotter.XYs{{X: mk.X, Y: mk.Y}})
		if err != nil {
			return nil, fmt.Errorf("plotting: %w", err)
		}
		s.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: pointSize + 1.5, Shape: haloCross{}}
		p.Add(s)
		if mk.Name != "" {
			p.Legend.Add(mk.Name, s)
		}
		lb.avoidPoints(plotter.XYs{{X: mk.X, Y: mk.Y}})
	}
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

// haloCross is a cross (×) in the glyph's colour over a wider white one, so
// it shows on any colour of a heat map.
type haloCross struct{}

func (haloCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	for _, s := range []draw.LineStyle{{Color: white, Width: 4.5}, {Color: sty.Color, Width: 2}} {
		c.StrokeLine2(s, pt.X-r, pt.Y-r, pt.X+r, pt.Y+r)
		c.StrokeLine2(s, pt.X-r, pt.Y+r, pt.X+r, pt.Y-r)
	}
}

// colorBar draws the colour map of a heat map as a vertical bar right of
// the data area, with the values of f at round numbers beside it (with log,
// lo and hi are log₁₀ f and the labels are powers of ten of f). Its glyph
// box makes gonum leave room for it.
type colorBar struct {
	m      *colorMap
	lo, hi float64
	log    bool
}

// Sizes of the colour bar, in points.
const (
	barGap   = vg.Length(8)  // between the data area and the bar
	barWidth = vg.Length(10) // of the bar
)

// ticks returns the values to label and their labels.
func (b colorBar) ticks() []plot.Tick {
	if !(b.hi > b.lo) {
		return nil
	}
	var ts []plot.Tick
	for _, t := range (niceTicks{}).Ticks(b.lo, b.hi) {
		if t.Label == "" {
			continue
		}
		if b.log {
			if t.Value != math.Trunc(t.Value) {
				continue // only whole powers of ten
			}
			t.Label = strconv.FormatFloat(math.Pow(10, t.Value), 'g', -1, 64)
		}
		ts = append(ts, t)
	}
	return ts
}

func (b colorBar) labelStyle() text.Style {
	sty := textStyle(tickSize, color.Black)
	sty.XAlign = draw.XLeft
	return sty
}

// GlyphBoxes implements plot.GlyphBoxer.
func (b colorBar) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	w := vg.Length(0)
	sty := b.labelStyle()
	for _, t := range b.ticks() {
		w = max(w, sty.Width(t.Label))
	}
	return []plot.GlyphBox{{
		X:         1,
		Rectangle: vg.Rectangle{Max: vg.Point{X: barGap + barWidth + 3 + w*(1+fontSlack) + edgeMargin, Y: 1}},
	}}
}

func (b colorBar) Plot(c draw.Canvas, _ *plot.Plot) {
	x0 := c.Max.X + barGap
	h := c.Max.Y - c.Min.Y
	const n = 64
	for k := range n {
		y0 := c.Min.Y + h*vg.Length(k)/n
		y1 := c.Min.Y + h*vg.Length(k+1)/n + 0.3 // overlap: no hairlines between strips
		col := b.m.at((float64(k) + 0.5) / n)
		c.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x0 + barWidth, Y: y0}, {X: x0 + barWidth, Y: min(y1, c.Max.Y)}, {X: x0, Y: min(y1, c.Max.Y)}})
	}
	sty := b.labelStyle()
	for _, t := range b.ticks() {
		y := c.Min.Y + h*vg.Length((t.Value-b.lo)/(b.hi-b.lo))
		c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: 0.75}, x0+barWidth, y, x0+barWidth+2, y)
		c.FillText(sty, vg.Point{X: x0 + barWidth + 3, Y: y}, t.Label)
	}
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
