package plotting

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// TestContourCircle traces the level 1 of x² + y², a circle of radius 1,
// and checks that the result is one closed line whose points lie on the
// circle. Linear interpolation along a grid edge of length h misses a
// circle of radius r by at most h²/(8r); here h = 4/100.
func TestContourCircle(t *testing.T) {
	f := newField(Range{-2, 2}, Range{-2, 2}, 100)
	if err := f.eval(func(x, y float64) float64 { return x*x + y*y }); err != nil {
		t.Fatal(err)
	}
	lines := f.contour(1)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	l := lines[0]
	if l[0] != l[len(l)-1] {
		t.Errorf("line is not closed: starts at %v, ends at %v", l[0], l[len(l)-1])
	}
	h := 4.0 / 100
	tol := h * h / 8 * 1.01 // the bound plus rounding
	for _, p := range l {
		if d := math.Abs(math.Hypot(p.X, p.Y) - 1); d > tol {
			t.Fatalf("point %v is %.2g from the circle, more than %.2g", p, d, tol)
		}
	}
	// The circle crosses about 4·2r/h edges of each direction.
	if n := len(l); n < 150 || n > 250 {
		t.Errorf("line has %d points, want about 200", n)
	}
}

// TestContourOpen checks a level line that leaves the grid: the line x = y
// must be one open polyline from border to border.
func TestContourOpen(t *testing.T) {
	f := newField(Range{0, 1}, Range{0, 1}, 20)
	f.eval(func(x, y float64) float64 { return x - y + 0.013 })
	lines := f.contour(0)
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	for _, p := range lines[0] {
		if d := math.Abs(p.X - p.Y + 0.013); d > 1e-12 {
			t.Fatalf("point %v is off the line x − y + 0.013 = 0 by %g", p, d)
		}
	}
	if n := len(lines[0]); n < 30 {
		t.Errorf("line has %d points, want ≥ 30: it should run through the whole grid", n)
	}
}

// TestDeterministic renders the figures whose drawing involves contours,
// images and legends twice and checks that the SVG bytes are identical:
// notebooks compare outputs to find stale ones.
func TestDeterministic(t *testing.T) {
	build := func() []byte {
		f := func(x, y float64) float64 { return math.Sin(3*x)*math.Cos(2*y) + 2 } // many separate contour lines
		p, err := LossSurface("", f, SurfaceOptions{X: Range{-2, 2}, Y: Range{-2, 2}, Levels: 12}, Path{Name: "a", X: []float64{0, 1}, Y: []float64{0, 1}})
		if err != nil {
			t.Fatal(err)
		}
		b, err := render(p, Width, Height, "svg")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := build()
	for range 5 {
		if !bytes.Equal(build(), first) {
			t.Fatal("the same figure rendered to different SVG bytes")
		}
	}
	if !bytes.Contains(first, []byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;")) {
		t.Error("SVG lacks the fallback fonts")
	}
}

// TestSVGImagesStretch checks that the bitmap behind a decision boundary
// fills its rectangle in a browser: without preserveAspectRatio="none" a
// browser letterboxes the square field into the middle of the wide data
// area and the coloured regions no longer line up with the points.
func TestSVGImagesStretch(t *testing.T) {
	pts := Points2D{X: []float64{0, 1, 0, 1}, Y: []float64{0, 0, 1, 1}, Labels: []int{0, 1, 1, 0}}
	p, err := DecisionBoundary("", pts, func(x, y float64) float64 { return x }, BoundaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	svg, err := render(p, Width, Height, "svg")
	if err != nil {
		t.Fatal(err)
	}
	images := bytes.Count(svg, []byte("<image "))
	if images == 0 {
		t.Fatal("decision boundary SVG has no <image> element")
	}
	if stretched := bytes.Count(svg, []byte(`<image preserveAspectRatio="none" `)); stretched != images {
		t.Errorf("%d of %d <image> elements lack preserveAspectRatio=\"none\"", images-stretched, images)
	}
}

// TestSVGImagesArePNG checks that every bitmap embedded in an SVG figure
// is labelled with the type of its bytes. gonum's SVG backend labels its
// PNG bytes "image/jpg"; librsvg (rsvg-convert, nbconvert's PDF route)
// believes the label and drops the image, and with it every tint, heat
// map and digit of the figure.
func TestSVGImagesArePNG(t *testing.T) {
	pts := Points2D{X: []float64{0, 1, 0, 1}, Y: []float64{0, 0, 1, 1}, Labels: []int{0, 1, 1, 0}}
	boundary, err := DecisionBoundary("", pts, func(x, y float64) float64 { return x }, BoundaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	digits, err := ImageGrid("", [][]float64{{0, 1, 1, 0}, {1, 0, 0, 1}}, 2, 2, []int{0, 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*plot.Plot{"DecisionBoundary": boundary, "ImageGrid": digits} {
		svg, err := render(p, Width, Height, "svg")
		if err != nil {
			t.Fatal(err)
		}
		uris := regexp.MustCompile(`xlink:href="data:([^;"]+);base64,([^"]*)"`).FindAllSubmatch(svg, -1)
		if len(uris) == 0 {
			t.Fatalf("%s: the SVG embeds no image", name)
		}
		for i, u := range uris {
			if mime := string(u[1]); mime != "image/png" {
				t.Errorf("%s: image %d is labelled %q, want image/png", name, i, mime)
			}
			raw, err := base64.StdEncoding.DecodeString(string(u[2]))
			if err != nil {
				t.Fatalf("%s: image %d: %v", name, i, err)
			}
			if _, err := png.Decode(bytes.NewReader(raw)); err != nil {
				t.Errorf("%s: image %d is not a PNG: %v", name, i, err)
			}
		}
	}
}

// TestSimplify checks that simplify keeps the corners of a step schedule
// and drops the points of its flat stretches, and that no dropped point is
// further than the tolerance from what is drawn.
func TestSimplify(t *testing.T) {
	var xys plotter.XYs
	for s := range 1000 {
		xys = append(xys, plotter.XY{X: float64(s), Y: math.Pow(0.5, float64(s/300))})
	}
	got := simplify(xys, false, false)
	// Four flat stretches: each keeps its two ends.
	if len(got) != 8 {
		t.Errorf("step schedule simplified to %d points, want 8: %v", len(got), got)
	}
	var cos plotter.XYs
	for s := range 1000 {
		cos = append(cos, plotter.XY{X: float64(s), Y: math.Cos(math.Pi * float64(s) / 1000)})
	}
	got = simplify(cos, false, false)
	if len(got) >= len(cos)/4 {
		t.Errorf("cosine kept %d of %d points", len(got), len(cos))
	}
	// Every original point lies within the tolerance of the segment drawn
	// in its place, measured across the segment in units of the plot's
	// extent (x range 1000, y range 2).
	k := 0
	for _, p := range cos {
		for k+1 < len(got)-1 && got[k+1].X < p.X {
			k++
		}
		a, b := got[k], got[k+1]
		ax, ay := (b.X-a.X)/1000, (b.Y-a.Y)/2
		px, py := (p.X-a.X)/1000, (p.Y-a.Y)/2
		if d := math.Abs(ax*py-ay*px) / math.Hypot(ax, ay); d > 1e-3 {
			t.Fatalf("point %v is %.2g of the plot's extent from the simplified line", p, d)
		}
	}
}

// TestEqualAspect checks the constant dataAspect against the data area
// gonum lays out for a Width × Height plot with a title and labelled axes.
func TestEqualAspect(t *testing.T) {
	p, err := DecisionBoundary("title", Points2D{X: []float64{-1, 1}, Y: []float64{-1, 1}, Labels: []int{0, 1}},
		func(x, y float64) float64 { return 0 }, BoundaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	da := p.DataCanvas(draw.New(vgsvg.New(Width, Height)))
	w, h := da.Max.X-da.Min.X, da.Max.Y-da.Min.Y
	if r := float64(w / h); math.Abs(r-dataAspect) > 0.02*dataAspect {
		t.Errorf("data area is %.2f × %.2f in, ratio %.3f; dataAspect is %v", w/72, h/72, r, dataAspect)
	}
	x, y := equalAspect(Range{-1, 1}, Range{-1, 1})
	if r := (x.Max - x.Min) / (y.Max - y.Min); math.Abs(r-dataAspect) > 1e-12 {
		t.Errorf("equalAspect gives ratio %v, want %v", r, dataAspect)
	}
}

// TestLiveOutsideNotebook checks that Live only records outside a notebook
// and that its progress line counts and estimates correctly.
func TestLiveOutsideNotebook(t *testing.T) {
	l := &Live{Total: 4, Metric: "accuracy"}
	for s := range 3 {
		l.Update(s, 1/float64(s+1), 0.5)
	}
	if l.id != "" || l.drawTime != 0 {
		t.Errorf("Live drew outside a notebook")
	}
	if err := l.Close(); err != nil {
		t.Errorf("Close outside a notebook: %v", err)
	}
	l.start = time.Unix(0, 0)
	got := l.progress(2, time.Unix(3, 0))
	want := "epoch 3/4 · loss 0.3333 · accuracy 0.5 · elapsed 3s · ETA 1s"
	if got != want {
		t.Errorf("progress line\n%q, want\n%q", got, want)
	}
	l.Update(3, math.NaN(), 0.5)
	g, err := l.Figure()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(g.Plots[0][0].Y.Label.Text, "0.3333") {
		t.Errorf("loss panel labelled %q: the NaN loss should be left out", g.Plots[0][0].Y.Label.Text)
	}
}

// TestGridMaxWidth checks that a row of panels wider than GridMaxWidth is
// scaled down to it with the panels' aspect ratio kept (Jupyter shows SVG
// at its own size and cut off a five-panel row of 150-point panels), and
// that a narrow grid keeps its size.
func TestGridMaxWidth(t *testing.T) {
	row := make([]*plot.Plot, 5)
	for i := range row {
		row[i] = plot.New()
	}
	g := &Grid{Plots: [][]*plot.Plot{row, row}, PanelWidth: 150, PanelHeight: 100}
	w, h := g.size()
	if math.Abs(float64(w-GridMaxWidth)) > 1e-9 {
		t.Errorf("width %v, want GridMaxWidth %v", w, GridMaxWidth)
	}
	if want := 2 * 100 * GridMaxWidth / (5 * 150); math.Abs(float64(h-want)) > 1e-9 {
		t.Errorf("height %v, want %v (aspect kept)", h, want)
	}
	g = &Grid{Plots: [][]*plot.Plot{row[:2]}, PanelWidth: 150, PanelHeight: 100}
	if w, h := g.size(); w != 300 || h != 100 {
		t.Errorf("narrow grid is %v×%v, want 300×100", w, h)
	}
}

// TestLegendAbovePoints checks that the legend of the 2-D point figures
// with automatic ranges hides no point: with the AND gate the one positive
// example sits at the top right, exactly where the legend goes.
func TestLegendAbovePoints(t *testing.T) {
	and := Points2D{X: []float64{0, 1, 0, 1}, Y: []float64{0, 0, 1, 1}, Labels: []int{0, 0, 0, 1}}
	perceptron, err := PerceptronLines("AND", and, DecisionLine{W1: 1, W2: 1, B: -1.5}, DecisionLine{W1: 2, W2: 1, B: -2})
	if err != nil {
		t.Fatal(err)
	}
	boundary, err := DecisionBoundary("AND", and, func(x, y float64) float64 { return x + y - 1.5 }, BoundaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*plot.Plot{"PerceptronLines": perceptron, "DecisionBoundary": boundary} {
		da := p.DataCanvas(draw.New(vgsvg.New(Width, Height)))
		legendBottom := da.Max.Y - p.Legend.Rectangle(da).Size().Y - legendMargin
		_, trY := p.Transforms(&da)
		for i, y := range and.Y {
			if top := trY(y) + pointSize; top > legendBottom {
				t.Errorf("%s: point (%g, %g) reaches %.1f pt, above the legend's bottom at %.1f pt",
					name, and.X[i], y, top, legendBottom)
			}
		}
	}
}
