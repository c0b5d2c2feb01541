package dl_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// Targets a loss cannot mean panic when the loss is called directly, naming
// the row or entry, and make Train return an error before its first step:
// otherwise training runs, and the loss can even go negative.
func TestLossTargetsChecked(t *testing.T) {
	logits := mat.NewDense(2, 3, []float64{1, 2, 3, 0, 0, 1})
	bad := []struct {
		name   string
		target []float64
		parts  []string
	}{
		{"a row of zeros", []float64{1, 0, 0, 0, 0, 0}, []string{"row 1 sums to 0", "sum to 1"}},
		{"a row summing to 2", []float64{1, 1, 0, 0, 1, 0}, []string{"row 0 sums to 2"}},
		{"a negative entry", []float64{1.5, -0.5, 0, 0, 1, 0}, []string{"target[0][1] is -0.5", "≥ 0"}},
	}
	var ce dl.SoftmaxCrossEntropy
	var cases []panicCase
	for _, b := range bad {
		target := mat.NewDense(2, 3, b.target)
		cases = append(cases,
			panicCase{"Loss: " + b.name, func() { ce.Loss(logits, target) }, append([]string{"SoftmaxCrossEntropy.Loss"}, b.parts...)},
			panicCase{"Grad: " + b.name, func() { ce.Grad(mat.NewDense(2, 3, nil), logits, target) }, append([]string{"SoftmaxCrossEntropy.Grad"}, b.parts...)})
	}
	var bce dl.BCEWithLogits
	z, tOut := mat.NewDense(2, 1, []float64{1, -1}), mat.NewDense(2, 1, []float64{1, 2})
	cases = append(cases,
		panicCase{"BCE Loss above 1", func() { bce.Loss(z, tOut) }, []string{"target[1][0] is 2", "[0, 1]"}},
		panicCase{"BCE Grad below 0", func() { bce.Grad(mat.NewDense(2, 1, nil), z, mat.NewDense(2, 1, []float64{-1, 0})) }, []string{"target[0][0] is -1"}})
	checkPanics(t, cases)

	// Train says it before training, as an error.
	x, _ := lessons.XOR()
	for _, c := range []struct {
		name string
		net  *dl.Net
		y    *mat.Dense
		loss dl.Loss
		want string
	}{
		{"softmax, rows summing to 2", dl.NewMLP([]int{2, 4, 2}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1))),
			mat.NewDense(4, 2, []float64{1, 0, 1, 1, 0, 1, 1, 0}), dl.SoftmaxCrossEntropy{}, "y: target row 1 sums to 2"},
		{"BCE, target 3", dl.NewMLP([]int{2, 4, 1}, dl.Tanh, dl.Identity, nil, rand.New(rand.NewPCG(1, 1))),
			mat.NewDense(4, 1, []float64{0, 1, 3, 0}), dl.BCEWithLogits{}, "y: target[2][0] is 3"},
	} {
		h, err := dl.Train(c.net, x, c.y, dl.TrainConfig{Loss: c.loss, Epochs: 1})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Train error %v, want one containing %q", c.name, err, c.want)
		}
		if h == nil || len(h.Loss) != 0 {
			t.Errorf("%s: Train took steps before reporting the targets", c.name)
		}
	}
}

// A net whose weights are already not finite, or inputs so large that the
// first forward pass overflows, are not a learning-rate problem, and the
// messages must not send the learner lowering the rate.
func TestTrainNonFiniteStart(t *testing.T) {
	x, y := lessons.XOR()
	net := xorNet(1)
	net.Layers[1].W.Set(1, 0, math.NaN())
	_, err := dl.Train(net, x, y, dl.TrainConfig{Loss: dl.MSE{}, Optimizer: &dl.SGD{}, Schedule: dl.Constant(1), Epochs: 2})
	if err == nil || !strings.Contains(err.Error(), "layer 1's W[1][0] is NaN") || strings.Contains(err.Error(), "smaller learning rate") {
		t.Errorf("NaN weight: error %v, want one naming layer 1's W[1][0] and not the learning rate", err)
	}

	// Inputs of 1e200 through a ReLU net: z overflows to ±Inf in the first
	// forward pass, so the loss is already Inf at step 0.
	huge := mat.NewDense(4, 2, []float64{0, 1e200, 1e200, 0, 1e200, 1e200, 1e200, -1e200})
	relu := dl.NewMLP([]int{2, 8, 8, 1}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(2, 2)))
	_, err = dl.Train(relu, huge, y, dl.TrainConfig{Loss: dl.MSE{}, Optimizer: &dl.SGD{}, Schedule: dl.Constant(0.1), Epochs: 2})
	var div *dl.DivergenceError
	if !errors.As(err, &div) || div.Step != 0 {
		t.Fatalf("huge inputs: error %v, want a DivergenceError at step 0", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "before any update") || !strings.Contains(msg, "not the cause") || strings.Contains(msg, "try a smaller learning rate") {
		t.Errorf("huge inputs: message %q should say no update happened and the rate is not the cause", msg)
	}
}

// A negative, NaN or infinite rate given to an optimizer directly would
// climb the loss or spoil every weight: each Step panics naming the rate.
func TestStepRejectsBadRates(t *testing.T) {
	var cases []panicCase
	for _, lr := range []float64{-0.1, math.NaN(), math.Inf(1)} {
		for _, o := range []struct {
			name string
			opt  dl.Optimizer
		}{{"SGD.Step", &dl.SGD{}}, {"Adam.Step", &dl.Adam{}}, {"RMSProp.Step", &dl.RMSProp{}}} {
			net := xorNet(1)
			cases = append(cases, panicCase{o.name, func() { o.opt.Step(net.Params(), lr) },
				[]string{o.name, "learning rate " + fmtFloat(lr), "≥ 0"}})
		}
	}
	checkPanics(t, cases)
}

func fmtFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "+Inf"
	}
	return "-0.1"
}

// Forward and Gradient name a nil matrix instead of dereferencing it.
func TestNilMatrices(t *testing.T) {
	x, _ := lessons.XOR()
	checkPanics(t, []panicCase{
		{"Forward(nil)", func() { xorNet(1).Forward(nil) }, []string{"Net.Forward", "x is nil"}},
		{"Gradient(nil y)", func() { xorNet(1).Gradient(dl.MSE{}, x, nil) }, []string{"Net.Gradient", "y is nil"}},
		{"Gradient(wrong y)", func() { xorNet(1).Gradient(dl.MSE{}, x, mat.NewDense(4, 2, nil)) }, []string{"y is 4×2", "output is 4×1"}},
	})
}

// Softmax cross-entropy keeps its relative precision for large, confident
// logits: [a, a−20] with target [1, 0] has the loss ln(1 + e⁻²⁰) for every
// a. Computing ln Σ e^z at the scale of a and then subtracting a loses
// digits (relative error 1.4e-6 at a = 50 and 1.2e-4 at a = 5000 before
// this was fixed); (z − m) − ln(1 + s) keeps them.
func TestSoftmaxCrossEntropyPrecision(t *testing.T) {
	exact := math.Log1p(math.Exp(-20)) // 2.0611536203143812e-09, to the last bit
	target := mat.NewDense(1, 2, []float64{1, 0})
	for _, a := range []float64{0, 50, 5000, 1e6} {
		logits := mat.NewDense(1, 2, []float64{a, a - 20})
		got := dl.SoftmaxCrossEntropy{}.Loss(logits, target)
		if rel := math.Abs(got-exact) / exact; rel > 4e-16 {
			t.Errorf("a = %g: loss %.17g, want %.17g (relative error %.2g)", a, got, exact, rel)
		}
		// The gradient of the confident class is p − 1 = −e⁻²⁰/(1 + e⁻²⁰).
		g := mat.NewDense(1, 2, nil)
		dl.SoftmaxCrossEntropy{}.Grad(g, logits, target)
		wantG := -math.Exp(-20) / (1 + math.Exp(-20))
		if rel := math.Abs(g.At(0, 0)-wantG) / -wantG; rel > 1e-6 {
			t.Errorf("a = %g: ∂L/∂z₀ = %.17g, want %.17g", a, g.At(0, 0), wantG)
		}
		p := mat.NewDense(1, 2, nil)
		dl.Softmax(p, logits)
		if rel := math.Abs(p.At(0, 1)-math.Exp(-20)/(1+math.Exp(-20))) / p.At(0, 1); rel > 1e-15 {
			t.Errorf("a = %g: softmax %v", a, p.At(0, 1))
		}
	}
}

// Grad may write over the logits themselves (dst = logits), as its doc
// allows: the result is the same as into a fresh matrix.
func TestSoftmaxCrossEntropyGradInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	z, target := mat.NewDense(5, 4, nil), mat.NewDense(5, 4, nil)
	for i := range 5 {
		for j := range 4 {
			z.Set(i, j, 3*rng.NormFloat64())
		}
		target.Set(i, rng.IntN(4), 1)
	}
	z.Set(2, 1, math.Inf(-1))
	want := mat.NewDense(5, 4, nil)
	dl.SoftmaxCrossEntropy{}.Grad(want, z, target)
	dl.SoftmaxCrossEntropy{}.Grad(z, z, target)
	if !mat.Equal(z, want) {
		t.Errorf("in place:\n%v\nwant\n%v", mat.Formatted(z), mat.Formatted(want))
	}
}
