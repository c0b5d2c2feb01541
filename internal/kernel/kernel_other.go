//go:build !amd64 || purego

package kernel

// Available is false: this build has no assembly kernels.
const Available = false

const none = "kernel: no AVX2 kernels in this build"

func Gemm2x16(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64) { panic(none) }

func Gemm2x4(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64, mask *[4]uint64) {
	panic(none)
}

func Dot4(k int, a, b0, b1, b2, b3 *float64, c *[4]float64)                       { panic(none) }
func Finite(x *float64, n int) bool                                               { panic(none) }
func AddBiasReLU(rows, n int, z *float64, zs int, a *float64, as int, b *float64) { panic(none) }
func AddBias(rows, n int, z *float64, zs int, b *float64)                         { panic(none) }
func SumRows(rows, n int, x *float64, xs int, dst *float64)                       { panic(none) }
func ReLUBackward(rows, n int, dst *float64, ds int, grad *float64, gs int, z *float64, zs int) {
	panic(none)
}

func Compact(k int, a *float64, as int, bstep int, vals *float64, offs *int, lut *[16][8]int32) int {
	panic(none)
}
func GemmIdx1x32(cnt int, vals *float64, offs *int, b *float64, c *float64) { panic(none) }
func GemmIdx1x4(cnt int, vals *float64, offs *int, b *float64, c *float64, mask *[4]uint64) {
	panic(none)
}

var CompressLUT [16][8]int32

// Available512 is false: this build has no assembly kernels.
const Available512 = false

func Gemm4x32(k int, a *float64, ars, als int, b *float64, ldb int, c *float64, ldc int) { panic(none) }

func Transpose4x4(src *float64, ss int, dst *float64, ds int) { panic(none) }

func GemmIdx1x64(cnt int, vals *float64, offs *int, b *float64, c *float64) { panic(none) }

func Compact512(k int, a *float64, bstep int, vals *float64, offs *int) int { panic(none) }
