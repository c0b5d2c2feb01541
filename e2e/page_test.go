package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Cell tags the test understands, set in a cell's metadata (Jupyter:
// View → Cell Toolbar → Tags).
const (
	tagFigure = "figure" // the cell must show at least one non-empty figure
	tagWidget = "widget" // operating the cell's slider (or drop-down, or button) changes its figure
)

// handshakeFailure is what GoNB's front-end code logs when its widget
// connection misses the kernel's acknowledgement (a 500 ms deadline in
// GoNB's websocket.js). Seen in headless Chromium now and then; see
// ../shared/GONB.md.
const handshakeFailure = "comm_open_ack not received in time"

// runConfig holds the limits of one notebook run.
type runConfig struct {
	cellTimeout   time.Duration // longest a single cell may stay busy
	widgetWait    time.Duration // how long an operated widget may take to change the figure
	widgetRetries int           // re-runs of a widget cell after a logged handshake failure
	inject        string        // JavaScript run once the page is ready; fixtures use it to plant faults
}

// page is one notebook open in its own browser tab.
type page struct {
	ctx  context.Context // the tab
	cfg  runConfig
	logf func(format string, args ...any)

	mu      sync.Mutex
	console []string // console messages and uncaught exceptions, in order
}

// cellState, pageState, cellOutputs and widgetState mirror the values the
// page's window.__e2e functions return (see pagejs_test.go).
type cellState struct {
	Code   bool
	Prompt string
	Empty  bool
	Tags   []string
}

type pageState struct {
	Idle      bool
	Connected bool
	Cells     []cellState
}

type cellOutputs struct {
	Errors  []string
	Stderr  string
	Figures int
	Empty   []string
}

type widgetState struct {
	Control     string // "input" (a slider), "select", "button" or "" (none yet)
	Comm        bool   // GoNB's front-end connection is open
	Figures     int
	Fingerprint string
}

// openPage opens url in a new tab of the browser in browserCtx, records the
// tab's console, and waits until the notebook is loaded and its kernel idle.
func openPage(browserCtx context.Context, url string, cfg runConfig, logf func(string, ...any)) (*page, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	p := &page{ctx: ctx, cfg: cfg, logf: logf}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					var s string
					if json.Unmarshal(a.Value, &s) == nil {
						parts = append(parts, s)
						continue
					}
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.addConsole(string(ev.Type) + ": " + strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.addConsole("exception: " + msg)
		}
	})
	if err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("opening %s: %w", url, err)
	}
	// The notebook's JavaScript loads after the page: poll until Jupyter
	// exists, then install window.__e2e and wait for an idle kernel.
	deadline := time.Now().Add(90 * time.Second)
	installed := false
	for {
		if !installed {
			var ok bool
			err := p.eval(`!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded)`, &ok)
			if err == nil && ok {
				if err := p.eval(pageJS, &ok); err != nil {
					cancel()
					return nil, nil, fmt.Errorf("installing page helpers: %w", err)
				}
				installed = true
			}
		}
		if installed {
			var ready bool
			if err := p.eval(`__e2e.ready()`, &ready); err == nil && ready {
				if cfg.inject != "" {
					if err := p.eval(cfg.inject, &ready); err != nil {
						cancel()
						return nil, nil, fmt.Errorf("injecting fixture script: %w", err)
					}
				}
				return p, cancel, nil
			}
		}
		if time.Now().After(deadline) {
			cancel()
			return nil, nil, fmt.Errorf("notebook page or kernel not ready after 90s (helpers installed: %v); console:\n%s",
				installed, p.consoleSince(0))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (p *page) addConsole(s string) {
	p.mu.Lock()
	p.console = append(p.console, s)
	p.mu.Unlock()
}

// consoleMark returns a position in the console log, for consoleSince.
func (p *page) consoleMark() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.console)
}

// consoleSince returns the console lines logged after mark.
func (p *page) consoleSince(mark int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.console[mark:], "\n")
}

// consoleMatching returns the console lines that contain sub, to explain a
// flake without the whole console.
func (p *page) consoleMatching(sub string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var lines []string
	for _, l := range p.console {
		if strings.Contains(strings.ToLower(l), sub) {
			lines = append(lines, "    "+l)
		}
	}
	return strings.Join(lines, "\n")
}

// eval runs a JavaScript expression in the page and decodes its value.
func (p *page) eval(js string, res any) error {
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate(js, res))
}

func (p *page) state() (pageState, error) {
	var st pageState
	err := p.eval(`__e2e.state()`, &st)
	return st, err
}

// widgetOutcome is what exercising one widget cell showed.
type widgetOutcome struct {
	moved     bool          // the control was found and operated while the cell ran
	changed   bool          // the figure's image data changed afterwards
	latency   time.Duration // from the first move to the change
	handshake bool          // GoNB logged a missed handshake while the cell ran
	stopped   bool          // the test pressed interrupt (■) once the figure changed
}

// runCells executes cells through the page, all of them when only is
// negative, else just cell only, and waits until none is busy. While a cell
// tagged widget runs, it operates the cell's control and watches its figure.
// It returns what happened to each widget cell and the problems seen.
func (p *page) runCells(only int) (map[int]*widgetOutcome, []string) {
	js := `Jupyter.notebook.execute_all_cells(), true`
	if only >= 0 {
		js = fmt.Sprintf(`Jupyter.notebook.get_cell(%d).execute(), true`, only)
	}
	var ok bool
	if err := p.eval(js, &ok); err != nil {
		return nil, []string{"starting execution: " + err.Error()}
	}
	var problems []string
	widgets := map[int]*widgetOutcome{}
	marks := map[int]int{}           // console position when each widget cell started
	current, since := -1, time.Now() // the running cell and when it started
	limit := since.Add(p.cfg.cellTimeout)
	interrupted := -1
	disconnected := time.Time{}
	idleSince := time.Time{}
	for {
		st, err := p.state()
		if err != nil {
			return widgets, append(problems, "reading notebook state: "+err.Error())
		}
		// Cells run in order: the first busy one is running, the rest wait.
		busy := slices.IndexFunc(st.Cells, func(c cellState) bool { return c.Prompt == "*" })
		if busy != current {
			if current >= 0 {
				p.logf("cell %d done in %.1fs", current, time.Since(since).Seconds())
			}
			current, since = busy, time.Now()
			limit = since.Add(p.cfg.cellTimeout)
			if busy >= 0 && slices.Contains(st.Cells[busy].Tags, tagWidget) {
				marks[busy] = p.consoleMark()
			}
		}
		if busy < 0 {
			// Outputs may trail the execute reply: wait for an idle kernel.
			if idleSince.IsZero() {
				idleSince = time.Now()
			}
			if st.Idle || time.Since(idleSince) > 5*time.Second {
				break
			}
		} else {
			idleSince = time.Time{}
		}
		if !st.Connected {
			if disconnected.IsZero() {
				disconnected = time.Now()
			} else if time.Since(disconnected) > 15*time.Second {
				return widgets, append(problems, "kernel disconnected (died?) for 15s")
			}
		} else {
			disconnected = time.Time{}
		}
		if busy >= 0 && time.Now().After(limit) {
			if busy == interrupted {
				// The kernel ignored the interrupt: stop here; the
				// caller's checks report the cells left busy.
				break
			}
			problems = append(problems, fmt.Sprintf("cell %d still busy (In [*]) after %v: interrupted", busy, p.cfg.cellTimeout))
			_ = p.eval(`Jupyter.notebook.kernel.interrupt(), true`, &ok)
			// The rest of the notebook still runs; the interrupted cell
			// gets a grace period of a quarter of its timeout.
			interrupted, limit = busy, time.Now().Add(p.cfg.cellTimeout/4)
		}
		if busy >= 0 && slices.Contains(st.Cells[busy].Tags, tagWidget) && widgets[busy] == nil {
			if w := p.exerciseWidget(busy, marks[busy]); w != nil {
				widgets[busy] = w
				if w.changed {
					// Done with the widget: press ■ (interrupt), as a
					// learner does to go on with the next cells. The cell
					// must end cleanly; checkOutputs sees any error.
					w.stopped = p.eval(`Jupyter.notebook.kernel.interrupt(), true`, &ok) == nil
				}
			}
		}
		time.Sleep(150 * time.Millisecond)
	}
	if current >= 0 {
		p.logf("cell %d done in %.1fs", current, time.Since(since).Seconds())
	}
	// A widget cell that finished before its control could be operated.
	for i, mark := range marks {
		if widgets[i] == nil {
			widgets[i] = &widgetOutcome{handshake: strings.Contains(p.consoleSince(mark), handshakeFailure)}
		}
	}
	return widgets, problems
}

// exerciseWidget operates the control of running cell i and waits for the
// cell's figure to change. It returns nil while the widget is not ready yet
// (no control, no figure, or GoNB's connection not open), so the caller
// polls again.
func (p *page) exerciseWidget(i, mark int) *widgetOutcome {
	var w widgetState
	if err := p.eval(fmt.Sprintf(`__e2e.widget(%d)`, i), &w); err != nil || w.Control == "" || w.Figures == 0 || !w.Comm {
		if strings.Contains(p.consoleSince(mark), handshakeFailure) {
			return &widgetOutcome{handshake: true}
		}
		return nil
	}
	before := w.Fingerprint
	out := &widgetOutcome{moved: true}
	// Act again every second, as a learner would: an action that lands
	// before the cell listens is lost, the next one is not.
	start := time.Now()
	for time.Since(start) < p.cfg.widgetWait {
		var did string
		if err := p.eval(fmt.Sprintf(`__e2e.act(%d)`, i), &did); err != nil {
			break
		}
		p.logf("widget cell %d: %s", i, did)
		next := time.Now().Add(time.Second)
		for time.Now().Before(next) {
			if strings.Contains(p.consoleSince(mark), handshakeFailure) {
				out.handshake = true
				return out
			}
			if err := p.eval(fmt.Sprintf(`__e2e.widget(%d)`, i), &w); err != nil {
				break
			}
			if w.Fingerprint != before && w.Figures > 0 {
				out.changed, out.latency = true, time.Since(start)
				return out
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	out.handshake = strings.Contains(p.consoleSince(mark), handshakeFailure)
	return out
}

// checkOutputs inspects every code cell's output after a run and returns
// one line per problem a learner would see.
func (p *page) checkOutputs() []string {
	var st pageState
	var outs []*cellOutputs
	if err := p.eval(`__e2e.state()`, &st); err != nil {
		return []string{"reading notebook state: " + err.Error()}
	}
	if err := p.eval(`__e2e.outputs()`, &outs); err != nil {
		return []string{"reading outputs: " + err.Error()}
	}
	var problems []string
	for i, c := range st.Cells {
		if !c.Code || c.Empty {
			continue
		}
		o := outs[i]
		switch c.Prompt {
		case "*":
			problems = append(problems, fmt.Sprintf("cell %d: still busy (In [*])", i))
		case "":
			problems = append(problems, fmt.Sprintf("cell %d: never ran (In [ ]): an earlier cell failed or the run stopped", i))
		}
		for _, e := range o.Errors {
			problems = append(problems, fmt.Sprintf("cell %d: error output: %s", i, firstLines(e, 6)))
		}
		for _, bad := range []string{"panic:", "exit status"} {
			if strings.Contains(o.Stderr, bad) {
				problems = append(problems, fmt.Sprintf("cell %d: stderr has %q: %s", i, bad, firstLines(o.Stderr, 6)))
			}
		}
		for _, e := range o.Empty {
			problems = append(problems, fmt.Sprintf("cell %d: empty figure: %s", i, e))
		}
		if slices.Contains(c.Tags, tagFigure) && o.Figures == 0 {
			problems = append(problems, fmt.Sprintf("cell %d: tagged %q but shows no img or svg", i, tagFigure))
		}
	}
	return problems
}

// screenshot saves a full-page PNG of the notebook to path.
func (p *page) screenshot(path string) error {
	var height int
	if err := p.eval(`__e2e.unroll()`, &height); err != nil {
		return err
	}
	var buf []byte
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&buf, 100)); err != nil {
		return err
	}
	return os.WriteFile(path, buf, 0o644)
}

// shutdownKernel stops the notebook's kernel so the next notebook starts
// on a machine with its memory back.
func (p *page) shutdownKernel() {
	var ok bool
	_ = p.eval(`Jupyter.notebook.session.delete(), true`, &ok)
}

// firstLines shortens s to its first n lines for a readable test log.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n    ")
}
