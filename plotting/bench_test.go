package plotting_test

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/plotting"
)

// The speed targets of the lessons (issue 4): a 200 × 200 decision-boundary
// background for a 2-16-16-1 net and a 100 × 100 loss surface for a 2-2-1
// XOR net each in ≤ 100 ms, one figure rendered in ≤ 50 ms. Run with
//
//	go test -run - -bench . -count 5 ./plotting
//
// and take the median. Medians of 5 on the project's 2-core machine while
// other builds ran: decision boundary 44 ms (the per-point Forward calls; a
// single batched Forward of all 40 000 points alone takes 17 ms, so no
// batch API is needed), loss surface 6.5 ms, rendering curves 1.3 ms as SVG
// and 18 ms as PNG, the loss surface 9.5 ms as SVG and 121 ms as PNG.

// netBoundary returns a 2-16-16-1 tanh net as a function of (x, y) that
// runs dl's Forward on a reused 1 × 2 matrix: the way a notebook would wrap
// a net for DecisionBoundary.
func netBoundary() func(x, y float64) float64 {
	net := dl.NewMLP([]int{2, 16, 16, 1}, dl.Tanh, dl.Sigmoid, nil, rand.New(rand.NewPCG(1, 1)))
	in := mat.NewDense(1, 2, nil)
	return func(x, y float64) float64 {
		in.Set(0, 0, x)
		in.Set(0, 1, y)
		return net.Forward(in).At(0, 0)
	}
}

func BenchmarkDecisionBoundary200(b *testing.B) {
	f := netBoundary()
	pts := ring(100, 1)
	for b.Loop() {
		if _, err := plotting.DecisionBoundary("", pts, f, plotting.BoundaryOptions{Resolution: 200, Probability: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNetForward200 is the evaluation alone, all 40 000 points in one
// batch, for comparison with the per-point calls above.
func BenchmarkNetForward200(b *testing.B) {
	net := dl.NewMLP([]int{2, 16, 16, 1}, dl.Tanh, dl.Sigmoid, nil, rand.New(rand.NewPCG(1, 1)))
	x := mat.NewDense(200*200, 2, nil)
	for i := range 200 * 200 {
		x.Set(i, 0, float64(i%200)/100-1)
		x.Set(i, 1, float64(i/200)/100-1)
	}
	for b.Loop() {
		net.Forward(x)
	}
}

// xorSurface returns the MSE of a 2-2-1 sigmoid net on XOR as a function of
// the two weights into its first hidden unit, the others fixed.
func xorSurface() func(w1, w2 float64) float64 {
	net := dl.NewMLP([]int{2, 2, 1}, dl.Sigmoid, dl.Sigmoid, nil, rand.New(rand.NewPCG(2, 2)))
	x := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 1, 0, 1, 1})
	y := mat.NewDense(4, 1, []float64{0, 1, 1, 0})
	w := net.Layers[0].W
	return func(w1, w2 float64) float64 {
		w.Set(0, 0, w1)
		w.Set(1, 0, w2)
		return dl.MSE{}.Loss(net.Forward(x), y)
	}
}

func BenchmarkLossSurface100(b *testing.B) {
	f := xorSurface()
	opts := plotting.SurfaceOptions{X: plotting.Range{Min: -6, Max: 6}, Y: plotting.Range{Min: -6, Max: 6}}
	path := plotting.Path{Name: "sgd", X: []float64{-4, 0, 2}, Y: []float64{4, 1, 2}}
	for b.Loop() {
		if _, err := plotting.LossSurface("", f, opts, path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderCurvesSVG(b *testing.B)  { benchmarkRender(b, "svg", false) }
func BenchmarkRenderCurvesPNG(b *testing.B)  { benchmarkRender(b, "png", false) }
func BenchmarkRenderSurfaceSVG(b *testing.B) { benchmarkRender(b, "svg", true) }
func BenchmarkRenderSurfacePNG(b *testing.B) { benchmarkRender(b, "png", true) }

// benchmarkRender measures Save of an already built figure: training
// curves, or a loss surface with contours and an embedded image.
func benchmarkRender(b *testing.B, ext string, surface bool) {
	train, valid := lossCurves(100)
	p, err := plotting.TrainingCurves("", plotting.CurveOptions{},
		plotting.Series{Name: "training", Y: train}, plotting.Series{Name: "validation", Y: valid})
	if surface {
		p, err = plotting.LossSurface("", rosenbrock, plotting.SurfaceOptions{
			X: plotting.Range{Min: -2, Max: 2}, Y: plotting.Range{Min: -1, Max: 3}, Log: true}, descend(-1.5, 2, 0.0015, 400))
	}
	if err != nil {
		b.Fatal(err)
	}
	path := b.TempDir() + "/f." + ext
	for b.Loop() {
		if err := plotting.Save(p, path); err != nil {
			b.Fatal(err)
		}
	}
}
