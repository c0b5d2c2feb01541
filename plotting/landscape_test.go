package plotting

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func bowl(a, b float64) float64 { return 0.01 + a*a + 2*b*b }

func TestLandscapesErrors(t *testing.T) {
	unit := Range{Min: -1, Max: 1}
	ok := LandscapePanel{Title: "ok", F: bowl, X: unit, Y: unit}
	for name, c := range map[string]struct {
		opts   LandscapeOptions
		panels []LandscapePanel
		want   string
	}{
		"no panels":   {LandscapeOptions{Min: 0, Max: 1}, nil, "no panels"},
		"empty scale": {LandscapeOptions{Min: 1, Max: 1}, []LandscapePanel{ok}, "colour scale"},
		"log at 0":    {LandscapeOptions{Min: 0, Max: 1, Log: true}, []LandscapePanel{ok}, "Log needs Min > 0"},
		"bad range":   {LandscapeOptions{Min: 0, Max: 1}, []LandscapePanel{{Title: "p", F: bowl, X: Range{Min: 1, Max: -1}, Y: unit}}, `panel "p" X`},
		"NaN":         {LandscapeOptions{Min: 0, Max: 1}, []LandscapePanel{{Title: "p", F: func(a, b float64) float64 { return math.NaN() }, X: unit, Y: unit}}, "NaN"},
		"empty path":  {LandscapeOptions{Min: 0, Max: 1}, []LandscapePanel{{Title: "p", F: bowl, X: unit, Y: unit, Paths: []Path{{Name: "e"}}}}, `path "e" is empty`},
		"Inf in path": {LandscapeOptions{Min: 0, Max: 1}, []LandscapePanel{{Title: "p", F: bowl, X: unit, Y: unit, Paths: []Path{{Name: "i", X: []float64{0}, Y: []float64{math.Inf(1)}}}}}, "Inf"},
	} {
		_, err := Landscapes(c.opts, c.panels...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", name, err, c.want)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a nil F did not panic")
			}
		}()
		Landscapes(LandscapeOptions{Min: 0, Max: 1}, LandscapePanel{X: unit, Y: unit})
	}()
}

func TestDescentOnCurveErrors(t *testing.T) {
	sq := func(x float64) float64 { return x * x }
	r := Range{Min: -2, Max: 2}
	for name, c := range map[string]struct {
		f    func(float64) float64
		x    Range
		path []float64
		want string
	}{
		"empty path": {sq, r, nil, "empty path"},
		"NaN path":   {sq, r, []float64{1, math.NaN()}, "NaN"},
		"bad range":  {sq, Range{Min: 2, Max: 2}, []float64{1}, "x"},
		"f is Inf":   {func(x float64) float64 { return 1 / x }, Range{Min: 0, Max: 1}, []float64{1}, "Inf"},
		"Inf at a point": {func(x float64) float64 {
			if x == 5 {
				return math.Inf(1)
			}
			return x
		}, r, []float64{1, 5}, "path's points"},
	} {
		_, err := DescentOnCurve("t", c.f, c.x, c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", name, err, c.want)
		}
	}
}

// TestLandscapeFiguresRender draws both figures to SVG and PNG.
func TestLandscapeFiguresRender(t *testing.T) {
	dir := t.TempDir()
	p, err := DescentOnCurve("η = 0.2", func(x float64) float64 { return x * x }, Range{Min: -11, Max: 11}, []float64{10, 6, 3.6, 2.16})
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(p, filepath.Join(dir, "curve.svg")); err != nil {
		t.Fatal(err)
	}
	var a, b []float64
	for k := range 1000 {
		s := float64(k) / 999
		a, b = append(a, -1+s), append(b, 0.5*math.Sin(6*s))
	}
	row, err := Landscapes(LandscapeOptions{Min: 0.01, Max: 4, Log: true, Label: "MSE"},
		LandscapePanel{Title: "auto range", F: bowl, Paths: []Path{{X: a, Y: b}}},
		LandscapePanel{Title: "fixed", F: bowl, X: Range{Min: -1, Max: 1}, Y: Range{Min: -1, Max: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"row.svg", "row.png"} {
		if err := row.Save(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	svg, err := os.ReadFile(filepath.Join(dir, "row.svg"))
	if err != nil {
		t.Fatal(err)
	}
	// Two heat maps and the colour bar.
	if n := bytes.Count(svg, []byte("<image ")); n != 3 {
		t.Errorf("the row's SVG holds %d images, want 3", n)
	}
	for _, label := range []string{">MSE<", ">0.01<", ">0.1<", ">1<", ">4<"} {
		if !bytes.Contains(svg, []byte(label)) {
			t.Errorf("the colour bar lacks the label %s", label)
		}
	}
	// The auto range covers the path with a margin.
	x := row.Panels[0].X
	if x.Min > -1.1 || x.Max < 0.1 || x.Min < -1.11 || x.Max > 0.11 {
		t.Errorf("auto range [%v, %v], want [−1.1, 0.1]", x.Min, x.Max)
	}
}

func TestRowSize(t *testing.T) {
	two := &Row{Panels: make([]*plot.Plot, 2), Key: plot.New()}
	if w, h := two.size(); w != 2*3.6*vg.Inch+KeyWidth || h != 3.4*vg.Inch {
		t.Errorf("two panels and a key: %v × %v", w, h)
	}
	three := &Row{Panels: make([]*plot.Plot, 3), Key: plot.New()}
	w, h := three.size()
	nw, nh := three.natural()
	if w != GridMaxWidth || math.Abs(float64(h/w-nh/nw)) > 1e-12 {
		t.Errorf("three panels: %v × %v, natural %v × %v", w, h, nw, nh)
	}
}

func TestThinAndLevels(t *testing.T) {
	var p Path
	for k := range 5001 {
		p.X, p.Y = append(p.X, float64(k)), append(p.Y, float64(-k))
	}
	q := thin(p)
	if len(q.X) > 401 || q.X[0] != 0 || q.X[len(q.X)-1] != 5000 || q.Y[len(q.Y)-1] != -5000 {
		t.Errorf("thin: %d points from %v to %v", len(q.X), q.X[0], q.X[len(q.X)-1])
	}
	if short := (Path{X: []float64{1, 2}, Y: []float64{3, 4}}); !slices.Equal(thin(short).X, short.X) {
		t.Error("thin changed a short path")
	}
	if got := defaultLevels(LandscapeOptions{Min: 1e-4, Max: 1, Log: true}); !slices.Equal(got, []float64{1e-3, 1e-2, 1e-1}) {
		t.Errorf("log levels %v", got)
	}
	if got := defaultLevels(LandscapeOptions{Min: 0, Max: 10}); len(got) != 9 || got[0] != 1 || got[8] != 9 {
		t.Errorf("linear levels %v", got)
	}
}

func TestColorKeyTicks(t *testing.T) {
	opts := LandscapeOptions{Min: 0.01, Max: 1, Log: true}
	key := colorKey("loss", opts, []float64{0.001, 0.01, 0.1, 0.5, 1, 3})
	var labels []string
	for _, tk := range key.Y.Tick.Marker.Ticks(key.Y.Min, key.Y.Max) {
		labels = append(labels, tk.Label)
	}
	if got := strings.Join(labels, " "); got != "0.01 0.1 0.5 1" {
		t.Errorf("key labels %q, want the ends and the levels strictly inside", got)
	}
}
