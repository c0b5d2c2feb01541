package engine

import "github.com/introdl/introdl/internal/kernel"

// Products with gonum's BLAS, faster.
//
// gonum's pure-Go Dgemm builds C = A·B out of calls to two small assembly
// routines: for C = A·B and C = Aᵀ·B, row i of C is the sum over l of
// a(i,l)·(row l of B), one axpy per l, skipping the l with a(i,l) = 0; for
// C = A·Bᵀ every entry is a dot product of a row of A and a row of B, summed
// in four interleaved partial sums. Both use SSE2 (two numbers at a time) and
// go back to memory for C after every axpy.
//
// The kernels of package kernel compute exactly the same sums in exactly the
// same order, with the same roundings (multiply, then add: never a fused
// multiply-add), so every result is identical bit for bit; they are faster
// because they use AVX2 (four numbers at a time) and keep a 2×16 block of C
// in registers for the whole sum. Two details make "the same" exact:
//   - gonum skips a(i,l) = 0, the kernels add 0·b(l,j) instead. That adds ±0
//     to a sum that started at +0 and so is never -0, which changes nothing,
//     as long as b(l,j) is finite (0·Inf is NaN). gemmKernel checks B first
//     and leaves products with an infinite or NaN entry in B to gonum.
//   - gonum adds each dot product to a zeroed C (0 + s, turning -0 into +0);
//     dot4 does that addition too.
// Notebook outputs therefore do not depend on whether a machine has AVX2,
// and TestKernelsMatchGonum checks the identity on shapes, zeros, signed
// zeros, NaNs and infinities.

// colMasks[w] selects the first w of four columns for gemm2x4.
var colMasks = [5][4]uint64{
	{},
	{1 << 63},
	{1 << 63, 1 << 63},
	{1 << 63, 1 << 63, 1 << 63},
	{1 << 63, 1 << 63, 1 << 63, 1 << 63},
}

// gemmKernel sets C = op(A)·op(B) for the m×n matrix C (row-major data c with
// stride ldc), where op(A) is m×k and op(B) is k×n, as blas64.Gemm with α = 1
// and β = 0 does with gonum's implementation, and reports true; or it does
// nothing and reports false if it cannot give the same bits (no AVX2, a
// non-finite entry in B of an axpy-style product, both factors transposed),
// and the caller must use Gemm.
func gemmKernel(aTrans, bTrans bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) bool {
	if !haveKernels || m == 0 || n == 0 || k == 0 || (aTrans && bTrans) {
		return false
	}
	job := productJob{aTrans, bTrans, m, n, k, a, lda, b, ldb, c, ldc, false}
	job.sparse = !aTrans && !bTrans && n >= 32 && k <= maxSparseK && job.zeroFraction() >= 0.3
	// The dense kernels add 0·b where gonum skips: the same only for finite
	// B. (The sparse ones skip as gonum does, and dot products skip nothing.)
	if !bTrans && !job.sparse && !kernel.Finite(&b[0], (k-1)*ldb+n) {
		return false
	}
	job.rows(0, m)
	return true
}

// productJob is one call of gemmKernel.
type productJob struct {
	aTrans, bTrans bool
	m, n, k        int
	a              []float64
	lda            int
	b              []float64
	ldb            int
	c              []float64
	ldc            int
	sparse         bool // leave out the zeros of A, see sparseRows
}

// maxSparseK is the largest k that sparseRows handles (its buffers are on
// the stack).
const maxSparseK = 1024

// zeroFraction estimates the fraction of zeros in op(A) from its first rows.
func (job *productJob) zeroFraction() float64 {
	ars, als := job.lda, 1
	if job.aTrans {
		ars, als = 1, job.lda
	}
	rows := min(job.m, 8)
	zeros := 0
	for i := range rows {
		for l := range job.k {
			if job.a[i*ars+l*als] == 0 {
				zeros++
			}
		}
	}
	return float64(zeros) / float64(rows*job.k)
}

// sparseRows computes rows [i0, i1) of C = op(A)·B like rows, but first lists
// the nonzero entries of each row of op(A) and then sums only those: this is
// exactly what gonum does (it skips a(i,l) = 0 too), and it halves the work
// after a ReLU layer, whose outputs (and gradients) are about half zeros.
func (job *productJob) sparseRows(i0, i1 int) {
	var vals [maxSparseK + 7]float64 // Compact512 writes 8 at a time
	var offs [maxSparseK + 7]int
	n, k, a, b, c, ldc := job.n, job.k, job.a, job.b, job.c, job.ldc
	ars, als := job.lda, 1
	if job.aTrans {
		ars, als = 1, job.lda
	}
	for i := i0; i < i1; i++ {
		var cnt int
		if have512 && als == 1 {
			cnt = kernel.Compact512(k, &a[i*ars], job.ldb*8, &vals[0], &offs[0])
		} else {
			cnt = kernel.Compact(k, &a[i*ars], als, job.ldb*8, &vals[0], &offs[0], &kernel.CompressLUT)
		}
		ci := c[i*ldc : i*ldc+n]
		j := 0
		for ; have512 && j+64 <= n; j += 64 {
			kernel.GemmIdx1x64(cnt, &vals[0], &offs[0], &b[j], &ci[j])
		}
		for ; j+32 <= n; j += 32 {
			kernel.GemmIdx1x32(cnt, &vals[0], &offs[0], &b[j], &ci[j])
		}
		for ; j < n; j += 4 {
			kernel.GemmIdx1x4(cnt, &vals[0], &offs[0], &b[j], &ci[j], &colMasks[min(4, n-j)])
		}
	}
}

// rows computes rows [i0, i1) of C; i0 is even unless it is m.
func (job *productJob) rows(i0, i1 int) {
	if job.sparse {
		job.sparseRows(i0, i1)
		return
	}
	n, k, a, b, c, ldb, ldc := job.n, job.k, job.a, job.b, job.c, job.ldb, job.ldc
	if job.bTrans {
		// c(i,j) = a(i,:)·b(j,:), four columns at a time.
		var out [4]float64
		for i := i0; i < i1; i++ {
			ai := &a[i*job.lda]
			for j := 0; j < n; j += 4 {
				// Rows j..j+3 of B; past the last row, repeat it.
				b0 := &b[j*ldb]
				b1 := &b[min(j+1, n-1)*ldb]
				b2 := &b[min(j+2, n-1)*ldb]
				b3 := &b[min(j+3, n-1)*ldb]
				kernel.Dot4(k, ai, b0, b1, b2, b3, &out)
				copy(c[i*ldc+j:i*ldc+min(j+4, n)], out[:])
			}
		}
		return
	}
	if have512 && n >= 32 {
		// 4×32 blocks with AVX-512: four rows share each load of B, which
		// for ∂L/∂W = xᵀ·δ (B a whole batch of δ, streaming from the
		// second-level cache) halves the reads, and for short sums (k = 2
		// or 3 in the spiral's small layers) a quarter as many calls.
		ars, als := job.lda, 1
		if job.aTrans {
			ars, als = 1, job.lda
		}
		n32 := n &^ 31
		for ; i0+4 <= i1; i0 += 4 {
			for j := 0; j < n32; j += 32 {
				kernel.Gemm4x32(k, &a[i0*ars], ars, als, &b[j], ldb, &c[i0*ldc+j], ldc)
			}
			job.pairRows(i0, i0+4, n32)
		}
	}
	job.pairRows(i0, i1, 0)
}

// pairRows computes columns j0 and after of rows [i0, i1) of C = op(A)·B
// with the 2×16 and 2×4 kernels.
func (job *productJob) pairRows(i0, i1, j0 int) {
	n, k, a, b, c, ldb, ldc := job.n, job.k, job.a, job.b, job.c, job.ldb, job.ldc
	// a(i,l) is a[i·ars + l·als].
	ars, als := job.lda, 1
	if job.aTrans {
		ars, als = 1, job.lda
	}
	for i := i0; i < i1; i += 2 {
		i2 := min(i+1, i1-1) // an odd last row is computed twice
		a0, a1 := &a[i*ars], &a[i2*ars]
		j := j0
		for ; j+16 <= n; j += 16 {
			kernel.Gemm2x16(k, a0, a1, als, &b[j], ldb, &c[i*ldc+j], &c[i2*ldc+j])
		}
		for ; j < n; j += 4 {
			kernel.Gemm2x4(k, a0, a1, als, &b[j], ldb, &c[i*ldc+j], &c[i2*ldc+j], &colMasks[min(4, n-j)])
		}
	}
}
