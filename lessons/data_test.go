package lessons

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestTruthTables(t *testing.T) {
	tests := []struct {
		name string
		f    func() (x, y *mat.Dense)
		want []float64
	}{
		{"XOR", XOR, []float64{0, 1, 1, 0}},
		{"AND", AND, []float64{0, 0, 0, 1}},
		{"OR", OR, []float64{0, 1, 1, 1}},
		{"NAND", NAND, []float64{1, 1, 1, 0}},
	}
	inputs := []float64{0, 0, 0, 1, 1, 0, 1, 1}
	for _, tt := range tests {
		x, y := tt.f()
		if !mat.Equal(x, mat.NewDense(4, 2, inputs)) {
			t.Errorf("%s: inputs %v", tt.name, mat.Formatted(x))
		}
		if !mat.Equal(y, mat.NewDense(4, 1, tt.want)) {
			t.Errorf("%s: targets %v, want %v", tt.name, mat.Formatted(y.T()), tt.want)
		}
	}
}

func TestSpiral(t *testing.T) {
	x, y := Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	if r, c := x.Dims(); r != 300 || c != 2 {
		t.Fatalf("x is %d×%d, want 300×2", r, c)
	}
	if r, c := y.Dims(); r != 300 || c != 3 {
		t.Fatalf("y is %d×%d, want 300×3", r, c)
	}
	for j := range 3 {
		for i := range 100 {
			row := j*100 + i
			// The radius is exactly linspace(0, 1, 100); only the angle is noisy.
			if r, want := math.Hypot(x.At(row, 0), x.At(row, 1)), float64(i)/99; math.Abs(r-want) > 1e-12 {
				t.Fatalf("row %d: radius %v, want %v", row, r, want)
			}
			for k := range 3 {
				want := 0.0
				if k == j {
					want = 1
				}
				if y.At(row, k) != want {
					t.Fatalf("row %d: y = %v, want one-hot class %d", row, mat.Formatted(y.RowView(row).T()), j)
				}
			}
		}
	}
	// The noise on the angle has standard deviation 0.2: measure it.
	var sum, sum2 float64
	for j := range 3 {
		for i := 1; i < 100; i++ { // r = 0 at i = 0 leaves the angle undefined
			row := j*100 + i
			t0 := 4*float64(j) + 4*float64(i)/99
			got := math.Atan2(x.At(row, 0), x.At(row, 1)) // x = r sin t, y = r cos t
			d := math.Remainder(got-t0, 2*math.Pi)
			sum += d
			sum2 += d * d
		}
	}
	n := 3 * 99.0
	sd := math.Sqrt(sum2/n - (sum/n)*(sum/n))
	if sd < 0.15 || sd > 0.25 {
		t.Errorf("angle noise has standard deviation %.3f, want about 0.2", sd)
	}
	// Same seed, same data; another seed, other data.
	x2, _ := Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	if !mat.Equal(x, x2) {
		t.Error("same seed gave different spirals")
	}
	x3, _ := Spiral(3, 100, rand.New(rand.NewPCG(3, 4)))
	if mat.Equal(x, x3) {
		t.Error("different seeds gave the same spiral")
	}
}

func TestLinearlySeparable(t *testing.T) {
	const n, margin = 200, 0.1
	x, y := LinearlySeparable(n, margin, rand.New(rand.NewPCG(5, 6)))
	ones := 0
	for i := range n {
		if a, b := x.At(i, 0), x.At(i, 1); math.Abs(a) > 1 || math.Abs(b) > 1 {
			t.Fatalf("point %d = (%v, %v) outside [−1, 1]²", i, a, b)
		}
		switch y.At(i, 0) {
		case 1:
			ones++
		case 0:
		default:
			t.Fatalf("y[%d] = %v, want 0 or 1", i, y.At(i, 0))
		}
	}
	if ones == 0 || ones == n {
		t.Fatalf("only one class among %d points", n)
	}
	// An independent check of separability with a gap: the perceptron
	// (Rosenblatt 1958) makes at most (R/γ)² mistakes (Novikoff 1962). With
	// the bias as a third input of 1, R² ≤ 1 + 1 + 1 = 3, and the true line
	// (w, b) with |w| = 1, |b| ≤ 0.5 leaves a gap γ ≥ margin/√1.25, so there
	// are at most 3·1.25/0.1² = 375 mistakes: 1000 epochs is plenty.
	var w [3]float64
	for epoch := 0; ; epoch++ {
		if epoch == 1000 {
			t.Fatal("perceptron did not separate the data in 1000 epochs")
		}
		mistakes := 0
		for i := range n {
			in := [3]float64{x.At(i, 0), x.At(i, 1), 1}
			out := 0.0
			if w[0]*in[0]+w[1]*in[1]+w[2]*in[2] > 0 {
				out = 1
			}
			if d := y.At(i, 0) - out; d != 0 {
				mistakes++
				for k := range w {
					w[k] += d * in[k]
				}
			}
		}
		if mistakes == 0 {
			break
		}
	}
}

func TestDataPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Spiral with 1 point":      func() { Spiral(3, 1, rand.New(rand.NewPCG(1, 1))) },
		"negative margin":          func() { LinearlySeparable(10, -1, rand.New(rand.NewPCG(1, 1))) },
		"no points":                func() { LinearlySeparable(0, 0.1, rand.New(rand.NewPCG(1, 1))) },
		"margin wider than square": func() { LinearlySeparable(10, 0.5, rand.New(rand.NewPCG(1, 1))) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
