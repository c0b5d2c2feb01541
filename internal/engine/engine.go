// Package engine computes the few array operations that package dl's layers
// are made of, as fast as this machine allows:
//
//	Mul      C = op(A)·op(B)           (every product of Forward and Backward)
//	AddRow   Zᵢⱼ += bⱼ                 (the bias, added to every row)
//	ReLU     Aᵢⱼ = max(Zᵢⱼ, 0)
//	ReLUGrad Δᵢⱼ = Gᵢⱼ·[Zᵢⱼ > 0]
//	ColSums  sⱼ = Σᵢ Mᵢⱼ
//
// It is the one seam between dl's teaching code, which calls these
// unconditionally, and the speed machinery: AVX2 and AVX-512 assembly
// (package kernel), gonum's BLAS, and OpenBLAS when built with the openblas
// tag (UseOpenBLAS). Each function owns its plain Go fallback, and no caller
// ever asks which path runs.
//
// Every path gives the same bits as the plain loops and as gonum's pure-Go
// Dgemm (the kernels perform the same operations in the same order; see
// gemm.go), so results, and the notebooks' saved outputs, do not depend on
// the machine. OpenBLAS is the exception: it adds the terms of each product
// in another order, and agrees to rounding only.
//
// Nothing here allocates once warm, and every function is safe for
// concurrent use on different matrices.
package engine

import (
	"fmt"
	"sync"

	"github.com/introdl/introdl/internal/kernel"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
)

// haveKernels reports whether the AVX2 loops of package kernel run here (a
// variable so that tests can switch them off and compare).
var haveKernels = kernel.Available

// have512 reports whether the AVX-512 variants run too.
var have512 = kernel.Available512

// Name describes the path products take: "AVX-512", "AVX2", "pure Go", or
// the OpenBLAS library after UseOpenBLAS.
func Name() string {
	switch impl := blas64.Implementation().(type) {
	case gonum.Implementation:
		switch {
		case haveKernels && have512:
			return "AVX-512"
		case haveKernels:
			return "AVX2"
		}
		return "pure Go"
	case fmt.Stringer:
		return impl.String()
	default:
		return fmt.Sprintf("%T", impl)
	}
}

// Mul sets dst = op(a)·op(b), where op transposes its argument when the flag
// is set; dst must already have the right shape, and is entirely
// overwritten. The result is what gonum's dst.Mul gives, bit for bit (with
// gonum's BLAS), but Mul never allocates: gonum's Dgemm hands large products
// to goroutines and allocates on every call, and so does a.T().
//
// With gonum's BLAS, Mul also picks the faster of two equal computations.
// gonum's Dgemm runs its innermost loop along the columns of the result for
// op(b) = b (an axpy) and along the shared dimension for op(b) = bᵀ (a dot
// product); short inner loops are dominated by call overhead (for the
// spiral's 64→3 output layer, δ·Wᵀ as 19 200 dot products of length 3 took
// 5× longer than as 900 axpys of length 64). So when a is not transposed,
// Mul multiplies by a transposed copy of b whenever that gives the longer
// inner loop (ties: axpy).
//
// Mul panics if the shapes do not match.
func Mul(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	if ta {
		ar, ac = ac, ar
	}
	if tb {
		br, bc = bc, br
	}
	if dr, dc := dst.Dims(); ac != br || dr != ar || dc != bc {
		panic(fmt.Sprintf("engine: Mul: %d×%d times %d×%d into %d×%d", ar, ac, br, bc, dr, dc))
	}
	if ar == 0 || bc == 0 {
		return
	}
	k, n := ac, bc
	if _, pureGo := blas64.Implementation().(gonum.Implementation); pureGo && !ta && tb != (k > n) {
		t := scratch.Get().(*mat.Dense)
		transpose(t, b)
		product(dst, a, false, t, !tb)
		scratch.Put(t)
		return
	}
	product(dst, a, ta, b, tb)
}

// scratch holds the transposed copies made by Mul.
var scratch = sync.Pool{New: func() any { return new(mat.Dense) }}

// transpose sets t to a copy of bᵀ, reusing t's memory when it is large
// enough.
func transpose(t, b *mat.Dense) {
	r, c := b.Dims()
	resize(t, c, r)
	w, tm := b.RawMatrix(), t.RawMatrix()
	i0, j0 := 0, 0
	if haveKernels {
		// 4×4 blocks with AVX2 (plain moves: same values), then the edges.
		i0, j0 = r&^3, c&^3
		for i := 0; i < i0; i += 4 {
			for j := 0; j < j0; j += 4 {
				kernel.Transpose4x4(&w.Data[i*w.Stride+j], w.Stride, &tm.Data[j*tm.Stride+i], tm.Stride)
			}
		}
		for i := range i0 {
			for j := j0; j < c; j++ {
				tm.Data[j*tm.Stride+i] = w.Data[i*w.Stride+j]
			}
		}
	}
	for i := i0; i < r; i++ {
		for j, v := range w.Data[i*w.Stride : i*w.Stride+c] {
			tm.Data[j*tm.Stride+i] = v
		}
	}
}

// resize makes m an r×c matrix, reusing its memory when it is large enough.
// Values are not preserved.
func resize(m *mat.Dense, r, c int) {
	if mr, mc := m.Dims(); !m.IsEmpty() && mr == r && mc == c {
		return
	}
	m.Reset()
	m.ReuseAs(r, c)
}

// product sets dst = op(a)·op(b) as gonum's Dgemm does, with the kernels of
// gemm.go when they apply, otherwise in tiles small enough that gonum's
// Dgemm runs them serially (without allocating). Any other registered BLAS
// gets the whole product in one call.
func product(dst, a *mat.Dense, ta bool, b *mat.Dense, tb bool) {
	am, bm, cm := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	tA, tB := blas.NoTrans, blas.NoTrans
	k := am.Cols
	if ta {
		tA = blas.Trans
		k = am.Rows
	}
	if tb {
		tB = blas.Trans
	}
	tileRows, tileCols := 64, 192
	if _, pureGo := blas64.Implementation().(gonum.Implementation); !pureGo {
		tileRows, tileCols = cm.Rows, cm.Cols
	} else if gemmKernel(ta, tb, cm.Rows, cm.Cols, k, am.Data, am.Stride, bm.Data, bm.Stride, cm.Data, cm.Stride) {
		return // the same bits as the tiles below, faster: see gemm.go
	}
	for i := 0; i < cm.Rows; i += tileRows {
		r := min(tileRows, cm.Rows-i)
		// Rows i..i+r of op(a): rows of a, or columns of a if transposed.
		var aTile blas64.General
		if ta {
			aTile = blas64.General{Rows: k, Cols: r, Stride: am.Stride, Data: am.Data[i:]}
		} else {
			aTile = blas64.General{Rows: r, Cols: k, Stride: am.Stride, Data: am.Data[i*am.Stride:]}
		}
		for j := 0; j < cm.Cols; j += tileCols {
			c := min(tileCols, cm.Cols-j)
			// Columns j..j+c of op(b): columns of b, or rows of b if transposed.
			var bTile blas64.General
			if tb {
				bTile = blas64.General{Rows: c, Cols: k, Stride: bm.Stride, Data: bm.Data[j*bm.Stride:]}
			} else {
				bTile = blas64.General{Rows: k, Cols: c, Stride: bm.Stride, Data: bm.Data[j:]}
			}
			cTile := blas64.General{Rows: r, Cols: c, Stride: cm.Stride, Data: cm.Data[i*cm.Stride+j:]}
			blas64.Gemm(tA, tB, 1, aTile, bTile, 0, cTile)
		}
	}
}

// AddRow adds row to every row of m: mᵢⱼ += rowⱼ. It panics unless row has
// one entry per column of m.
func AddRow(m *mat.Dense, row []float64) {
	n, c := m.Dims()
	if len(row) != c {
		panic(fmt.Sprintf("engine: AddRow: row has %d entries, matrix is %d×%d", len(row), n, c))
	}
	if n == 0 || c == 0 {
		return
	}
	mm := m.RawMatrix()
	if haveKernels {
		kernel.AddBias(n, c, &mm.Data[0], mm.Stride, &row[0])
		return
	}
	for i := range n {
		r := mm.Data[i*mm.Stride : i*mm.Stride+c]
		for j := range r {
			r[j] += row[j]
		}
	}
}

// ReLU sets dst = max(z, 0) element by element. dst may be z; it panics if
// the shapes differ. (With the kernels, an entry −0 of z becomes +0, which
// changes no result: both give 0 here and σ′ = 0 in ReLUGrad.)
func ReLU(dst, z *mat.Dense) {
	n, c := sameShape("ReLU", dst, z)
	if n == 0 || c == 0 {
		return
	}
	dm, zm := dst.RawMatrix(), z.RawMatrix()
	if haveKernels {
		// The kernel of a bias and a ReLU, with a zero bias, a block of
		// columns at a time.
		for j := 0; j < c; j += len(zeroRow) {
			w := min(len(zeroRow), c-j)
			kernel.AddBiasReLU(n, w, &zm.Data[j], zm.Stride, &dm.Data[j], dm.Stride, &zeroRow[0])
		}
		return
	}
	for i := range n {
		d, zr := dm.Data[i*dm.Stride:i*dm.Stride+c], zm.Data[i*zm.Stride:i*zm.Stride+c]
		for j, v := range zr {
			d[j] = max(v, 0)
		}
	}
}

// zeroRow is the zero bias of ReLU's kernel calls; it is never written.
var zeroRow [1024]float64

// ReLUGrad sets delta = g·σ′(z) for σ = ReLU, that is gᵢⱼ·1 where zᵢⱼ > 0 and
// gᵢⱼ·0 elsewhere (a product, not a choice: 0·Inf is NaN, as it should be).
// It panics if the shapes differ.
func ReLUGrad(delta, g, z *mat.Dense) {
	n, c := sameShape("ReLUGrad", delta, z)
	sameShape("ReLUGrad", g, z)
	dm, gm, zm := delta.RawMatrix(), g.RawMatrix(), z.RawMatrix()
	if haveKernels {
		kernel.ReLUBackward(n, c, &dm.Data[0], dm.Stride, &gm.Data[0], gm.Stride, &zm.Data[0], zm.Stride)
		return
	}
	for i := range n {
		d := dm.Data[i*dm.Stride : i*dm.Stride+c]
		gr, zr := gm.Data[i*gm.Stride:i*gm.Stride+c], zm.Data[i*zm.Stride:i*zm.Stride+c]
		for j, v := range zr {
			var s float64
			if v > 0 {
				s = 1
			}
			d[j] = gr[j] * s
		}
	}
}

// ColSums sets dst[j] to the sum of column j of m, adding the rows in order
// from +0. It panics unless dst has one entry per column.
func ColSums(dst []float64, m *mat.Dense) {
	n, c := m.Dims()
	if len(dst) != c {
		panic(fmt.Sprintf("engine: ColSums: dst has %d entries, matrix is %d×%d", len(dst), n, c))
	}
	clear(dst)
	if n == 0 || c == 0 {
		return
	}
	mm := m.RawMatrix()
	if haveKernels {
		kernel.SumRows(n, c, &mm.Data[0], mm.Stride, &dst[0])
		return
	}
	for i := range n {
		for j, v := range mm.Data[i*mm.Stride : i*mm.Stride+c] {
			dst[j] += v
		}
	}
}

// sameShape panics unless a and b have the same shape, and returns it.
func sameShape(where string, a, b *mat.Dense) (r, c int) {
	r, c = a.Dims()
	if br, bc := b.Dims(); br != r || bc != c {
		panic(fmt.Sprintf("engine: %s: %d×%d and %d×%d", where, r, c, br, bc))
	}
	return r, c
}
