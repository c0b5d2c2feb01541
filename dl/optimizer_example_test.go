package dl_test

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/dl"
)

func ExampleSGD() {
	// Gradient descent on f(x) = x², whose gradient is 2x (d2l §12.3.1).
	x := dl.Param{Name: "x", Value: mat.NewDense(1, 1, []float64{10}), Grad: mat.NewDense(1, 1, nil)}
	opt := &dl.SGD{}
	for range 10 {
		x.Grad.Set(0, 0, 2*x.Value.At(0, 0))
		opt.Step([]dl.Param{x}, 0.2)
	}
	fmt.Printf("x after 10 steps: %.6f\n", x.Value.At(0, 0))
	// Output: x after 10 steps: 0.060466
}

func ExampleSGD_momentum() {
	// On an elongated bowl f = x² + 50y², plain gradient descent must keep
	// η small for the steep y direction and so crawls along x; momentum
	// accumulates speed along x.
	run := func(opt dl.Optimizer, lr float64) float64 {
		w := dl.Param{Name: "w", Value: mat.NewDense(1, 2, []float64{10, 1}), Grad: mat.NewDense(1, 2, nil)}
		for range 50 {
			w.Grad.Set(0, 0, 2*w.Value.At(0, 0))
			w.Grad.Set(0, 1, 100*w.Value.At(0, 1))
			opt.Step([]dl.Param{w}, lr)
		}
		return w.Value.At(0, 0)
	}
	fmt.Printf("plain:    x = %.4f\n", run(&dl.SGD{}, 0.015))
	fmt.Printf("momentum: x = %.4f\n", run(&dl.SGD{Momentum: 0.9}, 0.015))
	fmt.Printf("Nesterov: x = %.4f\n", run(&dl.SGD{Momentum: 0.9, Nesterov: true}, 0.015))
	// Output:
	// plain:    x = 2.1807
	// momentum: x = -0.3088
	// Nesterov: x = -0.1026
}

func ExampleAdam() {
	// Adam's steps are about η long whatever the size of the gradient.
	for _, x0 := range []float64{0.001, 1000} {
		x := dl.Param{Name: "x", Value: mat.NewDense(1, 1, []float64{x0}), Grad: mat.NewDense(1, 1, nil)}
		opt := &dl.Adam{}
		x.Grad.Set(0, 0, 2*x0)
		opt.Step([]dl.Param{x}, 0.1)
		fmt.Printf("from %g the first step is %.4f\n", x0, x0-x.Value.At(0, 0))
	}
	// Output:
	// from 0.001 the first step is 0.1000
	// from 1000 the first step is 0.1000
}

func ExampleRMSProp() {
	x := dl.Param{Name: "x", Value: mat.NewDense(1, 1, []float64{5}), Grad: mat.NewDense(1, 1, nil)}
	opt := &dl.RMSProp{}
	// The first step is η/√(1−ρ) ≈ 3.2η long, because the average s of g²
	// starts at 0; as s catches up with g² the steps shrink towards η.
	for step := 1; step <= 30; step++ {
		x.Grad.Set(0, 0, 2*x.Value.At(0, 0))
		opt.Step([]dl.Param{x}, 0.1)
		if step == 1 || step%10 == 0 {
			fmt.Printf("step %2d: x = %.3f\n", step, x.Value.At(0, 0))
		}
	}
	// Output:
	// step  1: x = 4.684
	// step 10: x = 3.381
	// step 20: x = 2.452
	// step 30: x = 1.677
}
