//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// Available reports whether the kernels can run on this machine: it is a
// variable only so that dl's tests can switch the fast paths off and compare.
var Available = cpu.X86.HasAVX2

// Gemm2x16 sets, for r = 0, 1 and j < 16,
//
//	cr[j] = Σ_{l<k} ar[l·als]·b[l·ldb+j]
//
// summing in the order of l from +0, each product rounded before it is added:
// two rows of a product C = A·B (or Aᵀ·B, by the stride als) held in
// registers for the whole sum.
//
//go:noescape
func Gemm2x16(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64)

// Gemm2x4 is Gemm2x16 for four columns, of which only those whose mask entry
// has its top bit set are read from b and written to c.
//
//go:noescape
func Gemm2x4(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64, mask *[4]uint64)

// Dot4 sets c[r] = 0 + Σ_{l<k} a[l]·br[l] for r < 4, summed as gonum's
// DotUnitary sums: four partial sums s0..s3 over the l with l mod 4 = 0..3,
// the last k mod 4 products added to s0, then (s0+s2) + (s1+s3).
//
//go:noescape
func Dot4(k int, a, b0, b1, b2, b3 *float64, c *[4]float64)

// Finite reports whether x[0:n] holds no infinity and no NaN.
//
//go:noescape
func Finite(x *float64, n int) bool

// AddBiasReLU sets z[j] += b[j] and then a[j] = max(z[j], 0) with Go's max
// (NaN stays NaN, -0 becomes +0), for j < n, in each of rows rows of z and
// a (strides zs and as, in elements).
//
//go:noescape
func AddBiasReLU(rows, n int, z *float64, zs int, a *float64, as int, b *float64)

// AddBias sets z[j] += b[j] for j < n in each of rows rows of z (stride zs).
//
//go:noescape
func AddBias(rows, n int, z *float64, zs int, b *float64)

// SumRows adds each of rows rows of x (stride xs), in order, to dst[0:n]:
// dst[j] += x[r][j], the column sums of x added row after row.
//
//go:noescape
func SumRows(rows, n int, x *float64, xs int, dst *float64)

// ReLUBackward sets dst[j] = grad[j]·s for j < n in each of rows rows
// (strides ds, gs, zs), where s is 1 if z[j] > 0 and 0 otherwise (also for
// NaN): the product, not a choice, so 0·Inf is NaN.
//
//go:noescape
func ReLUBackward(rows, n int, dst *float64, ds int, grad *float64, gs int, z *float64, zs int)

// Compact lists the nonzero entries of a strided vector for the sparse
// kernels: for l < k in order, it keeps each a[l·as] that is not ±0 (a NaN
// is kept, as gonum's Dgemm keeps it), writing the value to vals and l·bstep
// to offs, and returns how many it kept. vals and offs need room for k+3
// entries. lut must be CompressLUT.
//
//go:noescape
func Compact(k int, a *float64, as int, bstep int, vals *float64, offs *int, lut *[16][8]int32) int

// GemmIdx1x32 sets c[j] = Σ_{e<cnt} vals[e]·b[offs[e]/8 + j] for j < 32,
// summing in the order of e from +0: one row of a product whose zero
// entries in A were left out by Compact.
//
//go:noescape
func GemmIdx1x32(cnt int, vals *float64, offs *int, b *float64, c *float64)

// GemmIdx1x4 is GemmIdx1x32 for four columns, of which only those whose mask
// entry has its top bit set are read from b and written to c.
//
//go:noescape
func GemmIdx1x4(cnt int, vals *float64, offs *int, b *float64, c *float64, mask *[4]uint64)

// CompressLUT[r] lists, as pairs of 32-bit lanes, the 64-bit lanes whose
// bits are set in r, first to last: the permutation that moves them to the
// front of a vector.
var CompressLUT = func() (lut [16][8]int32) {
	for r := range 16 {
		n := 0
		for lane := range 4 {
			if r&(1<<lane) != 0 {
				lut[r][2*n], lut[r][2*n+1] = int32(2*lane), int32(2*lane+1)
				n++
			}
		}
	}
	return lut
}()

// Available512 reports whether Gemm4x32, which needs AVX-512, can run.
var Available512 = Available && cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// Gemm4x32 sets c[r·ldc+j] = Σ_{l<k} a[r·ars+l·als]·b[l·ldb+j] for r < 4 and
// j < 32, summing in the order of l from +0, with AVX-512 (16 accumulators
// of eight numbers): four rows share each load of b, which halves the reads
// of B against Gemm2x16 where B streams from the second-level cache (δ in
// ∂L/∂W = xᵀ·δ).
//
//go:noescape
func Gemm4x32(k int, a *float64, ars, als int, b *float64, ldb int, c *float64, ldc int)

// Transpose4x4 sets dst[j·ds+i] = src[i·ss+j] for i, j < 4.
//
//go:noescape
func Transpose4x4(src *float64, ss int, dst *float64, ds int)

// GemmIdx1x64 is GemmIdx1x32 for 64 columns, with AVX-512.
//
//go:noescape
func GemmIdx1x64(cnt int, vals *float64, offs *int, b *float64, c *float64)

// Compact512 is Compact for a contiguous vector (as = 1) with AVX-512, eight
// entries at a time. vals and offs need room for k+7 entries.
//
//go:noescape
func Compact512(k int, a *float64, bstep int, vals *float64, offs *int) int
