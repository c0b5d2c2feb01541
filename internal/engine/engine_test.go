package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// withoutKernels runs f with the assembly kernels switched off.
func withoutKernels(f func()) {
	old := haveKernels
	haveKernels = false
	defer func() { haveKernels = old }()
	f()
}

// sameMat reports whether a and b hold the same bits (NaN equal to NaN).
func sameMat(a, b *mat.Dense) bool {
	ar, ac := a.Dims()
	if br, bc := b.Dims(); ar != br || ac != bc {
		return false
	}
	for i := range ar {
		for j := range ac {
			if !sameFloatBits(a.At(i, j), b.At(i, j)) {
				return false
			}
		}
	}
	return true
}

// TestMulMatchesGonum checks Mul against gonum's own dst.Mul on the shapes
// of the course's layers and on shapes that cross Mul's tile edges, for all
// four transpose combinations, with and without the kernels.
func TestMulMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, sh := range [][3]int{{4, 2, 2}, {4, 1, 2}, {300, 64, 2}, {300, 64, 64}, {300, 3, 64}, {64, 100, 784}, {10, 30, 784}, {5, 7, 3},
		{1, 1, 1}, {65, 200, 3}, {130, 5, 70}, {7, 193, 400}} { // the last three cross the 64-row and 192-column tiles {
		m, n, k := sh[0], sh[1], sh[2]
		for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			ta, tb := tr[0], tr[1]
			a := normalMat(rng, m, k)
			if ta {
				a = normalMat(rng, k, m)
			}
			b := normalMat(rng, k, n)
			if tb {
				b = normalMat(rng, n, k)
			}
			var opA, opB mat.Matrix = a, b
			if ta {
				opA = a.T()
			}
			if tb {
				opB = b.T()
			}
			want := mat.NewDense(m, n, nil)
			want.Mul(opA, opB)
			fast, slow := mat.NewDense(m, n, nil), mat.NewDense(m, n, nil)
			Mul(fast, a, ta, b, tb)
			withoutKernels(func() { Mul(slow, a, ta, b, tb) })
			name := fmt.Sprintf("%d×%d×%d ta=%v tb=%v", m, n, k, ta, tb)
			// The same bits on every machine; the same values as gonum's
			// Mul up to the order of the sums (Mul may take the dot-product
			// or the axpy form, and gonum's parallel Dgemm splits long sums).
			if !sameMat(fast, slow) {
				t.Errorf("%s: different bits with and without the kernels", name)
			}
			if !mat.EqualApprox(fast, want, 1e-12) {
				t.Errorf("%s: differs from gonum's Mul", name)
			}
		}
	}
}

// normalMat returns an r×c matrix of standard normal numbers, with half of
// them replaced by zeros when r > 100 (as after a ReLU).
func normalMat(rng *rand.Rand, r, c int) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			if r <= 100 || rng.IntN(2) == 0 {
				m.Set(i, j, rng.NormFloat64())
			}
		}
	}
	return m
}

func TestMulPanicsOnShapes(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || r != "engine: Mul: 2×3 times 2×2 into 2×2" {
			t.Errorf("panic %v", r)
		}
	}()
	Mul(mat.NewDense(2, 2, nil), mat.NewDense(2, 3, nil), false, mat.NewDense(2, 2, nil), false)
}

// TestMulAllocs checks that a warm Mul allocates nothing, transposed copy
// included.
func TestMulAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	a, w, dst := randomMat(rng, 300, 64), randomMat(rng, 64, 3), mat.NewDense(300, 3, nil)
	dx := mat.NewDense(300, 64, nil)
	Mul(dst, a, false, w, false)
	Mul(dx, dst, false, w, true)
	if n := testing.AllocsPerRun(100, func() {
		Mul(dst, a, false, w, false)
		Mul(dx, dst, false, w, true)
	}); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

// TestElementwise checks AddRow, ReLU, ReLUGrad and ColSums with the kernels
// against their Go loops, bit for bit, on special values and on matrices
// with gaps between rows (views of wider ones).
func TestElementwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	special := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1e-310, -1e-310}
	pick := func() float64 {
		if rng.IntN(2) == 0 {
			return special[rng.IntN(len(special))]
		}
		return rng.NormFloat64()
	}
	for _, sh := range [][2]int{{1, 1}, {1, 19}, {5, 7}, {3, 16}, {300, 64}, {2, 1500}} {
		r, c := sh[0], sh[1]
		view := func() *mat.Dense { // r×c inside r×(c+3)
			m := mat.NewDense(r, c+3, nil)
			for i := range r {
				for j := range c + 3 {
					m.Set(i, j, pick())
				}
			}
			return m.Slice(0, r, 0, c).(*mat.Dense)
		}
		z, g := view(), view()
		row := make([]float64, c)
		for j := range row {
			row[j] = pick()
		}
		type result struct {
			z, a, d *mat.Dense
			sums    []float64
		}
		run := func() result {
			res := result{z: mat.DenseCopyOf(z), a: mat.NewDense(r, c, nil), d: mat.NewDense(r, c, nil), sums: make([]float64, c)}
			AddRow(res.z, row)
			ReLU(res.a, res.z)
			ReLUGrad(res.d, g, z)
			ColSums(res.sums, g)
			return res
		}
		fast := run()
		var slow result
		withoutKernels(func() { slow = run() })
		name := fmt.Sprintf("%d×%d", r, c)
		if !sameMat(fast.a, slow.a) || !sameMat(fast.d, slow.d) {
			t.Errorf("%s: ReLU or ReLUGrad differ with the kernels", name)
		}
		// z may differ in the sign of zeros only (see ReLU).
		if !mat.EqualApprox(fast.z, slow.z, 0) && !sameMat(fast.z, slow.z) {
			for i := range r {
				for j := range c {
					if f, s := fast.z.At(i, j), slow.z.At(i, j); !sameFloatBits(f, s) && !(f == 0 && s == 0) {
						t.Fatalf("%s: AddRow: z[%d][%d]+row[%d] = %v+%v is %v with the kernels, %v without", name, i, j, j, z.At(i, j), row[j], f, s)
					}
				}
			}
		}
		for j := range c {
			if !sameFloatBits(fast.sums[j], slow.sums[j]) {
				t.Fatalf("%s: column sum %d is %v with the kernels, %v without", name, j, fast.sums[j], slow.sums[j])
			}
		}
	}
}

// TestTranspose checks the transposed copy, with and without the AVX2
// blocks, on shapes with and without edges.
func TestTranspose(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, sz := range [][2]int{{1, 1}, {2, 64}, {64, 64}, {64, 3}, {5, 7}, {784, 100}, {8, 4}} {
		b := randomMat(rng, sz[0], sz[1])
		for _, kernels := range []bool{true, false} {
			var tr mat.Dense
			if kernels {
				transpose(&tr, b)
			} else {
				withoutKernels(func() { transpose(&tr, b) })
			}
			if !mat.Equal(&tr, b.T()) {
				t.Fatalf("%d×%d kernels=%v: wrong transpose", sz[0], sz[1], kernels)
			}
		}
	}
}
