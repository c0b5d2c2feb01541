package dl_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// A 2-2-1 network of sigmoid units, as in Rumelhart, Hinton & Williams
// (1986), run on the four XOR inputs (one example per row).
func ExampleNewMLP() {
	rng := rand.New(rand.NewPCG(1, 1))
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{}, rng)
	fmt.Println(net, "with", net.NumParams(), "parameters")
	for _, p := range net.Params() {
		r, c := p.Value.Dims()
		fmt.Printf("%s is %d×%d\n", p.Name, r, c)
	}

	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	out := net.Forward(x)
	r, c := out.Dims()
	fmt.Printf("output is %d×%d\n", r, c)
	// Output:
	// 2-2-1 (sigmoid, sigmoid) with 9 parameters
	// layer0.W is 2×2
	// layer0.B is 1×2
	// layer1.W is 2×1
	// layer1.B is 1×1
	// output is 4×1
}

// Backpropagation in action: plain gradient descent on XOR, written out.
// Each step runs the batch forward, asks the loss for ∂L/∂output, runs it
// backward through the net, and moves every parameter against its gradient.
func Example_backpropagation() {
	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y := mat.NewDense(4, 1, []float64{0, 1, 1, 0})
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, dl.Uniform{}, rand.New(rand.NewPCG(0, 0)))
	loss := dl.MSE{}
	const lr = 2.0
	grad := mat.NewDense(4, 1, nil)

	for step := 0; step <= 4000; step++ {
		out := net.Forward(x) // forward: keep z and a in every layer
		if step%1000 == 0 {
			fmt.Printf("step %4d  MSE %.4f\n", step, loss.Loss(out, y))
		}
		loss.Grad(grad, out, y) // ∂L/∂output
		net.Backward(grad)      // backward: ∂L/∂W and ∂L/∂b for every layer
		for _, p := range net.Params() {
			v, g := p.Value.RawMatrix().Data, p.Grad.RawMatrix().Data
			for i := range v {
				v[i] -= lr * g[i] // θ ← θ − η ∂L/∂θ
			}
		}
	}
	fmt.Printf("predictions %.2f\n", mat.Formatted(net.Predict(x).T()))
	// Output:
	// step    0  MSE 0.2500
	// step 1000  MSE 0.2499
	// step 2000  MSE 0.1304
	// step 3000  MSE 0.0024
	// step 4000  MSE 0.0008
	// predictions [0.03  0.97  0.97  0.02]
}

// A Dense layer keeps z = xW + b and a = σ(z) from Forward; Backward fills
// DW and DB and returns ∂L/∂x.
func ExampleDense() {
	d := dl.NewDense(2, 1, dl.ReLU, nil, rand.New(rand.NewPCG(1, 1)))
	d.W.Copy(mat.NewDense(2, 1, []float64{1, -1}))
	d.B.Set(0, 0, 0.5)
	x := mat.NewDense(3, 2, []float64{
		1, 0,
		0, 1,
		2, 1,
	})
	d.Forward(x)
	fmt.Printf("z = %v\n", mat.Formatted(d.Z().T()))
	fmt.Printf("a = %v\n", mat.Formatted(d.A().T()))

	dx := d.Backward(mat.NewDense(3, 1, []float64{1, 1, 1})) // ∂L/∂a = 1
	fmt.Printf("δ = %v (the ReLU blocks row 2)\n", mat.Formatted(d.Delta().T()))
	fmt.Printf("∂L/∂W = %v, ∂L/∂b = %v\n", mat.Formatted(d.DW.T()), mat.Formatted(d.DB))
	fmt.Printf("∂L/∂x = %v\n", mat.Formatted(dx, mat.Squeeze()))
	// Output:
	// z = [ 1.5  -0.5   1.5]
	// a = [1.5    0  1.5]
	// δ = [1  0  1] (the ReLU blocks row 2)
	// ∂L/∂W = [3  1], ∂L/∂b = [2]
	// ∂L/∂x = ⎡1  -1⎤
	// ⎢0   0⎥
	// ⎣1  -1⎦
}

// Clone gives an independent copy (an LR finder trains one); CopyParams
// copies weights between nets of the same shape.
func ExampleNet_Clone() {
	rng := rand.New(rand.NewPCG(3, 3))
	net := dl.NewMLP([]int{2, 3, 1}, dl.Tanh, dl.Identity, nil, rng)
	x := mat.NewDense(1, 2, []float64{1, 2})
	before := net.Predict(x).At(0, 0)

	trial := net.Clone()
	trial.Layers[1].B.Set(0, 0, 100) // change the copy only
	fmt.Println("original unchanged:", net.Predict(x).At(0, 0) == before)

	net.CopyParams(trial)
	fmt.Println("after CopyParams:", net.Predict(x).At(0, 0) == trial.Predict(x).At(0, 0))
	// Output:
	// original unchanged: true
	// after CopyParams: true
}

// Every weight can be set by hand, so a result can be checked against
// someone else's computation from the same starting weights. This is the
// 2-2-2 sigmoid net of Matt Mazur's "A Step by Step Backpropagation Example"
// (2015): one forward pass, one backward pass and one gradient-descent step
// with η = 0.5 give the numbers published there (error 0.298371109,
// w5 → 0.35891648, w1 → 0.149780716, …). Mazur's error is Σ ½(o − t)² for
// one example with two outputs, which is exactly MSE (mean over 2 entries).
func ExampleNet_Params() {
	net := dl.NewMLP([]int{2, 2, 2}, dl.Sigmoid, dl.Sigmoid, nil, rand.New(rand.NewPCG(1, 1)))
	// W is inputs×units: W[i][j] connects input i to unit j, so Mazur's
	// w1 (i1→h1), w2 (i2→h1), w3 (i1→h2), w4 (i2→h2) go in as [[w1 w3] [w2 w4]].
	net.Layers[0].W.Copy(mat.NewDense(2, 2, []float64{0.15, 0.25, 0.20, 0.30}))
	net.Layers[0].B.Copy(mat.NewDense(1, 2, []float64{0.35, 0.35}))
	net.Layers[1].W.Copy(mat.NewDense(2, 2, []float64{0.40, 0.50, 0.45, 0.55})) // [[w5 w7] [w6 w8]]
	net.Layers[1].B.Copy(mat.NewDense(1, 2, []float64{0.60, 0.60}))

	x := mat.NewDense(1, 2, []float64{0.05, 0.10})
	y := mat.NewDense(1, 2, []float64{0.01, 0.99})
	out := net.Forward(x)
	fmt.Printf("outputs %.8f, error %.9f\n", mat.Formatted(out), dl.MSE{}.Loss(out, y))

	var grad mat.Dense
	dl.MSE{}.Grad(&grad, out, y)
	net.Backward(&grad)
	for _, p := range net.Params() {
		if p.Name == "layer0.W" || p.Name == "layer1.W" { // Mazur leaves the biases alone
			p.Value.Sub(p.Value, scaled(0.5, p.Grad)) // w ← w − η·∂E/∂w
		}
	}
	w, v := net.Layers[0].W, net.Layers[1].W
	fmt.Printf("w1…w4 %.9f %.9f %.9f %.9f\n", w.At(0, 0), w.At(1, 0), w.At(0, 1), w.At(1, 1))
	fmt.Printf("w5…w8 %.9f %.9f %.9f %.9f\n", v.At(0, 0), v.At(1, 0), v.At(0, 1), v.At(1, 1))
	// Output:
	// outputs [0.75136507  0.77292847], error 0.298371109
	// w1…w4 0.149780716 0.199561432 0.249751144 0.299502287
	// w5…w8 0.358916480 0.408666186 0.511301270 0.561370121
}

// scaled returns s·m as a new matrix.
func scaled(s float64, m *mat.Dense) *mat.Dense {
	var r mat.Dense
	r.Scale(s, m)
	return &r
}
