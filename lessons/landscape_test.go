package lessons_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// The runs of lesson 05, section 3: seeds 0 and 6 trained for 5000 epochs.
type landscapeRun struct {
	net  *dl.Net
	path [][]float64
	loss func([]float64) float64
}

func landscapeRuns(t *testing.T, epochs int) map[uint64]landscapeRun {
	t.Helper()
	x, y := lessons.XOR()
	runs := map[uint64]landscapeRun{}
	for _, seed := range []uint64{0, 6} {
		net, path := lessons.XORTrajectory(seed, epochs)
		runs[seed] = landscapeRun{net, path, lessons.LossFunc(net.Clone(), dl.MSE{}, x, y)}
	}
	return runs
}

func TestParamVectorRoundTrip(t *testing.T) {
	net := lessons.NewXORNet(2, 0)
	theta := lessons.ParamVector(net)
	want := []float64{
		net.Layers[0].W.At(0, 0), net.Layers[0].W.At(0, 1), net.Layers[0].W.At(1, 0), net.Layers[0].W.At(1, 1),
		net.Layers[0].B.At(0, 0), net.Layers[0].B.At(0, 1),
		net.Layers[1].W.At(0, 0), net.Layers[1].W.At(1, 0), net.Layers[1].B.At(0, 0),
	}
	if !slices.Equal(theta, want) {
		t.Fatalf("ParamVector = %v, want %v", theta, want)
	}
	other := lessons.NewXORNet(2, 1)
	lessons.SetParamVector(other, theta)
	if !slices.Equal(lessons.ParamVector(other), theta) {
		t.Error("SetParamVector then ParamVector does not give θ back")
	}
	x, _ := lessons.XOR()
	if !mat.Equal(other.Forward(x), net.Forward(x)) {
		t.Error("a net with θ copied computes something else")
	}
	defer func() {
		if recover() == nil {
			t.Error("SetParamVector with 8 numbers did not panic")
		}
	}()
	lessons.SetParamVector(other, theta[:8])
}

// TestXORTrajectoryMatchesBackprop checks that the path's losses are those
// of lesson 4's BackpropXOR (the same loop) and prints what the notebook
// prints after 5000 epochs.
func TestXORTrajectoryMatchesBackprop(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	want := map[uint64]string{
		0: "seed 0: MSE 0.0005 after 5000 epochs, θ = [8.39 5.05 -6.56 -4.98 3.16 -2.76 -8.59 9.29 3.96]",
		6: "seed 6: MSE 0.1257 after 5000 epochs, θ = [-4.07 3.45 8.28 8.06 3.17 -0.81 -5.93 5.69 0.24]",
	}
	for seed, r := range runs {
		ref := lessons.BackpropXOR(seed, lessons.XORSetup{MaxEpochs: 5000, Target: 1e-300})
		for _, k := range []int{0, 1, 100, 2621, 5000} {
			if got := r.loss(r.path[k]); got != ref.Loss[k] {
				t.Errorf("seed %d, epoch %d: loss %v, BackpropXOR %v", seed, k, got, ref.Loss[k])
			}
		}
		if !slices.Equal(lessons.ParamVector(r.net), r.path[5000]) {
			t.Errorf("seed %d: the returned net is not at the path's end", seed)
		}
		got := fmt.Sprintf("seed %d: MSE %.4f after 5000 epochs, θ = %.2f", seed, r.loss(r.path[5000]), r.path[5000])
		if got != want[seed] {
			t.Errorf("got  %s\nwant %s", got, want[seed])
		}
	}
}

func TestFilterNormalDirection(t *testing.T) {
	net, _ := lessons.XORTrajectory(0, 500)
	d := lessons.FilterNormalDirection(net, rand.New(rand.NewPCG(1, 1)))
	theta := lessons.ParamVector(net)
	// Filters: columns of W¹ (entries 0,2 and 1,3) and of W² (6,7); biases 4, 5, 8.
	for _, f := range [][]int{{0, 2}, {1, 3}, {6, 7}} {
		var dn, tn float64
		for _, i := range f {
			dn += d[i] * d[i]
			tn += theta[i] * theta[i]
		}
		if math.Abs(math.Sqrt(dn)-math.Sqrt(tn)) > 1e-12 {
			t.Errorf("filter %v: ‖d‖ = %v, ‖θ‖ = %v", f, math.Sqrt(dn), math.Sqrt(tn))
		}
	}
	for _, i := range []int{4, 5, 8} {
		if d[i] != 0 {
			t.Errorf("bias entry %d of d is %v, want 0", i, d[i])
		}
	}
	// Same seed, same direction; another seed, another.
	if !slices.Equal(d, lessons.FilterNormalDirection(net, rand.New(rand.NewPCG(1, 1)))) {
		t.Error("same seed, different direction")
	}
	if slices.Equal(d, lessons.FilterNormalDirection(net, rand.New(rand.NewPCG(2, 2)))) {
		t.Error("different seeds, same direction")
	}
}

// TestSliceClaims checks what the notebook says about the slices through
// plane 1 (directions from rand.NewPCG(1, 1)).
func TestSliceClaims(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	plane := func(r landscapeRun) lessons.Plane {
		rng := rand.New(rand.NewPCG(1, 1))
		return lessons.Plane{Center: r.path[5000], D1: lessons.FilterNormalDirection(r.net, rng), D2: lessons.FilterNormalDirection(r.net, rng)}
	}
	// Seed 0: 0.3 filter norms away the loss is more than 100 times larger.
	r0 := runs[0]
	p0 := plane(r0)
	worst := 0.0
	for k := range 360 {
		a := float64(k) * math.Pi / 180
		worst = max(worst, r0.loss(p0.At(0.3*math.Cos(a), 0.3*math.Sin(a))))
	}
	if c := r0.loss(r0.path[5000]); worst < 100*c {
		t.Errorf("seed 0: largest loss at distance 0.3 is %v, only %.0f× the centre's %v", worst, worst/c, c)
	}
	// Seed 6: most of the square above 0.2; the lowest points, below 0.05, at the left edge.
	r6 := runs[6]
	p6 := plane(r6)
	above, n := 0, 0
	lowest, lowestA := math.Inf(1), 0.0
	for _, a := range lessons.Linspace(-1, 1, 101) {
		for _, b := range lessons.Linspace(-1, 1, 101) {
			l := r6.loss(p6.At(a, b))
			n++
			if l > 0.2 {
				above++
			}
			if l < lowest {
				lowest, lowestA = l, a
			}
		}
	}
	if frac := float64(above) / float64(n); frac < 0.6 {
		t.Errorf("seed 6: only %.0f %% of the square lies above 0.2", 100*frac)
	}
	if lowest >= 0.05 || lowestA > -0.95 {
		t.Errorf("seed 6: lowest point %v at a = %v, the notebook says below 0.05 at the left edge", lowest, lowestA)
	}
	// The filter norms of seed 0's end, 7 to 13.
	for l, layer := range r0.net.Layers {
		for j := range layer.Out() {
			norm := math.Hypot(layer.W.At(0, j), layer.W.At(1, j))
			if norm < 7 || norm > 13 {
				t.Errorf("seed 0, layer %d, unit %d: filter norm %.2f outside 7 to 13", l, j, norm)
			}
		}
	}
}

// TestPlaneMinima checks the counts the notebook prints over 100 planes.
func TestPlaneMinima(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	want := map[uint64]string{
		0: "seed 0:  86 of 100 planes reach below the end's MSE, 100 reach below 0.1",
		6: "seed 6:  32 of 100 planes reach below the end's MSE,   6 reach below 0.1",
	}
	for seed, r := range runs {
		start := time.Now()
		lowest := lessons.PlaneMinima(r.net, r.loss, r.path[5000], 100, 41)
		t.Logf("seed %d: 100 planes of 41×41 in %v", seed, time.Since(start))
		below, lower := 0, 0
		for _, l := range lowest {
			if l < 0.1 {
				below++
			}
			if l < r.loss(r.path[5000]) {
				lower++
			}
		}
		if got := fmt.Sprintf("seed %d: %3d of 100 planes reach below the end's MSE, %3d reach below 0.1", seed, lower, below); got != want[seed] {
			t.Errorf("got  %s\nwant %s", got, want[seed])
		}
		if seed == 6 {
			// Plane 1 is the plane of the figure, and one of the six.
			if lowest[0] >= 0.1 {
				t.Errorf("seed 6: plane 1's lowest loss %v, the notebook says it is one of the planes below 0.1", lowest[0])
			}
			// Try it: plane 2 shows no patch below 0.1.
			if lowest[1] < 0.1 {
				t.Errorf("seed 6: plane 2's lowest loss %v is below 0.1", lowest[1])
			}
		}
	}
}

// TestTrajectoryPlane checks the PCA plane of the two paths as the
// notebook prints it, and that the method finds a known plane.
func TestTrajectoryPlane(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	want := map[uint64]string{
		0: "seed 0: the two directions hold 94.0 % and 5.7 % of the path's variance; it starts at (-18.5, -0.1)",
		6: "seed 6: the two directions hold 99.5 % and 0.4 % of the path's variance; it starts at (-15.0, -0.2)",
	}
	for seed, r := range runs {
		plane, ex := lessons.TrajectoryPlane(r.path)
		a, b := plane.Project(r.path)
		got := fmt.Sprintf("seed %d: the two directions hold %.1f %% and %.1f %% of the path's variance; it starts at (%.1f, %.1f)",
			seed, 100*ex[0], 100*ex[1], a[0], b[0])
		if got != want[seed] {
			t.Errorf("got  %s\nwant %s", got, want[seed])
		}
		if a[5000] != 0 || b[5000] != 0 {
			t.Errorf("seed %d: the end projects to (%v, %v), want (0, 0)", seed, a[5000], b[5000])
		}
		// Orthonormal directions.
		if d := mat.Dot(mat.NewVecDense(9, plane.D1), mat.NewVecDense(9, plane.D2)); math.Abs(d) > 1e-12 {
			t.Errorf("seed %d: D1·D2 = %v", seed, d)
		}
		for _, d := range [][]float64{plane.D1, plane.D2} {
			if n := mat.Norm(mat.NewVecDense(9, d), 2); math.Abs(n-1) > 1e-12 {
				t.Errorf("seed %d: ‖D‖ = %v", seed, n)
			}
		}
		switch seed {
		case 0:
			if got := fmt.Sprintf("%.1f", 100*(1-ex[0]-ex[1])); got != "0.3" {
				t.Errorf("seed 0: %s %% of the variance outside the plane, the notebook says 0.3", got)
			}
		case 6:
			// "the figure stretches the second axis about eightfold": the
			// extents of a and b (the panel is about square).
			ea := slices.Max(a) - slices.Min(a)
			eb := slices.Max(b) - slices.Min(b)
			if r := ea / eb; r < 7 || r > 9 {
				t.Errorf("seed 6: extents %v and %v, ratio %.1f, not about 8", ea, eb, r)
			}
		}
	}
	// A path in a known plane: PCA finds it, with all the variance.
	e1 := []float64{1, 0, 0, 0}
	e2 := []float64{0, 0, 1, 0}
	var path [][]float64
	for k := range 50 {
		s := float64(k)
		path = append(path, []float64{3 * math.Cos(s/10), 5, math.Sin(s / 10), -1})
	}
	plane, ex := lessons.TrajectoryPlane(path)
	if math.Abs(ex[0]+ex[1]-1) > 1e-12 {
		t.Errorf("planar path: explained %v, want a sum of 1", ex)
	}
	for _, d := range [][]float64{plane.D1, plane.D2} {
		inPlane := math.Hypot(mat.Dot(mat.NewVecDense(4, d), mat.NewVecDense(4, e1)), mat.Dot(mat.NewVecDense(4, d), mat.NewVecDense(4, e2)))
		if math.Abs(inPlane-1) > 1e-9 {
			t.Errorf("planar path: direction %v leaves the plane", d)
		}
	}
}

// TestHessianOfXORNet checks the curvatures the notebook prints and says.
func TestHessianOfXORNet(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	x, y := lessons.XOR()
	want := map[uint64][2]string{
		0: {"seed 0, epoch    0: λ_min = -9.5e-04, λ_max = 0.200, 2/λ_max =  10", "seed 0, epoch 5000: λ_min = +8.5e-06, λ_max = 0.004, 2/λ_max = 511"},
		6: {"seed 6, epoch    0: λ_min = -1.4e-02, λ_max = 0.189, 2/λ_max =  11", "seed 6, epoch 5000: λ_min = +1.8e-05, λ_max = 0.188, 2/λ_max =  11"},
	}
	for seed, r := range runs {
		grad := lessons.GradFunc(r.net.Clone(), dl.MSE{}, x, y)
		for i, epoch := range []int{0, 5000} {
			lambda := lessons.Eigenvalues(lessons.Hessian(grad, r.path[epoch]))
			got := fmt.Sprintf("seed %d, epoch %4d: λ_min = %+.1e, λ_max = %.3f, 2/λ_max = %3.0f", seed, epoch, lambda[0], lambda[8], 2/lambda[8])
			if got != want[seed][i] {
				t.Errorf("got  %s\nwant %s", got, want[seed][i])
			}
			if seed == 6 && epoch == 5000 {
				if small := slices.IndexFunc(lambda, func(l float64) bool { return l >= 0.003 }); small != 8 {
					t.Errorf("seed 6 at the end: %d curvatures below 0.003, want 8 (%v)", small, lambda)
				}
			}
		}
	}
	// θ = 0: a critical point with loss 0.25, flat in 8 of 9 directions.
	net := lessons.NewXORNet(2, 0)
	grad := lessons.GradFunc(net.Clone(), dl.MSE{}, x, y)
	zero := make([]float64, 9)
	for i, g := range grad(zero) {
		if g != 0 {
			t.Errorf("∂L/∂θ%d at θ = 0 is %v, want 0", i, g)
		}
	}
	if l := lessons.LossFunc(net.Clone(), dl.MSE{}, x, y)(zero); l != 0.25 {
		t.Errorf("L(0) = %v, want 0.25", l)
	}
	lambda := lessons.Eigenvalues(lessons.Hessian(grad, zero))
	for _, l := range lambda[:8] {
		if math.Abs(l) > 1e-12 {
			t.Errorf("at θ = 0 the curvatures are %v, want 8 zeros and one positive", lambda)
			break
		}
	}
	if lambda[8] < 0.1 {
		t.Errorf("at θ = 0 the largest curvature is %v", lambda[8])
	}
}

// TestInterpolationClaims checks section 4 of the notebook.
func TestInterpolationClaims(t *testing.T) {
	runs := landscapeRuns(t, 5000)
	alphas := lessons.Linspace(0, 1, 101)
	want := map[uint64]string{
		0: "seed 0: L(0) = 0.2500, L(1) = 0.0005; largest rise 1.8e-03, up to α = 0.08",
		6: "seed 6: L(0) = 0.2577, L(1) = 0.1257; largest rise 7.9e-06, up to α = 0.01",
	}
	for seed, r := range runs {
		losses := lessons.Interpolate(r.loss, r.path[0], r.path[5000], alphas)
		// The notebook's own loop.
		for k, alpha := range alphas {
			th := make([]float64, 9)
			for i := range th {
				th[i] = (1-alpha)*r.path[0][i] + alpha*r.path[5000][i]
			}
			if l := r.loss(th); l != losses[k] {
				t.Fatalf("seed %d, α = %v: Interpolate %v, the loop %v", seed, alpha, losses[k], l)
			}
		}
		rise, at := lessons.LargestRise(losses)
		got := fmt.Sprintf("seed %d: L(0) = %.4f, L(1) = %.4f; largest rise %.1e, up to α = %.2f", seed, losses[0], losses[100], rise, alphas[at])
		if got != want[seed] {
			t.Errorf("got  %s\nwant %s", got, want[seed])
		}
		if seed == 0 {
			if peak := fmt.Sprintf("%.4f", slices.Max(losses)); peak != "0.2518" {
				t.Errorf("seed 0: the bump peaks at %s, the notebook says about 0.2518", peak)
			}
			if losses[0]/losses[100] < 100 {
				t.Errorf("seed 0: falls by only %.0f×, the notebook says more than two decades", losses[0]/losses[100])
			}
			// After the bump it falls steadily.
			for k := at + 1; k < len(losses); k++ {
				if losses[k] >= losses[k-1] {
					t.Errorf("seed 0: rises again at α = %v", alphas[k])
				}
			}
		}
	}
	if r, _ := lessons.LargestRise([]float64{3, 2, 2, 1}); r != 0 {
		t.Errorf("a non-increasing sequence has rise %v", r)
	}
	if r, at := lessons.LargestRise([]float64{3, 1, 2.5, 0, 1}); r != 1.5 || at != 2 {
		t.Errorf("rise %v at %d, want 1.5 at 2", r, at)
	}
}

// TestLongerTraining checks the "try it" with 20 000 epochs.
func TestLongerTraining(t *testing.T) {
	runs := landscapeRuns(t, 20000)
	if got := fmt.Sprintf("%.4f %.4f", runs[0].loss(runs[0].path[20000]), runs[6].loss(runs[6].path[20000])); got != "0.0001 0.1251" {
		t.Errorf("after 20 000 epochs: %s, the notebook says 0.0001 and 0.1251", got)
	}
}

// TestSurfaceSpeed checks the budget: a 100×100 grid of the XOR
// net's loss well under a second.
func TestSurfaceSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	r := landscapeRuns(t, 10)[0]
	rng := rand.New(rand.NewPCG(1, 1))
	p := lessons.Plane{Center: r.path[10], D1: lessons.FilterNormalDirection(r.net, rng), D2: lessons.FilterNormalDirection(r.net, rng)}
	start := time.Now()
	for _, a := range lessons.Linspace(-1, 1, 100) {
		for _, b := range lessons.Linspace(-1, 1, 100) {
			r.loss(p.At(a, b))
		}
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("100×100 grid took %v", d)
	}
}

// TestInterpolationOverSeeds checks the straight lines of lesson 4's 100
// runs, as the notebook prints and describes them.
func TestInterpolationOverSeeds(t *testing.T) {
	x, y := lessons.XOR()
	alphas := lessons.Linspace(0, 1, 101)
	var rises []float64
	var stuck []string
	for _, run := range lessons.XORSeeds(100, lessons.XORSetup{}) {
		theta0 := lessons.ParamVector(lessons.NewXORNet(2, run.Seed))
		loss := lessons.LossFunc(run.Net.Clone(), dl.MSE{}, x, y)
		losses := lessons.Interpolate(loss, theta0, lessons.ParamVector(run.Net), alphas)
		rise, at := lessons.LargestRise(losses)
		if !run.Solved {
			stuck = append(stuck, fmt.Sprintf("stuck seed %d: largest rise %.1e", run.Seed, rise))
			if rise > 1.2e-4 {
				t.Errorf("stuck seed %d rises by %v, the notebook says at most 1.2e-4", run.Seed, rise)
			}
			continue
		}
		rises = append(rises, rise)
		// "near the start": every bump ends before α = 0.2.
		if rise > 0 && alphas[at] > 0.2 {
			t.Errorf("seed %d: its bump ends at α = %v", run.Seed, alphas[at])
		}
		if losses[0] < 0.24 || losses[0] > 0.27 {
			t.Errorf("seed %d: starting loss %v, not about 0.25", run.Seed, losses[0])
		}
	}
	if got := fmt.Sprint(stuck); got != "[stuck seed 6: largest rise 1.2e-04 stuck seed 14: largest rise 0.0e+00]" {
		t.Errorf("stuck runs: %s", got)
	}
	slices.Sort(rises)
	monotone := 0
	for _, r := range rises {
		if r == 0 {
			monotone++
		}
	}
	got := fmt.Sprintf("%d solved runs: %d with a monotone line; largest rise: median %.1e, max %.1e", len(rises), monotone, rises[len(rises)/2], rises[len(rises)-1])
	if want := "98 solved runs: 31 with a monotone line; largest rise: median 1.2e-03, max 1.1e-02"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if m := fmt.Sprintf("%.3f", rises[len(rises)-1]); m != "0.011" {
		t.Errorf("largest bump %s, the notebook says 0.011", m)
	}
}

// TestSpiralSlice checks what the notebook says about the slice through the
// spiral net: 500 steps of full-batch gradient descent (η = 0.5) on
// Spiral(3, 100) from seed 1, directions from rand.NewPCG(1, 1).
func TestSpiralSlice(t *testing.T) {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 0)))
	net := dl.NewMLP([]int{2, 32, 32, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(1, 1)))
	ce := dl.SoftmaxCrossEntropy{}
	opt := &dl.SGD{}
	grad := mat.NewDense(300, 3, nil)
	for range 500 {
		out := net.Forward(x)
		ce.Grad(grad, out, y)
		net.Backward(grad)
		opt.Step(net.Params(), 0.5)
	}
	theta := lessons.ParamVector(net)
	loss := lessons.LossFunc(net.Clone(), ce, x, y)
	got := fmt.Sprintf("%v: %d parameters, loss %.3f, training accuracy %.3f", net, len(theta), loss(theta), dl.Accuracy(net.Forward(x), y))
	if want := "2-32-32-3 (relu, relu, identity): 1251 parameters, loss 0.035, training accuracy 0.993"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	p := lessons.Plane{Center: theta, D1: lessons.FilterNormalDirection(net, rng), D2: lessons.FilterNormalDirection(net, rng)}
	// The floor falls to 0.028 about 0.2 filter norms from the centre.
	lowest, la, lb := math.Inf(1), 0.0, 0.0
	for _, a := range lessons.Linspace(-1, 1, 61) {
		for _, b := range lessons.Linspace(-1, 1, 61) {
			if l := loss(p.At(a, b)); l < lowest {
				lowest, la, lb = l, a, b
			}
		}
	}
	if d := math.Hypot(la, lb); fmt.Sprintf("%.3f", lowest) != "0.028" || d < 0.15 || d > 0.25 {
		t.Errorf("lowest point %v at (%v, %v), distance %v", lowest, la, lb, d)
	}
	// Half a filter norm away: 0.055 along the valley, 2.65 across it.
	lo, hi := math.Inf(1), 0.0
	for k := range 360 {
		a := float64(k) * math.Pi / 180
		l := loss(p.At(0.5*math.Cos(a), 0.5*math.Sin(a)))
		lo, hi = min(lo, l), max(hi, l)
	}
	if got := fmt.Sprintf("%.3f %.2f", lo, hi); got != "0.055 2.65" {
		t.Errorf("at distance 0.5 the loss runs over %s, the notebook says 0.055 to 2.65", got)
	}
	// The corners: 2.8 to 10.9, all above ln 3 ≈ 1.10.
	lo, hi = math.Inf(1), 0.0
	for _, c := range [][2]float64{{-1, -1}, {-1, 1}, {1, -1}, {1, 1}} {
		l := loss(p.At(c[0], c[1]))
		lo, hi = min(lo, l), max(hi, l)
	}
	if got := fmt.Sprintf("%.1f %.1f", lo, hi); got != "2.8 10.9" || lo < math.Log(3) {
		t.Errorf("corners %s, the notebook says 2.8 to 10.9", got)
	}
	if got := fmt.Sprintf("%.2f", math.Log(3)); got != "1.10" {
		t.Errorf("ln 3 = %s", got)
	}
}
