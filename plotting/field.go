package plotting

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
)

// Range is the closed interval [Min, Max] of an axis.
type Range struct{ Min, Max float64 }

// field is a function of two variables sampled on a grid: z[j*nx+i] is the
// value at (xs[i], ys[j]). The samples sit at the centres of the nx × ny
// cells that tile x × y, so each sample is one pixel of the picture.
type field struct {
	x, y   Range
	xs, ys []float64
	z      []float64
}

// newField returns the grid of n × n cell centres over x × y, with z
// not yet filled.
func newField(x, y Range, n int) *field {
	f := &field{x: x, y: y, xs: make([]float64, n), ys: make([]float64, n), z: make([]float64, n*n)}
	for i := range n {
		f.xs[i] = x.Min + (x.Max-x.Min)*(float64(i)+0.5)/float64(n)
		f.ys[i] = y.Min + (y.Max-y.Min)*(float64(i)+0.5)/float64(n)
	}
	return f
}

// eval fills z with fn at every grid point. It returns an error naming the
// first point where fn is NaN or ±Inf.
func (f *field) eval(fn func(x, y float64) float64) error {
	nx := len(f.xs)
	for j, y := range f.ys {
		row := f.z[j*nx : (j+1)*nx]
		for i, x := range f.xs {
			row[i] = fn(x, y)
		}
	}
	return f.check()
}

// check returns an error for the first NaN or ±Inf in z.
func (f *field) check() error {
	nx := len(f.xs)
	for k, v := range f.z {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("plotting: function is %v at (%v, %v)", v, f.xs[k%nx], f.ys[k/nx])
		}
	}
	return nil
}

// bounds returns the smallest and largest value of z.
func (f *field) bounds() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range f.z {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// contour returns the lines along which the sampled function equals level,
// traced by marching squares (Lorensen and Cline 1987, in 2-D): a line
// crosses each grid edge whose two end values lie on different sides of
// level, at the point found by linear interpolation, and inside each cell it
// joins the crossings in pairs. The pieces are then chained into polylines,
// always in the same order, so the figure's bytes do not change from run to
// run (gonum's plotter.Contour collects its paths in a map, whose order
// varies).
func (f *field) contour(level float64) []plotter.XYs { return f.contourExact(level, nil) }

// contourExact is contour, except that where exact is not nil each
// crossing is found on its grid edge by bisection of exact instead of by
// linear interpolation. A class map is a step function: interpolating it
// would put every crossing in the middle of its edge and draw the border
// between two classes as a staircase of the grid; bisecting the model
// itself puts it where the model changes its answer, to within a
// millionth of the edge.
func (f *field) contourExact(level float64, exact func(x, y float64) float64) []plotter.XYs {
	nx, ny := len(f.xs), len(f.ys)
	if nx < 2 || ny < 2 {
		return nil
	}
	// Edges are numbered: horizontal edge (i, j)–(i+1, j) is j*(nx-1)+i,
	// vertical edge (i, j)–(i, j+1) is nh + j*nx + i.
	nh := (nx - 1) * ny
	hEdge := func(i, j int) int { return j*(nx-1) + i }
	vEdge := func(i, j int) int { return nh + j*nx + i }
	above := func(i, j int) bool { return f.z[j*nx+i] >= level }

	// link[e] holds the (at most two) edges joined to edge e by a segment.
	link := make([][2]int32, nh+nx*(ny-1))
	for e := range link {
		link[e] = [2]int32{-1, -1}
	}
	join := func(a, b int) {
		for _, p := range [][2]int{{a, b}, {b, a}} {
			if link[p[0]][0] < 0 {
				link[p[0]][0] = int32(p[1])
			} else {
				link[p[0]][1] = int32(p[1])
			}
		}
	}
	for j := range ny - 1 {
		for i := range nx - 1 {
			bl, br, tr, tl := above(i, j), above(i+1, j), above(i+1, j+1), above(i, j+1)
			bottom, right, top, left := hEdge(i, j), vEdge(i+1, j), hEdge(i, j+1), vEdge(i, j)
			var crossed []int
			if bl != br {
				crossed = append(crossed, bottom)
			}
			if br != tr {
				crossed = append(crossed, right)
			}
			if tr != tl {
				crossed = append(crossed, top)
			}
			if tl != bl {
				crossed = append(crossed, left)
			}
			switch len(crossed) {
			case 2:
				join(crossed[0], crossed[1])
			case 4:
				// A saddle: opposite corners agree. The mean of the four
				// values decides whether the two corners that agree with
				// the centre are connected through it.
				c := (f.z[j*nx+i] + f.z[j*nx+i+1] + f.z[(j+1)*nx+i+1] + f.z[(j+1)*nx+i]) / 4
				if (c >= level) == bl {
					join(bottom, right) // cut off br
					join(top, left)     // cut off tl
				} else {
					join(bottom, left) // cut off bl
					join(top, right)   // cut off tr
				}
			}
		}
	}

	point := func(e int) plotter.XY {
		var i0, j0, i1, j1 int
		if e < nh {
			i0, j0 = e%(nx-1), e/(nx-1)
			i1, j1 = i0+1, j0
		} else {
			i0, j0 = (e-nh)%nx, (e-nh)/nx
			i1, j1 = i0, j0+1
		}
		a, b := f.z[j0*nx+i0], f.z[j1*nx+i1]
		t := (level - a) / (b - a)
		if exact != nil {
			// Bisect [0, 1] keeping t0 on a's side of level, t1 on b's.
			t0, t1 := 0.0, 1.0
			for range 20 {
				tm := (t0 + t1) / 2
				v := exact(f.xs[i0]+tm*(f.xs[i1]-f.xs[i0]), f.ys[j0]+tm*(f.ys[j1]-f.ys[j0]))
				if (v >= level) == (a >= level) {
					t0 = tm
				} else {
					t1 = tm
				}
			}
			t = (t0 + t1) / 2
		}
		return plotter.XY{
			X: f.xs[i0] + t*(f.xs[i1]-f.xs[i0]),
			Y: f.ys[j0] + t*(f.ys[j1]-f.ys[j0]),
		}
	}

	seen := make([]bool, len(link))
	walk := func(start int) plotter.XYs {
		line := plotter.XYs{point(start)}
		seen[start] = true
		prev, cur := -1, start
		for {
			next := int(link[cur][0])
			if next == prev || (next >= 0 && seen[next] && next != start) {
				next = int(link[cur][1])
			}
			if next < 0 || (seen[next] && next != start) {
				return line
			}
			line = append(line, point(next))
			if next == start {
				return line // closed loop
			}
			seen[next] = true
			prev, cur = cur, next
		}
	}
	var lines []plotter.XYs
	// Open lines first, from their ends on the border, then closed loops.
	for e, l := range link {
		if !seen[e] && l[0] >= 0 && l[1] < 0 {
			lines = append(lines, walk(e))
		}
	}
	for e, l := range link {
		if !seen[e] && l[0] >= 0 {
			lines = append(lines, walk(e))
		}
	}
	return lines
}
