//go:build openblas && cgo

package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestOpenBLASDgemm compares OpenBLAS's Dgemm with gonum's on the shapes of
// an MNIST network's forward and backward passes and on odd sizes, with
// every transpose combination, α and β ≠ 1 and row strides wider than the
// matrices; with 0, 1 and 2 worker goroutines, so that large products are
// computed whole, in 2 and in 3 blocks of rows or columns. Both add the same k products in different orders, so each entry
// may differ by a few units of rounding of the sum of |terms|: the bound is
// 1e-13 relative to that sum (k ≤ 784 terms of size ≤ 1 give errors
// ≈ k·2⁻⁵³ ≈ 1e-13 at worst).
func TestOpenBLASDgemm(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := [][3]int{ // m, n, k
		{64, 100, 784}, {64, 10, 100}, {784, 100, 64}, {100, 10, 64}, {64, 100, 10},
		{10, 30, 784}, {784, 30, 10}, {1, 1, 1}, {3, 5, 7}, {17, 1, 33}, {1, 9, 2},
		{300, 64, 64}, {31, 301, 97}, {301, 31, 97},
	}
	impls := []*openBLAS{newOpenBLAS(0), newOpenBLAS(1), newOpenBLAS(2)}
	ops := []blas.Transpose{blas.NoTrans, blas.Trans}
	for _, s := range shapes {
		for _, tA := range ops {
			for _, tB := range ops {
				m, n, k := s[0], s[1], s[2]
				for _, impl := range impls {
					name := fmt.Sprintf("%c%c_%dx%dx%d_workers%d", tA, tB, m, n, k, impl.workers)
					t.Run(name, func(t *testing.T) {
						rowsA, colsA := m, k
						if tA == blas.Trans {
							rowsA, colsA = k, m
						}
						rowsB, colsB := k, n
						if tB == blas.Trans {
							rowsB, colsB = n, k
						}
						lda, ldb, ldc := colsA+2, colsB+1, n+3 // strides wider than the rows
						a := randSlice(rng, (rowsA-1)*lda+colsA)
						b := randSlice(rng, (rowsB-1)*ldb+colsB)
						c0 := randSlice(rng, (m-1)*ldc+n)
						want := append([]float64(nil), c0...)
						got := append([]float64(nil), c0...)
						const alpha, beta = 0.75, -0.5
						gonum.Implementation{}.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
						impl.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, got, ldc)
						for i := range m {
							for j := range ldc {
								idx := i*ldc + j
								if idx >= len(got) {
									break
								}
								if j >= n { // padding between rows must stay untouched
									if got[idx] != c0[idx] {
										t.Fatalf("C[%d] in the row padding changed from %v to %v", idx, c0[idx], got[idx])
									}
									continue
								}
								scale := float64(k)*alpha + math.Abs(beta) // bound on Σ|terms|
								if d := math.Abs(got[idx] - want[idx]); d > 1e-13*scale {
									t.Fatalf("C[%d,%d] = %v, gonum gives %v (difference %.2g)", i, j, got[idx], want[idx], d)
								}
							}
						}
					})
				}
			}
		}
	}
}

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*rng.Float64() - 1
	}
	return s
}

func TestOpenBLASDgemmPanics(t *testing.T) {
	o := newOpenBLAS(0)
	tests := []struct {
		name string
		call func()
		want string
	}{
		// 16×16×16 = 4096 multiply-adds: large enough for OpenBLAS, so
		// these reach openBLAS's own checks.
		{"short A", func() {
			o.Dgemm(blas.NoTrans, blas.NoTrans, 16, 16, 16, 1, make([]float64, 255), 16, make([]float64, 256), 16, 0, make([]float64, 256), 16)
		}, "A is 16×16 with stride 16 but has only 255 elements"},
		{"narrow stride", func() {
			o.Dgemm(blas.NoTrans, blas.Trans, 16, 32, 16, 1, make([]float64, 256), 16, make([]float64, 512), 15, 0, make([]float64, 512), 32)
		}, "B has 16 columns but stride 15"},
		{"short C", func() {
			o.Dgemm(blas.Trans, blas.NoTrans, 16, 16, 16, 1, make([]float64, 256), 16, make([]float64, 256), 16, 0, make([]float64, 255), 16)
		}, "C is 16×16 with stride 16 but has only 255 elements"},
		{"negative size", func() {
			o.Dgemm(blas.NoTrans, blas.NoTrans, -64, -64, 16, 1, nil, 16, nil, 16, 0, nil, 16)
		}, "A is -64×16"},
		// Smaller products go to gonum's Dgemm, which panics with its own
		// message.
		{"tiny, short A", func() {
			o.Dgemm(blas.NoTrans, blas.NoTrans, 2, 2, 2, 1, make([]float64, 3), 2, make([]float64, 4), 2, 0, make([]float64, 4), 2)
		}, "blas: insufficient length of a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.Contains(msg, tt.want) {
					t.Fatalf("panic %v, want one containing %q", r, tt.want)
				}
			}()
			tt.call()
		})
	}
}

func TestUseOpenBLAS(t *testing.T) {
	defer blas64.Use(blas64.Implementation())
	if err := UseOpenBLAS(); err != nil {
		t.Fatal(err)
	}
	if got := Name(); !strings.HasPrefix(got, "OpenBLAS ") || !strings.Contains(got, "kernels") {
		t.Errorf("Name() = %q, want OpenBLAS with its kernels and threads", got)
	}
	blas64.Use(gonum.Implementation{})
	if got := Name(); strings.HasPrefix(got, "OpenBLAS") {
		t.Errorf("after blas64.Use(gonum): Name() = %q", got)
	}
}

// TestOpenBLASConcurrent multiplies from several goroutines at once: one of
// them gets the workers, the others compute whole products, and every
// result must still be right (run with -race to check the hand-offs).
func TestOpenBLASConcurrent(t *testing.T) {
	o := newOpenBLAS(2)
	const m, n, k = 96, 80, 200 // 1.5M multiply-adds: split in 3
	rng := rand.New(rand.NewPCG(3, 4))
	a, b := randSlice(rng, m*k), randSlice(rng, k*n)
	want := make([]float64, m*n)
	gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, want, n)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := make([]float64, m*n)
			for range 20 {
				o.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n)
				if d := maxDiff(c, want); d > 1e-12 {
					errs <- fmt.Sprintf("goroutine %d: result differs from gonum's by %.2g", g, d)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestOpenBLASDgemmAllocs: a product split over the workers allocates
// nothing, so training steps stay allocation-free with OpenBLAS.
func TestOpenBLASDgemmAllocs(t *testing.T) {
	o := newOpenBLAS(1)
	const m, n, k = 64, 100, 784
	a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
	allocs := testing.AllocsPerRun(50, func() {
		o.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n)
	})
	if allocs != 0 {
		t.Errorf("Dgemm allocates %v times per call, want 0", allocs)
	}
}

func maxDiff(a, b []float64) float64 {
	var d float64
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}
