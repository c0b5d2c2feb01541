package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// expInputs returns arguments for the tests: uniform over the valid range,
// small, near 0, near the ends, and at the halfway points of the rounding of
// x·log2(e), where the two paths' rounding could differ.
func expInputs() []float64 {
	rng := rand.New(rand.NewPCG(9, 9))
	var xs []float64
	for range 200000 {
		xs = append(xs, -708+rng.Float64()*1417)
	}
	for range 50000 {
		xs = append(xs, rng.NormFloat64(), rng.NormFloat64()*1e-8, -rng.ExpFloat64()*30)
	}
	for k := -1020; k <= 1020; k++ {
		half := (float64(k) + 0.5) / math.Log2E
		xs = append(xs, half, math.Nextafter(half, 0), math.Nextafter(half, 1000))
	}
	xs = append(xs, 0, math.Copysign(0, -1), 1e-300, -1e-300, 707.9, -707.9)
	for len(xs)%4 != 0 {
		xs = append(xs, 1)
	}
	return xs
}

// TestExpMatchesMath compares Exp with math.Exp, bit for bit, on this
// machine's path (with or without FMA, as math.Exp chooses).
func TestExpMatchesMath(t *testing.T) {
	if !Available {
		t.Skip("no AVX2 kernels on this machine")
	}
	xs := expInputs()
	got := make([]float64, len(xs))
	Exp(len(xs), &got[0], &xs[0], FMA)
	for i, x := range xs {
		if want := math.Exp(x); math.Float64bits(got[i]) != math.Float64bits(want) {
			t.Fatalf("Exp(%v) = %v (%#x), math.Exp %v (%#x); fma=%v", x, got[i], math.Float64bits(got[i]), want, math.Float64bits(want), FMA)
		}
	}
	t.Logf("%d arguments, fma=%v: identical", len(xs), FMA)
}

// expSSE2 is math.Exp's amd64 assembly without FMA, transcribed to Go (which
// does not fuse operations on amd64), for the valid range only.
func expSSE2(x float64) float64 {
	const (
		log2e = 1.4426950408889634073599246810018920
		ln2u  = 0.69314718055966295651160180568695068359375
		ln2l  = 0.28235290563031577122588448175013436025525412068e-12
	)
	t := log2e * x
	k := int32(math.RoundToEven(t)) // CVTSD2SL rounds to nearest even
	fk := float64(k)
	// float64(…) around each product forbids the compiler to fuse it with
	// an addition (Go may fuse, even across statements, with GOAMD64=v3).
	x = x - float64(ln2u*fk)
	x = x - float64(ln2l*fk)
	x = float64(x * 0.0625)
	p := float64(2.4801587301587301587e-5 * x)
	p = float64((p + 1.9841269841269841270e-4) * x)
	p = float64((p + 1.3888888888888888889e-3) * x)
	p = float64((p + 8.3333333333333333333e-3) * x)
	p = float64((p + 4.1666666666666666667e-2) * x)
	p = float64((p + 1.6666666666666666667e-1) * x)
	p = float64((p + 0.5) * x)
	p = p + 1.0
	x = float64(x * p)
	for range 4 {
		y := 2.0 + x
		x = float64(x * y)
	}
	x += 1.0
	return x * math.Float64frombits(uint64(int64(k)+1023)<<52)
}

// TestExpWithoutFMA checks the path for CPUs without FMA against the
// transcription of math.Exp's code for them.
func TestExpWithoutFMA(t *testing.T) {
	if !Available {
		t.Skip("no AVX2 kernels on this machine")
	}
	xs := expInputs()
	got := make([]float64, len(xs))
	Exp(len(xs), &got[0], &xs[0], false)
	for i, x := range xs {
		if want := expSSE2(x); math.Float64bits(got[i]) != math.Float64bits(want) {
			t.Fatalf("Exp(%v) without FMA = %v, transcription %v", x, got[i], want)
		}
		if !FMA {
			if want := math.Exp(x); math.Float64bits(got[i]) != math.Float64bits(want) {
				t.Fatalf("Exp(%v) without FMA = %v, math.Exp %v", x, got[i], want)
			}
		}
	}
}
