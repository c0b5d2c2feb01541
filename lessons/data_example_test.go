package lessons_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/introdl/introdl/lessons"
)

func ExampleXOR() {
	x, y := lessons.XOR()
	fmt.Printf("x = %v\n\ny = %v\n", mat.Formatted(x, mat.Prefix("    ")), mat.Formatted(y, mat.Prefix("    ")))
	// Output:
	// x = ⎡0  0⎤
	//     ⎢0  1⎥
	//     ⎢1  0⎥
	//     ⎣1  1⎦
	//
	// y = ⎡0⎤
	//     ⎢1⎥
	//     ⎢1⎥
	//     ⎣0⎦
}

func ExampleAND() {
	_, and := lessons.AND()
	_, or := lessons.OR()
	_, nand := lessons.NAND()
	fmt.Println("AND: ", mat.Col(nil, 0, and))
	fmt.Println("OR:  ", mat.Col(nil, 0, or))
	fmt.Println("NAND:", mat.Col(nil, 0, nand))
	// Output:
	// AND:  [0 0 0 1]
	// OR:   [0 1 1 1]
	// NAND: [1 1 1 0]
}

func ExampleSpiral() {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	r, c := x.Dims()
	_, k := y.Dims()
	fmt.Printf("%d points in %d dimensions, %d classes\n", r, c, k)
	fmt.Printf("point 150: (%.3f, %.3f), class %v\n", x.At(150, 0), x.At(150, 1), mat.Row(nil, 150, y))
	// Output:
	// 300 points in 2 dimensions, 3 classes
	// point 150: (0.007, 0.505), class [0 1 0]
}

func ExampleLinearlySeparable() {
	x, y := lessons.LinearlySeparable(100, 0.1, rand.New(rand.NewPCG(1, 2)))
	r, _ := x.Dims()
	fmt.Printf("%d points, %v of class 1\n", r, mat.Sum(y))
	// Output: 100 points, 42 of class 1
}
