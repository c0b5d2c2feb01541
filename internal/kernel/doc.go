// Package kernel holds the AVX2 (and AVX-512) assembly loops behind package
// engine: matrix-product blocks, a dot product, and the element-wise passes
// of a dense ReLU layer.
//
// Every function computes exactly what the Go (or gonum) code it replaces
// computes, bit for bit: the same operations on the same operands in the
// same order, a multiplication and then an addition where Go does that (never
// a fused multiply-add). Only the number of values handled per instruction
// changes. So results, and the notebook outputs built on them, do not
// depend on whether a machine has AVX2; engine's tests compare both paths.
//
// The functions take pointers and counts, not slices, and check nothing:
// the caller (package engine) guarantees the sizes. Available reports whether
// they can run; without AVX2 (or built with the purego tag, or on another
// architecture) it is false and calling them panics.
//
// This is a separate package because Go does not allow assembly files in a
// package that uses cgo, which engine does when built with the openblas tag.
package kernel
