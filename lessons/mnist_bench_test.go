package lessons_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/internal/engine"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// The MNIST benchmarks of issue 6, each one epoch over the 60 000 training
// images:
//
//	BenchmarkMNISTEpoch     784-100-10, ReLU, softmax cross-entropy,
//	                        SGD η = 0.1, batch 64, He initialization
//	BenchmarkNielsenEpoch   784-30-10, sigmoid, quadratic cost,
//	                        SGD η = 3.0 in Nielsen's units, batch 10
//
// Run them with the pure-Go BLAS and with OpenBLAS:
//
//	go test -run '^$' -bench Epoch -count 6 ./lessons/ > gonum.txt
//	go test -tags openblas -ldflags=-linkmode=internal -run '^$' -bench Epoch -count 6 ./lessons/ > openblas.txt
//	benchstat gonum.txt openblas.txt
//
// Each benchmark calls engine.UseOpenBLAS, which is an error (ignored) without
// the openblas tag. The data loading is outside the timing.

var mnistOnce struct {
	sync.Once
	train, test *lessons.MNIST
	err         error
}

// loadMNIST loads the data set once per test binary: tests and benchmarks
// share it (about 450 MB of float64).
func loadMNIST(tb testing.TB) (train, test *lessons.MNIST) {
	tb.Helper()
	mnistOnce.Do(func() {
		mnistOnce.train, mnistOnce.test, mnistOnce.err = lessons.LoadMNIST("")
	})
	if mnistOnce.err != nil {
		tb.Fatal(mnistOnce.err)
	}
	return mnistOnce.train, mnistOnce.test
}

// mnistEpoch trains a fresh 784-100-10 ReLU net for one epoch of train with
// softmax cross-entropy and plain SGD at η = 0.1, batch 64, the setting of
// issue 6 (and of the PyTorch runs it compares with).
func mnistEpoch(tb testing.TB, train *lessons.MNIST, seed uint64) *dl.Net {
	rng := rand.New(rand.NewPCG(seed, seed))
	net := dl.NewMLP([]int{lessons.MNISTPixels, 100, lessons.MNISTClasses}, dl.ReLU, dl.Identity, dl.He{}, rng)
	_, err := dl.Train(net, train.Images, train.OneHot, dl.TrainConfig{
		Loss:      dl.SoftmaxCrossEntropy{},
		Optimizer: &dl.SGD{},
		Schedule:  dl.Constant(0.1),
		Epochs:    1,
		BatchSize: 64,
		Rand:      rng,
		Metrics:   []dl.Metric{}, // none: the test measures on the test set
	})
	if err != nil {
		tb.Fatal(err)
	}
	return net
}

// standardNormal is the initialization of Nielsen's network.py: every weight
// drawn from N(0, 1), whatever the layer's size.
type standardNormal struct{}

func (standardNormal) Init(w *mat.Dense, rng *rand.Rand) {
	r, c := w.Dims()
	for i := range r {
		for j := range c {
			w.Set(i, j, rng.NormFloat64())
		}
	}
}

// nielsenEpoch trains Nielsen's network (Neural Networks and Deep Learning,
// ch. 1, network.py) for one epoch: 784-30-10, sigmoid in both layers,
// N(0, 1) weights and biases, quadratic cost, mini-batches of 10, η = 3.0.
//
// Nielsen's cost is C = ½‖a − y‖² averaged over the batch, so his step is
// w ← w − η·(1/m)·Σ (a − y)·∂a/∂w. dl.MSE averages over the 10 outputs too
// and has no ½: its gradient is 2/(m·10)·(a − y), a fifth of his, so his
// η = 3.0 is a learning rate of 15 here.
func nielsenEpoch(tb testing.TB, train *lessons.MNIST, seed uint64) *dl.Net {
	return nielsenNet(tb, train, seed, 1)
}

// nielsenNet is nielsenEpoch for the given number of epochs.
func nielsenNet(tb testing.TB, train *lessons.MNIST, seed uint64, epochs int) *dl.Net {
	rng := rand.New(rand.NewPCG(seed, seed))
	net := dl.NewMLP([]int{lessons.MNISTPixels, 30, lessons.MNISTClasses}, dl.Sigmoid, dl.Sigmoid, standardNormal{}, rng)
	for _, layer := range net.Layers {
		standardNormal{}.Init(layer.B, rng)
	}
	_, err := dl.Train(net, train.Images, train.OneHot, dl.TrainConfig{
		Loss:      dl.MSE{},
		Optimizer: &dl.SGD{},
		Schedule:  dl.Constant(3.0 * 5),
		Epochs:    epochs,
		BatchSize: 10,
		Rand:      rng,
		Metrics:   []dl.Metric{},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return net
}

func BenchmarkMNISTEpoch(b *testing.B) {
	benchmarkEpoch(b, mnistEpoch)
}

func BenchmarkNielsenEpoch(b *testing.B) {
	benchmarkEpoch(b, nielsenEpoch)
}

func benchmarkEpoch(b *testing.B, epoch func(testing.TB, *lessons.MNIST, uint64) *dl.Net) {
	train, _ := loadMNIST(b)
	_ = engine.UseOpenBLAS() // no-op without -tags openblas; engine.Name() says which ran
	b.Log(engine.Name())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		epoch(b, train, uint64(i+1))
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/epoch")
}

// TestMNISTEpochAccuracy checks that one epoch of the benchmark's training
// learns what it should: issue 6 asks for at least 92.5% test accuracy, with
// OpenBLAS (built with -tags openblas) or gonum's BLAS. Over seeds 1-4 and He
// or Glorot initialization this setting gave 92.4-93.8% (measured); seed 1
// gives 93.0% with either BLAS.
func TestMNISTEpochAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on all of MNIST; skipped with -short")
	}
	_ = engine.UseOpenBLAS() // an error without -tags openblas: then gonum's BLAS runs
	train, test := loadMNIST(t)
	net := mnistEpoch(t, train, 1)
	acc := dl.Accuracy(net.Forward(test.Images), test.OneHot)
	t.Logf("test accuracy after one epoch: %.4f (%s)", acc, engine.Name())
	if acc < 0.925 {
		t.Errorf("test accuracy after one epoch is %.4f, want ≥ 0.925", acc)
	}
}
