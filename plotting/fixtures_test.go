package plotting_test

import (
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/plotting"
)

// The data behind the examples, the reference images and the benchmarks.
// Everything is computed from fixed seeds, so it is the same on every run.

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func tanhDeriv(x float64) float64 { t := math.Tanh(x); return 1 - t*t }

// ring returns n points: class 0 inside the circle of radius 1, class 1
// outside it.
func ring(n int, seed uint64) plotting.Points2D {
	r := rand.New(rand.NewPCG(seed, seed))
	var pts plotting.Points2D
	for range n {
		x, y := 1.5*r.NormFloat64(), 1.5*r.NormFloat64()
		l := 0
		if x*x+y*y > 1 {
			l = 1
		}
		pts.X, pts.Y, pts.Labels = append(pts.X, x), append(pts.Y, y), append(pts.Labels, l)
	}
	return pts
}

// ringProbability is a hand-made model of ring: P(class 1 | x, y).
func ringProbability(x, y float64) float64 { return sigmoid(4 * (x*x + y*y - 1)) }

// halfPlane returns n points labelled −1 or +1 by the side of the line
// x₁ + x₂/2 = 0.3, as a perceptron lesson would.
func halfPlane(n int, seed uint64) plotting.Points2D {
	r := rand.New(rand.NewPCG(seed, seed))
	var pts plotting.Points2D
	for range n {
		x, y := r.NormFloat64(), r.NormFloat64()
		l := -1
		if x+0.5*y > 0.3 {
			l = 1
		}
		pts.X, pts.Y, pts.Labels = append(pts.X, x), append(pts.Y, y), append(pts.Labels, l)
	}
	return pts
}

// rosenbrock is Rosenbrock's (1960) banana-shaped valley, minimum 0 at (1, 1),
// shifted up by 10⁻³ so its logarithm is finite.
func rosenbrock(x, y float64) float64 {
	return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) + 1e-3
}

// descend returns the path of gradient descent with the learning rate lr
// on rosenbrock from (x, y).
func descend(x, y, lr float64, steps int) plotting.Path {
	var p plotting.Path
	for range steps {
		p.X, p.Y = append(p.X, x), append(p.Y, y)
		gx := -2*(1-x) - 400*x*(y-x*x)
		gy := 200 * (y - x*x)
		x, y = x-lr*gx, y-lr*gy
	}
	return p
}

// lossCurves returns made-up training and validation losses that fall and
// then part: the picture of over-fitting.
func lossCurves(epochs int) (train, valid []float64) {
	for e := range epochs {
		t := float64(e)
		train = append(train, 2*math.Exp(-t/6)+0.05)
		valid = append(valid, 2*math.Exp(-t/6)+0.1+0.004*t)
	}
	return train, valid
}

// lrRangeTest returns a made-up learning-rate range test: rates from 10⁻⁵
// growing ×10^(1/20) per step, loss falling, then rising.
func lrRangeTest(seed uint64) (lrs, losses []float64) {
	r := rand.New(rand.NewPCG(seed, seed))
	for k := range 100 {
		lr := 1e-5 * math.Pow(10, float64(k)/20)
		e := math.Log10(lr)
		lrs = append(lrs, lr)
		losses = append(losses, 2.3-1.5*sigmoid(e+3.5)+0.8*math.Exp(e+0.5)+0.02*r.NormFloat64())
	}
	return lrs, losses
}

// digits returns n 28 × 28 images of rings of growing size, labelled 0–9,
// and predictions of which every seventh, from the fourth on, is wrong.
func digits(n int) (images [][]float64, labels, preds []int) {
	for k := range n {
		im := make([]float64, 28*28)
		for y := range 28 {
			for x := range 28 {
				d := math.Hypot(float64(x)-13.5, float64(y)-13.5)
				im[y*28+x] = math.Max(0, 1-math.Abs(d-float64(4+k%6))/1.5)
			}
		}
		images = append(images, im)
		labels = append(labels, k%10)
		p := k % 10
		if k%7 == 3 {
			p = (p + 1) % 10
		}
		preds = append(preds, p)
	}
	return images, labels, preds
}
