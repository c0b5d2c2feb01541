package dl

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// DefaultGradCheckStep is the finite-difference step h used by GradCheck and
// CheckDerivative when they are given eps = 0. For the central difference
// the truncation error shrinks like h² while the rounding error grows like
// ε/h (ε ≈ 2.2e-16 is the float64 machine epsilon); h ≈ ε^(1/3) ≈ 6e-6
// balances the two, giving about 10 correct digits. It is gonum's fd.Central
// step.
const DefaultGradCheckStep = 6e-6

// gradCheckFloor is the smallest denominator used by RelErr. The central
// difference of a loss L carries a rounding error of about ε·|L|/h ≈ 4e-11·|L|
// whatever the size of the gradient, so for a gradient entry far below 1e-4
// that error would dominate the relative error and flag a correct Backward.
// With the floor, such entries are held to an absolute error of 1e-4 times the
// tolerance instead (1e-10 for a tolerance of 1e-6).
const gradCheckFloor = 1e-4

// RelErr returns the relative error between an analytic value a (from
// Backward, or a derivative formula) and a numerical estimate num:
//
//	|a − num| / max(|a| + |num|, 1e-4)
//
// which lies between 0 (equal values) and 1. The floor 1e-4 makes entries
// whose true value is tiny count by their absolute difference (times 1e4):
// for those, finite differences cannot deliver relative accuracy.
func RelErr(a, num float64) float64 {
	return math.Abs(a-num) / max(math.Abs(a)+math.Abs(num), gradCheckFloor)
}

// CheckDerivative compares the derivative df of f with the central
// difference (f(x+h) − f(x−h)) / 2h at every point of xs, using step h = eps
// (0 means DefaultGradCheckStep), and returns the largest RelErr. Keep the xs
// at least a few h away from kinks such as ReLU's at 0, where f has no
// derivative and the difference quotient straddles two slopes.
func CheckDerivative(f, df func(float64) float64, xs []float64, eps float64) float64 {
	settings := &fd.Settings{Formula: fd.Central, Step: stepOrDefault(eps)}
	var worst float64
	for _, x := range xs {
		worst = max(worst, RelErr(df(x), fd.Derivative(f, x, settings)))
	}
	return worst
}

// GradCheck verifies backpropagation numerically. It computes every
// parameter gradient of loss(net(x), y) with Forward and Backward, then
// estimates each one again by central differences,
//
//	∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h,   h = eps (0 means DefaultGradCheckStep)
//
// and returns the largest RelErr between the two over all parameters. A
// correct Backward gives about 1e-7 or less (the tests measure each case);
// an error in a formula typically gives 1e-2 or more. Near a kink (a ReLU
// unit with z within h of 0) the estimate is wrong, not Backward.
//
// It costs two forward passes per parameter, so use small nets and batches.
// The parameters are restored exactly afterwards, and the gradients and the
// values kept by Forward are those of the original parameters.
// GradCheck panics if the shapes of x, y and the net do not match.
func GradCheck(net *Net, loss Loss, x, y *mat.Dense, eps float64) (maxRelErr float64) {
	analytic, numeric := GradCheckValues(net, loss, x, y, eps)
	for i := range analytic {
		maxRelErr = max(maxRelErr, RelErr(analytic[i], numeric[i]))
	}
	return maxRelErr
}

// GradCheckValues returns the two gradients that GradCheck compares, as flat
// slices in the order of net.Params() (each matrix row by row): analytic from
// Backward and numeric from central differences. A lesson can print them
// side by side. It panics as GradCheck does.
func GradCheckValues(net *Net, loss Loss, x, y *mat.Dense, eps float64) (analytic, numeric []float64) {
	params := net.Params()
	if xr, yr := x.RawMatrix().Rows, y.RawMatrix().Rows; xr != yr {
		panic(fmt.Sprintf("dl: GradCheck: x has %d rows, y has %d", xr, yr))
	}

	// Analytic gradient: one Forward and one Backward.
	backprop := func() {
		var g mat.Dense
		loss.Grad(&g, net.Forward(x), y)
		net.Backward(&g)
	}
	backprop()
	analytic = flatten(params, func(p Param) *mat.Dense { return p.Grad })
	theta := flatten(params, func(p Param) *mat.Dense { return p.Value })

	// Numeric gradient: L as a function of the flat parameter vector,
	// differentiated by gonum's finite-difference package.
	lossAt := func(th []float64) float64 {
		unflatten(params, th)
		return loss.Loss(net.Forward(x), y)
	}
	numeric = fd.Gradient(nil, lossAt, theta, &fd.Settings{Formula: fd.Central, Step: stepOrDefault(eps)})

	unflatten(params, theta) // exact restore: theta holds the original bits
	backprop()
	return analytic, numeric
}

func stepOrDefault(eps float64) float64 {
	if eps == 0 {
		return DefaultGradCheckStep
	}
	return eps
}

// flatten copies the matrices selected by pick, row by row, into one slice.
func flatten(params []Param, pick func(Param) *mat.Dense) []float64 {
	var v []float64
	for _, p := range params {
		m := pick(p)
		r, _ := m.Dims()
		for i := range r {
			v = append(v, m.RawRowView(i)...)
		}
	}
	return v
}

// unflatten is the inverse of flatten for the parameter values.
func unflatten(params []Param, v []float64) {
	for _, p := range params {
		r, _ := p.Value.Dims()
		for i := range r {
			v = v[copy(p.Value.RawRowView(i), v):]
		}
	}
}
