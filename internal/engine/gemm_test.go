package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/introdl/introdl/internal/kernel"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
)

// randomData returns n numbers of which about zeroFrac are zero (some of them
// -0), the rest normal with mixed signs and magnitudes.
func randomData(rng *rand.Rand, n int, zeroFrac float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		switch r := rng.Float64(); {
		case r < zeroFrac/2:
			x[i] = 0
		case r < zeroFrac:
			x[i] = math.Copysign(0, -1)
		default:
			x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
		}
	}
	return x
}

// sameFloatBits reports whether x and y are the same float64 bits, counting every
// NaN as equal to every other NaN.
func sameFloatBits(x, y float64) bool {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.IsNaN(x) && math.IsNaN(y)
	}
	return math.Float64bits(x) == math.Float64bits(y)
}

// TestKernelsMatchGonum checks that gemmKernel gives gonum's Dgemm results
// bit for bit (see gemm.go), on every case it accepts, and accepts every
// case with finite B.
func TestKernelsMatchGonum(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine: products use gonum's Dgemm directly")
	}
	for _, wide := range []bool{false, have512} {
		oldWide := have512
		have512 = wide
		t.Run(fmt.Sprintf("avx512=%v", wide), testKernelsMatchGonum)
		have512 = oldWide
	}
}

func testKernelsMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	sizes := []int{1, 2, 3, 4, 5, 7, 15, 16, 17, 31, 33, 64, 65, 100}
	cases := 0
	for trial := range 1500 {
		m := sizes[rng.IntN(len(sizes))]
		n := sizes[rng.IntN(len(sizes))]
		k := sizes[rng.IntN(len(sizes))]
		if trial%50 == 0 {
			m, k = 300, 64 // the spiral's shapes
		}
		aTrans, bTrans := rng.IntN(2) == 0, rng.IntN(3) == 0
		if aTrans && bTrans {
			bTrans = false
		}
		// Strides a little larger than the rows, as in views of bigger matrices.
		ar, ac := m, k
		if aTrans {
			ar, ac = k, m
		}
		br, bc := k, n
		if bTrans {
			br, bc = n, k
		}
		lda, ldb, ldc := ac+rng.IntN(3), bc+rng.IntN(3), n+rng.IntN(3)
		// Dense A (the 2×16 kernels) or A with many zeros (Compact and the
		// sparse kernels), as after a ReLU.
		a := randomData(rng, (ar-1)*lda+ac, []float64{0, 0.1, 0.5, 0.9}[rng.IntN(4)])
		b := randomData(rng, (br-1)*ldb+bc, 0.2)
		poison := ""
		switch rng.IntN(10) {
		case 0:
			a[rng.IntN(len(a))] = math.NaN()
			poison = "NaN in A"
		case 1:
			a[rng.IntN(len(a))] = math.Inf(-1)
			poison = "-Inf in A"
		case 2:
			b[rng.IntN(len(b))] = math.Inf(1)
			poison = "+Inf in B"
		case 3:
			b[rng.IntN(len(b))] = math.NaN()
			poison = "NaN in B"
		}
		want := randomData(rng, (m-1)*ldc+n, 0) // β = 0 ignores what C held
		got := append([]float64(nil), want...)
		tA, tB := blas.NoTrans, blas.NoTrans
		if aTrans {
			tA = blas.Trans
		}
		if bTrans {
			tB = blas.Trans
		}
		// In tiles of 64×192, as mul calls gonum: each tile is small enough
		// for gonum's serial Dgemm. (Its parallel version splits dot products
		// into pieces of 64, a different sum.)
		for i := 0; i < m; i += 64 {
			for j := 0; j < n; j += 192 {
				ao, bo := i*lda, j
				if aTrans {
					ao = i
				}
				if bTrans {
					bo = j * ldb
				}
				gonum.Implementation{}.Dgemm(tA, tB, min(64, m-i), min(192, n-j), k, 1, a[ao:], lda, b[bo:], ldb, 0, want[i*ldc+j:], ldc)
			}
		}
		name := fmt.Sprintf("trial %d: %d×%d×%d aTrans=%v bTrans=%v %s", trial, m, n, k, aTrans, bTrans, poison)
		if !gemmKernel(aTrans, bTrans, m, n, k, a, lda, b, ldb, got, ldc) {
			if bTrans || finiteSlice(b) {
				t.Errorf("%s: kernel refused a product it can do", name)
			}
			continue
		}
		// A non-finite B is fine when the sparse kernels skip A's zeros as
		// gonum does: the comparison below is what matters.
		cases++
		for i := range m {
			for j := range n {
				if w, g := want[i*ldc+j], got[i*ldc+j]; !sameFloatBits(w, g) {
					t.Fatalf("%s: c[%d][%d] = %v (%#x), gonum %v (%#x)", name, i, j, g, math.Float64bits(g), w, math.Float64bits(w))
				}
			}
		}
	}
	t.Logf("%d products identical to gonum's bit for bit", cases)
}

func finiteSlice(x []float64) bool {
	for _, v := range x {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return true
}

// TestFinite checks the assembly finiteness test at every length up to 40
// and every position of the bad value.
func TestFinite(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine")
	}
	for n := 1; n <= 40; n++ {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i) - 1e300
		}
		if !kernel.Finite(&x[0], n) {
			t.Fatalf("n=%d: finite numbers reported as not finite", n)
		}
		for i := range n {
			for _, bad := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
				old := x[i]
				x[i] = bad
				if kernel.Finite(&x[0], n) {
					t.Fatalf("n=%d: %v at %d not noticed", n, bad, i)
				}
				x[i] = old
			}
		}
	}
}

func randomMat(rng *rand.Rand, r, c int) *mat.Dense {
	return mat.NewDense(r, c, randomData(rng, r*c, 0.2))
}
