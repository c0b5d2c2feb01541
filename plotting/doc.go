// Package plotting draws the figures of the introdl lessons with gonum/plot.
//
// It takes plain data — slices, functions of one or two variables — and
// never the types of package dl, so a figure can be drawn for any model,
// including one a learner writes by hand.
//
// # Builders
//
// Every figure is made by a builder that returns a *plot.Plot (or a *Grid of
// small plots) and an error:
//
//	p, err := plotting.Functions("tanh", -4, 4, plotting.Curve{Name: "tanh", F: math.Tanh})
//
// The returned plot is an ordinary gonum plot: add plotters to it, change its
// title or axes, then show or save it. Builders return an error, never a
// broken figure, when the data cannot be drawn: empty input, NaN or ±Inf
// values (a diverged training run is the usual source), or values a log axis
// cannot show. Wrong usage that no data can cause — a nil function, slices of
// different lengths — panics with the sizes in the message.
//
// # Showing and saving
//
// Show renders a plot at notebook size (Width × Height) as an SVG image and
// sends it to the GoNB notebook as an image/svg+xml output, which Jupyter,
// nbviewer and GitHub all display as a static figure. Outside a notebook Show
// returns ErrNotNotebook, so a program never loses a figure silently; use Save
// there, which writes SVG or PNG depending on the file name.
//
// SVG rather than PNG: text and lines stay sharp at any zoom, and the
// files are smaller — 5–25 kB for line plots and decision boundaries, about
// 80 kB for a loss surface with contours, against 14–195 kB as 96 dpi PNG.
// Fonts are not embedded (that would add hundreds of kB per figure); the
// SVG names Liberation Sans with Arial and Helvetica, which have the same
// metrics, as fallbacks. Images inside a figure (decision-region
// backgrounds, digits) are embedded as 8-bit PNG.
//
// The same plot always renders to the same bytes, so a re-run notebook whose
// results did not change has unchanged outputs.
//
// Live draws a training curve that updates in place while a loop runs, and
// leaves a static figure when closed.
//
// # Look
//
// All figures share one look: the colour-blind-safe palette of Okabe and Ito
// (see Color), Liberation Sans text at 10–13 pt, labelled axes, and the
// perceptually uniform colour maps viridis (for surfaces and matrices) and
// Moreland's smooth blue-red diverging map (for probabilities around ½).
//
// Linear axes are labelled at round numbers (steps of 1, 2 or 5 times a
// power of ten, so 0 and 1 on the unit square), and an axis whose data
// nearly reach such a number is extended to it; log axes are labelled at
// powers of ten, and at 2 and 5 times them when the axis spans less than two
// decades. A legend goes where it covers no data: the builder tries the
// corners of the data area and the middles of its top and bottom edges, and
// when every place covers some, it raises the top of the y axis to make
// room. The figure keeps room at its right edge for the last tick label,
// also when a computer draws the text in a font up to 20 % wider than
// Liberation Sans.
//
// References:
//
//   - M. Okabe and K. Ito, Color Universal Design (CUD): How to make figures
//     and presentations that are friendly to colorblind people (2008).
//   - S. van der Walt and N. Smith, A better default colormap for
//     Matplotlib, SciPy 2015 (viridis).
//   - K. Moreland, Diverging Color Maps for Scientific Visualization,
//     ISVC 2009.
package plotting
