package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Series is one curve of measurements: Y[k] was measured at X[k], such as
// the loss after epoch X[k]. A nil X means 1, 2, …, len(Y).
type Series struct {
	Name   string // legend entry, e.g. "training" or "validation"
	X, Y   []float64
	Dashed bool // draw a dashed line
}

// CurveOptions configures TrainingCurves. The zero value plots loss per
// epoch on a linear scale.
type CurveOptions struct {
	XLabel, YLabel string // axis labels; "" means "epoch" and "loss"

	// LogY puts the y axis on a logarithmic scale, on which a loss that
	// falls like e^(−ct) is a straight line. All Y values must be > 0.
	LogY bool
}

// TrainingCurves plots measurements during training, typically the loss on
// the training and the validation set, one line per series in the colours
// Color(0), Color(1), ….
//
// It returns an error if there are no series, if a series is empty or holds
// NaN or ±Inf (the mark of a diverged run: plot the steps before it), or if
// LogY is set and a value is ≤ 0. It panics if a series has an X of another
// length than its Y.
func TrainingCurves(title string, opts CurveOptions, series ...Series) (*plot.Plot, error) {
	p := newPlot(title, orString(opts.XLabel, "epoch"), orString(opts.YLabel, "loss"))
	if err := addSeries(p, "TrainingCurves", opts.LogY, series); err != nil {
		return nil, err
	}
	return p, nil
}

// LayerStats plots one statistic per layer over the course of training,
// such as the norm ‖∂L/∂W‖ of each layer's weight gradient at each step, on
// a logarithmic y axis: vanishing gradients show as curves that lie decades
// apart (Glorot and Bengio 2010). yLabel names the statistic; each series is
// one layer.
//
// It returns the errors of TrainingCurves with LogY set.
func LayerStats(title, yLabel string, layers ...Series) (*plot.Plot, error) {
	p := newPlot(title, "step", yLabel)
	if err := addSeries(p, "LayerStats", true, layers); err != nil {
		return nil, err
	}
	return p, nil
}

// addSeries checks the series and adds them to p as lines, with a legend
// and a grid; logY puts the y axis on a log scale.
func addSeries(p *plot.Plot, fn string, logY bool, series []Series) error {
	if len(series) == 0 {
		return fmt.Errorf("plotting: %s: no series", fn)
	}
	addGrid(p)
	lb := legendBox{}
	for i, s := range series {
		what := fmt.Sprintf("%s: series %q Y", fn, s.Name)
		if err := finite(what, s.Y); err != nil {
			return err
		}
		if logY {
			if err := positive(what, s.Y); err != nil {
				return err
			}
		}
		if s.X != nil {
			sameLen(fn+": series "+s.Name, "X", "Y", len(s.X), len(s.Y))
			if err := finite(fmt.Sprintf("%s: series %q X", fn, s.Name), s.X); err != nil {
				return err
			}
		}
		xys := make(plotter.XYs, len(s.Y))
		for k, y := range s.Y {
			x := float64(k + 1)
			if s.X != nil {
				x = s.X[k]
			}
			xys[k] = plotter.XY{X: x, Y: y}
		}
		l := &plotter.Line{XYs: simplify(xys, false, logY), LineStyle: line(i, s.Dashed)}
		p.Add(l)
		lb.avoidLine(l.XYs)
		if len(xys) == 1 {
			// A single measurement would be an invisible line: mark it.
			sc, err := plotter.NewScatter(xys)
			if err != nil {
				return fmt.Errorf("plotting: %w", err)
			}
			sc.GlyphStyle.Color = Color(i)
			sc.GlyphStyle.Radius = pointSize
			p.Add(sc)
		}
		if s.Name != "" {
			p.Legend.Add(s.Name, l)
		}
	}
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	} else {
		snap(&p.Y)
	}
	lb.makeRoom(p)
	p.Add(lb) // last: it places the legend and pales what it covers
	return nil
}

// simplify drops the points that lie, within a thousandth of the plot's
// extent, on the straight line through the points kept around them, as on a
// constant or linear stretch of a schedule (the Douglas–Peucker algorithm,
// 1973). What remains draws the same picture with fewer points, which keeps
// SVG files small. logX and logY say that an axis is logarithmic: distances
// are then measured between logarithms, as the eye sees them.
func simplify(orig plotter.XYs, logX, logY bool) plotter.XYs {
	if len(orig) < 3 {
		return orig
	}
	xys := make(plotter.XYs, len(orig))
	for k, p := range orig {
		if logX {
			p.X = math.Log(p.X)
		}
		if logY {
			p.Y = math.Log(p.Y)
		}
		xys[k] = p
	}
	xmin, xmax, ymin, ymax := plotter.XYRange(xys)
	sx, sy := xmax-xmin, ymax-ymin
	if sx == 0 {
		sx = 1
	}
	if sy == 0 {
		sy = 1
	}
	const tol = 1e-3
	keep := make([]bool, len(xys))
	keep[0], keep[len(xys)-1] = true, true
	// dist is the distance of point k from the line i–j, in units of the
	// plot's extent.
	dist := func(i, j, k int) float64 {
		ax, ay := (xys[j].X-xys[i].X)/sx, (xys[j].Y-xys[i].Y)/sy
		bx, by := (xys[k].X-xys[i].X)/sx, (xys[k].Y-xys[i].Y)/sy
		if n := math.Hypot(ax, ay); n > 0 {
			return math.Abs(ax*by-ay*bx) / n
		}
		return math.Hypot(bx, by)
	}
	var split func(i, j int)
	split = func(i, j int) {
		far, d := -1, tol
		for k := i + 1; k < j; k++ {
			if dk := dist(i, j, k); dk > d {
				far, d = k, dk
			}
		}
		if far >= 0 {
			keep[far] = true
			split(i, far)
			split(far, j)
		}
	}
	split(0, len(xys)-1)
	var out plotter.XYs
	for k, ok := range keep {
		if ok {
			out = append(out, orig[k])
		}
	}
	return out
}
