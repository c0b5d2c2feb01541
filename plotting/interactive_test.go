package plotting

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"gonum.org/v1/plot"
)

// fakeUI is a notebook with or without a front end. It records what the
// slider shows; answer lists the values the front end sends after the
// slider script arrives (none: no front end).
type fakeUI struct {
	mu       sync.Mutex
	ids      int
	displays map[string]string // display id → current content
	figures  map[string][]string
	order    []string // display ids in order of creation
	synced   bool     // nothing sent since the last sync
	answer   []int
	gap      time.Duration // between two answers
	values   chan int
	stopped  bool
	signals  chan os.Signal // interrupts the test sends
}

func newFakeUI(gap time.Duration, answer ...int) *fakeUI {
	return &fakeUI{displays: map[string]string{}, figures: map[string][]string{},
		answer: answer, gap: gap, values: make(chan int, len(answer)), signals: make(chan os.Signal, 1)}
}

func (u *fakeUI) interrupts() (<-chan os.Signal, func()) { return u.signals, func() {} }

func (u *fakeUI) uniqueID() string { u.ids++; return fmt.Sprint(u.ids) }

func (u *fakeUI) show(id, content string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if _, ok := u.displays[id]; !ok {
		u.order = append(u.order, id)
	}
	u.displays[id] = content
	u.synced = false
}

func (u *fakeUI) figure(id string, svg []byte) {
	u.show(id, string(svg))
	u.mu.Lock()
	u.figures[id] = append(u.figures[id], string(svg))
	u.mu.Unlock()
}

func (u *fakeUI) html(id, content string) {
	u.show(id, content)
	// The front end answers once the slider's script has arrived.
	if strings.Contains(id, "script") && content != "" {
		go func() {
			for _, v := range u.answer {
				u.values <- v
				time.Sleep(u.gap)
			}
		}()
	}
}

func (u *fakeUI) listen(string) (<-chan int, func()) {
	return u.values, func() { u.mu.Lock(); u.stopped = true; u.mu.Unlock() }
}

func (u *fakeUI) sync() { u.mu.Lock(); u.synced = true; u.mu.Unlock() }

// display returns the content of the display whose id contains kind.
func (u *fakeUI) display(t *testing.T, kind string) string {
	t.Helper()
	for _, id := range u.order {
		if strings.Contains(id, kind) {
			return u.displays[id]
		}
	}
	t.Fatalf("no %s display", kind)
	return ""
}

// sine draws sin(k·x), the figure of the tests.
func sine(k int) (*plot.Plot, error) {
	if k < 0 {
		return nil, errors.New("k must be ≥ 0")
	}
	return Functions(fmt.Sprintf("sin(%d·x)", k), 0, 2*math.Pi,
		Curve{Name: "sin", F: func(x float64) float64 { return math.Sin(float64(k) * x) }})
}

func sineSVG(t *testing.T, k int) string {
	t.Helper()
	p, err := sine(k)
	if err != nil {
		t.Fatal(err)
	}
	b, err := render(p, Width, Height, "svg")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newTestSlider(u *fakeUI, value int, answerWait, idleWait time.Duration) *slider {
	return &slider{label: "k", min: -2, max: 8, value: value, draw: sine,
		answerWait: answerWait, idleWait: idleWait, ui: u}
}

// TestSliderNoFrontEnd is the headless case (nbconvert, CI): the figure
// for the initial value is shown once, the controls and the script are
// emptied, and Slider returns after answerWait, with everything synced.
func TestSliderNoFrontEnd(t *testing.T) {
	u := newFakeUI(0)
	const wait = 100 * time.Millisecond
	start := time.Now()
	if err := newTestSlider(u, 2, wait, time.Hour).run(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < wait || d > wait+time.Second {
		t.Errorf("returned after %v, want just over %v", d, wait)
	}
	if got := u.display(t, "controls"); got != "" {
		t.Errorf("controls left as %q, want them emptied", got)
	}
	if got := u.display(t, "script"); got != "" {
		t.Errorf("script left as %q, want it emptied", got)
	}
	if !strings.Contains(u.order[0], "controls") || !strings.Contains(u.order[1], "figure") {
		t.Errorf("displays in order %v, want the controls above the figure", u.order)
	}
	for id, figs := range u.figures {
		if len(figs) != 1 || figs[0] != sineSVG(t, 2) {
			t.Errorf("figure %s shown %d times, want once, the figure for 2", id, len(figs))
		}
	}
	if !u.synced || !u.stopped {
		t.Errorf("synced %v, stopped listening %v; want both", u.synced, u.stopped)
	}
}

// TestSliderFrontEnd is the browser case: the front end answers with the
// initial value, then the learner moves the slider to 5, 5 (no change),
// −1 (draw fails) and 7. Each new value is drawn once, in place; a failed
// draw shows its error there and the slider keeps working; after idleWait
// without a move the slider is replaced by a note.
func TestSliderFrontEnd(t *testing.T) {
	u := newFakeUI(20*time.Millisecond, 2, 5, 5, -1, 7)
	const idle = 300 * time.Millisecond
	start := time.Now()
	if err := newTestSlider(u, 2, 5*time.Second, idle).run(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < idle || d > idle+2*time.Second {
		t.Errorf("returned after %v, want about %v after the last move", d, idle)
	}
	if len(u.figures) != 1 {
		t.Fatalf("%d figure displays, want 1 updated in place", len(u.figures))
	}
	for _, figs := range u.figures {
		if len(figs) != 4 {
			t.Fatalf("figure drawn %d times, want 4 (2, 5, −1, 7)", len(figs))
		}
		if figs[0] != sineSVG(t, 2) || figs[1] != sineSVG(t, 5) || figs[3] != sineSVG(t, 7) {
			t.Errorf("figures are not those of 2, 5, 7")
		}
		if !strings.Contains(figs[2], "k = -1: k must be ≥ 0") {
			t.Errorf("failed draw shows %.80q, want its error", figs[2])
		}
	}
	if got := u.display(t, "controls"); !strings.Contains(got, "run the cell again") {
		t.Errorf("controls end as %q, want a note on how to get the slider back", got)
	}
	if got := u.display(t, "script"); got != "" {
		t.Errorf("script left as %q, want it emptied", got)
	}
	if !u.synced || !u.stopped {
		t.Errorf("synced %v, stopped listening %v; want both", u.synced, u.stopped)
	}
}

// TestSliderInterrupt is the learner pressing ■ while the slider works:
// Slider must return nil at once (not die with "signal: interrupt", which
// the notebook would show as an error), keep the last figure drawn, and
// remove the controls.
func TestSliderInterrupt(t *testing.T) {
	u := newFakeUI(20*time.Millisecond, 2, 5)
	s := newTestSlider(u, 2, 5*time.Second, time.Hour)
	go func() {
		for {
			u.mu.Lock()
			n := 0
			for _, figs := range u.figures {
				n = len(figs)
			}
			u.mu.Unlock()
			if n == 2 { // 2, then 5
				u.signals <- os.Interrupt
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start := time.Now()
	if err := s.run(); err != nil {
		t.Fatalf("run after an interrupt: %v, want nil", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned %v after start, want soon after the interrupt (idle wait is an hour)", d)
	}
	for _, figs := range u.figures {
		if figs[len(figs)-1] != sineSVG(t, 5) {
			t.Errorf("last figure is not the one for 5")
		}
	}
	if got := u.display(t, "controls"); got != "" {
		t.Errorf("controls left as %q, want them removed", got)
	}
	if !u.synced || !u.stopped {
		t.Errorf("synced %v, stopped listening %v; want both", u.synced, u.stopped)
	}
}

// TestSliderControls checks the HTML of the slider: the label escaped, a
// range input with the bounds and the value, and a script bound to it.
func TestSliderControls(t *testing.T) {
	u := newFakeUI(0)
	s := newTestSlider(u, 3, time.Hour, time.Hour)
	s.label = "a < b"
	s.answerWait = 10 * time.Millisecond
	// Record the displays before they are emptied.
	var controls, script string
	rec := &recordingUI{fakeUI: u, seen: func(id, content string) {
		switch {
		case strings.Contains(id, "controls") && controls == "":
			controls = content
		case strings.Contains(id, "script") && script == "":
			script = content
		}
	}}
	s.ui = rec
	if err := s.run(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"a &lt; b", `type="range"`, `min="-2"`, `max="8"`, `value="3"`} {
		if !strings.Contains(controls, want) {
			t.Errorf("controls %q lack %q", controls, want)
		}
	}
	if !strings.Contains(script, "newSyncedVariable") || !strings.Contains(script, `"introdl_slider_1"`) {
		t.Errorf("script %q does not bind introdl_slider_1", script)
	}
}

type recordingUI struct {
	*fakeUI
	seen func(id, content string)
}

func (r *recordingUI) html(id, content string) {
	r.seen(id, content)
	r.fakeUI.html(id, content)
}

// TestSliderErrors checks that an error drawing the initial value is
// returned before anything is shown, and the panics of wrong usage.
func TestSliderErrors(t *testing.T) {
	u := newFakeUI(0)
	if err := newTestSlider(u, -1, time.Hour, time.Hour).run(); err == nil {
		t.Error("no error for a figure that cannot be drawn")
	}
	if len(u.order) != 0 {
		t.Errorf("shown %v before the error, want nothing", u.order)
	}
	nilPlot := newTestSlider(u, 1, time.Hour, time.Hour)
	nilPlot.draw = func(int) (*plot.Plot, error) { return nil, nil }
	if err := nilPlot.run(); err == nil {
		t.Error("no error for a nil plot")
	}
	for _, tc := range []struct {
		name            string
		min, max, value int
		draw            func(int) (*plot.Plot, error)
	}{
		{"min > max", 3, 2, 2, sine},
		{"value < min", 0, 2, -1, sine},
		{"value > max", 0, 2, 3, sine},
		{"nil draw", 0, 2, 1, nil},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tc.name)
				}
			}()
			s := &slider{min: tc.min, max: tc.max, value: tc.value, draw: tc.draw, ui: newFakeUI(0)}
			s.run()
		}()
	}
}

// TestSliderOutsideNotebook checks the exported function in a test, which
// is not a notebook: it draws the initial figure and says where it is.
func TestSliderOutsideNotebook(t *testing.T) {
	if err := Slider("k", 0, 8, 2, sine); !errors.Is(err, ErrNotNotebook) {
		t.Errorf("got %v, want ErrNotNotebook", err)
	}
	if err := Slider("k", -2, 8, -1, sine); err == nil || errors.Is(err, ErrNotNotebook) {
		t.Errorf("got %v, want the error of draw", err)
	}
}

func TestErrorSVG(t *testing.T) {
	b := errorSVG(`x < 1 & "y"`)
	if !bytes.Contains(b, []byte("x &lt; 1 &amp; &#34;y&#34;")) {
		t.Errorf("message not escaped: %s", b)
	}
}
