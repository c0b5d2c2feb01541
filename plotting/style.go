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
	return p
}

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

// legendMargin is the margin of the pale box around a legend.
const legendMargin = vg.Length(4)

// legendBox is a plotter that pales the area where the legend of the plot
// will be drawn, so the legend stays readable over an image. Add it last:
// plotters are drawn in order, and the legend after all of them.
type legendBox struct{}

func (legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	// The legend is placed in a canvas a few points larger than the data
	// canvas c (gonum pads the data area for glyphs at its edges); the
	// margin covers the difference.
	r := p.Legend.Rectangle(c)
	w := r.Size().X
	if w == 0 {
		return // no legend
	}
	// Rectangle swaps left and right with respect to Legend.Draw
	// (gonum/plot v0.17.0); place the box as Draw places the legend.
	if p.Legend.Left {
		r.Min.X, r.Max.X = c.Min.X, c.Min.X+w
	} else {
		r.Min.X, r.Max.X = c.Max.X-w, c.Max.X
	}
	m := legendMargin
	r.Min.X -= m
	r.Min.Y -= m
	r.Max.X += m
	r.Max.Y += m
	c.SetColor(color.NRGBA{0xFF, 0xFF, 0xFF, 0xC8})
	c.Fill(r.Path())
}
