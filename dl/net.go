package dl

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Net is a feed-forward network: a chain of dense layers, the output of each
// being the input of the next. Layers is exported so a lesson can look at (or
// replace) any layer; the layers must chain, layer l+1 having as many inputs
// as layer l has units.
//
// A Net is built by NewMLP, or by hand as &Net{Layers: []*Dense{...}}.
type Net struct {
	Layers []*Dense

	params []Param   // reused by Params
	names  []string  // "layer0.W", "layer0.B", ...
	dout   mat.Dense // ∂L/∂output, reused by Gradient
}

// NewMLP returns a multilayer perceptron with the given layer sizes, e.g.
// sizes {2, 2, 1} for 2 inputs, one hidden layer of 2 units and 1 output.
// Hidden layers use the activation hidden, the last layer uses output
// (Identity when the loss works on logits, as BCEWithLogits and
// SoftmaxCrossEntropy do). Weights are drawn by init (nil means Glorot{}) from
// rng, layer by layer, so the same seed gives the same net.
// NewMLP panics if sizes has fewer than 2 entries or one of them is below 1.
func NewMLP(sizes []int, hidden, output Activation, init Initializer, rng *rand.Rand) *Net {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("dl: NewMLP: need at least 2 sizes (inputs and outputs), got %d", len(sizes)))
	}
	net := &Net{}
	for l := 1; l < len(sizes); l++ {
		act := hidden
		if l == len(sizes)-1 {
			act = output
		}
		net.Layers = append(net.Layers, NewDense(sizes[l-1], sizes[l], act, init, rng))
	}
	return net
}

// Forward runs the mini-batch x (n×inputs) through every layer and returns
// the output of the last one (n×outputs). The result belongs to the last
// layer and is overwritten by the next Forward; use Predict for a copy.
// Forward panics if x has the wrong number of columns or if two layers do
// not chain.
func (n *Net) Forward(x *mat.Dense) *mat.Dense {
	n.mustHaveLayers("Forward")
	if x == nil {
		panic("dl: Net.Forward: x is nil")
	}
	if _, c := x.Dims(); c != n.Layers[0].In() {
		panic(fmt.Sprintf("dl: Net.Forward: input has %d columns, net expects %d", c, n.Layers[0].In()))
	}
	a := x
	for l, layer := range n.Layers {
		if _, c := a.Dims(); c != layer.In() {
			panic(fmt.Sprintf("dl: Net.Forward: layer %d gets %d columns from layer %d, expects %d", l, c, l-1, layer.In()))
		}
		a = layer.Forward(a)
	}
	return a
}

// Backward takes grad = ∂L/∂output for the batch of the last Forward, runs it
// back through the layers (last to first), leaving every parameter gradient
// in Params()[i].Grad, and returns ∂L/∂x. This is backpropagation: each
// layer turns the gradient with respect to its output into the gradient with
// respect to its input, δ·Wᵀ, for the layer before it.
// Backward panics if grad does not have the shape of the last output.
func (n *Net) Backward(grad *mat.Dense) *mat.Dense {
	n.mustHaveLayers("Backward")
	for l := len(n.Layers) - 1; l >= 0; l-- {
		grad = n.Layers[l].Backward(grad)
	}
	return grad
}

// Gradient computes the loss of the net on the batch x, y, then its
// gradient with respect to every weight and bias, which it leaves in
// Params()[i].Grad, and returns the loss. It is a training step without the
// update:
//
//	ŷ     = net.Forward(x)
//	L     = loss.Loss(ŷ, y)
//	∂L/∂ŷ = loss.Grad(ŷ, y)
//	net.Backward(∂L/∂ŷ)
//
// An optimizer's Step(net.Params(), η) completes the step; Train does both
// for every batch. Gradient skips the one product that only the inputs'
// gradient ∂L/∂x needs, which training never uses. It allocates nothing once
// it has seen the batch size. It panics, naming the sizes, if x or y does
// not fit the net.
func (n *Net) Gradient(loss Loss, x, y *mat.Dense) float64 {
	pred := n.Forward(x)
	if y == nil {
		panic("dl: Net.Gradient: y is nil")
	}
	r, c := pred.Dims()
	if yr, yc := y.Dims(); yr != r || yc != c {
		panic(fmt.Sprintf("dl: Net.Gradient: y is %d×%d, the net's output is %d×%d", yr, yc, r, c))
	}
	resize(&n.dout, r, c)
	value := loss.Loss(pred, y)
	loss.Grad(&n.dout, pred, y)
	n.backwardParams(&n.dout)
	return value
}

// backwardParams is Backward without the last product: it fills every
// parameter gradient, exactly as Backward does, but does not compute ∂L/∂x
// of the first layer, which only a caller interested in the inputs
// themselves needs (training is not). Train uses it.
func (n *Net) backwardParams(grad *mat.Dense) {
	n.mustHaveLayers("Backward")
	for l := len(n.Layers) - 1; l >= 0; l-- {
		grad = n.Layers[l].backward(grad, l > 0)
	}
}

// Predict returns a fresh copy of the network's output for x, safe to keep.
// Like Forward, it overwrites the values kept for Backward.
func (n *Net) Predict(x *mat.Dense) *mat.Dense {
	return mat.DenseCopyOf(n.Forward(x))
}

// Params returns every weight matrix and bias vector with its gradient, in
// the order layer0.W, layer0.B, layer1.W, layer1.B, ... The Values and Grads
// are the layers' own matrices, so an optimizer that updates Value in place
// updates the net. The slice is reused by the next call of Params (which
// allocates nothing once warm); do not modify its entries.
func (n *Net) Params() []Param {
	if len(n.names) != 2*len(n.Layers) {
		n.names = make([]string, 0, 2*len(n.Layers))
		for l := range n.Layers {
			s := "layer" + strconv.Itoa(l)
			n.names = append(n.names, s+".W", s+".B")
		}
		n.params = make([]Param, 2*len(n.Layers))
	}
	for l, layer := range n.Layers {
		// Rebuilt on every call, so a layer whose W was replaced is seen.
		n.params[2*l] = Param{Name: n.names[2*l], Value: layer.W, Grad: layer.DW}
		n.params[2*l+1] = Param{Name: n.names[2*l+1], Value: layer.B, Grad: layer.DB}
	}
	return n.params
}

// NumParams returns the number of trainable numbers: Σ (in·out + out) over
// the layers. A 2-2-1 net has 2·2+2 + 2·1+1 = 9.
func (n *Net) NumParams() int {
	total := 0
	for _, layer := range n.Layers {
		total += (layer.In() + 1) * layer.Out()
	}
	return total
}

// Clone returns a deep copy of the net: same weights, biases, gradients and
// activations, but no shared memory, so training the copy leaves n alone.
func (n *Net) Clone() *Net {
	c := &Net{Layers: make([]*Dense, len(n.Layers))}
	for l, layer := range n.Layers {
		c.Layers[l] = layer.clone()
	}
	return c
}

// CopyParams sets the weights and biases of n to those of src, which must
// have the same layer sizes; activations and gradients are left alone. Use it
// to start two experiments from the same weights, or to load weights
// exported by another framework into a net of the same shape.
// CopyParams panics, naming the layer and both shapes, if they differ.
func (n *Net) CopyParams(src *Net) {
	if len(src.Layers) != len(n.Layers) {
		panic(fmt.Sprintf("dl: Net.CopyParams: src has %d layers, net has %d", len(src.Layers), len(n.Layers)))
	}
	for l, layer := range n.Layers {
		s := src.Layers[l]
		if s.In() != layer.In() || s.Out() != layer.Out() {
			panic(fmt.Sprintf("dl: Net.CopyParams: layer %d of src is %d×%d, net's is %d×%d", l, s.In(), s.Out(), layer.In(), layer.Out()))
		}
		layer.W.Copy(s.W)
		layer.B.Copy(s.B)
	}
}

// String describes the architecture, e.g. "2-2-1 (sigmoid, sigmoid)".
func (n *Net) String() string {
	if len(n.Layers) == 0 {
		return "empty net"
	}
	var sizes, acts []string
	sizes = append(sizes, strconv.Itoa(n.Layers[0].In()))
	for _, layer := range n.Layers {
		sizes = append(sizes, strconv.Itoa(layer.Out()))
		acts = append(acts, layer.Act.Name)
	}
	return strings.Join(sizes, "-") + " (" + strings.Join(acts, ", ") + ")"
}

func (n *Net) mustHaveLayers(method string) {
	if len(n.Layers) == 0 {
		panic("dl: Net." + method + ": net has no layers")
	}
}
