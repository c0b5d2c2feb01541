package lessons

import (
	"fmt"
	"math"
	"slices"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// CheckSoftmax checks the exercise of lesson 9: softmax(z) should turn the
// ten logits of one image into probabilities,
//
//	pⱼ = exp(zⱼ − m) / Σₖ exp(zₖ − m),   m = maxₖ zₖ,
//
// without changing z. It compares f with Softmax on vectors that include
// large logits (1000, 1001, 1002), where exp overflows unless the largest
// logit is subtracted first, and very negative ones, where every exp
// underflows to 0. Agreement to 1e-12 (relative) passes. Otherwise the
// verdict names the likely slip: no exponential, no normalisation, the
// overflow, a sigmoid per entry, or a changed input. It returns
// "✓ correct: …" or "✗ not yet: …" and never panics, even if f does.
func CheckSoftmax(f func(z []float64) []float64) string {
	if f == nil {
		return "✗ not yet: the function is nil; write func softmax(z []float64) []float64"
	}
	cases := [][]float64{
		{1, 2, 3},
		{0, 0},
		{-1, 0, 1, 2, 0.5, -3, 4, 0, 1, 2},
		{3.2, -1.5, 0.7, 8.9, -4, 2.2, 0, 1.1, -0.3, 5},
		{1000, 1001, 1002},
		{-1000, -1000, -999},
	}
	for _, z := range cases {
		in := slices.Clone(z)
		p, err := tryLearner(func() []float64 { return f(in) })
		if err != nil {
			return fmt.Sprintf("✗ not yet: softmax(%v) panicked: %v", z, err)
		}
		if !slices.Equal(in, z) {
			return fmt.Sprintf("✗ not yet: softmax changed its input %v to %v; write the probabilities into a new slice", z, in)
		}
		if len(p) != len(z) {
			return fmt.Sprintf("✗ not yet: softmax(%v) has %d entries, want one probability per logit (%d)", z, len(p), len(z))
		}
		want := softmaxRow(z)
		if close := func() bool {
			for j := range p {
				if !(dl.RelErr(p[j], want[j]) <= 1e-12) { // NaN fails too
					return false
				}
			}
			return true
		}(); close {
			continue
		}
		return "✗ not yet: " + softmaxHint(z, p, want)
	}
	return "✓ correct: softmax agrees with exp(zⱼ − max z) / Σₖ exp(zₖ − max z) on 6 vectors, large logits (1000, 1001, 1002) included; " +
		fmt.Sprintf("softmax([1 2 3]) = %.4f", f([]float64{1, 2, 3}))
}

// softmaxHint names the slip that makes p differ from want for the logits z.
func softmaxHint(z, p, want []float64) string {
	for _, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("softmax(%v) = %v. exp(1000) overflows float64 (its largest value is about exp(709.8)); subtract the largest logit from every zⱼ first: it cancels in the ratio", z, p)
		}
	}
	sum := 0.0
	for _, v := range p {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Sprintf("softmax(%v) = %.4g sums to %.4g; probabilities sum to 1: divide each exp by the sum of all of them", z, p, sum)
	}
	linear := make([]float64, len(z))
	total := 0.0
	for _, v := range z {
		total += v
	}
	for j, v := range z {
		linear[j] = v / total
	}
	if slices.EqualFunc(p, linear, func(a, b float64) bool { return dl.RelErr(a, b) < 1e-9 }) {
		return fmt.Sprintf("softmax(%v) = %.4g is zⱼ / Σₖ zₖ; take exp(zⱼ) first, so that negative logits give positive probabilities", z, p)
	}
	return fmt.Sprintf("softmax(%v) = %.6g, want %.6g. Hint: pⱼ = exp(zⱼ − m) / Σₖ exp(zₖ − m) with m the largest zₖ", z, p, want)
}

// softmaxRow is dl.Softmax of one vector.
func softmaxRow(z []float64) []float64 {
	var p mat.Dense
	dl.Softmax(&p, mat.NewDense(1, len(z), slices.Clone(z)))
	return p.RawRowView(0)
}
