package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// The datasets below follow the convention of package dl: one example per
// row of x, and the matching target in the same row of y.

// truthTable returns the four inputs (0,0), (0,1), (1,0), (1,1) and the
// outputs of the two-input boolean function f on them.
func truthTable(f func(a, b bool) bool) (x, y *mat.Dense) {
	x = mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y = mat.NewDense(4, 1, nil)
	for i := range 4 {
		if f(x.At(i, 0) == 1, x.At(i, 1) == 1) {
			y.Set(i, 0, 1)
		}
	}
	return x, y
}

// XOR returns the truth table of exclusive or: a 4×2 input with rows
// (0,0), (0,1), (1,0), (1,1) and a 4×1 target 0, 1, 1, 0. No line separates
// the 1s from the 0s, so a single perceptron cannot learn it (Minsky & Papert
// 1969) while a net with one hidden layer can (Rumelhart et al. 1986).
func XOR() (x, y *mat.Dense) { return truthTable(func(a, b bool) bool { return a != b }) }

// AND returns the truth table of logical and (targets 0, 0, 0, 1), in the
// layout of XOR.
func AND() (x, y *mat.Dense) { return truthTable(func(a, b bool) bool { return a && b }) }

// OR returns the truth table of logical or (targets 0, 1, 1, 1), in the
// layout of XOR.
func OR() (x, y *mat.Dense) { return truthTable(func(a, b bool) bool { return a || b }) }

// NAND returns the truth table of not-and (targets 1, 1, 1, 0), in the
// layout of XOR.
func NAND() (x, y *mat.Dense) { return truthTable(func(a, b bool) bool { return !(a && b) }) }

// Spiral returns the spiral dataset of Stanford's CS231n notes ("Putting it
// together: minimal neural network case study"): classes arms of
// pointsPerClass points each, winding around the origin. Point i of class j
// has
//
//	r = i/(pointsPerClass−1)                     (evenly spaced in [0, 1])
//	t = 4j + 4·i/(pointsPerClass−1) + 0.2·ε,     ε ~ N(0, 1)
//	x = (r·sin t, r·cos t)
//
// x is (classes·pointsPerClass)×2, class by class; y is the one-hot target,
// (classes·pointsPerClass)×classes. No straight line separates two arms, so
// a linear classifier reaches only about 50% accuracy on three classes
// while a small net reaches about 99%.
//
// Spiral panics if classes < 1 or pointsPerClass < 2.
func Spiral(classes, pointsPerClass int, rng *rand.Rand) (x, y *mat.Dense) {
	if classes < 1 || pointsPerClass < 2 {
		panic(fmt.Sprintf("lessons: Spiral needs at least 1 class and 2 points per class, got %d classes of %d points",
			classes, pointsPerClass))
	}
	n := classes * pointsPerClass
	x = mat.NewDense(n, 2, nil)
	y = mat.NewDense(n, classes, nil)
	last := float64(pointsPerClass - 1)
	for j := range classes {
		for i := range pointsPerClass {
			row := j*pointsPerClass + i
			r := float64(i) / last
			t := 4*float64(j) + 4*float64(i)/last + 0.2*rng.NormFloat64()
			x.Set(row, 0, r*math.Sin(t))
			x.Set(row, 1, r*math.Cos(t))
			y.Set(row, j, 1)
		}
	}
	return x, y
}

// LinearlySeparable returns n random points in the square [−1, 1]², labelled
// 1 on one side of a random line through the square and 0 on the other.
// Points closer to the line than margin are drawn again, so the two classes
// are separated by a gap of width 2·margin. The perceptron convergence
// theorem (Novikoff 1962) bounds the number of mistakes by (R/γ)², where the
// inputs carry the bias input 1, so R = max ‖(x, 1)‖ ≤ √3, and γ is the
// margin of a unit vector in that space: the generating line's (w, b) has
// ‖(w, b)‖ ≤ √1.25, so γ ≥ margin/√1.25 and the bound is at most
// 3.75/margin² (NovikoffBound finds each data set's own, larger γ).
//
// x is n×2 and y is n×1 with entries 0 and 1. The line is
// w·x + b = 0 with w a random unit vector and b uniform in [−0.5, 0.5].
// LinearlySeparable panics if n < 1 or margin is not in [0, 0.5).
func LinearlySeparable(n int, margin float64, rng *rand.Rand) (x, y *mat.Dense) {
	if n < 1 || margin < 0 || margin >= 0.5 {
		panic(fmt.Sprintf("lessons: LinearlySeparable needs n ≥ 1 and 0 ≤ margin < 0.5, got n = %d, margin = %v", n, margin))
	}
	angle := 2 * math.Pi * rng.Float64()
	w0, w1 := math.Cos(angle), math.Sin(angle)
	b := rng.Float64() - 0.5
	x = mat.NewDense(n, 2, nil)
	y = mat.NewDense(n, 1, nil)
	for i := range n {
		for {
			a, c := 2*rng.Float64()-1, 2*rng.Float64()-1
			d := w0*a + w1*c + b // signed distance to the line, since |w| = 1
			if math.Abs(d) < margin {
				continue
			}
			x.Set(i, 0, a)
			x.Set(i, 1, c)
			if d > 0 {
				y.Set(i, 0, 1)
			}
			break
		}
	}
	return x, y
}
