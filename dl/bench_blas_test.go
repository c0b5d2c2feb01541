//go:build !(openblas && cgo)

package dl_test

import "testing"

// useFastBLAS keeps gonum's pure-Go BLAS: this binary was built without the
// openblas tag.
func useFastBLAS(b *testing.B) { b.Helper() }
