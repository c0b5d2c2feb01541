package plotting

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// okabeIto holds the eight colours of Okabe and Ito (2008), chosen so that
// people with any common form of colour blindness can tell them apart.
// Series, classes and curves take their colours from it in this order;
// yellow comes last because it is hard to see on white.
var okabeIto = [...]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// Width and Height are the size at which Show renders a single plot:
// wide enough to read at 100 % zoom, small enough to sit beside the code.
const (
	Width  = 6 * vg.Inch
	Height = 4 * vg.Inch
)

// Font sizes in points at Width × Height.
const (
	titleSize = 13
	labelSize = 12
	tickSize  = 10
)

// lineWidth is the width of data lines; gonum's default (1 pt) is too thin
// on a screen.
const lineWidth = vg.Length(1.5)

// sans is the typeface of all text. Liberation Sans is embedded in
// gonum/plot and has the metrics of Arial, so text measured with it fits
// when a browser substitutes Arial or Helvetica (see fixFonts).
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Color returns the i-th colour of the package's palette (Okabe and Ito
// 2008): blue, vermillion, bluish green, reddish purple, orange, sky blue,
// black, yellow, then the same again. Curve, series and class i of every
// figure is drawn in Color(i); use it to colour what you add to a figure.
func Color(i int) color.Color {
	if i < 0 {
		i = -i
	}
	return okabeIto[i%len(okabeIto)]
}

// newPlot returns a plot with the package's look: fonts, labelled axes and
// a light grid behind the data.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	setStyle(p)
	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{}, niceTicks{}
	p.Add(edgeRoom{})
	return p
}

// fontSlack is how much wider than Liberation Sans the text of a figure
// may be drawn. Sizes are measured with Liberation Sans; a computer without
// it and without Arial draws the SVG's text in its own sans-serif font,
// such as DejaVu Sans, whose digits are 14 % wider. Room for 20 % more
// keeps tick labels and legends inside the figure there too.
const fontSlack = 0.2

// edgeRoom is a plotter that draws nothing: its glyph boxes make gonum
// leave room at the right edge of the figure for the last tick label of
// the x axis, whose right half sticks out of the data area, as wide as
// a wider fallback font draws it (fontSlack), plus a small margin, and
// that margin at least, so lines that end at the right of the data area
// are not cut by the figure's edge.
type edgeRoom struct{}

func (edgeRoom) Plot(draw.Canvas, *plot.Plot) {}

// GlyphBoxes implements plot.GlyphBoxer.
func (edgeRoom) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	boxes := []plot.GlyphBox{{
		X:         1,
		Rectangle: vg.Rectangle{Max: vg.Point{X: edgeMargin, Y: 1}},
	}}
	if p.X.Tick.Marker == nil {
		return boxes
	}
	ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
	for i := len(ticks) - 1; i >= 0; i-- {
		t := ticks[i]
		if t.Label == "" || t.Value < p.X.Min || t.Value > p.X.Max {
			continue
		}
		w := p.X.Tick.Label.Width(t.Label) * (1 + fontSlack) / 2
		return append(boxes, plot.GlyphBox{
			X:         p.X.Norm(t.Value),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -w}, Max: vg.Point{X: w + edgeMargin, Y: 1}},
		})
	}
	return boxes
}

// edgeMargin is the white space kept between the figure's right edge and
// the last tick label.
const edgeMargin = vg.Length(3)

// setStyle sets the fonts of every text element of p.
func setStyle(p *plot.Plot) {
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Length = vg.Points(5)
		a.Padding = vg.Points(2)
	}
	// gonum draws a y tick label one font descent above its tick, so the
	// row names of a matrix sit above their rows; centre them on the tick.
	sty := &p.Y.Tick.Label
	sty.YAlign = draw.YAlignment(-0.5 - float64(sty.FontExtents().Descent/sty.Height("0")))
	// Room between the y axis label and the tick labels, which a fallback
	// font draws wider (fontSlack); without it they run off the left edge.
	p.Y.Label.Padding = vg.Points(6)
	p.Legend.TextStyle.Font = font.From(sans, tickSize)
	p.Legend.ThumbnailWidth = vg.Points(20)
}

// addGrid draws light grid lines behind everything already in p.
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Horizontal.Color = color.Gray{Y: 0xDD}
	g.Vertical.Color = color.Gray{Y: 0xDD}
	g.Horizontal.Width = vg.Points(0.5)
	g.Vertical.Width = vg.Points(0.5)
	p.Add(g)
}

// line returns the style of the i-th data line.
func line(i int, dashed bool) draw.LineStyle {
	s := draw.LineStyle{Color: Color(i), Width: lineWidth}
	if dashed {
		s.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	return s
}

// textStyle returns a centred text style of the given size and colour.
func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(sans, size),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}
