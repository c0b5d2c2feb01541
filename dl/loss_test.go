package dl

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// TestLossValues compares each loss with its textbook formula written out
// naively (fine for moderate logits).
func TestLossValues(t *testing.T) {
	pred := mat.NewDense(2, 3, []float64{0.5, -1, 2, 0, 0.3, -0.7})
	onehot := mat.NewDense(2, 3, []float64{0, 0, 1, 1, 0, 0})
	binary := mat.NewDense(2, 3, []float64{1, 0, 1, 0, 0, 1})

	var mse, bce, ce float64
	for i := range 2 {
		var sumExp float64
		for j := range 3 {
			z, t01, oh := pred.At(i, j), binary.At(i, j), onehot.At(i, j)
			mse += (z - oh) * (z - oh) / 6
			s := 1 / (1 + math.Exp(-z))
			bce += -(t01*math.Log(s) + (1-t01)*math.Log(1-s)) / 6
			sumExp += math.Exp(z)
		}
		for j := range 3 {
			ce += -onehot.At(i, j) * math.Log(math.Exp(pred.At(i, j))/sumExp) / 2
		}
	}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"MSE", MSE{}.Loss(pred, onehot), mse},
		{"BCEWithLogits", BCEWithLogits{}.Loss(pred, binary), bce},
		{"SoftmaxCrossEntropy", SoftmaxCrossEntropy{}.Loss(pred, onehot), ce},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-14 {
			t.Errorf("%s = %.17g, want %.17g", tt.name, tt.got, tt.want)
		}
	}
}

// TestLossGradients checks each Grad against central differences of Loss
// with respect to every entry of pred. Tolerance 1e-6, as for the layer
// table: the losses are smooth and, with logits within about ±6, |L| = O(1),
// so h = 6e-6 leaves truncation and rounding errors near 1e-10 (measured at
// most 1e-8). The rounding error ε|L|/h grows with the loss: with logits of
// ±9, |L| reaches 10 and the softmax entries whose gradient is nearly 0
// (held to an absolute error by RelErr's floor) measured 5e-7.
func TestLossGradients(t *testing.T) {
	for _, loss := range []Loss{MSE{}, BCEWithLogits{}, SoftmaxCrossEntropy{}} {
		var worstAll float64
		for seed := range uint64(5) {
			rng := rand.New(rand.NewPCG(seed, 7))
			n, k := 1+rng.IntN(6), 1+rng.IntN(4)
			if _, ok := loss.(SoftmaxCrossEntropy); ok && k == 1 {
				k = 3
			}
			pred := randomDense(n, k, rng)
			pred.Scale(2, pred) // logits up to about ±6
			target := targetsFor(loss, n, k, rng)

			var grad mat.Dense
			loss.Grad(&grad, pred, target)
			f := func(v []float64) float64 {
				return loss.Loss(mat.NewDense(n, k, v), target)
			}
			num := fd.Gradient(nil, f, mat.DenseCopyOf(pred).RawMatrix().Data, &fd.Settings{Formula: fd.Central})
			var worst float64
			for i, a := range grad.RawMatrix().Data {
				worst = max(worst, RelErr(a, num[i]))
			}
			if worst > 1e-6 {
				t.Errorf("%T seed %d (%d×%d): max relative error %g, want < 1e-6", loss, seed, n, k, worst)
			}
			worstAll = max(worstAll, worst)
		}
		t.Logf("%-24T max relative error %.2g", loss, worstAll)
	}
}

// TestLossStability feeds extreme logits: the naive formulas give Inf or NaN,
// the stable ones do not.
func TestLossStability(t *testing.T) {
	logits := mat.NewDense(2, 2, []float64{1000, -1000, -1000, 1000})
	bin := mat.NewDense(2, 2, []float64{1, 0, 1, 0}) // second row badly wrong
	got := BCEWithLogits{}.Loss(logits, bin)
	// Row 1 contributes 0, row 2 two terms of 1000 each: mean 2000/4.
	if math.Abs(got-500) > 1e-12 {
		t.Errorf("BCEWithLogits on ±1000 = %g, want 500", got)
	}
	onehot := mat.NewDense(2, 2, []float64{1, 0, 1, 0})
	got = SoftmaxCrossEntropy{}.Loss(logits, onehot)
	// Row 1: lse = 1000, loss 0; row 2: lse = 1000, loss 1000 − (−1000) = 2000.
	if math.Abs(got-1000) > 1e-12 {
		t.Errorf("SoftmaxCrossEntropy on ±1000 = %g, want 1000", got)
	}
	var g mat.Dense
	SoftmaxCrossEntropy{}.Grad(&g, logits, onehot)
	want := mat.NewDense(2, 2, []float64{0, 0, -0.5, 0.5})
	if !mat.EqualApprox(&g, want, 1e-15) {
		t.Errorf("SoftmaxCrossEntropy.Grad on ±1000 = %v, want %v", mat.Formatted(&g), mat.Formatted(want))
	}
	var p mat.Dense
	Softmax(&p, logits)
	if !mat.EqualApprox(&p, mat.NewDense(2, 2, []float64{1, 0, 0, 1}), 1e-15) {
		t.Errorf("Softmax on ±1000 = %v", mat.Formatted(&p))
	}
}

func TestLossGradInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, loss := range []Loss{MSE{}, BCEWithLogits{}, SoftmaxCrossEntropy{}} {
		pred := randomDense(4, 3, rng)
		target := targetsFor(loss, 4, 3, rng)
		var want mat.Dense
		loss.Grad(&want, pred, target)
		loss.Grad(pred, pred, target) // dst aliases pred
		if !mat.Equal(pred, &want) {
			t.Errorf("%T.Grad with dst == pred differs", loss)
		}
	}
}

func TestLossShapePanics(t *testing.T) {
	a, b := mat.NewDense(4, 2, nil), mat.NewDense(4, 3, nil)
	wantPanic(t, "dl: MSE.Loss: pred is 4×2, target is 4×3", func() { MSE{}.Loss(a, b) })
	wantPanic(t, "dl: BCEWithLogits.Grad: pred is 4×2, target is 4×3", func() { BCEWithLogits{}.Grad(a, a, b) })
	wantPanic(t, "dst is 4×3, input is 4×2", func() { SoftmaxCrossEntropy{}.Grad(b, a, a) })
	wantPanic(t, "dl: Softmax: dst is 4×3, input is 4×2", func() { Softmax(b, a) })
	// An average over no examples would be 0/0 = NaN.
	wantPanic(t, "dl: MSE.Loss: the matrices are empty", func() { MSE{}.Loss(&mat.Dense{}, &mat.Dense{}) })
	// A softmax over one column is 1 whatever the logit: loss and gradient
	// would be 0 and the net would silently never learn.
	one := mat.NewDense(4, 1, nil)
	wantPanic(t, "dl: SoftmaxCrossEntropy.Loss: logits are 4×1; a softmax needs at least 2 classes", func() { SoftmaxCrossEntropy{}.Loss(one, one) })
	wantPanic(t, "dl: SoftmaxCrossEntropy.Grad: logits are 4×1", func() { SoftmaxCrossEntropy{}.Grad(one, one, one) })
}

func TestLossAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	pred := randomDense(32, 3, rng)
	for _, loss := range []Loss{MSE{}, BCEWithLogits{}, SoftmaxCrossEntropy{}} {
		target := targetsFor(loss, 32, 3, rng)
		grad := mat.NewDense(32, 3, nil)
		if a := testing.AllocsPerRun(100, func() {
			loss.Loss(pred, target)
			loss.Grad(grad, pred, target)
		}); a != 0 {
			t.Errorf("%T: %g allocations per Loss+Grad, want 0", loss, a)
		}
	}
}
