package dl_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

// scalar returns a 1×1 parameter holding x.
func scalar(x float64) dl.Param {
	return dl.Param{Name: "x", Value: mat.NewDense(1, 1, []float64{x}), Grad: mat.NewDense(1, 1, nil)}
}

// minimizeSquare runs steps of opt on f(x) = x², whose gradient is 2x,
// starting from x0, and returns the trajectory x₀, x₁, ….
func minimizeSquare(opt dl.Optimizer, x0, lr float64, steps int) []float64 {
	p := scalar(x0)
	params := []dl.Param{p}
	xs := []float64{x0}
	for range steps {
		p.Grad.Set(0, 0, 2*p.Value.At(0, 0))
		opt.Step(params, lr)
		xs = append(xs, p.Value.At(0, 0))
	}
	return xs
}

// TestGradientDescentD2L checks the values printed in d2l §12.3.1 (gradient
// descent in one dimension) for f(x) = x², x₀ = 10, 10 steps:
// x₁₀ = 10·(1 − 2η)¹⁰.
func TestGradientDescentD2L(t *testing.T) {
	for _, c := range []struct {
		lr   float64
		want string
	}{
		{0.2, "0.060466"},  // converges
		{0.05, "3.486784"}, // too small: still far away
		{1.1, "61.917364"}, // too large: oscillates outwards
	} {
		xs := minimizeSquare(&dl.SGD{}, 10, c.lr, 10)
		if got := fmt.Sprintf("%.6f", xs[10]); got != c.want {
			t.Errorf("η = %v: x₁₀ = %s, want %s", c.lr, got, c.want)
		}
	}
}

// TestSGDMomentum compares with the recurrences written out by hand for
// f(x) = x² (g = 2x), x₀ = 1, η = 0.1, μ = 0.9:
//
//	classical: v₁ = 2,  x₁ = 0.8;   v₂ = 0.9·2 + 1.6 = 3.4,  x₂ = 0.8 − 0.34 = 0.46
//	Nesterov:  v₁ = 2,  x₁ = 1 − 0.1·(2 + 1.8) = 0.62;
//	           g = 1.24, v₂ = 1.8 + 1.24 = 3.04, x₂ = 0.62 − 0.1·(1.24 + 2.736) = 0.2224
func TestSGDMomentum(t *testing.T) {
	tests := []struct {
		name string
		opt  *dl.SGD
		want []float64
	}{
		{"classical", &dl.SGD{Momentum: 0.9}, []float64{1, 0.8, 0.46}},
		{"Nesterov", &dl.SGD{Momentum: 0.9, Nesterov: true}, []float64{1, 0.62, 0.2224}},
		// weight decay λ = 0.5 adds λx to the gradient: x₁ = 1 − 0.1·2.5 = 0.75.
		{"weight decay", &dl.SGD{WeightDecay: 0.5}, []float64{1, 0.75, 0.5625}},
	}
	for _, tt := range tests {
		got := minimizeSquare(tt.opt, 1, 0.1, 2)
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-15 {
				t.Errorf("%s: x%d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

// Momentum in PyTorch's form and in Sutskever's (v ← μv − ηg, w ← w + v)
// give the same weights when η is constant.
func TestSGDMomentumMatchesSutskeverForm(t *testing.T) {
	const mu, lr = 0.8, 0.05
	got := minimizeSquare(&dl.SGD{Momentum: mu}, 3, lr, 50)
	x, v := 3.0, 0.0
	for i := 1; i <= 50; i++ {
		v = mu*v - lr*2*x
		x += v
		if math.Abs(got[i]-x) > 1e-12 {
			t.Fatalf("step %d: %v, Sutskever form %v", i, got[i], x)
		}
	}
}

// TestAdamFirstSteps: after bias correction Adam's first step is
// −η·g/(|g| + ε) ≈ −η·sign(g), whatever the scale of g. For f(x) = x² from
// x₀ = 1 with η = 0.1: x₁ = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9. The second step, by
// hand: g = 2x₁ ≈ 1.8, m = 0.9·0.2 + 0.1·g ≈ 0.36, v = 0.999·0.004 + 0.001·g²
// ≈ 0.007236, m̂ = m/(1 − 0.9²) = m/0.19, v̂ = v/(1 − 0.999²) = v/0.001999.
func TestAdamFirstSteps(t *testing.T) {
	got := minimizeSquare(&dl.Adam{}, 1, 0.1, 2)
	x1 := 1 - 0.1*2/(2+1e-8)
	g := 2 * x1
	m, v := 0.9*0.1*2+0.1*g, 0.999*0.001*4+0.001*g*g
	mhat, vhat := m/0.19, v/(1-0.999*0.999)
	x2 := x1 - 0.1*mhat/(math.Sqrt(vhat)+1e-8)
	for i, want := range []float64{1, x1, x2} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("x%d = %.15g, want %.15g", i, got[i], want)
		}
	}
	// Scale invariance: the first step is η whatever the gradient's size.
	for _, x0 := range []float64{1e-3, 1, 1e6} {
		xs := minimizeSquare(&dl.Adam{}, x0, 0.01, 1)
		if step := x0 - xs[1]; math.Abs(step-0.01) > 1e-6 {
			t.Errorf("x₀ = %g: first Adam step %g, want ≈ 0.01", x0, step)
		}
	}
}

func TestAdamWeightDecay(t *testing.T) {
	// L2 (coupled): g = 2x + λx = 2.5 at x = 1; the first step is still ≈ η.
	// Decoupled (AdamW): x ← x − ηλx first, then the ≈ η step on g = 2x.
	const lr, wd = 0.1, 0.5
	coupled := minimizeSquare(&dl.Adam{WeightDecay: wd}, 1, lr, 1)
	if want := 1 - lr*2.5/(2.5+1e-8); math.Abs(coupled[1]-want) > 1e-15 {
		t.Errorf("Adam L2: x₁ = %v, want %v", coupled[1], want)
	}
	decoupled := minimizeSquare(&dl.Adam{WeightDecay: wd, Decoupled: true}, 1, lr, 1)
	if want := 1 - lr*wd - lr*2/(2+1e-8); math.Abs(decoupled[1]-want) > 1e-15 {
		t.Errorf("AdamW: x₁ = %v, want %v", decoupled[1], want)
	}
}

func TestRMSProp(t *testing.T) {
	// s₁ = 0.1·g², so the first step is η·g/(√0.1·|g| + ε) ≈ η/√0.1.
	got := minimizeSquare(&dl.RMSProp{}, 1, 0.01, 2)
	s1 := 0.1 * 4
	x1 := 1 - 0.01*2/(math.Sqrt(s1)+1e-8)
	g2 := 2 * x1
	s2 := 0.9*s1 + 0.1*g2*g2
	x2 := x1 - 0.01*g2/(math.Sqrt(s2)+1e-8)
	for i, want := range []float64{1, x1, x2} {
		if math.Abs(got[i]-want) > 1e-15 {
			t.Errorf("x%d = %v, want %v", i, got[i], want)
		}
	}
}

// All optimizers reach the minimum of a small quadratic bowl in many
// dimensions, stored in two parameters with row strides of their own.
func TestOptimizersConverge(t *testing.T) {
	opts := []struct {
		name string
		opt  dl.Optimizer
		lr   float64
		tol  float64
	}{
		{"SGD", &dl.SGD{}, 0.1, 1e-6},
		{"momentum", &dl.SGD{Momentum: 0.9}, 0.02, 1e-6},
		{"Nesterov", &dl.SGD{Momentum: 0.9, Nesterov: true}, 0.02, 1e-6},
		// Adam and RMSProp take steps of about η (RMSProp: η/√(1−ρ) at
		// first) whatever the gradient, so at a constant rate they hover
		// within a few η of the minimum instead of settling on it.
		{"Adam", &dl.Adam{}, 0.05, 0.01},
		{"AdamW", &dl.Adam{WeightDecay: 1e-4, Decoupled: true}, 0.05, 0.01},
		{"RMSProp", &dl.RMSProp{}, 0.01, 0.03},
	}
	for _, o := range opts {
		// A view into a bigger matrix has a stride larger than its width.
		big := mat.NewDense(3, 5, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
		a := dl.Param{Name: "a", Value: big.Slice(0, 3, 1, 3).(*mat.Dense), Grad: mat.NewDense(3, 2, nil)}
		b := dl.Param{Name: "b", Value: mat.NewDense(1, 4, []float64{-1, 2, -3, 4}), Grad: mat.NewDense(1, 4, nil)}
		params := []dl.Param{a, b}
		// f = Σ cᵢ wᵢ² with different curvatures cᵢ.
		for range 2000 {
			for k, p := range params {
				r, c := p.Value.Dims()
				for i := range r {
					for j := range c {
						curv := float64(1 + k + i + j)
						p.Grad.Set(i, j, 2*curv*p.Value.At(i, j))
					}
				}
			}
			o.opt.Step(params, o.lr)
		}
		worst := 0.0
		for _, p := range params {
			worst = math.Max(worst, mat.Norm(p.Value, math.Inf(1)))
		}
		if worst > o.tol {
			t.Errorf("%s: max |w| = %g after 2000 steps, want < %g", o.name, worst, o.tol)
		}
		// The columns outside the view are untouched.
		if big.At(0, 0) != 1 || big.At(2, 4) != 15 {
			t.Errorf("%s: wrote outside the parameter's view", o.name)
		}
	}
}

func TestOptimizerShapePanics(t *testing.T) {
	for _, opt := range []dl.Optimizer{&dl.SGD{Momentum: 0.9}, &dl.Adam{}, &dl.RMSProp{}} {
		two := []dl.Param{scalar(1), {Name: "W", Value: mat.NewDense(2, 3, nil), Grad: mat.NewDense(2, 3, nil)}}
		opt.Step(two, 0.1)
		name := fmt.Sprintf("%T", opt)

		msg := panicMessage(func() { opt.Step(two[:1], 0.1) })
		if !strings.Contains(msg, "got 1 parameters") || !strings.Contains(msg, "had 2") {
			t.Errorf("%s: fewer params: panic %q", name, msg)
		}
		reshaped := []dl.Param{two[0], {Name: "W", Value: mat.NewDense(3, 2, nil), Grad: mat.NewDense(3, 2, nil)}}
		msg = panicMessage(func() { opt.Step(reshaped, 0.1) })
		if !strings.Contains(msg, "W") || !strings.Contains(msg, "3×2") || !strings.Contains(msg, "2×3") {
			t.Errorf("%s: reshaped param: panic %q", name, msg)
		}
		bad := []dl.Param{two[0], {Name: "W", Value: mat.NewDense(2, 3, nil), Grad: mat.NewDense(3, 2, nil)}}
		msg = panicMessage(func() { opt.Step(bad, 0.1) })
		if !strings.Contains(msg, "gradient is 3×2") || !strings.Contains(msg, "2×3") {
			t.Errorf("%s: value/grad mismatch: panic %q", name, msg)
		}
	}
}

func TestOptimizerStepAllocs(t *testing.T) {
	for _, opt := range []dl.Optimizer{&dl.SGD{}, &dl.SGD{Momentum: 0.9, Nesterov: true}, &dl.Adam{}, &dl.RMSProp{}} {
		params := []dl.Param{
			{Name: "W", Value: mat.NewDense(64, 64, nil), Grad: mat.NewDense(64, 64, nil)},
			{Name: "b", Value: mat.NewDense(1, 64, nil), Grad: mat.NewDense(1, 64, nil)},
		}
		opt.Step(params, 0.01) // warm up: allocate the state
		if n := testing.AllocsPerRun(100, func() { opt.Step(params, 0.01) }); n != 0 {
			t.Errorf("%T.Step allocates %v times per call when warm, want 0", opt, n)
		}
	}
}

// TestSGDMatchesElementwiseRule checks SGD.Step, which updates a parameter
// stored without gaps in one pass (plain SGD with a vectorized loop), against
// the rule written out weight by weight, as SGD's doc comment states it, bit
// for bit: on whole matrices, on views whose rows have gaps between them, for
// every combination of momentum, Nesterov and weight decay, over a few steps.
func TestSGDMatchesElementwiseRule(t *testing.T) {
	const rows, cols, steps = 5, 7, 4
	for _, cfg := range []dl.SGD{
		{},
		{WeightDecay: 0.01},
		{Momentum: 0.9},
		{Momentum: 0.9, Nesterov: true},
		{Momentum: 0.8, WeightDecay: 0.05},
		{Momentum: 0.8, Nesterov: true, WeightDecay: 0.05},
	} {
		rng := rand.New(rand.NewPCG(7, 8))
		w0 := make([]float64, rows*cols)
		for i := range w0 {
			w0[i] = rng.NormFloat64()
		}
		grads := make([][]float64, steps)
		for s := range grads {
			grads[s] = make([]float64, rows*cols)
			for i := range grads[s] {
				grads[s][i] = rng.NormFloat64()
			}
		}

		// The rule, weight by weight: g ← ∂L/∂w + λw; v ← μv + g;
		// w ← w − η·v (classical) or w − η·(g + μv) (Nesterov) or w − η·g.
		want := append([]float64(nil), w0...)
		v := make([]float64, rows*cols)
		for s, lr := range []float64{0.1, 0.05, 0.3, 0.01} {
			for j, g := range grads[s] {
				g += cfg.WeightDecay * want[j]
				if cfg.Momentum != 0 {
					v[j] = cfg.Momentum*v[j] + g
					if cfg.Nesterov {
						g += cfg.Momentum * v[j]
					} else {
						g = v[j]
					}
				}
				want[j] -= lr * g
			}
		}

		// Whole matrices, and 5×7 views into 6×9 matrices (stride 9).
		whole := dl.Param{Value: mat.NewDense(rows, cols, append([]float64(nil), w0...)), Grad: mat.NewDense(rows, cols, nil)}
		bigW, bigG := mat.NewDense(rows+1, cols+2, nil), mat.NewDense(rows+1, cols+2, nil)
		view := dl.Param{Value: bigW.Slice(1, rows+1, 2, cols+2).(*mat.Dense), Grad: bigG.Slice(1, rows+1, 2, cols+2).(*mat.Dense)}
		view.Value.Copy(whole.Value)
		for _, p := range []dl.Param{whole, view} {
			opt := cfg // a fresh optimizer (no velocity yet) for each layout
			for s, lr := range []float64{0.1, 0.05, 0.3, 0.01} {
				p.Grad.Copy(mat.NewDense(rows, cols, grads[s]))
				opt.Step([]dl.Param{p}, lr)
			}
			for i := range rows {
				for j := range cols {
					if got, w := p.Value.At(i, j), want[i*cols+j]; math.Float64bits(got) != math.Float64bits(w) {
						stride := p.Value.RawMatrix().Stride
						t.Fatalf("%+v, stride %d: w[%d][%d] = %v, the rule gives %v", cfg, stride, i, j, got, w)
					}
				}
			}
		}
	}
}
