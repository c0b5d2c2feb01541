package plotting

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/signal"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
)

// How long Slider waits. A front end (a browser showing the notebook)
// answers a new slider within about a second; GoNB itself gives the
// browser 3 s to open its connection. Without a front end (nbconvert,
// the notebook tests, CI) nobody ever answers, and the cell must not hang.
const (
	// SliderAnswerWait is how long Slider waits for a front end to
	// answer before it leaves the static figure and returns.
	SliderAnswerWait = 3 * time.Second

	// SliderIdleWait is how long a working slider may go unmoved before
	// Slider returns. A cell that never returned would keep the kernel
	// busy and block every cell after it in "Run all".
	SliderIdleWait = 2 * time.Minute
)

// Slider shows the figure draw(value) and a slider under label that lets
// the learner pick v in [min, max]; each move redraws the figure with
// draw(v), in place.
//
// The figure for value is shown first as an ordinary static image/svg+xml
// output, so a notebook run without a front end (nbconvert, CI) saves a
// figure that depends on value alone, and the cell may be tagged "figure".
// Slider then creates the GoNB slider widget. If no front end answers
// within SliderAnswerWait, it removes the slider and returns nil: the
// static figure stays. Otherwise it redraws on every move until the slider
// has been left alone for SliderIdleWait, then removes the slider (with a
// note that re-running the cell brings it back) and returns nil. An
// interrupt (Jupyter's ■ button) removes the slider at once and returns
// nil, keeping the last figure: the way to go on to the next cells. Only the
// latest value is drawn when the learner moves faster than draw runs.
//
// Slider returns the error of draw(value), or of rendering it, before it
// shows anything. An error of draw for a value picked with the slider is
// shown in place of the figure, and the slider keeps working. Outside a notebook Slider calls draw(value), returns its error
// if any, and otherwise returns ErrNotNotebook.
//
// Without a front end a Slider cell takes about 3 s (GoNB waits that long
// for a browser before it gives up), and its saved outputs are the same on
// every run: the figure, two emptied HTML displays and GoNB's connection
// script, which a browser would have removed.
//
// Slider panics if min > max, if value is outside [min, max] or if draw
// is nil.
func Slider(label string, min, max, value int, draw func(v int) (*plot.Plot, error)) error {
	s := &slider{
		label: label, min: min, max: max, value: value, draw: draw,
		answerWait: SliderAnswerWait, idleWait: SliderIdleWait,
	}
	s.check()
	if !gonbui.IsNotebook {
		if _, err := s.svg(value); err != nil {
			return err
		}
		return ErrNotNotebook
	}
	s.ui = gonbUI{}
	return s.run()
}

// slider is one run of Slider. The timeouts and the user interface are
// fields so that tests can run it with a simulated front end.
type slider struct {
	label           string
	min, max, value int
	draw            func(v int) (*plot.Plot, error)

	answerWait, idleWait time.Duration
	ui                   ui
}

// ui is what Slider needs from the notebook.
type ui interface {
	// uniqueID returns a fresh id for a display or an HTML element.
	uniqueID() string
	// figure shows svg in the display with the given id, creating it the
	// first time and replacing its content afterwards.
	figure(id string, svg []byte)
	// html does the same with HTML content.
	html(id, content string)
	// listen delivers the values the front end sends to address, the
	// latest only if they come faster than they are read.
	listen(address string) (values <-chan int, stop func())
	// sync waits until GoNB has received everything sent so far.
	sync()
	// interrupts delivers the learner's interrupt (Jupyter's ■ button,
	// which GoNB passes on as os.Interrupt) until stop is called.
	interrupts() (c <-chan os.Signal, stop func())
}

// check panics on wrong usage.
func (s *slider) check() {
	if s.draw == nil {
		panic("plotting: Slider: draw is nil")
	}
	if s.min > s.max || s.value < s.min || s.value > s.max {
		panic(fmt.Sprintf("plotting: Slider: value %d is not in [min, max] = [%d, %d]", s.value, s.min, s.max))
	}
}

func (s *slider) run() error {
	s.check()
	svg, err := s.svg(s.value)
	if err != nil {
		return err
	}

	// The controls come first, so that the slider sits above the figure.
	// They hold ids that change from run to run, so they are emptied
	// before Slider returns: a saved notebook keeps only the figure.
	uid := s.ui.uniqueID()
	controls, figure := "introdl_slider_controls_"+uid, "introdl_slider_figure_"+uid
	input, script, address := "introdl_slider_"+uid, "introdl_slider_script_"+uid, "/introdl/slider/"+uid
	s.ui.html(controls, fmt.Sprintf(
		`<div style="font-family:sans-serif;font-size:13px">%s <input type="range" id="%s" min="%d" max="%d" value="%d" style="vertical-align:middle"></div>`,
		html.EscapeString(s.label), input, s.min, s.max, s.value))
	s.ui.figure(figure, svg)
	s.ui.sync()

	// Listening makes GoNB install its connection to the browser, for
	// which it waits up to 3 s before it reads on; the script then binds
	// the slider to address and sends its value once: the front end's
	// answer. The script's display is emptied once it has done its work,
	// or given up on, so that it is not saved with the notebook.
	values, stop := s.ui.listen(address)
	defer stop()
	// Interrupting the kernel (■) is how a learner says "done with this
	// slider, go on": it must end the cell cleanly, not with a
	// "signal: interrupt" error, and leave the last figure in place.
	interrupt, stopInterrupts := s.ui.interrupts()
	defer stopInterrupts()
	done := func() error {
		s.ui.html(script, "")
		s.ui.html(controls, "")
		s.ui.sync()
		return nil
	}
	s.ui.html(script, "<script>"+sliderJS(input, address)+"</script>")
	shown := s.value
	select {
	case v := <-values:
		s.ui.html(script, "")
		if v != shown {
			s.redraw(figure, v)
			shown = v
		}
	case <-time.After(s.answerWait):
		// No front end: only the static figure remains.
		return done()
	case <-interrupt:
		return done()
	}

	idle := time.NewTimer(s.idleWait)
	defer idle.Stop()
	for {
		select {
		case v := <-values:
			if v != shown {
				s.redraw(figure, v)
				shown = v
			}
			idle.Reset(s.idleWait)
		case <-interrupt:
			return done()
		case <-idle.C:
			s.ui.html(controls, fmt.Sprintf(
				`<div style="font-family:sans-serif;font-size:12px;color:#666">%s: the slider closed after %v without a move; run the cell again to get it back.</div>`,
				html.EscapeString(s.label), s.idleWait))
			s.ui.sync()
			return nil
		}
	}
}

// sliderJS binds the range input with DOM id input to the comms address:
// each move sends the slider's value to the program. GoNB's SyncedVariable
// sends the initial value as soon as it is created.
func sliderJS(input, address string) string {
	return fmt.Sprintf(`(() => {
  const comm = globalThis.gonb_comm;
  const slider = document.getElementById(%q);
  if (!comm || !slider) { return; }
  const value = comm.newSyncedVariable(%q, slider.value);
  slider.addEventListener("input", () => value.set(slider.value));
  slider.addEventListener("change", () => value.set(slider.value));
})();`, input, address)
}

// redraw shows the figure for v, or the error of drawing it in its place
// (the slider stays, so the learner can move on).
func (s *slider) redraw(figure string, v int) {
	svg, err := s.svg(v)
	if err != nil {
		s.ui.figure(figure, errorSVG(fmt.Sprintf("%s = %d: %v", s.label, v, err)))
		return
	}
	s.ui.figure(figure, svg)
}

// svg renders draw(v) at Width × Height.
func (s *slider) svg(v int) ([]byte, error) {
	p, err := s.draw(v)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("plotting: Slider: draw(%d) returned a nil plot and no error", v)
	}
	return render(p, Width, Height, "svg")
}

// errorSVG is a small SVG image holding msg, shown in place of a figure
// that could not be drawn.
func errorSVG(msg string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="432" height="40" viewBox="0 0 432 40">`+
		`<text x="4" y="24" font-family="sans-serif" font-size="13" fill="#b00">%s</text></svg>`,
		html.EscapeString(msg))
	return b.Bytes()
}

// gonbUI is the ui of a GoNB notebook.
type gonbUI struct{}

func (gonbUI) uniqueID() string { return gonbui.UniqueId() }

func (gonbUI) figure(id string, svg []byte) {
	gonbui.SendData(&protocol.DisplayData{
		Data:      map[protocol.MIMEType]any{protocol.MIMEImageSVG: string(svg)},
		DisplayID: id,
	})
}

func (gonbUI) html(id, content string) { gonbui.UpdateHTML(id, content) }

func (gonbUI) sync() { gonbui.Sync() }

func (gonbUI) interrupts() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	return c, func() { signal.Stop(c) }
}

func (gonbUI) listen(address string) (<-chan int, func()) {
	c := comms.Listen[int](address).LatestOnly()
	return c.C, c.Close
}
