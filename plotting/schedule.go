package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NamedSchedule is one line of ScheduleCurve: a learning-rate schedule and
// its legend entry.
type NamedSchedule struct {
	Name string

	// Schedule gives the learning rate Rate(step, total) at step = 0, 1, …,
	// total−1 of a run of total steps. Every schedule of package dl
	// (dl.Constant, dl.StepDecay, dl.Cosine, dl.Warmup, dl.OneCycle, …)
	// has this method and goes here as it is; so does a type of your own.
	Schedule interface{ Rate(step, total int) float64 }
}

// ScheduleCurve plots the learning rate of each schedule over a run of
// steps steps, Rate(k, steps) at k = 0, 1, …, steps−1, one line per
// schedule.
//
// It returns an error if there are no schedules, if steps < 1 or if a rate
// is NaN or ±Inf. It panics if a Schedule is nil.
func ScheduleCurve(title string, steps int, schedules ...NamedSchedule) (*plot.Plot, error) {
	if steps < 1 {
		return nil, fmt.Errorf("plotting: ScheduleCurve: %d steps", steps)
	}
	series := make([]Series, len(schedules))
	for i, s := range schedules {
		if s.Schedule == nil {
			panic(fmt.Sprintf("plotting: ScheduleCurve: schedule %q is nil", s.Name))
		}
		x, y := make([]float64, steps), make([]float64, steps)
		for k := range steps {
			x[k], y[k] = float64(k), s.Schedule.Rate(k, steps)
		}
		series[i] = Series{Name: s.Name, X: x, Y: y}
	}
	p := newPlot(title, "step", "learning rate")
	if err := addSeries(p, "ScheduleCurve", false, series); err != nil {
		return nil, err
	}
	return p, nil
}

// LRFinder plots the loss against the learning rate of a learning-rate
// range test (Smith 2017): a short run in which the rate grows
// geometrically each step while the loss is recorded. The x axis is
// logarithmic. A suggestion > 0 is marked with a dashed vertical line and
// named in the legend; zero marks nothing.
//
// It returns an error if the slices are empty, hold NaN or ±Inf (stop the
// test before the loss diverges), if a learning rate is ≤ 0, or if the
// suggestion is negative, NaN or ±Inf. It panics if lrs and losses have
// different lengths.
func LRFinder(title string, lrs, losses []float64, suggestion float64) (*plot.Plot, error) {
	sameLen("LRFinder", "lrs", "losses", len(lrs), len(losses))
	if err := finite("LRFinder: lrs", lrs); err != nil {
		return nil, err
	}
	if err := positive("LRFinder: lrs", lrs); err != nil {
		return nil, err
	}
	if err := finite("LRFinder: losses", losses); err != nil {
		return nil, err
	}
	if suggestion < 0 || math.IsNaN(suggestion) || math.IsInf(suggestion, 0) {
		return nil, fmt.Errorf("plotting: LRFinder: suggestion %v is not a learning rate ≥ 0", suggestion)
	}
	p := newPlot(title, "learning rate", "loss")
	addGrid(p)
	xys := make(plotter.XYs, len(lrs))
	for k := range xys {
		xys[k] = plotter.XY{X: lrs[k], Y: losses[k]}
	}
	l := &plotter.Line{XYs: simplify(xys, true, false), LineStyle: line(0, false)}
	p.Add(l)
	p.Legend.Add("loss", l)
	lb := legendBox{}
	lb.avoidLine(l.XYs)
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = logTicks{}
	if suggestion > 0 {
		_, _, ymin, ymax := plotter.XYRange(xys)
		if ymin == ymax {
			ymin, ymax = ymin-1, ymax+1
		}
		mark := &plotter.Line{
			XYs: plotter.XYs{{X: suggestion, Y: ymin}, {X: suggestion, Y: ymax}},
			LineStyle: draw.LineStyle{
				Color:  Color(1),
				Width:  lineWidth,
				Dashes: []vg.Length{vg.Points(5), vg.Points(3)},
			},
		}
		p.Add(mark)
		p.Legend.Add(fmt.Sprintf("suggested rate %.2g", suggestion), mark)
		lb.avoidLine(mark.XYs)
	}
	lb.makeRoom(p)
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}
