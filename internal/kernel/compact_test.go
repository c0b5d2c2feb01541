package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCompact checks both Compact versions against a plain loop: every
// length up to 40, strides 1 and 3, zeros, -0 and NaN.
func TestCompact(t *testing.T) {
	if !Available {
		t.Skip("no AVX2 kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(2, 2))
	for k := 1; k <= 40; k++ {
		for _, as := range []int{1, 3} {
			for range 20 {
				a := make([]float64, k*as)
				for i := range a {
					switch rng.IntN(5) {
					case 0:
						a[i] = 0
					case 1:
						a[i] = math.Copysign(0, -1)
					case 2:
						a[i] = math.NaN()
					default:
						a[i] = rng.NormFloat64()
					}
				}
				var wantV []float64
				var wantO []int
				for l := range k {
					if v := a[l*as]; v != 0 || v != v {
						wantV, wantO = append(wantV, v), append(wantO, l*24)
					}
				}
				check := func(name string, n int, vals []float64, offs []int) {
					if n != len(wantV) {
						t.Fatalf("%s k=%d as=%d: %d entries, want %d", name, k, as, n, len(wantV))
					}
					for e := range n {
						if math.Float64bits(vals[e]) != math.Float64bits(wantV[e]) || offs[e] != wantO[e] {
							t.Fatalf("%s k=%d as=%d: entry %d is (%v, %d), want (%v, %d)", name, k, as, e, vals[e], offs[e], wantV[e], wantO[e])
						}
					}
				}
				vals, offs := make([]float64, k+7), make([]int, k+7)
				check("Compact", Compact(k, &a[0], as, 24, &vals[0], &offs[0], &CompressLUT), vals, offs)
				if Available512 && as == 1 {
					vals, offs := make([]float64, k+7), make([]int, k+7)
					check("Compact512", Compact512(k, &a[0], 24, &vals[0], &offs[0]), vals, offs)
				}
			}
		}
	}
}
