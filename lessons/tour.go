package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the runs behind notebooks/90-plotting-tour.ipynb, which
// shows every figure of package plotting once: small, fast training runs
// whose numbers the tour's figures draw. Each is also a miniature of an
// experiment of a later lesson (training, schedules, MNIST).

// SpiralSetup says how TrainSpiral trains. The zero value is the tour's run:
// a 2-32-32-3 ReLU net (He weights) trained with Adam under a one-cycle
// schedule peaking at 0.02, on mini-batches of 32, for 100 epochs.
type SpiralSetup struct {
	Hidden       int     // units in each of the two hidden layers; 0 means 32
	LearningRate float64 // peak rate of dl.OneCycle; 0 means 0.02
	Epochs       int     // 0 means 100
}

func (s SpiralSetup) withDefaults() SpiralSetup {
	if s.Hidden == 0 {
		s.Hidden = 32
	}
	if s.LearningRate == 0 {
		s.LearningRate = 0.02
	}
	if s.Epochs == 0 {
		s.Epochs = 100
	}
	return s
}

// SpiralRun is a net trained on the three-armed spiral, with its data and
// its training history.
type SpiralRun struct {
	X, Y       *mat.Dense // training set: 3 arms of 100 points, one-hot targets
	ValX, ValY *mat.Dense // validation set: 3 arms of 50 points from the same spiral
	Net        *dl.Net
	History    *dl.History // with ValLoss and accuracy (Metrics[0]) per epoch
}

// TrainSpiral draws a training and a validation spiral, a net and the order
// of the mini-batches from seed, and trains the net with the softmax
// cross-entropy as s says. The same seed and setup give the same run.
//
// It panics if s.Hidden or s.Epochs is negative. A rate so large that the
// loss diverges is returned as dl.Train's error, with the run so far.
func TrainSpiral(s SpiralSetup, seed uint64) (SpiralRun, error) {
	if s.Hidden < 0 || s.Epochs < 0 {
		panic(fmt.Sprintf("lessons: TrainSpiral: negative size: %d hidden units, %d epochs", s.Hidden, s.Epochs))
	}
	s = s.withDefaults()
	data := rand.New(rand.NewPCG(seed, 0))
	var run SpiralRun
	run.X, run.Y = Spiral(3, 100, data)
	run.ValX, run.ValY = Spiral(3, 50, data)
	run.Net = dl.NewMLP([]int{2, s.Hidden, s.Hidden, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 1)))
	hist, err := dl.Train(run.Net, run.X, run.Y, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.Adam{},
		Schedule:  dl.OneCycle{MaxRate: s.LearningRate},
		Epochs:    s.Epochs,
		BatchSize: 32,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
		ValX:      run.ValX,
		ValY:      run.ValY,
	})
	run.History = hist
	return run, err
}

// SpiralGrid trains TrainSpiral's net once for every pair of a hidden layer
// width and a peak learning rate, all with the same seed, and returns the
// validation loss after the last epoch: loss[i][j] for hidden[i] units and
// rates[j]. It is a small grid search, the data of a hyperparameter heat map.
// A run that diverges gets +Inf.
//
// It panics if hidden or rates is empty, or where TrainSpiral would.
func SpiralGrid(hidden []int, rates []float64, epochs int, seed uint64) [][]float64 {
	if len(hidden) == 0 || len(rates) == 0 {
		panic(fmt.Sprintf("lessons: SpiralGrid needs settings, got %d widths and %d rates", len(hidden), len(rates)))
	}
	loss := make([][]float64, len(hidden))
	for i, h := range hidden {
		loss[i] = make([]float64, len(rates))
		for j, r := range rates {
			run, err := TrainSpiral(SpiralSetup{Hidden: h, LearningRate: r, Epochs: epochs}, seed)
			if err != nil {
				loss[i][j] = math.Inf(1)
				continue
			}
			loss[i][j] = run.History.ValLoss[len(run.History.ValLoss)-1]
		}
	}
	return loss
}

// DescentPath runs an optimiser of package dl on a function of two
// parameters, given by its gradient, and returns the points it visits:
// (w1[0], w2[0]) is start and (w1[k], w2[k]) the point after k steps at the
// constant learning rate lr. These are the paths a loss-surface figure
// draws over the contour lines of the function. The run stops early, with
// the points so far, if the parameters or the gradient stop being finite.
//
// It panics if steps is negative or grad is nil.
func DescentPath(opt dl.Optimizer, lr float64, steps int, start [2]float64, grad func(w1, w2 float64) (g1, g2 float64)) (w1, w2 []float64) {
	if steps < 0 || grad == nil {
		panic(fmt.Sprintf("lessons: DescentPath needs steps ≥ 0 and a gradient, got %d steps, grad nil: %t", steps, grad == nil))
	}
	w := mat.NewDense(1, 2, []float64{start[0], start[1]})
	g := mat.NewDense(1, 2, nil)
	params := []dl.Param{{Name: "w", Value: w, Grad: g}}
	w1, w2 = []float64{start[0]}, []float64{start[1]}
	for range steps {
		g1, g2 := grad(w.At(0, 0), w.At(0, 1))
		if !finite(g1) || !finite(g2) {
			break
		}
		g.Set(0, 0, g1)
		g.Set(0, 1, g2)
		opt.Step(params, lr)
		a, b := w.At(0, 0), w.At(0, 1)
		if !finite(a) || !finite(b) {
			break
		}
		w1, w2 = append(w1, a), append(w2, b)
	}
	return w1, w2
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// GradientNorms trains a net of depth hidden layers of 16 units with
// activation act (Glorot weights) on the spiral with plain gradient descent
// (η = 0.5, mini-batches of 30) for epochs epochs, and records the norm
// ‖∂L/∂Wˡ‖ of every layer's weight gradient at every step: norms[l][k] for
// layer l (0 next to the input) at step k. With the sigmoid the curves of
// the first layers lie decades below the last one's for the whole run.
//
// It panics if depth < 1 or epochs < 1.
func GradientNorms(act dl.Activation, depth, epochs int, seed uint64) [][]float64 {
	if depth < 1 || epochs < 1 {
		panic(fmt.Sprintf("lessons: GradientNorms needs depth and epochs ≥ 1, got %d and %d", depth, epochs))
	}
	x, y := Spiral(3, 100, rand.New(rand.NewPCG(seed, 0)))
	sizes := []int{2}
	for range depth {
		sizes = append(sizes, 16)
	}
	net := dl.NewMLP(append(sizes, 3), act, dl.Identity, dl.Glorot{}, rand.New(rand.NewPCG(seed, 1)))
	norms := make([][]float64, len(net.Layers))
	// Plain SGD at η = 0.5 does not diverge on this data (the sigmoid
	// bounds every activation); were it ever to, Train would stop and the
	// norms of the steps before would still be the honest record, so its
	// error is not needed here.
	_, _ = dl.Train(net, x, y, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.SGD{},
		Schedule:  dl.Constant(0.5),
		Epochs:    epochs,
		BatchSize: 30,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
		Metrics:   []dl.Metric{},
		OnStep: func(dl.StepInfo) error {
			// Plain SGD reads DW without changing it: it still holds
			// this step's gradient.
			for l, layer := range net.Layers {
				norms[l] = append(norms[l], mat.Norm(layer.DW, 2))
			}
			return nil
		},
	})
	return norms
}

// LayerActivations builds a net of depth hidden layers of width units with
// activation act, weights drawn by init from seed, feeds it the spiral
// (3 arms of 100 points), and returns the activations of every hidden
// layer: acts[l] holds all 300·width values aˡ of layer l (0 next to the
// input). Their histograms are the picture of Glorot & Bengio (2010): with
// weights too large for the layer's fan-in, tanh units pile up at ±1,
// layer after layer.
//
// It panics if depth or width is less than 1.
func LayerActivations(act dl.Activation, init dl.Initializer, depth, width int, seed uint64) [][]float64 {
	if depth < 1 || width < 1 {
		panic(fmt.Sprintf("lessons: LayerActivations needs depth and width ≥ 1, got %d and %d", depth, width))
	}
	x, _ := Spiral(3, 100, rand.New(rand.NewPCG(seed, 0)))
	sizes := []int{2}
	for range depth {
		sizes = append(sizes, width)
	}
	net := dl.NewMLP(append(sizes, 3), act, dl.Identity, init, rand.New(rand.NewPCG(seed, 1)))
	net.Forward(x)
	acts := make([][]float64, depth)
	for l := range depth {
		acts[l] = entries(net.Layers[l].A())
	}
	return acts
}

// entries returns the entries of m row by row, in a new slice.
func entries(m *mat.Dense) []float64 {
	r, c := m.Dims()
	v := make([]float64, 0, r*c)
	for i := range r {
		v = append(v, m.RawRowView(i)...)
	}
	return v
}

// DigitsRun is a small net trained on a sample of MNIST, and what it
// predicts for a sample of the test set.
type DigitsRun struct {
	Images    [][]float64 // the test images, 28·28 pixels each, row by row
	Labels    []int       // their digits
	Preds     []int       // the digits the net predicts
	Confusion [][]int     // Confusion[i][j] counts digits i predicted as j
	Accuracy  float64     // fraction of Preds equal to Labels
}

// TrainDigits trains a 784-32-10 ReLU net (He weights drawn from seed) with
// Adam under the default one-cycle schedule on the first nTrain images of the
// MNIST training set for epochs epochs, and classifies the first nTest
// images of the test set. MNIST is read from MNISTDir.
//
// It returns the error of LoadMNIST or dl.Train. It panics if nTrain or nTest
// is not between 1 and the size of its split, or epochs < 1.
func TrainDigits(nTrain, nTest, epochs int, seed uint64) (DigitsRun, error) {
	train, test, err := LoadMNIST("")
	if err != nil {
		return DigitsRun{}, err
	}
	if nTrain < 1 || nTrain > train.Len() || nTest < 1 || nTest > test.Len() || epochs < 1 {
		panic(fmt.Sprintf("lessons: TrainDigits: %d training images of %d, %d test images of %d, %d epochs",
			nTrain, train.Len(), nTest, test.Len(), epochs))
	}
	x := train.Images.Slice(0, nTrain, 0, MNISTPixels).(*mat.Dense)
	y := train.OneHot.Slice(0, nTrain, 0, MNISTClasses).(*mat.Dense)
	net := dl.NewMLP([]int{MNISTPixels, 32, MNISTClasses}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 1)))
	_, err = dl.Train(net, x, y, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.Adam{},
		Epochs:    epochs,
		BatchSize: 32,
		Rand:      rand.New(rand.NewPCG(seed, 2)),
		Metrics:   []dl.Metric{},
	})
	if err != nil {
		return DigitsRun{}, err
	}
	tx := test.Images.Slice(0, nTest, 0, MNISTPixels).(*mat.Dense)
	ty := test.OneHot.Slice(0, nTest, 0, MNISTClasses).(*mat.Dense)
	pred := net.Predict(tx)
	run := DigitsRun{
		Labels:    append([]int(nil), test.Labels[:nTest]...),
		Preds:     dl.Classes(pred),
		Confusion: dl.ConfusionMatrix(pred, ty),
		Accuracy:  dl.Accuracy(pred, ty),
	}
	for i := range nTest {
		run.Images = append(run.Images, append([]float64(nil), tx.RawRowView(i)...))
	}
	return run, nil
}
