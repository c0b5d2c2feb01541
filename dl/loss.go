package dl

import (
	"fmt"
	"math"

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
//
// Loss and Grad panic if a target is outside [0, 1] (the loss could then be
// negative and training would push the logits to ±∞); Train returns an
// error for such data before its first step.
type BCEWithLogits struct{}

// checkTargets returns an error naming the first target outside [0, 1].
func (BCEWithLogits) checkTargets(target *mat.Dense) error {
	r, _ := target.Dims()
	for i := range r {
		for j, t := range target.RawRowView(i) {
			if !(t >= 0 && t <= 1) {
				return fmt.Errorf("target[%d][%d] is %v; binary cross-entropy needs targets in [0, 1]", i, j, t)
			}
		}
	}
	return nil
}

// Loss implements Loss.
func (BCEWithLogits) Loss(logits, target *mat.Dense) float64 {
	n, k := checkSame("BCEWithLogits.Loss", logits, target)
	mustBe(BCEWithLogits{}.checkTargets(target), "BCEWithLogits.Loss")
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
	mustBe(BCEWithLogits{}.checkTargets(target), "BCEWithLogits.Grad")
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
//	L = 1/n Σᵢ −Σⱼ tᵢⱼ ln softmax(zᵢ)ⱼ
//	∂L/∂zᵢⱼ = (softmax(zᵢ)ⱼ − tᵢⱼ) / n
//
// (the gradient uses Σⱼ tᵢⱼ = 1). The logarithm is taken of the softmax as
//
//	ln softmax(z)ⱼ = (zⱼ − m) − ln Σₘ e^(zₘ − m),   m = max z
//
// so no exponential overflows, and (zⱼ − m) is exact before the small
// logarithm is subtracted: a confident net's loss, say 2·10⁻⁹, keeps its
// digits however large the logits are. This is PyTorch's
// nn.CrossEntropyLoss given one-hot (or soft) targets.
//
// Loss and Grad panic if the logits have a single column (a softmax over one
// class is always 1, so the loss would be 0 whatever the net does; two
// classes in one column are BCEWithLogits), or if a target row is not a
// probability vector: a negative entry, or a sum other than 1 (within
// 1e-6). Train returns an error for such data before its first step.
type SoftmaxCrossEntropy struct{}

// Loss implements Loss.
func (SoftmaxCrossEntropy) Loss(logits, target *mat.Dense) float64 {
	checkClasses("SoftmaxCrossEntropy.Loss", logits, target)
	mustBe(SoftmaxCrossEntropy{}.checkTargets(target), "SoftmaxCrossEntropy.Loss")
	return softmaxCE(nil, logits, target)
}

// Grad implements Loss.
func (SoftmaxCrossEntropy) Grad(dst, logits, target *mat.Dense) {
	checkClasses("SoftmaxCrossEntropy.Grad", logits, target)
	checkGrad("SoftmaxCrossEntropy.Grad", dst, logits, target)
	mustBe(SoftmaxCrossEntropy{}.checkTargets(target), "SoftmaxCrossEntropy.Grad")
	softmaxCE(dst, logits, target)
}

// checkTargets returns an error naming the first target row that is not a
// probability vector.
func (SoftmaxCrossEntropy) checkTargets(target *mat.Dense) error {
	r, _ := target.Dims()
	for i := range r {
		var sum float64
		for j, t := range target.RawRowView(i) {
			if !(t >= 0) {
				return fmt.Errorf("target[%d][%d] is %v; softmax cross-entropy needs targets ≥ 0 (one-hot or probability rows)", i, j, t)
			}
			sum += t
		}
		if math.Abs(sum-1) > 1e-6 {
			return fmt.Errorf("target row %d sums to %v; softmax cross-entropy needs rows that sum to 1 (one-hot or probability rows)", i, sum)
		}
	}
	return nil
}

// softmaxCE returns the mean cross-entropy of the softmax of logits against
// target and, if dst is not nil, sets dst to its gradient with respect to the
// logits. dst may be logits: each row is read whole before it is written.
func softmaxCE(dst, logits, target *mat.Dense) float64 {
	n, k := logits.Dims()
	zm, tm := logits.RawMatrix(), target.RawMatrix()
	var sum float64
	for i := range n {
		z, t := zm.Data[i*zm.Stride:i*zm.Stride+k], tm.Data[i*tm.Stride:i*tm.Stride+k]
		m, top := argMax(z)
		// −Σⱼ tⱼ ln softmax(z)ⱼ = Σⱼ tⱼ (ln Σₘ e^(zₘ − m) − (zⱼ − m)):
		// the part with (zⱼ − m) first, while z is intact (dst may be
		// logits, and the exponentials below go to dst).
		var tsum, tz float64
		for j, tj := range t {
			if tj != 0 { // skip 0·(zⱼ − m), which is 0 even for zⱼ = −Inf
				tsum += tj
				tz += tj * (z[j] - m)
			}
		}
		var e []float64 // e^(zⱼ − m), kept in dst's row for the gradient
		if dst != nil {
			e = dst.RawRowView(i)
		}
		s := expShifted(e, z, m, top)
		sum += tsum*math.Log1p(s) - tz // ln Σₘ e^(zₘ − m) = ln(1 + s)
		for j := range e {
			p := e[j] / (1 + s) // softmax(z)ⱼ
			e[j] = (p - t[j]) / float64(n)
		}
	}
	return sum / float64(n)
}

// argMax returns the largest entry of z and its index (the first one).
func argMax(z []float64) (m float64, top int) {
	m = math.Inf(-1)
	for j, v := range z {
		if v > m {
			m, top = v, j
		}
	}
	return m, top
}

// expShifted returns s = Σⱼ e^(zⱼ − m) without the term of z[top] = m, which
// is e⁰ = 1: the whole sum is 1 + s, and its logarithm is best computed as
// math.Log1p(s), which keeps the digits of a small s (a confident
// prediction) that 1 + s would round away. If e is not nil, e[j] gets
// e^(zⱼ − m) (e may be z). Without a finite maximum m (all −Inf, a +Inf or a
// NaN) s is NaN, and so is the loss.
func expShifted(e, z []float64, m float64, top int) (s float64) {
	if math.IsInf(m, 0) || math.IsNaN(m) {
		for j := range e {
			e[j] = math.NaN()
		}
		return math.NaN()
	}
	for j, v := range z {
		x := math.Exp(v - m)
		if j != top {
			s += x
		}
		if e != nil {
			e[j] = x
		}
	}
	return s
}

// Softmax sets each row of dst to the softmax of the same row of logits,
//
//	softmax(z)ⱼ = e^(zⱼ − m) / Σₘ e^(zₘ − m),   m = max z
//
// turning the logits of a SoftmaxCrossEntropy net into class probabilities.
// Subtracting m changes nothing mathematically and keeps every
// exponential at most 1. dst may be logits; if dst is empty it is resized,
// otherwise Softmax panics if the shapes differ.
func Softmax(dst, logits *mat.Dense) {
	n, k := checkGrad("Softmax", dst, logits, logits)
	p, g := logits.RawMatrix(), dst.RawMatrix()
	for i := range n {
		z, out := p.Data[i*p.Stride:i*p.Stride+k], g.Data[i*g.Stride:i*g.Stride+k]
		m, top := argMax(z)
		s := expShifted(out, z, m, top)
		for j := range out {
			out[j] /= 1 + s
		}
	}
}

// mustBe panics with err's message, naming where, if err is not nil.
func mustBe(err error, where string) {
	if err != nil {
		panic("dl: " + where + ": " + err.Error())
	}
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
