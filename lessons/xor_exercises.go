package lessons

import (
	"fmt"
	"math"
	"strings"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The checkers of lessons 03 and 04. Each takes the function a learner wrote
// in the notebook, tries it, and returns a one-line verdict: "✓ correct: …"
// or "✗ not yet: …" with a hint. A wrong answer, even one that panics, gives
// a verdict and never stops the notebook.

// CheckXORFeatures checks a feature map for exercise 03: f turns an input
// (x₁, x₂) into the inputs of a perceptron. The verdict is "✓ correct" when
// a zero-initialised dl.Perceptron trained on the four XOR patterns mapped
// through f converges, so that the features have made XOR linearly
// separable, and "✗ not yet" with a hint otherwise: when the perceptron
// cycles, or f panics, returns no features, features of varying length, or
// NaN or infinite values.
func CheckXORFeatures(f func(x1, x2 float64) []float64) (verdict string) {
	if f == nil {
		return "✗ not yet: the function is nil; write func features(x1, x2 float64) []float64"
	}
	inputs, xor := Examples(XOR())
	feats := make([][]float64, len(inputs))
	for i, in := range inputs {
		v, err := tryLearner(func() []float64 { return f(in[0], in[1]) })
		if err != nil {
			return fmt.Sprintf("✗ not yet: features(%g, %g) panicked: %v", in[0], in[1], err)
		}
		if len(v) == 0 {
			return fmt.Sprintf("✗ not yet: features(%g, %g) returned no features; return a slice such as []float64{x1, x2, …}", in[0], in[1])
		}
		if i > 0 && len(v) != len(feats[0]) {
			return fmt.Sprintf("✗ not yet: features(0, 0) has %d entries but features(%g, %g) has %d; every input needs the same number of features",
				len(feats[0]), in[0], in[1], len(v))
		}
		for _, vj := range v {
			if math.IsNaN(vj) || math.IsInf(vj, 0) {
				return fmt.Sprintf("✗ not yet: features(%g, %g) = %v contains NaN or ±Inf", in[0], in[1], v)
			}
		}
		feats[i] = append([]float64(nil), v...) // f might reuse its slice
	}

	var p dl.Perceptron
	res := p.Train(feats, xor, 0)
	switch {
	case res.Converged:
		msg := fmt.Sprintf("✓ correct: with %d features the perceptron gets all four XOR points right after %d epochs (w = %s, b = %g)",
			len(feats[0]), len(res.Epochs), formatWeights(p.W), p.B)
		for j := range feats[0] {
			if isXORColumn(feats, j) {
				msg += fmt.Sprintf("; note that feature %d already is XOR itself, which is a bit of a shortcut: try x₁·x₂", j+1)
				break
			}
		}
		return msg
	case res.Cycle != nil:
		return fmt.Sprintf("✗ not yet: the perceptron still cycles (the weights repeat every %d epoch(s) from epoch %d), so XOR is not linearly separable in these features. "+
			"Hint: add a feature that is non-zero only when both inputs are 1, such as x1*x2", res.Cycle.Period, res.Cycle.First+1) // epochs counted from 1, as the lessons do
	default:
		return fmt.Sprintf("✗ not yet: the perceptron neither converged nor cycled within %d epochs; try simpler features, such as x1, x2 and x1*x2", len(res.Epochs))
	}
}

// isXORColumn reports whether feature j alone has the pattern of XOR's
// labels: one value on (0,1) and (1,0), another on (0,0) and (1,1).
func isXORColumn(feats [][]float64, j int) bool {
	a, b := feats[1][j], feats[0][j]
	return a != b && feats[2][j] == a && feats[3][j] == b
}

// CheckOutputDelta checks exercise 04: delta(yhat, t, n) should return the
// error signal δ = ∂L/∂z of a sigmoid output unit whose output is ŷ = σ(z)
// and target t, for the loss L = MSE averaged over n examples:
//
//	δ = ∂L/∂ŷ · σ′(z) = 2(ŷ − t)/n · ŷ(1 − ŷ)
//
// It compares delta with the δ that dl computes by backpropagation
// (the output layer's Delta) for a 2-2-1 net on the four XOR patterns, and
// returns "✓ correct" or "✗ not yet" with a hint that names the most likely
// slip: a missing σ′, a missing factor 2 or 1/n, or the sign.
func CheckOutputDelta(delta func(yhat, t float64, n int) float64) (verdict string) {
	if delta == nil {
		return "✗ not yet: the function is nil; write func outputDelta(yhat, t float64, n int) float64"
	}
	x, y := XOR()
	net := NewXORNet(2, 1)
	pred := net.Forward(x)
	grad := mat.NewDense(4, 1, nil)
	dl.MSE{}.Grad(grad, pred, y)
	net.Backward(grad)
	want := net.Layers[1].Delta()

	n := x.RawMatrix().Rows
	got := make([]float64, n)
	for i := range n {
		yhat, t := pred.At(i, 0), y.At(i, 0)
		v, err := tryLearner(func() float64 { return delta(yhat, t, n) })
		if err != nil {
			return fmt.Sprintf("✗ not yet: outputDelta(%.3f, %g, %d) panicked: %v", yhat, t, n, err)
		}
		got[i] = v
	}
	matches := func(g func(i int) float64) bool {
		for i := range n {
			if math.Abs(got[i]-g(i)) > 1e-9*(1+math.Abs(g(i))) {
				return false
			}
		}
		return true
	}
	w := func(i int) float64 { return want.At(i, 0) }
	if matches(w) {
		return fmt.Sprintf("✓ correct: your δ matches backpropagation on all %d XOR patterns (e.g. δ = %.6f for ŷ = %.4f, t = %g)",
			n, got[0], pred.At(0, 0), y.At(0, 0))
	}
	yh := func(i int) float64 { return pred.At(i, 0) }
	ts := func(i int) float64 { return y.At(i, 0) }
	fn := float64(n)
	hints := []struct {
		g    func(i int) float64
		hint string
	}{
		{func(i int) float64 { return -w(i) }, "the sign is flipped: the error is ŷ − t, not t − ŷ"},
		{func(i int) float64 { return 2 * (yh(i) - ts(i)) / fn }, "that is ∂L/∂ŷ; multiply by the sigmoid's derivative σ′(z) = ŷ(1 − ŷ) to get ∂L/∂z"},
		{func(i int) float64 { return w(i) / 2 }, "a factor 2 is missing: the derivative of (ŷ − t)² is 2(ŷ − t)"},
		{func(i int) float64 { return w(i) * fn }, "the MSE averages over the n examples, so divide by n"},
		{func(i int) float64 { return w(i) * fn / 2 }, "missing both the 2 from the square and the 1/n of the average: δ = 2(ŷ − t)/n · ŷ(1 − ŷ)"},
		{func(i int) float64 { return 2 * (yh(i) - ts(i)) / fn * dl.Sigmoid.Deriv(yh(i)) }, "σ′ is evaluated at z, not at ŷ: written with the output it is ŷ(1 − ŷ)"},
	}
	for _, h := range hints {
		if matches(h.g) {
			return "✗ not yet: " + h.hint
		}
	}
	return fmt.Sprintf("✗ not yet: for ŷ = %.4f, t = %g, n = %d you return %.6g, backpropagation gives %.6g. Hint: δ = ∂L/∂ŷ · σ′(z) with ∂L/∂ŷ = 2(ŷ − t)/n and σ′(z) = ŷ(1 − ŷ)",
		pred.At(0, 0), y.At(0, 0), n, got[0], want.At(0, 0))
}

// tryLearner runs f and turns a panic into an error, so that a checker can report
// a learner's crashing function instead of stopping the notebook.
func tryLearner[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f(), nil
}

func formatWeights(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%g", x)
	}
	return "(" + strings.Join(s, ", ") + ")"
}
