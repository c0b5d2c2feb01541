package dl_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// Train once, save, and use the net later, in another program or another
// notebook cell. A damaged file gives an error, not a different net.
func ExampleSaveNet() {
	rng := rand.New(rand.NewPCG(1, 1))
	net := dl.NewMLP([]int{2, 3, 1}, dl.Tanh, dl.Sigmoid, dl.Glorot{}, rng)
	dir, err := os.MkdirTemp("", "dl-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "net.json")

	if err := dl.SaveNet(path, net); err != nil {
		panic(err)
	}
	loaded, err := dl.LoadNet(path)
	if err != nil {
		panic(err)
	}
	x := mat.NewDense(1, 2, []float64{0.5, -1})
	fmt.Println(loaded, "predicts the same:", mat.Equal(net.Predict(x), loaded.Predict(x)))

	// Damage the file: cut off its last third.
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:2*len(data)/3], 0o644)
	_, err = dl.LoadNet(path)
	fmt.Println(err)
	// Output:
	// 2-3-1 (tanh, sigmoid) predicts the same: true
	// dl: ReadNet: not a saved net: unexpected EOF
}
