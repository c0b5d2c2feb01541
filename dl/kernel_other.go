//go:build !amd64 || purego

package dl

// Without amd64 assembly, every product goes to gonum's Dgemm.
var haveKernels = false

func gemm2x16(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64) {
	panic("dl: no kernels")
}

func gemm2x4(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64, mask *[4]uint64) {
	panic("dl: no kernels")
}

func dot4(k int, a, b0, b1, b2, b3 *float64, c *[4]float64) { panic("dl: no kernels") }

func finite(x *float64, n int) bool { panic("dl: no kernels") }

func addBiasReLU(n int, z, a, b *float64)       { panic("dl: no kernels") }
func addBias(n int, z, b *float64)              { panic("dl: no kernels") }
func reluBackward(n int, dst, grad, z *float64) { panic("dl: no kernels") }

func pause() {}

func adamRow(n int, w, dw, m, v *float64, c *[8]float64) { panic("dl: no kernels") }
