package plotting

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// SpreadSeries is one set of repeated measurements: Values[k] holds the
// values measured at X[k], one per seed (or run), such as the error of 5
// nets of width X[k]. A nil X means 1, 2, …, len(Values).
type SpreadSeries struct {
	Name   string // legend entry
	X      []float64
	Values [][]float64
}

// SpreadOptions configures Spread. The zero value draws linear axes labelled
// "x" and "value", with ticks chosen from the data.
type SpreadOptions struct {
	XLabel, YLabel string

	// LogX and LogY put an axis on a logarithmic scale. All values on it
	// must then be > 0.
	LogX, LogY bool

	// XTicks, if set, are the only labelled ticks of the x axis, such as
	// the widths 1, 2, 4, … that were measured.
	XTicks []float64

	// XNames, if set, name the positions 1, 2, …, len(XNames) of the x axis
	// instead of numbers: categories such as activation functions.
	XNames []string

	// ZeroY starts a linear y axis at 0, for counts such as epochs, where
	// the distance from 0 is what the eye compares.
	ZeroY bool
}

// Spread draws repeated measurements as their median and their range: for
// every X, each value as a small dot, a thin vertical bar from the smallest
// to the largest value, and a line joining the medians (a large dot per
// median, joined by nothing, when the x positions are the categories of
// XNames), one colour per series (Color(0), Color(1), …). It is the honest picture of a claim over
// random seeds: the typical run and how far the others stray. When several
// series share an x position, their bars are set slightly apart so that
// none hides another.
//
// It returns an error if there are no series, if a series has no
// measurements or an X with no values, if a value or X is NaN or ±Inf, or if
// a logarithmic axis gets a value ≤ 0. It panics if a series' X and Values
// differ in length.
func Spread(title string, opts SpreadOptions, series ...SpreadSeries) (*plot.Plot, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("plotting: Spread: no series")
	}
	p := newPlot(title, orString(opts.XLabel, "x"), orString(opts.YLabel, "value"))
	addGrid(p)
	lb := legendBox{}
	// Neighbouring series are set apart by a fraction of the smallest gap
	// between x positions, measured in log x on a logarithmic axis.
	u, x := func(v float64) float64 { return v }, func(v float64) float64 { return v }
	if opts.LogX {
		u, x = math.Log, math.Exp
	}
	gap := math.Inf(1)
	for _, s := range series {
		xs := spreadX(s)
		for k := 1; k < len(xs); k++ {
			if d := math.Abs(u(xs[k]) - u(xs[k-1])); d > 0 {
				gap = math.Min(gap, d)
			}
		}
	}
	if math.IsInf(gap, 1) {
		gap = 1
	}
	for i, s := range series {
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("plotting: Spread: series %q has no measurements", s.Name)
		}
		if s.X != nil {
			sameLen("Spread: series "+s.Name, "X", "Values", len(s.X), len(s.Values))
		}
		xs := spreadX(s)
		what := fmt.Sprintf("Spread: series %q", s.Name)
		if err := finite(what+" X", xs); err != nil {
			return nil, err
		}
		if opts.LogX {
			if err := positive(what+" X", xs); err != nil {
				return nil, err
			}
		}
		shift := (float64(i) - float64(len(series)-1)/2) * 0.08 * gap
		var medians, dots plotter.XYs
		for k, vs := range s.Values {
			if len(vs) == 0 {
				return nil, fmt.Errorf("plotting: Spread: series %q has no values at x = %g", s.Name, xs[k])
			}
			if err := finite(what+" values", vs); err != nil {
				return nil, err
			}
			if opts.LogY {
				if err := positive(what+" values", vs); err != nil {
					return nil, err
				}
			}
			xk := x(u(xs[k]) + shift)
			bar := &plotter.Line{XYs: plotter.XYs{{X: xk, Y: slices.Min(vs)}, {X: xk, Y: slices.Max(vs)}},
				LineStyle: line(i, false)}
			bar.LineStyle.Width /= 2
			p.Add(bar)
			lb.avoidLine(bar.XYs)
			for _, v := range vs {
				dots = append(dots, plotter.XY{X: xk, Y: v})
			}
			medians = append(medians, plotter.XY{X: xk, Y: median(vs)})
		}
		sc, err := plotter.NewScatter(dots)
		if err != nil {
			return nil, fmt.Errorf("plotting: %w", err)
		}
		sc.GlyphStyle.Color = faded(i, 0.6)
		sc.GlyphStyle.Radius = pointSize * 0.6
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		p.Add(sc)
		lb.avoidPoints(dots)
		l, pts, err := plotter.NewLinePoints(medians)
		if err != nil {
			return nil, fmt.Errorf("plotting: %w", err)
		}
		l.LineStyle = line(i, false)
		pts.GlyphStyle.Color = Color(i)
		pts.GlyphStyle.Radius = pointSize
		pts.GlyphStyle.Shape = draw.CircleGlyph{}
		if opts.XNames != nil {
			// Categories have no order in between: mark the medians, join nothing.
			pts.GlyphStyle.Radius = pointSize * 1.5
			p.Add(pts)
			lb.avoidPoints(medians)
			if s.Name != "" {
				p.Legend.Add(s.Name, pts)
			}
			continue
		}
		p.Add(l, pts)
		lb.avoidLine(medians)
		if s.Name != "" {
			p.Legend.Add(s.Name, l, pts)
		}
	}
	switch {
	case opts.XNames != nil:
		var ticks []plot.Tick
		for k, name := range opts.XNames {
			ticks = append(ticks, plot.Tick{Value: float64(k + 1), Label: name})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Min, p.X.Max = 0.5, float64(len(opts.XNames))+0.5
	case opts.XTicks != nil:
		var ticks []plot.Tick
		for _, v := range opts.XTicks {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
	}
	if opts.LogX {
		p.X.Scale = plot.LogScale{}
		if opts.XTicks == nil {
			p.X.Tick.Marker = logTicks{}
		}
	}
	if opts.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	} else {
		if opts.ZeroY {
			p.Y.Min = math.Min(p.Y.Min, 0)
		}
		snap(&p.Y)
	}
	lb.makeRoom(p)
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}

// spreadX returns the x positions of s: s.X, or 1, 2, … when it is nil.
func spreadX(s SpreadSeries) []float64 {
	if s.X != nil {
		return s.X
	}
	xs := make([]float64, len(s.Values))
	for k := range xs {
		xs[k] = float64(k + 1)
	}
	return xs
}

// median returns the median of v (the mean of the two middle values for an
// even count) without changing v.
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
