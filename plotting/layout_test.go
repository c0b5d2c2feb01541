package plotting

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// labels returns the labelled ticks of marker on [min, max].
func labels(marker plot.Ticker, min, max float64) []string {
	var out []string
	for _, t := range marker.Ticks(min, max) {
		if t.Label != "" && t.Value >= min && t.Value <= max {
			out = append(out, t.Label)
		}
	}
	return out
}

// TestNiceTicks checks that linear axes are labelled at round numbers that
// include 0 and 1 on the unit square: gonum's default put the labels of
// the XOR figures at −0.5, 0.5 and 1.5.
func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		min, max float64
		want     []string
	}{
		{-0.6, 1.6, []string{"-0.5", "0", "0.5", "1", "1.5"}},
		{-0.3, 1.3, []string{"0", "0.5", "1"}},
		{-0.25, 1.25, []string{"0", "0.5", "1"}},
		{-1.05, 1.05, []string{"-1", "-0.5", "0", "0.5", "1"}},
		{0, 999, []string{"0", "200", "400", "600", "800"}},
		{0, 0.0102, []string{"0", "0.002", "0.004", "0.006", "0.008", "0.01"}},
		{0.96, 3.04, []string{"1", "1.5", "2", "2.5", "3"}},
		{1, 100, []string{"20", "40", "60", "80", "100"}},
	} {
		if got := labels(niceTicks{}, c.min, c.max); !slices.Equal(got, c.want) {
			t.Errorf("ticks on [%v, %v]: got %q, want %q", c.min, c.max, got, c.want)
		}
	}
}

// TestLogTicksShortRange checks that a log axis spanning less than two
// decades is labelled at 2 and 5 times the powers of ten too: a loss from
// 1 down to 0.017 had no label below 0.1.
func TestLogTicksShortRange(t *testing.T) {
	got := labels(logTicks{}, 0.017, 1.1)
	want := []string{"0.02", "0.05", "0.1", "0.2", "0.5", "1"}
	if !slices.Equal(got, want) {
		t.Errorf("log ticks on [0.017, 1.1]: got %q, want %q", got, want)
	}
	if got := labels(logTicks{}, 1e-4, 2); len(got) != 5 {
		t.Errorf("log ticks on [1e-4, 2]: got %q, want the five powers of ten only", got)
	}
}

// TestRightEdgeRoom checks that the last tick label of the x axis ends
// inside the figure with room to spare for a fallback font 20 % wider:
// "100", "5000" and "20000" were cut off at the right edge.
func TestRightEdgeRoom(t *testing.T) {
	for _, max := range []float64{100, 5000, 20000, 1.5} {
		y := []float64{1, 2}
		p, err := TrainingCurves("", CurveOptions{}, Series{X: []float64{0, max}, Y: y})
		if err != nil {
			t.Fatal(err)
		}
		da := p.DataCanvas(draw.New(vgsvg.New(Width, Height)))
		ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
		var last plot.Tick
		for _, tk := range ticks {
			if tk.Label != "" && tk.Value <= p.X.Max {
				last = tk
			}
		}
		x := da.X(p.X.Norm(last.Value))
		end := x + p.X.Tick.Label.Width(last.Label)*(1+fontSlack)/2
		if end > Width-edgeMargin+1e-9 {
			t.Errorf("axis to %v: label %q ends at %.1f pt, past %.1f pt", max, last.Label, end, Width-edgeMargin)
		}
	}
}

// legendRect returns where the legend of p is drawn at Width × Height:
// render it, then read the offsets legendBox set.
func legendRect(t *testing.T, p *plot.Plot) (vg.Rectangle, draw.Canvas) {
	t.Helper()
	if _, err := render(p, Width, Height, "svg"); err != nil {
		t.Fatal(err)
	}
	da := p.DataCanvas(draw.New(vgsvg.New(Width, Height)))
	outer := outerMax(da, p)
	size := legendSize(p)
	descent := p.Legend.TextStyle.FontExtents().Descent
	var r vg.Rectangle
	r.Max = vg.Point{X: outer.X + p.Legend.XOffs, Y: outer.Y + p.Legend.YOffs - descent}
	r.Min = r.Max.Sub(size)
	return r, da
}

// covered returns how many of the points, sampled densely along each
// line, fall inside r.
func covered(p *plot.Plot, da draw.Canvas, r vg.Rectangle, lines ...plotter.XYs) int {
	trX, trY := p.Transforms(&da)
	n := 0
	for _, xys := range lines {
		for k := 1; k < len(xys); k++ {
			for s := range 20 {
				f := float64(s) / 20
				pt := vg.Point{
					X: trX(xys[k-1].X + f*(xys[k].X-xys[k-1].X)),
					Y: trY(xys[k-1].Y + f*(xys[k].Y-xys[k-1].Y)),
				}
				if pt.X >= r.Min.X && pt.X <= r.Max.X && pt.Y >= r.Min.Y && pt.Y <= r.Max.Y {
					n++
				}
			}
		}
	}
	return n
}

// TestLegendCoversNoData checks the automatic placement of legends. Each
// figure has data where the legend used to be: the sigmoid reaches the top
// right, a schedule runs along the top of the figure, the tanh
// histograms have spikes in both top corners, and per-layer curves fill the
// whole height. The legend must cover none of it, and stay inside the data
// area.
func TestLegendCoversNoData(t *testing.T) {
	series := func(f func(k, i int) float64, n int) ([]Series, []plotter.XYs) {
		var ss []Series
		var ls []plotter.XYs
		for i := range n {
			s := Series{Name: "series " + string(rune('a'+i))}
			var xys plotter.XYs
			for k := range 100 {
				s.X, s.Y = append(s.X, float64(k)), append(s.Y, f(k, i))
				xys = append(xys, plotter.XY{X: float64(k), Y: f(k, i)})
			}
			ss, ls = append(ss, s), append(ls, xys)
		}
		return ss, ls
	}
	sigmoid := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

	type fig struct {
		name  string
		p     *plot.Plot
		lines []plotter.XYs
	}
	var figs []fig

	p, err := Functions("sigmoid", -6, 6, Curve{Name: "σ", F: sigmoid}, Curve{Name: "σ′", F: func(x float64) float64 { return sigmoid(x) * (1 - sigmoid(x)) }})
	if err != nil {
		t.Fatal(err)
	}
	s1, _ := sample(sigmoid, -6, 6, "")
	figs = append(figs, fig{"Functions", p, []plotter.XYs{s1}})

	ss, ls := series(func(k, i int) float64 {
		return 0.01 / float64(i+1) * (1 + math.Cos(math.Pi*float64(k)/100*float64(i))) / 2
	}, 4)
	ss[0].Y = slices.Repeat([]float64{0.01}, 100) // constant along the top
	ls[0] = plotter.XYs{{X: 0, Y: 0.01}, {X: 99, Y: 0.01}}
	p, err = TrainingCurves("schedules", CurveOptions{}, ss...)
	if err != nil {
		t.Fatal(err)
	}
	figs = append(figs, fig{"constant at the top", p, ls})

	ss, ls = series(func(k, i int) float64 { return math.Pow(10, float64(i-5)) * (1 + 0.5*math.Sin(float64(k+i))) }, 6)
	p, err = LayerStats("layers", "norm", ss...)
	if err != nil {
		t.Fatal(err)
	}
	figs = append(figs, fig{"LayerStats", p, ls})

	var samples []Sample
	for i := range 3 {
		var v []float64
		for k := range 1000 {
			x := math.Tanh(float64(i+1) * 3 * (float64(k)/1000 - 0.5))
			v = append(v, x)
		}
		samples = append(samples, Sample{Name: "layer", Values: v})
	}
	p, err = Histograms("spikes", 40, samples...)
	if err != nil {
		t.Fatal(err)
	}
	// The spikes at ±1: the outer bins, up to the top of the figure.
	_, _, _, top := plotter.XYRange(plotter.XYs{{X: 0, Y: p.Y.Max}})
	spikes := []plotter.XYs{{{X: -1, Y: 0}, {X: -1, Y: top * 0.8}}, {{X: 1, Y: 0}, {X: 1, Y: top * 0.8}}}
	figs = append(figs, fig{"Histograms", p, spikes})

	for _, f := range figs {
		r, da := legendRect(t, f.p)
		if n := covered(f.p, da, r, f.lines...); n > 0 {
			t.Errorf("%s: the legend at %v covers %d samples of the data", f.name, r, n)
		}
		if r.Min.X < da.Min.X || r.Max.X > da.Max.X || r.Min.Y < da.Min.Y || r.Max.Y > da.Max.Y {
			t.Errorf("%s: the legend %v leaves the data area %v", f.name, r, da.Rectangle)
		}
	}
}

// TestClassBorderExact checks that the border between the classes of a
// class map is drawn where the model changes its answer, not along the
// pixels: for the disc x² + y² < 1 every point of the border must lie on
// the unit circle, far closer than a grid cell (0.04 here).
func TestClassBorderExact(t *testing.T) {
	disc := func(x, y float64) float64 {
		if x*x+y*y < 1 {
			return 1
		}
		return 0
	}
	fl := newField(Range{-2, 2}, Range{-2, 2}, 100)
	if err := fl.eval(disc); err != nil {
		t.Fatal(err)
	}
	lines := fl.contourExact(0.5, disc)
	if len(lines) != 1 {
		t.Fatalf("got %d border lines, want 1", len(lines))
	}
	for _, q := range lines[0] {
		if d := math.Abs(math.Hypot(q.X, q.Y) - 1); d > 1e-6 {
			t.Fatalf("border point %v is %.2g from the circle", q, d)
		}
	}
	// Linear interpolation of the class values would be off by up to half
	// a cell: check that the test would notice.
	worst := 0.0
	for _, q := range fl.contour(0.5)[0] {
		worst = max(worst, math.Abs(math.Hypot(q.X, q.Y)-1))
	}
	if worst < 0.005 {
		t.Errorf("interpolated border is within %.2g of the circle: the test cannot tell the two apart", worst)
	}
}

// TestSnapToTicks checks that a curve that nearly fills the unit interval,
// such as the sigmoid on [−6, 6] (0.0025 to 0.9975), gets a y axis from 0
// to 1 with both ends labelled, and that a range far from round numbers is
// left as it is.
func TestSnapToTicks(t *testing.T) {
	p, err := Functions("", -6, 6, Curve{F: func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }})
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Min != 0 || p.Y.Max != 1 {
		t.Errorf("sigmoid's y axis is [%v, %v], want [0, 1]", p.Y.Min, p.Y.Max)
	}
	if got := labels(p.Y.Tick.Marker, p.Y.Min, p.Y.Max); got[0] != "0" || got[len(got)-1] != "1" {
		t.Errorf("sigmoid's y labels %q, want 0 first and 1 last", got)
	}
	a := plot.Axis{Min: 0.3, Max: 0.7}
	snap(&a)
	if a.Min != 0.3 || a.Max != 0.7 {
		t.Errorf("[0.3, 0.7] snapped to [%v, %v], want it unchanged", a.Min, a.Max)
	}
}
