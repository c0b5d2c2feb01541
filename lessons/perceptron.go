package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the experiments of lesson 02 (notebooks/02-perceptron.ipynb):
// Rosenblatt's rule on the logic gates, the perceptron convergence theorem
// checked against measured mistakes, and what the learning rate and the
// margin change.

// Examples turns a data set in the matrix layout of AND, XOR or
// LinearlySeparable (x n×d, y n×1) into the rows and labels that
// dl.Perceptron.Train takes. It panics if y is not a column of n labels.
func Examples(x, y *mat.Dense) (rows [][]float64, labels []float64) {
	n, d := x.Dims()
	if r, c := y.Dims(); r != n || c != 1 {
		panic(fmt.Sprintf("lessons: Examples: y is %d×%d, want %d×1", r, c, n))
	}
	for i := range n {
		rows = append(rows, mat.Row(make([]float64, d), i, x))
		labels = append(labels, y.At(i, 0))
	}
	return rows, labels
}

// Mistakes returns the number of updates in a perceptron run: the visits at
// which the example was misclassified, so that w and b changed.
func Mistakes(res dl.PerceptronResult) int {
	k := 0
	for _, u := range res.Updates {
		if u.Mistake {
			k++
		}
	}
	return k
}

// Novikoff is the bound of the perceptron convergence theorem (Novikoff
// 1962, "On convergence proofs on perceptrons") for one data set. Write each
// input with a constant 1 appended, x̃ = (x, 1), so that the bias is one more
// weight, and the labels as s = ±1 (s = 2y − 1). If some unit vector u
// separates the data with margin γ,
//
//	sᵢ (u · x̃ᵢ) ≥ γ > 0   for every example i,
//
// and every ‖x̃ᵢ‖ ≤ R, then the perceptron started from w = 0 makes at most
//
//	(R/γ)²
//
// mistakes, whatever the order of the examples and however many epochs it
// runs. Each mistake adds sᵢx̃ᵢ to w: that raises u·w by at least γ but ‖w‖²
// by at most R², and u·w ≤ ‖w‖ caps how often both can happen.
type Novikoff struct {
	R     float64   // largest norm of an input x̃ = (x, 1)
	Gamma float64   // margin γ of the separator U: minᵢ sᵢ (U · x̃ᵢ)
	U     []float64 // unit separator (w₁, …, w_d, b) of the x̃
	Bound float64   // (R/γ)²

	// GammaMax is an upper bound on the margin of every separator, from
	// the dual of the problem (see NovikoffBound): the best margin lies in
	// [Gamma, GammaMax].
	GammaMax float64
}

// NovikoffBound measures R on the examples, finds the separator u with the
// largest margin γ (the direction that gives the smallest bound), and
// returns the bound (R/γ)². The examples may have any number of inputs.
//
// The largest margin is the hard-margin support vector machine on the x̃
// with no separate bias (Vapnik 1998): v minimising ½‖v‖² subject to
// sᵢ (v · x̃ᵢ) ≥ 1 has margin 1/‖v‖, and u = v/‖v‖. NovikoffBound solves its
// dual, maximise D(α) = Σαᵢ − ½‖Σ αᵢsᵢx̃ᵢ‖² over α ≥ 0, one αᵢ at a time
// (Hildreth 1957), until the margin of the current u, Gamma, and the bound
// 1/√(2D(α)) that duality puts on every margin, GammaMax, agree to 5
// digits, or for at most 20 000 sweeps (the iteration converges slowly
// when the support points are nearly in line; the lesson's data sets end
// within 0.1 %). Gamma is always the exact margin of the returned U, so
// Bound is a valid bound even when the iteration stops early.
//
// It returns an error if it finds no separating direction (the data are not
// linearly separable, such as XOR, or have a margin below about 1e-6). It
// panics if x is empty, rows differ in length, len(y) != len(x), or a label
// is not 0 or 1.
func NovikoffBound(x [][]float64, y []float64) (Novikoff, error) {
	if len(x) == 0 || len(y) != len(x) {
		panic(fmt.Sprintf("lessons: NovikoffBound needs examples and as many labels, got %d and %d", len(x), len(y)))
	}
	d := len(x[0])
	z := make([][]float64, len(x)) // zᵢ = sᵢ x̃ᵢ
	var nv Novikoff
	for i, xi := range x {
		if len(xi) != d {
			panic(fmt.Sprintf("lessons: NovikoffBound: example %d has %d inputs, example 0 has %d", i, len(xi), d))
		}
		if y[i] != 0 && y[i] != 1 {
			panic(fmt.Sprintf("lessons: NovikoffBound: label %d is %v, want 0 or 1", i, y[i]))
		}
		s := 2*y[i] - 1
		z[i] = append(scale(xi, s), s)
		nv.R = math.Max(nv.R, math.Sqrt(dot(xi, xi)+1))
	}
	alpha := make([]float64, len(z))
	v := make([]float64, d+1) // v = Σ αᵢzᵢ
	for sweep := 0; sweep < 20000; sweep++ {
		for i, zi := range z {
			// Maximise D along αᵢ alone: ∂D/∂αᵢ = 1 − v·zᵢ, curvature ‖zᵢ‖².
			a := math.Max(0, alpha[i]+(1-dot(v, zi))/dot(zi, zi))
			for k := range v {
				v[k] += (a - alpha[i]) * zi[k]
			}
			alpha[i] = a
		}
		norm := math.Sqrt(dot(v, v))
		if norm == 0 {
			continue
		}
		sum := 0.0
		for _, a := range alpha {
			sum += a
		}
		gamma := math.Inf(1)
		for _, zi := range z {
			gamma = math.Min(gamma, dot(v, zi)/norm)
		}
		if gamma > nv.Gamma {
			nv.Gamma, nv.U = gamma, scale(v, 1/norm)
		}
		nv.GammaMax = 1 / math.Sqrt(max(2*sum-norm*norm, 0)) // D(α) = Σα − ½‖v‖²
		if nv.Gamma > 0 && nv.GammaMax-nv.Gamma <= 1e-5*nv.GammaMax {
			break
		}
	}
	if !(nv.Gamma > 1e-6) {
		return nv, fmt.Errorf("lessons: NovikoffBound: no separating direction found (best margin %.3g)", nv.Gamma)
	}
	nv.Bound = (nv.R / nv.Gamma) * (nv.R / nv.Gamma)
	return nv, nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// LineMargin returns the margin of the line w·x + b = 0 on the examples,
//
//	minᵢ sᵢ (w·xᵢ + b) / ‖w‖   (sᵢ = 2yᵢ − 1),
//
// the distance from the line to the nearest example, counted negative when
// that example is on the wrong side; and OnLine, the indices of the examples
// whose score w·xᵢ + b is exactly 0. A perceptron classifies those as 0 (the
// tie rule step(0) = 0), so a line through a class-0 example can be right on
// every example with margin 0. It panics if w is zero or a row of x does
// not have len(w) entries.
func LineMargin(w []float64, b float64, x [][]float64, y []float64) (margin float64, onLine []int) {
	norm := math.Sqrt(dot(w, w))
	if norm == 0 {
		panic("lessons: LineMargin: w = 0 is not a line")
	}
	margin = math.Inf(1)
	for i, xi := range x {
		if len(xi) != len(w) {
			panic(fmt.Sprintf("lessons: LineMargin: example %d has %d inputs, w has %d", i, len(xi), len(w)))
		}
		score := dot(w, xi) + b
		if score == 0 {
			onLine = append(onLine, i)
		}
		margin = math.Min(margin, (2*y[i]-1)*score/norm)
	}
	if margin == 0 {
		margin = 0 // +0: a class-0 example on the line gives −0, printed "-0"
	}
	return margin, onLine
}

// LearningRateRun is the outcome of training a zero-initialised perceptron
// with one learning rate (see LearningRates).
type LearningRateRun struct {
	Eta      float64
	Mistakes int       // updates made
	Epochs   int       // epochs until an epoch without a mistake
	W        []float64 // final weights
	B        float64   // final bias
	// Order lists, for every mistake, the index of the example that
	// caused it.
	Order []int
}

// LearningRates trains a zero-initialised dl.Perceptron on (x, y) once for
// each learning rate η. Starting from w = 0, every update adds ±η·x̃, so the
// weights after any number of steps are η times those of η = 1, and
// sign(w·x + b) — the only thing the perceptron looks at — is the same for
// every η > 0: the runs make the same mistakes in the same order and end on
// the same line, with weights scaled by η. (With rounding, for an η that is
// not a power of 2 a score that is exactly 0 for η = 1 might come out as a
// tiny non-zero number; the lesson's data never hits one.)
func LearningRates(x [][]float64, y []float64, etas []float64) []LearningRateRun {
	var runs []LearningRateRun
	for _, eta := range etas {
		p := dl.Perceptron{LearningRate: eta}
		res := p.Train(x, y, 0)
		run := LearningRateRun{Eta: eta, Mistakes: Mistakes(res), Epochs: len(res.Epochs), W: p.W, B: p.B}
		for _, u := range res.Updates {
			if u.Mistake {
				run.Order = append(run.Order, u.Index)
			}
		}
		runs = append(runs, run)
	}
	return runs
}

// MarginRun is one run of the margin experiment (see MarginExperiment).
type MarginRun struct {
	Margin   float64 // m: half-width of the empty band around the true line
	Seed     uint64
	Mistakes int     // mistakes of a zero-initialised perceptron, η = 1
	Epochs   int     // epochs until an epoch without a mistake
	R        float64 // largest ‖x̃‖ = ‖(x, 1)‖ of the data set
	Gamma    float64 // the data set's own margin γ (NovikoffBound)
	Bound    float64 // Novikoff's (R/γ)²
}

// MarginExperiment draws, for every band half-width m and every seed, a data
// set of n points with LinearlySeparable(n, m, rand.New(rand.NewPCG(seed,
// seed))), trains a zero-initialised perceptron on it, and counts its
// mistakes. It also gives Novikoff's bound for the data set with its own
// margin γ, the largest margin of any separator of the x̃ = (x, 1)
// (NovikoffBound). The band only guarantees γ ≥ m/√1.25 (the true line has
// a unit normal and a bias |b| ≤ ½); with few points none may fall near
// the band, and γ is then larger than m.
//
// It panics if NovikoffBound finds no separator, which LinearlySeparable's
// construction rules out for m > 0.
func MarginExperiment(n int, margins []float64, seeds []uint64) []MarginRun {
	var runs []MarginRun
	for _, m := range margins {
		for _, seed := range seeds {
			xm, ym := LinearlySeparable(n, m, rand.New(rand.NewPCG(seed, seed)))
			x, y := Examples(xm, ym)
			var p dl.Perceptron
			res := p.Train(x, y, 0)
			nv, err := NovikoffBound(x, y)
			if err != nil {
				panic(fmt.Sprintf("lessons: MarginExperiment: margin %v, seed %d: %v", m, seed, err))
			}
			runs = append(runs, MarginRun{
				Margin: m, Seed: seed, Mistakes: Mistakes(res), Epochs: len(res.Epochs),
				R: nv.R, Gamma: nv.Gamma, Bound: nv.Bound,
			})
		}
	}
	return runs
}

// MarginStats summarises the runs of MarginExperiment with one band
// half-width m (see SummarizeMargin).
type MarginStats struct {
	Margin        float64
	Mean          float64 // mean number of mistakes
	Most          int     // most mistakes of any run
	MedianGamma   float64 // median of the data sets' own margins γ
	SmallestBound float64 // smallest (R/γ)² of the data sets
	WorstShare    float64 // largest mistakes/(R/γ)² of any run
}

// SummarizeMargin returns the statistics of the runs with band half-width
// m. It panics if there is none.
func SummarizeMargin(runs []MarginRun, m float64) MarginStats {
	st := MarginStats{Margin: m, SmallestBound: math.Inf(1)}
	var gammas []float64
	sum := 0
	for _, r := range runs {
		if r.Margin != m {
			continue
		}
		sum += r.Mistakes
		st.Most = max(st.Most, r.Mistakes)
		st.SmallestBound = math.Min(st.SmallestBound, r.Bound)
		st.WorstShare = math.Max(st.WorstShare, float64(r.Mistakes)/r.Bound)
		gammas = append(gammas, r.Gamma)
	}
	if len(gammas) == 0 {
		panic(fmt.Sprintf("lessons: SummarizeMargin: no run with margin %v", m))
	}
	st.Mean = float64(sum) / float64(len(gammas))
	slices.Sort(gammas)
	k := len(gammas) / 2
	st.MedianGamma = gammas[k]
	if len(gammas)%2 == 0 {
		st.MedianGamma = (gammas[k-1] + gammas[k]) / 2
	}
	return st
}

// Seeds returns the seeds 1, 2, …, n of an experiment over n runs.
func Seeds(n int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = uint64(i + 1)
	}
	return s
}
