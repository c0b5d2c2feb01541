//go:build !openblas || !cgo

package dl

import (
	"strings"
	"testing"
)

func TestUseOpenBLASWithoutTag(t *testing.T) {
	err := UseOpenBLAS()
	if err == nil || !strings.Contains(err.Error(), "-tags openblas") {
		t.Fatalf("UseOpenBLAS() = %v, want an error naming the build tag", err)
	}
	if got := BLAS(); got != "gonum (pure Go)" {
		t.Errorf("BLAS() = %q, want the pure-Go default", got)
	}
}
