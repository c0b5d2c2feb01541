package plotting

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// TestLineString checks the equations written in figure titles: signs as
// minus signs, coefficients ±1 as a sign alone, zero terms left out (the
// slider of lesson 02 once read "2·x₁ + 1·x₂ + -2 = 0").
func TestLineString(t *testing.T) {
	for _, c := range []struct {
		l    DecisionLine
		want string
	}{
		{DecisionLine{2, 1, -2}, "2x₁ + x₂ − 2 = 0"},
		{DecisionLine{1, 1, 0}, "x₁ + x₂ = 0"},
		{DecisionLine{-2, -1, 3}, "−2x₁ − x₂ + 3 = 0"},
		{DecisionLine{0, 0.5, -0.25}, "0.5x₂ − 0.25 = 0"},
		{DecisionLine{1, 0, 1}, "x₁ + 1 = 0"},
		{DecisionLine{}, "0 = 0"},
	} {
		if got := c.l.String(); got != c.want {
			t.Errorf("%#v: %q, want %q", c.l, got, c.want)
		}
	}
}

// TestLabelledPoints checks the conversion from rows and labels, and its
// panics.
func TestLabelledPoints(t *testing.T) {
	pts := LabelledPoints([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 0})
	want := Points2D{X: []float64{0, 0, 1, 1}, Y: []float64{0, 1, 0, 1}, Labels: []int{0, 1, 1, 0}}
	if !equalPoints(pts, want) {
		t.Errorf("%+v, want %+v", pts, want)
	}
	for name, f := range map[string]func(){
		"row 1 has 3 entries":    func() { LabelledPoints([][]float64{{0, 0}, {0, 1, 2}}, []float64{0, 1}) },
		"label 0 is 0.5":         func() { LabelledPoints([][]float64{{0, 0}}, []float64{0.5}) },
		"len(x) = 1, len(y) = 2": func() { LabelledPoints([][]float64{{0, 0}}, []float64{0, 1}) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, name) {
					t.Errorf("panic %q, want it to mention %q", r, name)
				}
			}()
			f()
		}()
	}
}

func equalPoints(a, b Points2D) bool {
	if len(a.X) != len(b.X) || len(a.Y) != len(b.Y) || len(a.Labels) != len(b.Labels) {
		return false
	}
	for i := range a.X {
		if a.X[i] != b.X[i] || a.Y[i] != b.Y[i] || a.Labels[i] != b.Labels[i] {
			return false
		}
	}
	return true
}

// TestPerceptronLinesMarks checks the two notes PerceptronLines adds: a
// ring and a legend entry for points exactly on the last line (AND's last
// line 2x₁ + x₂ − 2 = 0 passes through (1, 0)), and "line outside the view"
// when the last line misses the picture (x₁ + x₂ + 1 = 0, the first line of
// lesson 02).
func TestPerceptronLinesMarks(t *testing.T) {
	and := LabelledPoints([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	for _, c := range []struct {
		last      DecisionLine
		ties      int
		tie, note bool
	}{
		{DecisionLine{2, 1, -2}, 1, true, false},
		{DecisionLine{1, 1, -1.5}, 0, false, false},
		{DecisionLine{1, 1, 1}, 0, false, true},
		{DecisionLine{1, 0, -2}, 0, false, true},
	} {
		if got := len(ties(and, c.last)); got != c.ties {
			t.Errorf("%v: %d points on the line, want %d", c.last, got, c.ties)
		}
		p, err := PerceptronLines("AND", and, DecisionLine{}, c.last)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := render(p, Width, Height, "svg")
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(svg, []byte("on the line (score 0)")); got != c.tie {
			t.Errorf("%v: legend entry for points on the line: %v, want %v", c.last, got, c.tie)
		}
		if got := bytes.Contains(svg, []byte("line outside")); got != c.note {
			t.Errorf("%v: note 'line outside the view': %v, want %v", c.last, got, c.note)
		}
	}
}

// TestMarginCurves checks the margin axis: inverted log scale with a tick
// at every margin, and the errors.
func TestMarginCurves(t *testing.T) {
	margins := []float64{0.3, 0.1, 0.01}
	p, err := MarginCurves("m", "band m", "mistakes", margins, Series{Name: "mean", Y: []float64{4, 12, 41}})
	if err != nil {
		t.Fatal(err)
	}
	ticks := p.X.Tick.Marker.Ticks(0.01, 0.3)
	if len(ticks) != 3 || ticks[0].Label != "0.3" || ticks[2].Label != "0.01" {
		t.Errorf("ticks %v, want one at each margin", ticks)
	}
	// Inverted: the widest margin is at the left.
	if l, r := p.X.Norm(0.3), p.X.Norm(0.01); !(l < r) {
		t.Errorf("0.3 at %v, 0.01 at %v: want 0.3 left of 0.01", l, r)
	}
	for name, err := range map[string]error{
		"no margins": errOnly(MarginCurves("", "", "", nil, Series{Y: []float64{1}})),
		"≤ 0":        errOnly(MarginCurves("", "", "", []float64{0}, Series{Y: []float64{1}})),
		"no series":  errOnly(MarginCurves("", "", "", []float64{1})),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func errOnly[T any](_ T, err error) error { return err }

// TestPerceptronPanel checks the small-panel variant: no legend, ranges in
// the aspect of a square panel's data area around the padded points (no
// room above them), and the same errors as PerceptronLines.
func TestPerceptronPanel(t *testing.T) {
	and := LabelledPoints([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	p, err := PerceptronPanel("update 1", and, DecisionLine{}, DecisionLine{1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := (p.X.Max - p.X.Min) / (p.Y.Max - p.Y.Min); math.Abs(r-panelAspect) > 1e-12 {
		t.Errorf("aspect %v, want %v", r, panelAspect)
	}
	if p.Y.Min != -0.1 || p.Y.Max != 1.1 {
		t.Errorf("y range [%v, %v], want the padded points [-0.1, 1.1]", p.Y.Min, p.Y.Max)
	}
	svg, err := render(p, 150, 150, "svg")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte("class 0")) || !bytes.Contains(svg, []byte("line outside")) {
		t.Error("want no legend and the note 'line outside the view'")
	}
	if bytes.Contains(svg, []byte("NaN")) || bytes.Contains(svg, []byte("Inf")) {
		t.Error("a 150-point panel has NaN or Inf coordinates")
	}
	if _, err := PerceptronPanel("", and); err == nil || !strings.Contains(err.Error(), "PerceptronPanel: no lines") {
		t.Errorf("error %v, want PerceptronPanel: no lines", err)
	}
}

// TestPanelTicks checks that a small panel's axes get at most three labels,
// at 0, 0.5 and 1 on the unit square with padding.
func TestPanelTicks(t *testing.T) {
	for _, c := range []struct {
		min, max float64
		want     []string
	}{
		{-0.19, 1.19, []string{"0", "0.5", "1"}},
		{-0.1, 1.1, []string{"0", "0.5", "1"}},
		{-1.4, 1.4, []string{"-1", "0", "1"}},
		{-2.3, 2.3, []string{"-2", "0", "2"}},
	} {
		var got []string
		for _, tk := range (panelTicks{}).Ticks(c.min, c.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("[%v, %v]: labels %v, want %v", c.min, c.max, got, c.want)
		}
	}
}
