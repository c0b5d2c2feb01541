package lessons

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// This file holds the loss-landscape tools of lesson 05
// (notebooks/05-gradient-descent.ipynb): a network's parameters as one
// vector θ, planes through θ along random filter-normalised directions
// (Li, Xu, Taylor, Studer & Goldstein 2018), the plane of a training
// trajectory's two principal directions (the same paper), and the straight
// line from the first weights to the last (Goodfellow, Vinyals & Saxe 2015).

// ParamVector returns every weight and bias of net as one vector θ, in the
// order of net.Params(): layer 0's W row by row (W[i][j] connects input i to
// unit j), then layer 0's B, then layer 1's W and B, and so on. A 2-2-1 net
// gives the 9 numbers
//
//	θ = (W¹₁₁, W¹₁₂, W¹₂₁, W¹₂₂, b¹₁, b¹₂, W²₁, W²₂, b²).
func ParamVector(net *dl.Net) []float64 {
	theta := make([]float64, 0, net.NumParams())
	for _, p := range net.Params() {
		r, c := p.Value.Dims()
		for i := range r {
			for j := range c {
				theta = append(theta, p.Value.At(i, j))
			}
		}
	}
	return theta
}

// SetParamVector sets the weights and biases of net to θ, in the order of
// ParamVector, so that SetParamVector(net, ParamVector(net)) changes nothing.
// It panics if len(theta) is not net.NumParams().
func SetParamVector(net *dl.Net, theta []float64) {
	if n := net.NumParams(); len(theta) != n {
		panic(fmt.Sprintf("lessons: SetParamVector: θ has %d entries, the %v net has %d parameters", len(theta), net, n))
	}
	k := 0
	for _, p := range net.Params() {
		r, c := p.Value.Dims()
		for i := range r {
			for j := range c {
				p.Value.Set(i, j, theta[k])
				k++
			}
		}
	}
}

// LossFunc returns L(θ), the loss of net on (x, y) with its parameters set
// to θ, for plotting a landscape. The function owns net (it overwrites its
// parameters on every call), so give it a clone if you still need the
// original; it is not safe for concurrent use. It panics, when called, if θ
// does not have net.NumParams() entries.
func LossFunc(net *dl.Net, loss dl.Loss, x, y *mat.Dense) func(theta []float64) float64 {
	return func(theta []float64) float64 {
		SetParamVector(net, theta)
		return loss.Loss(net.Forward(x), y)
	}
}

// XORTrajectory trains NewXORNet(2, seed) on XOR with the loop of lessons
// 04 and 05, plain full-batch gradient descent at η = 2 on the MSE,
//
//	θ ← θ − η·∇L(θ),
//
// for the given number of epochs, and returns θ before the first update
// and after every update: len(path) = epochs + 1, path[0] is the start and
// path[epochs] the end. The losses are those of BackpropXOR without its
// early stop.
//
// It panics if epochs < 0.
func XORTrajectory(seed uint64, epochs int) (net *dl.Net, path [][]float64) {
	if epochs < 0 {
		panic(fmt.Sprintf("lessons: XORTrajectory: %d epochs", epochs))
	}
	x, y := XOR()
	net = NewXORNet(2, seed)
	opt := &dl.SGD{}
	grad := mat.NewDense(4, 1, nil)
	path = make([][]float64, 0, epochs+1)
	path = append(path, ParamVector(net))
	for range epochs {
		yhat := net.Forward(x)
		dl.MSE{}.Grad(grad, yhat, y)
		net.Backward(grad)
		opt.Step(net.Params(), 2)
		path = append(path, ParamVector(net))
	}
	return net, path
}

// FilterNormalDirection returns a random direction d in parameter space,
// scaled filter by filter as Li, Xu, Taylor, Studer and Goldstein (2018,
// "Visualizing the Loss Landscape of Neural Nets", section 4) propose: draw
// every entry of d from a standard normal distribution, then rescale each
// filter of d to the norm of the same filter of the net,
//
//	d_ℓj ← d_ℓj / ‖d_ℓj‖ · ‖θ_ℓj‖.
//
// In a dense layer a filter is one unit's incoming weight vector, column j
// of the layer's W (the paper treats a dense layer as a 1×1 convolution).
// Biases get direction 0 and stay where they are, as in the example runs of
// the paper's published code (its option --xignore biasbn, which leaves out
// biases and batch-norm parameters; without it the code sets a bias's
// direction to the bias itself).
// Without the scaling, a step of 1 along d would be huge for a unit with
// small weights and tiny for one with large weights; with it, a step of 1
// changes every unit by as much as its own weights, so plots of nets with
// different scales can be compared.
//
// The entries are drawn from rng in the order of ParamVector; d has the
// layout of ParamVector.
func FilterNormalDirection(net *dl.Net, rng *rand.Rand) []float64 {
	d := make([]float64, 0, net.NumParams())
	for _, layer := range net.Layers {
		in, out := layer.In(), layer.Out()
		w := make([]float64, in*out) // row-major, like ParamVector
		for k := range w {
			w[k] = rng.NormFloat64()
		}
		for j := range out {
			var dn, wn float64
			for i := range in {
				dn += w[i*out+j] * w[i*out+j]
				wn += layer.W.At(i, j) * layer.W.At(i, j)
			}
			scale := math.Sqrt(wn) / math.Sqrt(dn)
			for i := range in {
				w[i*out+j] *= scale
			}
		}
		d = append(d, w...)
		d = append(d, make([]float64, out)...) // biases: direction 0
	}
	return d
}

// Plane is the plane through Center spanned by D1 and D2 in parameter
// space: the point with coordinates (a, b) is θ = Center + a·D1 + b·D2.
type Plane struct {
	Center, D1, D2 []float64
}

// At returns Center + a·D1 + b·D2. It panics if the three vectors differ
// in length.
func (p Plane) At(a, b float64) []float64 {
	if len(p.D1) != len(p.Center) || len(p.D2) != len(p.Center) {
		panic(fmt.Sprintf("lessons: Plane.At: center has %d entries, directions %d and %d", len(p.Center), len(p.D1), len(p.D2)))
	}
	theta := make([]float64, len(p.Center))
	for k, c := range p.Center {
		theta[k] = c + a*p.D1[k] + b*p.D2[k]
	}
	return theta
}

// Project returns the coordinates of the points of path in the plane:
// for orthonormal D1 and D2, a = (θ − Center)·D1 and b = (θ − Center)·D2,
// the point of the plane nearest to θ. It panics if a point's length
// differs from Center's.
func (p Plane) Project(path [][]float64) (a, b []float64) {
	a, b = make([]float64, len(path)), make([]float64, len(path))
	for k, theta := range path {
		if len(theta) != len(p.Center) {
			panic(fmt.Sprintf("lessons: Plane.Project: point %d has %d entries, center has %d", k, len(theta), len(p.Center)))
		}
		for i, t := range theta {
			a[k] += (t - p.Center[i]) * p.D1[i]
			b[k] += (t - p.Center[i]) * p.D2[i]
		}
	}
	return a, b
}

// TrajectoryPlane returns the plane that shows a training trajectory best,
// by the method of Li et al. (2018): center it at the last point
// θₙ, collect the differences θₖ − θₙ of all earlier points, and take as D1
// and D2 their first two principal directions, the orthonormal directions
// along which those differences vary most. explained[i] is the share of the
// differences' variance along Di (0 to 1; the paper prints it on its axes).
// The sign of each direction is chosen so that the start θ₀ has negative
// coordinates: training moves along +D1 and +D2 on the whole.
//
// It panics if path has fewer than 3 points or points of unequal length.
func TrajectoryPlane(path [][]float64) (plane Plane, explained [2]float64) {
	if len(path) < 3 {
		panic(fmt.Sprintf("lessons: TrajectoryPlane: %d points, need at least 3", len(path)))
	}
	n, dim := len(path)-1, len(path[0])
	last := path[n]
	// The differences, centred (PCA takes out their mean, as scikit-learn's
	// PCA in the paper's code does).
	mean := make([]float64, dim)
	diffs := mat.NewDense(n, dim, nil)
	for k := range n {
		if len(path[k]) != dim {
			panic(fmt.Sprintf("lessons: TrajectoryPlane: point %d has %d entries, point 0 has %d", k, len(path[k]), dim))
		}
		for i := range dim {
			v := path[k][i] - last[i]
			diffs.Set(k, i, v)
			mean[i] += v / float64(n)
		}
	}
	for k := range n {
		for i := range dim {
			diffs.Set(k, i, diffs.At(k, i)-mean[i])
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1/float64(n), diffs.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		panic("lessons: TrajectoryPlane: eigendecomposition failed")
	}
	values := eig.Values(nil) // ascending
	var vectors mat.Dense
	eig.VectorsTo(&vectors)
	total := 0.0
	for _, v := range values {
		total += max(v, 0)
	}
	plane.Center = slices.Clone(last)
	dirs := [2][]float64{}
	for i := range 2 {
		col := dim - 1 - i
		d := mat.Col(nil, col, &vectors)
		start := 0.0
		for k, v := range d {
			start += (path[0][k] - last[k]) * v
		}
		if start > 0 {
			for k := range d {
				d[k] = -d[k]
			}
		}
		dirs[i] = d
		if total > 0 {
			explained[i] = max(values[col], 0) / total
		}
	}
	plane.D1, plane.D2 = dirs[0], dirs[1]
	return plane, explained
}

// Interpolate returns the loss along the straight line from θ₀ to θ₁,
//
//	θ(α) = (1 − α)·θ₀ + α·θ₁,
//
// at each α of alphas: the experiment of Goodfellow, Vinyals and Saxe
// (2015, "Qualitatively characterizing neural network optimization
// problems"). α = 0 is θ₀, α = 1 is θ₁; values outside [0, 1] look beyond
// the two ends. It panics if θ₀ and θ₁ differ in length.
func Interpolate(loss func(theta []float64) float64, theta0, theta1, alphas []float64) []float64 {
	if len(theta0) != len(theta1) {
		panic(fmt.Sprintf("lessons: Interpolate: θ₀ has %d entries, θ₁ has %d", len(theta0), len(theta1)))
	}
	out := make([]float64, len(alphas))
	theta := make([]float64, len(theta0))
	for k, a := range alphas {
		for i := range theta {
			theta[i] = (1-a)*theta0[i] + a*theta1[i]
		}
		out[k] = loss(theta)
	}
	return out
}

// Linspace returns n evenly spaced values from lo to hi, both included.
// It panics if n < 2.
func Linspace(lo, hi float64, n int) []float64 {
	if n < 2 {
		panic(fmt.Sprintf("lessons: Linspace: n = %d, need at least 2", n))
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return v
}

// LargestRise returns how far a sequence of losses climbs back up at worst:
// the largest L[j] − L[i] over i < j (0 if it never rises). A sequence is
// monotonically non-increasing exactly when its largest rise is 0; a small
// positive rise is a bump, a large one a barrier. at is the index j where
// the worst rise ends.
func LargestRise(losses []float64) (rise float64, at int) {
	lowest := math.Inf(1)
	for j, l := range losses {
		if l-lowest > rise {
			rise, at = l-lowest, j
		}
		lowest = min(lowest, l)
	}
	return rise, at
}

// GradFunc returns ∇L(θ), the gradient of LossFunc's L computed by
// backpropagation, in the layout of ParamVector. Like LossFunc it owns net
// and panics, when called, if θ has the wrong length.
func GradFunc(net *dl.Net, loss dl.Loss, x, y *mat.Dense) func(theta []float64) []float64 {
	r, c := y.Dims()
	g := mat.NewDense(r, c, nil)
	return func(theta []float64) []float64 {
		SetParamVector(net, theta)
		pred := net.Forward(x)
		loss.Grad(g, pred, y)
		net.Backward(g)
		out := make([]float64, 0, len(theta))
		for _, p := range net.Params() {
			pr, pc := p.Grad.Dims()
			for i := range pr {
				for j := range pc {
					out = append(out, p.Grad.At(i, j))
				}
			}
		}
		return out
	}
}

// Hessian returns the matrix of second derivatives H_ij = ∂²L/∂θᵢ∂θⱼ at θ,
// by central differences of the gradient, column by column,
//
//	H_·j ≈ (∇L(θ + h·eⱼ) − ∇L(θ − h·eⱼ)) / 2h,  h = 10⁻⁵·max(1, |θⱼ|),
//
// made exactly symmetric by averaging H and Hᵀ. Its eigenvalues are the
// curvatures of L along its principal axes: all positive at a minimum, some
// negative at a saddle point, near 0 on a plateau. The largest one sets the
// learning rates at which gradient descent is stable near θ, η < 2/λ_max.
func Hessian(grad func(theta []float64) []float64, theta []float64) *mat.SymDense {
	n := len(theta)
	h := mat.NewDense(n, n, nil)
	t := slices.Clone(theta)
	for j := range n {
		step := 1e-5 * max(1, math.Abs(theta[j]))
		t[j] = theta[j] + step
		up := grad(t)
		t[j] = theta[j] - step
		down := grad(t)
		t[j] = theta[j]
		for i := range n {
			h.Set(i, j, (up[i]-down[i])/(2*step))
		}
	}
	sym := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			sym.SetSym(i, j, (h.At(i, j)+h.At(j, i))/2)
		}
	}
	return sym
}

// Eigenvalues returns the eigenvalues of the symmetric matrix s in
// increasing order.
func Eigenvalues(s *mat.SymDense) []float64 {
	var eig mat.EigenSym
	if !eig.Factorize(s, false) {
		panic("lessons: Eigenvalues: eigendecomposition failed")
	}
	return eig.Values(nil)
}

// PlaneMinima returns, for each of planes random planes through center, the
// lowest loss on an n × n grid of the square a, b ∈ [−1, 1] of the plane
// center + a·d₁ + b·d₂: plane k (k = 1, …, planes) takes d₁ and then d₂ from
// FilterNormalDirection(net, rand.New(rand.NewPCG(k, k))). A value below
// loss(center) means that some random plane shows lower ground within one
// filter norm; the rate over many planes says how common such ways down
// are.
//
// It panics if planes < 1 or n < 2.
func PlaneMinima(net *dl.Net, loss func(theta []float64) float64, center []float64, planes, n int) []float64 {
	if planes < 1 || n < 2 {
		panic(fmt.Sprintf("lessons: PlaneMinima: %d planes, %d×%d grid", planes, n, n))
	}
	grid := Linspace(-1, 1, n)
	lowest := make([]float64, planes)
	for k := range planes {
		rng := rand.New(rand.NewPCG(uint64(k+1), uint64(k+1)))
		p := Plane{Center: center, D1: FilterNormalDirection(net, rng), D2: FilterNormalDirection(net, rng)}
		lowest[k] = math.Inf(1)
		for _, a := range grid {
			for _, b := range grid {
				lowest[k] = min(lowest[k], loss(p.At(a, b)))
			}
		}
	}
	return lowest
}
