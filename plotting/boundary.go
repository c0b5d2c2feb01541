package plotting

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// BoundaryOptions configures DecisionBoundary. The zero value draws a
// 100 × 100 class map around the data.
type BoundaryOptions struct {
	// Resolution is the number of grid cells along each axis at which the
	// model is evaluated. Zero means 100.
	Resolution int

	// X and Y are the region drawn. A zero Range means the range of the
	// points widened by 10 % on each side.
	X, Y Range

	// Probability says that f returns the probability of the higher class,
	// P(class 1 | x, y) in [0, 1]. The background is then shaded from the
	// colour of the lower class (p = 0) through white-grey (p = ½) to that of
	// the higher class (p = 1), and the decision boundary p = ½ is drawn as a
	// line. Otherwise f returns a class label, and each grid cell takes the
	// pale colour of the class whose label is nearest to f's value.
	Probability bool
}

// DecisionBoundary draws the points coloured by class over the regions a
// model assigns to each class: f(x, y) is evaluated at the centre of every
// cell of an opts.Resolution × opts.Resolution grid, and the cells are
// painted as one image behind the points. The decision boundary is drawn
// over the image as a dark line, p = ½ with Probability and the borders
// between classes otherwise, placed where f itself changes its answer
// (found by bisection between the grid points), not along the pixels.
//
// It returns an error if there are no points, if a coordinate or a value of
// f is NaN or ±Inf, if a probability lies outside [0, 1], or if a range is
// given with Min ≥ Max. It panics if f is nil or the slices of pts have
// different lengths.
func DecisionBoundary(title string, pts Points2D, f func(x, y float64) float64, opts BoundaryOptions) (*plot.Plot, error) {
	if f == nil {
		panic("plotting: DecisionBoundary: nil function")
	}
	if err := pts.check("DecisionBoundary"); err != nil {
		return nil, err
	}
	n := orInt(opts.Resolution, 100)
	p := newPlot(title, "x₁", "x₂")
	xr, yr := pts.bounds()
	if opts.X == (Range{}) && opts.Y == (Range{}) {
		xr, yr = equalAspect(xr, legendRoom(p, yr, len(pts.classes())))
	}
	if opts.X != (Range{}) {
		xr = opts.X
	}
	if opts.Y != (Range{}) {
		yr = opts.Y
	}
	if err := interval("DecisionBoundary: x range", xr.Min, xr.Max); err != nil {
		return nil, err
	}
	if err := interval("DecisionBoundary: y range", yr.Min, yr.Max); err != nil {
		return nil, err
	}

	fl := newField(xr, yr, n)
	if err := fl.eval(f); err != nil {
		return nil, fmt.Errorf("%w (DecisionBoundary)", err)
	}
	classes := pts.classes()
	lb := legendBox{} // the legend avoids the points and the class borders
	if opts.Probability {
		lo, hi := fl.bounds()
		if lo < 0 || hi > 1 {
			return nil, fmt.Errorf("plotting: DecisionBoundary: probabilities range over [%.3g, %.3g], outside [0, 1]", lo, hi)
		}
		m := blueRed(0.55)
		p.Add(fl.image(m.palette(), m.index))
		for _, xys := range fl.contourExact(0.5, f) {
			p.Add(&plotter.Line{XYs: xys, LineStyle: boundaryStyle})
			lb.avoidLine(xys)
		}
	} else {
		pal := make(color.Palette, len(classes))
		for k := range classes {
			pal[k] = faded(k, 0.7)
		}
		p.Add(fl.image(pal, func(v float64) uint8 { return uint8(nearest(classes, v)) }))
		addBorders(p, &lb, fl, f, classes)
	}
	if err := addPoints(p, pts); err != nil {
		return nil, err
	}
	for _, xys := range pts.xys() {
		lb.avoidPoints(xys)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xr.Min, xr.Max, yr.Min, yr.Max
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}

// boundaryStyle is the style of the line between decision regions.
var boundaryStyle = draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: lineWidth}

// addBorders draws the borders between the regions of a class map: for
// each class but the last, the line where f starts or stops answering that
// class, each crossing found exactly on the model (see contourExact), so
// the border is a smooth line over the pixels of the map. (The last
// class's borders are those of the others.) It registers the borders with
// lb, so the legend avoids them.
func addBorders(p *plot.Plot, lb *legendBox, fl *field, f func(x, y float64) float64, classes []int) {
	for k := range classes[:len(classes)-1] {
		is := func(v float64) float64 {
			if nearest(classes, v) == k {
				return 1
			}
			return 0
		}
		ind := &field{x: fl.x, y: fl.y, xs: fl.xs, ys: fl.ys, z: make([]float64, len(fl.z))}
		for i, v := range fl.z {
			ind.z[i] = is(v)
		}
		for _, xys := range ind.contourExact(0.5, func(x, y float64) float64 { return is(f(x, y)) }) {
			p.Add(&plotter.Line{XYs: xys, LineStyle: boundaryStyle})
			lb.avoidLine(xys)
		}
	}
}

// nearest returns the index of the label in the sorted slice labels that is
// nearest to v.
func nearest(labels []int, v float64) int {
	best, d := 0, math.Inf(1)
	for k, l := range labels {
		if dk := math.Abs(float64(l) - v); dk < d {
			best, d = k, dk
		}
	}
	return best
}

// image returns the field painted as a paletted image: the cell with value v
// takes the colour pal[index(v)]. An 8-bit paletted image keeps the PNG
// that the SVG embeds small.
func (f *field) image(pal color.Palette, index func(v float64) uint8) *plotter.Image {
	nx, ny := len(f.xs), len(f.ys)
	img := image.NewPaletted(image.Rect(0, 0, nx, ny), pal)
	for j := range ny {
		// Image rows run top to bottom, y upwards.
		row := img.Pix[(ny-1-j)*img.Stride:]
		for i, v := range f.z[j*nx : (j+1)*nx] {
			row[i] = index(v)
		}
	}
	return plotter.NewImage(img, f.x.Min, f.y.Min, f.x.Max, f.y.Max)
}

// addLevel draws the contour line f = level.
func addLevel(p *plot.Plot, f *field, level float64, sty draw.LineStyle) {
	for _, xys := range f.contour(level) {
		l := &plotter.Line{XYs: xys, LineStyle: sty}
		p.Add(l)
	}
}
