//go:build openblas && cgo

package lessons_test

// openblasBuild: see mnist_lesson_build_test.go.
const openblasBuild = true
