package plotting_test

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot"

	"github.com/introdl/introdl/plotting"
)

// A slider for the slope α of the leaky ReLU. The slider moves in whole
// steps, so v = 0…50 stands for α = v/100, and the figure's title says
// which α is drawn. In a notebook the cell shows the figure for v = 10 at
// once and redraws it as the slider moves; here, outside a notebook, only
// the error says that there is nowhere to show it.
func ExampleSlider() {
	err := plotting.Slider("leaky slope", 0, 50, 10, func(v int) (*plot.Plot, error) {
		alpha := float64(v) / 100
		return plotting.Functions(fmt.Sprintf("leaky ReLU, α = %.2f", alpha), -3, 3,
			plotting.Curve{Name: "f", F: func(x float64) float64 { return math.Max(x, alpha*x) }})
	})
	fmt.Println(errors.Is(err, plotting.ErrNotNotebook))
	// Output: true
}
