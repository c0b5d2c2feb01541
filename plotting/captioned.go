package plotting

import (
	"fmt"
	"image"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// CaptionedImageGrid is ImageGrid with a free text under each image:
// grey-scale images (smallest value white, largest black), image k being
// images[k], w × h pixels in row-major order, with captions[k] under it. A
// caption may have several lines ("true 4\npred 9, 97%"). captions may be
// nil (no captions).
//
// It returns an error if there are no images or a pixel is NaN or ±Inf. It
// panics if an image does not have w·h pixels or if captions is not nil and
// its length differs from the number of images.
func CaptionedImageGrid(title string, images [][]float64, w, h int, captions []string) (*plot.Plot, error) {
	if err := checkImages("CaptionedImageGrid", images, w, h, captions); err != nil {
		return nil, err
	}
	return imageCells(title, images, w, h, captions, func(im []float64, w, h int) image.Image { return grey(im, w, h) })
}

// SignedImageGrid draws images whose values have a sign, such as the
// weights a linear classifier gives each pixel (one image per class): red
// where a value is positive, blue where it is negative, light grey at zero,
// with Moreland's diverging colour map. All images share one scale,
// −m … +m with m the largest |value| of any of them, so equally strong
// colours mean equally large values in every image. Layout and captions are
// those of CaptionedImageGrid.
//
// It returns an error if there are no images or a value is NaN or ±Inf. It
// panics if an image does not have w·h pixels or if captions is not nil and
// its length differs from the number of images.
func SignedImageGrid(title string, images [][]float64, w, h int, captions []string) (*plot.Plot, error) {
	if err := checkImages("SignedImageGrid", images, w, h, captions); err != nil {
		return nil, err
	}
	m := 0.0
	for _, im := range images {
		for _, v := range im {
			m = max(m, math.Abs(v))
		}
	}
	cmap := blueRed(0)
	signed := func(im []float64, w, h int) image.Image {
		pal := image.NewPaletted(image.Rect(0, 0, w*pixelScale, h*pixelScale), cmap.palette())
		for y := range h * pixelScale {
			for x := range w * pixelScale {
				t := 0.5
				if m > 0 {
					t = 0.5 + 0.5*im[(y/pixelScale)*w+x/pixelScale]/m
				}
				pal.Pix[y*pal.Stride+x] = cmap.index(t)
			}
		}
		return pal
	}
	return imageCells(title, images, w, h, captions, signed)
}

// checkImages checks the arguments shared by the image grids.
func checkImages(fn string, images [][]float64, w, h int, captions []string) error {
	if len(images) == 0 {
		return fmt.Errorf("plotting: %s: no images", fn)
	}
	if captions != nil {
		sameLen(fn, "images", "captions", len(images), len(captions))
	}
	for k, im := range images {
		if len(im) != w*h {
			panic(fmt.Sprintf("plotting: %s: image %d has %d pixels, want %d×%d = %d", fn, k, len(im), w, h, w*h))
		}
		if err := finite(fmt.Sprintf("%s: images[%d]", fn, k), im); err != nil {
			return err
		}
	}
	return nil
}

// imageCells lays the images out in rows, each image drawn by toImage with
// its caption under it: about 1.5 times as many columns as rows, as in
// ImageGrid, or one column more if that leaves fewer empty places (ten
// images: 5 × 2 rather than 4, 4 and 2).
func imageCells(title string, images [][]float64, w, h int, captions []string, toImage func([]float64, int, int) image.Image) (*plot.Plot, error) {
	n := len(images)
	cols := min(n, int(math.Ceil(math.Sqrt(1.5*float64(n)))))
	empty := func(c int) int { return (n+c-1)/c*c - n }
	if cols < n && empty(cols+1) < empty(cols) {
		cols++
	}
	rows := (n + cols - 1) / cols
	lines := 0
	for _, c := range captions {
		lines = max(lines, strings.Count(c, "\n")+1)
	}
	const (
		gap     = 0.08 // between images
		capLine = 0.3  // height of one caption line, in units of the image width
	)
	capH := capLine * float64(lines)
	cellH := 1 + capH
	imgH := (1 - gap) * float64(h) / float64(w) // keep the pixels square

	p := newPlot(title, "", "")
	p.HideAxes()
	var labels plotter.XYLabels
	for k, im := range images {
		c, r := k%cols, k/cols
		x0, top := float64(c)+gap/2, -float64(r)*cellH
		p.Add(plotter.NewImage(toImage(im, w, h), x0, top-imgH, x0+1-gap, top))
		if captions != nil {
			labels.XYs = append(labels.XYs, plotter.XY{X: x0 + (1-gap)/2, Y: top - imgH - capH/2})
			labels.Labels = append(labels.Labels, captions[k])
		}
	}
	if captions != nil {
		lb, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, fmt.Errorf("plotting: %w", err)
		}
		for k := range lb.TextStyle {
			lb.TextStyle[k] = textStyle(tickSize, okabeIto[6])
		}
		p.Add(lb)
	}
	x, y := equalAspect(Range{0, float64(cols)}, Range{-float64(rows) * cellH, 0})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = x.Min, x.Max, y.Min, y.Max
	return p, nil
}
