package lessons

import (
	"fmt"
	"math"
	"slices"

	"github.com/introdl/introdl/dl"
)

// This file holds the experiments of lesson 03 (notebooks/03-xor.ipynb):
// Minsky and Papert's observation that no single threshold unit computes
// XOR, what Rosenblatt's rule does when asked to, and the extra feature that
// makes XOR learnable after all.

// LineSearch is the outcome of SearchLines: how well the best straight line
// of a grid separates a labelled set of points.
type LineSearch struct {
	Tried       int // number of lines (w₁, w₂, b) tried
	Separating  int // lines that classify every example correctly
	BestCorrect int // most examples that any one line classifies correctly

	// Best is, of the lines that classify BestCorrect examples correctly,
	// the one that keeps those examples farthest from it (the largest
	// smallest distance |w₁x₁ + w₂x₂ + b| / ‖w‖; the first in the order of
	// the search on ties): w₁ = Best[0], w₂ = Best[1], b = Best[2].
	Best [3]float64
}

// SearchLines tries every line w₁x₁ + w₂x₂ + b = 0 whose three coefficients
// each take one of n evenly spaced values in [−limit, limit] (n³ lines in
// all), classifies each example x[i] the way a perceptron does,
//
//	ŷ = 1 if w₁x₁ + w₂x₂ + b > 0, else 0,
//
// and counts the lines that get every label y[i] right. A search cannot prove
// that no line exists (a line between the grid points could work), but for
// four points at the corners of the unit square a grid of small integers and
// halves already contains a separating line for every separable labelling;
// finding none for XOR agrees with the proof in the lesson.
//
// SearchLines panics if n < 2, limit ≤ 0, x is empty, a row of x does not
// have 2 entries, or len(y) != len(x).
func SearchLines(x [][]float64, y []float64, limit float64, n int) LineSearch {
	if n < 2 || !(limit > 0) {
		panic(fmt.Sprintf("lessons: SearchLines: need n ≥ 2 values in [−limit, limit] with limit > 0, got n = %d, limit = %g", n, limit))
	}
	if len(x) == 0 || len(y) != len(x) {
		panic(fmt.Sprintf("lessons: SearchLines: x has %d rows, y has %d labels", len(x), len(y)))
	}
	for i, xi := range x {
		if len(xi) != 2 {
			panic(fmt.Sprintf("lessons: SearchLines: row %d of x has %d entries, want 2", i, len(xi)))
		}
	}
	values := make([]float64, n)
	for i := range values {
		values[i] = limit * float64(2*i-(n-1)) / float64(n-1)
	}
	res := LineSearch{BestCorrect: -1}
	bestMargin := -1.0
	for _, w1 := range values {
		for _, w2 := range values {
			for _, b := range values {
				res.Tried++
				norm := math.Hypot(w1, w2)
				correct, margin := 0, math.Inf(1)
				for i, xi := range x {
					s := w1*xi[0] + w2*xi[1] + b
					yhat := 0.0
					if s > 0 {
						yhat = 1
					}
					if yhat == y[i] {
						correct++
						if norm > 0 {
							margin = min(margin, math.Abs(s)/norm)
						} else {
							margin = 0 // no line at all: every point on one side
						}
					}
				}
				if correct == len(x) {
					res.Separating++
				}
				if correct > res.BestCorrect || correct == res.BestCorrect && margin > bestMargin {
					res.BestCorrect, res.Best, bestMargin = correct, [3]float64{w1, w2, b}, margin
				}
			}
		}
	}
	return res
}

// OrderRun is the outcome of training a perceptron on the examples visited
// in one particular order (see PerceptronOrders).
type OrderRun struct {
	Order     []int     // Order[k] is the index of the k-th example visited
	Converged bool      // an epoch made no mistakes
	Cycle     *dl.Cycle // the detected repetition, if training cycles
	Epochs    int       // epochs run before stopping
}

// PerceptronOrders trains a fresh zero-initialised dl.Perceptron on the
// examples (x, y) once for every order in which an epoch can visit them
// (all n! permutations, in lexicographic order, so n must be small), for at
// most maxEpochs epochs each (0 means 1000). On XOR every order ends in a
// cycle: the order changes where the weights wander, not whether they
// settle.
//
// PerceptronOrders panics if there are more than 8 examples (8! = 40320
// runs), or where dl.Perceptron.Train would.
func PerceptronOrders(x [][]float64, y []float64, maxEpochs int) []OrderRun {
	if len(x) > 8 {
		panic(fmt.Sprintf("lessons: PerceptronOrders: %d examples have too many orders; use at most 8", len(x)))
	}
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	var runs []OrderRun
	for {
		xs := make([][]float64, len(order))
		ys := make([]float64, len(order))
		for k, i := range order {
			xs[k], ys[k] = x[i], y[i]
		}
		var p dl.Perceptron
		res := p.Train(xs, ys, maxEpochs)
		runs = append(runs, OrderRun{
			Order:     slices.Clone(order),
			Converged: res.Converged,
			Cycle:     res.Cycle,
			Epochs:    len(res.Epochs),
		})
		if !nextPermutation(order) {
			return runs
		}
	}
}

// nextPermutation rearranges p into the next permutation in lexicographic
// order and reports whether there was one (Knuth's Algorithm L).
func nextPermutation(p []int) bool {
	i := len(p) - 2
	for i >= 0 && p[i] >= p[i+1] {
		i--
	}
	if i < 0 {
		return false
	}
	j := len(p) - 1
	for p[j] <= p[i] {
		j--
	}
	p[i], p[j] = p[j], p[i]
	slices.Reverse(p[i+1:])
	return true
}

// WithFeatures maps every example of x through f, giving the inputs of a
// perceptron that sees the features f(x₁, x₂) instead of the raw
// coordinates; for example f(x₁, x₂) = (x₁, x₂, x₁·x₂) adds the product
// feature that makes XOR linearly separable.
//
// WithFeatures panics if a row of x does not have 2 entries.
func WithFeatures(x [][]float64, f func(x1, x2 float64) []float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, xi := range x {
		if len(xi) != 2 {
			panic(fmt.Sprintf("lessons: WithFeatures: row %d of x has %d entries, want 2", i, len(xi)))
		}
		out[i] = f(xi[0], xi[1])
	}
	return out
}
