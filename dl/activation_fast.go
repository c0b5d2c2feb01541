package dl

import (
	"math"
	"reflect"
)

// A layer evaluates σ and σ′ once per unit and example: 19 200 times per
// step for a 64-unit layer on 300 examples. Calling them through the function
// values F and Deriv costs a call that cannot be inlined, more than ReLU's
// own work, so for the most used activations the loops below compute the
// same expressions directly. They are written to give the same bits as F and
// Deriv (TestActivationFastPathsMatch checks that on every built-in).

// builtinKind names an activation that has a direct loop.
type builtinKind int

const (
	custom builtinKind = iota // call F and Deriv
	identityKind
	reluKind
	sigmoidKind
	tanhKind
)

// builtin reports which built-in activation act is, or custom. It looks at
// the functions themselves, not at the Name, so an Activation whose F or
// Deriv was replaced by the user's own function is custom and gets that
// function called.
func (act Activation) builtin() builtinKind {
	f, d := codeOf(act.F), codeOf(act.Deriv)
	switch {
	case f == codeOf(identity) && d == codeOf(identityDeriv):
		return identityKind
	case f == codeOf(relu) && d == codeOf(reluDeriv):
		return reluKind
	case f == codeOf(sigmoid) && d == codeOf(sigmoidDeriv):
		return sigmoidKind
	case f == codeOf(math.Tanh) && d == codeOf(tanhDeriv):
		return tanhKind
	}
	return custom
}

// codeOf returns the address of f's code. Go cannot compare functions with
// ==, but two function values with the same code and no captured variables
// (as for top-level functions) compute the same thing.
func codeOf(f func(float64) float64) uintptr {
	return reflect.ValueOf(f).Pointer()
}

// apply sets dst[j] = σ(z[j]); kind must be act.builtin().
func (act Activation) apply(kind builtinKind, dst, z []float64) {
	z = z[:len(dst)] // one bounds check, not one per element
	switch kind {
	case identityKind:
		copy(dst, z)
	case reluKind:
		for j, v := range z {
			dst[j] = max(v, 0)
		}
	case sigmoidKind:
		for j, v := range z {
			dst[j] = sigmoid(v)
		}
	case tanhKind:
		for j, v := range z {
			dst[j] = math.Tanh(v)
		}
	default:
		for j, v := range z {
			dst[j] = act.F(v)
		}
	}
}

// mulDeriv sets dst[j] = g[j]·σ′(z[j]); kind must be act.builtin().
func (act Activation) mulDeriv(kind builtinKind, dst, g, z []float64) {
	g, z = g[:len(dst)], z[:len(dst)] // one bounds check, not one per element
	switch kind {
	case identityKind:
		copy(dst, g) // g·σ′ = g·1 = g
	case reluKind:
		for j, v := range z {
			var s float64 // σ′(0) = 0, see ReLU
			if v > 0 {
				s = 1
			}
			dst[j] = g[j] * s // not a choice between g and 0: 0·Inf is NaN
		}
	case sigmoidKind:
		for j, v := range z {
			s := sigmoid(v)
			dst[j] = g[j] * (s * (1 - s))
		}
	case tanhKind:
		for j, v := range z {
			t := math.Tanh(v)
			dst[j] = g[j] * (1 - t*t)
		}
	default:
		for j, v := range z {
			dst[j] = g[j] * act.Deriv(v)
		}
	}
}
