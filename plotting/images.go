package plotting

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ImageGrid draws grey-scale images, such as MNIST digits, in a grid.
// Image k is images[k], w × h pixels in row-major order (pixel (x, y) at
// index y·w + x, y = 0 the top row), drawn with its smallest value white and
// its largest black. Under it stands labels[k]; if preds is not nil and
// preds[k] ≠ labels[k] the image gets a vermillion frame and the caption
// "label, pred p" in vermillion, so mistakes stand out. labels may be nil
// (no captions).
//
// It returns an error if there are no images or a pixel is NaN or ±Inf. It
// panics if an image does not have w·h pixels, or if labels or preds are
// non-nil and their lengths differ from the number of images, or preds is
// given without labels.
func ImageGrid(title string, images [][]float64, w, h int, labels, preds []int) (*plot.Plot, error) {
	if len(images) == 0 {
		return nil, fmt.Errorf("plotting: ImageGrid: no images")
	}
	if labels != nil {
		sameLen("ImageGrid", "images", "labels", len(images), len(labels))
	}
	if preds != nil {
		if labels == nil {
			panic("plotting: ImageGrid: preds without labels")
		}
		sameLen("ImageGrid", "images", "preds", len(images), len(preds))
	}
	for k, im := range images {
		if len(im) != w*h {
			panic(fmt.Sprintf("plotting: ImageGrid: image %d has %d pixels, want %d×%d = %d", k, len(im), w, h, w*h))
		}
		if err := finite(fmt.Sprintf("ImageGrid: images[%d]", k), im); err != nil {
			return nil, err
		}
	}

	// Lay the images out in cells of 1 × cellH data units, about 1.5 times
	// as many columns as rows to fill a Width × Height figure.
	n := len(images)
	cols := min(n, int(math.Ceil(math.Sqrt(1.5*float64(n)))))
	rows := (n + cols - 1) / cols
	const (
		gap   = 0.08 // between images
		capH  = 0.3  // caption height, in units of the image width
		cellH = 1 + capH
	)
	imgH := (1 - gap) * float64(h) / float64(w) // keep the pixels square

	p := newPlot(title, "", "")
	p.HideAxes()
	var captions plotter.XYLabels
	var captionColors []color.Color
	for k, im := range images {
		c, r := k%cols, k/cols
		x0, top := float64(c)+gap/2, -float64(r)*cellH
		p.Add(plotter.NewImage(grey(im, w, h), x0, top-imgH, x0+1-gap, top))
		if labels == nil {
			continue
		}
		text, col := strconv.Itoa(labels[k]), color.Color(color.Black)
		if preds != nil && preds[k] != labels[k] {
			text += ", pred " + strconv.Itoa(preds[k])
			col = Color(1)
			frame := &plotter.Line{
				XYs: plotter.XYs{
					{X: x0, Y: top - imgH}, {X: x0 + 1 - gap, Y: top - imgH},
					{X: x0 + 1 - gap, Y: top}, {X: x0, Y: top}, {X: x0, Y: top - imgH},
				},
				LineStyle: draw.LineStyle{Color: Color(1), Width: vg.Points(2)},
			}
			p.Add(frame)
		}
		captions.XYs = append(captions.XYs, plotter.XY{X: x0 + (1-gap)/2, Y: top - imgH - capH/2})
		captions.Labels = append(captions.Labels, text)
		captionColors = append(captionColors, col)
	}
	if labels != nil {
		lb, err := plotter.NewLabels(captions)
		if err != nil {
			return nil, fmt.Errorf("plotting: %w", err)
		}
		for k := range lb.TextStyle {
			lb.TextStyle[k] = textStyle(tickSize, captionColors[k])
		}
		p.Add(lb)
	}
	x, y := equalAspect(Range{0, float64(cols)}, Range{-float64(rows) * cellH, 0})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = x.Min, x.Max, y.Min, y.Max
	return p, nil
}

// pixelScale is how many screen pixels show one image pixel. Browsers
// smooth an image they enlarge; enlarging it first by repeating pixels keeps
// the pixels of a 28 × 28 digit visible as squares.
const pixelScale = 4

// grey returns im as a grey-scale image, smallest value white, largest
// black, each pixel repeated pixelScale times in both directions.
func grey(im []float64, w, h int) *image.Gray {
	lo, hi := slices.Min(im), slices.Max(im)
	g := image.NewGray(image.Rect(0, 0, w*pixelScale, h*pixelScale))
	for y := range h * pixelScale {
		for x := range w * pixelScale {
			v := im[(y/pixelScale)*w+x/pixelScale]
			t := 0.0
			if hi > lo {
				t = (v - lo) / (hi - lo)
			}
			g.Pix[y*g.Stride+x] = uint8(math.Round(255 * (1 - t)))
		}
	}
	return g
}
