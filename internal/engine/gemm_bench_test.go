package engine

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkKernel measures gemmKernel on the spiral's 64×64 layer (300
// examples): z = a·W, ∂L/∂W = aᵀ·δ, ∂L/∂a = δ·Wᵀ (as a·(copy of Wᵀ)).
func BenchmarkKernel(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	a := randomData(rng, 300*64, 0.5)
	w := randomData(rng, 64*64, 0)
	c := make([]float64, 300*64)
	dw := make([]float64, 64*64)
	b.Run("NN300x64x64", func(b *testing.B) {
		for b.Loop() {
			gemmKernel(false, false, 300, 64, 64, a, 64, w, 64, c, 64)
		}
	})
	b.Run("TN64x64x300", func(b *testing.B) {
		for b.Loop() {
			gemmKernel(true, false, 64, 64, 300, a, 64, c, 64, dw, 64)
		}
	})
	b.Run("NT300x3x64", func(b *testing.B) {
		for b.Loop() {
			gemmKernel(false, true, 300, 3, 64, a, 64, w, 64, c, 3)
		}
	})
}
