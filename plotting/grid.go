package plotting

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid is a figure of small plots in rows and columns ("small multiples"),
// aligned so that their data areas have the same size.
type Grid struct {
	// Plots holds the panels row by row: Plots[row][col]. All rows must
	// have the same length; a nil panel leaves its cell blank.
	Plots [][]*plot.Plot

	// PanelWidth and PanelHeight are the size of one panel.
	// Zero means 2.8 × 2.4 inches, which fits three panels in a row.
	// A row wider than GridMaxWidth is scaled down to that width, each
	// panel keeping its aspect ratio.
	PanelWidth, PanelHeight vg.Length
}

// GridMaxWidth is the widest a Grid is drawn: about the width of a
// notebook's output area (three default panels). A wider figure would be
// cut off at the right edge in Jupyter, which shows SVG at its own size.
const GridMaxWidth = 8.4 * vg.Inch

// Show renders the grid as SVG and displays it in the GoNB notebook, like
// the function Show. Outside a notebook it returns ErrNotNotebook.
func (g *Grid) Show() error {
	w, h := g.size()
	return show(g, w, h)
}

// Save writes the grid to path as SVG or PNG, like the function Save.
func (g *Grid) Save(path string) error {
	w, h := g.size()
	return save(g, w, h, path)
}

// size returns the size of the whole figure. It panics if the rows of
// g.Plots do not all have the same length.
func (g *Grid) size() (w, h vg.Length) {
	pw, ph := g.PanelWidth, g.PanelHeight
	if pw == 0 {
		pw = 2.8 * vg.Inch
	}
	if ph == 0 {
		ph = 2.4 * vg.Inch
	}
	rows, cols := g.dims()
	if w := vg.Length(cols) * pw; w > GridMaxWidth {
		pw, ph = GridMaxWidth/vg.Length(cols), ph*GridMaxWidth/w
	}
	return vg.Length(cols) * pw, vg.Length(rows) * ph
}

func (g *Grid) dims() (rows, cols int) {
	rows = len(g.Plots)
	if rows == 0 {
		panic("plotting: Grid has no rows")
	}
	cols = len(g.Plots[0])
	for i, r := range g.Plots {
		if len(r) != cols {
			panic(fmt.Sprintf("plotting: Grid row %d has %d panels, row 0 has %d", i, len(r), cols))
		}
	}
	return rows, cols
}

// Draw draws the grid on c, filling it. It implements the same method as
// plot.Plot.Draw, so a Grid can be drawn wherever a plot can.
func (g *Grid) Draw(c draw.Canvas) {
	rows, cols := g.dims()
	c.SetColor(white)
	c.Fill(c.Rectangle.Path())
	t := draw.Tiles{
		Rows: rows, Cols: cols,
		PadX: vg.Points(6), PadY: vg.Points(6),
		PadTop: vg.Points(4), PadBottom: vg.Points(4),
		PadLeft: vg.Points(4), PadRight: vg.Points(4),
	}
	cs := plot.Align(g.Plots, t, c)
	for i, row := range g.Plots {
		for j, p := range row {
			if p != nil {
				p.Draw(cs[i][j])
			}
		}
	}
}

// newGrid arranges ps in rows of cols panels, leaving the last row's
// missing panels blank.
func newGrid(ps []*plot.Plot, cols int) *Grid {
	g := &Grid{}
	for i := 0; i < len(ps); i += cols {
		row := make([]*plot.Plot, cols)
		copy(row, ps[i:min(i+cols, len(ps))])
		g.Plots = append(g.Plots, row)
	}
	return g
}
