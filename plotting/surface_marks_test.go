package plotting_test

import (
	"image/color"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/introdl/introdl/plotting"
)

// TestSurfaceMarksOnTop checks that the end mark of an optimiser's path
// stays visible where a later path crosses it: all lines are drawn before
// all marks. (Drawn path by path, the second path's line and white halo
// covered the first path's end, which then looked like an open start mark.)
func TestSurfaceMarksOnTop(t *testing.T) {
	bowl := func(x, y float64) float64 { return x*x + y*y }
	p, err := plotting.LossSurface("crossing paths", bowl,
		plotting.SurfaceOptions{X: plotting.Range{Min: -1, Max: 1}, Y: plotting.Range{Min: -1, Max: 1}},
		plotting.Path{Name: "ends at 0", X: []float64{-0.6, -0.3, 0}, Y: []float64{0, 0, 0}},
		plotting.Path{Name: "crosses 0", X: []float64{0, 0, 0}, Y: []float64{-0.8, 0, 0.8}})
	if err != nil {
		t.Fatal(err)
	}
	img := vgimg.New(plotting.Width, plotting.Height)
	c := draw.New(img)
	p.Draw(c)
	da := p.DataCanvas(c)
	// The centre of the first path's end mark, in image pixels (y down).
	scale := img.DPI() / 72
	x := float64(da.X(p.X.Norm(0))) * scale
	y := float64(plotting.Height-da.Y(p.Y.Norm(0))) * scale
	got := color.NRGBAModel.Convert(img.Image().At(int(x), int(y))).(color.NRGBA)
	want := color.NRGBAModel.Convert(plotting.Color(0)).(color.NRGBA)
	if got != want {
		t.Errorf("centre of the first path's end mark has colour %v, want the path's colour %v", got, want)
	}
}
