package lessons_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// The 9 parameters of the 2-2-1 XOR net as one vector, and back.
func ExampleParamVector() {
	net := lessons.NewXORNet(2, 0)
	theta := lessons.ParamVector(net)
	fmt.Printf("%d numbers: %.3f\n", len(theta), theta)
	theta[8] = 1 // the output bias b²
	lessons.SetParamVector(net, theta)
	fmt.Println("b² =", net.Layers[1].B.At(0, 0))
	// Output:
	// 9 numbers: [0.500 0.386 -0.119 -0.019 0.000 0.000 -0.056 0.021 0.000]
	// b² = 1
}

// A filter-normalised direction has, unit by unit, the norm of the net's
// own incoming weights, and 0 for the biases.
func ExampleFilterNormalDirection() {
	net := lessons.NewXORNet(2, 0)
	d := lessons.FilterNormalDirection(net, rand.New(rand.NewPCG(1, 1)))
	w := net.Layers[1].W // the output unit's filter: entries 6 and 7 of θ
	fmt.Printf("‖d‖ = %.4f, ‖w‖ = %.4f, biases %v %v %v\n",
		math.Hypot(d[6], d[7]), math.Hypot(w.At(0, 0), w.At(1, 0)), d[4], d[5], d[8])
	// Output:
	// ‖d‖ = 0.0596, ‖w‖ = 0.0596, biases 0 0 0
}

// The straight line from the start of XOR seed 0 to where 5000 epochs of
// gradient descent take it (Goodfellow, Vinyals and Saxe 2015). Five
// points miss the small bump near α = 0.08 that the notebook's 101 find.
func ExampleInterpolate() {
	x, y := lessons.XOR()
	net, path := lessons.XORTrajectory(0, 5000)
	loss := lessons.LossFunc(net.Clone(), dl.MSE{}, x, y)
	losses := lessons.Interpolate(loss, path[0], path[5000], []float64{0, 0.25, 0.5, 0.75, 1})
	fmt.Printf("%.4f\n", losses)
	rise, at := lessons.LargestRise(losses)
	fmt.Println("largest rise:", rise, "at", at)
	// Output:
	// [0.2500 0.2142 0.0677 0.0070 0.0005]
	// largest rise: 0 at 0
}

// The plane of a training path's two principal directions (Li et al. 2018).
func ExampleTrajectoryPlane() {
	_, path := lessons.XORTrajectory(6, 5000)
	plane, explained := lessons.TrajectoryPlane(path)
	a, b := plane.Project(path)
	fmt.Printf("explained %.3f and %.3f; start (%.1f, %.1f), end (%g, %g)\n", explained[0], explained[1], a[0], b[0], a[5000], b[5000])
	// Output:
	// explained 0.995 and 0.004; start (-15.0, -0.2), end (0, 0)
}
