package dl_test

// Benchmarks of the training loop on the tasks of issue 2:
//
//	BenchmarkXOR        2-2-1 sigmoid, 5000 full-batch GD steps
//	BenchmarkSpiral     2-64-64-3 ReLU, Adam, 2000 full-batch steps
//	BenchmarkTrainStep  one step of Train, allocs/op must be 0
//
// Run them with
//
//	go test -run '^$' -bench . -benchmem -count 5 ./dl/
//
// and add -tags openblas to multiply with OpenBLAS instead of gonum's
// pure-Go BLAS (see engine.UseOpenBLAS). bench/run compares them with the
// same training in PyTorch, side by side in one run. The accuracy the spiral
// run reaches is checked by TestTrainSpiral, outside the timing.

import (
	"math/rand/v2"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// BenchmarkXOR: one op is a whole training run of Rumelhart et al.'s XOR
// net, 5000 steps of full-batch gradient descent.
func BenchmarkXOR(b *testing.B) {
	useFastBLAS(b)
	x, y := lessons.XOR()
	cfg := dl.TrainConfig{Epochs: 5000, Optimizer: &dl.SGD{}, Schedule: dl.Constant(2)}
	b.ReportAllocs()
	for b.Loop() {
		net := xorNet(1)
		cfg.Optimizer = &dl.SGD{}
		if _, err := dl.Train(net, x, y, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSpiral: one op is a whole training run on CS231n's spiral
// (3 classes × 100 points), 2-64-64-3 ReLU, Adam at 0.01, 2000 full-batch
// steps of softmax cross-entropy.
func BenchmarkSpiral(b *testing.B) {
	useFastBLAS(b)
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	for b.Loop() {
		net := spiralNet(3)
		_, err := dl.Train(net, x, y, dl.TrainConfig{
			Epochs: 2000, BatchSize: 300, Optimizer: &dl.Adam{}, Schedule: dl.Constant(0.01),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainStep: one op is one step of Train (forward, loss, backward,
// Adam update, history, metrics buffers) on the spiral net, in one run of
// b.N steps. Train's setup is amortized over the run; TestTrainAllocsPerStep
// checks exactly that the steps themselves allocate nothing.
func BenchmarkTrainStep(b *testing.B) {
	useFastBLAS(b)
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	for _, bc := range []struct {
		name      string
		batchSize int
	}{{"fullbatch300", 300}, {"batch32", 32}} {
		b.Run(bc.name, func(b *testing.B) {
			net := spiralNet(3)
			b.ReportAllocs()
			b.ResetTimer()
			_, err := dl.Train(net, x, y, dl.TrainConfig{
				Epochs:    b.N, // at least b.N steps; OnStep stops after exactly b.N
				BatchSize: bc.batchSize,
				Schedule:  dl.Constant(0.001),
				OnStep: func(s dl.StepInfo) error {
					if s.Step == b.N-1 {
						return dl.StopTraining
					}
					return nil
				},
			})
			if err != nil {
				b.Fatal(err)
			}
		})
	}
}
