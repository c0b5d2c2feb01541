package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
)

// The experiments of lesson 7, section 3: momentum, Nesterov, RMSProp and
// Adam on d2l's valley f(x₁, x₂) = 0.1·x₁² + 2·x₂² (Ravine), and a race of
// dl's optimizers on the spiral net.

// RavinePath runs the optimizer opt for steps steps at the constant rate lr
// on Ravine from (−5, −2), d2l's start, and returns the points it visits
// (index 0 is the start). It is DescentPath with Ravine's gradient.
func RavinePath(opt dl.Optimizer, lr float64, steps int) (x1, x2 []float64) {
	return DescentPath(opt, lr, steps, [2]float64{-5, -2}, func(a, b float64) (float64, float64) {
		g := RavineGrad([]float64{a, b})
		return g[0], g[1]
	})
}

// OptRaceEntry is one entry of lesson 7's optimizer race: a name, a
// constructor for a fresh optimizer (each run needs its own state) and the
// constant learning rate it runs at.
type OptRaceEntry struct {
	Name string
	New  func() dl.Optimizer
	Rate float64
}

// OptRaceEntries are the entrants of the race, each at the rate of the grid
// 0.001, 0.003, …, 1 whose median final training loss over OptRaceSeeds is
// lowest (TestRaceRatesAreBest checks this): plain SGD, SGD with momentum
// 0.9 (Polyak's heavy ball, as PyTorch writes it), the same with Nesterov's
// look-ahead, RMSProp (ρ = 0.9) and Adam (β₁ = 0.9, β₂ = 0.999).
func OptRaceEntries() []OptRaceEntry {
	return []OptRaceEntry{
		{"SGD", func() dl.Optimizer { return &dl.SGD{} }, 0.3},
		{"momentum 0.9", func() dl.Optimizer { return &dl.SGD{Momentum: 0.9} }, 0.1},
		{"Nesterov 0.9", func() dl.Optimizer { return &dl.SGD{Momentum: 0.9, Nesterov: true} }, 0.1},
		{"RMSProp", func() dl.Optimizer { return &dl.RMSProp{} }, 0.03},
		{"Adam", func() dl.Optimizer { return &dl.Adam{} }, 0.03},
	}
}

// OptRaceSeeds are the seeds of the race: 1 … 5.
func OptRaceSeeds() []uint64 { return Seeds(5) }

// OptRaceEpochs is the length of every race run.
const OptRaceEpochs = 30

// OptRace trains NewBatchNet(seed) on BatchData for OptRaceEpochs epochs with
// mini-batches of 32 (shuffled by rand.NewPCG(seed, 2)), the optimizer
// newOpt() at the constant rate lr, and returns the mean training loss of
// every epoch. A run that diverges returns its losses so far followed by
// +Inf.
func OptRace(newOpt func() dl.Optimizer, lr float64, seed uint64) []float64 {
	x, y := BatchData()
	h, err := dl.Train(NewBatchNet(seed), x, y, dl.TrainConfig{Optimizer: newOpt(), Schedule: dl.Constant(lr),
		Epochs: OptRaceEpochs, BatchSize: 32, Rand: rand.New(rand.NewPCG(seed, 2))})
	if err != nil {
		return append(h.EpochLoss, math.Inf(1))
	}
	return h.EpochLoss
}

// OptRaceMedians runs OptRace for every seed (in parallel) and returns, for each
// epoch, the median loss over the seeds, and the final loss of each seed.
func OptRaceMedians(newOpt func() dl.Optimizer, lr float64, seeds []uint64) (median, final []float64) {
	runs := make([][]float64, len(seeds))
	Parallel(len(seeds), 0, func(i int) { runs[i] = OptRace(newOpt, lr, seeds[i]) })
	for e := range OptRaceEpochs {
		col := make([]float64, len(runs))
		for i, r := range runs {
			col[i] = math.Inf(1)
			if e < len(r) {
				col[i] = r[e]
			}
		}
		median = append(median, Median(col))
	}
	for _, r := range runs {
		final = append(final, r[len(r)-1])
	}
	return median, final
}

// CheckMomentum checks lesson 7's exercise: momentum(w, v, g, η, μ) should
// return the weight and velocity after one step of SGD with momentum in
// the form of dl.SGD (and PyTorch, and d2l's "Momentum" section):
//
//	v ← μ·v + g
//	w ← w − η·v      (with the new v)
//
// It tries a few values and names the usual slips otherwise.
func CheckMomentum(momentum func(w, v, g, eta, mu float64) (float64, float64)) (verdict string) {
	if momentum == nil {
		return "✗ not yet: the function is nil; write func momentum(w, v, g, eta, mu float64) (float64, float64)"
	}
	type try struct{ w, v, g, eta, mu float64 }
	tries := []try{{1, 0.5, 2, 0.1, 0.9}, {-3, -1, 0.25, 0.6, 0.5}, {0.5, 2, -1, 0.05, 0.99}, {2, 0, 3, 0.3, 0.5}}
	slips := []struct {
		hint string
		f    func(w, v, g, eta, mu float64) (float64, float64)
	}{
		{"the velocity forgets nothing: multiply the old v by μ before adding g",
			func(w, v, g, eta, mu float64) (float64, float64) { v = v + g; return w - eta*v, v }},
		{"the weight moves with the old velocity: update v first, then step with the new one",
			func(w, v, g, eta, mu float64) (float64, float64) { return w - eta*v, mu*v + g }},
		{"the weight takes a plain gradient step: it should move by η·v, the velocity, not η·g",
			func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w - eta*g, v }},
		{"the step goes uphill: w − η·v, not w + η·v",
			func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w + eta*v, v }},
		{"that is the form v ← μ·v − η·g, w ← w + v of Sutskever et al.; this lesson keeps η out of v: v ← μ·v + g, w ← w − η·v",
			func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v - eta*g; return w + v, v }},
		{"the gradient is scaled by (1 − μ), an exponential average; here v ← μ·v + g, without the factor",
			func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + (1-mu)*g; return w - eta*v, v }},
	}
	call := func(t try) (w, v float64, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		w, v = momentum(t.w, t.v, t.g, t.eta, t.mu)
		return w, v, nil
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(1+math.Abs(b)) }
	agrees := func(f func(w, v, g, eta, mu float64) (float64, float64)) bool {
		for _, t := range tries {
			w, v, err := call(t)
			rw, rv := f(t.w, t.v, t.g, t.eta, t.mu)
			if err != nil || !near(w, rw) || !near(v, rv) {
				return false
			}
		}
		return true
	}
	for _, t := range tries {
		if _, _, err := call(t); err != nil {
			return fmt.Sprintf("✗ not yet: momentum(%g, %g, %g, %g, %g) panicked: %v", t.w, t.v, t.g, t.eta, t.mu, err)
		}
	}
	if agrees(func(w, v, g, eta, mu float64) (float64, float64) { v = mu*v + g; return w - eta*v, v }) {
		return "✓ correct: v ← μ·v + g, then w ← w − η·v, as dl.SGD{Momentum: μ} does"
	}
	for _, s := range slips {
		if agrees(s.f) {
			return "✗ not yet: " + s.hint
		}
	}
	t := tries[0]
	w, v, _ := call(t)
	return fmt.Sprintf("✗ not yet: momentum(%g, %g, %g, %g, %g) = (%g, %g); it should be (%g, %g): v = 0.9·0.5 + 2 = 2.45, w = 1 − 0.1·2.45",
		t.w, t.v, t.g, t.eta, t.mu, w, v, 1-0.1*2.45, 2.45)
}
