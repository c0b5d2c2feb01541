package plotting

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// CountOptions configures CountHistogram. The zero value gives 20 bins of
// equal width on a linear axis labelled "value".
type CountOptions struct {
	XLabel string // "" means "value"
	Bins   int    // number of bins; 0 means 20

	// LogX makes the bins equally wide in log x and puts the x axis on a
	// logarithmic scale, which suits a sample with a long right tail, such
	// as the epochs a training run needs. All values must then be > 0.
	LogX bool
}

// CountHistogram draws how many of the values fall in each bin, as bars:
// the y axis counts values, so a bar of height 3 is three runs, seeds or
// examples. Bins span the values' range, each bin holding the values in
// [lower edge, upper edge) and the last one its upper edge too.
//
// It returns an error if values is empty or holds NaN or ±Inf, or if LogX
// is set and a value is ≤ 0. It panics if opts.Bins < 0.
func CountHistogram(title string, values []float64, opts CountOptions) (*plot.Plot, error) {
	if opts.Bins < 0 {
		panic(fmt.Sprintf("plotting: CountHistogram: %d bins", opts.Bins))
	}
	if err := finite("CountHistogram: values", values); err != nil {
		return nil, err
	}
	if opts.LogX {
		if err := positive("CountHistogram: values", values); err != nil {
			return nil, err
		}
	}
	bins := countBins(values, orInt(opts.Bins, 20), opts.LogX)
	p := newPlot(title, orString(opts.XLabel, "value"), "count")
	addGrid(p)
	h := &plotter.Histogram{Bins: bins, FillColor: faded(0, 0.5), LineStyle: line(0, false)}
	h.LineStyle.Width /= 2
	p.Add(h)
	if opts.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	p.Y.Min = 0
	return p, nil
}

// countBins returns n bins spanning the values, equally wide in x, or in
// log x if logX, each weighted by the number of values in [Min, Max) (the
// last bin includes its Max).
func countBins(values []float64, n int, logX bool) []plotter.HistogramBin {
	// Work in u = x, or u = log x, where the bins are equally wide.
	u := func(x float64) float64 { return x }
	x := func(u float64) float64 { return u }
	if logX {
		u, x = math.Log, math.Exp
	}
	lo, hi := u(slices.Min(values)), u(slices.Max(values))
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5 // all values equal: one bin of width 1 around them
	}
	width := (hi - lo) / float64(n)
	bins := make([]plotter.HistogramBin, n)
	for b := range bins {
		bins[b].Min, bins[b].Max = x(lo+float64(b)*width), x(lo+float64(b+1)*width)
	}
	for _, v := range values {
		bins[min(int((u(v)-lo)/width), n-1)].Weight++ // the maximum goes in the last bin
	}
	return bins
}
