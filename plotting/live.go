package plotting

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Live is a figure that follows a training loop as it runs: a loss curve
// (and a metric curve, if Metric is set) and a progress line
//
//	epoch 12/100 · loss 0.2345 · accuracy 0.912 · elapsed 3.1s · ETA 22.7s
//
// redrawn in place in the notebook cell. Set the exported fields, call
// Update after every step and Close after the loop:
//
//	live := &plotting.Live{Title: "XOR", Total: epochs, Metric: "accuracy"}
//	for epoch := range epochs {
//		loss, acc := trainEpoch()
//		live.Update(epoch, loss, acc)
//	}
//	err := live.Close()
//
// Redrawing is throttled by wall time: at most once per Every, and never
// more often than once per 20 times the cost of the previous redraw, so
// drawing takes at most 1/21 (under 5 %) of the loop's time however slow
// rendering is. The live display is transient: Close erases it and shows
// the final figure as a static image/svg+xml output, which is what the
// saved notebook keeps. That figure contains no times, so re-running an
// unchanged notebook leaves it byte for byte the same.
//
// Outside a GoNB notebook Update only records the values and Close shows
// nothing and returns nil, so the same training code runs in tests and
// command-line programs; use Figure and Save to keep the curves there.
type Live struct {
	Title  string        // figure title
	Total  int           // number of steps the loop will run, for the progress line and the ETA; 0 if unknown
	Unit   string        // what a step is called; "" means "epoch"
	Metric string        // name of the metric passed to Update, e.g. "accuracy"; "" means there is none
	Every  time.Duration // shortest time between redraws; zero means 250 ms

	steps, losses, metrics []float64

	id       string        // GoNB display id, fresh for each Live
	start    time.Time     // first Update
	last     time.Time     // last redraw
	cost     time.Duration // duration of the last redraw
	drawTime time.Duration // total time spent redrawing
}

// Update records the loss (and the metric, if Metric is set) after step
// step = 0, 1, … and redraws the figure if it is due. A NaN or infinite
// loss is shown in the progress line and left out of the curve.
func (l *Live) Update(step int, loss, metric float64) {
	now := time.Now()
	if l.start.IsZero() {
		l.start = now
	}
	l.steps = append(l.steps, float64(step+1))
	l.losses = append(l.losses, loss)
	l.metrics = append(l.metrics, metric)
	if !gonbui.IsNotebook {
		return
	}
	every := l.Every
	if every == 0 {
		every = 250 * time.Millisecond
	}
	wait := max(every, 20*l.cost)
	final := l.Total > 0 && step+1 >= l.Total
	if !final && !l.last.IsZero() && now.Sub(l.last) < wait {
		return
	}
	if l.id == "" {
		l.id = "introdl_live_" + gonbui.UniqueId()
	}
	html := l.html(step, now)
	gonbui.UpdateHTML(l.id, html)
	l.last = time.Now()
	l.cost = l.last.Sub(now)
	l.drawTime += l.cost
}

// html renders the progress line and the figure as HTML.
func (l *Live) html(step int, now time.Time) string {
	var b strings.Builder
	b.WriteString(`<div style="font-family:monospace;font-size:13px;margin-bottom:4px">`)
	b.WriteString(html.EscapeString(l.progress(step, now)))
	b.WriteString("</div>\n")
	if g, err := l.Figure(); err == nil {
		w, h := g.size()
		if svg, err := render(g, w, h, "svg"); err == nil {
			// Drop the XML prolog: the SVG is inlined in HTML.
			if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
				svg = svg[i:]
			}
			b.Write(svg)
		}
	}
	return b.String()
}

// progress returns the progress line after step.
func (l *Live) progress(step int, now time.Time) string {
	unit := orString(l.Unit, "epoch")
	done := fmt.Sprint(step + 1)
	if l.Total > 0 {
		done += fmt.Sprintf("/%d", l.Total)
	}
	k := len(l.losses) - 1
	s := fmt.Sprintf("%s %s · loss %.4g", unit, done, l.losses[k])
	if l.Metric != "" {
		s += fmt.Sprintf(" · %s %.4g", l.Metric, l.metrics[k])
	}
	elapsed := now.Sub(l.start)
	s += " · elapsed " + elapsed.Round(100*time.Millisecond).String()
	if l.Total > 0 && step+1 < l.Total && step >= 0 {
		eta := time.Duration(float64(elapsed) / float64(step+1) * float64(l.Total-step-1))
		s += " · ETA " + eta.Round(100*time.Millisecond).String()
	}
	return s
}

// Close erases the live display and shows the final figure as a static
// SVG image. Outside a notebook, or if Update was never called, it does
// nothing and returns nil.
func (l *Live) Close() error {
	if !gonbui.IsNotebook || len(l.losses) == 0 {
		return nil
	}
	if l.id != "" {
		gonbui.UpdateHTML(l.id, "")
	}
	g, err := l.Figure()
	if err != nil {
		return err
	}
	w, h := g.size()
	svg, err := render(g, w, h, "svg")
	if err != nil {
		return err
	}
	return publishSVG(svg)
}

// Figure returns the figure as it stands: the loss curve, and the metric
// curve beside it if Metric is set, each panel titled with its last value.
// Non-finite values are left out. It returns an error if no finite loss has
// been recorded.
func (l *Live) Figure() (*Grid, error) {
	loss, err := l.panel("loss", l.losses)
	if err != nil {
		return nil, err
	}
	row := []*plot.Plot{loss}
	if l.Metric != "" {
		m, err := l.panel(l.Metric, l.metrics)
		if err != nil {
			return nil, err
		}
		row = append(row, m)
	}
	loss.Title.Text = l.Title
	if len(row) == 2 {
		row[1].Title.Text = " " // keep the two data areas aligned
		if l.Title == "" {
			loss.Title.Text = ""
			row[1].Title.Text = ""
		}
	}
	g := &Grid{Plots: [][]*plot.Plot{row}, PanelWidth: Width, PanelHeight: Height}
	if len(row) == 2 {
		g.PanelWidth, g.PanelHeight = 4.5*vg.Inch, 3.4*vg.Inch
	}
	return g, nil
}

// panel plots the finite values of ys against the recorded steps, with
// the last value in the y label.
func (l *Live) panel(name string, ys []float64) (*plot.Plot, error) {
	var s Series
	for k, y := range ys {
		if !math.IsNaN(y) && !math.IsInf(y, 0) {
			s.X, s.Y = append(s.X, l.steps[k]), append(s.Y, y)
		}
	}
	if len(s.Y) == 0 {
		return nil, fmt.Errorf("plotting: Live: no finite %s recorded", name)
	}
	return TrainingCurves("", CurveOptions{
		XLabel: orString(l.Unit, "epoch"),
		YLabel: fmt.Sprintf("%s (last %.4g)", name, s.Y[len(s.Y)-1]),
	}, s)
}
