package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

func gate(name string) ([][]float64, []float64) {
	f := map[string]func() (x, y *mat.Dense){"AND": AND, "OR": OR, "NAND": NAND}[name]
	return Examples(f())
}

// TestGates checks what the lesson shows for each gate: a zero-initialised
// perceptron (η = 1, examples in the order (0,0), (0,1), (1,0), (1,1))
// converges, with the mistakes, epochs and final line printed in the
// notebook, and the final line classifies all four inputs.
func TestGates(t *testing.T) {
	want := map[string]struct {
		mistakes, epochs int
		w                []float64
		b                float64
	}{
		"AND":  {10, 6, []float64{2, 1}, -2},
		"OR":   {4, 4, []float64{1, 1}, 0},
		"NAND": {11, 6, []float64{-2, -1}, 3},
	}
	for name, w := range want {
		x, y := gate(name)
		var p dl.Perceptron
		res := p.Train(x, y, 0)
		if !res.Converged || Mistakes(res) != w.mistakes || len(res.Epochs) != w.epochs || !slices.Equal(p.W, w.w) || p.B != w.b {
			t.Errorf("%s: converged %v after %d mistakes, %d epochs, w = %v, b = %v; want %d, %d, %v, %v",
				name, res.Converged, Mistakes(res), len(res.Epochs), p.W, p.B, w.mistakes, w.epochs, w.w, w.b)
		}
		for i := range x {
			if p.Predict(x[i]) != y[i] {
				t.Errorf("%s: final line misclassifies %v", name, x[i])
			}
		}
	}
}

// TestNovikoffGates checks the convergence theorem on the gates as the
// notebook prints it: R = √3 and the largest margins 1/√17 ≈ 0.243 (AND,
// NAND) and 1/3 (OR), so the bounds (R/γ)² are 51 and 27, above the 10, 4
// and 11 mistakes made. For AND the best u is (2, 2, −3)/√17, the line
// x₁ + x₂ − 1.5 = 0: its distance to the nearest corner in the plane is
// 1/(2√2), but the theorem normalises u with the bias, giving 1/√17.
func TestNovikoffGates(t *testing.T) {
	want := map[string]struct {
		gamma    float64
		printed  string
		mistakes int
	}{
		"AND":  {1 / math.Sqrt(17), "R = 1.732, γ = 0.243, bound (R/γ)² = 51.0, mistakes made: 10", 10},
		"OR":   {1.0 / 3, "R = 1.732, γ = 0.333, bound (R/γ)² = 27.0, mistakes made: 4", 4},
		"NAND": {1 / math.Sqrt(17), "R = 1.732, γ = 0.243, bound (R/γ)² = 51.0, mistakes made: 11", 11},
	}
	for name, w := range want {
		x, y := gate(name)
		nv, err := NovikoffBound(x, y)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(nv.R-math.Sqrt(3)) > 1e-12 {
			t.Errorf("%s: R = %v, want √3", name, nv.R)
		}
		// Gamma is the margin of U; GammaMax bounds every margin from above.
		if nv.Gamma > w.gamma*(1+1e-12) || nv.Gamma < w.gamma*(1-1e-4) || nv.GammaMax < w.gamma*(1-1e-12) {
			t.Errorf("%s: γ = %v ≤ %v, want %v", name, nv.Gamma, nv.GammaMax, w.gamma)
		}
		if g := margin3(x, y, nv.U); math.Abs(g-nv.Gamma) > 1e-12 || math.Abs(dot(nv.U, nv.U)-1) > 1e-12 {
			t.Errorf("%s: U = %v has margin %v, reported %v", name, nv.U, g, nv.Gamma)
		}
		if name == "AND" {
			for i, w := range []float64{2, 2, -3} {
				if math.Abs(nv.U[i]-w/math.Sqrt(17)) > 1e-4 {
					t.Errorf("AND: u = %v, want (2, 2, −3)/√17", nv.U)
				}
			}
		}
		var p dl.Perceptron
		m := Mistakes(p.Train(x, y, 0))
		got := fmt.Sprintf("R = %.3f, γ = %.3f, bound (R/γ)² = %4.1f, mistakes made: %d", nv.R, nv.Gamma, nv.Bound, m)
		if got != w.printed {
			t.Errorf("%s: %q, want %q", name, got, w.printed)
		}
		if float64(m) > nv.Bound {
			t.Errorf("%s: %d mistakes exceed the bound %.1f", name, m, nv.Bound)
		}
	}
	xor, yx := Examples(XOR())
	if _, err := NovikoffBound(xor, yx); err == nil {
		t.Error("NovikoffBound found a separator for XOR")
	}
	// With the product feature XOR is separable (lesson 3): the best plane
	// of (x₁, x₂, x₁x₂, 1) has a positive margin.
	if nv, err := NovikoffBound(WithFeatures(xor, func(a, b float64) []float64 { return []float64{a, b, a * b} }), yx); err != nil || !(nv.Gamma > 0.1) {
		t.Errorf("XOR with x₁x₂: %+v, %v; want a margin above 0.1", nv, err)
	}
}

// margin3 returns minᵢ sᵢ (u · (xᵢ, 1)).
func margin3(x [][]float64, y []float64, u []float64) float64 {
	g := math.Inf(1)
	for i, xi := range x {
		g = math.Min(g, (2*y[i]-1)*(dot(u[:len(xi)], xi)+u[len(xi)]))
	}
	return g
}

// TestFinalLinesZeroMargin checks what the notebook says of the lines the
// perceptron ends on: AND's 2x₁ + x₂ − 2 = 0 passes through (1, 0), OR's
// x₁ + x₂ = 0 through (0, 0), NAND's −2x₁ − x₂ + 3 = 0 through (1, 1). Each
// of these is a class-0 example with score exactly 0, right only because
// step(0) = 0, so each line has margin 0; with the opposite tie rule
// (score 0 → class 1) each line gets exactly that example wrong.
func TestFinalLinesZeroMargin(t *testing.T) {
	for name, want := range map[string]int{"AND": 2, "OR": 0, "NAND": 3} {
		x, y := gate(name)
		var p dl.Perceptron
		p.Train(x, y, 0)
		m, on := LineMargin(p.W, p.B, x, y)
		if m != 0 || math.Signbit(m) || !slices.Equal(on, []int{want}) || y[want] != 0 {
			t.Errorf("%s: margin %v, examples on the line %v; want 0 and [%d] (label 0)", name, m, on, want)
		}
		var wrong []int
		for i := range x {
			s := p.B + dot(p.W, x[i])
			yhat := 0.0
			if s >= 0 { // the other tie rule
				yhat = 1
			}
			if yhat != y[i] {
				wrong = append(wrong, i)
			}
		}
		if !slices.Equal(wrong, []int{want}) {
			t.Errorf("%s with step(0) = 1: wrong on %v, want [%d]", name, wrong, want)
		}
	}
	x, y := gate("AND")
	if m, on := LineMargin([]float64{1, 1}, -1.5, x, y); math.Abs(m-0.5/math.Sqrt2) > 1e-15 || on != nil {
		t.Errorf("AND, x₁ + x₂ = 3/2: margin %v, on the line %v; want 1/(2√2), none", m, on)
	}
}

// TestLearningRates checks the learning-rate claim: from w = 0, η only
// scales the weights. For η = 0.25, 0.5, 1, 2 and 8 (powers of two, so
// scaling is exact in floating point) every gate gives the same mistakes
// in the same order and weights exactly η times those of η = 1. And the
// floating-point footnote: with η = 0.1 on NAND, 0.1 + 0.1 + 0.1 rounds to
// 0.30000000000000004, a score that should be exactly 0 comes out as about
// 6e-17, and the run makes 8 mistakes instead of 11.
func TestLearningRates(t *testing.T) {
	etas := []float64{0.25, 0.5, 1, 2, 8}
	for _, name := range []string{"AND", "OR", "NAND"} {
		x, y := gate(name)
		runs := LearningRates(x, y, etas)
		ref := runs[2]
		for _, r := range runs {
			if r.Mistakes != ref.Mistakes || !slices.Equal(r.Order, ref.Order) {
				t.Errorf("%s: η = %v made mistakes %v, η = 1 made %v", name, r.Eta, r.Order, ref.Order)
			}
			for i := range r.W {
				if r.W[i] != r.Eta*ref.W[i] {
					t.Errorf("%s: η = %v: w = %v, want %v·%v", name, r.Eta, r.W, r.Eta, ref.W)
				}
			}
			if r.B != r.Eta*ref.B {
				t.Errorf("%s: η = %v: b = %v, want %v·%v", name, r.Eta, r.B, r.Eta, ref.B)
			}
		}
	}
	x, y := gate("NAND")
	r := LearningRates(x, y, []float64{0.1})[0]
	if r.Mistakes != 8 {
		t.Errorf("NAND with η = 0.1: %d mistakes, want 8 (the rounding footnote)", r.Mistakes)
	}
	if a := 0.1; a+a+a == 0.3 {
		t.Error("0.1 + 0.1 + 0.1 == 0.3: the footnote's arithmetic is wrong")
	}
}

// marginRow is the notebook's format for one band half-width of the margin
// experiment.
const marginRow = "m = %-4g mean %4.1f, most %3d mistakes; median γ %.3f; smallest bound %4.0f; worst run %4.1f %% of its bound\n"

// TestMarginExperiment checks the margin claims of the lesson (100 points,
// seeds 1–20) as the notebook prints them: the mean number of mistakes rises
// from 4.3 to 22.7 as the band shrinks from 0.3 to 0.05, then nearly stops
// (40.6 at 0.02, 41.5 at 0.01, the same worst data set with 139 mistakes in
// both), because the data sets' own margins shrink much less than the band:
// their medians are 0.035 and 0.026. Every run stays below its bound
// (R/γ)², the worst using 25.4 % of it at m = 0.3 and 2.4 % at m = 0.01.
func TestMarginExperiment(t *testing.T) {
	margins := []float64{0.3, 0.2, 0.1, 0.05, 0.02, 0.01}
	runs := MarginExperiment(100, margins, Seeds(20))
	if len(runs) != 6*20 {
		t.Fatalf("%d runs, want 120", len(runs))
	}
	want := []string{
		"m = 0.3  mean  4.3, most   8 mistakes; median γ 0.306; smallest bound   23; worst run 25.4 % of its bound\n",
		"m = 0.2  mean  6.8, most  14 mistakes; median γ 0.207; smallest bound   51; worst run 22.3 % of its bound\n",
		"m = 0.1  mean 11.6, most  22 mistakes; median γ 0.117; smallest bound   81; worst run 10.8 % of its bound\n",
		"m = 0.05 mean 22.7, most  42 mistakes; median γ 0.066; smallest bound  294; worst run  6.3 % of its bound\n",
		"m = 0.02 mean 40.6, most 139 mistakes; median γ 0.035; smallest bound  710; worst run  4.6 % of its bound\n",
		"m = 0.01 mean 41.5, most 139 mistakes; median γ 0.026; smallest bound  710; worst run  2.4 % of its bound\n",
	}
	for i, m := range margins {
		st := SummarizeMargin(runs, m)
		if got := fmt.Sprintf(marginRow, m, st.Mean, st.Most, st.MedianGamma, st.SmallestBound, 100*st.WorstShare); got != want[i] {
			t.Errorf("got  %q\nwant %q", got, want[i])
		}
		// The bound is smallest where the mistakes are most: no run in
		// any band comes near it.
		if float64(st.Most) >= st.SmallestBound {
			t.Errorf("m = %v: most mistakes %d, smallest bound %.0f", m, st.Most, st.SmallestBound)
		}
	}
	for _, r := range runs {
		if float64(r.Mistakes) > r.Bound {
			t.Errorf("margin %v seed %d: %d mistakes exceed the bound %.0f", r.Margin, r.Seed, r.Mistakes, r.Bound)
		}
		// The band guarantees γ ≥ m/√1.25.
		if r.Gamma < r.Margin/math.Sqrt(1.25) {
			t.Errorf("margin %v seed %d: γ = %v below m/√1.25", r.Margin, r.Seed, r.Gamma)
		}
	}
	// The worst runs at m = 0.02 and 0.01 are the same data set: the draws of
	// a seed only differ once a point falls between the two bands.
	worst := map[float64]MarginRun{}
	for _, r := range runs {
		if r.Mistakes > worst[r.Margin].Mistakes {
			worst[r.Margin] = r
		}
	}
	if a, b := worst[0.02], worst[0.01]; a.Seed != b.Seed || a.Mistakes != 139 || a.Gamma != b.Gamma {
		t.Errorf("worst runs at 0.02 and 0.01: %+v and %+v; want one data set", a, b)
	}
}

// TestFramesAndPanels checks what the notebook says of its figures: on AND,
// the lines after updates 1 and 6, x₁ + x₂ + 1 = 0 and x₁ − 2 = 0, put all
// four corners on one side (1 and 0 respectively), so the panels show no
// line; and the two margin panels (seed 1, 100 points) count 7 mistakes for
// the band 0.3 and 11 for 0.02.
func TestFramesAndPanels(t *testing.T) {
	x, y := gate("AND")
	var p dl.Perceptron
	res := p.Train(x, y, 0)
	var lines [][3]float64
	for _, u := range res.Updates {
		if u.Mistake {
			lines = append(lines, [3]float64{u.W[0], u.W[1], u.B})
		}
	}
	for _, c := range []struct {
		update int
		line   [3]float64
		side   float64
	}{{1, [3]float64{1, 1, 1}, 1}, {6, [3]float64{1, 0, -2}, -1}} {
		if l := lines[c.update-1]; l != c.line {
			t.Errorf("update %d: line %v, want %v", c.update, l, c.line)
		}
		for _, xi := range x {
			if s := c.line[0]*xi[0] + c.line[1]*xi[1] + c.line[2]; s*c.side <= 0 {
				t.Errorf("update %d: %v has score %v", c.update, xi, s)
			}
		}
	}
	for m, want := range map[float64]int{0.3: 7, 0.02: 11} {
		xs, ys := Examples(LinearlySeparable(100, m, rand.New(rand.NewPCG(1, 1))))
		var p dl.Perceptron
		if got := Mistakes(p.Train(xs, ys, 0)); got != want {
			t.Errorf("band %v, seed 1: %d mistakes, want %d", m, got, want)
		}
	}
}

// TestNovikoffBoundCertified checks, on the 120 data sets of the margin
// experiment, what NovikoffBound's doc comment promises: Gamma is the exact
// margin of the unit vector U, and the dual bound GammaMax is within 0.1 %
// of it, so the largest margin is known to 3 digits.
func TestNovikoffBoundCertified(t *testing.T) {
	for _, m := range []float64{0.3, 0.2, 0.1, 0.05, 0.02, 0.01} {
		for _, seed := range Seeds(20) {
			x, y := Examples(LinearlySeparable(100, m, rand.New(rand.NewPCG(seed, seed))))
			nv, err := NovikoffBound(x, y)
			if err != nil {
				t.Fatal(err)
			}
			if g := margin3(x, y, nv.U); math.Abs(g-nv.Gamma) > 1e-12 || math.Abs(dot(nv.U, nv.U)-1) > 1e-12 {
				t.Errorf("m = %v, seed %d: U has margin %v, reported %v", m, seed, g, nv.Gamma)
			}
			if gap := (nv.GammaMax - nv.Gamma) / nv.GammaMax; gap < 0 || gap > 1e-3 {
				t.Errorf("m = %v, seed %d: γ in [%v, %v], relative gap %.2g", m, seed, nv.Gamma, nv.GammaMax, gap)
			}
		}
	}
}
