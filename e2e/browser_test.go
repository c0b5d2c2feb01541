package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// defaultRun are the limits for the lesson notebooks. A cold Go build cache
// makes a first plotting cell take about a minute on two cores
// (../shared/GONB.md), hence the generous cell timeout.
var defaultRun = runConfig{
	cellTimeout:   3 * time.Minute,
	widgetWait:    8 * time.Second,
	widgetRetries: 2,
}

// A fixture is a notebook in testdata/ with the outcome the test must
// report for it: fixtures check the checker.
type fixture struct {
	notebook    string        // file in testdata/
	inject      string        // JavaScript run in the page first, to plant a fault
	cellTimeout time.Duration // if not zero, replaces defaultRun's
	problems    []string      // one substring per problem that must be reported, and nothing else
	minFlakes   int           // widget handshake failures that must at least be seen and retried (real ones may add to them)
}

// dropAcks makes the page lose GoNB's first n widget handshake
// acknowledgements, the fault seen now and then in headless Chromium: the
// subclassed WebSocket discards them before GoNB's front-end code sees them.
// Only GoNB's connection is touched (Jupyter's own one carries a session_id).
func dropAcks(n int) string {
	return fmt.Sprintf(`(() => {
  window.__e2eDrops = %d;
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    set onmessage(fn) {
      super.onmessage = (ev) => {
        if (window.__e2eDrops > 0 && !this.url.includes('session_id') &&
            typeof ev.data === 'string' && ev.data.includes('"#comm_open_ack"')) {
          window.__e2eDrops--;
          return;
        }
        fn(ev);
      };
    }
    get onmessage() { return super.onmessage; }
  };
  return true;
})()`, n)
}

// fixtures run after the lessons, in this order.
var fixtures = []struct {
	name string
	fixture
}{
	{"widget", fixture{notebook: "widget.ipynb"}},
	{"widget-flaky", fixture{notebook: "widget.ipynb", inject: dropAcks(1), minFlakes: 1}},
	{"broken", fixture{
		notebook:    "broken.ipynb",
		cellTimeout: 20 * time.Second, // outlasts the frozen widget cell (about 11 s)
		problems: []string{
			`cell 1: error output`,
			`cell 1: stderr has "panic:"`,
			`cell 1: stderr has "exit status"`,
			`cell 2: tagged "figure" but shows no img or svg`,
			`cell 3: empty figure: svg has no child elements`,
			`widget cell 4: figure did not change`,
			`cell 5 still busy (In [*]) after 20s`,
			`cell 5: error output: signal: interrupt`,
		},
	}},
}

// TestBrowser runs every notebook in notebooks/ in headless Chromium
// through Jupyter's own page, then the fixtures in testdata/ that check the
// checker. See README.md in this directory.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tools := findTools(t, repo)
	trackInputs(t, repo)
	lessons, _ := filepath.Glob(filepath.Join(repo, "notebooks", "*.ipynb"))
	fixtureFiles, _ := filepath.Glob(filepath.Join("testdata", "*.ipynb"))

	// Run on copies: the page saves what it runs, and committed notebooks
	// must stay as they are.
	nbDir := t.TempDir()
	copyAll(t, lessons, nbDir)
	copyAll(t, fixtureFiles, filepath.Join(nbDir, "fixtures"))

	dataDir := t.TempDir()
	registerKernels(t, repo, tools.setup, dataDir, goList(t, repo, "github.com/janpfeifer/gonb"))
	srv := startJupyter(t, tools.jupyter, nbDir, dataDir)
	browser := startBrowser(t, tools.chromium)

	shots := filepath.Join(repo, "artifacts", "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	if len(lessons) == 0 {
		t.Log("no notebooks in notebooks/ yet: only the fixtures run")
	}
	start := time.Now()
	var sum summary
	defer func() {
		line := sum.String(time.Since(start))
		t.Log(line)
		if err := os.WriteFile(filepath.Join(shots, "summary.txt"), []byte(sum.table()+line+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}()
	for _, path := range lessons {
		name := filepath.Base(path)
		t.Run("lessons/"+strings.TrimSuffix(name, ".ipynb"), func(t *testing.T) {
			checkKernelName(t, path, projectKernel)
			r := runNotebook(t, browser, srv, name, defaultRun, filepath.Join(shots, strings.TrimSuffix(name, ".ipynb")+".png"))
			sum.add("lessons/"+name, r, 0)
			for _, p := range r.problems {
				t.Error(p)
			}
		})
	}
	used := map[string]bool{}
	for _, f := range fixtures {
		used[f.notebook] = true
		t.Run("fixtures/"+f.name, func(t *testing.T) {
			checkKernelName(t, filepath.Join("testdata", f.notebook), fixtureKernel)
			cfg := defaultRun
			cfg.inject = f.inject
			if f.cellTimeout != 0 {
				cfg.cellTimeout = f.cellTimeout
			}
			r := runNotebook(t, browser, srv, "fixtures/"+f.notebook, cfg, filepath.Join(shots, "fixture-"+f.name+".png"))
			for _, p := range r.problems {
				if !slices.ContainsFunc(f.problems, func(w string) bool { return strings.Contains(p, w) }) {
					t.Errorf("unexpected problem: %s", p)
				}
			}
			for _, w := range f.problems {
				if !slices.ContainsFunc(r.problems, func(p string) bool { return strings.Contains(p, w) }) {
					t.Errorf("checker missed a problem planted in the fixture: want one containing %q", w)
				}
			}
			sum.add("fixtures/"+f.name, r, f.minFlakes)
			if r.flakes < f.minFlakes {
				t.Errorf("%d widget flakes retried, want at least %d", r.flakes, f.minFlakes)
			}
		})
	}
	for _, path := range fixtureFiles {
		if !used[filepath.Base(path)] {
			t.Errorf("%s is used by no fixture", path)
		}
	}
}

// summary collects one row per notebook run, for the log and for
// artifacts/screenshots/summary.txt next to the screenshots.
type summary struct {
	rows []string
	// lessons and fixtures count notebook runs; the flakes count widget
	// cells re-run after a missed handshake, planted the ones the
	// fixtures caused on purpose.
	lessons, fixtures                    int
	lessonFlakes, fixtureFlakes, planted int
}

func (s *summary) add(name string, r notebookResult, planted int) {
	s.rows = append(s.rows, fmt.Sprintf("%-34s %6.1fs  %2d problems  %d flakes", name, r.seconds, len(r.problems), r.flakes))
	if strings.HasPrefix(name, "fixtures/") {
		s.fixtures++
		s.fixtureFlakes += r.flakes
		s.planted += planted
	} else {
		s.lessons++
		s.lessonFlakes += r.flakes
	}
}

func (s *summary) table() string {
	return strings.Join(s.rows, "\n") + "\n"
}

func (s *summary) String(d time.Duration) string {
	return fmt.Sprintf("browser test: %d lesson notebooks and %d fixture runs in %.1fs; widget flakes retried: %d in lessons, %d in fixtures (%d planted)",
		s.lessons, s.fixtures, d.Seconds(), s.lessonFlakes, s.fixtureFlakes, s.planted)
}

// notebookResult is the outcome of one notebook run.
type notebookResult struct {
	problems []string
	flakes   int     // widget cells re-run after a logged handshake failure
	seconds  float64 // wall-clock time of the whole run, page load to screenshot
}

// runNotebook opens one notebook, runs all its cells through the page,
// exercises its widgets, checks its outputs and saves a screenshot.
func runNotebook(t *testing.T, browser context.Context, srv *jupyterServer, name string, cfg runConfig, shot string) notebookResult {
	t.Helper()
	start := time.Now()
	var r notebookResult
	p, closeTab, err := openPage(browser, srv.notebookURL(name), cfg, t.Logf)
	if err != nil {
		r.problems = append(r.problems, err.Error())
		t.Logf("jupyter log:\n%s", tail(srv.log, 30))
		r.seconds = time.Since(start).Seconds()
		return r
	}
	defer closeTab()
	defer p.shutdownKernel()
	t.Logf("%s: page and kernel ready in %.1fs", name, time.Since(start).Seconds())

	widgets, problems := p.runCells(-1)
	r.problems = append(r.problems, problems...)
	for _, i := range sortedKeys(widgets) {
		w := widgets[i]
		for attempt := 1; w.handshake && !w.changed && attempt <= cfg.widgetRetries; attempt++ {
			r.flakes++
			t.Logf("flake: widget cell %d: GoNB logged %q; retried (%d/%d); GoNB's console lines:\n%s",
				i, handshakeFailure, attempt, cfg.widgetRetries, p.consoleMatching("gonb"))
			again, problems := p.runCells(i)
			r.problems = append(r.problems, problems...)
			w = again[i]
			if w == nil {
				w = &widgetOutcome{}
			}
		}
		switch {
		case w.changed:
			t.Logf("widget cell %d: figure changed %.1fs after the first slider move", i, w.latency.Seconds())
		case w.handshake:
			r.problems = append(r.problems, fmt.Sprintf("widget cell %d: GoNB widget handshake failed on %d attempts (%q)",
				i, cfg.widgetRetries+1, handshakeFailure))
		case !w.moved:
			r.problems = append(r.problems, fmt.Sprintf("widget cell %d: finished before a slider, a figure and GoNB's connection were all there, and no handshake failure was logged", i))
		default:
			r.problems = append(r.problems, fmt.Sprintf("widget cell %d: figure did not change within %v of moving the slider (no handshake failure logged)", i, cfg.widgetWait))
		}
	}
	outputProblems := p.checkOutputs()
	for i, w := range widgets {
		prefix := fmt.Sprintf("cell %d: error output", i)
		if w != nil && w.stopped && slices.ContainsFunc(outputProblems, func(p string) bool { return strings.HasPrefix(p, prefix) }) {
			r.problems = append(r.problems, fmt.Sprintf("widget cell %d: stopping it with interrupt (■) once its figure had changed, "+
				"as a learner does to go on, left an error output: the widget should treat os.Interrupt as \"done\"", i))
		}
	}
	r.problems = append(r.problems, outputProblems...)
	if err := p.screenshot(shot); err != nil {
		r.problems = append(r.problems, "screenshot: "+err.Error())
	}
	if len(r.problems) > 0 {
		t.Logf("browser console of %s:\n%s", name, p.consoleSince(0))
	}
	r.seconds = time.Since(start).Seconds()
	t.Logf("%s: %.1fs, %d problems, %d flakes; screenshot %s", name, r.seconds, len(r.problems), r.flakes, shot)
	return r
}

// startBrowser starts headless Chromium with a fresh profile; it is closed
// when the test ends. The flags keep it from reaching the network on its own.
func startBrowser(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // Debian's chromium runs as root in CI containers only without it
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", chromium, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// trackInputs stats every source file the notebooks run: go test records
// the stats and reuses a cached pass only while none of those files changed.
// Without it a change to dl/ alone would not re-run this test, since this
// package imports none of the code the notebooks run.
func trackInputs(t *testing.T, repo string) {
	t.Helper()
	skip := map[string]bool{".git": true, ".bin": true, "artifacts": true, ".ipynb_checkpoints": true}
	err := filepath.WalkDir(repo, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skip[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".ipynb", ".mod", ".sum", ".sh", ".py":
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkKernelName fails the test early when a notebook asks for a kernel
// the test did not register: Jupyter would open a kernel chooser instead.
func checkKernelName(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata struct {
			Kernelspec struct {
				Name string `json:"name"`
			} `json:"kernelspec"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if got := nb.Metadata.Kernelspec.Name; got != want {
		t.Fatalf("%s: kernelspec name is %q, want %q", path, got, want)
	}
}

// copyAll copies files into dir.
func copyAll(t *testing.T, files []string, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goList returns the directory of a module the repository depends on.
func goList(t *testing.T, repo, module string) string {
	t.Helper()
	out, err := execIn(repo, "go", "list", "-m", "-f", "{{.Dir}}", module)
	if err != nil || out == "" {
		t.Fatalf("go list -m %s: %v %s", module, err, out)
	}
	return out
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
