package lessons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// The tests below check every number notebooks/08-depth.ipynb prints or
// states, section by section, formatted as the notebook formats it. The
// MNIST measurements and the race take seconds each; they are skipped with
// -short and run in `make test`.

func median(v []float64) float64 { return lessons.Median(v) }

// TestBumpExercise checks section 1's exercise: the reference answer passes
// and every slip the hints name, and a few others, are caught.
func TestBumpExercise(t *testing.T) {
	want := "✓ correct: bump(0.5, 0.4, 0.6, 1) = 1.0000 in the middle, 0.5000 on the edge x = 0.4, 0.0000 at x = 0.3"
	if got := lessons.CheckBump(lessons.Bump); got != want {
		t.Errorf("reference answer: %s", got)
	}
	sig := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	w := lessons.BumpSteepness
	for _, c := range []struct {
		name string
		bump func(x, l, r, h float64) float64
		hint string
	}{
		{"nil", nil, "nil"},
		{"upside down", func(x, l, r, h float64) float64 { return h * (sig(w*(x-r)) - sig(w*(x-l))) }, "points down"},
		{"no height", func(x, l, r, h float64) float64 { return sig(w*(x-l)) - sig(w*(x-r)) }, "height is missing"},
		{"not steep", func(x, l, r, h float64) float64 { return h * (sig(x-l) - sig(x-r)) }, "not steep"},
		{"shift outside", func(x, l, r, h float64) float64 { return h * (sig(w*x-l) - sig(w*x-r)) }, "shift is outside"},
		{"one step", func(x, l, r, h float64) float64 { return h * sig(w*(x-l)) }, "only one step"},
		{"hard steps", func(x, l, r, h float64) float64 { // right away from the edges, wrong on them
			if x > l && x < r {
				return h
			}
			return 0
		}, "want"},
		{"panics", func(x, l, r, h float64) float64 { panic("not written") }, "panicked"},
	} {
		got := lessons.CheckBump(c.bump)
		if !strings.HasPrefix(got, "✗") || !strings.Contains(got, c.hint) {
			t.Errorf("%s: %q, want a ✗ naming %q", c.name, got, c.hint)
		}
	}
}

// TestBumpNets checks the table of section 1 and the text around it.
func TestBumpNets(t *testing.T) {
	if got := fmt.Sprint(lessons.BumpNet(lessons.Bumpy, 5), " and ", lessons.ReLUNet(lessons.Bumpy, 5)); got != "1-12-1 (sigmoid, identity) and 1-5-1 (relu, identity)" {
		t.Errorf("net shapes: %s", got)
	}
	var b strings.Builder
	for _, n := range []int{5, 10, 20, 50, 100} {
		sig := lessons.MaxError(lessons.BumpNet(lessons.Bumpy, n), lessons.Bumpy)
		rel := lessons.MaxError(lessons.ReLUNet(lessons.Bumpy, n), lessons.Bumpy)
		fmt.Fprintf(&b, "%3d   %13d   %13.4f   %10d   %13.4f\n", n, 2*(n+1), sig, n, rel)
	}
	want := `  5              12          0.4625            5          0.2078
 10              22          0.2096           10          0.0857
 20              42          0.1342           20          0.0406
 50             102          0.0418           50          0.0077
100             202          0.0128          100          0.0020
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant\n%s", b.String(), want)
	}
	// The net is the sum of the notebook's bumps, unit for unit.
	net := lessons.Func(lessons.BumpNet(lessons.Bumpy, 20))
	for _, x := range lessons.Linspace(0, 1, 101) {
		sum := 0.0
		for k := range 21 {
			c := float64(k) / 20
			sum += lessons.Bump(x, c-0.025, c+0.025, lessons.Bumpy(c))
		}
		if math.Abs(net(x)-sum) > 1e-12 {
			t.Fatalf("BumpNet(20) at %g: %g, the sum of bumps %g", x, net(x), sum)
		}
	}
	// The ReLU net interpolates: exact at the knots.
	relu := lessons.Func(lessons.ReLUNet(lessons.Bumpy, 10))
	for k := range 11 {
		x := float64(k) / 10
		if math.Abs(relu(x)-lessons.Bumpy(x)) > 1e-12 {
			t.Errorf("ReLUNet(10) at the knot %g: %g, f = %g", x, relu(x), lessons.Bumpy(x))
		}
	}
}

// TestSineFits checks the cell that trains 2, 4 and 16 tanh units and the
// sweep over widths.
func TestSineFits(t *testing.T) {
	x, y := lessons.SineData()
	var b strings.Builder
	for _, h := range []int{2, 4, 16} {
		net := dl.NewMLP([]int{1, h, 1}, dl.Tanh, dl.Identity, dl.Glorot{}, rand.New(rand.NewPCG(1, 8)))
		opt := &dl.Adam{}
		for range 1500 {
			net.Gradient(dl.MSE{}, x, y)
			opt.Step(net.Params(), 0.01)
		}
		fmt.Fprintf(&b, "%2d tanh units: root-mean-square error %.3f\n", h, math.Sqrt(dl.MSE{}.Loss(net.Forward(x), y)))
	}
	want := ` 2 tanh units: root-mean-square error 0.602
 4 tanh units: root-mean-square error 0.433
16 tanh units: root-mean-square error 0.128
`
	if b.String() != want {
		t.Errorf("fits:\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	fits := lessons.FitWidths(lessons.WidthSetup{})
	for _, f := range fits {
		fmt.Fprintf(&b, "width %2d (%3d parameters): median error %.3f, the seeds %.3f\n",
			f.Width, f.Params, median(f.RMS), f.RMS)
	}
	want = `width  1 (  4 parameters): median error 0.670, the seeds [0.670 0.649 0.670]
width  2 (  7 parameters): median error 0.621, the seeds [0.602 0.639 0.621]
width  4 ( 13 parameters): median error 0.468, the seeds [0.433 0.468 0.492]
width  8 ( 25 parameters): median error 0.185, the seeds [0.185 0.129 0.426]
width 16 ( 49 parameters): median error 0.051, the seeds [0.128 0.051 0.022]
width 32 ( 97 parameters): median error 0.052, the seeds [0.127 0.052 0.017]
`
	if b.String() != want {
		t.Errorf("widths:\n%s\nwant\n%s", b.String(), want)
	}
	// FitWidths' seed 1 is the cell's net: the same errors.
	if fmt.Sprintf("%.3f %.3f", fits[1].RMS[0], fits[4].RMS[0]) != "0.602 0.128" {
		t.Errorf("seed 1 of widths 2 and 16: %.3f %.3f, the cell's 0.602 and 0.128", fits[1].RMS[0], fits[4].RMS[0])
	}
}

// TestDepthVsWidth checks section 2: the seed-1 cell and the 10 seeds.
func TestDepthVsWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("20 training runs (seconds); runs without -short")
	}
	x, y := lessons.Checkerboard(500, 4, rand.New(rand.NewPCG(1, 1)))
	xt, yt := lessons.Checkerboard(5000, 4, rand.New(rand.NewPCG(1, 2)))
	var b strings.Builder
	for _, sizes := range [][]int{{2, 37, 2}, {2, 8, 8, 8, 2}} {
		net := lessons.TrainCheckerboard(sizes, x, y, 1, 400)
		fmt.Fprintf(&b, "%v: %d parameters, accuracy %.3f on its 500 points, %.3f on 5000 fresh points\n",
			net, net.NumParams(), dl.Accuracy(net.Forward(x), y), dl.Accuracy(net.Forward(xt), yt))
	}
	want := `2-37-2 (relu, identity): 187 parameters, accuracy 0.902 on its 500 points, 0.872 on 5000 fresh points
2-8-8-8-2 (relu, relu, relu, identity): 186 parameters, accuracy 0.972 on its 500 points, 0.895 on 5000 fresh points
`
	if b.String() != want {
		t.Errorf("seed 1:\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	shallow, deep := lessons.DepthVsWidth(lessons.DepthSetup{})
	for _, r := range []lessons.DepthRun{shallow, deep} {
		fmt.Fprintf(&b, "%v (%d parameters): fresh points %.3f [%.3f, %.3f], training points %.3f [%.3f, %.3f]\n",
			r.Sizes, r.Params, median(r.TestAcc), slices.Min(r.TestAcc), slices.Max(r.TestAcc),
			median(r.TrainAcc), slices.Min(r.TrainAcc), slices.Max(r.TrainAcc))
	}
	wins := 0
	for s := range deep.TestAcc {
		if deep.TestAcc[s] > shallow.TestAcc[s] {
			wins++
		}
	}
	fmt.Fprintf(&b, "the deep net is better on fresh points for %d of %d seeds\n", wins, len(deep.TestAcc))
	want = `[2 37 2] (187 parameters): fresh points 0.866 [0.831, 0.916], training points 0.901 [0.852, 0.946]
[2 8 8 8 2] (186 parameters): fresh points 0.892 [0.750, 0.940], training points 0.958 [0.798, 0.994]
the deep net is better on fresh points for 8 of 10 seeds
`
	if b.String() != want {
		t.Errorf("10 seeds:\n%s\nwant\n%s", b.String(), want)
	}
	// The parameter counts DepthVsWidth reports are those of the nets.
	for _, r := range []lessons.DepthRun{shallow, deep} {
		if n := lessons.TrainCheckerboard(r.Sizes, x, y, 1, 0).NumParams(); n != r.Params {
			t.Errorf("%v: %d parameters, DepthVsWidth says %d", r.Sizes, n, r.Params)
		}
	}
	// Seed 1 of the sweep is the cell's run.
	if fmt.Sprintf("%.3f %.3f", shallow.TestAcc[0], deep.TestAcc[0]) != "0.872 0.895" {
		t.Errorf("seed 1 of the sweep: %g and %g, the cell's 0.872 and 0.895", shallow.TestAcc[0], deep.TestAcc[0])
	}
}

// TestCrossEntropySum checks the cost convention: 10 times BCEWithLogits,
// and its gradient is that of the summed per-example cost averaged over
// the examples, as Nielsen's generate_gradient.py computes it.
func TestCrossEntropySum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	z := mat.NewDense(4, 10, nil)
	y := mat.NewDense(4, 10, nil)
	for i := range 4 {
		for j := range 10 {
			z.Set(i, j, rng.NormFloat64())
		}
		y.Set(i, rng.IntN(10), 1)
	}
	var c lessons.CrossEntropySum
	bce := dl.BCEWithLogits{}
	if got, want := c.Loss(z, y), 10*bce.Loss(z, y); math.Abs(got-want) > 1e-12 {
		t.Errorf("loss %g, want 10 × BCEWithLogits = %g", got, want)
	}
	var g mat.Dense
	c.Grad(&g, z, y)
	for i := range 4 {
		for j := range 10 {
			a := 1 / (1 + math.Exp(-z.At(i, j)))
			if want := (a - y.At(i, j)) / 4; math.Abs(g.At(i, j)-want) > 1e-15 {
				t.Fatalf("∂C/∂z[%d][%d] = %g, want (a − t)/n = %g", i, j, g.At(i, j), want)
			}
		}
	}
	// The gradient check of dl agrees with the analytic gradient.
	net := lessons.Network2.NewNet([]int{5, 4, 3}, 1)
	x := mat.NewDense(6, 5, nil)
	t3 := mat.NewDense(6, 3, nil)
	for i := range 6 {
		for j := range 5 {
			x.Set(i, j, rng.Float64())
		}
		t3.Set(i, i%3, 1)
	}
	if e := dl.GradCheck(net, c, x, t3, dl.DefaultGradCheckStep); e > 1e-6 {
		t.Errorf("gradient check: relative error %g", e)
	}
}

// TestScaledNormal checks network2's start: weight standard deviation
// 1/√n_in, biases N(0, 1), and zero biases for the other schemes.
func TestScaledNormal(t *testing.T) {
	net := lessons.Network2.NewNet([]int{784, 30, 10}, 1)
	w := net.Layers[0].W.RawMatrix().Data
	sd := 0.0
	for _, v := range w {
		sd += v * v
	}
	sd = math.Sqrt(sd / float64(len(w)))
	if math.Abs(sd*math.Sqrt(784)-1) > 0.02 { // 23 520 draws: the estimate is within 1 % (3σ ≈ 1.4 %)
		t.Errorf("weights: sd·√784 = %.4f, want 1", sd*math.Sqrt(784))
	}
	b := net.Layers[0].B.RawMatrix().Data
	if slices.Max(b) < 0.5 || slices.Min(b) > -0.5 {
		t.Errorf("biases %v do not look like N(0, 1)", b)
	}
	for _, s := range []lessons.Scheme{lessons.SigmoidGlorot, lessons.TanhGlorot, lessons.ReLUHe} {
		for _, l := range s.NewNet([]int{784, 30, 10}, 1).Layers {
			if mat.Norm(l.B, 2) != 0 {
				t.Errorf("%s: biases are not zero", s.Name)
			}
		}
	}
}

// TestMNISTHead checks that the quick reader gives LoadMNIST's first images.
func TestMNISTHead(t *testing.T) {
	if testing.Short() {
		t.Skip("loads all of MNIST (about a second); runs without -short")
	}
	head, err := lessons.MNISTHead(1000)
	if err != nil {
		t.Fatal(err)
	}
	train, _, err := lessons.LoadMNIST("")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := train.Split(1000)
	if !mat.Equal(head.Images, first.Images) || !mat.Equal(head.OneHot, first.OneHot) || !slices.Equal(head.Labels, first.Labels) {
		t.Error("MNISTHead(1000) differs from the first 1000 images of LoadMNIST")
	}
}

func mnistHead(t *testing.T) *lessons.MNIST {
	t.Helper()
	if testing.Short() {
		t.Skip("MNIST measurement (seconds); runs without -short")
	}
	data, err := lessons.MNISTHead(1000)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestNielsenSpeeds checks section 3: one net by hand, then 20 seeds of
// every depth, and Nielsen's five values inside the ranges of 20 seeds.
func TestNielsenSpeeds(t *testing.T) {
	data := mnistHead(t)
	net := lessons.Network2.NewNet([]int{784, 30, 30, 10}, 1)
	net.Gradient(lessons.CrossEntropySum{}, data.Images, data.OneHot)
	got := fmt.Sprintf("%.3f %.3f", mat.Norm(net.Layers[0].DB, 2), mat.Norm(net.Layers[1].DB, 2))
	if got != "0.046 0.232" {
		t.Errorf("seed 1 by hand: %s, the notebook prints 0.046 and 0.232", got)
	}
	if b := lessons.BiasGradients(net, data.Images, data.OneHot); fmt.Sprintf("%.3f %.3f", b[0], b[1]) != got {
		t.Errorf("BiasGradients %v differs from the hand-made measurement %s", b, got)
	}

	var b strings.Builder
	nielsen := map[int][]float64{2: {0.07, 0.31}, 3: {0.012, 0.060, 0.283}}
	lo, hi := math.Inf(1), 0.0 // the smallest and largest factor between a layer's fastest and slowest seed
	for depth := 1; depth <= 4; depth++ {
		ls := lessons.InitialSpeeds(lessons.HiddenSizes(depth), lessons.Network2, data.Images, data.OneHot, 20)
		fmt.Fprintf(&b, "%v:\n", ls.Sizes)
		for l := range depth {
			v := ls.Layer(l)
			lo, hi = math.Min(lo, slices.Max(v)/slices.Min(v)), math.Max(hi, slices.Max(v)/slices.Min(v))
			fmt.Fprintf(&b, "  hidden layer %d: median %.4f, range [%.4f, %.4f]", l+1, median(v), slices.Min(v), slices.Max(v))
			if l+1 < depth {
				fmt.Fprintf(&b, "; layer %d is %.1f× faster (median)", l+2, median(ls.Ratio(l)))
			}
			fmt.Fprintln(&b)
			if want, ok := nielsen[depth]; ok && (want[l] < slices.Min(v) || want[l] > slices.Max(v)) {
				t.Errorf("%v, layer %d: Nielsen's %g outside the range of 20 seeds [%.4f, %.4f]",
					ls.Sizes, l+1, want[l], slices.Min(v), slices.Max(v))
			}
		}
		for l := 0; l+1 < depth; l++ {
			for s, r := range ls.Ratio(l) {
				if r < 2.5 { // "every seed, every layer at least 2.5 times slower than the next"
					t.Errorf("%v seed %d: layer %d only %.2f× slower than layer %d", ls.Sizes, s+1, l+1, r, l+2)
				}
			}
		}
	}
	want := `[784 30 10]:
  hidden layer 1: median 0.2843, range [0.1430, 0.3663]
[784 30 30 10]:
  hidden layer 1: median 0.0568, range [0.0385, 0.0992]; layer 2 is 5.0× faster (median)
  hidden layer 2: median 0.2851, range [0.2006, 0.4351]
[784 30 30 30 10]:
  hidden layer 1: median 0.0116, range [0.0074, 0.0211]; layer 2 is 4.7× faster (median)
  hidden layer 2: median 0.0543, range [0.0362, 0.0837]; layer 3 is 5.1× faster (median)
  hidden layer 3: median 0.2935, range [0.2014, 0.3880]
[784 30 30 30 30 10]:
  hidden layer 1: median 0.0023, range [0.0015, 0.0051]; layer 2 is 4.9× faster (median)
  hidden layer 2: median 0.0119, range [0.0072, 0.0202]; layer 3 is 4.7× faster (median)
  hidden layer 3: median 0.0572, range [0.0366, 0.1004]; layer 4 is 5.2× faster (median)
  hidden layer 4: median 0.3016, range [0.1680, 0.5340]
`
	if b.String() != want {
		t.Errorf("20 seeds:\n%s\nwant\n%s", b.String(), want)
	}
	// "a layer's speed varies by a factor of 2 to 3.5"; "a 21st draw falls
	// between the smallest and the largest of 20 with probability 19/21,
	// about 90 %".
	if lo < 1.9 || hi > 3.5 {
		t.Errorf("largest over smallest speed of a layer: %.2f to %.2f, the text says 2 to 3.5", lo, hi)
	}
	if fmt.Sprintf("%.0f", 100*19.0/21) != "90" {
		t.Error("19/21")
	}
}

// TestSpeedsDuringTraining checks the training cell of section 3.
func TestSpeedsDuringTraining(t *testing.T) {
	data := mnistHead(t)
	net := lessons.Network2.NewNet([]int{784, 30, 30, 30, 10}, 1)
	speeds := lessons.SpeedsDuringTraining(net, data.Images, data.OneHot, 40)
	var b strings.Builder
	for _, e := range []int{0, 10, 39} {
		fmt.Fprintf(&b, "epoch %2d: speeds %.4f, layer 3 is %.0f× faster than layer 1\n", e, speeds[e], speeds[e][2]/speeds[e][0])
	}
	want := `epoch  0: speeds [0.0074 0.0404 0.2019], layer 3 is 27× faster than layer 1
epoch 10: speeds [0.0017 0.0085 0.0442], layer 3 is 27× faster than layer 1
epoch 39: speeds [0.0001 0.0004 0.0022], layer 3 is 20× faster than layer 1
`
	if b.String() != want {
		t.Errorf("training:\n%s\nwant\n%s", b.String(), want)
	}
	for e, s := range speeds {
		if !(s[0] < s[1] && s[1] < s[2]) {
			t.Errorf("epoch %d: speeds %v not increasing towards the output", e, s)
		}
	}
}

// TestStarts checks the cell with four starts.
func TestStarts(t *testing.T) {
	data := mnistHead(t)
	var b strings.Builder
	var base float64
	for _, scheme := range []lessons.Scheme{lessons.Network2, lessons.SigmoidGlorot, lessons.TanhGlorot, lessons.ReLUHe} {
		ls := lessons.InitialSpeeds(lessons.HiddenSizes(4), scheme, data.Images, data.OneHot, 20)
		var medians []float64
		for l := range 4 {
			medians = append(medians, median(ls.Layer(l)))
		}
		spread := median(ls.Spread())
		if base == 0 {
			base = spread
		}
		fmt.Fprintf(&b, "%-24s medians %.4f; layer 4 / layer 1 = %6.2f, %3.0f %% of the shrinkage removed\n",
			scheme.Name+":", medians, spread, 100*(1-math.Log(spread)/math.Log(base)))
	}
	want := `sigmoid, network2 start: medians [0.0023 0.0119 0.0572 0.3016]; layer 4 / layer 1 = 133.51,   0 % of the shrinkage removed
sigmoid, Glorot:         medians [0.0047 0.0196 0.0886 0.3876]; layer 4 / layer 1 =  82.75,  10 % of the shrinkage removed
tanh, Glorot:            medians [0.9079 1.0969 1.3230 1.4596]; layer 4 / layer 1 =   1.63,  90 % of the shrinkage removed
ReLU, He:                medians [0.8326 0.9012 1.0556 1.1503]; layer 4 / layer 1 =   1.37,  94 % of the shrinkage removed
`
	if b.String() != want {
		t.Errorf("starts:\n%s\nwant\n%s", b.String(), want)
	}
}

// TestActivationRace checks section 4's race, each net at its rate.
func TestActivationRace(t *testing.T) {
	data := mnistHead(t)
	var b strings.Builder
	names := []string{"ReLU, He", "tanh, Glorot", "sigmoid, network2"}
	rates := []float64{0.1, 0.1, 1}
	var epochs [][]float64
	for i, scheme := range []lessons.Scheme{lessons.ReLUHe, lessons.TanhGlorot, lessons.Network2} {
		e := lessons.RaceEpochs(data, scheme, lessons.RaceSetup{Seeds: 3, Target: 0.1, Rate: rates[i]})
		fmt.Fprintf(&b, "%-18s η = %-3g epochs to 10 %% training error: %v\n", names[i]+":", rates[i], e)
		epochs = append(epochs, []float64{float64(e[0]), float64(e[1]), float64(e[2])})
	}
	fmt.Fprintf(&b, "median: sigmoid needs %.0f× as many epochs as ReLU, tanh %.1f×\n",
		median(epochs[2])/median(epochs[0]), median(epochs[1])/median(epochs[0]))
	want := `ReLU, He:          η = 0.1 epochs to 10 % training error: [3 3 3]
tanh, Glorot:      η = 0.1 epochs to 10 % training error: [3 3 3]
sigmoid, network2: η = 1   epochs to 10 % training error: [9 9 10]
median: sigmoid needs 3× as many epochs as ReLU, tanh 1.0×
`
	if b.String() != want {
		t.Errorf("race:\n%s\nwant\n%s", b.String(), want)
	}
}

// TestRaceRates checks the rates the race uses and the text around it:
// each net's rate is faster than a third of it and three times it (a run
// that never reaches the target counts as slowest); at the common rate 0.1
// the sigmoid net needs 38 to 39 epochs; at the target 5 % the medians are
// 5 (ReLU), 4 (tanh) and 11 (sigmoid).
func TestRaceRates(t *testing.T) {
	data := mnistHead(t)
	slow := func(e []int) float64 { // median epochs, never = +Inf
		v := make([]float64, len(e))
		for i, n := range e {
			v[i] = float64(n)
			if n == 0 {
				v[i] = math.Inf(1)
			}
		}
		return median(v)
	}
	for _, c := range []struct {
		scheme lessons.Scheme
		rate   float64
	}{{lessons.ReLUHe, 0.1}, {lessons.TanhGlorot, 0.1}, {lessons.Network2, 1}} {
		best := slow(lessons.RaceEpochs(data, c.scheme, lessons.RaceSetup{Seeds: 3, Target: 0.1, Rate: c.rate}))
		for _, r := range []float64{c.rate / 3, c.rate * 3} {
			// 15 epochs are enough to tell: the best rate needs at most 10.
			if e := slow(lessons.RaceEpochs(data, c.scheme, lessons.RaceSetup{Seeds: 3, Target: 0.1, Rate: r, MaxEpochs: 15})); e <= best {
				t.Errorf("%s: rate %g needs a median of %g epochs, the chosen %g needs %g", c.scheme.Name, r, e, c.rate, best)
			}
		}
	}
	if e := lessons.RaceEpochs(data, lessons.Network2, lessons.RaceSetup{Seeds: 3, Target: 0.1, Rate: 0.1}); fmt.Sprint(e) != "[38 39 39]" {
		t.Errorf("sigmoid at rate 0.1: %v epochs, the text says 38 to 39", e)
	}
	var got []string
	for _, c := range []struct {
		scheme lessons.Scheme
		rate   float64
	}{{lessons.ReLUHe, 0.1}, {lessons.TanhGlorot, 0.1}, {lessons.Network2, 1}} {
		e := lessons.RaceEpochs(data, c.scheme, lessons.RaceSetup{Seeds: 3, Target: 0.05, Rate: c.rate})
		got = append(got, fmt.Sprint(slow(e)))
	}
	if strings.Join(got, " ") != "5 4 11" {
		t.Errorf("medians at 5 %%: %v, the text says 5 (ReLU), 4 (tanh), 11 (sigmoid)", got)
	}
}

// TestTryIt checks what the try-it prompts tell the learner to expect.
func TestTryIt(t *testing.T) {
	data := mnistHead(t)
	ls := lessons.InitialSpeeds(lessons.HiddenSizes(6), lessons.Network2, data.Images, data.OneHot, 20)
	if got := median(ls.Spread()); math.Abs(got-2700) > 50 {
		t.Errorf("six hidden layers: the last is %.0f× faster than the first, the text says about 2700", got)
	}
	lecun := lessons.Scheme{Name: "ReLU, LeCun", Hidden: dl.ReLU, Init: lessons.ScaledNormal{}}
	ls = lessons.InitialSpeeds(lessons.HiddenSizes(4), lecun, data.Images, data.OneHot, 20)
	if got := fmt.Sprintf("%.2f", median(ls.Spread())); got != "4.19" {
		t.Errorf("ReLU with LeCun's start: ratio %s, the text says 4.19", got)
	}
}
