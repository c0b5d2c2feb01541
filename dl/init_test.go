package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// TestInitializerStatistics draws a 200×300 matrix (60000 weights) from each
// initializer and compares the range, mean and variance with the formulas.
// Tolerances: the sample mean has standard error σ/√60000 ≈ 0.004σ, and the
// sample variance about √(2/60000) ≈ 0.6% (normal) or less (uniform), so we
// allow 0.02σ for the mean and 3% for the variance: more than 4 standard
// errors, while a wrong formula (fanOut for fanIn, a missing 2) is off by
// 20% or more.
func TestInitializerStatistics(t *testing.T) {
	const fanIn, fanOut = 200, 300
	glorotA := math.Sqrt(6.0 / (fanIn + fanOut))
	tests := []struct {
		init    Initializer
		bound   float64 // every |w| ≤ bound; 0 means unbounded
		wantVar float64
	}{
		{Uniform{}, 0.5, 0.25 / 3}, // U(−a, a) has variance a²/3
		{Uniform{Scale: 0.1}, 0.1, 0.01 / 3},
		{Glorot{}, glorotA, 2.0 / (fanIn + fanOut)},
		{He{}, 0, 2.0 / fanIn},
	}
	for _, tt := range tests {
		w := mat.NewDense(fanIn, fanOut, nil)
		tt.init.Init(w, rand.New(rand.NewPCG(1, 2)))
		data := w.RawMatrix().Data
		mean, variance := stat.MeanVariance(data, nil)
		sd := math.Sqrt(tt.wantVar)
		if math.Abs(mean) > 0.02*sd {
			t.Errorf("%T%+v: mean %g, want 0 ± %g", tt.init, tt.init, mean, 0.02*sd)
		}
		if math.Abs(variance/tt.wantVar-1) > 0.03 {
			t.Errorf("%T%+v: variance %g, want %g ± 3%%", tt.init, tt.init, variance, tt.wantVar)
		}
		if tt.bound > 0 {
			for _, v := range data {
				if math.Abs(v) > tt.bound {
					t.Errorf("%T%+v: weight %g outside ±%g", tt.init, tt.init, v, tt.bound)
					break
				}
			}
		}
	}
}

func TestNewDenseDefaults(t *testing.T) {
	d := NewDense(3, 2, Tanh, nil, rand.New(rand.NewPCG(8, 8)))
	g := mat.NewDense(3, 2, nil)
	Glorot{}.Init(g, rand.New(rand.NewPCG(8, 8)))
	if !mat.Equal(d.W, g) {
		t.Errorf("nil initializer does not give Glorot{}")
	}
	zero := mat.NewDense(1, 2, nil)
	if !mat.Equal(d.B, zero) || !mat.Equal(d.DB, zero) || !mat.Equal(d.DW, mat.NewDense(3, 2, nil)) {
		t.Errorf("biases and gradients do not start at zero")
	}
	if d.Z() != nil || d.A() != nil || d.Delta() != nil {
		t.Errorf("Z, A or Delta is non-nil before Forward")
	}
}
