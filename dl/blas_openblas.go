//go:build openblas && cgo

package dl

/*
#cgo LDFLAGS: -lopenblas
#include <cblas.h>
*/
import "C"

import (
	"fmt"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// UseOpenBLAS makes gonum's matrix products (mat.Dense.Mul, and so every
// Forward and Backward in dl) run on OpenBLAS's cblas_dgemm, for this whole
// program. It is in the build only with the openblas build tag, which needs
// cgo and the OpenBLAS library and header (Debian: apt-get install
// libopenblas-dev). Without the tag UseOpenBLAS returns an error and changes
// nothing.
//
// Only Dgemm changes; every other BLAS routine stays gonum's. OpenBLAS adds
// the k products of each entry in another order than gonum, so results agree
// to rounding (about 1e-15 relative per product) but not bit for bit.
//
// OpenBLAS reads two environment variables when the program starts:
// OPENBLAS_NUM_THREADS (default: one thread per core) and OPENBLAS_CORETYPE
// (forces a kernel family; some machines set it to work around old CPU
// detection). Leave both to the machine.
//
// A cgo package makes `go build` call the system linker, which more than
// doubles the build time of a small program; -ldflags=-linkmode=internal
// lets Go's own linker link it in the usual time (OpenBLAS is a plain shared
// library, which the internal linker handles).
func UseOpenBLAS() error {
	blas64.Use(openBLAS{})
	return nil
}

// openBLAS is gonum's pure-Go BLAS with Dgemm replaced by OpenBLAS's.
type openBLAS struct {
	gonum.Implementation
}

// String names the library, its kernels and its thread count, as BLAS reports.
func (openBLAS) String() string {
	threads := int(C.openblas_get_num_threads())
	plural := "s"
	if threads == 1 {
		plural = ""
	}
	return fmt.Sprintf("%s (%s kernels, %d thread%s)",
		openBLASVersion(C.GoString(C.openblas_get_config())),
		C.GoString(C.openblas_get_corename()), threads, plural)
}

// openBLASVersion keeps "OpenBLAS x.y.z" from the build description that
// openblas_get_config returns ("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ...").
func openBLASVersion(config string) string {
	var name, version string
	if n, _ := fmt.Sscan(config, &name, &version); n == 2 {
		return name + " " + version
	}
	return config
}

func cblasTranspose(t blas.Transpose) C.enum_CBLAS_TRANSPOSE {
	switch t {
	case blas.NoTrans:
		return C.CblasNoTrans
	case blas.Trans, blas.ConjTrans: // the same for real matrices
		return C.CblasTrans
	}
	panic(fmt.Sprintf("dl: Dgemm: bad transpose %q", byte(t)))
}

// Dgemm computes C ← α·op(A)·op(B) + β·C for row-major matrices, where
// op(A) is m×k, op(B) is k×n and C is m×n, with OpenBLAS. It checks its
// arguments as gonum's Dgemm does (C code would not: a short slice would be
// read or written past its end) and panics naming the sizes.
func (openBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	rowsA, colsA := m, k // A as stored
	if tA != blas.NoTrans {
		rowsA, colsA = k, m
	}
	rowsB, colsB := k, n
	if tB != blas.NoTrans {
		rowsB, colsB = n, k
	}
	checkMatrix("A", rowsA, colsA, a, lda)
	checkMatrix("B", rowsB, colsB, b, ldb)
	checkMatrix("C", m, n, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		// OpenBLAS handles these too; gonum's path is as fast and avoids
		// taking the address of a possibly empty A or B.
		gonum.Implementation{}.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	C.cblas_dgemm(C.CblasRowMajor, cblasTranspose(tA), cblasTranspose(tB),
		C.blasint(m), C.blasint(n), C.blasint(k),
		C.double(alpha), (*C.double)(unsafe.Pointer(&a[0])), C.blasint(lda),
		(*C.double)(unsafe.Pointer(&b[0])), C.blasint(ldb),
		C.double(beta), (*C.double)(unsafe.Pointer(&c[0])), C.blasint(ldc))
}

// checkMatrix panics unless s can hold a rows×cols row-major matrix with
// leading dimension (row stride) ld.
func checkMatrix(name string, rows, cols int, s []float64, ld int) {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("dl: Dgemm: %s is %d×%d", name, rows, cols))
	}
	if ld < max(1, cols) {
		panic(fmt.Sprintf("dl: Dgemm: %s has %d columns but stride %d", name, cols, ld))
	}
	if rows > 0 && cols > 0 && len(s) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("dl: Dgemm: %s is %d×%d with stride %d but has only %d elements", name, rows, cols, ld, len(s)))
	}
}
