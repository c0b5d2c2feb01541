package dl

import "gonum.org/v1/gonum/mat"

// Param is one trainable array of a network together with the gradient of
// the loss with respect to it. Value and Grad always have the same shape.
// Optimizers update Value in place from Grad; Backward overwrites Grad.
type Param struct {
	Name  string     // e.g. "layer1.W", for plots and error messages
	Value *mat.Dense // the parameter itself
	Grad  *mat.Dense // ∂L/∂Value, filled by Backward
}

// Layer is one stage of a feed-forward network.
//
// Forward maps a mini-batch x (one example per row) to the layer's output and
// keeps what Backward needs. Backward takes ∂L/∂output for that same batch,
// stores the parameter gradients in Params()[i].Grad and returns ∂L/∂x.
// The matrices returned by Forward and Backward are owned by the layer and are
// overwritten by the next call: copy them to keep them.
type Layer interface {
	Forward(x *mat.Dense) *mat.Dense
	Backward(grad *mat.Dense) *mat.Dense
	Params() []Param
}
