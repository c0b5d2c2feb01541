package dl_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/introdl/introdl/dl"
)

// The three initializers on a 100×50 weight matrix: their spread, and the
// same seed giving the same weights.
func ExampleInitializer() {
	for _, init := range []dl.Initializer{dl.Uniform{}, dl.Glorot{}, dl.He{}} {
		w := mat.NewDense(100, 50, nil)
		init.Init(w, rand.New(rand.NewPCG(1, 1)))
		sd := stat.StdDev(w.RawMatrix().Data, nil)
		fmt.Printf("%-12T std %.3f\n", init, sd)
	}
	// Theory: Uniform ±0.5 → 0.5/√3 = 0.289; Glorot √(2/150) = 0.115; He √(2/100) = 0.141.

	a, b := mat.NewDense(2, 2, nil), mat.NewDense(2, 2, nil)
	dl.He{}.Init(a, rand.New(rand.NewPCG(42, 42)))
	dl.He{}.Init(b, rand.New(rand.NewPCG(42, 42)))
	fmt.Println("same seed, same weights:", mat.Equal(a, b))
	// Output:
	// dl.Uniform   std 0.288
	// dl.Glorot    std 0.115
	// dl.He        std 0.140
	// same seed, same weights: true
}
