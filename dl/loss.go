package dl

import (
	"fmt"
	"math"

	"github.com/introdl/introdl/internal/kernel"

	"gonum.org/v1/gonum/mat"
)

// Loss measures how far a network's output pred is from the target, both
// n×k with one example per row. Loss returns the value averaged over the
// batch; Grad writes ∂Loss/∂pred into dst (n×k), already including the
// 1/n of the average, so it can be handed to Net.Backward directly.
//
// In Grad, dst may be pred itself; if dst is empty it is resized to n×k.
// Both methods panic if the shapes of pred, target and dst differ, or if
// pred is empty (an average over no examples has no value).
type Loss interface {
	Loss(pred, target *mat.Dense) float64
	Grad(dst, pred, target *mat.Dense)
}

var (
	_ Loss = MSE{}
	_ Loss = BCEWithLogits{}
	_ Loss = SoftmaxCrossEntropy{}
)

// MSE is the mean squared error over all n·k entries, the usual "MSE" of
// regression (and of PyTorch's nn.MSELoss):
//
//	L = 1/(nk) Σᵢ Σⱼ (predᵢⱼ − targetᵢⱼ)²
//	∂L/∂predᵢⱼ = 2(predᵢⱼ − targetᵢⱼ) / (nk)
//
// For a single output column (k = 1) this is the mean over the examples.
//
// Rumelhart et al. (1986) minimised the summed error E = ½ Σᵢ Σⱼ (o − t)²
// instead. The two differ by the constant factor L = 2E/(nk), so they have the
// same minima, and gradient descent with rate η on L takes the same steps as
// rate 2η/(nk) on E.
type MSE struct{}

// Loss implements Loss.
func (MSE) Loss(pred, target *mat.Dense) float64 {
	n, k := checkSame("MSE.Loss", pred, target)
	p, t := pred.RawMatrix(), target.RawMatrix()
	var sum float64
	for i := range n {
		tr := t.Data[i*t.Stride : i*t.Stride+k]
		for j, v := range p.Data[i*p.Stride : i*p.Stride+k] {
			d := v - tr[j]
			sum += d * d
		}
	}
	return sum / float64(n*k)
}

// Grad implements Loss.
func (MSE) Grad(dst, pred, target *mat.Dense) {
	n, k := checkGrad("MSE.Grad", dst, pred, target)
	scale := 2 / float64(n*k)
	p, t, g := pred.RawMatrix(), target.RawMatrix(), dst.RawMatrix()
	for i := range n {
		pr, tr := p.Data[i*p.Stride:i*p.Stride+k], t.Data[i*t.Stride:i*t.Stride+k]
		gr := g.Data[i*g.Stride : i*g.Stride+k]
		for j := range gr {
			gr[j] = scale * (pr[j] - tr[j])
		}
	}
}

// BCEWithLogits is the binary cross-entropy of a sigmoid output, computed
// from the logits z (the net's output before the sigmoid, so the last layer
// uses Identity) with targets t in [0, 1], averaged over all n·k entries:
//
//	L = 1/(nk) Σ −[t·ln σ(z) + (1−t)·ln(1−σ(z))]
//	  = 1/(nk) Σ  max(z, 0) − t·z + ln(1 + e^(−|z|))
//	∂L/∂z = (σ(z) − t) / (nk)
//
// The second form is algebraically equal to the first but never takes the
// logarithm of 0 nor overflows e^z, however large |z| is: computing σ(z)
// first and then its log would give −Inf once σ(z) rounds to 0 or 1.
// The simple gradient is why sigmoid and cross-entropy are used together.
type BCEWithLogits struct{}

// Loss implements Loss.
func (BCEWithLogits) Loss(logits, target *mat.Dense) float64 {
	n, k := checkSame("BCEWithLogits.Loss", logits, target)
	p, t := logits.RawMatrix(), target.RawMatrix()
	var sum float64
	for i := range n {
		tr := t.Data[i*t.Stride : i*t.Stride+k]
		for j, z := range p.Data[i*p.Stride : i*p.Stride+k] {
			sum += max(z, 0) - tr[j]*z + math.Log1p(math.Exp(-math.Abs(z)))
		}
	}
	return sum / float64(n*k)
}

// Grad implements Loss.
func (BCEWithLogits) Grad(dst, logits, target *mat.Dense) {
	n, k := checkGrad("BCEWithLogits.Grad", dst, logits, target)
	scale := 1 / float64(n*k)
	p, t, g := logits.RawMatrix(), target.RawMatrix(), dst.RawMatrix()
	for i := range n {
		pr, tr := p.Data[i*p.Stride:i*p.Stride+k], t.Data[i*t.Stride:i*t.Stride+k]
		gr := g.Data[i*g.Stride : i*g.Stride+k]
		for j := range gr {
			gr[j] = scale * (sigmoid(pr[j]) - tr[j])
		}
	}
}

// SoftmaxCrossEntropy is the cross-entropy of a softmax output, computed
// from the logits z (n×k, one column per class; the last layer uses
// Identity) and a target t whose rows are probability vectors, usually
// one-hot; it is averaged over the n rows:
//
//	softmax(z)ⱼ = e^(zⱼ) / Σₘ e^(zₘ)
//	L = 1/n Σᵢ −Σⱼ tᵢⱼ ln softmax(zᵢ)ⱼ = 1/n Σᵢ Σⱼ tᵢⱼ (lse(zᵢ) − zᵢⱼ)
//	∂L/∂zᵢⱼ = (softmax(zᵢ)ⱼ·Σₘ tᵢₘ − tᵢⱼ) / n    (= (pᵢⱼ − tᵢⱼ)/n for one-hot t)
//
// with the log-sum-exp lse(z) = ln Σₘ e^(zₘ) computed as
// max(z) + ln Σₘ e^(zₘ − max(z)), so no exponential overflows. This is
// PyTorch's nn.CrossEntropyLoss given one-hot (or soft) targets.
//
// Loss and Grad panic if the logits have a single column: a softmax over one
// class is always 1, so the loss would be 0 and the gradient 0 whatever the
// net does. Two classes in one column are BCEWithLogits.
type SoftmaxCrossEntropy struct{}

// Loss implements Loss.
func (SoftmaxCrossEntropy) Loss(logits, target *mat.Dense) float64 {
	n, k := checkClasses("SoftmaxCrossEntropy.Loss", logits, target)
	p, t := logits.RawMatrix(), target.RawMatrix()
	var sum float64
	for i := range n {
		z, tr := p.Data[i*p.Stride:i*p.Stride+k], t.Data[i*t.Stride:i*t.Stride+k]
		lse := logSumExp(z)
		for j, tj := range tr {
			if tj != 0 { // skip 0·(lse − z), which is 0 even when z = −Inf
				sum += tj * (lse - z[j])
			}
		}
	}
	return sum / float64(n)
}

// Grad implements Loss.
func (SoftmaxCrossEntropy) Grad(dst, logits, target *mat.Dense) {
	checkClasses("SoftmaxCrossEntropy.Grad", logits, target)
	n, k := checkGrad("SoftmaxCrossEntropy.Grad", dst, logits, target)
	scale := 1 / float64(n)
	p, t, g := logits.RawMatrix(), target.RawMatrix(), dst.RawMatrix()
	for i := range n {
		z, tr := p.Data[i*p.Stride:i*p.Stride+k], t.Data[i*t.Stride:i*t.Stride+k]
		gr := g.Data[i*g.Stride : i*g.Stride+k]
		lse := logSumExp(z) // read the whole row before writing: dst may be logits
		var tsum float64
		for _, tj := range tr {
			tsum += tj
		}
		for j := range gr {
			gr[j] = scale * (math.Exp(z[j]-lse)*tsum - tr[j])
		}
	}
}

// lossGrad sets dst to Grad(logits, target) and returns Loss(logits,
// target), computing each row's log-sum-exp once for both (Train's fast
// path; see lossGrader). The results are those of Loss and Grad bit for bit.
func (ce SoftmaxCrossEntropy) lossGrad(dst, logits, target *mat.Dense) float64 {
	checkClasses("SoftmaxCrossEntropy.Loss", logits, target)
	_, k := checkGrad("SoftmaxCrossEntropy.Grad", dst, logits, target)
	if k > expChunk {
		loss := ce.Loss(logits, target) // before Grad: dst may be logits
		ce.Grad(dst, logits, target)
		return loss
	}
	return softmaxCELossGradChunked(dst, logits, target)
}

// expChunk is the number of exponentials softmaxCELossGradChunked computes
// at a time.
const expChunk = 256

// softmaxCELossGradChunked is lossGrad with the exponentials of several rows
// computed together, four at a time by kernel.Exp (with AVX2), which gives
// math.Exp's bits. Otherwise it does what lossGrad does, in the same order: per row
// lse = m + ln Σ e^(z−m), the loss term, then e^(z−lse) for the gradient.
func softmaxCELossGradChunked(dst, logits, target *mat.Dense) float64 {
	n, k := logits.Dims()
	scale := 1 / float64(n)
	p, t, g := logits.RawMatrix(), target.RawMatrix(), dst.RawMatrix()
	var args, exps [expChunk]float64
	var lse, tsum [expChunk]float64
	var sum float64
	rowsPer := expChunk / k
	for r0 := 0; r0 < n; r0 += rowsPer {
		rows := min(rowsPer, n-r0)
		// The log-sum-exp of each row (logSumExp, with the exponentials
		// of all the rows together).
		for r := range rows {
			z := p.Data[(r0+r)*p.Stride : (r0+r)*p.Stride+k]
			m := math.Inf(-1)
			for _, v := range z {
				m = max(m, v)
			}
			lse[r] = m
			for j, v := range z {
				args[r*k+j] = v - m
			}
		}
		expAll(exps[:rows*k], args[:rows*k])
		for r := range rows {
			if m := lse[r]; !math.IsInf(m, 0) { // logSumExp returns ±Inf as is
				var s float64
				for _, e := range exps[r*k : r*k+k] {
					s += e
				}
				lse[r] = m + math.Log(s)
			}
		}
		// The loss terms, then e^(z − lse) for the gradient, reading every
		// row of the chunk before writing any (dst may be logits).
		for r := range rows {
			z := p.Data[(r0+r)*p.Stride : (r0+r)*p.Stride+k]
			tr := t.Data[(r0+r)*t.Stride : (r0+r)*t.Stride+k]
			tsum[r] = 0
			for j, tj := range tr {
				if tj != 0 {
					sum += tj * (lse[r] - z[j])
				}
				tsum[r] += tj
			}
			for j, v := range z {
				args[r*k+j] = v - lse[r]
			}
		}
		expAll(exps[:rows*k], args[:rows*k])
		for r := range rows {
			tr := t.Data[(r0+r)*t.Stride : (r0+r)*t.Stride+k]
			gr := g.Data[(r0+r)*g.Stride : (r0+r)*g.Stride+k]
			for j := range gr {
				gr[j] = scale * (exps[r*k+j]*tsum[r] - tr[j])
			}
		}
	}
	return sum / float64(n)
}

// expAll sets dst[i] = math.Exp(x[i]), with kernel.Exp where it applies.
func expAll(dst, x []float64) {
	n4 := len(x) &^ 3
	if !haveKernels {
		n4 = 0
	}
	if n4 > 0 {
		kernel.Exp(n4, &dst[0], &x[0], kernel.FMA)
	}
	for i, v := range x {
		if i >= n4 || !(v > -708 && v < 709) {
			dst[i] = math.Exp(v)
		}
	}
}

// Softmax sets each row of dst to the softmax of the same row of logits,
//
//	softmax(z)ⱼ = e^(zⱼ − max z) / Σₘ e^(zₘ − max z)
//
// turning the logits of a SoftmaxCrossEntropy net into class probabilities.
// Subtracting max z changes nothing mathematically and keeps every
// exponential at most 1. dst may be logits; if dst is empty it is resized,
// otherwise Softmax panics if the shapes differ.
func Softmax(dst, logits *mat.Dense) {
	n, k := checkGrad("Softmax", dst, logits, logits)
	p, g := logits.RawMatrix(), dst.RawMatrix()
	for i := range n {
		z, out := p.Data[i*p.Stride:i*p.Stride+k], g.Data[i*g.Stride:i*g.Stride+k]
		lse := logSumExp(z)
		for j := range out {
			out[j] = math.Exp(z[j] - lse)
		}
	}
}

// logSumExp returns ln Σ e^(zⱼ) computed as max + ln Σ e^(zⱼ − max).
func logSumExp(z []float64) float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = max(m, v)
	}
	if math.IsInf(m, 0) {
		return m // all −Inf (sum 0), or a +Inf logit
	}
	var s float64
	for _, v := range z {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// checkSame panics unless pred and target have the same, non-empty shape,
// and returns it. (An empty gonum matrix is 0×0; averaging over its rows
// would silently give NaN.)
func checkSame(where string, pred, target *mat.Dense) (n, k int) {
	n, k = pred.Dims()
	if tr, tc := target.Dims(); tr != n || tc != k {
		panic(fmt.Sprintf("dl: %s: pred is %d×%d, target is %d×%d", where, n, k, tr, tc))
	}
	if n == 0 {
		panic(fmt.Sprintf("dl: %s: the matrices are empty (no examples)", where))
	}
	return n, k
}

// checkClasses is checkSame for a softmax over the columns, which needs at
// least two of them.
func checkClasses(where string, logits, target *mat.Dense) (n, k int) {
	n, k = checkSame(where, logits, target)
	if k < 2 {
		panic(fmt.Sprintf("dl: %s: logits are %d×%d; a softmax needs at least 2 classes (columns), use BCEWithLogits for one",
			where, n, k))
	}
	return n, k
}

// checkGrad is checkSame for pred and target, and also sizes an empty dst
// or checks the shape of a given one.
func checkGrad(where string, dst, pred, target *mat.Dense) (n, k int) {
	n, k = checkSame(where, pred, target)
	if dst.IsEmpty() {
		dst.ReuseAs(n, k)
	}
	if dr, dc := dst.Dims(); dr != n || dc != k {
		panic(fmt.Sprintf("dl: %s: dst is %d×%d, input is %d×%d", where, dr, dc, n, k))
	}
	return n, k
}
