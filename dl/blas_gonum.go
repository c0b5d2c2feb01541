//go:build !openblas || !cgo

package dl

import "errors"

// UseOpenBLAS would make gonum's matrix products run on OpenBLAS, but this
// program was built without the openblas build tag (or without cgo), so it
// changes nothing and returns an error saying so; products keep using
// gonum's pure-Go BLAS, which gives the same results to rounding, more slowly.
// Build with `-tags openblas` (and libopenblas-dev installed) to get it.
func UseOpenBLAS() error {
	return errors.New("dl: UseOpenBLAS: built without -tags openblas (or with CGO_ENABLED=0); matrix products use gonum's pure-Go BLAS")
}
