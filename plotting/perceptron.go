package plotting

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DecisionLine is the decision line of a linear classifier in the plane,
//
//	W1·x₁ + W2·x₂ + B = 0,
//
// with the higher class on the side where W1·x₁ + W2·x₂ + B > 0, the side
// the weight vector (W1, W2) points to.
type DecisionLine struct{ W1, W2, B float64 }

// String writes the line's equation as a learner would, "2x₁ + x₂ − 2 = 0":
// coefficients in %g, a coefficient ±1 written as a sign alone, zero terms
// left out.
func (l DecisionLine) String() string {
	var b strings.Builder
	term := func(c float64, name string) {
		if c == 0 {
			return
		}
		switch {
		case b.Len() == 0 && c < 0:
			b.WriteString("−")
		case b.Len() > 0 && c < 0:
			b.WriteString(" − ")
		case b.Len() > 0:
			b.WriteString(" + ")
		}
		if a := math.Abs(c); a != 1 || name == "" {
			b.WriteString(strconv.FormatFloat(a, 'g', -1, 64))
		}
		b.WriteString(name)
	}
	term(l.W1, "x₁")
	term(l.W2, "x₂")
	term(l.B, "")
	if b.Len() == 0 {
		b.WriteString("0")
	}
	b.WriteString(" = 0")
	return b.String()
}

// LabelledPoints turns examples with two inputs and their labels (the rows
// and labels of lessons.Examples, or of a dl.Perceptron's training data)
// into the points of a figure: point i is (x[i][0], x[i][1]) in class
// int(y[i]). It panics if the lengths differ, a row does not have two
// entries, or a label is not a whole number.
func LabelledPoints(x [][]float64, y []float64) Points2D {
	sameLen("LabelledPoints", "x", "y", len(x), len(y))
	var pts Points2D
	for i, xi := range x {
		if len(xi) != 2 {
			panic(fmt.Sprintf("plotting: LabelledPoints: row %d has %d entries, want 2", i, len(xi)))
		}
		if y[i] != math.Trunc(y[i]) {
			panic(fmt.Sprintf("plotting: LabelledPoints: label %d is %v, want a whole number", i, y[i]))
		}
		pts.X, pts.Y = append(pts.X, xi[0]), append(pts.Y, xi[1])
		pts.Labels = append(pts.Labels, int(y[i]))
	}
	return pts
}

// PerceptronLines draws the points and the successive decision lines of a
// perceptron (Rosenblatt 1958) as it learns: lines[0] first, the last line
// solid and dark, earlier ones thinner and paler the older they are. The
// two sides of the last line are tinted with the colours of the lowest and
// the highest class. A line with W1 = W2 = 0 (such as the all-zero start)
// has no points and is skipped.
//
// Points exactly on the last line (score W1·x₁ + W2·x₂ + B = 0) get a black
// ring: a perceptron puts them in class 0 by the tie rule step(0) = 0, so
// they are classified right or wrong by a convention, with no margin. When
// the last line misses the view, a note at the top says so. The lines stop
// at the edge of the points' region, below the room kept for the legend,
// so the legend covers none of them.
//
// It returns an error if there are no points or no lines, or if a
// coordinate or weight is NaN or ±Inf. It panics if the slices of pts have
// different lengths.
func PerceptronLines(title string, pts Points2D, lines ...DecisionLine) (*plot.Plot, error) {
	return perceptronLines("PerceptronLines", title, pts, lines, false)
}

// PerceptronPanel is PerceptronLines for a small panel of a Grid whose
// panels are square (PanelWidth = PanelHeight): no legend (the figure
// around it explains colours and lines), no room kept above the points for
// one, and ranges with the aspect of such a panel's data area (panelAspect),
// so that one unit is as long on both axes and the points fill the panel.
// The "line outside the view" note sits at the centre. Errors and panics are
// those of PerceptronLines.
func PerceptronPanel(title string, pts Points2D, lines ...DecisionLine) (*plot.Plot, error) {
	return perceptronLines("PerceptronPanel", title, pts, lines, true)
}

// panelAspect is the width-to-height ratio of the data area of a square
// Grid panel once its title, tick labels and axis labels have taken their
// space (about 1.1 to 1.2 for panels from 150 to 250 points wide).
const panelAspect = 1.15

// perceptronLines draws PerceptronLines, or PerceptronPanel if panel.
func perceptronLines(fn, title string, pts Points2D, lines []DecisionLine, panel bool) (*plot.Plot, error) {
	if err := pts.check(fn); err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("plotting: %s: no lines", fn)
	}
	for i, l := range lines {
		if err := finite(fmt.Sprintf("%s: lines[%d]", fn, i), []float64{l.W1, l.W2, l.B}); err != nil {
			return nil, err
		}
	}
	p := newPlot(title, "x₁", "x₂")
	xr, yr := pts.bounds()
	last := lines[len(lines)-1]
	// The points' padded range: lines stop there, below the legend's room.
	around := yr
	entries := len(pts.classes()) + min(len(lines), 2) // classes, last line, "earlier lines"
	if len(ties(pts, last)) > 0 {
		entries++
	}
	if panel {
		xr, yr = withAspect(xr, yr, panelAspect)
	} else {
		xr, yr = equalAspect(xr, legendRoom(p, yr, entries+1)) // one entry more: the room for the pale box around it
	}

	// Tint the two sides of the last line, like DecisionBoundary.
	classes := pts.classes()
	fl := newField(xr, yr, 100)
	if err := fl.eval(func(x, y float64) float64 { return last.W1*x + last.W2*y + last.B }); err != nil {
		return nil, err
	}
	pal := color.Palette{faded(0, 0.8), faded(len(classes)-1, 0.8)}
	if last.W1 == 0 && last.W2 == 0 {
		pal[1] = pal[0] // no line yet: no sides
	}
	p.Add(fl.image(pal, func(v float64) uint8 {
		if v > 0 {
			return 1
		}
		return 0
	}))

	n := len(lines)
	earlier := false // whether "earlier lines" is in the legend
	lb := legendBox{}
	around.Min = yr.Min
	if panel {
		around = yr
	}
	for i, l := range lines {
		seg, ok := l.clip(xr, around)
		if !ok {
			continue
		}
		lb.avoidLine(seg)
		// age is 0 for the last line and approaches 1 for the oldest.
		age := float64(n-1-i) / float64(n)
		sty := draw.LineStyle{Color: mix(color.NRGBA{0x20, 0x20, 0x20, 0xFF}, white, 0.2+0.65*age), Width: lineWidth * 0.6}
		if i == n-1 {
			sty = draw.LineStyle{Color: color.Black, Width: lineWidth * 1.4}
		}
		pl := &plotter.Line{XYs: seg, LineStyle: sty}
		p.Add(pl)
		if i == n-1 {
			p.Legend.Add(fmt.Sprintf("line after %d updates", n-1), pl)
		} else if !earlier {
			p.Legend.Add("earlier lines", pl)
			earlier = true
		}
	}
	if err := addPoints(p, pts); err != nil {
		return nil, err
	}
	for _, xys := range pts.xys() {
		lb.avoidPoints(xys)
	}
	if err := markTies(p, pts, last); err != nil {
		return nil, err
	}
	if _, ok := last.clip(xr, yr); !ok && (last.W1 != 0 || last.W2 != 0) {
		// Say so, or a learner looks for a line that is not there.
		p.Add(viewNote{text: "line outside\nthe view", style: p.X.Tick.Label, middle: panel})
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xr.Min, xr.Max, yr.Min, yr.Max
	if panel {
		p.Legend = plot.NewLegend()
		p.X.Tick.Marker, p.Y.Tick.Marker = panelTicks{}, panelTicks{}
		return p, nil
	}
	p.Add(lb) // last: it places the legend where it covers the least, and pales what it covers
	return p, nil
}

// panelTicks labels a small panel's axis at most three times, at round
// numbers as niceTicks does (0, 0.5, 1 on the unit square), with an
// unlabelled tick halfway between labels: niceTicks' six labels run into
// each other in a panel 150 points wide.
type panelTicks struct{}

func (panelTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return plot.DefaultTicks{}.Ticks(min, max)
	}
	step := math.Pow(10, math.Floor(math.Log10(max-min))-1)
	for m := 0; ; m++ {
		s := [...]float64{1, 2, 5}[m%3] * math.Pow(10, float64(m/3)) * step
		if math.Floor(max/s+1e-9)-math.Ceil(min/s-1e-9)+1 <= 3 {
			step = s
			break
		}
	}
	var ticks []plot.Tick
	for k := math.Ceil(min/step-1e-9) - 1; k <= math.Floor(max/step+1e-9); k++ {
		if v := k * step; v >= min-1e-9*step && v <= max+1e-9*step {
			ticks = append(ticks, plot.Tick{Value: roundTo(v, step), Label: tickLabel(v, step)})
		}
		if half := (k + 0.5) * step; half >= min && half <= max {
			ticks = append(ticks, plot.Tick{Value: half})
		}
	}
	return ticks
}

// withAspect widens the narrower of the two ranges, keeping its centre, so
// that their lengths have the ratio aspect (width to height).
func withAspect(x, y Range, aspect float64) (Range, Range) {
	w, h := x.Max-x.Min, y.Max-y.Min
	if w < aspect*h {
		c, half := (x.Min+x.Max)/2, aspect*h/2
		return Range{c - half, c + half}, y
	}
	c, half := (y.Min+y.Max)/2, w/aspect/2
	return x, Range{c - half, c + half}
}

// viewNote writes a line of text at the top centre of the data area (in
// the room legendRoom keeps above the points), or at its middle, at 80 % of
// the style's size. Unlike plotter.Labels it claims no room (no
// GlyphBoxes), so a note wider than a small panel cannot squeeze the data
// area to nothing.
type viewNote struct {
	text   string
	style  text.Style
	middle bool
}

func (n viewNote) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := n.style
	sty.Font.Size *= 0.8
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	at := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - sty.Font.Size/2}
	if n.middle {
		at.Y, sty.YAlign = (c.Min.Y+c.Max.Y)/2, draw.YCenter
	}
	c.FillText(sty, at, n.text)
}

// markTies rings the points that lie exactly on the line l and adds one
// legend entry for them.
func markTies(p *plot.Plot, pts Points2D, l DecisionLine) error {
	on := ties(pts, l)
	if len(on) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(on)
	if err != nil {
		return fmt.Errorf("plotting: PerceptronLines: %w", err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: color.Black, Radius: 1.9 * pointSize, Shape: draw.RingGlyph{}}
	p.Add(s)
	p.Legend.Add("on the line (score 0)", s)
	return nil
}

// ties returns the points with score exactly 0 on the line l (none if l is
// not a line).
func ties(pts Points2D, l DecisionLine) plotter.XYs {
	var on plotter.XYs
	for i := range pts.X {
		if (l.W1 != 0 || l.W2 != 0) && l.W1*pts.X[i]+l.W2*pts.Y[i]+l.B == 0 {
			on = append(on, plotter.XY{X: pts.X[i], Y: pts.Y[i]})
		}
	}
	return on
}

// clip returns the part of the line inside the box x × y, and false if the
// line misses the box or is not a line (W1 = W2 = 0).
func (l DecisionLine) clip(x, y Range) (plotter.XYs, bool) {
	if l.W1 == 0 && l.W2 == 0 {
		return nil, false
	}
	// Parametrise the line as p(t) = p0 + t·d, with d ⟂ (W1, W2), and
	// clip t against the four sides (Liang and Barsky 1984).
	norm2 := l.W1*l.W1 + l.W2*l.W2
	x0, y0 := -l.B*l.W1/norm2, -l.B*l.W2/norm2
	dx, dy := -l.W2, l.W1
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, s := range [...]struct{ p0, d, min, max float64 }{{x0, dx, x.Min, x.Max}, {y0, dy, y.Min, y.Max}} {
		if s.d == 0 {
			if s.p0 < s.min || s.p0 > s.max {
				return nil, false
			}
			continue
		}
		t0, t1 := (s.min-s.p0)/s.d, (s.max-s.p0)/s.d
		lo, hi = max(lo, min(t0, t1)), min(hi, max(t0, t1))
	}
	if lo >= hi {
		return nil, false
	}
	return plotter.XYs{{X: x0 + lo*dx, Y: y0 + lo*dy}, {X: x0 + hi*dx, Y: y0 + hi*dy}}, true
}

// MarginCurves plots measurements against a margin, such as the mistakes a
// perceptron makes on data sets with a given margin and the bound of
// Novikoff's theorem: one line per series, with Y[k] measured at
// margins[k] (a series' X is ignored). Both axes are logarithmic, and the x
// axis runs from the widest margin on the left to the narrowest on the
// right, with a tick at every margin, so that "as the margin shrinks" reads
// from left to right.
//
// It returns an error if there are no margins or series, if a value is NaN,
// ±Inf or ≤ 0. It panics if a series has another length than margins.
func MarginCurves(title, xLabel, yLabel string, margins []float64, series ...Series) (*plot.Plot, error) {
	if len(margins) == 0 {
		return nil, fmt.Errorf("plotting: MarginCurves: no margins")
	}
	if err := finite("MarginCurves: margins", margins); err != nil {
		return nil, err
	}
	if err := positive("MarginCurves: margins", margins); err != nil {
		return nil, err
	}
	s := make([]Series, len(series))
	for i, si := range series {
		sameLen("MarginCurves: series "+si.Name, "margins", "Y", len(margins), len(si.Y))
		s[i] = si
		s[i].X = margins
	}
	p, err := TrainingCurves(title, CurveOptions{XLabel: xLabel, YLabel: yLabel, LogY: true}, s...)
	if err != nil {
		return nil, fmt.Errorf("plotting: MarginCurves: %w", err)
	}
	p.X.Scale = plot.InvertedScale{Normalizer: plot.LogScale{}}
	ticks := make(plot.ConstantTicks, len(margins))
	for i, m := range margins {
		ticks[i] = plot.Tick{Value: m, Label: strconv.FormatFloat(m, 'g', -1, 64)}
	}
	p.X.Tick.Marker = ticks
	return p, nil
}
