package dl

import (
	"math/rand/v2"
	"testing"
)

// TestSplitterHalves: the two halves of the optimizer step cover every row
// of every parameter once, with about as many weights each.
func TestSplitterHalves(t *testing.T) {
	for _, sizes := range [][]int{{2, 64, 64, 3}, {784, 100, 10}, {2, 2, 1}, {1, 1}} {
		net := NewMLP(sizes, ReLU, Identity, He{}, rand.New(rand.NewPCG(1, 1)))
		s := newSplitter(net, MSE{}, 2)
		s.stop()
		seen := map[[2]int]int{}
		weights := [2]int{}
		for h, half := range s.halves {
			for _, u := range half {
				_, c := s.params[u.i].Value.Dims()
				for r := u.r0; r < u.r1; r++ {
					seen[[2]int{u.i, r}]++
					weights[h] += c
				}
			}
		}
		for i, p := range s.params {
			rows, _ := p.Value.Dims()
			for r := range rows {
				if seen[[2]int{i, r}] != 1 {
					t.Fatalf("%v: row %d of parameter %d is in %d halves", sizes, r, i, seen[[2]int{i, r}])
				}
			}
		}
		total := weights[0] + weights[1]
		if total > 10 && (weights[0] < total/3 || weights[1] < total/3) {
			t.Errorf("%v: halves of %d and %d weights", sizes, weights[0], weights[1])
		}
	}
}
