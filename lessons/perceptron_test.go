package lessons

import (
	"math"
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

// TestNovikoffGates checks the convergence theorem on the gates: the
// measured mistakes stay below (R/γ)², with R = √3 and the margins the
// grid search finds (AND and NAND γ ≈ 0.24, bound ≈ 53; OR γ ≈ 0.33,
// bound ≈ 27). The true best margins are 1/√17 ≈ 0.243 (AND, NAND) and
// 1/3 (OR); the grid must come within 2 % of them, and never above
// (a margin above the best would be a bug).
func TestNovikoffGates(t *testing.T) {
	best := map[string]float64{"AND": 1 / math.Sqrt(17), "OR": 1.0 / 3, "NAND": 1 / math.Sqrt(17)}
	for name, g := range best {
		x, y := gate(name)
		nv, err := NovikoffBound(x, y, 180)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(nv.R-math.Sqrt(3)) > 1e-12 {
			t.Errorf("%s: R = %v, want √3", name, nv.R)
		}
		if nv.Gamma > g+1e-12 || nv.Gamma < 0.98*g {
			t.Errorf("%s: γ = %v, want within 2 %% below %v", name, nv.Gamma, g)
		}
		var p dl.Perceptron
		if m := Mistakes(p.Train(x, y, 0)); float64(m) > nv.Bound {
			t.Errorf("%s: %d mistakes exceed the bound %.1f", name, m, nv.Bound)
		}
	}
	xor, yx := Examples(XOR())
	if _, err := NovikoffBound(xor, yx, 90); err == nil {
		t.Error("NovikoffBound found a separator for XOR")
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

// TestMarginExperiment checks the margin claims of the lesson (100 points,
// seeds 1–20): the mean number of mistakes rises as the margin shrinks
// through 0.3, 0.2, 0.1, 0.05, 0.02, 0.01 (from about 4 to about 40), and
// no run exceeds its Novikoff bound, which is far from tight (the largest
// count is below 1 % of the bound at the smallest margin).
func TestMarginExperiment(t *testing.T) {
	margins := []float64{0.3, 0.2, 0.1, 0.05, 0.02, 0.01}
	runs := MarginExperiment(100, margins, Seeds(20))
	if len(runs) != 6*20 {
		t.Fatalf("%d runs, want 120", len(runs))
	}
	prev := 0.0
	for _, m := range margins {
		mean := MeanMistakes(runs, m)
		if mean <= prev {
			t.Errorf("margin %v: mean %.1f mistakes, not more than %.1f at the larger margin", m, mean, prev)
		}
		prev = mean
	}
	if first, last := MeanMistakes(runs, 0.3), MeanMistakes(runs, 0.01); first > 8 || last < 30 {
		t.Errorf("mean mistakes %.1f at margin 0.3 and %.1f at 0.01, want ≤ 8 and ≥ 30", first, last)
	}
	for _, r := range runs {
		if float64(r.Mistakes) > r.Bound {
			t.Errorf("margin %v seed %d: %d mistakes exceed the bound %.0f", r.Margin, r.Seed, r.Mistakes, r.Bound)
		}
		if r.Margin == 0.01 && float64(r.Mistakes) > 0.01*r.Bound {
			t.Errorf("margin 0.01 seed %d: %d mistakes, more than 1 %% of the bound %.0f", r.Seed, r.Mistakes, r.Bound)
		}
	}
}
