package lessons_test

import (
	"fmt"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// The bound of the perceptron convergence theorem on AND: the largest
// margin is 1/√17, for the line x₁ + x₂ − 1.5 = 0, and the perceptron makes
// 10 mistakes, far below (√3 · √17)² = 51.
func ExampleNovikoffBound() {
	x, y := lessons.Examples(lessons.AND())
	nv, err := lessons.NovikoffBound(x, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	var p dl.Perceptron
	fmt.Printf("γ = %.4f, u = (%.3f, %.3f, %.3f), bound %.1f, mistakes %d\n",
		nv.Gamma, nv.U[0], nv.U[1], nv.U[2], nv.Bound, lessons.Mistakes(p.Train(x, y, 0)))
	// Output:
	// γ = 0.2425, u = (0.485, 0.485, -0.728), bound 51.0, mistakes 10
}

// The line the perceptron ends on for AND passes through (1, 0): margin 0,
// right only because a score of 0 counts as class 0.
func ExampleLineMargin() {
	x, y := lessons.Examples(lessons.AND())
	var p dl.Perceptron
	p.Train(x, y, 0)
	m, on := lessons.LineMargin(p.W, p.B, x, y)
	fmt.Println("w =", p.W, "b =", p.B, "margin", m, "on the line:", x[on[0]])
	m, _ = lessons.LineMargin([]float64{1, 1}, -1.5, x, y)
	fmt.Printf("x₁ + x₂ − 1.5 = 0: margin %.3f\n", m)
	// Output:
	// w = [2 1] b = -2 margin 0 on the line: [1 0]
	// x₁ + x₂ − 1.5 = 0: margin 0.354
}
