package dl

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
// bit for bit (see kernel.go), on every case it accepts, and accepts every
// case with finite B.
func TestKernelsMatchGonum(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine: products use gonum's Dgemm directly")
	}
	for _, share := range []bool{false, true} {
		for _, wide := range []bool{false, have512} {
			old, oldWide := ShareProducts(share), have512
			have512 = wide
			t.Run(fmt.Sprintf("share=%v/avx512=%v", share, wide), testKernelsMatchGonum)
			ShareProducts(old)
			have512 = oldWide
		}
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

// TestElementwiseKernels checks addBias, addBiasReLU and reluBackward against
// the Go loops they replace, bit for bit, at every length up to 19 and on
// special values.
func TestElementwiseKernels(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(3, 3))
	special := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1e-310, -1e-310}
	pick := func() float64 {
		if rng.IntN(2) == 0 {
			return special[rng.IntN(len(special))]
		}
		return rng.NormFloat64()
	}
	for n := 1; n < 20; n++ {
		for range 200 {
			z, b, g := make([]float64, n), make([]float64, n), make([]float64, n)
			for j := range n {
				z[j], b[j], g[j] = pick(), pick(), pick()
			}
			// Go: z+b, then max(z, 0); g·σ′(z).
			wantZ, wantA, wantD := make([]float64, n), make([]float64, n), make([]float64, n)
			for j := range n {
				wantZ[j] = z[j] + b[j]
				wantA[j] = relu(wantZ[j])
				wantD[j] = g[j] * reluDeriv(z[j])
			}
			gotZ, gotA, gotD := append([]float64(nil), z...), make([]float64, n), make([]float64, n)
			kernel.AddBiasReLU(1, n, &gotZ[0], n, &gotA[0], n, &b[0])
			kernel.ReLUBackward(1, n, &gotD[0], n, &g[0], n, &z[0], n)
			gotZ2 := append([]float64(nil), z...)
			kernel.AddBias(1, n, &gotZ2[0], n, &b[0])
			for j := range n {
				if !sameFloatBits(gotZ[j], wantZ[j]) || !sameFloatBits(gotZ2[j], wantZ[j]) {
					t.Fatalf("n=%d: z+b at %d: %v, %v, want %v", n, j, gotZ[j], gotZ2[j], wantZ[j])
				}
				if !sameFloatBits(gotA[j], wantA[j]) {
					t.Fatalf("n=%d: relu(%v) = %v, want %v", n, wantZ[j], gotA[j], wantA[j])
				}
				if !sameFloatBits(gotD[j], wantD[j]) {
					t.Fatalf("n=%d: %v·relu′(%v) = %v, want %v", n, g[j], z[j], gotD[j], wantD[j])
				}
			}
		}
	}
}

// TestAdamKernel checks that Adam.Step gives the same bits with and without
// the AVX2 loop, over 50 steps on random gradients with zeros and -0.
func TestAdamKernel(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	for _, wd := range []float64{0, 0.01} {
		for _, cols := range []int{1, 3, 4, 7, 64} {
			w1 := randomMat(rng, 5, cols)
			w2 := mat.DenseCopyOf(w1)
			g := mat.NewDense(5, cols, nil)
			fast, slow := &Adam{WeightDecay: wd}, &Adam{WeightDecay: wd}
			for step := range 50 {
				g.Copy(randomMat(rng, 5, cols))
				fast.Step([]Param{{Name: "W", Value: w1, Grad: g}}, 0.01)
				haveKernels = false
				slow.Step([]Param{{Name: "W", Value: w2, Grad: g}}, 0.01)
				haveKernels = true
				for i, x := range w1.RawMatrix().Data {
					if y := w2.RawMatrix().Data[i]; !sameFloatBits(x, y) {
						t.Fatalf("wd=%v cols=%d step %d: weight %d is %v with AVX2, %v without", wd, cols, step, i, x, y)
					}
				}
			}
		}
	}
}

func randomMat(rng *rand.Rand, r, c int) *mat.Dense {
	return mat.NewDense(r, c, randomData(rng, r*c, 0.2))
}

// TestCopyWT checks the transposed copy of W, with and without the AVX2
// blocks, on shapes with and without edges.
func TestCopyWT(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, sz := range [][2]int{{1, 1}, {2, 64}, {64, 64}, {64, 3}, {5, 7}, {784, 100}, {8, 4}} {
		d := NewDense(sz[0], sz[1], ReLU, Glorot{}, rng)
		d.copyWT()
		for i := range sz[0] {
			for j := range sz[1] {
				if d.wT.At(j, i) != d.W.At(i, j) {
					t.Fatalf("%d×%d: wT[%d][%d] = %v, W[%d][%d] = %v", sz[0], sz[1], j, i, d.wT.At(j, i), i, j, d.W.At(i, j))
				}
			}
		}
	}
}

// TestRowKernels checks the row loops of the element-wise kernels against Go
// on matrices with gaps between rows: 5 rows of 7 in a stride of 9.
func TestRowKernels(t *testing.T) {
	if !haveKernels {
		t.Skip("no AVX2 kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(4, 4))
	const rows, n, stride = 5, 7, 9
	z, g, a, d := randomData(rng, rows*stride, 0.3), randomData(rng, rows*stride, 0.3), make([]float64, rows*stride), make([]float64, rows*stride)
	b := randomData(rng, n, 0.2)
	z0 := append([]float64(nil), z...)
	kernel.AddBiasReLU(rows, n, &z[0], stride, &a[0], stride, &b[0])
	kernel.ReLUBackward(rows, n, &d[0], stride, &g[0], stride, &z0[0], stride)
	sum := make([]float64, n)
	kernel.SumRows(rows, n, &g[0], stride, &sum[0])
	z2 := append([]float64(nil), z0...)
	kernel.AddBias(rows, n, &z2[0], stride, &b[0])
	wantSum := make([]float64, n)
	for r := range rows {
		for j := range stride {
			k := r*stride + j
			if j >= n {
				if z[k] != z0[k] || a[k] != 0 || d[k] != 0 || z2[k] != z0[k] {
					t.Fatalf("row %d: the gap at column %d was written", r, j)
				}
				continue
			}
			wz := z0[k] + b[j]
			if !sameFloatBits(z[k], wz) || !sameFloatBits(z2[k], wz) || !sameFloatBits(a[k], relu(wz)) || !sameFloatBits(d[k], g[k]*reluDeriv(z0[k])) {
				t.Fatalf("row %d column %d: z %v/%v a %v d %v, want z %v a %v d %v", r, j, z[k], z2[k], a[k], d[k], wz, relu(wz), g[k]*reluDeriv(z0[k]))
			}
			wantSum[j] += g[k]
		}
	}
	for j := range n {
		if !sameFloatBits(sum[j], wantSum[j]) {
			t.Fatalf("column sum %d: %v, want %v", j, sum[j], wantSum[j])
		}
	}
}
