//go:build !(openblas && cgo)

package lessons_test

// openblasBuild reports whether this test binary was built with
// -tags openblas. The notebooks run on the pure-Go path, so lesson 9's long
// tests check their numbers there and skip the OpenBLAS build, which make
// test runs as well (the same training twice would only double the time).
const openblasBuild = false
