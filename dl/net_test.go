package dl

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestNewMLPShapes(t *testing.T) {
	net := NewMLP([]int{2, 3, 4, 1}, Tanh, Sigmoid, nil, rand.New(rand.NewPCG(1, 1)))
	if got, want := net.String(), "2-3-4-1 (tanh, tanh, sigmoid)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := net.NumParams(), (2*3+3)+(3*4+4)+(4*1+1); got != want {
		t.Errorf("NumParams() = %d, want %d", got, want)
	}
	wantNames := []string{"layer0.W", "layer0.B", "layer1.W", "layer1.B", "layer2.W", "layer2.B"}
	params := net.Params()
	if len(params) != len(wantNames) {
		t.Fatalf("Params() has %d entries, want %d", len(params), len(wantNames))
	}
	for i, p := range params {
		l := net.Layers[i/2]
		wantValue, wantGrad := l.W, l.DW
		if i%2 == 1 {
			wantValue, wantGrad = l.B, l.DB
		}
		if p.Name != wantNames[i] || p.Value != wantValue || p.Grad != wantGrad {
			t.Errorf("Params()[%d] = %s, want %s backed by the layer's own matrices", i, p.Name, wantNames[i])
		}
	}
	out := net.Forward(mat.NewDense(5, 2, nil))
	if r, c := out.Dims(); r != 5 || c != 1 {
		t.Errorf("Forward output is %d×%d, want 5×1", r, c)
	}
}

func TestNetShapePanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	net := NewMLP([]int{2, 3, 1}, ReLU, Identity, nil, rng)
	wantPanic(t, "dl: Net.Forward: input has 3 columns, net expects 2", func() { net.Forward(mat.NewDense(4, 3, nil)) })
	net.Forward(mat.NewDense(4, 2, nil))
	wantPanic(t, "dl: Dense.Backward: grad is 4×2, layer output is 4×1", func() { net.Backward(mat.NewDense(4, 2, nil)) })
	wantPanic(t, "dl: NewMLP: need at least 2 sizes (inputs and outputs), got 1", func() { NewMLP([]int{2}, ReLU, Identity, nil, rng) })
	wantPanic(t, "dl: Net.Forward: net has no layers", func() { (&Net{}).Forward(mat.NewDense(1, 1, nil)) })

	broken := &Net{Layers: []*Dense{NewDense(2, 3, ReLU, nil, rng), NewDense(4, 1, ReLU, nil, rng)}}
	wantPanic(t, "dl: Net.Forward: layer 1 gets 3 columns from layer 0, expects 4", func() { broken.Forward(mat.NewDense(1, 2, nil)) })

	other := NewMLP([]int{2, 4, 1}, ReLU, Identity, nil, rng)
	wantPanic(t, "dl: Net.CopyParams: layer 0 of src is 2×4, net's is 2×3", func() { net.CopyParams(other) })
}

// TestSameSeedSameNet checks that the seed alone determines the weights.
func TestSameSeedSameNet(t *testing.T) {
	for _, init := range []Initializer{Uniform{}, Glorot{}, He{}} {
		a := NewMLP([]int{3, 5, 2}, ReLU, Identity, init, rand.New(rand.NewPCG(42, 42)))
		b := NewMLP([]int{3, 5, 2}, ReLU, Identity, init, rand.New(rand.NewPCG(42, 42)))
		c := NewMLP([]int{3, 5, 2}, ReLU, Identity, init, rand.New(rand.NewPCG(43, 43)))
		for i, p := range a.Params() {
			if !mat.Equal(p.Value, b.Params()[i].Value) {
				t.Errorf("%T: %s differs between two nets with seed 42", init, p.Name)
			}
		}
		if mat.Equal(a.Layers[0].W, c.Layers[0].W) {
			t.Errorf("%T: seeds 42 and 43 give the same weights", init)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	net := NewMLP([]int{2, 3, 1}, Tanh, Sigmoid, nil, rng)
	x := randomDense(4, 2, rng)
	want := net.Predict(x)
	c := net.Clone()
	if got := c.Predict(x); !mat.Equal(got, want) {
		t.Fatalf("clone predicts differently")
	}
	for _, p := range c.Params() { // change every parameter of the clone
		p.Value.Scale(2, p.Value)
	}
	if got := net.Predict(x); !mat.Equal(got, want) {
		t.Errorf("changing the clone changed the original")
	}
	net.CopyParams(c)
	if !mat.Equal(net.Predict(x), c.Predict(x)) {
		t.Errorf("after CopyParams the nets predict differently")
	}
}

func TestPredictIsACopy(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	net := NewMLP([]int{2, 2}, Identity, Identity, nil, rng)
	x1, x2 := randomDense(3, 2, rng), randomDense(3, 2, rng)
	p1 := net.Predict(x1)
	keep := mat.DenseCopyOf(p1)
	net.Forward(x2)
	if !mat.Equal(p1, keep) {
		t.Errorf("Predict's result was overwritten by the next Forward")
	}
}

// gdStep is plain gradient descent, θ ← θ − η·∂L/∂θ, over every parameter.
func gdStep(net *Net, lr float64) {
	for _, p := range net.Params() {
		v, g := p.Value.RawMatrix(), p.Grad.RawMatrix()
		for i := range v.Rows {
			vr := v.Data[i*v.Stride : i*v.Stride+v.Cols]
			for j, gj := range g.Data[i*g.Stride : i*g.Stride+g.Cols] {
				vr[j] -= lr * gj
			}
		}
	}
}

// backpropXOR trains a 2-2-1 sigmoid net (Uniform ±0.5 start, seed s for
// rand.NewPCG(s, s)) on XOR with full-batch gradient descent, lr 2 on the MSE
// (the rate 1 of Rumelhart et al.'s ½-summed error, see MSE), for the given
// number of steps, and returns the final MSE.
func backpropXOR(seed uint64, steps int) float64 {
	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y := mat.NewDense(4, 1, []float64{0, 1, 1, 0})
	net := NewMLP([]int{2, 2, 1}, Sigmoid, Sigmoid, Uniform{}, rand.New(rand.NewPCG(seed, seed)))
	grad := mat.NewDense(4, 1, nil)
	for range steps {
		MSE{}.Grad(grad, net.Forward(x), y)
		net.Backward(grad)
		gdStep(net, 2)
	}
	return MSE{}.Loss(net.Forward(x), y)
}

// TestXORBackprop reproduces the experiment of Rumelhart, Hinton & Williams
// (1986): a 2-2-1 sigmoid net learns XOR by backpropagation, except from a
// few starting points where gradient descent gets stuck.
//
// Measured (10000 steps, lr 2, seeds 0..99): 96 of 100 reach MSE < 0.01;
// seeds 6 and 14 are stuck at MSE 0.125 (a local minimum where two patterns
// get output 0.5) and seeds 23 and 64 sit on a plateau at 0.25 that they
// leave after about 40000 steps. The band [90, 99] asserts "almost all, but
// not all".
func TestXORBackprop(t *testing.T) {
	if got := backpropXOR(0, 10000); got >= 0.01 {
		t.Fatalf("seed 0: MSE after 10000 steps = %g, want < 0.01", got)
	}
	if testing.Short() {
		t.Skip("100 seeds take a few seconds")
	}
	converged := 0
	var stuck []uint64
	for seed := range uint64(100) {
		if backpropXOR(seed, 10000) < 0.01 {
			converged++
		} else {
			stuck = append(stuck, seed)
		}
	}
	t.Logf("XOR 2-2-1, 10000 GD steps, lr 2: %d/100 seeds reach MSE < 0.01; not converged: %v", converged, stuck)
	if converged < 90 || converged > 99 {
		t.Errorf("%d/100 seeds converged, want between 90 and 99", converged)
	}
}

// referenceBackprop is an independent, deliberately plain implementation of
// backpropagation for the MSE loss, one example at a time with scalar loops,
// in the style of Nielsen's network.py (zs, activations, delta, nablaW,
// nablaB). It shares nothing with Dense except the activation functions.
func referenceBackprop(net *Net, x, y *mat.Dense) (nablaW, nablaB [][][]float64) {
	n, k := y.Dims()
	L := len(net.Layers)
	nablaW, nablaB = make([][][]float64, L), make([][][]float64, L)
	for l, layer := range net.Layers {
		nablaW[l] = make([][]float64, layer.In())
		for i := range nablaW[l] {
			nablaW[l][i] = make([]float64, layer.Out())
		}
		nablaB[l] = [][]float64{make([]float64, layer.Out())}
	}
	for e := range n {
		// Forward, keeping every z and activation.
		activation := x.RawRowView(e)
		activations := [][]float64{activation}
		var zs [][]float64
		for _, layer := range net.Layers {
			z := make([]float64, layer.Out())
			for j := range z {
				z[j] = layer.B.At(0, j)
				for i, ai := range activation {
					z[j] += ai * layer.W.At(i, j)
				}
			}
			activation = make([]float64, len(z))
			for j, zj := range z {
				activation[j] = layer.Act.F(zj)
			}
			zs = append(zs, z)
			activations = append(activations, activation)
		}
		// Backward: δ at the output from the MSE, then one layer at a time.
		delta := make([]float64, k)
		for j := range delta {
			dLda := 2 * (activation[j] - y.At(e, j)) / float64(n*k)
			delta[j] = dLda * net.Layers[L-1].Act.Deriv(zs[L-1][j])
		}
		for l := L - 1; l >= 0; l-- {
			for i, ai := range activations[l] {
				for j, dj := range delta {
					nablaW[l][i][j] += ai * dj
				}
			}
			for j, dj := range delta {
				nablaB[l][0][j] += dj
			}
			if l == 0 {
				break
			}
			prev := make([]float64, net.Layers[l].In())
			for i := range prev {
				var s float64
				for j, dj := range delta {
					s += net.Layers[l].W.At(i, j) * dj
				}
				prev[i] = s * net.Layers[l-1].Act.Deriv(zs[l-1][i])
			}
			delta = prev
		}
	}
	return nablaW, nablaB
}

// TestBackpropAgainstReference compares Net.Backward with referenceBackprop.
// Both compute the same sums in a different order, so they agree to
// rounding: 1e-12 relative.
func TestBackpropAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	for _, sizes := range [][]int{{2, 2, 1}, {3, 5, 4, 2}, {4, 70, 3}} {
		net := NewMLP(sizes, Tanh, Sigmoid, nil, rng)
		x := randomDense(6, sizes[0], rng)
		y := randomDense(6, sizes[len(sizes)-1], rng)
		grad := mat.NewDense(6, sizes[len(sizes)-1], nil)
		MSE{}.Grad(grad, net.Forward(x), y)
		net.Backward(grad)
		nablaW, nablaB := referenceBackprop(net, x, y)
		for l, layer := range net.Layers {
			if !mat.EqualApprox(layer.DW, mat.NewDense(layer.In(), layer.Out(), flat(nablaW[l])), 1e-12) ||
				!mat.EqualApprox(layer.DB, mat.NewDense(1, layer.Out(), flat(nablaB[l])), 1e-12) {
				t.Errorf("%v layer %d: Backward differs from the reference", sizes, l)
			}
		}
	}
}

func flat(rows [][]float64) []float64 {
	var v []float64
	for _, r := range rows {
		v = append(v, r...)
	}
	return v
}
