package dl

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// randomDense returns an r×c matrix of standard normal entries.
func randomDense(r, c int, rng *rand.Rand) *mat.Dense {
	m := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			m.Set(i, j, rng.NormFloat64())
		}
	}
	return m
}

// targetsFor returns a target matrix suited to loss: real values for MSE,
// 0/1 entries for BCEWithLogits, one-hot rows for SoftmaxCrossEntropy.
func targetsFor(loss Loss, n, k int, rng *rand.Rand) *mat.Dense {
	t := mat.NewDense(n, k, nil)
	for i := range n {
		switch loss.(type) {
		case MSE:
			for j := range k {
				t.Set(i, j, rng.NormFloat64())
			}
		case BCEWithLogits:
			for j := range k {
				t.Set(i, j, float64(rng.IntN(2)))
			}
		case SoftmaxCrossEntropy:
			t.Set(i, rng.IntN(k), 1)
		}
	}
	return t
}

// minAbsZ returns the smallest |z| over every pre-activation of the last
// Forward: the distance of the batch from the nearest kink at 0.
func minAbsZ(net *Net) float64 {
	m := math.Inf(1)
	for _, l := range net.Layers {
		for _, v := range l.Z().RawMatrix().Data {
			m = min(m, math.Abs(v))
		}
	}
	return m
}

// TestGradCheckTable checks Backward against central differences for a
// table of architectures, activations and losses.
//
// Tolerance 1e-6: the central difference with h = 6e-6 has a truncation
// error of about h²·|L‴|/6 ≈ 1e-11 and a rounding error of about
// ε·|L|/h ≈ 4e-11 (ε ≈ 2.2e-16, |L| = O(1) here), so for gradient entries of
// 1e-4 or more (smaller ones are held to an absolute 1e-10 by RelErr's floor)
// the relative error of a correct Backward stays below about 1e-7; we
// measured at most 1e-7 over this table. A wrong formula (a missing σ′, a
// missing 1/n, a wrong transpose) gives 1e-2 or more (see
// TestGradCheckCatchesBugs). Pre-activations are checked to stay at least
// 1e-4 from the kinks of ReLU and leaky ReLU, so that no perturbation
// crosses one.
func TestGradCheckTable(t *testing.T) {
	tests := []struct {
		sizes          []int
		hidden, output Activation
		loss           Loss
	}{
		{[]int{2, 2, 1}, Sigmoid, Sigmoid, MSE{}},
		{[]int{3, 4, 2}, Tanh, Identity, MSE{}},
		{[]int{3, 5, 1}, ReLU, Identity, BCEWithLogits{}},
		{[]int{4, 6, 3}, LeakyReLU, Identity, SoftmaxCrossEntropy{}},
		{[]int{2, 5, 4, 3}, Softplus, Identity, SoftmaxCrossEntropy{}},
		{[]int{3, 4, 4, 2}, ELU, Identity, BCEWithLogits{}},
		{[]int{2, 8, 3}, GELU, Identity, SoftmaxCrossEntropy{}},
		{[]int{5, 3, 2}, NewLeakyReLU(0.2), Tanh, MSE{}},
		{[]int{2, 6, 6, 1}, NewELU(0.5), Sigmoid, MSE{}},
		{[]int{3, 1}, Identity, Identity, MSE{}},
		{[]int{4, 3, 2}, Sigmoid, Softplus, MSE{}},
		{[]int{6, 10, 10, 4}, Tanh, Identity, SoftmaxCrossEntropy{}},
	}
	for i, tt := range tests {
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		net := NewMLP(tt.sizes, tt.hidden, tt.output, Glorot{}, rng)
		for _, l := range net.Layers { // nonzero biases, to exercise ∂L/∂b
			for j := range l.Out() {
				l.B.Set(0, j, 0.1*rng.NormFloat64())
			}
		}
		const n = 7
		x := randomDense(n, tt.sizes[0], rng)
		y := targetsFor(tt.loss, n, tt.sizes[len(tt.sizes)-1], rng)
		got := GradCheck(net, tt.loss, x, y, 0)
		name := net.String() + " " + strings.TrimPrefix(fmt.Sprintf("%T", tt.loss), "dl.")
		if kink := minAbsZ(net); kink < 1e-4 {
			t.Errorf("%s: a pre-activation is %g, too close to a kink for the check", name, kink)
		}
		t.Logf("%-45s max relative error %.2g", name, got)
		if got > 1e-6 {
			t.Errorf("%s: max relative error %g, want < 1e-6", name, got)
		}
	}
}

// TestGradCheckCatchesBugs shows that the check can fail: a Backward built on
// a wrong derivative, or a loss gradient missing its 1/n, is flagged with a
// large error.
func TestGradCheckCatchesBugs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := randomDense(5, 3, rng), randomDense(5, 2, rng)

	// σ′ written as σ instead of σ(1−σ): a classic slip.
	badSigmoid := Activation{Name: "bad", F: sigmoid, Deriv: sigmoid}
	net := NewMLP([]int{3, 4, 2}, badSigmoid, Identity, nil, rng)
	if got := GradCheck(net, MSE{}, x, y, 0); got < 1e-2 {
		t.Errorf("wrong σ′: GradCheck = %g, want ≥ 1e-2", got)
	}

	// A loss whose Grad forgets to divide by the number of entries.
	net = NewMLP([]int{3, 4, 2}, Tanh, Identity, nil, rng)
	if got := GradCheck(net, sumGradMSE{}, x, y, 0); got < 1e-2 {
		t.Errorf("missing 1/n: GradCheck = %g, want ≥ 1e-2", got)
	}
	if got := GradCheck(net, MSE{}, x, y, 0); got > 1e-6 {
		t.Errorf("correct net: GradCheck = %g, want < 1e-6", got)
	}
}

// sumGradMSE is MSE with a deliberately wrong gradient (not averaged).
type sumGradMSE struct{ MSE }

func (sumGradMSE) Grad(dst, pred, target *mat.Dense) {
	n, k := pred.Dims()
	MSE{}.Grad(dst, pred, target)
	dst.Scale(float64(n*k), dst)
}

func TestGradCheckRestoresNet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := NewMLP([]int{2, 3, 1}, Tanh, Sigmoid, nil, rng)
	before := net.Clone()
	x, y := randomDense(4, 2, rng), randomDense(4, 1, rng)
	GradCheck(net, MSE{}, x, y, 0)
	for i, p := range net.Params() {
		q := before.Params()[i]
		if !mat.Equal(p.Value, q.Value) {
			t.Errorf("%s changed by GradCheck", p.Name)
		}
	}
	// The gradients left behind are those of the original parameters.
	var g mat.Dense
	MSE{}.Grad(&g, before.Forward(x), y)
	before.Backward(&g)
	for i, p := range net.Params() {
		if q := before.Params()[i]; !mat.Equal(p.Grad, q.Grad) {
			t.Errorf("%s: gradient after GradCheck differs from a fresh Backward", p.Name)
		}
	}
}

func TestGradCheckPanicsOnRowMismatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	net := NewMLP([]int{2, 1}, Identity, Identity, nil, rng)
	wantPanic(t, "x has 4 rows, y has 3", func() {
		GradCheck(net, MSE{}, randomDense(4, 2, rng), randomDense(3, 1, rng), 0)
	})
}

func TestRelErr(t *testing.T) {
	tests := []struct{ a, n, want float64 }{
		{1, 1, 0},
		{1, -1, 1},
		{2, 1, 1.0 / 3},
		{1e-8, 0, 1e-4}, // below the floor: absolute difference ×1e4
		{0, 0, 0},
	}
	for _, tt := range tests {
		if got := RelErr(tt.a, tt.n); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("RelErr(%g, %g) = %g, want %g", tt.a, tt.n, got, tt.want)
		}
	}
}

// wantPanic fails t unless f panics with a message containing want.
func wantPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("no panic, want one containing %q", want)
			return
		}
		msg := fmt.Sprint(r)
		if !strings.Contains(msg, want) {
			t.Errorf("panic %q, want it to contain %q", msg, want)
		}
	}()
	f()
}
