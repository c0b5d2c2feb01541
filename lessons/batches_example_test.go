package lessons_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// A mini-batch is a slice of a shuffled index; SelectRows picks those rows.
func ExampleSelectRows() {
	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	perm := rand.New(rand.NewPCG(1, 1)).Perm(4) // a shuffled index
	batch := perm[0:2]                          // the first mini-batch of 2
	fmt.Println(batch)
	fmt.Println(mat.Formatted(lessons.SelectRows(x, batch)))
	// Output:
	// [1 2]
	// ⎡0  1⎤
	// ⎣1  0⎦
}

// A rate of 2 in 100 is uncertain: anything from about 0.6 % to 7 % fits it.
func ExampleWilson() {
	lo, hi := lessons.Wilson(2, 100)
	fmt.Printf("2 of 100: %.1f%% to %.1f%%\n", 100*lo, 100*hi)
	lo, hi = lessons.Wilson(0, 100)
	fmt.Printf("0 of 100: %.1f%% to %.1f%%\n", 100*lo, 100*hi)
	// Output:
	// 2 of 100: 0.6% to 7.0%
	// 0 of 100: 0.0% to 3.7%
}

// The checker of lesson 07's exercise names the slip it recognises.
func ExampleCheckMomentum() {
	right := func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w - eta*v, v }
	oldV := func(w, v, g, eta, mu float64) (float64, float64) { return w - eta*v, mu*v + g }
	fmt.Println(lessons.CheckMomentum(right))
	fmt.Println(lessons.CheckMomentum(oldV))
	// Output:
	// ✓ correct: v ← μ·v + g, then w ← w − η·v, as dl.SGD{Momentum: μ} does
	// ✗ not yet: the weight moves with the old velocity: update v first, then step with the new one
}

// The gradient of softmax with cross-entropy is p − y, as central
// differences confirm.
func ExampleSoftmaxGradCheck() {
	analytic, numeric := lessons.SoftmaxGradCheck([]float64{2, 1, -1}, []float64{0, 1, 0})
	fmt.Printf("%.6f\n%.6f\n", analytic, numeric)
	// Output:
	// [0.705385 -0.740504 0.035119]
	// [0.705385 -0.740504 0.035119]
}

// A confidently wrong sigmoid neuron learns slowly with the MSE and quickly
// with the cross-entropy (Nielsen, chapter 3).
func ExampleSaturatedNeuron() {
	mse := lessons.SaturatedNeuron(false, 0.15, 100)
	ce := lessons.SaturatedNeuron(true, 0.15, 100)
	fmt.Printf("after 100 steps: MSE %.3f, cross-entropy %.3f\n", mse[100], ce[100])
	// Output:
	// after 100 steps: MSE 0.795, cross-entropy 0.041
}

// Momentum crosses d2l's valley at a rate where gradient descent diverges.
func ExampleRavinePath() {
	w1, w2 := lessons.RavinePath(&dl.SGD{Momentum: 0.5}, 0.6, 20)
	fmt.Printf("(%.6f, %.6f)\n", w1[20], w2[20])
	// Output:
	// (0.007188, 0.002553)
}
