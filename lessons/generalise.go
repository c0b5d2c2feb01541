package lessons

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// The experiments of lesson 7, section 5: a net memorises a small, noisy
// training set while its loss on held-out data rises, and two fixes, early
// stopping and weight decay.

// NoisyQuadrants returns n points drawn uniformly from the square [−1, 1]²,
// labelled by XOR's rule on the quadrants (class 1 if x₁·x₂ > 0, class 0
// otherwise, as one-hot rows of y), with each label flipped to the other
// class with probability flip: noise that no model can predict, so the best
// possible accuracy on fresh points is 1 − flip. It panics if n < 1 or flip
// is outside [0, 1].
func NoisyQuadrants(n int, flip float64, rng *rand.Rand) (x, y *mat.Dense) {
	if n < 1 || flip < 0 || flip > 1 {
		panic(fmt.Sprintf("lessons: NoisyQuadrants: n = %d, flip = %g", n, flip))
	}
	x, y = mat.NewDense(n, 2, nil), mat.NewDense(n, 2, nil)
	for i := range n {
		a, b := 2*rng.Float64()-1, 2*rng.Float64()-1
		c := 0
		if a*b > 0 {
			c = 1
		}
		if rng.Float64() < flip {
			c = 1 - c
		}
		x.Set(i, 0, a)
		x.Set(i, 1, b)
		y.Set(i, c, 1)
	}
	return x, y
}

// GeneraliseData returns lesson 7's training set, 60 points of
// NoisyQuadrants with 20 % of the labels flipped, and its validation set,
// 300 further points drawn the same way (one generator, rand.NewPCG(7, 7),
// training points first).
func GeneraliseData() (x, y, valX, valY *mat.Dense) {
	rng := rand.New(rand.NewPCG(7, 7))
	x, y = NoisyQuadrants(60, 0.2, rng)
	valX, valY = NoisyQuadrants(300, 0.2, rng)
	return x, y, valX, valY
}

// GeneraliseEpochs is the length of every run of GeneraliseRun.
const GeneraliseEpochs = 1000

// GeneraliseRun trains a 2-32-32-2 ReLU net (He's initialisation from
// rand.NewPCG(seed, 1)) on GeneraliseData for GeneraliseEpochs full-batch
// epochs with Adam at the constant rate 0.001 and the L2 weight decay λ
// (dl.Adam's WeightDecay: g ← ∂L/∂w + λ·w; 0 means none), the softmax
// cross-entropy and the validation set evaluated after every epoch. It
// returns the trained net and its History.
func GeneraliseRun(weightDecay float64, seed uint64) (*dl.Net, *dl.History) {
	x, y, vx, vy := GeneraliseData()
	net := dl.NewMLP([]int{2, 32, 32, 2}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(seed, 1)))
	h, err := dl.Train(net, x, y, dl.TrainConfig{Optimizer: &dl.Adam{WeightDecay: weightDecay},
		Schedule: dl.Constant(0.001), Epochs: GeneraliseEpochs, BatchSize: 60, ValX: vx, ValY: vy})
	if err != nil {
		panic(fmt.Sprintf("lessons: GeneraliseRun(%g, %d): %v", weightDecay, seed, err))
	}
	return net, h
}

// BestEpoch returns the epoch (counted from 0) with the lowest validation
// loss: where early stopping would stop, or keep the weights of.
func BestEpoch(h *dl.History) int {
	best := 0
	for e, v := range h.ValLoss {
		if v < h.ValLoss[best] {
			best = e
		}
	}
	return best
}

// GeneraliseSummary is what lesson 7 reports over several seeds: the
// validation loss and accuracy at the end of the run without weight decay,
// at its best epoch (early stopping), and at the end of the run with weight
// decay, one entry per seed.
type GeneraliseSummary struct {
	EndLoss, EarlyLoss, DecayLoss []float64
	EndAcc, EarlyAcc, DecayAcc    []float64
	EarlyEpoch                    []float64
}

// GeneraliseSeeds runs GeneraliseRun without and with weight decay for
// every seed, in parallel, and summarises them.
func GeneraliseSeeds(weightDecay float64, seeds []uint64) GeneraliseSummary {
	plain := make([]*dl.History, len(seeds))
	decay := make([]*dl.History, len(seeds))
	Parallel(2*len(seeds), 0, func(i int) {
		if i < len(seeds) {
			_, plain[i] = GeneraliseRun(0, seeds[i])
		} else {
			_, decay[i-len(seeds)] = GeneraliseRun(weightDecay, seeds[i-len(seeds)])
		}
	})
	var s GeneraliseSummary
	last := GeneraliseEpochs - 1
	for i := range seeds {
		p, d := plain[i], decay[i]
		b := BestEpoch(p)
		s.EndLoss = append(s.EndLoss, p.ValLoss[last])
		s.EarlyLoss = append(s.EarlyLoss, p.ValLoss[b])
		s.DecayLoss = append(s.DecayLoss, d.ValLoss[last])
		s.EndAcc = append(s.EndAcc, p.Metrics[0].Val[last])
		s.EarlyAcc = append(s.EarlyAcc, p.Metrics[0].Val[b])
		s.DecayAcc = append(s.DecayAcc, d.Metrics[0].Val[last])
		s.EarlyEpoch = append(s.EarlyEpoch, float64(b+1))
	}
	return s
}
