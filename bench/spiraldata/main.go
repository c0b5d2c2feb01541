// Command spiraldata prints the spiral that dl's BenchmarkSpiral trains on,
// lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2))), one point a line:
//
//	x₀ x₁ class
//
// with each coordinate in the shortest form that reads back as the same
// float64. bench/run hands it to the PyTorch side, so that both train on
// the same 300 points. Keep the call in step with dl/bench_test.go.
package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"

	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

func main() {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	w := bufio.NewWriter(os.Stdout)
	rows, _ := x.Dims()
	for i := range rows {
		fmt.Fprintf(w, "%s %s %d\n",
			strconv.FormatFloat(x.At(i, 0), 'g', -1, 64),
			strconv.FormatFloat(x.At(i, 1), 'g', -1, 64),
			class(mat.Row(nil, i, y)))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "spiraldata:", err)
		os.Exit(1)
	}
}

// class returns the column of the 1 in a one-hot row.
func class(oneHot []float64) int {
	for j, v := range oneHot {
		if v == 1 {
			return j
		}
	}
	panic(fmt.Sprintf("spiraldata: row %v is not one-hot", oneHot))
}
