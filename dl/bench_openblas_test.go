//go:build openblas && cgo

package dl_test

import (
	"testing"

	"github.com/introdl/introdl/internal/engine"
)

// useFastBLAS switches gonum's matrix products to OpenBLAS for the
// benchmarks of a binary built with -tags openblas.
func useFastBLAS(b *testing.B) {
	b.Helper()
	if err := engine.UseOpenBLAS(); err != nil {
		b.Fatal(err)
	}
	b.Logf("BLAS: %s", engine.Name())
}
