package plotting

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// cells is a plotter that draws a matrix as coloured squares with a text in
// each: row 0 at the top, as a matrix is printed. Cell (i, j) is centred on
// the data point (j, rows−1−i). The squares are drawn as vectors, not as
// an image, so they stay sharp however large they are shown.
type cells struct {
	fill [][]color.NRGBA
	text [][]string
}

func (m *cells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	rows := len(m.fill)
	for i, row := range m.fill {
		for j, col := range row {
			x, y := float64(j), float64(rows-1-i)
			pts := []vg.Point{
				{X: trX(x - 0.5), Y: trY(y - 0.5)}, {X: trX(x + 0.5), Y: trY(y - 0.5)},
				{X: trX(x + 0.5), Y: trY(y + 0.5)}, {X: trX(x - 0.5), Y: trY(y + 0.5)},
			}
			c.FillPolygon(col, pts)
			ink := color.Color(color.Black)
			if luminance(col) < 0.5 {
				ink = white
			}
			c.FillText(textStyle(tickSize, ink), vg.Point{X: trX(x), Y: trY(y)}, m.text[i][j])
		}
	}
}

// DataRange implements plot.DataRanger.
func (m *cells) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(m.fill[0])) - 0.5, -0.5, float64(len(m.fill)) - 0.5
}

// matrixPlot returns a plot of the cells with one tick label per column
// (xTicks) and per row (yTicks, top to bottom).
func matrixPlot(title, xLabel, yLabel string, m *cells, xTicks, yTicks []string) *plot.Plot {
	p := newPlot(title, xLabel, yLabel)
	p.Add(m)
	p.NominalX(xTicks...)
	ys := make([]string, len(yTicks))
	for i, t := range yTicks {
		ys[len(yTicks)-1-i] = t
	}
	p.NominalY(ys...)
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = m.DataRange()
	return p
}

// ConfusionMatrix draws m, in which m[i][j] counts the examples of true
// class i that the model predicted as class j, as a table of counts. Each
// cell is shaded from white to blue by the fraction of its row, m[i][j]/Σⱼ
// m[i][j], so a good classifier shows a dark diagonal and an off-diagonal
// dark cell is a confusion between two classes, whatever the class sizes.
// classNames labels rows and columns; nil means 0, 1, ….
//
// It returns an error if m is empty or a count is negative. It panics if m
// is not square or classNames has the wrong length.
func ConfusionMatrix(title string, m [][]int, classNames []string) (*plot.Plot, error) {
	n := len(m)
	if n == 0 {
		return nil, fmt.Errorf("plotting: ConfusionMatrix: empty matrix")
	}
	for i, row := range m {
		if len(row) != n {
			panic(fmt.Sprintf("plotting: ConfusionMatrix: row %d has %d counts, want %d (square matrix)", i, len(row), n))
		}
	}
	if classNames == nil {
		classNames = make([]string, n)
		for i := range classNames {
			classNames[i] = fmt.Sprint(i)
		}
	}
	sameLen("ConfusionMatrix", "m", "classNames", n, len(classNames))
	cl := &cells{fill: make([][]color.NRGBA, n), text: make([][]string, n)}
	for i, row := range m {
		total := 0
		for j, v := range row {
			if v < 0 {
				return nil, fmt.Errorf("plotting: ConfusionMatrix: m[%d][%d] = %d is negative", i, j, v)
			}
			total += v
		}
		cl.fill[i], cl.text[i] = make([]color.NRGBA, n), make([]string, n)
		for j, v := range row {
			t := 0.0
			if total > 0 {
				t = float64(v) / float64(total)
			}
			cl.fill[i][j] = mix(white, okabeIto[0], t)
			cl.text[i][j] = fmt.Sprint(v)
		}
	}
	return matrixPlot(title, "predicted class", "true class", cl, classNames, classNames), nil
}

// HyperGrid is a value measured over a grid of two hyperparameters:
// Values[i][j] is the result for the i-th setting of the y hyperparameter
// (row i, drawn from the top) and the j-th setting of the x one.
type HyperGrid struct {
	XLabel string   // name of the x hyperparameter, e.g. "learning rate"
	XTicks []string // its settings, one per column
	YLabel string   // name of the y hyperparameter, e.g. "batch size"
	YTicks []string // its settings, one per row
	Values [][]float64

	// Format prints each value in its cell; "" means "%.3g".
	Format string
}

// HyperHeatmap draws the values of a hyperparameter search as a table with
// the number in each cell and the cells coloured by value with viridis
// (dark low, yellow high), so the best region stands out.
//
// It returns an error if there are no values or a value is NaN or ±Inf. It
// panics if the rows of Values do not match the ticks in number or length.
func HyperHeatmap(title string, g HyperGrid) (*plot.Plot, error) {
	if len(g.Values) == 0 || len(g.Values[0]) == 0 {
		return nil, fmt.Errorf("plotting: HyperHeatmap: no values")
	}
	sameLen("HyperHeatmap", "Values", "YTicks", len(g.Values), len(g.YTicks))
	lo, hi := g.Values[0][0], g.Values[0][0]
	for i, row := range g.Values {
		sameLen(fmt.Sprintf("HyperHeatmap: row %d", i), "Values[i]", "XTicks", len(row), len(g.XTicks))
		if err := finite(fmt.Sprintf("HyperHeatmap: Values[%d]", i), row); err != nil {
			return nil, err
		}
		for _, v := range row {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	format := orString(g.Format, "%.3g")
	m := viridis()
	cl := &cells{fill: make([][]color.NRGBA, len(g.Values)), text: make([][]string, len(g.Values))}
	for i, row := range g.Values {
		cl.fill[i], cl.text[i] = make([]color.NRGBA, len(row)), make([]string, len(row))
		for j, v := range row {
			t := 0.5
			if hi > lo {
				t = (v - lo) / (hi - lo)
			}
			cl.fill[i][j] = m.at(t)
			cl.text[i][j] = fmt.Sprintf(format, v)
		}
	}
	return matrixPlot(title, g.XLabel, g.YLabel, cl, g.XTicks, g.YTicks), nil
}
