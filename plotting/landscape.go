package plotting

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DescentOnCurve draws a function of one variable, usually a loss f(x), in
// grey over x, and the points x₀, x₁, …, xₙ that gradient descent visited on
// it: each at height f(xₖ), joined in order by a line, from an open circle
// (the start) to a filled one (the end). The graph shows at a glance whether
// the steps shrink, overshoot or fly off. Points outside x are cut off at
// the border; widen x to see them.
//
// It returns an error if x is empty or not finite, if f is NaN or ±Inf on x
// or at a point, or if path is empty or holds NaN or ±Inf. It panics if f is
// nil.
func DescentOnCurve(title string, f func(x float64) float64, x Range, path []float64) (*plot.Plot, error) {
	if f == nil {
		panic("plotting: DescentOnCurve: nil function")
	}
	if err := interval("DescentOnCurve: x", x.Min, x.Max); err != nil {
		return nil, err
	}
	if len(path) == 0 {
		return nil, fmt.Errorf("plotting: DescentOnCurve: empty path")
	}
	if err := finite("DescentOnCurve: path", path); err != nil {
		return nil, err
	}
	curve, err := sample(f, x.Min, x.Max, "f")
	if err != nil {
		return nil, err
	}
	ys := make([]float64, len(path))
	for k, xk := range path {
		ys[k] = f(xk)
	}
	if err := finite("DescentOnCurve: f at the path's points", ys); err != nil {
		return nil, err
	}
	p := newPlot(title, "x", "f(x)")
	addGrid(p)
	p.Add(&plotter.Line{XYs: simplify(curve, false, false), LineStyle: draw.LineStyle{Color: color.Gray{Y: 0x80}, Width: lineWidth}})
	pts := Path{X: path, Y: ys}
	marks, err := addPath(p, pts, 0)
	if err != nil {
		return nil, err
	}
	// The visited points themselves, small, so that equal steps are
	// countable where they bunch up near the minimum.
	xys := make(plotter.XYs, len(path))
	for k := range path {
		xys[k] = plotter.XY{X: path[k], Y: ys[k]}
	}
	dots, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, fmt.Errorf("plotting: %w", err)
	}
	dots.GlyphStyle = draw.GlyphStyle{Color: Color(0), Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
	p.Add(dots)
	p.Add(marks...)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, xy := range curve {
		lo, hi = min(lo, xy.Y), max(hi, xy.Y)
	}
	p.X.Min, p.X.Max = x.Min, x.Max
	p.Y.Min, p.Y.Max = lo-0.04*(hi-lo), hi+0.04*(hi-lo)
	return p, nil
}

// LandscapePanel is one panel of Landscapes: a function of two coordinates
// (a, b), usually the loss of a network on a plane through its parameter
// space, over the region X × Y, with paths drawn over it.
type LandscapePanel struct {
	Title string
	F     func(a, b float64) float64

	// X and Y are the region drawn. A zero Range means: the extent of
	// the paths, with a margin of a tenth of it on each side.
	X, Y Range

	XLabel, YLabel string // axis labels; "" means "a" and "b"
	Paths          []Path // drawn as in LossSurface: open circle at the start, filled at the end
}

// LandscapeOptions sets the colour scale that all panels of Landscapes
// share. Min and Max must be set.
type LandscapeOptions struct {
	// Min and Max are the values drawn darkest and lightest; values
	// outside are drawn in the colour of the nearer end.
	Min, Max float64

	// Log colours log₁₀ f instead of f, for losses that span decades.
	// Min must then be > 0.
	Log bool

	// Levels are the heights of the contour lines, in the units of f.
	// nil means every power of ten between Min and Max with Log, and 9
	// evenly spaced heights without.
	Levels []float64

	Label      string // what the colour bar measures, e.g. "MSE"; "" means "loss"
	Resolution int    // grid cells along each axis of a panel; 0 means 100
}

// Landscapes draws loss surfaces side by side on one colour scale, with a
// colour bar at the right that turns colours back into values: the way to
// compare two surfaces honestly (a map coloured to its own range makes
// any surface look equally hilly). Each panel is a heat map in the viridis
// colours (dark is low) with contour lines at opts.Levels, and its paths on
// top, in the style of LossSurface.
//
// It returns an error if there are no panels, if opts.Min < opts.Max does
// not hold (or Min ≤ 0 with Log), if a range is empty or not finite, if a
// function is NaN or ±Inf on its grid, or if a path is empty or holds NaN or
// ±Inf. It panics if a panel's F is nil.
func Landscapes(opts LandscapeOptions, panels ...LandscapePanel) (*Row, error) {
	if len(panels) == 0 {
		return nil, fmt.Errorf("plotting: Landscapes: no panels")
	}
	if err := interval("Landscapes: colour scale", opts.Min, opts.Max); err != nil {
		return nil, err
	}
	if opts.Log && !(opts.Min > 0) {
		return nil, fmt.Errorf("plotting: Landscapes: Log needs Min > 0, got %v", opts.Min)
	}
	tr := func(v float64) float64 { return v }
	if opts.Log {
		tr = math.Log10
	}
	lo, hi := tr(opts.Min), tr(opts.Max)
	levels := opts.Levels
	if levels == nil {
		levels = defaultLevels(opts)
	}
	m := viridis()
	row := &Row{}
	for i, pa := range panels {
		if pa.F == nil {
			panic(fmt.Sprintf("plotting: Landscapes: panel %d (%q) has a nil F", i, pa.Title))
		}
		if pa.X == (Range{}) || pa.Y == (Range{}) {
			px, py := pathExtent(pa.Paths)
			if pa.X == (Range{}) {
				pa.X = px
			}
			if pa.Y == (Range{}) {
				pa.Y = py
			}
		}
		for _, r := range []struct {
			name string
			r    Range
		}{{"X", pa.X}, {"Y", pa.Y}} {
			if err := interval(fmt.Sprintf("Landscapes: panel %q %s", pa.Title, r.name), r.r.Min, r.r.Max); err != nil {
				return nil, err
			}
		}
		for _, path := range pa.Paths {
			sameLen("Landscapes: path "+path.Name, "X", "Y", len(path.X), len(path.Y))
			if len(path.X) == 0 {
				return nil, fmt.Errorf("plotting: Landscapes: path %q is empty", path.Name)
			}
			if err := finite("Landscapes: path "+path.Name+" X", path.X); err != nil {
				return nil, err
			}
			if err := finite("Landscapes: path "+path.Name+" Y", path.Y); err != nil {
				return nil, err
			}
		}
		fl := newField(pa.X, pa.Y, orInt(opts.Resolution, 100))
		if err := fl.eval(pa.F); err != nil {
			return nil, fmt.Errorf("%w (Landscapes, panel %q)", err, pa.Title)
		}
		p := newPlot(pa.Title, orString(pa.XLabel, "a"), orString(pa.YLabel, "b"))
		p.Add(fl.image(m.palette(), func(v float64) uint8 {
			if opts.Log {
				v = math.Log10(max(v, math.SmallestNonzeroFloat64))
			}
			return m.index((v - lo) / (hi - lo))
		}))
		for _, level := range levels {
			// Dark lines on the light part of the map, light ones on the dark.
			c := color.NRGBA{0xFF, 0xFF, 0xFF, 0xA0}
			if luminance(m.at((tr(level)-lo)/(hi-lo))) > 0.5 {
				c = color.NRGBA{0x00, 0x00, 0x00, 0x90}
			}
			addLevel(p, fl, level, draw.LineStyle{Color: c, Width: vg.Points(0.75)})
		}
		var marks []plot.Plotter
		for k, path := range pa.Paths {
			mk, err := addPath(p, thin(path), k)
			if err != nil {
				return nil, err
			}
			marks = append(marks, mk...)
		}
		p.Add(marks...)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = pa.X.Min, pa.X.Max, pa.Y.Min, pa.Y.Max
		p.Legend.Top = true
		p.Add(legendBox{})
		row.Panels = append(row.Panels, p)
	}
	row.Key = colorKey(orString(opts.Label, "loss"), opts, levels)
	return row, nil
}

// pathExtent returns the range of the paths' X and Y values with a margin
// of a tenth of each on both sides ([−1, 1] for a range of zero width).
func pathExtent(paths []Path) (x, y Range) {
	x = Range{Min: math.Inf(1), Max: math.Inf(-1)}
	y = x
	for _, p := range paths {
		for k := range p.X {
			x.Min, x.Max = min(x.Min, p.X[k]), max(x.Max, p.X[k])
			y.Min, y.Max = min(y.Min, p.Y[k]), max(y.Max, p.Y[k])
		}
	}
	pad := func(r Range) Range {
		if math.IsInf(r.Min, 0) {
			return Range{Min: -1, Max: 1}
		}
		m := (r.Max - r.Min) / 10
		if m == 0 {
			m = 1
		}
		return Range{Min: r.Min - m, Max: r.Max + m}
	}
	return pad(x), pad(y)
}

// defaultLevels returns the contour heights LandscapeOptions.Levels
// describes for nil.
func defaultLevels(opts LandscapeOptions) []float64 {
	var levels []float64
	if opts.Log {
		for e := math.Floor(math.Log10(opts.Min)); e <= math.Log10(opts.Max); e++ {
			if v := math.Pow(10, e); v > opts.Min && v < opts.Max {
				levels = append(levels, v)
			}
		}
		return levels
	}
	for k := 1; k <= 9; k++ {
		levels = append(levels, opts.Min+(opts.Max-opts.Min)*float64(k)/10)
	}
	return levels
}

// thin returns the path with at most about 400 points, keeping its first
// and last: a path of thousands of training steps would otherwise make the
// SVG large without changing the picture.
func thin(p Path) Path {
	const most = 400
	n := len(p.X)
	if n <= most {
		return p
	}
	stride := (n + most - 1) / most
	out := Path{Name: p.Name}
	for k := 0; k < n; k += stride {
		out.X, out.Y = append(out.X, p.X[k]), append(out.Y, p.Y[k])
	}
	if (n-1)%stride != 0 {
		out.X, out.Y = append(out.X, p.X[n-1]), append(out.Y, p.Y[n-1])
	}
	return out
}

// colorKey returns the colour bar of Landscapes: the viridis ramp from
// opts.Min (bottom) to opts.Max (top) against a value axis, logarithmic
// with opts.Log, with a tick at every contour level.
func colorKey(label string, opts LandscapeOptions, levels []float64) *plot.Plot {
	p := newPlot("", "", label)
	const n = 256
	img := image.NewNRGBA(image.Rect(0, 0, 1, n))
	m := viridis()
	for j := range n {
		img.Set(0, n-1-j, m.at((float64(j)+0.5)/n))
	}
	lo, hi := opts.Min, opts.Max
	if opts.Log {
		// The bar is drawn in log₁₀ units on a linear axis, with ticks
		// labelled in the units of f.
		lo, hi = math.Log10(lo), math.Log10(hi)
	}
	p.Add(plotter.NewImage(img, 0, lo, 1, hi))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, lo, hi
	p.X.Tick.Marker = plot.ConstantTicks(nil)
	p.X.LineStyle.Width = 0
	ticks := []float64{opts.Min}
	for _, v := range levels {
		if v > opts.Min && v < opts.Max { // a level off the scale has no place on the bar
			ticks = append(ticks, v)
		}
	}
	var marks []plot.Tick
	for _, v := range append(ticks, opts.Max) {
		y := v
		if opts.Log {
			y = math.Log10(v)
		}
		marks = append(marks, plot.Tick{Value: y, Label: fmt.Sprintf("%g", v)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(marks)
	return p
}

// Row is a figure of plots side by side, aligned so that their data areas
// have the same size, with an optional narrow key (a colour bar) at the
// right.
type Row struct {
	Panels []*plot.Plot
	Key    *plot.Plot // drawn KeyWidth wide at the right; nil for none

	// PanelWidth and Height are the size of one panel; zero means
	// 3.6 × 3.4 inches. A row wider than GridMaxWidth is scaled down.
	PanelWidth, Height vg.Length
}

// KeyWidth is the width of a Row's key, its tick labels included.
const KeyWidth = 1.1 * vg.Inch

// Show renders the row as SVG and displays it in the GoNB notebook, like
// the function Show. Outside a notebook it returns ErrNotNotebook.
func (r *Row) Show() error {
	w, h := r.size()
	return show(r, w, h)
}

// Save writes the row to path as SVG or PNG, like the function Save.
func (r *Row) Save(path string) error {
	w, h := r.size()
	return save(r, w, h, path)
}

// natural returns the row's size before any scaling down.
func (r *Row) natural() (w, h vg.Length) {
	pw, ph := r.PanelWidth, r.Height
	if pw == 0 {
		pw = 3.6 * vg.Inch
	}
	if ph == 0 {
		ph = 3.4 * vg.Inch
	}
	w = vg.Length(len(r.Panels)) * pw
	if r.Key != nil {
		w += KeyWidth
	}
	return w, ph
}

// size returns the size at which the row is drawn: its natural size,
// scaled down to GridMaxWidth if wider.
func (r *Row) size() (w, h vg.Length) {
	w, h = r.natural()
	if w > GridMaxWidth {
		return GridMaxWidth, h * GridMaxWidth / w
	}
	return w, h
}

// Draw draws the row on c, filling it.
func (r *Row) Draw(c draw.Canvas) {
	if len(r.Panels) == 0 {
		panic("plotting: Row has no panels")
	}
	c.SetColor(white)
	c.Fill(c.Rectangle.Path())
	panels := c
	if r.Key != nil {
		w, _ := r.natural()
		kw := KeyWidth * c.Size().X / w // scaled with the rest of the row
		panels.Max.X -= kw
		key := c
		key.Min.X = c.Max.X - kw
		r.drawKey(draw.Crop(key, vg.Points(6), -vg.Points(4), 0, 0), panels)
	}
	t := draw.Tiles{
		Rows: 1, Cols: len(r.Panels),
		PadX: vg.Points(10), PadTop: vg.Points(4), PadBottom: vg.Points(4),
		PadLeft: vg.Points(4), PadRight: vg.Points(4),
	}
	cs := plot.Align([][]*plot.Plot{r.Panels}, t, panels)
	for j, p := range r.Panels {
		p.Draw(cs[0][j])
	}
}

// drawKey draws the key in c, its bar spanning the height of the panels'
// data areas (the panels have titles and x labels, the key neither).
func (r *Row) drawKey(c, panels draw.Canvas) {
	first := draw.Crop(panels, vg.Points(4), 0, vg.Points(4), -vg.Points(4)) // the tiles' padding
	data := r.Panels[0].DataCanvas(first)
	c.Min.Y, c.Max.Y = data.Min.Y, data.Max.Y
	r.Key.Draw(c)
}
