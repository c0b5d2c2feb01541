package plotting_test

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/introdl/introdl/plotting"
)

// TestCaptionedImageGrids draws both grids, with one- and two-line
// captions and without, and checks their errors and panics.
func TestCaptionedImageGrids(t *testing.T) {
	img := func(v float64) []float64 {
		im := make([]float64, 6)
		for i := range im {
			im[i] = v * float64(i-2)
		}
		return im
	}
	images := [][]float64{img(1), img(-1), img(0.5)}
	for name, build := range map[string]func([][]float64, []string) (*plot.Plot, error){
		"CaptionedImageGrid": func(ims [][]float64, c []string) (*plot.Plot, error) {
			return plotting.CaptionedImageGrid("t", ims, 3, 2, c)
		},
		"SignedImageGrid": func(ims [][]float64, c []string) (*plot.Plot, error) {
			return plotting.SignedImageGrid("t", ims, 3, 2, c)
		},
	} {
		t.Run(name, func(t *testing.T) {
			for _, captions := range [][]string{nil, {"a", "b", "c"}, {"true 4\nnet 9", "x", "y"}} {
				p, err := build(images, captions)
				if err != nil {
					t.Fatal(err)
				}
				if err := plotting.Save(p, t.TempDir()+"/g.svg"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := build([][]float64{{0, 0, 0, 0, 0, 0}}, nil); err != nil {
				t.Errorf("an all-zero image: %v", err)
			}
			if _, err := build(nil, nil); err == nil || !strings.Contains(err.Error(), "no images") {
				t.Errorf("no images: error %v", err)
			}
			bad := [][]float64{img(1), {0, 1, 2, math.NaN(), 4, 5}}
			if _, err := build(bad, nil); err == nil || !strings.Contains(err.Error(), "images[1]") {
				t.Errorf("a NaN pixel: error %v, want one naming images[1]", err)
			}
			for what, f := range map[string]func(){
				"pixels":   func() { build([][]float64{{1, 2}}, nil) },
				"captions": func() { build(images, []string{"a"}) },
			} {
				func() {
					defer func() {
						if r := recover(); r == nil {
							t.Errorf("wrong number of %s: no panic", what)
						}
					}()
					f()
				}()
			}
		})
	}
}
