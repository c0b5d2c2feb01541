//go:build !openblas || !cgo

package engine

import "errors"

// UseOpenBLAS would make products run on OpenBLAS, but this program was
// built without the openblas build tag (or without cgo), so it changes
// nothing and returns an error saying so.
func UseOpenBLAS() error {
	return errors.New("engine: UseOpenBLAS: built without -tags openblas (or with CGO_ENABLED=0); products use gonum's pure-Go BLAS")
}
