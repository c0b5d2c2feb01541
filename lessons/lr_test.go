package lessons_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// The tests below check every number notebooks/06-learning-rates.ipynb
// prints or states, section by section, formatted as the notebook formats
// it.

var lrSeeds = []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}

// TestLRTooSmallTooBig checks section 1: seed 1 at four rates a decade apart.
func TestLRTooSmallTooBig(t *testing.T) {
	for _, c := range []struct {
		eta  float64
		want string
	}{
		{0.01, "validation loss 0.808, accuracy 55.7 %"},
		{0.1, "validation loss 0.359, accuracy 93.7 %"},
		{1, "validation loss 0.112, accuracy 96.7 %"},
		{3, "validation loss 0.908, accuracy"}, // the try-it prompt
	} {
		h, err := lessons.LRFit(32, dl.Constant(c.eta), 1)
		if err != nil {
			t.Fatalf("η = %g: %v", c.eta, err)
		}
		if len(h.Loss) != 200 || len(h.ValLoss) != 20 {
			t.Fatalf("η = %g: %d steps, %d epochs; the text says 200 and 20", c.eta, len(h.Loss), len(h.ValLoss))
		}
		last := len(h.ValLoss) - 1
		got := fmt.Sprintf("validation loss %.3f, accuracy %.1f %%", h.ValLoss[last], 100*h.Metrics[0].Val[last])
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("η = %g: %s, the notebook says %s", c.eta, got, c.want)
		}
	}
	// "56 %" in the text, and guessing one of 3 classes: 33 %, ln 3 ≈ 1.10.
	if fmt.Sprintf("%.0f %.0f %.2f", 55.67, 100.0/3, math.Log(3)) != "56 33 1.10" {
		t.Error("rounded values in the text")
	}

	if n := lessons.NewLRNet(32, 1).NumParams(); n != 1251 {
		t.Errorf("the net has %d parameters, the text says 1251", n)
	}

	h, err := lessons.LRFit(32, dl.Constant(10), 1)
	var div *dl.DivergenceError
	if !errors.As(err, &div) {
		t.Fatalf("η = 10: error %v, want a *dl.DivergenceError", err)
	}
	want := "dl: training diverged at step 9 (epoch 0): loss is NaN with learning rate 10; try a smaller learning rate"
	if err.Error() != want {
		t.Errorf("η = 10: error\n%s\nthe notebook shows\n%s", err, want)
	}
	got := fmt.Sprintf("loss %.3g at step 0, %.3g at step %d", h.Loss[0], h.Loss[len(h.Loss)-1], len(h.Loss)-1)
	if got != "loss 1.15 at step 0, 1.46e+194 at step 8" {
		t.Errorf("η = 10: %s", got)
	}
	for k := 1; k < len(h.Loss); k++ {
		if h.Loss[k] <= h.Loss[k-1] {
			t.Errorf("η = 10: the loss falls at step %d; the text says it grows at every step", k)
		}
		// "this one curves upwards": log₁₀ of the loss rises by more at every step.
		if k >= 2 && math.Log10(h.Loss[k])-math.Log10(h.Loss[k-1]) <= math.Log10(h.Loss[k-1])-math.Log10(h.Loss[k-2]) {
			t.Errorf("η = 10: log₁₀ of the loss rises less at step %d than at step %d", k, k-1)
		}
	}
}

// TestLRFinderLoop checks section 2's hand-written finder against dl.FindLR
// and the numbers printed about its curve.
func TestLRFinderLoop(t *testing.T) {
	rates, smoothed := findLR(1, 100)
	res, err := lessons.LRFinderSweep(32, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Rates, rates) || !slices.Equal(res.Losses, smoothed) {
		t.Fatalf("the loop's curve (%d points) differs from dl.FindLR's (%d)", len(rates), len(res.Rates))
	}
	low := slices.Index(smoothed, slices.Min(smoothed))
	got := fmt.Sprintf("%d steps, last rate %.3g; lowest smoothed loss %.3f at η = %.3g", len(rates), rates[len(rates)-1], smoothed[low], rates[low])
	if want := "100 steps, last rate 10; lowest smoothed loss 1.062 at η = 1.87"; got != want {
		t.Errorf("loop prints %q, the notebook %q", got, want)
	}
	if res.Diverged {
		t.Error("the sweep stopped early; the text says it ran all 100 steps")
	}
	// "Up to about 10⁻² nothing happens: the smoothed loss stays near 1.21"
	// (after its first few steps, which average only a few batches).
	for i, r := range rates {
		if r >= 1e-6 && r <= 1e-2 && math.Abs(smoothed[i]-1.21) > 0.02 {
			t.Errorf("at η = %.3g the smoothed loss is %.4f, not near 1.21", r, smoothed[i])
		}
	}
	if got := fmt.Sprintf("%.2f", smoothed[low]); got != "1.06" {
		t.Errorf("lowest smoothed loss %s, the text says 1.06", got)
	}
	s := lessons.Suggest(res, 100)
	got = fmt.Sprintf("%.3g %.3g %.3g %.3g", s.Valley, s.MinimumTenth(), s.Minimum, s.Steepest)
	if l := fmt.Sprintf("suggested rate %.2g", res.Suggested); l != "suggested rate 0.045" {
		t.Errorf("the finder figure's legend reads %q", l)
	}
	if want := "0.0453 0.187 1.87 1.29"; got != want {
		t.Errorf("valley, minimum/10, minimum, steepest = %s, the notebook prints %s", got, want)
	}
	// "Three rules, three rates spread over more than a decade."
	if s.Steepest/s.Valley <= 10 {
		t.Errorf("the rules span a factor %.1f", s.Steepest/s.Valley)
	}
	// Try it: with 200 steps the lowest point moves to a smaller rate.
	r2, s2 := findLR(1, 200)
	if low2 := slices.Index(s2, slices.Min(s2)); r2[low2] >= rates[low] {
		t.Errorf("200 steps: lowest at η = %.3g, 100 steps at %.3g", r2[low2], rates[low])
	}
	// The ×1.2 per step of the comment, and ×1.10 with 200 steps (try it).
	if f1, f2 := math.Pow(1e8, 1.0/99), math.Pow(1e8, 1.0/199); fmt.Sprintf("%.1f %.2f", f1, f2) != "1.2 1.10" {
		t.Errorf("growth per step %.3f and %.3f", f1, f2)
	}
}

// findLR is the notebook's loop, word for word.
// (steps is a constant there; the try-it prompt changes it to 200).
func findLR(seed uint64, steps int) (rates, smoothed []float64) {
	x, y, _, _ := lessons.LRData(seed)
	net := lessons.NewLRNet(32, seed)
	batches := lessons.NewBatcher(x, y, 32, rand.New(rand.NewPCG(seed, 2)))
	opt := &dl.SGD{}
	lo, hi, beta := 1e-7, 10.0, 0.98
	avg, best := 0.0, math.Inf(1)
	for i := range steps {
		eta := lo * math.Pow(hi/lo, float64(i)/float64(steps-1))
		xb, yb := batches.Next()
		loss := net.Gradient(dl.SoftmaxCrossEntropy{}, xb, yb)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			break
		}
		opt.Step(net.Params(), eta)
		avg = beta*avg + (1-beta)*loss
		s := avg / (1 - math.Pow(beta, float64(i+1)))
		rates, smoothed = append(rates, eta), append(smoothed, s)
		best = min(best, s)
		if s > 4*best {
			break
		}
	}
	return rates, smoothed
}

// TestBatcherIsTrainOrder checks that Batcher hands out dl.Train's batches:
// a hand-written loop with it gives Train's losses, with a smaller last
// batch and over several epochs, and the full batch unshuffled.
func TestBatcherIsTrainOrder(t *testing.T) {
	x, y, _, _ := lessons.LRData(4)
	for _, bs := range []int{32, 300, 500} {
		h, err := dl.Train(lessons.NewLRNet(8, 4), x, y, dl.TrainConfig{Loss: dl.SoftmaxCrossEntropy{},
			Optimizer: &dl.SGD{}, Schedule: dl.Constant(0.1), Epochs: 3, BatchSize: bs, Rand: rand.New(rand.NewPCG(4, 2))})
		if err != nil {
			t.Fatal(err)
		}
		net, opt := lessons.NewLRNet(8, 4), &dl.SGD{}
		b := lessons.NewBatcher(x, y, bs, rand.New(rand.NewPCG(4, 2)))
		for k, want := range h.Loss {
			xb, yb := b.Next()
			if got := net.Gradient(dl.SoftmaxCrossEntropy{}, xb, yb); got != want {
				t.Fatalf("batch size %d, step %d: loss %v, Train's %v", bs, k, got, want)
			}
			opt.Step(net.Params(), 0.1)
		}
	}
}

// lrGrid is section 2's grid, computed once for the tests that need it.
var lrGrid = struct {
	rates []float64
	loss  [][]float64
}{rates: []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5}}

func rateGrid(t *testing.T) [][]float64 {
	if lrGrid.loss == nil {
		lrGrid.loss = lessons.RateGrid(32, lrGrid.rates, lrSeeds)
	}
	return lrGrid.loss
}

// TestLRGridAndRules checks section 2's grid over 10 seeds, the three rules
// over the same seeds, and the recommendation drawn from them.
func TestLRGridAndRules(t *testing.T) {
	if testing.Short() {
		t.Skip("90 training runs")
	}
	loss := rateGrid(t)
	var got []string
	var medians []float64
	for i, eta := range lrGrid.rates {
		medians = append(medians, lessons.Median(loss[i]))
		got = append(got, fmt.Sprintf("η = %-4g  median %.3f   range %.3f – %.3f", eta, medians[i], slices.Min(loss[i]), slices.Max(loss[i])))
	}
	want := []string{
		"η = 0.01  median 0.793   range 0.764 – 0.834",
		"η = 0.02  median 0.712   range 0.685 – 0.754",
		"η = 0.05  median 0.558   range 0.523 – 0.619",
		"η = 0.1   median 0.365   range 0.334 – 0.419",
		"η = 0.2   median 0.201   range 0.173 – 0.224",
		"η = 0.5   median 0.148   range 0.081 – 0.468",
		"η = 1     median 0.246   range 0.079 – 0.832",
		"η = 2     median 0.699   range 0.577 – 1.131",
		"η = 5     median 1.319   range 0.887 – +Inf",
	}
	if !slices.Equal(got, want) {
		t.Errorf("grid prints\n%s\nthe notebook\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	best := slices.Index(medians, slices.Min(medians))
	if lrGrid.rates[best] != 0.5 {
		t.Errorf("best grid rate %g, the text says 0.5", lrGrid.rates[best])
	}
	// At 5 exactly one seed diverges.
	if n := len(slices.DeleteFunc(slices.Clone(loss[8]), func(v float64) bool { return !math.IsInf(v, 1) })); n != 4 {
		t.Errorf("%d seeds diverge at η = 5, the text says 4", n)
	}

	var valley, minimum, steepest []float64
	for _, seed := range lrSeeds {
		res, err := lessons.LRFinderSweep(32, seed)
		if err != nil {
			t.Fatal(err)
		}
		s := lessons.Suggest(res, 100)
		valley, minimum, steepest = append(valley, s.Valley), append(minimum, s.MinimumTenth()), append(steepest, s.Steepest)
	}
	got = got[:0]
	for _, rule := range []struct {
		name  string
		rates []float64
	}{{"valley", valley}, {"minimum / 10", minimum}, {"steepest", steepest}} {
		got = append(got, fmt.Sprintf("%-12s  median η = %.3g   range %.3g – %.3g", rule.name, lessons.Median(rule.rates), slices.Min(rule.rates), slices.Max(rule.rates)))
	}
	want = []string{
		"valley        median η = 0.0453   range 0.0313 – 0.167",
		"minimum / 10  median η = 0.156   range 0.107 – 0.327",
		"steepest      median η = 0.562   range 6.43e-07 – 3.27",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rules print\n%s\nthe notebook\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The text's comparisons: valley a decade below the best, where the
	// grid's median is nearly four times the best; minimum/10 a factor 3.2
	// below it; 3 × minimum/10 = 0.47 brackets 0.5 with minimum/10.
	m := lessons.Median(minimum)
	if l := fmt.Sprintf("suggested rate %.2g", m); l != "suggested rate 0.16" {
		t.Errorf("the grid figure's legend reads %q", l)
	}
	checks := []struct {
		got, want string
	}{
		{fmt.Sprintf("%.2g", lessons.Median(valley)), "0.045"},
		{fmt.Sprintf("%.1f", 0.5/lessons.Median(valley)), "11.0"},
		{fmt.Sprintf("%.2f", medians[2]/medians[5]), "3.76"},
		{fmt.Sprintf("%.1f", 0.5/m), "3.2"},
		{fmt.Sprintf("%.2f", 3*m), "0.47"},
		{fmt.Sprintf("%.0e %.1f", slices.Min(steepest), slices.Max(steepest)), "6e-07 3.3"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("text value %s, want %s", c.got, c.want)
		}
	}
	if !(m < 0.5 && 3*m < 0.5*1.1 && 3*m > 0.2) {
		t.Errorf("minimum/10 = %.3g and 3× it do not bracket the best rate 0.5", m)
	}
}

// lrSchedules are section 3's schedules at peak rate peak.
func lrSchedules(peak float64) []dl.Schedule {
	return []dl.Schedule{
		dl.Constant(peak),
		dl.StepDecay{Initial: peak, Factor: 0.5, Every: 50},
		dl.Exponential{Start: peak, End: peak / 100},
		dl.Cosine{Start: peak, End: 0},
		dl.Warmup{Steps: 20, Then: dl.Cosine{Start: peak}},
		dl.OneCycle{MaxRate: peak},
		dl.Triangular{Base: peak / 10, Max: peak, StepSize: 50},
	}
}

var lrScheduleNames = []string{"constant", "step decay", "exponential", "cosine", "warm-up, then cosine", "one-cycle", "triangular"}

// TestLRSchedules checks section 3's comparison over 10 seeds at peak 1, and
// the try-it prompt's at peak 0.5.
func TestLRSchedules(t *testing.T) {
	if testing.Short() {
		t.Skip("140 training runs")
	}
	loss := lessons.ScheduleGrid(32, lrSchedules(1), lrSeeds)
	var got []string
	med := map[string]float64{}
	for i, name := range lrScheduleNames {
		v := slices.Sorted(slices.Values(loss[i]))
		med[name] = lessons.Median(v)
		got = append(got, fmt.Sprintf("%-21s median %.3f   middle half %.3f – %.3f   range %.3f – %.3f", name, lessons.Median(v), v[2], v[7], v[0], v[9]))
	}
	want := []string{
		"constant              median 0.246   middle half 0.153 – 0.537   range 0.079 – 0.832",
		"step decay            median 0.110   middle half 0.106 – 0.129   range 0.084 – 0.143",
		"exponential           median 0.204   middle half 0.185 – 0.216   range 0.168 – 0.244",
		"cosine                median 0.107   middle half 0.095 – 0.125   range 0.082 – 0.134",
		"warm-up, then cosine  median 0.114   middle half 0.091 – 0.119   range 0.078 – 0.130",
		"one-cycle             median 0.110   middle half 0.092 – 0.118   range 0.081 – 0.136",
		"triangular            median 0.143   middle half 0.126 – 0.177   range 0.097 – 0.214",
	}
	if !slices.Equal(got, want) {
		t.Errorf("schedules print\n%s\nthe notebook\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Every schedule that ends low has a lower median than the constant
	// rate, and than the grid's best constant rate (0.148).
	for _, name := range lrScheduleNames[1:] {
		if med[name] >= med["constant"] || med[name] >= 0.148 && name != "triangular" && name != "exponential" {
			t.Errorf("%s: median %.3f", name, med[name])
		}
	}
	// Cosine, warm-up + cosine and one-cycle differ by less than the middle
	// half of any of them.
	lo := min(med["cosine"], med["warm-up, then cosine"], med["one-cycle"])
	hi := max(med["cosine"], med["warm-up, then cosine"], med["one-cycle"])
	for _, i := range []int{3, 4, 5} {
		v := slices.Sorted(slices.Values(loss[i]))
		if hi-lo >= v[7]-v[2] {
			t.Errorf("medians differ by %.3f, %s's middle half is %.3f wide", hi-lo, lrScheduleNames[i], v[7]-v[2])
		}
	}
	// The exponential schedule is at 0.1 halfway, the triangular one ends at 0.1.
	if r := (dl.Exponential{Start: 1, End: 0.01}).Rate(100, 200); math.Abs(r-0.1) > 1e-12 {
		t.Errorf("exponential at step 100: %v", r)
	}
	if r := (dl.Triangular{Base: 0.1, Max: 1, StepSize: 50}).Rate(199, 200); math.Abs(r-0.118) > 1e-12 {
		t.Errorf("triangular at the last step: %v", r)
	}

	// Try it: peak 0.5.
	loss = lessons.ScheduleGrid(32, lrSchedules(0.5), lrSeeds)
	var others []float64
	for i, name := range lrScheduleNames {
		m := lessons.Median(loss[i])
		if name == "exponential" {
			if got := fmt.Sprintf("%.3f", m); got != "0.354" {
				t.Errorf("peak 0.5, exponential: median %s, the try-it says 0.354", got)
			}
			continue
		}
		others = append(others, m)
	}
	if got := fmt.Sprintf("%.3f to %.3f", slices.Min(others), slices.Max(others)); got != "0.140 to 0.159" {
		t.Errorf("peak 0.5: medians %s, the try-it says 0.140 to 0.159", got)
	}
}

// TestCheckCosine checks the exercise's checker: the notebook's answer
// passes with fastai's SchedCos(0, 2) values, each slip gets its hint, and
// the answer trains exactly like dl.Cosine.
func TestCheckCosine(t *testing.T) {
	answer := func(start, end float64, step, total int) float64 {
		p := float64(step) / float64(total)
		return start + (1-math.Cos(math.Pi*p))*(end-start)/2
	}
	want := "✓ correct: from 0 to 2 it passes 0, 0.29289, 1, 1.70711, 2 at p = 0, ¼, ½, ¾, 1, fastai's values for SchedCos(0, 2)"
	if got := lessons.CheckCosine(answer); got != want {
		t.Errorf("answer: %s", got)
	}
	for _, c := range []struct {
		hint string
		f    func(start, end float64, step, total int) float64
	}{
		{"runs backwards", func(s, e float64, k, n int) float64 {
			return s + (1+math.Cos(math.Pi*float64(k)/float64(n)))*(e-s)/2
		}},
		{"/2 is missing", func(s, e float64, k, n int) float64 {
			return s + (1-math.Cos(math.Pi*float64(k)/float64(n)))*(e-s)
		}},
		{"π is missing", func(s, e float64, k, n int) float64 { return s + (1-math.Cos(float64(k)/float64(n)))*(e-s)/2 }},
		{"total−1", func(s, e float64, k, n int) float64 {
			return s + (1-math.Cos(math.Pi*float64(k)/float64(n-1)))*(e-s)/2
		}},
		{"divides integers", func(s, e float64, k, n int) float64 {
			return s + (1-math.Cos(math.Pi*float64(k/n)))*(e-s)/2
		}},
		{"straight line", func(s, e float64, k, n int) float64 { return s + float64(k)/float64(n)*(e-s) }},
		{"step 0 gives", func(s, e float64, k, n int) float64 { return e }},
	} {
		got := lessons.CheckCosine(c.f)
		if !strings.HasPrefix(got, "✗ not yet") || !strings.Contains(got, c.hint) {
			t.Errorf("slip %q: verdict %q", c.hint, got)
		}
	}
	if got := lessons.CheckCosine(nil); !strings.HasPrefix(got, "✗ not yet") {
		t.Errorf("nil: %q", got)
	}

	mine := dl.ScheduleFunc(func(step, total int) float64 { return answer(1, 0, step, total) })
	a, err := lessons.LRFit(32, mine, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lessons.LRFit(32, dl.Cosine{Start: 1, End: 0}, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("your cosine: validation loss %.4f; dl.Cosine: %.4f", a.ValLoss[19], b.ValLoss[19])
	if want := "your cosine: validation loss 0.0824; dl.Cosine: 0.0824"; got != want || a.ValLoss[19] != b.ValLoss[19] {
		t.Errorf("%s, the notebook prints %s", got, want)
	}
}

// TestHeatGrid checks section 4's heat map: its values, the claims about
// them, the try-it's 64-unit row, and that the result does not depend on
// the number of goroutines.
func TestHeatGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("60 training runs")
	}
	widths := []int{4, 8, 16, 32, 64}
	rates := []float64{0.1, 0.3, 1, 3}
	seeds := []uint64{1, 2, 3}
	med := lessons.HeatGrid(widths, rates, seeds, 0)
	want := [][]string{
		{"0.712", "0.528", "0.674", "1.02"},
		{"0.631", "0.411", "0.502", "1.07"},
		{"0.468", "0.25", "0.304", "1.05"},
		{"0.359", "0.159", "0.227", "0.98"},
		{"0.338", "0.11", "0.22", "0.898"},
	}
	for i := range widths {
		for j := range rates {
			// The heat map prints its cells with %.3g.
			if got := fmt.Sprintf("%.3g", med[i][j]); got != want[i][j] {
				t.Errorf("%d units, rate %g: %s, want %s", widths[i], rates[j], got, want[i][j])
			}
			if j != 1 && med[i][j] <= med[i][1] {
				t.Errorf("%d units: rate %g is as good as 0.3", widths[i], rates[j])
			}
			if i > 0 && rates[j] <= 1 && med[i][j] >= med[i-1][j] {
				t.Errorf("rate %g: %d units no better than %d", rates[j], widths[i], widths[i-1])
			}
		}
		if med[i][3] < 0.89 {
			t.Errorf("%d units at rate 3: %.3f, the text says every width does badly", widths[i], med[i][3])
		}
	}
	// Try it: the 64-unit row is the best at every rate.
	for j := range rates {
		for i := range 4 {
			if med[4][j] >= med[i][j] {
				t.Errorf("rate %g: 64 units %.3f, %d units %.3f", rates[j], med[4][j], widths[i], med[i][j])
			}
		}
	}
	if got := fmt.Sprintf("%.3f %.3f", med[0][1], med[3][1]); got != "0.528 0.159" {
		t.Errorf("best of 4 and of 32 units: %s", got)
	}
	one := lessons.HeatGrid(widths[:2], rates, seeds, 1)
	if fmt.Sprint(one) != fmt.Sprint(med[:2]) {
		t.Error("one goroutine gives other numbers than several")
	}
}

// TestParallel checks that Parallel calls f once for every index, with any
// number of workers, and returns at once for n = 0.
func TestParallel(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		calls := make([]int, 20)
		lessons.Parallel(len(calls), workers, func(i int) { calls[i]++ })
		for i, c := range calls {
			if c != 1 {
				t.Errorf("%d workers: f(%d) called %d times", workers, i, c)
			}
		}
	}
	lessons.Parallel(0, 2, func(int) { t.Error("f called for n = 0") })
}

// TestLRValLossIsLRFit checks that the lean LRValLoss of the grids gives
// the validation loss LRFit records, for a run that ends and one that
// diverges.
func TestLRValLossIsLRFit(t *testing.T) {
	for _, eta := range []float64{0.3, 10} {
		want := math.Inf(1)
		if h, err := lessons.LRFit(16, dl.Constant(eta), 2); err == nil {
			want = h.ValLoss[len(h.ValLoss)-1]
		}
		if got := lessons.LRValLoss(16, dl.Constant(eta), 2); got != want {
			t.Errorf("η = %g: LRValLoss %v, LRFit %v", eta, got, want)
		}
	}
}

// TestLRPanics checks the programmer errors of this file's helpers.
func TestLRPanics(t *testing.T) {
	x, y, _, _ := lessons.LRData(1)
	for name, f := range map[string]func(){
		"NewLRNet 0 units":  func() { lessons.NewLRNet(0, 1) },
		"NewBatcher size 0": func() { lessons.NewBatcher(x, y, 0, rand.New(rand.NewPCG(1, 1))) },
		"Median empty":      func() { lessons.Median(nil) },
		"Suggest too short": func() { lessons.Suggest(dl.LRFinderResult{Rates: []float64{1, 2}, Losses: []float64{1, 2}}, 100) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
