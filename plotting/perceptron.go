package plotting

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// Line is the decision line of a linear classifier in the plane,
//
//	W1·x₁ + W2·x₂ + B = 0,
//
// with the higher class on the side where W1·x₁ + W2·x₂ + B > 0, the side
// the weight vector (W1, W2) points to.
type Line struct{ W1, W2, B float64 }

// PerceptronLines draws the points and the successive decision lines of a
// perceptron (Rosenblatt 1958) as it learns: lines[0] first, the last line
// solid and dark, earlier ones thinner and paler the older they are. The
// two sides of the last line are tinted with the colours of the lowest and
// the highest class. A line with W1 = W2 = 0 (such as the all-zero start)
// has no points and is skipped.
//
// It returns an error if there are no points or no lines, or if a
// coordinate or weight is NaN or ±Inf. It panics if the slices of pts have
// different lengths.
func PerceptronLines(title string, pts Points2D, lines ...Line) (*plot.Plot, error) {
	if err := pts.check("PerceptronLines"); err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("plotting: PerceptronLines: no lines")
	}
	for i, l := range lines {
		if err := finite(fmt.Sprintf("PerceptronLines: lines[%d]", i), []float64{l.W1, l.W2, l.B}); err != nil {
			return nil, err
		}
	}
	p := newPlot(title, "x₁", "x₂")
	xr, yr := pts.bounds()
	entries := len(pts.classes()) + min(len(lines), 2) // classes, last line, "earlier lines"
	xr, yr = equalAspect(xr, legendRoom(p, yr, entries))

	// Tint the two sides of the last line, like DecisionBoundary.
	last := lines[len(lines)-1]
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
	for i, l := range lines {
		seg, ok := l.clip(xr, yr)
		if !ok {
			continue
		}
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
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xr.Min, xr.Max, yr.Min, yr.Max
	p.Legend.Top = true
	p.Add(legendBox{})
	return p, nil
}

// clip returns the part of the line inside the box x × y, and false if the
// line misses the box or is not a line (W1 = W2 = 0).
func (l Line) clip(x, y Range) (plotter.XYs, bool) {
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
