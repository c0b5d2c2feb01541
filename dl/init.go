package dl

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Initializer fills a weight matrix w (fanIn×fanOut: one row per input, one
// column per unit) with random starting values drawn from rng. The same rng
// state always gives the same weights.
//
// Biases are not drawn: NewDense starts every bias at zero, which is the
// common choice today. (Rumelhart et al. treated a bias as the weight from an
// always-on unit and drew it like the other weights; set Dense.B yourself to
// reproduce that.)
type Initializer interface {
	Init(w *mat.Dense, rng *rand.Rand)
}

var (
	_ Initializer = Uniform{}
	_ Initializer = Glorot{}
	_ Initializer = He{}
)

// Uniform draws every weight from the uniform distribution on
// [−Scale, Scale]. This is the "small random weights" start of
// Rumelhart, Hinton & Williams (1986), whose papers do not depend on the exact
// range. The zero value uses Scale = 0.5.
//
// Uniform ignores the layer's size, so in wide layers the pre-activations grow
// with fanIn; Glorot and He scale the range to avoid that.
type Uniform struct {
	Scale float64 // half-width of the interval; 0 means 0.5
}

// Init implements Initializer.
func (u Uniform) Init(w *mat.Dense, rng *rand.Rand) {
	s := u.Scale
	if s == 0 {
		s = 0.5
	}
	fill(w, func() float64 { return s * (2*rng.Float64() - 1) })
}

// Glorot is the uniform initializer of Glorot & Bengio (2010), also called
// Xavier initialization:
//
//	w ~ U(−a, a),   a = √(6 / (fanIn + fanOut))
//
// so that Var(w) = 2/(fanIn+fanOut), which keeps the variance of activations
// (forward) and of gradients (backward) roughly constant from layer to layer
// for tanh- and sigmoid-like units. It is the default of NewDense.
type Glorot struct{}

// Init implements Initializer.
func (Glorot) Init(w *mat.Dense, rng *rand.Rand) {
	fanIn, fanOut := w.Dims()
	a := math.Sqrt(6 / float64(fanIn+fanOut))
	fill(w, func() float64 { return a * (2*rng.Float64() - 1) })
}

// He is the normal initializer of He et al. (2015) for ReLU layers:
//
//	w ~ N(0, σ²),   σ = √(2 / fanIn)
//
// A ReLU zeroes about half of its inputs, halving the variance it passes on;
// the factor 2 compensates, so the signal neither dies out nor explodes in
// deep ReLU nets.
type He struct{}

// Init implements Initializer.
func (He) Init(w *mat.Dense, rng *rand.Rand) {
	fanIn, _ := w.Dims()
	sd := math.Sqrt(2 / float64(fanIn))
	fill(w, func() float64 { return sd * rng.NormFloat64() })
}

// fill sets every element of w, row by row, to successive values of draw.
// The fixed order makes the weights a function of the seed alone.
func fill(w *mat.Dense, draw func() float64) {
	r, c := w.Dims()
	for i := range r {
		for j := range c {
			w.Set(i, j, draw())
		}
	}
}
