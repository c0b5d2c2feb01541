package plotting

import (
	"fmt"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Sample is a set of values to summarise as a histogram, such as every
// activation of one layer on a batch.
type Sample struct {
	Name   string // legend entry, e.g. "layer 1"
	Values []float64
}

// Histograms draws the distribution of each sample as the outline of a
// histogram with bins bins (zero means 40) over their common range, scaled
// to a density (area 1), so that samples of different sizes compare. Each
// sample has its own colour. With one sample per layer it is the kind of
// figure Glorot and Bengio (2010) drew to compare initialisations: in their
// tanh nets the activations shrink towards 0 layer after layer with the
// standard initialisation, and with weights that are too large instead
// the units saturate, piling up at ±1.
//
// It returns an error if there are no samples, if a sample is empty or
// holds NaN or ±Inf.
func Histograms(title string, bins int, samples ...Sample) (*plot.Plot, error) {
	if len(samples) == 0 {
		return nil, fmt.Errorf("plotting: Histograms: no samples")
	}
	bins = orInt(bins, 40)
	lo, hi := 0.0, 0.0
	for i, s := range samples {
		if err := finite(fmt.Sprintf("Histograms: sample %q", s.Name), s.Values); err != nil {
			return nil, err
		}
		if i == 0 {
			lo, hi = s.Values[0], s.Values[0]
		}
		lo, hi = min(lo, slices.Min(s.Values)), max(hi, slices.Max(s.Values))
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5 // all values equal: one bin of width 1 around them
	}
	width := (hi - lo) / float64(bins)

	p := newPlot(title, "value", "density")
	addGrid(p)
	lb := legendBox{}
	for i, s := range samples {
		counts := make([]float64, bins)
		for _, v := range s.Values {
			counts[min(int((v-lo)/width), bins-1)]++ // v = hi goes in the last bin
		}
		// The outline of the bars: up and down at every bin edge.
		xys := make(plotter.XYs, 0, 2*bins+2)
		xys = append(xys, plotter.XY{X: lo, Y: 0})
		for b, c := range counts {
			d := c / (float64(len(s.Values)) * width)
			x0 := lo + float64(b)*width
			xys = append(xys, plotter.XY{X: x0, Y: d}, plotter.XY{X: x0 + width, Y: d})
		}
		xys = append(xys, plotter.XY{X: hi, Y: 0})
		l := &plotter.Line{XYs: xys, LineStyle: line(i, false)}
		p.Add(l)
		lb.avoidLine(xys)
		if s.Name != "" {
			p.Legend.Add(s.Name, l)
		}
	}
	p.Y.Min = 0
	lb.makeRoom(p)
	p.Add(lb) // last: it places the legend and pales what it covers
	return p, nil
}
