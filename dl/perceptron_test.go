package dl

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

var boolInputs = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}

func TestPerceptronLogicGates(t *testing.T) {
	tests := []struct {
		name string
		y    []float64
	}{
		{"AND", []float64{0, 0, 0, 1}},
		{"OR", []float64{0, 1, 1, 1}},
		{"NAND", []float64{1, 1, 1, 0}},
	}
	for _, tt := range tests {
		var p Perceptron
		res := p.Train(boolInputs, tt.y, 0)
		if !res.Converged || res.Cycle != nil {
			t.Errorf("%s: Converged = %v, Cycle = %v; want converged", tt.name, res.Converged, res.Cycle)
			continue
		}
		for i, x := range boolInputs {
			if got := p.Predict(x); got != tt.y[i] {
				t.Errorf("%s%v = %g, want %g", tt.name, x, got, tt.y[i])
			}
		}
		last := res.Epochs[len(res.Epochs)-1]
		if last.Mistakes != 0 || !slices.Equal(last.W, p.W) || last.B != p.B {
			t.Errorf("%s: last epoch record %+v does not match the final perceptron %v, %g", tt.name, last, p.W, p.B)
		}
		if len(res.Updates) != 4*len(res.Epochs) {
			t.Errorf("%s: %d updates for %d epochs, want one per example visit", tt.name, len(res.Updates), len(res.Epochs))
		}
		t.Logf("%-4s converged after %d epochs: w = %v, b = %g", tt.name, len(res.Epochs), p.W, p.B)
	}
}

// TestPerceptronHistory follows AND by hand for the first epoch.
func TestPerceptronHistory(t *testing.T) {
	var p Perceptron
	res := p.Train(boolInputs, []float64{0, 0, 0, 1}, 0)
	// Start w = (0,0), b = 0, so every prediction is step(0) = 0.
	// (0,0)→0 correct; (0,1)→0 correct; (1,0)→0 correct;
	// (1,1)→0 but y = 1: w += (1,1), b += 1.
	want := []PerceptronUpdate{
		{Epoch: 0, Index: 0, Mistake: false, W: []float64{0, 0}, B: 0},
		{Epoch: 0, Index: 1, Mistake: false, W: []float64{0, 0}, B: 0},
		{Epoch: 0, Index: 2, Mistake: false, W: []float64{0, 0}, B: 0},
		{Epoch: 0, Index: 3, Mistake: true, W: []float64{1, 1}, B: 1},
	}
	for i, w := range want {
		u := res.Updates[i]
		if u.Epoch != w.Epoch || u.Index != w.Index || u.Mistake != w.Mistake || !slices.Equal(u.W, w.W) || u.B != w.B {
			t.Errorf("update %d = %+v, want %+v", i, u, w)
		}
	}
	if e := res.Epochs[0]; e.Mistakes != 1 || !slices.Equal(e.W, []float64{1, 1}) || e.B != 1 {
		t.Errorf("epoch 0 = %+v, want 1 mistake, w = (1,1), b = 1", e)
	}
}

// separable returns n seeded points in [−1, 1]² labelled by the side of a
// random line, dropping points closer than margin to it.
func separable(n int, margin float64, rng *rand.Rand) (x [][]float64, y []float64) {
	w := []float64{rng.NormFloat64(), rng.NormFloat64()}
	b := 0.3 * rng.NormFloat64()
	for len(x) < n {
		p := []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		s := w[0]*p[0] + w[1]*p[1] + b
		if s*s < margin*margin*(w[0]*w[0]+w[1]*w[1]) {
			continue
		}
		x = append(x, p)
		if s > 0 {
			y = append(y, 1)
		} else {
			y = append(y, 0)
		}
	}
	return x, y
}

func TestPerceptronSeparable(t *testing.T) {
	for seed := range uint64(10) {
		x, y := separable(100, 0.05, rand.New(rand.NewPCG(seed, seed)))
		var p Perceptron
		res := p.Train(x, y, 10000)
		if !res.Converged {
			t.Errorf("seed %d: not converged after %d epochs", seed, len(res.Epochs))
			continue
		}
		for i := range x {
			if p.Predict(x[i]) != y[i] {
				t.Errorf("seed %d: point %d misclassified after convergence", seed, i)
			}
		}
		t.Logf("seed %d: converged in %d epochs", seed, len(res.Epochs))

		// Same data, same order → bit-identical history.
		var q Perceptron
		again := q.Train(x, y, 10000)
		if !slices.Equal(p.W, q.W) || p.B != q.B || len(again.Updates) != len(res.Updates) {
			t.Errorf("seed %d: a second run differs", seed)
		}
	}
}

func TestPerceptronXORCycle(t *testing.T) {
	xor := []float64{0, 1, 1, 0}
	var p Perceptron
	res := p.Train(boolInputs, xor, 0)
	if res.Converged || res.Cycle == nil {
		t.Fatalf("XOR: Converged = %v, Cycle = %v; want a cycle", res.Converged, res.Cycle)
	}
	c := *res.Cycle
	t.Logf("XOR: cycle %+v after %d epochs, %d updates", c, len(res.Epochs), len(res.Updates))
	if c.Period != c.Repeat-c.First || c.Period < 1 || len(res.Epochs) != c.Repeat {
		t.Errorf("inconsistent cycle %+v with %d epochs recorded", c, len(res.Epochs))
	}
	// The state at the start of epoch e is the state at the end of epoch e−1
	// (or zero for e = 0). Check the reported repeat on the records.
	start := func(e int) ([]float64, float64) {
		if e == 0 {
			return []float64{0, 0}, 0
		}
		return res.Epochs[e-1].W, res.Epochs[e-1].B
	}
	w1, b1 := start(c.First)
	w2, b2 := start(c.Repeat)
	if !slices.Equal(w1, w2) || b1 != b2 {
		t.Errorf("start of epoch %d (%v, %g) differs from start of epoch %d (%v, %g)", c.First, w1, b1, c.Repeat, w2, b2)
	}
	// And it really repeats: Period more epochs from there come back again,
	// while no shorter run does.
	q := Perceptron{W: slices.Clone(w2), B: b2}
	for e := 1; e <= c.Period; e++ {
		q.Train(boolInputs, xor, 1)
		if back := slices.Equal(q.W, w2) && q.B == b2; back != (e == c.Period) {
			t.Errorf("after %d more epochs: back at the cycle start = %v", e, back)
		}
	}
	for _, e := range res.Epochs {
		if e.Mistakes == 0 {
			t.Errorf("epoch %d had no mistakes on XOR", e.Epoch)
		}
	}
	// By hand, writing the state as (w₁, w₂; b) and the examples in order
	// (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0:
	//   epoch 0 from (0,0;0):  ok, miss → (0,1;1), ok, miss → (−1,0;0)
	//   epoch 1 from (−1,0;0): ok, miss → (−1,1;1), miss → (0,1;2), miss → (−1,0;1)
	//   epoch 2 from (−1,0;1): miss → (−1,0;0), then as epoch 1 → (−1,0;1)
	// so epoch 3 starts where epoch 2 did: First 2, Repeat 3, Period 1,
	// with four mistakes in every epoch of the cycle.
	if c != (Cycle{First: 2, Repeat: 3, Period: 1}) {
		t.Errorf("cycle = %+v, want {2 3 1}", c)
	}
	if got := res.Epochs[2].Mistakes; got != 4 {
		t.Errorf("epoch 2 made %d mistakes, want 4", got)
	}
}

func TestPerceptronPanics(t *testing.T) {
	var p Perceptron
	wantPanic(t, "dl: Perceptron.Train: x has 4 rows, y has 3 labels", func() { p.Train(boolInputs, []float64{0, 1, 1}, 0) })
	wantPanic(t, "dl: Perceptron.Train: label 2 is 0.5, want 0 or 1", func() { p.Train(boolInputs, []float64{0, 1, 0.5, 1}, 0) })
	wantPanic(t, "dl: Perceptron.Train: row 1 has 3 columns, row 0 has 2", func() { p.Train([][]float64{{0, 0}, {1, 1, 1}}, []float64{0, 1}, 0) })
	wantPanic(t, "dl: Perceptron.Train: x[1][0] is NaN", func() { p.Train([][]float64{{0, 0}, {math.NaN(), 1}}, []float64{0, 1}, 0) })
	q := Perceptron{W: []float64{1, 2, 3}}
	wantPanic(t, "dl: Perceptron.Train: x has 2 columns, W has 3", func() { q.Train(boolInputs, []float64{0, 0, 0, 1}, 0) })
	wantPanic(t, "dl: Perceptron.Predict: x has 2 entries, W has 3", func() { q.Predict([]float64{1, 2}) })
}
