package lessons

import (
	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The experiments of lesson 7, section 4: softmax and cross-entropy, their
// gradient p − y checked numerically, and cross-entropy against the mean
// squared error on a saturated sigmoid neuron and on lesson 4's XOR net.

// SoftmaxGradCheck returns the gradient of the softmax cross-entropy
// L(z) = −Σⱼ yⱼ ln softmax(z)ⱼ of one example with respect to its logits z,
// twice: analytic = softmax(z) − y, the formula the lesson derives, and
// numeric, by central differences (L(z + h·eⱼ) − L(z − h·eⱼ))/2h with
// h = dl.DefaultGradCheckStep, of dl.SoftmaxCrossEntropy's loss.
// It panics if z and y differ in length.
func SoftmaxGradCheck(z, y []float64) (analytic, numeric []float64) {
	if len(z) != len(y) {
		panic("lessons: SoftmaxGradCheck: z and y differ in length")
	}
	k := len(z)
	zm := mat.NewDense(1, k, append([]float64(nil), z...))
	ym := mat.NewDense(1, k, append([]float64(nil), y...))
	p := mat.NewDense(1, k, nil)
	dl.Softmax(p, zm)
	h := dl.DefaultGradCheckStep
	for j := range k {
		analytic = append(analytic, p.At(0, j)-y[j])
		orig := zm.At(0, j)
		zm.Set(0, j, orig+h)
		up := dl.SoftmaxCrossEntropy{}.Loss(zm, ym)
		zm.Set(0, j, orig-h)
		down := dl.SoftmaxCrossEntropy{}.Loss(zm, ym)
		zm.Set(0, j, orig)
		numeric = append(numeric, (up-down)/(2*h))
	}
	return analytic, numeric
}

// SaturatedNeuron trains the single sigmoid neuron of Nielsen's chapter 3
// ("Improving the way neural networks learn"): one input x = 1, target
// y = 0, starting weight w = 2 and bias b = 2, so that its output
// a = σ(w + b) = σ(4) ≈ 0.98 starts confidently wrong. Each epoch is one
// gradient step at rate eta on either
//
//	MSE:            L = (a − y)²,                 ∂L/∂z = 2(a − y)·σ′(z)
//	cross-entropy:  L = −[y ln a + (1−y) ln(1−a)], ∂L/∂z = a − y
//
// (z = w·x + b; ∂L/∂w = ∂L/∂z·x, ∂L/∂b = ∂L/∂z). It returns the output a
// before every epoch and after the last (epochs+1 values).
func SaturatedNeuron(crossEntropy bool, eta float64, epochs int) []float64 {
	const x, y = 1.0, 0.0
	w, b := 2.0, 2.0
	var out []float64
	for e := 0; ; e++ {
		z := w*x + b
		a := dl.Sigmoid.F(z)
		out = append(out, a)
		if e == epochs {
			return out
		}
		dz := 2 * (a - y) * dl.Sigmoid.Deriv(z)
		if crossEntropy {
			dz = a - y
		}
		w -= eta * dz * x
		b -= eta * dz
	}
}

// OutputGradients returns |∂L/∂z| at the output z of a sigmoid unit whose
// target is 1, for the MSE (a − 1)² and for the cross-entropy −ln a,
// a = σ(z): 2(1 − a)·σ′(z) and 1 − a. Their ratio is 2σ′(z) ≤ ½.
func OutputGradients(z float64) (mse, ce float64) {
	a := dl.Sigmoid.F(z)
	return 2 * (1 - a) * dl.Sigmoid.Deriv(z), 1 - a
}

// XORCrossEntropy trains lesson 4's 2-2-1 net (NewXORNet(2, seed)) by
// full-batch gradient descent at rate eta as BackpropXOR does, but with the
// output unit's sigmoid folded into the binary cross-entropy: the last
// layer gives a logit z, the loss is dl.BCEWithLogits, and the output is
// σ(z). It stops, as lesson 4 does, once the MSE of σ(z) on the four
// patterns is below 0.01, or after maxEpochs updates. Loss records that
// MSE before every epoch, so the runs compare directly with BackpropXOR's.
func XORCrossEntropy(seed uint64, eta float64, maxEpochs int) XORRun {
	x, y := XOR()
	net := NewXORNet(2, seed)
	net.Layers[1].Act = dl.Identity
	opt := &dl.SGD{}
	p := mat.NewDense(4, 1, nil)
	run := XORRun{Seed: seed, Epochs: maxEpochs}
	for e := 0; ; e++ {
		dl.Sigmoid.Apply(p, net.Forward(x))
		mse := dl.MSE{}.Loss(p, y)
		run.Loss = append(run.Loss, mse)
		if mse < 0.01 {
			run.Solved, run.Epochs = true, e
			break
		}
		if e == maxEpochs {
			break
		}
		net.Gradient(dl.BCEWithLogits{}, x, y)
		opt.Step(net.Params(), eta)
	}
	dl.Sigmoid.Apply(p, net.Forward(x))
	run.Net = net
	run.Output = mat.Col(nil, 0, p)
	run.Hidden = mat.DenseCopyOf(net.Layers[0].A())
	return run
}

// XORCrossEntropySeeds runs XORCrossEntropy for seeds 0 … n−1 on all cores.
func XORCrossEntropySeeds(n int, eta float64, maxEpochs int) []XORRun {
	runs := make([]XORRun, n)
	Parallel(n, 0, func(i int) { runs[i] = XORCrossEntropy(uint64(i), eta, maxEpochs) })
	return runs
}

// SolvedEpochs returns how many runs are solved, the median number of
// epochs (or steps) of the solved runs by lesson 4's nearest-rank rule
// (XORSummary.Percentile(50)), and the seeds of the others.
func SolvedEpochs(runs []XORRun) (solved int, median int, stuck []uint64) {
	s := Summarize(runs)
	return s.Solved, s.Percentile(50), s.Unsolved
}

// XORSeedsOnCores is XORSeeds with the runs spread over all cores
// (Parallel): the same runs, in the same order, sooner.
func XORSeedsOnCores(n int, s XORSetup) []XORRun {
	runs := make([]XORRun, n)
	Parallel(n, 0, func(i int) { runs[i] = BackpropXOR(uint64(i), s) })
	return runs
}
