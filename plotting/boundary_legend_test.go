package plotting

import "testing"

// TestBordersAvoidedByLegend checks that the class borders of a decision
// boundary are registered with the legend's placement, so the legend does
// not cover them (04's seed-6 hidden view had its ½-line under the legend).
func TestBordersAvoidedByLegend(t *testing.T) {
	fl := newField(Range{Min: 0, Max: 1}, Range{Min: 0, Max: 1}, 20)
	f := func(x, y float64) float64 {
		if x+y > 1 {
			return 1
		}
		return 0
	}
	if err := fl.eval(f); err != nil {
		t.Fatal(err)
	}
	p := newPlot("", "x", "y")
	var lb legendBox
	addBorders(p, &lb, fl, f, []int{0, 1})
	if len(lb.lines) == 0 {
		t.Error("addBorders registered no border with the legend")
	}
}
