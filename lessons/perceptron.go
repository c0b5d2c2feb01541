package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

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
// 1962) for one data set. Write each input with a constant 1 appended,
// x̃ = (x, 1), so that the bias is one more weight, and the labels as
// s = ±1 (s = 2y − 1). If some unit vector u separates the data with
// margin γ,
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
	Gamma float64   // margin γ of the separator U
	U     []float64 // unit separator (w₁, …, w_d, b) of the x̃
	Bound float64   // (R/γ)²
}

// NovikoffBound measures R on the examples and finds a separator with
// (nearly) the largest margin γ among the unit vectors u = (w₁, w₂, b) of a
// grid over the sphere with steps points per half circle, then returns the
// bound (R/γ)². Any separator gives a valid bound; the better the
// separator, the smaller the bound. It needs two inputs per example; it
// returns an error if no direction of the grid separates the data (then
// either the data is not linearly separable or its margin is below the
// grid's resolution, about π/steps).
//
// NovikoffBound panics if x is empty, a row does not have 2 entries, a
// label is not 0 or 1, or steps < 4.
func NovikoffBound(x [][]float64, y []float64, steps int) (Novikoff, error) {
	if len(x) == 0 || len(y) != len(x) || steps < 4 {
		panic(fmt.Sprintf("lessons: NovikoffBound needs examples, as many labels and steps ≥ 4, got %d, %d, %d", len(x), len(y), steps))
	}
	var nv Novikoff
	for i, xi := range x {
		if len(xi) != 2 {
			panic(fmt.Sprintf("lessons: NovikoffBound: example %d has %d inputs, want 2", i, len(xi)))
		}
		if y[i] != 0 && y[i] != 1 {
			panic(fmt.Sprintf("lessons: NovikoffBound: label %d is %v, want 0 or 1", i, y[i]))
		}
		nv.R = math.Max(nv.R, math.Sqrt(xi[0]*xi[0]+xi[1]*xi[1]+1))
	}
	nv.Gamma = math.Inf(-1)
	for a := range steps {
		theta := math.Pi * (float64(a) + 0.5) / float64(steps) // polar angle
		for c := range 2 * steps {
			phi := math.Pi * float64(c) / float64(steps)
			u := []float64{math.Sin(theta) * math.Cos(phi), math.Sin(theta) * math.Sin(phi), math.Cos(theta)}
			if g := margin(x, y, u); g > nv.Gamma {
				nv.Gamma, nv.U = g, u
			}
		}
	}
	if nv.Gamma <= 0 {
		return nv, fmt.Errorf("lessons: NovikoffBound: no direction of the %d-step grid separates the data (best margin %.3g)", steps, nv.Gamma)
	}
	nv.Bound = (nv.R / nv.Gamma) * (nv.R / nv.Gamma)
	return nv, nil
}

// margin returns minᵢ sᵢ (u · x̃ᵢ) for the unit vector u = (w₁, w₂, b).
func margin(x [][]float64, y []float64, u []float64) float64 {
	g := math.Inf(1)
	for i, xi := range x {
		z := u[0]*xi[0] + u[1]*xi[1] + u[2]
		if y[i] == 0 {
			z = -z
		}
		g = math.Min(g, z)
	}
	return g
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
	Margin   float64 // half-width of the empty band around the true line
	Seed     uint64
	Mistakes int     // mistakes of a zero-initialised perceptron, η = 1
	Epochs   int     // epochs until an epoch without a mistake
	Bound    float64 // Novikoff's (R/γ)² with the guaranteed γ (see MarginExperiment)
}

// MarginExperiment draws, for every margin m and every seed, a data set of n
// points with LinearlySeparable(n, m, rand.New(rand.NewPCG(seed, seed))),
// trains a zero-initialised perceptron on it, and counts its mistakes. It
// also gives Novikoff's bound for the data set: LinearlySeparable's true
// line has a unit normal w and a bias |b| ≤ ½ and leaves no point closer
// than m, so the unit vector u = (w, b)/√(1 + b²) separates the inputs
// x̃ = (x, 1) with margin γ ≥ m/√(1 + b²) ≥ m/√1.25, and the bound is
// R²·1.25/m² with R the largest ‖x̃‖ of the data.
func MarginExperiment(n int, margins []float64, seeds []uint64) []MarginRun {
	var runs []MarginRun
	for _, m := range margins {
		for _, seed := range seeds {
			xm, ym := LinearlySeparable(n, m, rand.New(rand.NewPCG(seed, seed)))
			x, y := Examples(xm, ym)
			var p dl.Perceptron
			res := p.Train(x, y, 0)
			r := 0.0
			for _, xi := range x {
				r = math.Max(r, math.Sqrt(xi[0]*xi[0]+xi[1]*xi[1]+1))
			}
			runs = append(runs, MarginRun{
				Margin: m, Seed: seed, Mistakes: Mistakes(res), Epochs: len(res.Epochs),
				Bound: r * r * 1.25 / (m * m),
			})
		}
	}
	return runs
}

// MeanMistakes returns the mean number of mistakes of the runs with margin m.
func MeanMistakes(runs []MarginRun, m float64) float64 {
	sum, k := 0, 0
	for _, r := range runs {
		if r.Margin == m {
			sum += r.Mistakes
			k++
		}
	}
	if k == 0 {
		return math.NaN()
	}
	return float64(sum) / float64(k)
}

// Seeds returns the seeds 1, 2, …, n of an experiment over n runs.
func Seeds(n int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = uint64(i + 1)
	}
	return s
}
