//go:build amd64 && !purego

package dl

import "golang.org/x/sys/cpu"

// haveKernels reports whether the AVX2 kernels of kernel_amd64.s can run.
var haveKernels = cpu.X86.HasAVX2 // a variable so that tests can compare both paths

//go:noescape
func gemm2x16(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64)

//go:noescape
func gemm2x4(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64, mask *[4]uint64)

//go:noescape
func dot4(k int, a, b0, b1, b2, b3 *float64, c *[4]float64)

//go:noescape
func finite(x *float64, n int) bool

//go:noescape
func addBiasReLU(n int, z, a, b *float64)

//go:noescape
func addBias(n int, z, b *float64)

//go:noescape
func reluBackward(n int, dst, grad, z *float64)

func pause()

//go:noescape
func adamRow(n int, w, dw, m, v *float64, c *[8]float64)
