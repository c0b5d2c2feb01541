package dl_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

func ExampleFindLR() {
	x, y := lessons.Spiral(3, 100, rand.New(rand.NewPCG(1, 2)))
	net := dl.NewMLP([]int{2, 64, 64, 3}, dl.ReLU, dl.Identity, dl.He{}, rand.New(rand.NewPCG(3, 4)))

	// Sweep the rate from 1e-7 to 10 on a copy of net.
	res, err := dl.FindLR(net, x, y, dl.LRFinderConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, i := range []int{0, 40, 60, 80, len(res.Rates) - 1} {
		fmt.Printf("rate %8.2g: smoothed loss %.3f\n", res.Rates[i], res.Losses[i])
	}
	fmt.Printf("suggested rate: %.2g\n", res.Suggested)

	// Then train the net itself with it.
	hist, err := dl.Train(net, x, y, dl.TrainConfig{Epochs: 30, Schedule: dl.OneCycle{MaxRate: res.Suggested}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("accuracy after 30 epochs: %.2f\n", hist.Metrics[0].Train[29])
	// Output:
	// rate    1e-07: smoothed loss 1.339
	// rate  0.00017: smoothed loss 1.330
	// rate   0.0071: smoothed loss 1.213
	// rate     0.29: smoothed loss 1.012
	// rate      2.7: smoothed loss 11.451
	// suggested rate: 0.004
	// accuracy after 30 epochs: 0.99
}
