package plotting

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendMargin is the margin of the pale box around a legend.
const legendMargin = vg.Length(4)

// legendInset is the distance between the edge of the data area and the
// legend's entries: the pale box's margin and a point more, so the box
// stays inside the axes.
const legendInset = legendMargin + 1

// Corner says where a legend goes first: the legend is placed there unless
// another place covers less of the data.
type corner int

const (
	topRight corner = iota
	topLeft
	bottomRight
	bottomLeft
)

// legendBox is a plotter that places the plot's legend where it hides the
// least data, and pales the area under it so the legend stays readable
// over an image. Every builder with a legend adds one, last: plotters are
// drawn in order, and the legend after all of them.
//
// The places tried are the four corners of the data area, then the middles
// of its top and bottom edges. For each, legendBox measures how much of the
// data registered in lines and points the legend would cover: the length
// of line inside it, in points, and 10 points for every marker. The
// preferred corner wins among places that cover the same; another place
// wins only if it covers less. gonum draws a legend flush with the edge of
// the figure, where the samples of a right-hand legend are cut off; here it
// sits inside the data area, legendInset from its edges.
//
// The zero value prefers the top right corner and sees no data.
type legendBox struct {
	prefer corner
	lines  []plotter.XYs // polylines in data coordinates
	points []plotter.XYs // markers in data coordinates
}

// avoidLine registers a line the legend should not cover.
func (b *legendBox) avoidLine(xys plotter.XYs) { b.lines = append(b.lines, xys) }

// avoidPoints registers markers the legend should not cover.
func (b *legendBox) avoidPoints(xys plotter.XYs) { b.points = append(b.points, xys) }

func (b legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	size := legendSize(p)
	if size.X == 0 {
		return // no legend
	}
	r, _ := b.place(c, p, size)

	// Move gonum's legend onto r. Legend.Draw puts a right-hand, top
	// legend's samples flush with the right edge of the area outside the
	// axes (the figure's edge) and its first entry one font descent below
	// the top of that area, which lies under the title.
	p.Legend.Left, p.Legend.Top = false, true
	// The names end left of the samples: a fallback font up to fontSlack
	// wider than the one measured runs to the right from where gonum
	// places them, into the samples, unless they end that much earlier.
	p.Legend.TextStyle.XAlign = draw.XAlignment(-fontSlack / 2)
	outer := outerMax(c, p)
	descent := p.Legend.TextStyle.FontExtents().Descent
	p.Legend.XOffs = r.Max.X - outer.X
	p.Legend.YOffs = r.Max.Y + descent - outer.Y

	m := legendMargin
	box := vg.Rectangle{
		Min: vg.Point{X: r.Min.X - m, Y: r.Min.Y - descent - m},
		Max: vg.Point{X: r.Max.X + m, Y: r.Max.Y + m},
	}
	c.SetColor(color.NRGBA{0xFF, 0xFF, 0xFF, 0xC8})
	c.Fill(box.Path())
}

// legendSize returns the size of p's legend, with the room that names
// ending fontSlack/2 of their width early (see Plot) take.
func legendSize(p *plot.Plot) vg.Point {
	l := p.Legend
	l.TextStyle.XAlign = 0
	s := l.Rectangle(draw.Canvas{}).Size()
	if s.X > 0 {
		s.X += (s.X - l.ThumbnailWidth) * fontSlack / 2
	}
	return s
}

// makeRoom raises the top of p's y axis so that the legend fits above the
// data, if no place in the data area is free for it: on a figure drawn at
// Width × Height, every place tried covers some of the data. Builders call
// it once their data are added.
func (b legendBox) makeRoom(p *plot.Plot) {
	size := legendSize(p)
	if size.X == 0 {
		return
	}
	// The data area of the plot as Show draws it. A Grid's panels are
	// smaller: ask for a free place for a legend a tenth larger than it is.
	c := p.DataCanvas(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: Width, Y: Height}}})
	if _, ink := b.place(c, p, vg.Point{X: size.X * 1.1, Y: size.Y * 1.1}); ink < 1 {
		return
	}
	descent := p.Legend.TextStyle.FontExtents().Descent
	f := min(1.1*float64((size.Y+descent+2*legendInset+legendMargin)/(c.Max.Y-c.Min.Y)), 0.5)
	if _, log := p.Y.Scale.(plot.LogScale); log {
		lo, hi := math.Log10(p.Y.Min), math.Log10(p.Y.Max)
		p.Y.Max = math.Pow(10, lo+(hi-lo)/(1-f))
	} else {
		p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)/(1-f)
	}
}

// place returns the rectangle of the data area c, of the given size, where
// the legend covers the least data, and how much it covers there.
func (b legendBox) place(c draw.Canvas, p *plot.Plot, size vg.Point) (vg.Rectangle, float64) {
	at := func(x, y int) vg.Rectangle { // x: 0 left, 1 centre, 2 right; y: 0 bottom, 1 top
		var r vg.Rectangle
		switch x {
		case 0:
			r.Min.X = c.Min.X + legendInset
		case 1:
			r.Min.X = (c.Min.X+c.Max.X)/2 - size.X/2
		default:
			r.Min.X = c.Max.X - legendInset - size.X
		}
		if y == 1 {
			r.Min.Y = c.Max.Y - legendInset - size.Y
		} else {
			r.Min.Y = c.Min.Y + legendInset
		}
		r.Max = r.Min.Add(size)
		return r
	}
	corners := map[corner][2]int{topRight: {2, 1}, topLeft: {0, 1}, bottomRight: {2, 0}, bottomLeft: {0, 0}}
	pref := corners[b.prefer]
	order := [][2]int{
		pref,
		{2 - pref[0], pref[1]},     // the other side, same edge
		{pref[0], 1 - pref[1]},     // same side, other edge
		{2 - pref[0], 1 - pref[1]}, // the opposite corner
		{1, pref[1]}, {1, 1 - pref[1]},
	}
	trX, trY := p.Transforms(&c)
	best, bestInk := vg.Rectangle{}, math.Inf(1)
	for _, o := range order {
		r := at(o[0], o[1])
		// The pale box, and the width of a line drawn just outside it.
		m := legendMargin + lineWidth
		grown := vg.Rectangle{
			Min: vg.Point{X: r.Min.X - m, Y: r.Min.Y - m},
			Max: vg.Point{X: r.Max.X + m, Y: r.Max.Y + m},
		}
		ink := b.ink(grown, c, trX, trY)
		if ink < bestInk-0.5 {
			best, bestInk = r, ink
		}
	}
	return best, bestInk
}

// ink returns how much of the registered data falls inside r: the length
// of line (clipped to the data area c) plus 10 points per marker.
func (b legendBox) ink(r vg.Rectangle, c draw.Canvas, trX, trY func(float64) vg.Length) float64 {
	inside := func(x, y vg.Length) bool {
		return x >= r.Min.X && x <= r.Max.X && y >= r.Min.Y && y <= r.Max.Y
	}
	ink := 0.0
	for _, xys := range b.points {
		for _, q := range xys {
			if x, y := trX(q.X), trY(q.Y); c.Contains(vg.Point{X: x, Y: y}) && inside(x, y) {
				ink += 10
			}
		}
	}
	for _, xys := range b.lines {
		for k := 1; k < len(xys); k++ {
			a := vg.Point{X: trX(xys[k-1].X), Y: trY(xys[k-1].Y)}
			z := vg.Point{X: trX(xys[k].X), Y: trY(xys[k].Y)}
			ink += clippedLength(a, z, c.Rectangle, r)
		}
	}
	return ink
}

// clippedLength returns the length of the segment a–z inside both
// rectangles (Liang and Barsky 1984).
func clippedLength(a, z vg.Point, rs ...vg.Rectangle) float64 {
	lo, hi := 0.0, 1.0
	dx, dy := float64(z.X-a.X), float64(z.Y-a.Y)
	for _, r := range rs {
		for _, s := range [...]struct{ p, d, min, max float64 }{
			{float64(a.X), dx, float64(r.Min.X), float64(r.Max.X)},
			{float64(a.Y), dy, float64(r.Min.Y), float64(r.Max.Y)},
		} {
			if s.d == 0 {
				if s.p < s.min || s.p > s.max {
					return 0
				}
				continue
			}
			t0, t1 := (s.min-s.p)/s.d, (s.max-s.p)/s.d
			lo, hi = max(lo, min(t0, t1)), min(hi, max(t0, t1))
		}
	}
	if lo >= hi {
		return 0
	}
	return (hi - lo) * math.Hypot(dx, dy)
}

// outerMax returns the top right corner of the area gonum draws the legend
// in, given the data area c of p: the right edge of the figure (or of its
// panel) and the bottom of the title. gonum does not say where it is, so it
// is found by solving p.DataCanvas(area) = c for the figure's area: the
// data area moves with the area nearly one for one, so a few corrections
// converge.
func outerMax(c draw.Canvas, p *plot.Plot) vg.Point {
	area := c.Rectangle
	for range 20 {
		d := p.DataCanvas(draw.Canvas{Canvas: c.Canvas, Rectangle: area})
		dMin, dMax := c.Min.Sub(d.Min), c.Max.Sub(d.Max)
		area.Min, area.Max = area.Min.Add(dMin), area.Max.Add(dMax)
		if math.Abs(float64(dMin.X))+math.Abs(float64(dMin.Y))+math.Abs(float64(dMax.X))+math.Abs(float64(dMax.Y)) < 1e-6 {
			break
		}
	}
	top := area.Max
	if p.Title.Text != "" {
		top.Y -= p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y + p.Title.Padding
	}
	return top
}
