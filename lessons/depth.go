package lessons

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sync"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the experiments of lesson 8 (notebooks/08-depth.ipynb):
// what one hidden layer can represent, what depth buys at a fixed number of
// parameters, how the gradient shrinks on its way back through sigmoid
// layers (Nielsen, Neural Networks and Deep Learning, ch. 5), and how fast
// ReLU, tanh and sigmoid nets train.

// eachSeed calls run(0), run(1), …, run(n−1), shared out over two
// goroutines, so that a sweep over seeds can use both cores of the course's
// machines (the small nets of sections 1 and 2 train on one core each). Every
// run must depend on its index alone and write only its own results, so the
// numbers are those of a loop, in any order. On a busy machine it gains
// little: with the load average at 6 on two cores, ten MNIST gradients took
// 0.52 s either way.
func eachSeed(n int, run func(i int)) {
	var wg sync.WaitGroup
	for worker := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := worker; i < n; i += 2 {
				run(i)
			}
		}()
	}
	wg.Wait()
}

// ---------------------------------------------------------------------------
// 1. Universal approximation, by construction

// Bumpy is the function of Nielsen's chapter 4 ("A visual proof that neural
// nets can compute any function"):
//
//	f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x)
//
// drawn on [0, 1], where it wiggles between about 0.1 and 0.9.
func Bumpy(x float64) float64 {
	return 0.2 + 0.4*x*x + 0.3*x*math.Sin(15*x) + 0.05*math.Cos(50*x)
}

// BumpSteepness is the weight w of the steep sigmoids that make a bump:
// σ(w(x − s)) rises from 0.01 to 0.99 within 2·ln(99)/w ≈ 0.009 of s.
const BumpSteepness = 1000.0

// Bump is the tower of Nielsen's chapter 4 made of two steep sigmoid units:
//
//	bump(x) = h·(σ(w(x − left)) − σ(w(x − right)))
//
// The first unit steps up from 0 to 1 at left, the second at right; their
// difference is 1 between the two steps and 0 outside, so the output
// weights h and −h make a bump of height h. w is BumpSteepness. It is the
// reference answer of the lesson's exercise (CheckBump).
func Bump(x, left, right, height float64) float64 {
	return height * (sigmoid(BumpSteepness*(x-left)) - sigmoid(BumpSteepness*(x-right)))
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// BumpNet returns the one-hidden-layer net that approximates f on [0, 1]
// by n+1 bumps of width 1/n, centred on the points k/n, k = 0 … n: bump k
// spans [(k−½)/n, (k+½)/n] and has the height f(k/n). The net is
// 1-2(n+1)-1, with sigmoid hidden units whose weight is BumpSteepness and
// whose biases put the steps at the bumps' edges, and an identity output
// unit whose weights are ±f(k/n): the construction of Nielsen's chapter 4,
// written as a dl.Net. (The outer bumps reach ½/n beyond 0 and 1, so the
// ends of the interval lie at bump centres, not on a half step.)
//
// Between two centres the sum climbs from f(k/n) to f((k+1)/n) in one steep
// step, so its error is at most about the largest change of f over 1/n,
// max|f′|/n: more bumps, smaller error. This is why one hidden layer can
// approximate any continuous function on an interval as closely as we like
// (Cybenko 1989 for sigmoids; Hornik 1991 for any bounded, non-constant
// activation).
//
// BumpNet panics if n < 1.
func BumpNet(f func(float64) float64, n int) *dl.Net {
	if n < 1 {
		panic(fmt.Sprintf("lessons: BumpNet needs n ≥ 1, got %d", n))
	}
	hidden := dl.NewDense(1, 2*(n+1), dl.Sigmoid, dl.Uniform{}, rand.New(rand.NewPCG(0, 0)))
	out := dl.NewDense(2*(n+1), 1, dl.Identity, dl.Uniform{}, rand.New(rand.NewPCG(0, 0)))
	for k := range n + 1 {
		left, right := (float64(k)-0.5)/float64(n), (float64(k)+0.5)/float64(n)
		h := f(float64(k) / float64(n))
		// unit 2k steps up at left, unit 2k+1 at right: σ(w·x − w·s).
		hidden.W.Set(0, 2*k, BumpSteepness)
		hidden.B.Set(0, 2*k, -BumpSteepness*left)
		hidden.W.Set(0, 2*k+1, BumpSteepness)
		hidden.B.Set(0, 2*k+1, -BumpSteepness*right)
		out.W.Set(2*k, 0, h)
		out.W.Set(2*k+1, 0, -h)
	}
	out.B.Set(0, 0, 0)
	return &dl.Net{Layers: []*dl.Dense{hidden, out}}
}

// ReLUNet returns the one-hidden-layer ReLU net that interpolates f
// linearly between the n+1 knots x_k = k/n of [0, 1]:
//
//	g(x) = f(0) + Σₖ cₖ·ReLU(x − x_k),   k = 0 … n−1
//
// where c₀ is the slope of the first piece and cₖ the change of slope at
// x_k. Two ReLUs, ReLU(x − a) − ReLU(x − b), make a ramp that climbs b − a
// and then stays flat; two ramps make a bump. Any piecewise linear function
// is such a sum, and piecewise linear functions approximate any continuous
// function: the error of linear interpolation is at most max|f″|/(8n²).
//
// ReLUNet panics if n < 1.
func ReLUNet(f func(float64) float64, n int) *dl.Net {
	if n < 1 {
		panic(fmt.Sprintf("lessons: ReLUNet needs at least 1 piece, got %d", n))
	}
	hidden := dl.NewDense(1, n, dl.ReLU, dl.Uniform{}, rand.New(rand.NewPCG(0, 0)))
	out := dl.NewDense(n, 1, dl.Identity, dl.Uniform{}, rand.New(rand.NewPCG(0, 0)))
	prev := 0.0 // slope of the previous piece
	for k := range n {
		xk, xk1 := float64(k)/float64(n), float64(k+1)/float64(n)
		slope := (f(xk1) - f(xk)) / (xk1 - xk)
		hidden.W.Set(0, k, 1)
		hidden.B.Set(0, k, -xk)
		out.W.Set(k, 0, slope-prev)
		prev = slope
	}
	out.B.Set(0, 0, f(0))
	return &dl.Net{Layers: []*dl.Dense{hidden, out}}
}

// Grid returns n×1 inputs evenly spaced on [lo, hi], ends included.
func Grid(lo, hi float64, n int) *mat.Dense {
	return mat.NewDense(n, 1, Linspace(lo, hi, n))
}

// MaxError returns max |net(x) − f(x)| over 1001 evenly spaced x in [0, 1].
func MaxError(net *dl.Net, f func(float64) float64) float64 {
	x := Grid(0, 1, 1001)
	out := net.Forward(x)
	worst := 0.0
	for i := range 1001 {
		worst = math.Max(worst, math.Abs(out.At(i, 0)-f(x.At(i, 0))))
	}
	return worst
}

// Func returns the net's output as a function of one variable, for
// plotting.Functions. The net must have one input and one output.
func Func(net *dl.Net) func(float64) float64 {
	x := mat.NewDense(1, 1, nil)
	return func(v float64) float64 {
		x.Set(0, 0, v)
		return net.Forward(x).At(0, 0)
	}
}

// WidthSetup says how FitWidths trains. The zero value is the lesson's run.
type WidthSetup struct {
	Widths []int // hidden units; nil means 1, 2, 4, 8, 16, 32
	Seeds  int   // seeds per width, 1 … Seeds; 0 means 3
	Steps  int   // full-batch Adam steps; 0 means 1500
}

func (s WidthSetup) defaults() WidthSetup {
	if s.Widths == nil {
		s.Widths = []int{1, 2, 4, 8, 16, 32}
	}
	if s.Seeds == 0 {
		s.Seeds = 3
	}
	if s.Steps == 0 {
		s.Steps = 1500
	}
	return s
}

// WidthFit is the result of FitWidths for one width.
type WidthFit struct {
	Width  int
	Params int       // parameters of the 1-width-1 net: 3·width + 1
	RMS    []float64 // root-mean-square error on the training points, one per seed
}

// SineData returns the lesson's curve to fit: sin x at 60 evenly spaced x
// in [−3π, 3π], three periods, as 60×1 inputs and targets.
func SineData() (x, y *mat.Dense) {
	x = Grid(-3*math.Pi, 3*math.Pi, 60)
	y = mat.NewDense(60, 1, nil)
	for i := range 60 {
		y.Set(i, 0, math.Sin(x.At(i, 0)))
	}
	return x, y
}

// FitWidths trains 1-H-1 nets (tanh hidden units, Glorot weights, a linear
// output) to fit SineData: plain Adam (rate 0.01) on the mean squared
// error, every step on all 60 points, for seeds 1 … s.Seeds. It returns,
// for every width H, the root-mean-square error of each seed's net on the
// 60 points after training. The universal approximation theorem says a wide
// enough net can make the error as small as we like; training shows how
// close gradient descent gets in a fixed number of steps.
func FitWidths(s WidthSetup) []WidthFit {
	s = s.defaults()
	x, y := SineData()
	var fits []WidthFit
	for _, h := range s.Widths {
		fit := WidthFit{Width: h, Params: 3*h + 1, RMS: make([]float64, s.Seeds)}
		eachSeed(s.Seeds, func(i int) {
			net := dl.NewMLP([]int{1, h, 1}, dl.Tanh, dl.Identity, dl.Glorot{}, rand.New(rand.NewPCG(uint64(i+1), 8)))
			opt := &dl.Adam{}
			for range s.Steps {
				net.Gradient(dl.MSE{}, x, y)
				opt.Step(net.Params(), 0.01)
			}
			fit.RMS[i] = math.Sqrt(dl.MSE{}.Loss(net.Forward(x), y))
		})
		fits = append(fits, fit)
	}
	return fits
}

// ---------------------------------------------------------------------------
// 2. Depth against width at the same number of parameters

// Checkerboard returns n points drawn uniformly from the square [−1, 1]²,
// coloured like a board of k×k squares: class 0 on the squares where the
// row and column numbers have an even sum, class 1 elsewhere. x is n×2, y the
// n×2 one-hot target. A board is a classic task on which depth pays
// (Telgarsky 2016, "Benefits of depth in neural networks"): the class flips
// at every line of the grid, and a deep ReLU net can fold the square onto
// itself layer by layer where a shallow one must draw every line separately.
//
// Checkerboard panics if n < 1 or k < 1.
func Checkerboard(n, k int, rng *rand.Rand) (x, y *mat.Dense) {
	if n < 1 || k < 1 {
		panic(fmt.Sprintf("lessons: Checkerboard needs n ≥ 1 and k ≥ 1, got %d and %d", n, k))
	}
	x = mat.NewDense(n, 2, nil)
	y = mat.NewDense(n, 2, nil)
	cell := func(v float64) int { return min(int((v+1)*float64(k)/2), k-1) }
	for i := range n {
		a, b := 2*rng.Float64()-1, 2*rng.Float64()-1
		x.Set(i, 0, a)
		x.Set(i, 1, b)
		y.Set(i, (cell(a)+cell(b))%2, 1)
	}
	return x, y
}

// DepthSetup says how DepthVsWidth trains. The zero value is the lesson's
// experiment.
type DepthSetup struct {
	Seeds int // seeds 1 … Seeds; 0 means 10
	Steps int // full-batch Adam steps; 0 means 400
}

// DepthRun is the result of one architecture in DepthVsWidth.
type DepthRun struct {
	Sizes    []int
	Params   int
	TrainAcc []float64 // accuracy on the 500 training points, one per seed
	TestAcc  []float64 // accuracy on 5000 fresh points of the same board
}

// TrainCheckerboard trains a net of the given sizes (ReLU hidden units, He
// weights drawn from seed, linear outputs) on x, y with Adam at rate 0.02,
// every step on all of x, for steps steps of the softmax cross-entropy.
func TrainCheckerboard(sizes []int, x, y *mat.Dense, seed uint64, steps int) *dl.Net {
	net := dl.NewMLP(sizes, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 3)))
	opt := &dl.Adam{}
	for range steps {
		net.Gradient(dl.SoftmaxCrossEntropy{}, x, y)
		opt.Step(net.Params(), 0.02)
	}
	return net
}

// DepthVsWidth trains a wide, shallow net 2-37-2 (187 parameters) and a
// deep, narrow one 2-8-8-8-2 (186 parameters), both with ReLU hidden units
// and He weights, on a 4×4 Checkerboard of 500 points drawn with each seed:
// Adam at rate 0.02, every step on all 500 points, softmax cross-entropy.
// It returns the accuracy of each on its 500 training points and on 5000
// fresh points of the board, one value per seed. The two nets of a seed
// see the same data.
func DepthVsWidth(s DepthSetup) (shallow, deep DepthRun) {
	if s.Seeds == 0 {
		s.Seeds = 10
	}
	if s.Steps == 0 {
		s.Steps = 400
	}
	shallow = DepthRun{Sizes: []int{2, 37, 2}, TrainAcc: make([]float64, s.Seeds), TestAcc: make([]float64, s.Seeds)}
	deep = DepthRun{Sizes: []int{2, 8, 8, 8, 2}, TrainAcc: make([]float64, s.Seeds), TestAcc: make([]float64, s.Seeds)}
	eachSeed(s.Seeds, func(i int) {
		seed := uint64(i + 1)
		x, y := Checkerboard(500, 4, rand.New(rand.NewPCG(seed, 1)))
		xt, yt := Checkerboard(5000, 4, rand.New(rand.NewPCG(seed, 2)))
		for _, run := range []*DepthRun{&shallow, &deep} {
			net := TrainCheckerboard(run.Sizes, x, y, seed, s.Steps)
			run.TrainAcc[i] = dl.Accuracy(net.Forward(x), y)
			run.TestAcc[i] = dl.Accuracy(net.Forward(xt), yt)
		}
	})
	shallow.Params = 5*37 + 2
	deep.Params = 2*8 + 8 + 2*(8*8+8) + 8*2 + 2
	return shallow, deep
}

// ---------------------------------------------------------------------------
// 3. Vanishing gradients, measured as Nielsen does in chapter 5

// MNISTHead returns the first n images of the MNIST training set with their
// labels: Nielsen's training_data[:1000] for n = 1000 (his training set is
// the first 50 000 of the 60 000 training images, in the same order). It
// reads the gzipped IDX files in the folder MNISTDir names, as LoadMNIST
// does, but only their first n images and labels: a few milliseconds for
// 1000 images, where LoadMNIST decompresses and converts all 70 000 (about
// half a second and 450 MB). Because it stops early, gzip's checksum at the
// end of each file is not verified; LoadMNIST verifies it.
//
// It returns an error naming the file if it is missing, not gzip, not an
// IDX file of 28×28 images (or of labels), holds fewer than n items, or
// has a label that is not a digit. It panics if n < 1.
func MNISTHead(n int) (*MNIST, error) {
	if n < 1 {
		panic(fmt.Sprintf("lessons: MNISTHead needs n ≥ 1, got %d", n))
	}
	dir, err := MNISTDir()
	if err != nil {
		return nil, err
	}
	var raw, labels []byte
	read := func(name string, magic uint32, dims int, size int, dst *[]byte) error {
		return readGzip(filepath.Join(dir, name), func(r io.Reader) error {
			head := make([]uint32, dims+1) // magic, count, then rows and cols for images
			if err := binary.Read(r, binary.BigEndian, head); err != nil {
				return fmt.Errorf("reading IDX header: %w", err)
			}
			if head[0] != magic {
				return fmt.Errorf("magic %#08x, want %#08x", head[0], magic)
			}
			if dims == 3 && (head[2] != 28 || head[3] != 28) {
				return fmt.Errorf("images are %d×%d pixels, want 28×28", head[2], head[3])
			}
			if int(head[1]) < n {
				return fmt.Errorf("%d items, fewer than the %d asked for", head[1], n)
			}
			*dst = make([]byte, n*size)
			if _, err := io.ReadFull(r, *dst); err != nil {
				return fmt.Errorf("reading the first %d items: %w", n, err)
			}
			return nil
		})
	}
	if err := read("train-images-idx3-ubyte.gz", idxImagesMagic, 3, MNISTPixels, &raw); err != nil {
		return nil, fmt.Errorf("lessons: MNISTHead: %w", err)
	}
	if err := read("train-labels-idx1-ubyte.gz", idxLabelsMagic, 1, 1, &labels); err != nil {
		return nil, fmt.Errorf("lessons: MNISTHead: %w", err)
	}
	pixels := make([]float64, len(raw))
	for i, b := range raw {
		pixels[i] = float64(b) / 255 // as LoadMNIST scales them
	}
	y := make([]int, n)
	for i, b := range labels {
		if b >= MNISTClasses {
			return nil, fmt.Errorf("lessons: MNISTHead: label %d is %d, want a digit 0…9", i, b)
		}
		y[i] = int(b)
	}
	return newMNIST(mat.NewDense(n, MNISTPixels, pixels), y)
}

// CrossEntropySum is the cost of Nielsen's network2 (CrossEntropyCost): the
// binary cross-entropy of every sigmoid output, summed over the k outputs
// and averaged over the n examples,
//
//	C = 1/n Σᵢ Σⱼ −[tᵢⱼ ln σ(zᵢⱼ) + (1 − tᵢⱼ) ln(1 − σ(zᵢⱼ))]
//	∂C/∂zᵢⱼ = (σ(zᵢⱼ) − tᵢⱼ)/n
//
// computed from the logits z (the last layer uses Identity). It is k times
// dl.BCEWithLogits, which averages over all n·k entries. network2's
// backprop returns the gradient of one example's cost, and Nielsen's
// generate_gradient.py averages it over the 1000 examples: that is this
// cost's gradient, with no factor left over.
type CrossEntropySum struct{}

// Loss returns C.
func (CrossEntropySum) Loss(logits, target *mat.Dense) float64 {
	_, k := logits.Dims()
	return float64(k) * dl.BCEWithLogits{}.Loss(logits, target)
}

// Grad writes ∂C/∂z into dst.
func (CrossEntropySum) Grad(dst, logits, target *mat.Dense) {
	_, k := logits.Dims()
	dl.BCEWithLogits{}.Grad(dst, logits, target)
	dst.Scale(float64(k), dst)
}

// ScaledNormal is network2's default_weight_initializer for the weights:
//
//	w ~ N(0, 1/fanIn)
//
// a standard deviation of 1/√fanIn, so that a unit's weighted input z has
// about the variance of one input, whatever the number of inputs (Nielsen,
// ch. 3, "Weight initialization"). It is LeCun's initialisation (LeCun,
// Bottou, Orr & Müller 1998, "Efficient BackProp"). dl has no normal
// initializer with a chosen σ, so the lesson defines it here.
type ScaledNormal struct{}

// Init fills w (fanIn×fanOut) row by row.
func (ScaledNormal) Init(w *mat.Dense, rng *rand.Rand) {
	fanIn, fanOut := w.Dims()
	sd := 1 / math.Sqrt(float64(fanIn))
	for i := range fanIn {
		for j := range fanOut {
			w.Set(i, j, sd*rng.NormFloat64())
		}
	}
}

// Scheme is a way to start a net: hidden activation, weights and biases.
// The output layer is always 10 sigmoid units trained with CrossEntropySum
// (its logits, with Identity), as in network2.
type Scheme struct {
	Name         string
	Hidden       dl.Activation
	Init         dl.Initializer
	NormalBiases bool // biases ~ N(0, 1) as in network2; false means 0
}

// The schemes of the lesson.
var (
	// Network2 is Nielsen's set-up: sigmoid units, w ~ N(0, 1/fanIn),
	// b ~ N(0, 1).
	Network2 = Scheme{Name: "sigmoid, network2 start", Hidden: dl.Sigmoid, Init: ScaledNormal{}, NormalBiases: true}
	// SigmoidGlorot is sigmoid units with Glorot & Bengio's (2010) uniform
	// weights and zero biases.
	SigmoidGlorot = Scheme{Name: "sigmoid, Glorot", Hidden: dl.Sigmoid, Init: dl.Glorot{}}
	// TanhGlorot is the case Glorot & Bengio derived their start for:
	// units that are linear with slope 1 around 0.
	TanhGlorot = Scheme{Name: "tanh, Glorot", Hidden: dl.Tanh, Init: dl.Glorot{}}
	// ReLUHe is ReLU units with He et al.'s (2015) normal weights and zero
	// biases.
	ReLUHe = Scheme{Name: "ReLU, He", Hidden: dl.ReLU, Init: dl.He{}}
)

// NewNet builds a net of the given sizes with the scheme, from seed: the
// weights are drawn layer by layer, then (for NormalBiases) the biases.
func (s Scheme) NewNet(sizes []int, seed uint64) *dl.Net {
	rng := rand.New(rand.NewPCG(seed, 8))
	net := dl.NewMLP(sizes, s.Hidden, dl.Identity, s.Init, rng)
	if s.NormalBiases {
		for _, l := range net.Layers {
			for j := range l.Out() {
				l.B.Set(0, j, rng.NormFloat64())
			}
		}
	}
	return net
}

// BiasGradients returns ‖∂C/∂bˡ‖ for every hidden layer l of net, first
// hidden layer first, for the cost CrossEntropySum on x, y. ∂C/∂bˡ is the
// error δˡ averaged over the examples (Nielsen's BP3), so its norm is what
// Nielsen calls the speed of learning of layer l.
func BiasGradients(net *dl.Net, x, y *mat.Dense) []float64 {
	net.Gradient(CrossEntropySum{}, x, y)
	norms := make([]float64, len(net.Layers)-1)
	for l := range norms {
		norms[l] = mat.Norm(net.Layers[l].DB, 2)
	}
	return norms
}

// HiddenSizes returns [784, 30, …, 30, 10] with depth hidden layers of 30.
func HiddenSizes(depth int) []int {
	sizes := []int{MNISTPixels}
	for range depth {
		sizes = append(sizes, 30)
	}
	return append(sizes, 10)
}

// LayerSpeeds is the result of InitialSpeeds for one architecture.
type LayerSpeeds struct {
	Sizes []int
	// Norms[s][l] is ‖∂C/∂bˡ‖ of hidden layer l for seed s+1.
	Norms [][]float64
}

// Layer returns the values of hidden layer l over the seeds.
func (ls LayerSpeeds) Layer(l int) []float64 {
	v := make([]float64, len(ls.Norms))
	for s, n := range ls.Norms {
		v[s] = n[l]
	}
	return v
}

// Ratio returns, for every seed, ‖∂C/∂bˡ⁺¹‖/‖∂C/∂bˡ‖: how many times faster
// hidden layer l+1 learns than layer l.
func (ls LayerSpeeds) Ratio(l int) []float64 {
	v := make([]float64, len(ls.Norms))
	for s, n := range ls.Norms {
		v[s] = n[l+1] / n[l]
	}
	return v
}

// Spread returns the ratio of the last hidden layer's speed to the first's,
// one value per seed.
func (ls LayerSpeeds) Spread() []float64 {
	v := make([]float64, len(ls.Norms))
	for s, n := range ls.Norms {
		v[s] = n[len(n)-1] / n[0]
	}
	return v
}

// InitialSpeeds measures BiasGradients at the start, for seeds 1 … seeds,
// of a net of the given sizes started with the scheme, on x, y.
func InitialSpeeds(sizes []int, s Scheme, x, y *mat.Dense, seeds int) LayerSpeeds {
	ls := LayerSpeeds{Sizes: sizes, Norms: make([][]float64, seeds)}
	eachSeed(seeds, func(i int) {
		ls.Norms[i] = BiasGradients(s.NewNet(sizes, uint64(i+1)), x, y)
	})
	return ls
}

// SpeedsDuringTraining trains a net with network2's settings and returns
// BiasGradients before every epoch: speeds[e][l] is hidden layer l's speed
// before epoch e. As in Nielsen's generate_gradient.py an epoch is one step
// on all of x (network2's SGD with a mini-batch of the whole training set),
// learning rate η = 0.1 and L2 regularisation λ = 5:
//
//	w ← (1 − ηλ/n)·w − η·∂C/∂w,   b ← b − η·∂C/∂b
//
// with n the number of examples.
func SpeedsDuringTraining(net *dl.Net, x, y *mat.Dense, epochs int) [][]float64 {
	const eta, lambda = 0.1, 5.0
	n, _ := x.Dims()
	decay := 1 - eta*lambda/float64(n)
	var speeds [][]float64
	for range epochs {
		speeds = append(speeds, BiasGradients(net, x, y))
		for _, l := range net.Layers {
			l.W.Scale(decay, l.W)
			l.W.Add(l.W, scaled(-eta, l.DW))
			l.B.Add(l.B, scaled(-eta, l.DB))
		}
	}
	return speeds
}

func scaled(f float64, m *mat.Dense) *mat.Dense {
	var s mat.Dense
	s.Scale(f, m)
	return &s
}

// ---------------------------------------------------------------------------
// 4. Why ReLU won: epochs to a target training error

// RaceSetup says how RaceToError trains. The zero value is the lesson's
// experiment.
type RaceSetup struct {
	Examples  int     // the first Examples MNIST training images; 0 means 1000
	Hidden    int     // hidden layers of 30 units; 0 means 3
	Target    float64 // training error to reach; 0 means 0.05
	MaxEpochs int     // give up after; 0 means 60
	Seeds     int     // seeds 1 … Seeds; 0 means 5
	Rate      float64 // SGD learning rate; 0 means 0.1
	BatchSize int     // 0 means 10
}

func (s RaceSetup) defaults() RaceSetup {
	if s.Examples == 0 {
		s.Examples = 1000
	}
	if s.Hidden == 0 {
		s.Hidden = 3
	}
	if s.Target == 0 {
		s.Target = 0.05
	}
	if s.MaxEpochs == 0 {
		s.MaxEpochs = 60
	}
	if s.Seeds == 0 {
		s.Seeds = 5
	}
	if s.Rate == 0 {
		s.Rate = 0.1
	}
	if s.BatchSize == 0 {
		s.BatchSize = 10
	}
	return s
}

// RaceEpochs trains a [784, 30, …, 30, 10] net started with the scheme on
// the first s.Examples images of data, with plain SGD (constant rate,
// mini-batches shuffled by the seed) on CrossEntropySum, and returns for
// every seed the number of epochs after which the training error (the
// share of the training images misclassified, measured after each epoch)
// first was at most s.Target, or 0 if it never was within s.MaxEpochs (or
// the run diverged). It panics if data has fewer than s.Examples images.
func RaceEpochs(data *MNIST, sc Scheme, s RaceSetup) []int {
	s = s.defaults()
	if s.Examples > data.Len() {
		panic(fmt.Sprintf("lessons: RaceEpochs: %d examples asked for, the data has %d", s.Examples, data.Len()))
	}
	if s.Examples < data.Len() {
		data, _ = data.Split(s.Examples)
	}
	epochs := make([]int, s.Seeds)
	eachSeed(s.Seeds, func(i int) {
		seed := uint64(i + 1)
		net := sc.NewNet(HiddenSizes(s.Hidden), seed)
		reached := 0
		_, err := dl.Train(net, data.Images, data.OneHot, dl.TrainConfig{
			Loss: CrossEntropySum{}, Optimizer: &dl.SGD{}, Schedule: dl.Constant(s.Rate),
			Epochs: s.MaxEpochs, BatchSize: s.BatchSize, Rand: rand.New(rand.NewPCG(seed, 9)),
			Metrics: []dl.Metric{},
			OnEpoch: func(e dl.EpochInfo) error {
				if 1-dl.Accuracy(net.Forward(data.Images), data.OneHot) <= s.Target {
					reached = e.Epoch + 1
					return dl.StopTraining
				}
				return nil
			}})
		if err != nil {
			reached = 0 // diverged
		}
		epochs[i] = reached
	})
	return epochs
}

// ---------------------------------------------------------------------------
// The exercise

// CheckBump is the checker of lesson 8's exercise: bump(x, left, right,
// height) should be height·(σ(w(x − left)) − σ(w(x − right))) with the
// steepness w = BumpSteepness, the bump of two sigmoid units. It tries the
// function at points inside, outside and on the edges of a few bumps and
// returns "✓ correct …", or "✗ …" with a hint naming the slip it recognises.
func CheckBump(bump func(x, left, right, height float64) float64) (verdict string) {
	if bump == nil {
		return "✗ not yet: the function is nil; write func bump(x, left, right, height float64) float64"
	}
	type try struct{ x, left, right, height float64 }
	var tries []try
	for _, b := range []struct{ left, right, height float64 }{{0.4, 0.6, 1}, {0.1, 0.35, 0.7}, {0.5, 0.52, -0.3}, {0.2, 0.9, 2.5}} {
		for _, x := range []float64{0, b.left - 0.003, b.left, b.left + 0.001, (b.left + b.right) / 2, b.right, b.right + 0.002, 1} {
			tries = append(tries, try{x, b.left, b.right, b.height})
		}
	}
	slips := []struct {
		hint string
		f    func(x, left, right, height float64) float64
	}{
		{"the bump points down: the unit that steps up at left gets +height, the one at right −height",
			func(x, l, r, h float64) float64 { return -Bump(x, l, r, h) }},
		{"height is missing: multiply the difference of the two sigmoids by height",
			func(x, l, r, h float64) float64 { return Bump(x, l, r, 1) }},
		{"the steps are not steep: the sigmoids need the weight w = lessons.BumpSteepness, σ(w·(x − left))",
			func(x, l, r, h float64) float64 { return h * (sigmoid(x-l) - sigmoid(x-r)) }},
		{"the shift is outside the product: σ(w·(x − left)), not σ(w·x − left)",
			func(x, l, r, h float64) float64 {
				return h * (sigmoid(BumpSteepness*x-l) - sigmoid(BumpSteepness*x-r))
			}},
		{"only one step: the bump is the difference of a step up at left and one at right",
			func(x, l, r, h float64) float64 { return h * sigmoid(BumpSteepness*(x-l)) }},
	}
	agrees := func(f func(x, left, right, height float64) float64) bool {
		for _, t := range tries {
			got, err := tryBump(bump, t.x, t.left, t.right, t.height)
			if err != nil || math.Abs(got-f(t.x, t.left, t.right, t.height)) > 1e-9 {
				return false
			}
		}
		return true
	}
	for _, t := range tries {
		got, err := tryBump(bump, t.x, t.left, t.right, t.height)
		if err != nil {
			return "✗ not yet: bump panicked: " + err.Error()
		}
		want := Bump(t.x, t.left, t.right, t.height)
		if math.Abs(got-want) <= 1e-9 {
			continue
		}
		for _, s := range slips {
			if agrees(s.f) {
				return "✗ not yet: " + s.hint
			}
		}
		return fmt.Sprintf("✗ not yet: bump(%g, %g, %g, %g) = %.6g, want %.6g: two steep sigmoids, "+
			"height·(σ(w·(x − left)) − σ(w·(x − right))) with w = lessons.BumpSteepness",
			t.x, t.left, t.right, t.height, got, want)
	}
	return fmt.Sprintf("✓ correct: bump(0.5, 0.4, 0.6, 1) = %.4f in the middle, %.4f on the edge x = 0.4, %.4f at x = 0.3",
		bump(0.5, 0.4, 0.6, 1), bump(0.4, 0.4, 0.6, 1), bump(0.3, 0.4, 0.6, 1))
}

// tryBump calls bump and turns a panic into an error.
func tryBump(bump func(x, left, right, height float64) float64, x, left, right, height float64) (v float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return bump(x, left, right, height), nil
}
