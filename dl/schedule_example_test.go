package dl_test

import (
	"fmt"

	"github.com/introdl/introdl/dl"
)

// printRates prints a schedule's rate at a few steps of a run of total steps.
func printRates(s dl.Schedule, total int, steps ...int) {
	for i, step := range steps {
		if i > 0 {
			fmt.Print(" ")
		}
		fmt.Printf("%.5g", s.Rate(step, total))
	}
	fmt.Println()
}

func ExampleConstant() {
	printRates(dl.Constant(0.1), 100, 0, 50, 99)
	// Output: 0.1 0.1 0.1
}

func ExampleStepDecay() {
	// Divide the rate by 10 every 30 steps.
	printRates(dl.StepDecay{Initial: 0.1, Every: 30}, 100, 0, 29, 30, 60, 90)
	// Output: 0.1 0.1 0.01 0.001 0.0001
}

func ExampleExponential() {
	// From 1e-4 to 1 over 4 steps: a factor of 10 per step.
	printRates(dl.Exponential{Start: 1e-4, End: 1}, 4, 0, 1, 2, 3, 4)
	// Output: 0.0001 0.001 0.01 0.1 1
}

func ExampleInverseTime() {
	printRates(dl.InverseTime{Initial: 1, Decay: 1}, 100, 0, 1, 3, 9)
	// Output: 1 0.5 0.25 0.1
}

func ExampleCosine() {
	// fastai's cosine annealing from 0 to 2.
	printRates(dl.Cosine{Start: 0, End: 2}, 4, 0, 1, 2, 3, 4)
	// Output: 0 0.29289 1 1.7071 2
}

func ExampleLinear() {
	printRates(dl.Linear{Start: 0, End: 2}, 4, 0, 1, 2, 3, 4)
	// Output: 0 0.5 1 1.5 2
}

func ExampleWarmup() {
	// Five steps of linear warm-up to 0.1, then cosine annealing to 0.
	s := dl.Warmup{Steps: 5, Then: dl.Cosine{Start: 0.1, End: 0}}
	printRates(s, 15, 0, 1, 4, 5, 10, 15)
	// Output: 0 0.02 0.08 0.1 0.05 0
}

func ExampleOneCycle() {
	// fastai's fit_one_cycle defaults: start at max/25, peak after 25% of
	// the run, end at max/1e5.
	s := dl.OneCycle{MaxRate: 0.01}
	printRates(s, 100, 0, 25, 50, 75, 100)
	// Output: 0.0004 0.01 0.0075 0.0025001 1e-07
}

func ExampleTriangular() {
	// Up from 0.001 to 0.006 in 2 steps, down in 2, and again.
	printRates(dl.Triangular{Base: 0.001, Max: 0.006, StepSize: 2}, 100, 0, 1, 2, 3, 4, 5, 6)
	// Output: 0.001 0.0035 0.006 0.0035 0.001 0.0035 0.006
}

func ExamplePiecewise() {
	// Flat at 0.1 for the first half, then a cosine down to 0 (fastai's
	// fit_flat_cos with pct_start = 0.5).
	s := dl.Piecewise{
		Fractions: []float64{0.5, 0.5},
		Schedules: []dl.Schedule{dl.Constant(0.1), dl.Cosine{Start: 0.1, End: 0}},
	}
	printRates(s, 8, 0, 3, 4, 6, 8)
	// Output: 0.1 0.1 0.1 0.05 0
}

func ExampleScheduleFunc() {
	// Halve the rate every 10 steps, written as a plain function.
	halve := dl.ScheduleFunc(func(step, total int) float64 {
		return 0.8 / float64(int(1)<<(step/10))
	})
	printRates(halve, 100, 0, 10, 20, 30)
	// Output: 0.8 0.4 0.2 0.1
}
