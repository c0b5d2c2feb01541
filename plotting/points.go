package plotting

import (
	"fmt"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Points2D is a labelled two-dimensional data set: point i is
// (X[i], Y[i]) and belongs to class Labels[i]. Labels may be any integers,
// such as 0 and 1 or −1 and +1; classes are coloured Color(0), Color(1), …
// in increasing order of label.
type Points2D struct {
	X, Y   []float64
	Labels []int
}

// check returns an error for empty or non-finite points and panics if the
// slices have different lengths.
func (pts Points2D) check(fn string) error {
	sameLen(fn, "X", "Y", len(pts.X), len(pts.Y))
	sameLen(fn, "X", "Labels", len(pts.X), len(pts.Labels))
	if err := finite(fn+": points X", pts.X); err != nil {
		return err
	}
	return finite(fn+": points Y", pts.Y)
}

// xys returns the points of each class, in the order of classes.
func (pts Points2D) xys() []plotter.XYs {
	var out []plotter.XYs
	for _, label := range pts.classes() {
		var xys plotter.XYs
		for i, l := range pts.Labels {
			if l == label {
				xys = append(xys, plotter.XY{X: pts.X[i], Y: pts.Y[i]})
			}
		}
		out = append(out, xys)
	}
	return out
}

// classes returns the distinct labels in increasing order.
func (pts Points2D) classes() []int {
	c := slices.Clone(pts.Labels)
	slices.Sort(c)
	return slices.Compact(c)
}

// bounds returns the range of the points widened by 10 % on every side, so
// no point sits on the frame.
func (pts Points2D) bounds() (x, y Range) {
	pad := func(v []float64) Range {
		lo, hi := slices.Min(v), slices.Max(v)
		m := 0.1 * (hi - lo)
		if m == 0 {
			m = 1
		}
		return Range{lo - m, hi + m}
	}
	return pad(pts.X), pad(pts.Y)
}

// glyphs pairs a filled marker with its outline; class k uses
// glyphs[k%len(glyphs)], so classes differ in shape as well as in colour.
var glyphs = [...][2]draw.GlyphDrawer{
	{draw.CircleGlyph{}, draw.RingGlyph{}},
	{draw.PyramidGlyph{}, draw.TriangleGlyph{}},
	{draw.BoxGlyph{}, draw.SquareGlyph{}},
}

// outlined draws a filled glyph with a white outline, which keeps points
// visible on a coloured background.
type outlined struct{ fill, edge draw.GlyphDrawer }

func (g outlined) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	g.fill.DrawGlyph(c, sty, pt)
	sty.Color = white
	g.edge.DrawGlyph(c, sty, pt)
}

// addPoints draws the points of each class in its own colour and shape and
// adds one legend entry per class.
func addPoints(p *plot.Plot, pts Points2D) error {
	classes := pts.classes()
	for k, xys := range pts.xys() {
		label := classes[k]
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return fmt.Errorf("plotting: %w", err)
		}
		g := glyphs[k%len(glyphs)]
		s.GlyphStyle = draw.GlyphStyle{Color: Color(k), Radius: pointSize, Shape: outlined{g[0], g[1]}}
		p.Add(s)
		p.Legend.Add("class "+strconv.Itoa(label), s)
	}
	return nil
}

// dataAspect is the width-to-height ratio of the data area of a Width ×
// Height plot once the title, tick labels and axis labels have taken their
// space: about 5.3 × 3.3 inches (TestEqualAspect measures it).
const dataAspect = 1.62

// equalAspect widens the narrower of the two ranges, keeping its centre, so
// that one unit has the same length on both axes at Width × Height: a
// circle in the data then looks round.
func equalAspect(x, y Range) (Range, Range) {
	w, h := x.Max-x.Min, y.Max-y.Min
	if w < dataAspect*h {
		c, half := (x.Min+x.Max)/2, dataAspect*h/2
		x = Range{c - half, c + half}
	} else {
		c, half := (y.Min+y.Max)/2, w/dataAspect/2
		y = Range{c - half, c + half}
	}
	return x, y
}

// legendRoom raises the top of the y range y so that a legend of n entries
// at the top of p's data area sits above every point instead of hiding
// some (the AND perceptron's only positive example is at the top right,
// where the legend goes). The legend's height is measured in p's legend
// style; the data area of a Width × Height plot is about dataHeight tall.
func legendRoom(p *plot.Plot, y Range, n int) Range {
	l := p.Legend // a copy, to measure entries without adding them to p
	for range n {
		l.Add("class")
	}
	h := l.Rectangle(draw.Canvas{}).Size().Y + 2*legendMargin
	f := min(float64(h/dataHeight), 0.5)
	y.Max = y.Min + (y.Max-y.Min)/(1-f)
	return y
}

// dataHeight is the height of the data area of a Width × Height plot with a
// title and labelled axes (TestEqualAspect measures it with dataAspect).
const dataHeight = 3.3 * vg.Inch

// pointSize is the radius of the markers of data points.
const pointSize = vg.Length(3.5)
