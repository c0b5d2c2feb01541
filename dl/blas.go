package dl

import (
	"fmt"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// BLAS describes the Dgemm implementation that gonum's mat package uses now:
// "gonum (pure Go)", or for example "OpenBLAS 0.3.21 (Haswell kernels, 2 threads)"
// after UseOpenBLAS.
//
// Every matrix product in dl is a mat.Dense.Mul, which gonum hands to the
// BLAS routine Dgemm,
//
//	C ← α·op(A)·op(B) + β·C      (op(X) is X or Xᵀ)
//
// of the implementation registered with blas64.Use. By default that is
// gonum's own pure-Go BLAS: it needs no C library and builds everywhere, and
// reaches 4-16 GFLOP/s on the small products of MNIST-sized networks.
// Built with the openblas build tag, dl also contains a cgo binding of
// OpenBLAS's cblas_dgemm, which runs those products at 30-60 GFLOP/s; see
// UseOpenBLAS and PERFORMANCE.md.
func BLAS() string {
	switch impl := blas64.Implementation().(type) {
	case gonum.Implementation:
		return "gonum (pure Go)"
	case fmt.Stringer:
		return impl.String()
	default:
		return fmt.Sprintf("%T", impl)
	}
}
