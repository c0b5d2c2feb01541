package dl_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
	"gonum.org/v1/gonum/mat"
)

// Sharing products with a helper goroutine changes the speed, never the
// result: the two trainings below end with the same weights.
func ExampleShareProducts() {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	train := func(share bool) *dl.Net {
		defer dl.ShareProducts(dl.ShareProducts(share))
		net := dl.NewMLP([]int{2, 64, 64, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(3, 0)))
		cfg := dl.TrainConfig{Epochs: 20, Optimizer: &dl.Adam{}, Schedule: dl.Constant(0.01)}
		if _, err := dl.Train(net, x, y, cfg); err != nil {
			panic(err)
		}
		return net
	}
	alone, shared := train(false), train(true)
	same := true
	for i, p := range alone.Params() {
		same = same && mat.Equal(p.Value, shared.Params()[i].Value)
	}
	fmt.Println("same weights:", same)
	// Output: same weights: true
}
