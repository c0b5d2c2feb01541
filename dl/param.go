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
