package lessons

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/introdl/introdl/dl"
)

// The claims of notebooks/03-xor.ipynb, with the numbers it prints.

var (
	gateInputs = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	xorLabels  = []float64{0, 1, 1, 0}
)

// TestSearchLinesGates checks the search the notebook shows: on a grid of
// 41 values in [−2, 2] per coefficient, many lines separate AND and OR,
// none separates XOR, and the best line gets 3 of the 4 XOR points right.
func TestSearchLinesGates(t *testing.T) {
	for _, c := range []struct {
		name       string
		y          []float64
		separating int
		best       int
	}{
		{"AND", []float64{0, 0, 0, 1}, 1566, 4},
		{"OR", []float64{0, 1, 1, 1}, 2870, 4},
		{"XOR", xorLabels, 0, 3},
	} {
		s := SearchLines(gateInputs, c.y, 2, 41)
		if s.Tried != 68921 || s.Separating != c.separating || s.BestCorrect != c.best {
			t.Errorf("%s: %+v, want 68921 tried, %d separating, best %d of 4", c.name, s, c.separating, c.best)
		}
	}
	// The notebook draws the best XOR line, which gets only (1,0) wrong.
	s := SearchLines(gateInputs, xorLabels, 2, 41)
	if s.Best != [3]float64{-2, 2, -1} {
		t.Errorf("best XOR line = %v, want (−2, 2, −1)", s.Best)
	}
	if got := lineMistakes(s.Best, gateInputs, xorLabels); !slices.Equal(got, []int{2}) {
		t.Errorf("best XOR line misclassifies points %v, want [2] (the point (1,0))", got)
	}
}

func lineMistakes(l [3]float64, x [][]float64, y []float64) []int {
	var wrong []int
	for i, xi := range x {
		yhat := 0.0
		if l[0]*xi[0]+l[1]*xi[1]+l[2] > 0 {
			yhat = 1
		}
		if yhat != y[i] {
			wrong = append(wrong, i)
		}
	}
	return wrong
}

// TestSearchLinesAllLabellings backs the claim in SearchLines' doc comment
// and the lesson: of the 16 ways to label the four corners, exactly XOR and
// XNOR have no separating line, even on the coarse grid of halves.
func TestSearchLinesAllLabellings(t *testing.T) {
	for mask := range 16 {
		y := make([]float64, 4)
		for i := range y {
			y[i] = float64(mask >> (3 - i) & 1)
		}
		isParity := slices.Equal(y, []float64{0, 1, 1, 0}) || slices.Equal(y, []float64{1, 0, 0, 1})
		s := SearchLines(gateInputs, y, 2, 9)
		if (s.Separating == 0) != isParity {
			t.Errorf("labels %v: %d separating lines of %d", y, s.Separating, s.Tried)
		}
	}
}

// TestXORProofInequalities checks the identity behind the notebook's
// proof: for every line, the scores s(x) = w₁x₁ + w₂x₂ + b of the two
// 0-examples add up to the same number as those of the two 1-examples,
// w₁ + w₂ + 2b, so they cannot be both ≤ 0 and both > 0: every line gets
// at least one of the four points wrong.
func TestXORProofInequalities(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	score := func(l [3]float64, x []float64) float64 { return l[0]*x[0] + l[1]*x[1] + l[2] }
	for range 10000 {
		// Small integers make the sums exact, so == is the right test.
		l := [3]float64{float64(rng.IntN(41) - 20), float64(rng.IntN(41) - 20), float64(rng.IntN(41) - 20)}
		zeros := score(l, gateInputs[0]) + score(l, gateInputs[3])
		ones := score(l, gateInputs[1]) + score(l, gateInputs[2])
		if zeros != ones || zeros != l[0]+l[1]+2*l[2] {
			t.Fatalf("line %v: 0-examples sum to %g, 1-examples to %g", l, zeros, ones)
		}
		if len(lineMistakes(l, gateInputs, xorLabels)) == 0 {
			t.Fatalf("line %v separates XOR", l)
		}
	}
}

// TestPerceptronXORCycleAsPrinted checks the cycle the notebook prints:
// from zero weights with η = 1 the perceptron never converges; the weights
// at the start of epoch 4 equal those at the start of epoch 3 (counting
// from 1, as lessons 2 and 3 do; dl's Cycle counts from 0), a period of
// 1 epoch, and within it every one of the 4 examples is a mistake, the
// line passing through (w₁, w₂; b) = (−1, 0; 0), (−1, 1; 1), (0, 1; 2),
// (−1, 0; 1).
func TestPerceptronXORCycleAsPrinted(t *testing.T) {
	var p dl.Perceptron
	res := p.Train(gateInputs, xorLabels, 1000)
	if res.Converged || res.Cycle == nil {
		t.Fatalf("Converged %v, Cycle %v: want a cycle", res.Converged, res.Cycle)
	}
	if *res.Cycle != (dl.Cycle{First: 2, Repeat: 3, Period: 1}) {
		t.Errorf("cycle %+v, want {First:2 Repeat:3 Period:1}", *res.Cycle)
	}
	type state struct{ w1, w2, b float64 }
	var got []state
	for _, u := range res.Updates {
		if u.Epoch >= res.Cycle.First && u.Epoch < res.Cycle.Repeat {
			if !u.Mistake {
				t.Errorf("epoch %d, example %d: no mistake inside the cycle", u.Epoch, u.Index)
			}
			got = append(got, state{u.W[0], u.W[1], u.B})
		}
	}
	want := []state{{-1, 0, 0}, {-1, 1, 1}, {0, 1, 2}, {-1, 0, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("states in the cycle %v, want %v", got, want)
	}
	// Each of these lines gets at least one example wrong (the figure
	// shows them all). Three of them pass through corners, which the tie
	// rule puts in class 0: (0, 0) and (0, 1) on the first, (1, 0) on the
	// second, (1, 0) and (1, 1) on the fourth; so (0, 1) is wrong on the
	// first line and (1, 0) on the second and fourth. The third line,
	// x₂ = −2, calls every corner 1.
	onLine := [][]int{{0, 1}, {2}, nil, {2, 3}}
	wrong := [][]int{{1, 2}, {0, 2, 3}, {0, 3}, {0, 2}}
	for k, s := range want {
		_, on := LineMargin([]float64{s.w1, s.w2}, s.b, gateInputs, xorLabels)
		w := lineMistakes([3]float64{s.w1, s.w2, s.b}, gateInputs, xorLabels)
		if !slices.Equal(on, onLine[k]) || !slices.Equal(w, wrong[k]) {
			t.Errorf("line %v: corners on it %v, wrong %v; want %v and %v", s, on, w, onLine[k], wrong[k])
		}
	}
}

// TestPerceptronXORLearningRate backs the notebook's remark that from zero
// weights the learning rate only scales the run: the same cycle, with
// weights η times as large.
func TestPerceptronXORLearningRate(t *testing.T) {
	for _, eta := range []float64{0.1, 0.5, 2} {
		p := dl.Perceptron{LearningRate: eta}
		res := p.Train(gateInputs, xorLabels, 1000)
		if res.Cycle == nil || *res.Cycle != (dl.Cycle{First: 2, Repeat: 3, Period: 1}) {
			t.Errorf("η = %g: cycle %v, want {2 3 1}", eta, res.Cycle)
			continue
		}
		if p.W[0] != -eta || p.W[1] != 0 || p.B != eta {
			t.Errorf("η = %g: final state (%v; %g), want (−η, 0; η)", eta, p.W, p.B)
		}
	}
}

// TestPerceptronOrdersXOR checks the notebook's experiment over the 24
// orders of the four examples: every order cycles, always with period 1,
// detected at the start of epoch 2 (6 orders), 3 (12 orders) or 4 (6
// orders), counting from 1 as the notebook prints (dl's Repeat + 1).
func TestPerceptronOrdersXOR(t *testing.T) {
	runs := PerceptronOrders(gateInputs, xorLabels, 1000)
	if len(runs) != 24 {
		t.Fatalf("%d runs, want 24", len(runs))
	}
	byRepeat := map[int]int{}
	seen := map[string]bool{}
	for _, r := range runs {
		seen[fmt.Sprint(r.Order)] = true
		if r.Converged || r.Cycle == nil || r.Cycle.Period != 1 {
			t.Errorf("order %v: converged %v, cycle %v; want a cycle of period 1", r.Order, r.Converged, r.Cycle)
			continue
		}
		byRepeat[r.Cycle.Repeat+1]++
	}
	if len(seen) != 24 {
		t.Errorf("%d distinct orders, want 24", len(seen))
	}
	if want := map[int]int{2: 6, 3: 12, 4: 6}; !maps.Equal(byRepeat, want) {
		t.Errorf("cycles detected at epoch %v, want %v", byRepeat, want)
	}
	// On a separable problem the same experiment converges every time.
	for _, r := range PerceptronOrders(gateInputs, []float64{0, 0, 0, 1}, 1000) {
		if !r.Converged {
			t.Errorf("AND, order %v: did not converge", r.Order)
		}
	}
}

// TestXORFromThreePerceptrons checks the notebook's composition: OR and
// NAND perceptrons feeding an AND perceptron compute XOR, each trained
// alone by Rosenblatt's rule on its own truth table.
func TestXORFromThreePerceptrons(t *testing.T) {
	var or, nand, and dl.Perceptron
	for _, c := range []struct {
		p *dl.Perceptron
		y []float64
	}{{&or, []float64{0, 1, 1, 1}}, {&nand, []float64{1, 1, 1, 0}}, {&and, []float64{0, 0, 0, 1}}} {
		if res := c.p.Train(gateInputs, c.y, 0); !res.Converged {
			t.Fatalf("gate %v did not converge", c.y)
		}
	}
	for i, x := range gateInputs {
		h := []float64{or.Predict(x), nand.Predict(x)}
		if got := and.Predict(h); got != xorLabels[i] {
			t.Errorf("x = %v: AND(OR, NAND) = %g, want %g", x, got, xorLabels[i])
		}
	}
}

// TestProductFeature checks the feature trick as the notebook prints it:
// with inputs (x₁, x₂, x₁x₂) the perceptron converges after 8 epochs (the
// 8th without a mistake) to w = (1, 1, −3), b = 0, which classifies all four
// points correctly, but (0, 0, 0) lies on that plane (score 0, right by the
// tie rule, margin 0), while x₁ + x₂ − 3x₃ − ½ = 0 gives the scores
// −½, ½, ½, −3/2, all right with a positive margin. And the slider's claims:
// with w = (1, 1) and b = 0 the weight w₃ of x₁x₂ gets all four right exactly
// when w₃ ≤ −2; (0, 0) has score 0 at every w₃, and (1, 1) at w₃ = −2.
func TestProductFeature(t *testing.T) {
	product := func(x1, x2 float64) []float64 { return []float64{x1, x2, x1 * x2} }
	var p dl.Perceptron
	res := p.Train(WithFeatures(gateInputs, product), xorLabels, 1000)
	if !res.Converged || len(res.Epochs) != 8 {
		t.Fatalf("converged %v after %d epochs, want true after 8", res.Converged, len(res.Epochs))
	}
	if !slices.Equal(p.W, []float64{1, 1, -3}) || p.B != 0 {
		t.Errorf("w = %v, b = %g, want (1, 1, −3), 0", p.W, p.B)
	}
	for i, x := range gateInputs {
		if got := p.Predict(product(x[0], x[1])); got != xorLabels[i] {
			t.Errorf("x = %v: %g, want %g", x, got, xorLabels[i])
		}
	}
	feats := WithFeatures(gateInputs, product)
	if m, on := LineMargin(p.W, p.B, feats, xorLabels); m != 0 || !slices.Equal(on, []int{0}) {
		t.Errorf("the perceptron's plane: margin %v, on the plane %v; want 0 and [0] (the origin)", m, on)
	}
	shifted := dl.Perceptron{W: []float64{1, 1, -3}, B: -0.5}
	for i, want := range []float64{-0.5, 0.5, 0.5, -1.5} {
		if s := dot(shifted.W, feats[i]) + shifted.B; s != want {
			t.Errorf("shifted plane, example %d: score %v, want %v", i, s, want)
		}
	}
	if m, on := LineMargin(shifted.W, shifted.B, feats, xorLabels); !(m > 0) || on != nil {
		t.Errorf("shifted plane: margin %v, on the plane %v; want a positive margin", m, on)
	}
	for v := -40; v <= 10; v++ {
		w3 := float64(v) / 10
		_, on := LineMargin([]float64{1, 1, w3}, 0, feats, xorLabels)
		want := []int{0}
		if v == -20 {
			want = []int{0, 3}
		}
		if !slices.Equal(on, want) {
			t.Errorf("w₃ = %g: examples on the boundary %v, want %v", w3, on, want)
		}
	}
	for v := -40; v <= 10; v++ {
		w3 := float64(v) / 10
		correct := 4 - len(wrongFeatureLine([]float64{1, 1, w3}, 0, product))
		want := 3
		if w3 <= -2 {
			want = 4
		}
		if correct != want {
			t.Errorf("w₃ = %g: %d of 4 correct, want %d", w3, correct, want)
		}
	}
}

// TestWithFeaturesPanics checks the panic message for a malformed row.
func TestWithFeaturesPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "lessons: WithFeatures: row 1 of x has 3 entries, want 2" {
			t.Errorf("panic %v", r)
		}
	}()
	WithFeatures([][]float64{{0, 0}, {0, 1, 2}}, func(a, b float64) []float64 { return nil })
}

// wrongFeatureLine returns the XOR examples that the perceptron with
// weights w and bias b on the features f gets wrong.
func wrongFeatureLine(w []float64, b float64, f func(x1, x2 float64) []float64) []int {
	p := dl.Perceptron{W: w, B: b}
	var wrong []int
	for i, x := range gateInputs {
		if p.Predict(f(x[0], x[1])) != xorLabels[i] {
			wrong = append(wrong, i)
		}
	}
	return wrong
}
