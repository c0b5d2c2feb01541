package lessons_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// TestSoftmaxGradCheck checks lesson 07's printout for the logits (2, 1, −1)
// with the second class true, and that p − y matches the central
// differences to 1e-8 for a few other logits.
func TestSoftmaxGradCheck(t *testing.T) {
	z, y := []float64{2, 1, -1}, []float64{0, 1, 0}
	p := mat.NewDense(1, 3, nil)
	dl.Softmax(p, mat.NewDense(1, 3, z))
	got := fmt.Sprintf("p = %.4f, cross-entropy −ln p₂ = %.4f", p.RawRowView(0), -math.Log(p.At(0, 1)))
	if want := "p = [0.7054 0.2595 0.0351], cross-entropy −ln p₂ = 1.3490"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
	a, n := lessons.SoftmaxGradCheck(z, y)
	if got := fmt.Sprintf("%.6f %.6f", a, n); got != "[0.705385 -0.740504 0.035119] [0.705385 -0.740504 0.035119]" {
		t.Errorf("gradients %s", got)
	}
	for _, c := range []struct{ z, y []float64 }{
		{[]float64{0, 0, 0, 0}, []float64{1, 0, 0, 0}},
		{[]float64{10, -3, 2}, []float64{0, 0, 1}},
		{[]float64{-1, 4}, []float64{0.3, 0.7}},
	} {
		a, n := lessons.SoftmaxGradCheck(c.z, c.y)
		for j := range a {
			if math.Abs(a[j]-n[j]) > 1e-8 {
				t.Errorf("z = %v: ∂L/∂z%d = %g analytically, %g numerically", c.z, j, a[j], n[j])
			}
		}
	}
}

// TestOutputGradients checks the printed values and the claim that the
// MSE's gradient is 2σ′(z) ≤ ½ times the cross-entropy's, with the MSE
// curve peaking at 0.30 left of z = 0 (as drawn).
func TestOutputGradients(t *testing.T) {
	want := map[float64]string{-4: "0.0347 0.9820", 0: "0.2500 0.5000", 4: "0.0006 0.0180"}
	for z, w := range want {
		m, c := lessons.OutputGradients(z)
		if got := fmt.Sprintf("%.4f %.4f", m, c); got != w {
			t.Errorf("z = %g: %s, want %s", z, got, w)
		}
	}
	for _, z := range lessons.Linspace(-6, 6, 121) {
		m, c := lessons.OutputGradients(z)
		if r := m / c; math.Abs(r-2*dl.Sigmoid.Deriv(z)) > 1e-12 || r > 0.5+1e-15 {
			t.Errorf("z = %g: ratio %g", z, r)
		}
	}
	// The MSE curve's peak: 2(1 − σ)²σ is largest at σ = ⅓, z = −ln 2,
	// where it is 8/27 ≈ 0.30.
	best, at := 0.0, 0.0
	for _, z := range lessons.Linspace(-6, 6, 12001) {
		if m, _ := lessons.OutputGradients(z); m > best {
			best, at = m, z
		}
	}
	if got := fmt.Sprintf("%.2f %.2f", best, at); got != "0.30 -0.69" || math.Abs(best-8.0/27) > 1e-6 {
		t.Errorf("MSE peak %s", got)
	}
}

// TestSaturatedNeuron checks the printed outputs of Nielsen's neuron.
func TestSaturatedNeuron(t *testing.T) {
	for ce, want := range map[bool]string{
		false: "0.982 0.964 0.795 0.078",
		true:  "0.982 0.099 0.041 0.012",
	} {
		a := lessons.SaturatedNeuron(ce, 0.15, 300)
		if got := fmt.Sprintf("%.3f %.3f %.3f %.3f", a[0], a[50], a[100], a[300]); got != want {
			t.Errorf("cross-entropy %v: %s, want %s", ce, got, want)
		}
	}
	// The MSE run needs 117 steps to get below ½, the cross-entropy run 17.
	below := func(a []float64) int {
		for k, v := range a {
			if v < 0.5 {
				return k
			}
		}
		return -1
	}
	if m, c := below(lessons.SaturatedNeuron(false, 0.15, 300)), below(lessons.SaturatedNeuron(true, 0.15, 300)); m != 117 || c != 17 {
		t.Errorf("steps to output < ½: MSE %d, cross-entropy %d", m, c)
	}
}

// TestXORCrossEntropy checks lesson 07's XOR comparison and the claim
// that, near the start (outputs ½), cross-entropy at η = 1 takes the same
// steps as MSE at η = 2.
func TestXORCrossEntropy(t *testing.T) {
	full := lessons.XORSeedsOnCores(100, lessons.XORSetup{})
	ce := lessons.XORCrossEntropySeeds(100, 1, 20000)
	for _, c := range []struct {
		runs []lessons.XORRun
		want string
	}{
		{full, "98 of 100 solved, median 1361 epochs; stuck: [6 14]; seeds 23 and 64: 11918 and 10483 epochs"},
		{ce, "96 of 100 solved, median 1261 epochs; stuck: [0 6 14 68]; seeds 23 and 64: 11832 and 10388 epochs"},
	} {
		solved, median, stuck := lessons.SolvedEpochs(c.runs)
		got := fmt.Sprintf("%d of 100 solved, median %4d epochs; stuck: %v; seeds 23 and 64: %d and %d epochs",
			solved, median, stuck, c.runs[23].Epochs, c.runs[64].Epochs)
		if got != c.want {
			t.Errorf("%s, want %s", got, c.want)
		}
	}
	for _, s := range []int{0, 6, 14, 68} {
		t.Logf("cross-entropy seed %d: outputs %.3f", s, ce[s].Output)
	}
	if got := fmt.Sprintf("%.3f", ce[6].Output); got != "[0.000 0.500 1.000 0.500]" {
		t.Errorf("seed 6 with cross-entropy: %s", got)
	}
	// Both hidden units saturate at 1 on (0, 1) and (1, 1), the two patterns
	// answered ½: the output unit sees one point for both.
	for _, k := range []int{1, 3} {
		for u := range 2 {
			if h := ce[6].Hidden.At(k, u); h < 0.999 {
				t.Errorf("seed 6 with cross-entropy: hidden unit %d on pattern %d = %.4f", u, k, h)
			}
		}
	}
	// The first step: both losses give the output unit the same δ when
	// every output is ½ (MSE: 2(a−y)·¼·η=2 = (a−y)·1).
	x, y := lessons.XOR()
	a := lessons.NewXORNet(2, 3)
	b := lessons.NewXORNet(2, 3)
	b.Layers[1].Act = dl.Identity
	a.Gradient(dl.MSE{}, x, y)
	b.Gradient(dl.BCEWithLogits{}, x, y)
	ga, gb := lessons.ParamVector(gradNet(a)), lessons.ParamVector(gradNet(b))
	for i := range ga {
		// outputs are near ½ but not exactly, so the match is close, not exact
		if math.Abs(2*ga[i]-gb[i]) > 0.02*math.Abs(gb[i])+1e-4 {
			t.Errorf("first gradient %d: MSE·η=2 %g, cross-entropy·η=1 %g", i, 2*ga[i], gb[i])
		}
	}
}

// gradNet returns a net whose parameters are net's gradients, to read them
// with ParamVector.
func gradNet(net *dl.Net) *dl.Net {
	g := net.Clone()
	for i, l := range g.Layers {
		l.W.Copy(net.Layers[i].DW)
		l.B.Copy(net.Layers[i].DB)
	}
	return g
}

// TestXORSeedsOnCores: the same runs as lesson 4's XORSeeds.
func TestXORSeedsOnCores(t *testing.T) {
	a, b := lessons.XORSeeds(20, lessons.XORSetup{}), lessons.XORSeedsOnCores(20, lessons.XORSetup{})
	for i := range a {
		if a[i].Seed != b[i].Seed || a[i].Epochs != b[i].Epochs || a[i].FinalLoss() != b[i].FinalLoss() {
			t.Errorf("seed %d: %d epochs, loss %g against %d, %g", i, a[i].Epochs, a[i].FinalLoss(), b[i].Epochs, b[i].FinalLoss())
		}
	}
}
