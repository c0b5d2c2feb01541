//go:build openblas && cgo

package engine

/*
#cgo LDFLAGS: -lopenblas
#include <cblas.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// UseOpenBLAS makes gonum's matrix products, and so Mul, run on OpenBLAS's
// cblas_dgemm, for this whole program. It is in the build only with the
// openblas build tag, which needs cgo and the OpenBLAS library and header
// (Debian: apt-get install libopenblas-dev); without the tag it returns an
// error and changes nothing. Only the benchmarks and the tests comparing the
// two paths call it: the notebooks keep gonum's bits.
//
// Only Dgemm changes, and only for products of at least 4096 multiply-adds
// (smaller ones are faster in Go); every other BLAS routine stays gonum's.
// OpenBLAS adds the k products of each entry in another order than gonum, so
// results agree to rounding (about 1e-15 relative per product) but not bit
// for bit.
//
// Parallelism is Go's, not OpenBLAS's: UseOpenBLAS sets OpenBLAS to one
// thread and starts GOMAXPROCS−1 worker goroutines, which live as long as the
// program; a large product is cut into blocks of rows (or columns) of C, one
// per goroutine, handed over on channels. OpenBLAS's own threads wait for
// work by spinning: on an idle machine they were as fast as the goroutines,
// but with other programs running they became the slowest option (see
// PERFORMANCE.md). GOMAXPROCS=1 makes every product single-threaded.
// Calling UseOpenBLAS again while OpenBLAS is in use changes nothing.
//
// A cgo package makes `go build` call the system linker, which made a
// notebook cell's build about 50% slower here; -ldflags=-linkmode=internal
// lets Go's own linker link it in the usual time.
func UseOpenBLAS() error {
	if _, ok := blas64.Implementation().(*openBLAS); ok {
		return nil
	}
	C.openblas_set_num_threads(1)
	blas64.Use(newOpenBLAS(runtime.GOMAXPROCS(0) - 1))
	return nil
}

// newOpenBLAS returns an openBLAS with its worker goroutines started.
func newOpenBLAS(workers int) *openBLAS {
	o := &openBLAS{
		workers: workers,
		jobs:    make(chan gemmJob),
		done:    make(chan struct{}),
	}
	for range workers {
		go o.work()
	}
	return o
}

// openBLAS is gonum's pure-Go BLAS with Dgemm replaced by OpenBLAS's.
type openBLAS struct {
	gonum.Implementation

	// Worker goroutines run blocks of large products. Sending a gemmJob
	// value on a channel allocates nothing, so neither does Dgemm.
	workers int
	jobs    chan gemmJob  // blocks to compute
	done    chan struct{} // one value per finished block
	split   sync.Mutex    // held by the one Dgemm call using the workers
}

// gemmJob is one call of cblas_dgemm.
type gemmJob struct {
	tA, tB      blas.Transpose
	m, n, k     int
	alpha, beta float64
	a, b, c     []float64
	lda, ldb    int
	ldc         int
}

func (j *gemmJob) run() {
	C.cblas_dgemm(C.CblasRowMajor, cblasTranspose(j.tA), cblasTranspose(j.tB),
		C.blasint(j.m), C.blasint(j.n), C.blasint(j.k),
		C.double(j.alpha), (*C.double)(unsafe.Pointer(&j.a[0])), C.blasint(j.lda),
		(*C.double)(unsafe.Pointer(&j.b[0])), C.blasint(j.ldb),
		C.double(j.beta), (*C.double)(unsafe.Pointer(&j.c[0])), C.blasint(j.ldc))
}

func (o *openBLAS) work() {
	for j := range o.jobs {
		j.run()
		o.done <- struct{}{}
	}
}

// String names the library, its kernels and the number of goroutines that
// share a large product, as BLAS reports.
func (o *openBLAS) String() string {
	threads := o.workers + 1
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
	panic(fmt.Sprintf("engine: Dgemm: bad transpose %q", byte(t)))
}

// cgoMin is the number of multiply-adds (m·n·k) below which gonum's Dgemm
// is used: a cgo call costs tens of nanoseconds more than a Go call, so for
// the products of an XOR net (4×2 by 2×2: 38 ns in gonum, 69 ns through
// OpenBLAS) Go is faster; the two are even at 16×16 by 16×16 (measured).
const cgoMin = 1 << 12

// parallelMin is the number of multiply-adds (m·n·k) per goroutine below
// which splitting a product costs more than it saves: handing a block to a
// worker and hearing back takes a few microseconds, the time of about 2¹⁸
// multiply-adds.
const parallelMin = 1 << 18

// Dgemm computes C ← α·op(A)·op(B) + β·C for row-major matrices, where
// op(A) is m×k, op(B) is k×n and C is m×n, with OpenBLAS (with gonum's
// Go code below cgoMin multiply-adds). It checks its
// arguments as gonum's Dgemm does (C code would not: a short slice would be
// read or written past its end) and panics naming the sizes.
func (o *openBLAS) Dgemm(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m*n*k < cgoMin || alpha == 0 {
		// A tiny product is done sooner in Go than the cgo call into
		// OpenBLAS would even start; C ← β·C needs no product at all.
		// gonum's Dgemm checks the arguments itself.
		o.Implementation.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
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
	whole := gemmJob{tA: tA, tB: tB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	parts := min(o.workers+1, m*n*k/parallelMin)
	// Split only if no other goroutine is using the workers right now.
	if parts < 2 || !o.split.TryLock() {
		whole.run()
		return
	}
	defer o.split.Unlock()
	// Cut C into parts blocks of whole rows, or of whole columns when C has
	// too few rows to give each block 16 (measured on the MNIST products:
	// blocks of rows ran faster than blocks of columns even for 64×100 C).
	// Every entry of C is still the dot product of a row of op(A) and a
	// column of op(B), computed by the same kernel: splitting changes which
	// thread computes an entry, not how.
	byRows := m >= 16*parts
	for p := range parts {
		job := whole
		if byRows {
			lo, hi := p*m/parts, (p+1)*m/parts
			job.m, job.c = hi-lo, c[lo*ldc:]
			if tA == blas.NoTrans {
				job.a = a[lo*lda:] // rows lo… of A
			} else {
				job.a = a[lo:] // columns lo… of the stored k×m A
			}
		} else {
			lo, hi := p*n/parts, (p+1)*n/parts
			job.n, job.c = hi-lo, c[lo:]
			if tB == blas.NoTrans {
				job.b = b[lo:] // columns lo… of B
			} else {
				job.b = b[lo*ldb:] // rows lo… of the stored n×k B
			}
		}
		if p < parts-1 {
			o.jobs <- job
		} else {
			job.run() // the calling goroutine takes the last block
		}
	}
	for range parts - 1 {
		<-o.done
	}
}

// checkMatrix panics unless s can hold a rows×cols row-major matrix with
// leading dimension (row stride) ld.
func checkMatrix(name string, rows, cols int, s []float64, ld int) {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("engine: Dgemm: %s is %d×%d", name, rows, cols))
	}
	if ld < max(1, cols) {
		panic(fmt.Sprintf("engine: Dgemm: %s has %d columns but stride %d", name, cols, ld))
	}
	if rows > 0 && cols > 0 && len(s) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("engine: Dgemm: %s is %d×%d with stride %d but has only %d elements", name, rows, cols, ld, len(s)))
	}
}
