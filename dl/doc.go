// Package dl is a small deep-learning library written to be read: the
// perceptron, feed-forward networks trained by backpropagation, losses,
// optimizers, learning-rate schedules and a training loop, in float64 on
// gonum matrices. A learner can open each file next to the lesson that
// uses it; every formula below appears again in the code that computes it.
//
// # Notation and shapes
//
// A mini-batch is a matrix with one example per row. With n examples of d
// features,
//
//	X   n×d      inputs, row i is example xᵢ
//	Y   n×k      targets (k outputs; one-hot rows for k classes)
//
// A dense layer ℓ with nˡ⁻¹ inputs and nˡ units holds
//
//	Wˡ  nˡ⁻¹×nˡ  weights; Wˡ[i][j] connects input i to unit j
//	bˡ  1×nˡ     biases, added to every row
//
// and maps the previous activations aˡ⁻¹ (n×nˡ⁻¹, with a⁰ = X) to
//
//	zˡ = aˡ⁻¹ Wˡ + bˡ     pre-activations, n×nˡ
//	aˡ = σ(zˡ)            activations, n×nˡ, σ applied to every entry
//
// Because examples are rows, a whole batch goes through a layer with one
// matrix product, and the weights are stored inputs×outputs (the transpose of
// the Wx convention of Nielsen's book, which uses one column per example).
// The network's output is aᴸ, the activations of the last layer; the
// superscript ᴸ always means that layer, while L on its own is the loss.
// Weights, biases and all gradients are plain *mat.Dense values that can be
// read, plotted and set.
//
// # Losses
//
// A Loss compares the output with Y and returns a value averaged over the
// batch, L = (1/n) Σᵢ ℓ(aᴸᵢ, yᵢ), together with its gradient ∂L/∂aᴸ (n×k)
// that already contains the 1/n. MSE is for regression and for reproducing
// the 1986 experiments; BCEWithLogits (one output, two classes) and
// SoftmaxCrossEntropy (k classes) work on logits, so the last layer uses
// Identity and the sigmoid or softmax is folded into the loss, which is both
// numerically stable and gives the simple gradient (p − y)/n.
//
// # Backpropagation
//
// Backpropagation (reverse-mode differentiation goes back to Linnainmaa
// 1970 and Werbos 1974; Rumelhart, Hinton & Williams 1986 made it known for
// training hidden units; Nielsen, "Neural Networks and Deep Learning", ch. 2,
// is our reference for the notation) computes every ∂L/∂Wˡ and ∂L/∂bˡ in one
// backward sweep, applying the chain rule layer by layer from the output to
// the input. Define the error of layer ℓ as
//
//	δˡ = ∂L/∂zˡ    (n×nˡ)
//
// Then, with ⊙ the element-wise product,
//
//	δᴸ = ∂L/∂aᴸ ⊙ σ′(zᴸ)                  (BP1: the output layer)
//	δˡ = (δˡ⁺¹ (Wˡ⁺¹)ᵀ) ⊙ σ′(zˡ)          (BP2: one layer back)
//	∂L/∂bˡ = Σ over the rows of δˡ        (BP3)
//	∂L/∂Wˡ = (aˡ⁻¹)ᵀ δˡ                   (BP4)
//
// These are Nielsen's equations BP1–BP4 written for a batch in rows. BP2
// reads: δˡ⁺¹(Wˡ⁺¹)ᵀ = ∂L/∂aˡ, the gradient with respect to the input of
// layer ℓ+1 (which is the output of layer ℓ), is passed back and multiplied
// by σ′(zˡ), the slope of σ where the forward pass was. BP3 sums over rows
// because the same bias is added to every example, and BP4 sums the
// per-example products (aˡ⁻¹ᵢ)ᵀδˡᵢ in a single matrix product. Because
// ∂L/∂aᴸ already contains the 1/n of the average, these sums are the
// gradients of the mean loss, not of the total.
//
// In the code, Dense.Forward keeps aˡ⁻¹ and zˡ; Dense.Backward receives
// ∂L/∂aˡ, forms δˡ, stores BP3 and BP4 in DB and DW, and returns
// δˡ(Wˡ)ᵀ = ∂L/∂aˡ⁻¹ for the layer before. Net.Backward chains these calls
// from the last layer to the first. A training step is therefore
//
//	out := net.Forward(x)
//	loss.Grad(grad, out, y)   // ∂L/∂aᴸ
//	net.Backward(grad)        // every Params()[i].Grad
//	opt.Step(net.Params(), η) // θ ← θ − η·∂L/∂θ, or a cleverer rule
//
// Net.Gradient is the first three lines (it returns the loss), and Train
// calls it, then the optimizer, for every batch.
//
// GradCheck verifies all of this numerically against central differences,
// (L(θ + h) − L(θ − h)) / 2h, for any net and loss.
//
// # Training
//
// Train repeats that step over shuffled mini-batches for a number of epochs
// and records a History. Its TrainConfig is a plain struct whose zero value
// is a sensible run in the spirit of fastai (Adam, a one-cycle schedule,
// batches of 32, a loss chosen from the output size); an Optimizer (SGD with
// or without momentum, RMSProp, Adam) turns gradients into updates, and a
// Schedule gives the learning rate η as a function of the step. FindLR runs
// Smith's learning-rate range test to suggest η. Perceptron, Rosenblatt's
// single unit and its error-correction rule, stands apart: it is trained by
// its own rule, not by gradient descent.
//
// # Conventions
//
// Randomness is explicit: every function that draws numbers takes a
// *rand.Rand from math/rand/v2, and the same seed gives the same weights and
// the same run. dl keeps no state of its own.
//
// # Speed
//
// The files of dl hold the mathematics and nothing else. The few array
// operations they are made of (matrix products, adding the bias, ReLU and its
// derivative, column sums) go through one internal package, engine, which
// runs them with AVX2 or AVX-512 assembly where the CPU has it and with
// gonum otherwise, always with the same bits as the plain Go loops and
// gonum's products, so results do not depend on the machine. Nothing in dl
// asks which path runs.
//
// Programmer errors, such as matrices of the wrong shape, panic with a
// message naming both sizes ("dl: Dense.Forward: input has 3 columns, layer
// expects 2"); each doc comment says when. Problems that depend on the data,
// such as a loss that becomes NaN during training, are returned as errors.
//
// Matrices returned by Forward and Backward belong to the layer and are
// overwritten by the next call: copy them (or use Net.Predict) to keep them.
// In exchange, a training step allocates nothing once the layers have seen
// the batch size.
//
// Configuration is by plain structs whose zero values are sensible defaults,
// such as Uniform{} (±0.5) or Perceptron{} (learning rate 1).
package dl
