//go:build amd64 && !purego

#include "textflag.h"

// The kernels below compute the same sums as gonum's pure-Go Dgemm, in the
// same order and with the same roundings (a multiplication, then an addition:
// never a fused multiply-add), four lanes at a time with AVX2. See kernel.go.

// func Gemm2x16(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64)
//
// For r = 0, 1: cr[j] = Σ_{l<k} ar[l·als]·b[l·ldb+j] for j < 16, summed in
// the order of l, starting from +0.
TEXT ·Gemm2x16(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), SI
	MOVQ a1+16(FP), DI
	MOVQ als+24(FP), R8
	SHLQ $3, R8
	MOVQ b+32(FP), BX
	MOVQ ldb+40(FP), R9
	SHLQ $3, R9
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	TESTQ CX, CX
	JLE   store16

loop16:
	VMOVUPD      (BX), Y8
	VMOVUPD      32(BX), Y9
	VMOVUPD      64(BX), Y10
	VMOVUPD      96(BX), Y11
	VBROADCASTSD (SI), Y12
	VBROADCASTSD (DI), Y13
	VMULPD       Y8, Y12, Y14
	VADDPD       Y14, Y0, Y0
	VMULPD       Y9, Y12, Y15
	VADDPD       Y15, Y1, Y1
	VMULPD       Y10, Y12, Y14
	VADDPD       Y14, Y2, Y2
	VMULPD       Y11, Y12, Y15
	VADDPD       Y15, Y3, Y3
	VMULPD       Y8, Y13, Y14
	VADDPD       Y14, Y4, Y4
	VMULPD       Y9, Y13, Y15
	VADDPD       Y15, Y5, Y5
	VMULPD       Y10, Y13, Y14
	VADDPD       Y14, Y6, Y6
	VMULPD       Y11, Y13, Y15
	VADDPD       Y15, Y7, Y7
	ADDQ         R8, SI
	ADDQ         R8, DI
	ADDQ         R9, BX
	DECQ         CX
	JNZ          loop16

store16:
	MOVQ    c0+48(FP), SI
	MOVQ    c1+56(FP), DI
	VMOVUPD Y0, (SI)
	VMOVUPD Y1, 32(SI)
	VMOVUPD Y2, 64(SI)
	VMOVUPD Y3, 96(SI)
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, 32(DI)
	VMOVUPD Y6, 64(DI)
	VMOVUPD Y7, 96(DI)
	VZEROUPPER
	RET

// func Gemm2x4(k int, a0, a1 *float64, als int, b *float64, ldb int, c0, c1 *float64, mask *[4]uint64)
//
// Gemm2x16 for the columns j < 4 whose mask entry has its top bit set; the
// other columns of b are not read and those of c not written.
TEXT ·Gemm2x4(SB), NOSPLIT, $0-72
	MOVQ       k+0(FP), CX
	MOVQ       a0+8(FP), SI
	MOVQ       a1+16(FP), DI
	MOVQ       als+24(FP), R8
	SHLQ       $3, R8
	MOVQ       b+32(FP), BX
	MOVQ       ldb+40(FP), R9
	SHLQ       $3, R9
	MOVQ       mask+64(FP), AX
	VMOVDQU    (AX), Y15
	VXORPD     Y0, Y0, Y0
	VXORPD     Y4, Y4, Y4
	TESTQ      CX, CX
	JLE        store4

loop4:
	VMASKMOVPD   (BX), Y15, Y8
	VBROADCASTSD (SI), Y12
	VBROADCASTSD (DI), Y13
	VMULPD       Y8, Y12, Y14
	VADDPD       Y14, Y0, Y0
	VMULPD       Y8, Y13, Y10
	VADDPD       Y10, Y4, Y4
	ADDQ         R8, SI
	ADDQ         R8, DI
	ADDQ         R9, BX
	DECQ         CX
	JNZ          loop4

store4:
	MOVQ       c0+48(FP), SI
	MOVQ       c1+56(FP), DI
	VMASKMOVPD Y0, Y15, (SI)
	VMASKMOVPD Y4, Y15, (DI)
	VZEROUPPER
	RET

// func Dot4(k int, a, b0, b1, b2, b3 *float64, c *[4]float64)
//
// c[r] = a·br over k elements, summed as gonum's DotUnitary does: four
// partial sums, one per index modulo 4, the last k mod 4 products added to
// the first, then (s0+s2) + (s1+s3).
TEXT ·Dot4(SB), NOSPLIT, $0-56
	MOVQ   k+0(FP), CX
	MOVQ   a+8(FP), SI
	MOVQ   b0+16(FP), R8
	MOVQ   b1+24(FP), R9
	MOVQ   b2+32(FP), R10
	MOVQ   b3+40(FP), R11
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	MOVQ   CX, DX
	ANDQ   $3, DX
	SHRQ   $2, CX
	JZ     dottail

dotloop:
	VMOVUPD (SI), Y4
	VMULPD  (R8), Y4, Y5
	VADDPD  Y5, Y0, Y0
	VMULPD  (R9), Y4, Y6
	VADDPD  Y6, Y1, Y1
	VMULPD  (R10), Y4, Y7
	VADDPD  Y7, Y2, Y2
	VMULPD  (R11), Y4, Y8
	VADDPD  Y8, Y3, Y3
	ADDQ    $32, SI
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, R10
	ADDQ    $32, R11
	DECQ    CX
	JNZ     dotloop

dottail:
	// High halves (s2, s3) aside: the scalar additions below clear them.
	VEXTRACTF128 $1, Y0, X10
	VEXTRACTF128 $1, Y1, X11
	VEXTRACTF128 $1, Y2, X12
	VEXTRACTF128 $1, Y3, X13
	TESTQ        DX, DX
	JZ           dotsum

dotone:
	VMOVSD (SI), X4
	VMULSD (R8), X4, X5
	VADDSD X5, X0, X0
	VMULSD (R9), X4, X6
	VADDSD X6, X1, X1
	VMULSD (R10), X4, X7
	VADDSD X7, X2, X2
	VMULSD (R11), X4, X8
	VADDSD X8, X3, X3
	ADDQ   $8, SI
	ADDQ   $8, R8
	ADDQ   $8, R9
	ADDQ   $8, R10
	ADDQ   $8, R11
	DECQ   DX
	JNZ    dotone

dotsum:
	// gonum adds each dot product to a zeroed C: 0 + s, which turns -0 into +0.
	MOVQ      c+48(FP), AX
	VXORPD    X9, X9, X9
	VADDPD    X10, X0, X0 // (s0+s2, s1+s3)
	VPERMILPD $1, X0, X4
	VADDSD    X4, X0, X0
	VADDSD    X0, X9, X0
	VMOVSD    X0, (AX)
	VADDPD    X11, X1, X1
	VPERMILPD $1, X1, X4
	VADDSD    X4, X1, X1
	VADDSD    X1, X9, X1
	VMOVSD    X1, 8(AX)
	VADDPD    X12, X2, X2
	VPERMILPD $1, X2, X4
	VADDSD    X4, X2, X2
	VADDSD    X2, X9, X2
	VMOVSD    X2, 16(AX)
	VADDPD    X13, X3, X3
	VPERMILPD $1, X3, X4
	VADDSD    X4, X3, X3
	VADDSD    X3, X9, X3
	VMOVSD    X3, 24(AX)
	VZEROUPPER
	RET

// func Finite(x *float64, n int) bool
//
// Finite reports whether none of x[0:n] is an infinity or a NaN: it adds
// up x[i]·0, which is 0 for every Finite x[i] and NaN otherwise.
TEXT ·Finite(SB), NOSPLIT, $0-17
	MOVQ   x+0(FP), SI
	MOVQ   n+8(FP), CX
	VXORPD Y0, Y0, Y0 // zero
	VXORPD Y1, Y1, Y1 // sum
	VXORPD Y2, Y2, Y2 // sum
	MOVQ   CX, DX
	ANDQ   $7, DX
	SHRQ   $3, CX
	JZ     fintail

finloop:
	VMULPD (SI), Y0, Y3
	VADDPD Y3, Y1, Y1
	VMULPD 32(SI), Y0, Y4
	VADDPD Y4, Y2, Y2
	ADDQ   $64, SI
	DECQ   CX
	JNZ    finloop

fintail:
	// Reduce to one sum first: a scalar VADDSD clears the upper lanes.
	VADDPD       Y2, Y1, Y1
	VEXTRACTF128 $1, Y1, X2
	VADDPD       X2, X1, X1
	VPERMILPD    $1, X1, X2
	VADDSD       X2, X1, X1
	TESTQ        DX, DX
	JZ           finsum

finone:
	VMULSD (SI), X0, X3
	VADDSD X3, X1, X1
	ADDQ   $8, SI
	DECQ   DX
	JNZ    finone

finsum:
	VUCOMISD     X0, X1 // 0 == sum: false for NaN
	SETEQ        AL
	SETPC        BL
	ANDB         BL, AL
	MOVB         AL, ret+16(FP)
	VZEROUPPER
	RET

// func AddBiasReLU(rows, n int, z *float64, zs int, a *float64, as int, b *float64)
//
// For each of rows rows (strides zs and as): z[j] += b[j], then
// a[j] = max(z[j], 0) as Go's max computes it (NaN stays NaN, -0 becomes
// +0): a[j] = z[j] where !(z[j] <= 0), else +0.
TEXT ·AddBiasReLU(SB), NOSPLIT, $0-56
	MOVQ   rows+0(FP), R11
	MOVQ   z+16(FP), R8
	MOVQ   zs+24(FP), R12
	SHLQ   $3, R12
	MOVQ   a+32(FP), R9
	MOVQ   as+40(FP), R13
	SHLQ   $3, R13
	VXORPD Y15, Y15, Y15
	TESTQ  R11, R11
	JLE    brdone

brrow:
	MOVQ n+8(FP), CX
	MOVQ R8, SI
	MOVQ R9, DI
	MOVQ b+48(FP), BX
	MOVQ CX, DX
	ANDQ $3, DX
	SHRQ $2, CX
	JZ   brtail

brloop:
	VMOVUPD (SI), Y0
	VADDPD  (BX), Y0, Y0
	VMOVUPD Y0, (SI)
	VCMPPD  $6, Y15, Y0, Y1 // !(z <= 0): z > 0 or NaN
	VANDPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, BX
	DECQ    CX
	JNZ     brloop

brtail:
	TESTQ DX, DX
	JZ    brnext

brone:
	VMOVSD (SI), X0
	VADDSD (BX), X0, X0
	VMOVSD X0, (SI)
	VCMPSD $6, X15, X0, X1
	VANDPD X0, X1, X1
	VMOVSD X1, (DI)
	ADDQ   $8, SI
	ADDQ   $8, DI
	ADDQ   $8, BX
	DECQ   DX
	JNZ    brone

brnext:
	ADDQ R12, R8
	ADDQ R13, R9
	DECQ R11
	JNZ  brrow

brdone:
	VZEROUPPER
	RET

// func AddBias(rows, n int, z *float64, zs int, b *float64)
//
// z[j] += b[j] for j < n in each of rows rows (stride zs).
TEXT ·AddBias(SB), NOSPLIT, $0-40
	MOVQ  rows+0(FP), R11
	MOVQ  z+16(FP), R8
	MOVQ  zs+24(FP), R12
	SHLQ  $3, R12
	TESTQ R11, R11
	JLE   abdone

abrow:
	MOVQ n+8(FP), CX
	MOVQ R8, SI
	MOVQ b+32(FP), BX
	MOVQ CX, DX
	ANDQ $3, DX
	SHRQ $2, CX
	JZ   abtail

abloop:
	VMOVUPD (SI), Y0
	VADDPD  (BX), Y0, Y0
	VMOVUPD Y0, (SI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	DECQ    CX
	JNZ     abloop

abtail:
	TESTQ DX, DX
	JZ    abnext

abone:
	VMOVSD (SI), X0
	VADDSD (BX), X0, X0
	VMOVSD X0, (SI)
	ADDQ   $8, SI
	ADDQ   $8, BX
	DECQ   DX
	JNZ    abone

abnext:
	ADDQ R12, R8
	DECQ R11
	JNZ  abrow

abdone:
	VZEROUPPER
	RET

// func SumRows(rows, n int, x *float64, xs int, dst *float64)
//
// dst[j] += x[j] for j < n, for each of rows rows (stride xs) in order:
// dst gets its column sums, added row after row.
TEXT ·SumRows(SB), NOSPLIT, $0-40
	MOVQ  rows+0(FP), R11
	MOVQ  x+16(FP), R8
	MOVQ  xs+24(FP), R12
	SHLQ  $3, R12
	TESTQ R11, R11
	JLE   srdone

srrow:
	MOVQ n+8(FP), CX
	MOVQ R8, BX
	MOVQ dst+32(FP), SI
	MOVQ CX, DX
	ANDQ $3, DX
	SHRQ $2, CX
	JZ   srtail

srloop:
	VMOVUPD (SI), Y0
	VADDPD  (BX), Y0, Y0
	VMOVUPD Y0, (SI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	DECQ    CX
	JNZ     srloop

srtail:
	TESTQ DX, DX
	JZ    srnext

srone:
	VMOVSD (SI), X0
	VADDSD (BX), X0, X0
	VMOVSD X0, (SI)
	ADDQ   $8, SI
	ADDQ   $8, BX
	DECQ   DX
	JNZ    srone

srnext:
	ADDQ R12, R8
	DECQ R11
	JNZ  srrow

srdone:
	VZEROUPPER
	RET

// func ReLUBackward(rows, n int, dst *float64, ds int, grad *float64, gs int, z *float64, zs int)
//
// dst[j] = grad[j]·s with s = 1 if z[j] > 0, else 0 (NaN: 0), as reluDeriv,
// for each of rows rows (strides ds, gs, zs).
TEXT ·ReLUBackward(SB), NOSPLIT, $0-64
	MOVQ         rows+0(FP), R11
	MOVQ         dst+16(FP), R8
	MOVQ         ds+24(FP), R12
	SHLQ         $3, R12
	MOVQ         grad+32(FP), R9
	MOVQ         gs+40(FP), R13
	SHLQ         $3, R13
	MOVQ         z+48(FP), R10
	MOVQ         zs+56(FP), R14
	SHLQ         $3, R14
	VXORPD       Y15, Y15, Y15
	MOVQ         $0x3ff0000000000000, AX // 1.0
	MOVQ         AX, X14
	VBROADCASTSD X14, Y14
	TESTQ        R11, R11
	JLE          rbdone

rbrow:
	MOVQ n+8(FP), CX
	MOVQ R8, DI
	MOVQ R9, SI
	MOVQ R10, BX
	MOVQ CX, DX
	ANDQ $3, DX
	SHRQ $2, CX
	JZ   rbtail

rbloop:
	VMOVUPD (BX), Y0
	VCMPPD  $0x1e, Y15, Y0, Y1 // z > 0, false for NaN
	VANDPD  Y14, Y1, Y1        // s = 1 or 0
	VMULPD  (SI), Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $32, BX
	DECQ    CX
	JNZ     rbloop

rbtail:
	TESTQ DX, DX
	JZ    rbnext

rbone:
	VMOVSD (BX), X0
	VCMPSD $0x1e, X15, X0, X1
	VANDPD X14, X1, X1
	VMULSD (SI), X1, X1
	VMOVSD X1, (DI)
	ADDQ   $8, SI
	ADDQ   $8, DI
	ADDQ   $8, BX
	DECQ   DX
	JNZ    rbone

rbnext:
	ADDQ R12, R8
	ADDQ R13, R9
	ADDQ R14, R10
	DECQ R11
	JNZ  rbrow

rbdone:
	VZEROUPPER
	RET

// func Compact(k int, a *float64, as int, bstep int, vals *float64, offs *int, lut *[16][8]int32) int
//
// For l < k in order, keeps the a[l·as] that are not ±0 (NaN is kept, as
// gonum keeps it): vals gets the values, offs gets l·bstep, and the count is
// returned. vals and offs must have room for k+3 entries: four are written
// at a time. lut[r] permutes the lanes of r's set bits to the front.
TEXT ·Compact(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ as+16(FP), R8
	SHLQ $3, R8             // a stride in bytes
	MOVQ bstep+24(FP), R9
	MOVQ vals+32(FP), DI
	MOVQ offs+40(FP), R10
	MOVQ lut+48(FP), R11
	XORQ DX, DX             // count
	XORQ R12, R12           // l·bstep
	VXORPD Y15, Y15, Y15

	// Offsets of four consecutive l: (0, 1, 2, 3)·bstep, and the step 4·bstep.
	MOVQ         R9, X0
	VPBROADCASTQ X0, Y13     // bstep in every lane
	VPXOR        Y12, Y12, Y12
	VPUNPCKLQDQ  Y13, Y12, Y1 // (0, bstep | 0, bstep)
	VPERMQ       $0x44, Y1, Y1 // (0, bstep, 0, bstep)
	VPADDQ       Y13, Y13, Y2  // 2·bstep
	VPERM2I128   $0x08, Y2, Y2, Y2 // (0, 0 | 2·bstep, 2·bstep)
	VPADDQ       Y2, Y1, Y12   // (0, bstep, 2·bstep, 3·bstep)
	VPADDQ       Y13, Y13, Y14
	VPADDQ       Y14, Y14, Y14 // 4·bstep in every lane

	MOVQ CX, R13
	SHRQ $2, R13
	JZ   ctail

cloop:
	// Four values of a, which may be strided.
	VMOVSD       (SI), X0
	VMOVHPD      (SI)(R8*1), X0, X0
	LEAQ         (SI)(R8*2), AX
	VMOVSD       (AX), X1
	VMOVHPD      (AX)(R8*1), X1, X1
	VINSERTF128  $1, X1, Y0, Y0
	LEAQ         (AX)(R8*2), SI
	VCMPPD       $4, Y15, Y0, Y2 // a ≠ 0, true for NaN
	VMOVMSKPD    Y2, AX
	MOVQ         AX, BX
	SHLQ         $5, BX
	VMOVDQU      (R11)(BX*1), Y3 // lut[mask]
	VPERMPS      Y0, Y3, Y4
	VMOVUPD      Y4, (DI)(DX*8)
	VPERMPS      Y12, Y3, Y5
	VMOVDQU      Y5, (R10)(DX*8)
	POPCNTQ      AX, AX
	ADDQ         AX, DX
	VPADDQ       Y14, Y12, Y12
	ADDQ         R9, R12
	ADDQ         R9, R12
	ADDQ         R9, R12
	ADDQ         R9, R12
	DECQ         R13
	JNZ          cloop

ctail:
	ANDQ $3, CX
	JZ   cdone

cone:
	VMOVSD   (SI), X0
	VMOVSD   X0, (DI)(DX*8)
	MOVQ     R12, (R10)(DX*8)
	VUCOMISD X15, X0
	SETNE    AL
	SETPS    BL
	ORB      BL, AL
	MOVBQZX  AL, AX
	ADDQ     AX, DX
	ADDQ     R8, SI
	ADDQ     R9, R12
	DECQ     CX
	JNZ      cone

cdone:
	MOVQ DX, ret+56(FP)
	VZEROUPPER
	RET

// func GemmIdx1x32(cnt int, vals *float64, offs *int, b *float64, c *float64)
//
// c[j] = Σ_{e<cnt} vals[e]·b[offs[e]/8 + j] for j < 32, in the order of e,
// from +0.
TEXT ·GemmIdx1x32(SB), NOSPLIT, $0-40
	MOVQ   cnt+0(FP), CX
	MOVQ   vals+8(FP), SI
	MOVQ   offs+16(FP), DI
	MOVQ   b+24(FP), BX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	TESTQ  CX, CX
	JLE    i32store

i32loop:
	VBROADCASTSD (SI), Y8
	MOVQ         (DI), AX
	ADDQ         BX, AX
	VMULPD       (AX), Y8, Y9
	VADDPD       Y9, Y0, Y0
	VMULPD       32(AX), Y8, Y10
	VADDPD       Y10, Y1, Y1
	VMULPD       64(AX), Y8, Y11
	VADDPD       Y11, Y2, Y2
	VMULPD       96(AX), Y8, Y12
	VADDPD       Y12, Y3, Y3
	VMULPD       128(AX), Y8, Y9
	VADDPD       Y9, Y4, Y4
	VMULPD       160(AX), Y8, Y10
	VADDPD       Y10, Y5, Y5
	VMULPD       192(AX), Y8, Y11
	VADDPD       Y11, Y6, Y6
	VMULPD       224(AX), Y8, Y12
	VADDPD       Y12, Y7, Y7
	ADDQ         $8, SI
	ADDQ         $8, DI
	DECQ         CX
	JNZ          i32loop

i32store:
	MOVQ    c+32(FP), AX
	VMOVUPD Y0, (AX)
	VMOVUPD Y1, 32(AX)
	VMOVUPD Y2, 64(AX)
	VMOVUPD Y3, 96(AX)
	VMOVUPD Y4, 128(AX)
	VMOVUPD Y5, 160(AX)
	VMOVUPD Y6, 192(AX)
	VMOVUPD Y7, 224(AX)
	VZEROUPPER
	RET

// func GemmIdx1x4(cnt int, vals *float64, offs *int, b *float64, c *float64, mask *[4]uint64)
//
// GemmIdx1x32 for four columns, of which only those whose mask entry has its
// top bit set are read and written.
TEXT ·GemmIdx1x4(SB), NOSPLIT, $0-48
	MOVQ    cnt+0(FP), CX
	MOVQ    vals+8(FP), SI
	MOVQ    offs+16(FP), DI
	MOVQ    b+24(FP), BX
	MOVQ    mask+40(FP), AX
	VMOVDQU (AX), Y15
	VXORPD  Y0, Y0, Y0
	TESTQ   CX, CX
	JLE     i4store

i4loop:
	VBROADCASTSD (SI), Y8
	MOVQ         (DI), AX
	VMASKMOVPD   (BX)(AX*1), Y15, Y9
	VMULPD       Y9, Y8, Y9
	VADDPD       Y9, Y0, Y0
	ADDQ         $8, SI
	ADDQ         $8, DI
	DECQ         CX
	JNZ          i4loop

i4store:
	MOVQ       c+32(FP), AX
	VMASKMOVPD Y0, Y15, (AX)
	VZEROUPPER
	RET

// func Gemm4x32(k int, a *float64, ars, als int, b *float64, ldb int, c *float64, ldc int)
//
// For r < 4 and j < 32: c[r·ldc+j] = Σ_{l<k} a[r·ars+l·als]·b[l·ldb+j], summed
// in the order of l from +0, with AVX-512: 16 accumulators of 8 numbers.
TEXT ·Gemm4x32(SB), NOSPLIT, $0-64
	MOVQ    k+0(FP), CX
	MOVQ    a+8(FP), SI
	MOVQ    ars+16(FP), R10
	SHLQ    $3, R10
	MOVQ    als+24(FP), R8
	SHLQ    $3, R8
	MOVQ    b+32(FP), BX
	MOVQ    ldb+40(FP), R9
	SHLQ    $3, R9
	LEAQ    (SI)(R10*2), DI // row 2 of a
	VPXORQ  Z0, Z0, Z0
	VMOVAPD Z0, Z1
	VMOVAPD Z0, Z2
	VMOVAPD Z0, Z3
	VMOVAPD Z0, Z4
	VMOVAPD Z0, Z5
	VMOVAPD Z0, Z6
	VMOVAPD Z0, Z7
	VMOVAPD Z0, Z8
	VMOVAPD Z0, Z9
	VMOVAPD Z0, Z10
	VMOVAPD Z0, Z11
	VMOVAPD Z0, Z12
	VMOVAPD Z0, Z13
	VMOVAPD Z0, Z14
	VMOVAPD Z0, Z15
	TESTQ   CX, CX
	JLE     store432

loop432:
	VMOVUPD      (BX), Z16
	VMOVUPD      64(BX), Z17
	VMOVUPD      128(BX), Z18
	VMOVUPD      192(BX), Z19
	VBROADCASTSD (SI), Z20
	VBROADCASTSD (SI)(R10*1), Z21
	VBROADCASTSD (DI), Z22
	VBROADCASTSD (DI)(R10*1), Z23
	VMULPD       Z16, Z20, Z24
	VADDPD       Z24, Z0, Z0
	VMULPD       Z17, Z20, Z25
	VADDPD       Z25, Z1, Z1
	VMULPD       Z18, Z20, Z26
	VADDPD       Z26, Z2, Z2
	VMULPD       Z19, Z20, Z27
	VADDPD       Z27, Z3, Z3
	VMULPD       Z16, Z21, Z28
	VADDPD       Z28, Z4, Z4
	VMULPD       Z17, Z21, Z29
	VADDPD       Z29, Z5, Z5
	VMULPD       Z18, Z21, Z30
	VADDPD       Z30, Z6, Z6
	VMULPD       Z19, Z21, Z31
	VADDPD       Z31, Z7, Z7
	VMULPD       Z16, Z22, Z24
	VADDPD       Z24, Z8, Z8
	VMULPD       Z17, Z22, Z25
	VADDPD       Z25, Z9, Z9
	VMULPD       Z18, Z22, Z26
	VADDPD       Z26, Z10, Z10
	VMULPD       Z19, Z22, Z27
	VADDPD       Z27, Z11, Z11
	VMULPD       Z16, Z23, Z28
	VADDPD       Z28, Z12, Z12
	VMULPD       Z17, Z23, Z29
	VADDPD       Z29, Z13, Z13
	VMULPD       Z18, Z23, Z30
	VADDPD       Z30, Z14, Z14
	VMULPD       Z19, Z23, Z31
	VADDPD       Z31, Z15, Z15
	ADDQ         R8, SI
	ADDQ         R8, DI
	ADDQ         R9, BX
	DECQ         CX
	JNZ          loop432

store432:
	MOVQ    c+48(FP), SI
	MOVQ    ldc+56(FP), R10
	SHLQ    $3, R10
	VMOVUPD Z0, (SI)
	VMOVUPD Z1, 64(SI)
	VMOVUPD Z2, 128(SI)
	VMOVUPD Z3, 192(SI)
	ADDQ    R10, SI
	VMOVUPD Z4, (SI)
	VMOVUPD Z5, 64(SI)
	VMOVUPD Z6, 128(SI)
	VMOVUPD Z7, 192(SI)
	ADDQ    R10, SI
	VMOVUPD Z8, (SI)
	VMOVUPD Z9, 64(SI)
	VMOVUPD Z10, 128(SI)
	VMOVUPD Z11, 192(SI)
	ADDQ    R10, SI
	VMOVUPD Z12, (SI)
	VMOVUPD Z13, 64(SI)
	VMOVUPD Z14, 128(SI)
	VMOVUPD Z15, 192(SI)
	VZEROUPPER
	RET

// func Transpose4x4(src *float64, ss int, dst *float64, ds int)
//
// dst[j·ds+i] = src[i·ss+j] for i, j < 4.
TEXT ·Transpose4x4(SB), NOSPLIT, $0-32
	MOVQ        src+0(FP), SI
	MOVQ        ss+8(FP), AX
	SHLQ        $3, AX
	MOVQ        dst+16(FP), DI
	MOVQ        ds+24(FP), BX
	SHLQ        $3, BX
	VMOVUPD     (SI), Y0          // a0 a1 a2 a3
	VMOVUPD     (SI)(AX*1), Y1    // b0 b1 b2 b3
	LEAQ        (SI)(AX*2), SI
	VMOVUPD     (SI), Y2          // c0 c1 c2 c3
	VMOVUPD     (SI)(AX*1), Y3    // d0 d1 d2 d3
	VUNPCKLPD   Y1, Y0, Y4        // a0 b0 a2 b2
	VUNPCKHPD   Y1, Y0, Y5        // a1 b1 a3 b3
	VUNPCKLPD   Y3, Y2, Y6        // c0 d0 c2 d2
	VUNPCKHPD   Y3, Y2, Y7        // c1 d1 c3 d3
	VPERM2F128  $0x20, Y6, Y4, Y0 // a0 b0 c0 d0
	VPERM2F128  $0x20, Y7, Y5, Y1 // a1 b1 c1 d1
	VPERM2F128  $0x31, Y6, Y4, Y2 // a2 b2 c2 d2
	VPERM2F128  $0x31, Y7, Y5, Y3 // a3 b3 c3 d3
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, (DI)(BX*1)
	LEAQ        (DI)(BX*2), DI
	VMOVUPD     Y2, (DI)
	VMOVUPD     Y3, (DI)(BX*1)
	VZEROUPPER
	RET

// func GemmIdx1x64(cnt int, vals *float64, offs *int, b *float64, c *float64)
//
// GemmIdx1x32 for 64 columns with AVX-512: c[j] = Σ_{e<cnt} vals[e]·b[offs[e]/8 + j]
// for j < 64, in the order of e, from +0.
TEXT ·GemmIdx1x64(SB), NOSPLIT, $0-40
	MOVQ    cnt+0(FP), CX
	MOVQ    vals+8(FP), SI
	MOVQ    offs+16(FP), DI
	MOVQ    b+24(FP), BX
	VPXORQ  Z0, Z0, Z0
	VMOVAPD Z0, Z1
	VMOVAPD Z0, Z2
	VMOVAPD Z0, Z3
	VMOVAPD Z0, Z4
	VMOVAPD Z0, Z5
	VMOVAPD Z0, Z6
	VMOVAPD Z0, Z7
	TESTQ   CX, CX
	JLE     i64store

i64loop:
	VBROADCASTSD (SI), Z8
	MOVQ         (DI), AX
	ADDQ         BX, AX
	VMULPD       (AX), Z8, Z9
	VADDPD       Z9, Z0, Z0
	VMULPD       64(AX), Z8, Z10
	VADDPD       Z10, Z1, Z1
	VMULPD       128(AX), Z8, Z11
	VADDPD       Z11, Z2, Z2
	VMULPD       192(AX), Z8, Z12
	VADDPD       Z12, Z3, Z3
	VMULPD       256(AX), Z8, Z13
	VADDPD       Z13, Z4, Z4
	VMULPD       320(AX), Z8, Z14
	VADDPD       Z14, Z5, Z5
	VMULPD       384(AX), Z8, Z15
	VADDPD       Z15, Z6, Z6
	VMULPD       448(AX), Z8, Z16
	VADDPD       Z16, Z7, Z7
	ADDQ         $8, SI
	ADDQ         $8, DI
	DECQ         CX
	JNZ          i64loop

i64store:
	MOVQ    c+32(FP), AX
	VMOVUPD Z0, (AX)
	VMOVUPD Z1, 64(AX)
	VMOVUPD Z2, 128(AX)
	VMOVUPD Z3, 192(AX)
	VMOVUPD Z4, 256(AX)
	VMOVUPD Z5, 320(AX)
	VMOVUPD Z6, 384(AX)
	VMOVUPD Z7, 448(AX)
	VZEROUPPER
	RET

// func Compact512(k int, a *float64, bstep int, vals *float64, offs *int) int
//
// Compact for a contiguous a (as = 1) with AVX-512, eight entries at a time
// with VCOMPRESSPD. vals and offs need room for k+7 entries.
TEXT ·Compact512(SB), NOSPLIT, $0-48
	MOVQ         k+0(FP), CX
	MOVQ         a+8(FP), SI
	MOVQ         bstep+16(FP), R9
	MOVQ         vals+24(FP), DI
	MOVQ         offs+32(FP), R10
	XORQ         DX, DX // count
	XORQ         R12, R12 // l·bstep
	VPXORQ       Z15, Z15, Z15
	VXORPD       X15, X15, X15

	// Offsets of eight consecutive l: (0, 1, …, 7)·bstep, and 8·bstep.
	MOVQ         R9, X0
	VPBROADCASTQ X0, Z13 // bstep
	VPXORQ       Z12, Z12, Z12
	MOVQ         $0, AX
	MOVQ         $0x0706050403020100, BX
	MOVQ         BX, X1
	VPMOVZXBQ    X1, Z1    // 0, 1, …, 7
	VPMULLQ      Z13, Z1, Z12 // (0, 1, …, 7)·bstep
	MOVQ         R9, AX
	SHLQ         $3, AX
	MOVQ         AX, X2
	VPBROADCASTQ X2, Z14 // 8·bstep

	MOVQ CX, R13
	SHRQ $3, R13
	JZ   c5tail

c5loop:
	VMOVUPD     (SI), Z0
	VCMPPD      $4, Z15, Z0, K1 // a ≠ 0, true for NaN
	VCOMPRESSPD Z0, K1, Z3
	VMOVUPD     Z3, (DI)(DX*8)
	VPCOMPRESSQ Z12, K1, Z4
	VMOVDQU64   Z4, (R10)(DX*8)
	KMOVW       K1, AX
	POPCNTL     AX, AX
	ADDQ        AX, DX
	VPADDQ      Z14, Z12, Z12
	LEAQ        (R12)(R9*8), R12
	ADDQ        $64, SI
	DECQ        R13
	JNZ         c5loop

c5tail:
	ANDQ $7, CX
	JZ   c5done

c5one:
	VMOVSD   (SI), X0
	VMOVSD   X0, (DI)(DX*8)
	MOVQ     R12, (R10)(DX*8)
	VUCOMISD X15, X0
	SETNE    AL
	SETPS    BL
	ORB      BL, AL
	MOVBQZX  AL, AX
	ADDQ     AX, DX
	ADDQ     $8, SI
	ADDQ     R9, R12
	DECQ     CX
	JNZ      c5one

c5done:
	MOVQ DX, ret+40(FP)
	VZEROUPPER
	RET
