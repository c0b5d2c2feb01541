package dl

import (
	"fmt"
	"math"

	"github.com/introdl/introdl/internal/engine"

	"gonum.org/v1/gonum/mat"
)

// Activation is an element-wise nonlinearity σ together with its derivative
// σ′, both as functions of the pre-activation z. A layer computes a = σ(z)
// in Forward and multiplies by σ′(z) in Backward.
//
// The package-level values Identity, Step, Sigmoid, Tanh, ReLU, LeakyReLU,
// Softplus, ELU and GELU are ready to use, and Activations lists them all.
// To make your own, write Activation{Name: …, F: …, Deriv: …}: a layer then
// calls F and Deriv for every unit and example. (Identity and ReLU also
// carry whole-matrix loops that give the same numbers faster; changing F or
// Deriv of a copy of them keeps those loops, so build a new value instead.)
type Activation struct {
	Name  string                  // short lower-case name, e.g. "relu"
	F     func(z float64) float64 // σ(z)
	Deriv func(z float64) float64 // σ′(z)

	// If not nil, apply(dst, z) sets dst = σ(z) and gradient(δ, g, z) sets
	// δ = g ⊙ σ′(z) for whole matrices, with the bits of F and Deriv.
	apply    func(dst, z *mat.Dense)
	gradient func(delta, g, z *mat.Dense)
}

// Apply sets dst to σ(x) element by element. dst may be x; if dst is empty it
// is resized to the shape of x, otherwise Apply panics if the shapes differ.
// For example Sigmoid.Apply(p, logits) turns the logits of a BCEWithLogits
// network into probabilities.
func (act Activation) Apply(dst, x *mat.Dense) {
	r, c := x.Dims()
	if dst.IsEmpty() {
		dst.ReuseAs(r, c)
	}
	if dr, dc := dst.Dims(); dr != r || dc != c {
		panic(fmt.Sprintf("dl: Activation.Apply: dst is %d×%d, x is %d×%d", dr, dc, r, c))
	}
	if act.apply != nil {
		act.apply(dst, x)
		return
	}
	xm, dm := x.RawMatrix(), dst.RawMatrix()
	for i := range r {
		out := dm.Data[i*dm.Stride : i*dm.Stride+c]
		for j, z := range xm.Data[i*xm.Stride : i*xm.Stride+c] {
			out[j] = act.F(z)
		}
	}
}

// mulDeriv sets delta = g ⊙ σ′(z), the chain rule through σ; all three have
// the same shape.
func (act Activation) mulDeriv(delta, g, z *mat.Dense) {
	if act.gradient != nil {
		act.gradient(delta, g, z)
		return
	}
	r, c := z.Dims()
	dm, gm, zm := delta.RawMatrix(), g.RawMatrix(), z.RawMatrix()
	for i := range r {
		out, gr := dm.Data[i*dm.Stride:i*dm.Stride+c], gm.Data[i*gm.Stride:i*gm.Stride+c]
		for j, z := range zm.Data[i*zm.Stride : i*zm.Stride+c] {
			out[j] = gr[j] * act.Deriv(z)
		}
	}
}

// Identity is σ(z) = z, σ′(z) = 1: the output activation for regression, and
// for the logits fed to BCEWithLogits or SoftmaxCrossEntropy.
var Identity = Activation{
	Name:     "identity",
	F:        identity,
	Deriv:    identityDeriv,
	apply:    func(dst, z *mat.Dense) { dst.Copy(z) },
	gradient: func(delta, g, _ *mat.Dense) { delta.Copy(g) }, // g·1 = g
}

func identity(z float64) float64      { return z }
func identityDeriv(z float64) float64 { return 1 }

// Step is the Heaviside step used by Rosenblatt's perceptron:
//
//	σ(z) = 1 if z > 0, else 0   (so σ(0) = 0)
//	σ′(z) = 0                    (undefined at 0; 0 is reported there too)
//
// Its derivative is zero wherever it exists, so gradient descent through a
// step unit never moves the weights. That is why the perceptron rule
// (see Perceptron) is not gradient descent on σ, and why backpropagation had
// to wait for smooth units such as Sigmoid.
var Step = Activation{
	Name: "step",
	F: func(z float64) float64 {
		if z > 0 {
			return 1
		}
		return 0
	},
	Deriv: func(z float64) float64 { return 0 },
}

// Sigmoid is the logistic function used by Rumelhart et al. (1986):
//
//	σ(z) = 1 / (1 + e⁻ᶻ),   σ′(z) = σ(z)(1 − σ(z))
//
// It is evaluated in a form that never overflows for large |z|.
var Sigmoid = Activation{
	Name:  "sigmoid",
	F:     sigmoid,
	Deriv: sigmoidDeriv,
}

// sigmoid computes 1/(1+e⁻ᶻ) without overflow: for z < 0 it uses the equal
// form eᶻ/(1+eᶻ), so math.Exp is only ever called with a non-positive argument.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func sigmoidDeriv(z float64) float64 { s := sigmoid(z); return s * (1 - s) }

// Tanh is the hyperbolic tangent, a sigmoid rescaled to (−1, 1) and centred
// at 0:
//
//	σ(z) = tanh z = 2·sigmoid(2z) − 1,   σ′(z) = 1 − tanh² z
var Tanh = Activation{
	Name:  "tanh",
	F:     math.Tanh,
	Deriv: tanhDeriv,
}

func tanhDeriv(z float64) float64 { t := math.Tanh(z); return 1 - t*t }

// ReLU is the rectified linear unit:
//
//	σ(z) = max(0, z),   σ′(z) = 1 if z > 0, else 0
//
// Rectifiers go back to Fukushima (1969, 1980); Glorot, Bordes & Bengio
// (2011) showed that deep nets of them train well without pre-training, and
// Krizhevsky, Sutskever & Hinton (2012) that they train several times faster
// than tanh units. ReLU has a kink at 0 where no derivative exists. Like
// PyTorch and TensorFlow we use the subgradient 0 there, so σ′(0) = 0. Any
// value in [0, 1] would be a valid subgradient; it rarely matters because z
// is almost never exactly 0.
//
// The most used activation of the course is computed for whole matrices at
// once (engine.ReLU, engine.ReLUGrad), with the same numbers as F and Deriv.
var ReLU = Activation{
	Name:     "relu",
	F:        relu,
	Deriv:    reluDeriv,
	apply:    engine.ReLU,
	gradient: engine.ReLUGrad,
}

func relu(z float64) float64 { return max(z, 0) }

func reluDeriv(z float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}

// LeakyReLU is NewLeakyReLU(0.01), the leaky rectifier of Maas et al. (2013).
var LeakyReLU = NewLeakyReLU(0.01)

// NewLeakyReLU returns the leaky rectifier with slope alpha for negative
// inputs:
//
//	σ(z) = z if z > 0, else αz,   σ′(z) = 1 if z > 0, else α
//
// As for ReLU, the left branch is used at the kink: σ′(0) = α. The Name is
// "leaky_relu" for the default α = 0.01 and "leaky_relu(α)" otherwise.
func NewLeakyReLU(alpha float64) Activation {
	name := "leaky_relu"
	if alpha != 0.01 {
		name = fmt.Sprintf("leaky_relu(%g)", alpha)
	}
	return Activation{
		Name: name,
		F: func(z float64) float64 {
			if z > 0 {
				return z
			}
			return alpha * z
		},
		Deriv: func(z float64) float64 {
			if z > 0 {
				return 1
			}
			return alpha
		},
	}
}

// Softplus is a smooth ReLU:
//
//	σ(z) = ln(1 + eᶻ),   σ′(z) = sigmoid(z)
//
// It is evaluated as max(z, 0) + ln(1 + e^(−|z|)), which is equal and
// cannot overflow: the naive ln(1 + eᶻ) gives +Inf once eᶻ does (z > 709).
var Softplus = Activation{
	Name:  "softplus",
	F:     softplus,
	Deriv: sigmoid,
}

func softplus(z float64) float64 {
	return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}

// ELU is NewELU(1), the exponential linear unit of Clevert et al. (2016).
var ELU = NewELU(1)

// NewELU returns the exponential linear unit with parameter alpha:
//
//	σ(z) = z if z > 0, else α(eᶻ − 1),   σ′(z) = 1 if z > 0, else αeᶻ
//
// With α = 1 both the function and its first derivative are continuous at 0.
// The Name is "elu" for α = 1 and "elu(α)" otherwise.
func NewELU(alpha float64) Activation {
	name := "elu"
	if alpha != 1 {
		name = fmt.Sprintf("elu(%g)", alpha)
	}
	return Activation{
		Name: name,
		F: func(z float64) float64 {
			if z > 0 {
				return z
			}
			return alpha * math.Expm1(z)
		},
		Deriv: func(z float64) float64 {
			if z > 0 {
				return 1
			}
			return alpha * math.Exp(z)
		},
	}
}

// GELU is the Gaussian error linear unit of Hendrycks & Gimpel (2016) in its
// exact form (not the tanh approximation):
//
//	σ(z) = z·Φ(z) = ½z(1 + erf(z/√2))
//	σ′(z) = Φ(z) + z·φ(z),   φ(z) = e^(−z²/2)/√(2π)
//
// where Φ and φ are the standard normal CDF and density. This is PyTorch's
// default nn.GELU().
var GELU = Activation{
	Name: "gelu",
	F:    func(z float64) float64 { return z * normalCDF(z) },
	Deriv: func(z float64) float64 {
		return normalCDF(z) + z*math.Exp(-z*z/2)/math.Sqrt(2*math.Pi)
	},
}

func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// Activations returns every predefined activation, in the order Identity,
// Step, Sigmoid, Tanh, ReLU, LeakyReLU, Softplus, ELU, GELU, so a lesson can
// draw the whole gallery of σ and σ′. The slice is new on each call.
func Activations() []Activation {
	return []Activation{Identity, Step, Sigmoid, Tanh, ReLU, LeakyReLU, Softplus, ELU, GELU}
}
