// Command loadtest plays N learners of a class against a JupyterHub: each
// logs in through the hub's login form, starts their server, opens a lesson
// and runs every code cell through the Jupyter kernel API (a kernel session
// and its WebSocket channels), all learners at the same time. It reports the
// per-cell latency (p50, p95, max), failed cells and, with -podman, the
// memory of each learner's container; with -restart it saves a notebook,
// restarts every learner's server and checks the notebook is still there,
// and checks that one learner cannot read another's files.
//
//	go run ./deploy/loadtest -learners 8 -password-file /var/lib/introdl-hub/password -podman
//
// Latency is the time from sending a cell's execute_request until its
// execute_reply, the wait a learner sees after pressing Shift-Enter (for a
// GoNB kernel: writing, compiling, linking and running the cell's program).
//
// Some cells compute for seconds even for a learner alone (a lesson's
// training run), so "p95 under 3 s" is asked of the others. With -solo, the
// -json report of an earlier run of the same lesson with one learner names
// them: a cell that took at least -work seconds alone is a work cell; the
// report adds the p95 over the remaining, compile-bound cells and how many
// times slower each cell ran than alone (median and maximum):
//
//	go run ./deploy/loadtest -learners 1 -lesson notebooks/03-xor.ipynb -json solo.json ...
//	go run ./deploy/loadtest -learners 8 -lesson notebooks/03-xor.ipynb -solo solo.json ...
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type config struct {
	hub      string
	learners int
	first    int
	password string
	lesson   string
	kernel   string
	podman   bool
	restart  bool
	timeout  time.Duration
	solo     map[int]float64 // a cell's latency with one learner, by cell index
	work     float64         // seconds alone from which a cell is a work cell
}

func main() {
	var cfg config
	var pwFile, out, solo string
	flag.StringVar(&cfg.hub, "hub", "http://127.0.0.1:8000", "the hub's public URL")
	flag.IntVar(&cfg.learners, "learners", 4, "simulated learners (accounts learnerK..)")
	flag.IntVar(&cfg.first, "first", 1, "number K of the first account")
	flag.StringVar(&cfg.password, "password", os.Getenv("INTRODL_HUB_PASSWORD"), "the test accounts' password")
	flag.StringVar(&pwFile, "password-file", "", "read the password from this file")
	flag.StringVar(&cfg.lesson, "lesson", "notebooks/03-xor.ipynb", "the lesson, relative to the learner's home")
	flag.StringVar(&cfg.kernel, "kernel", "introdl", "kernel name")
	flag.BoolVar(&cfg.podman, "podman", false, "measure each learner's container (jupyter-NAME) through its cgroup")
	flag.BoolVar(&cfg.restart, "restart", true, "after the cells: save a notebook, restart the server, check it survived; check isolation")
	flag.DurationVar(&cfg.timeout, "cell-timeout", 5*time.Minute, "longest wait for one cell")
	flag.StringVar(&out, "json", "", "also write the results as JSON to this file")
	flag.StringVar(&solo, "solo", "", "the -json report of a one-learner run of the lesson: compare each cell with it")
	flag.Float64Var(&cfg.work, "work", 1, "with -solo: a cell that took this many seconds alone is a work cell, not compile-bound")
	flag.Parse()
	if solo != "" {
		var err error
		if cfg.solo, err = readSolo(solo, cfg.lesson); err != nil {
			log.Fatal(err)
		}
	}
	if pwFile != "" {
		b, err := os.ReadFile(pwFile)
		if err != nil {
			log.Fatal(err)
		}
		cfg.password = strings.TrimSpace(string(b))
	}
	if cfg.password == "" {
		log.Fatal("loadtest: no password (-password, -password-file or INTRODL_HUB_PASSWORD)")
	}
	rep := run(cfg)
	rep.print(os.Stdout)
	if out != "" {
		b, _ := json.MarshalIndent(rep, "", " ")
		if err := os.WriteFile(out, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	if rep.Failures > 0 || len(rep.Errors) > 0 {
		os.Exit(1)
	}
}

// cellResult is one executed cell of one learner.
type cellResult struct {
	Learner string  `json:"learner"`
	Cell    int     `json:"cell"` // 0-based index in the notebook
	Seconds float64 `json:"seconds"`
	Error   string  `json:"error,omitempty"`
}

// learnerResult is everything measured for one learner.
type learnerResult struct {
	Name          string       `json:"name"`
	LoginSeconds  float64      `json:"login_seconds"`
	SpawnSeconds  float64      `json:"spawn_seconds"`
	KernelSeconds float64      `json:"kernel_seconds"` // session start until kernel_info_reply
	Cells         []cellResult `json:"cells"`
	PeakMemory    int64        `json:"peak_memory_bytes,omitempty"`     // max of sampled usage minus inactive file cache
	PeakWithCache int64        `json:"peak_with_cache_bytes,omitempty"` // the cgroup's own peak, page cache included
	CPUSeconds    float64      `json:"cpu_seconds,omitempty"`           // CPU time of the container while its cells ran
	RestartOK     *bool        `json:"restart_ok,omitempty"`            // saved notebook survived a server restart
	IsolationOK   *bool        `json:"isolation_ok,omitempty"`          // another learner's files were refused
	RestartSecs   float64      `json:"restart_seconds,omitempty"`
	Err           string       `json:"error,omitempty"`
}

// report is the whole run.
type report struct {
	Learners     int             `json:"learners"`
	Lesson       string          `json:"lesson"`
	CellsRun     int             `json:"cells_run"`
	Failures     int             `json:"failed_cells"`
	P50          float64         `json:"p50_seconds"`
	P95Seconds   float64         `json:"p95_seconds"`
	MaxSeconds   float64         `json:"max_seconds"`
	WallSeconds  float64         `json:"wall_seconds"` // from the common start to the last cell
	LoadBefore   string          `json:"loadavg_before"`
	LoadAfter    string          `json:"loadavg_after"`
	PerLearner   []learnerResult `json:"per_learner"`
	Errors       []string        `json:"errors,omitempty"`
	MemMeanBytes int64           `json:"mem_mean_bytes,omitempty"`
	MemMaxBytes  int64           `json:"mem_max_bytes,omitempty"`
	CPUSeconds   float64         `json:"cpu_seconds_per_learner,omitempty"` // mean over learners

	// With -solo: the p95 over compile-bound cells (those under -work
	// seconds alone), how many such cells ran, and each cell's latency over
	// its latency alone (median and maximum over all cells run).
	CompileP95   float64 `json:"compile_bound_p95_seconds,omitempty"`
	CompileCells int     `json:"compile_bound_cells,omitempty"`
	WorkCells    []int   `json:"work_cells,omitempty"` // 1-based, as in the notebook
	SlowdownP50  float64 `json:"slowdown_median,omitempty"`
	SlowdownMax  float64 `json:"slowdown_max,omitempty"`
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// run plays the class: every learner prepares (login, spawn, kernel) on its
// own, then all start their cells together.
func run(cfg config) *report {
	rep := &report{Learners: cfg.learners, Lesson: cfg.lesson, LoadBefore: loadavg()}
	ls := make([]*learner, cfg.learners)
	for i := range ls {
		ls[i] = newLearner(cfg, fmt.Sprintf("learner%d", cfg.first+i))
	}
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(len(ls))
	done.Add(len(ls))
	for _, l := range ls {
		go func() {
			defer done.Done()
			err := l.prepare()
			ready.Done()
			if err != nil {
				l.res.Err = err.Error()
				return
			}
			<-start
			if err := l.runCells(); err != nil {
				l.res.Err = err.Error()
			}
		}()
	}
	ready.Wait()
	stopMem := make(chan struct{})
	var memDone sync.WaitGroup
	if cfg.podman {
		memDone.Add(1)
		go func() { defer memDone.Done(); sampleMemory(ls, stopMem) }()
	}
	t0 := time.Now()
	close(start)
	done.Wait()
	rep.WallSeconds = time.Since(t0).Seconds()
	close(stopMem)
	memDone.Wait()
	rep.LoadAfter = loadavg()
	for _, l := range ls {
		l.closeKernel()
	}
	if cfg.restart {
		var wg sync.WaitGroup
		for i, l := range ls {
			if l.res.Err != "" {
				continue
			}
			other := ls[(i+1)%len(ls)]
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := l.checkIsolation(other.name); err != nil {
					rep.addErr(fmt.Errorf("%s: isolation: %w", l.name, err))
				}
				if err := l.checkRestart(); err != nil {
					rep.addErr(fmt.Errorf("%s: restart: %w", l.name, err))
				}
			}()
		}
		wg.Wait()
	}
	var secs []float64
	var mem []int64
	for _, l := range ls {
		if l.res.Err != "" {
			rep.addErr(fmt.Errorf("%s: %s", l.name, l.res.Err))
		}
		for _, c := range l.res.Cells {
			rep.CellsRun++
			secs = append(secs, c.Seconds)
			if c.Error != "" {
				rep.Failures++
			}
		}
		if l.res.PeakMemory > 0 {
			mem = append(mem, l.res.PeakMemory)
		}
		rep.CPUSeconds += l.res.CPUSeconds / float64(len(ls))
		rep.PerLearner = append(rep.PerLearner, l.res)
	}
	rep.P50, rep.P95Seconds, rep.MaxSeconds = percentile(secs, 50), percentile(secs, 95), percentile(secs, 100)
	if cfg.solo != nil {
		rep.compare(cfg.solo, cfg.work)
	}
	if len(mem) > 0 {
		var sum int64
		for _, m := range mem {
			sum += m
			rep.MemMaxBytes = max(rep.MemMaxBytes, m)
		}
		rep.MemMeanBytes = sum / int64(len(mem))
	}
	return rep
}

// readSolo reads a -json report of a one-learner run of lesson and returns
// each cell's latency by cell index.
func readSolo(path, lesson string) (map[int]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Learners != 1 || len(r.PerLearner) != 1 || r.Failures > 0 {
		return nil, fmt.Errorf("%s: want a run of one learner with no failed cell, have %d learners and %d failed cells", path, r.Learners, r.Failures)
	}
	if r.Lesson != lesson {
		return nil, fmt.Errorf("%s is a run of %s, not %s", path, r.Lesson, lesson)
	}
	solo := make(map[int]float64)
	for _, c := range r.PerLearner[0].Cells {
		solo[c.Cell] = c.Seconds
	}
	return solo, nil
}

// compare fills the -solo figures of r from each cell's latency alone.
// A cell missing from solo is an error of the run (the lesson changed).
func (r *report) compare(solo map[int]float64, work float64) {
	var light, ratios []float64
	heavy := make(map[int]bool)
	for _, l := range r.PerLearner {
		for _, c := range l.Cells {
			alone, ok := solo[c.Cell]
			if !ok || alone <= 0 {
				r.addErr(fmt.Errorf("cell %d is not in the one-learner run", c.Cell+1))
				continue
			}
			ratios = append(ratios, c.Seconds/alone)
			if alone >= work {
				heavy[c.Cell+1] = true
				continue
			}
			light = append(light, c.Seconds)
		}
	}
	r.CompileCells = len(light)
	r.CompileP95 = percentile(light, 95)
	r.SlowdownP50, r.SlowdownMax = percentile(ratios, 50), percentile(ratios, 100)
	r.WorkCells = r.WorkCells[:0]
	for c := range heavy {
		r.WorkCells = append(r.WorkCells, c)
	}
	sort.Ints(r.WorkCells)
}

var errMu sync.Mutex

func (r *report) addErr(err error) {
	errMu.Lock()
	defer errMu.Unlock()
	r.Errors = append(r.Errors, err.Error())
}

// percentile returns the p-th percentile of xs by the nearest-rank method:
// the smallest value with at least p% of the values at or below it.
// It returns NaN for no values.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[min(max(k, 0), len(s)-1)]
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "learners %d, lesson %s: %d cells run, %d failed\n", r.Learners, r.Lesson, r.CellsRun, r.Failures)
	fmt.Fprintf(w, "cell latency: p50 %.2f s, p95 %.2f s, max %.2f s; all cells of all learners in %.1f s\n", r.P50, r.P95Seconds, r.MaxSeconds, r.WallSeconds)
	if r.CompileCells > 0 {
		fmt.Fprintf(w, "compile-bound cells (%d, all but work cells %v): p95 %.2f s; slowdown over one learner alone: median %.1f×, max %.1f×\n",
			r.CompileCells, r.WorkCells, r.CompileP95, r.SlowdownP50, r.SlowdownMax)
	}
	fmt.Fprintf(w, "load average before %s, after %s\n", r.LoadBefore, r.LoadAfter)
	if r.MemMaxBytes > 0 {
		fmt.Fprintf(w, "memory per learner (working set, peak): mean %d MiB, max %d MiB\n", r.MemMeanBytes>>20, r.MemMaxBytes>>20)
	}
	if r.CPUSeconds > 0 {
		fmt.Fprintf(w, "CPU time per learner for the lesson: %.1f s (%.2f cores on average while the cells ran)\n", r.CPUSeconds, r.CPUSeconds/r.WallSeconds)
	}
	for _, l := range r.PerLearner {
		fmt.Fprintf(w, "  %s: login %.2f s, server start %.1f s, kernel %.1f s", l.Name, l.LoginSeconds, l.SpawnSeconds, l.KernelSeconds)
		if l.PeakMemory > 0 {
			fmt.Fprintf(w, ", peak %d MiB (%d MiB with page cache)", l.PeakMemory>>20, l.PeakWithCache>>20)
		}
		if l.RestartOK != nil {
			fmt.Fprintf(w, ", saved notebook after restart: %v (%.1f s)", *l.RestartOK, l.RestartSecs)
		}
		if l.IsolationOK != nil {
			fmt.Fprintf(w, ", other learner's files refused: %v", *l.IsolationOK)
		}
		fmt.Fprintln(w)
		for _, c := range l.Cells {
			if c.Error != "" {
				fmt.Fprintf(w, "    cell %d failed: %s\n", c.Cell+1, c.Error)
			}
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "error: %s\n", e)
	}
}

// learner is one simulated learner with their own cookies and token.
type learner struct {
	cfg     config
	name    string
	client  *http.Client
	token   string
	code    []codeCell
	session string
	ws      *wsConn
	replies chan map[string]any
	res     learnerResult
}

type codeCell struct {
	index  int
	source string
}

func newLearner(cfg config, name string) *learner {
	jar, _ := cookiejar.New(nil)
	return &learner{
		cfg:  cfg,
		name: name,
		client: &http.Client{
			Jar:     jar,
			Timeout: 2 * time.Minute,
			// The hub answers a login with a redirect; the test checks it
			// instead of following it into the spawn pages.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		res: learnerResult{Name: name},
	}
}

// do sends a request; with the learner's token once they have one.
func (l *learner) do(method, p string, body any, want ...int) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, l.cfg.hub+p, rd)
	if err != nil {
		return nil, err
	}
	if l.token != "" {
		req.Header.Set("Authorization", "token "+l.token)
	}
	req.Header.Set("Referer", l.cfg.hub+"/hub/")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	for _, w := range want {
		if resp.StatusCode == w {
			return b, nil
		}
	}
	return b, &statusError{method, p, resp.StatusCode, string(b)}
}

type statusError struct {
	method, path string
	code         int
	body         string
}

func (e *statusError) Error() string {
	b := e.body
	if len(b) > 300 {
		b = b[:300] + "..."
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.method, e.path, e.code, b)
}

// login posts the hub's login form, as a browser would, then asks the hub
// (with the login cookie) for an API token for the rest of the session.
func (l *learner) login() error {
	t0 := time.Now()
	if _, err := l.do("GET", "/hub/login", nil, 200); err != nil {
		return err
	}
	form := url.Values{"username": {l.name}, "password": {l.cfg.password}}
	u, _ := url.Parse(l.cfg.hub)
	for _, c := range l.client.Jar.Cookies(u) {
		if c.Name == "_xsrf" {
			form.Set("_xsrf", c.Value)
		}
	}
	req, _ := http.NewRequest("POST", l.cfg.hub+"/hub/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", l.cfg.hub+"/hub/login")
	resp, err := l.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return fmt.Errorf("login as %s: HTTP %d (wrong password or account not allowed?)", l.name, resp.StatusCode)
	}
	b, err := l.do("POST", "/hub/api/users/"+l.name+"/tokens", map[string]any{"note": "loadtest", "expires_in": 3600}, 200, 201)
	if err != nil {
		return err
	}
	var tok struct{ Token string }
	if err := json.Unmarshal(b, &tok); err != nil || tok.Token == "" {
		return fmt.Errorf("token for %s: %v %s", l.name, err, b)
	}
	l.token = tok.Token
	l.res.LoginSeconds = time.Since(t0).Seconds()
	return nil
}

// startServer asks the hub for the learner's server and waits until ready.
func (l *learner) startServer() error {
	if _, err := l.do("POST", "/hub/api/users/"+l.name+"/server", nil, 201, 202, 400); err != nil {
		return err
	}
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		b, err := l.do("GET", "/hub/api/users/"+l.name, nil, 200)
		if err != nil {
			return err
		}
		var u struct {
			Servers map[string]struct {
				Ready bool `json:"ready"`
			} `json:"servers"`
		}
		if err := json.Unmarshal(b, &u); err != nil {
			return err
		}
		if s, ok := u.Servers[""]; ok && s.Ready {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return errors.New("server not ready after 5 minutes")
}

// stopServer stops the learner's server and waits until the hub says so.
func (l *learner) stopServer() error {
	if _, err := l.do("DELETE", "/hub/api/users/"+l.name+"/server", nil, 202, 204); err != nil {
		return err
	}
	for range 600 {
		b, err := l.do("GET", "/hub/api/users/"+l.name, nil, 200)
		if err != nil {
			return err
		}
		var u struct {
			Servers map[string]json.RawMessage `json:"servers"`
		}
		if err := json.Unmarshal(b, &u); err != nil {
			return err
		}
		if _, ok := u.Servers[""]; !ok {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return errors.New("server still running after 5 minutes")
}

func (l *learner) userPath(p string) string { return "/user/" + l.name + p }

// prepare logs in, starts the server, opens the lesson and starts a kernel.
func (l *learner) prepare() error {
	if err := l.login(); err != nil {
		return err
	}
	t0 := time.Now()
	if err := l.startServer(); err != nil {
		return err
	}
	l.res.SpawnSeconds = time.Since(t0).Seconds()
	b, err := l.do("GET", l.userPath("/api/contents/"+l.cfg.lesson), nil, 200)
	if err != nil {
		return err
	}
	var model struct {
		Content struct {
			Cells []struct {
				CellType string          `json:"cell_type"`
				Source   json.RawMessage `json:"source"`
			} `json:"cells"`
		} `json:"content"`
	}
	if err := json.Unmarshal(b, &model); err != nil {
		return fmt.Errorf("lesson %s: %w", l.cfg.lesson, err)
	}
	for i, c := range model.Content.Cells {
		if c.CellType != "code" {
			continue
		}
		src, err := cellSource(c.Source)
		if err != nil {
			return err
		}
		if strings.TrimSpace(src) != "" {
			l.code = append(l.code, codeCell{i, src})
		}
	}
	if len(l.code) == 0 {
		return fmt.Errorf("lesson %s has no code cells", l.cfg.lesson)
	}
	t0 = time.Now()
	b, err = l.do("POST", l.userPath("/api/sessions"), map[string]any{
		"path": l.cfg.lesson, "type": "notebook", "name": path.Base(l.cfg.lesson),
		"kernel": map[string]string{"name": l.cfg.kernel},
	}, 200, 201)
	if err != nil {
		return err
	}
	var sess struct {
		ID     string
		Kernel struct{ ID string }
	}
	if err := json.Unmarshal(b, &sess); err != nil {
		return err
	}
	l.session = sess.ID
	wsURL := strings.Replace(l.cfg.hub, "http", "ws", 1) + l.userPath("/api/kernels/"+sess.Kernel.ID+"/channels?session_id="+newID())
	l.ws, err = wsDial(wsURL, http.Header{"Authorization": {"token " + l.token}})
	if err != nil {
		return fmt.Errorf("kernel channels: %w", err)
	}
	l.replies = make(chan map[string]any, 64)
	go l.readLoop()
	if _, err := l.request("kernel_info_request", map[string]any{}, time.Minute); err != nil {
		return fmt.Errorf("kernel did not answer: %w", err)
	}
	l.res.KernelSeconds = time.Since(t0).Seconds()
	return nil
}

// cellSource accepts a notebook cell's source as a string or a list of lines.
func cellSource(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

func newID() string {
	var b [16]byte
	f, err := os.Open("/dev/urandom")
	if err == nil {
		_, _ = io.ReadFull(f, b[:])
		f.Close()
	}
	return fmt.Sprintf("%x", b)
}

// readLoop passes on every message from the kernel's channels: replies on
// the shell channel, errors and the idle status on iopub.
func (l *learner) readLoop() {
	defer close(l.replies)
	for {
		op, b, err := l.ws.ReadMessage()
		if err != nil {
			return
		}
		if op == 0x2 {
			// Binary: [n][offset_0..offset_n-1] then parts; part 0 is the message.
			if b, err = firstPart(b); err != nil {
				continue
			}
		}
		var m map[string]any
		if json.Unmarshal(b, &m) == nil {
			l.replies <- m
		}
	}
}

// firstPart extracts the JSON message from Jupyter's binary WebSocket format.
func firstPart(b []byte) ([]byte, error) {
	if len(b) < 8 {
		return nil, errors.New("short binary message")
	}
	n := binary.BigEndian.Uint32(b)
	if n < 1 || len(b) < int(4+4*n) {
		return nil, errors.New("bad binary message")
	}
	start := binary.BigEndian.Uint32(b[4:])
	end := uint32(len(b))
	if n > 1 {
		end = binary.BigEndian.Uint32(b[8:])
	}
	if start > end || int(end) > len(b) {
		return nil, errors.New("bad binary offsets")
	}
	return b[start:end], nil
}

// request sends one shell message and waits for its reply and for the
// kernel's idle status that follows it. It returns the error output, if any.
func (l *learner) request(msgType string, content map[string]any, timeout time.Duration) (string, error) {
	id := newID()
	msg := map[string]any{
		"header": map[string]any{
			"msg_id": id, "username": l.name, "session": l.session, "msg_type": msgType,
			"version": "5.3", "date": time.Now().UTC().Format(time.RFC3339Nano),
		},
		"parent_header": map[string]any{}, "metadata": map[string]any{},
		"content": content, "channel": "shell", "buffers": []any{},
	}
	b, _ := json.Marshal(msg)
	if err := l.ws.WriteText(b); err != nil {
		return "", err
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var errText string
	var output strings.Builder // stream and HTML output, shown when the cell fails
	replied, idle := false, false
	for !replied || !idle {
		select {
		case m, ok := <-l.replies:
			if !ok {
				return errText, errors.New("kernel connection closed")
			}
			parent, _ := m["parent_header"].(map[string]any)
			if parent == nil || parent["msg_id"] != id {
				continue
			}
			header, _ := m["header"].(map[string]any)
			c, _ := m["content"].(map[string]any)
			switch t, _ := header["msg_type"].(string); {
			case t == msgType[:len(msgType)-len("request")]+"reply":
				replied = true
				if s, _ := c["status"].(string); s != "" && s != "ok" && errText == "" {
					errText = fmt.Sprintf("%v: %v", c["ename"], c["evalue"])
				}
			case t == "error":
				errText = fmt.Sprintf("%v: %v", c["ename"], c["evalue"])
			case t == "status":
				idle = c["execution_state"] == "idle"
			case t == "stream":
				fmt.Fprint(&output, c["text"])
			case t == "display_data":
				if d, ok := c["data"].(map[string]any); ok {
					fmt.Fprint(&output, d["text/html"])
				}
			}
		case <-timer.C:
			return errText, fmt.Errorf("no reply in %v", timeout)
		}
	}
	if errText != "" && output.Len() > 0 {
		o := output.String()
		if len(o) > 600 {
			o = "..." + o[len(o)-600:]
		}
		errText += "\n" + o
	}
	return errText, nil
}

// runCells runs the lesson's code cells in order, timing each.
func (l *learner) runCells() error {
	for _, c := range l.code {
		t0 := time.Now()
		errText, err := l.request("execute_request", map[string]any{
			"code": c.source, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
		}, l.cfg.timeout)
		r := cellResult{Learner: l.name, Cell: c.index, Seconds: time.Since(t0).Seconds(), Error: errText}
		if err != nil && r.Error == "" {
			r.Error = err.Error()
		}
		l.res.Cells = append(l.res.Cells, r)
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *learner) closeKernel() {
	if l.ws != nil {
		l.ws.Close()
	}
	if l.session != "" {
		_, _ = l.do("DELETE", l.userPath("/api/sessions/"+l.session), nil, 204)
	}
}

// checkRestart saves a notebook through the contents API, restarts the
// learner's server through the hub and reads the notebook back.
func (l *learner) checkRestart() error {
	ok := false
	l.res.RestartOK = &ok
	marker := "saved by " + l.name + " " + newID()
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{},
		"cells": []any{map[string]any{"cell_type": "markdown", "id": "m1", "metadata": map[string]any{}, "source": marker}},
	}
	p := "/api/contents/loadtest-" + l.name + ".ipynb"
	if _, err := l.do("PUT", l.userPath(p), map[string]any{"type": "notebook", "format": "json", "content": nb}, 200, 201); err != nil {
		return err
	}
	t0 := time.Now()
	if err := l.stopServer(); err != nil {
		return err
	}
	if err := l.startServer(); err != nil {
		return err
	}
	l.res.RestartSecs = time.Since(t0).Seconds()
	b, err := l.do("GET", l.userPath(p), nil, 200)
	if err != nil {
		return err
	}
	if !strings.Contains(string(b), marker) {
		return errors.New("the saved notebook changed or vanished")
	}
	ok = true
	return nil
}

// checkIsolation asks for another learner's lesson with this learner's
// token: the hub must refuse it.
func (l *learner) checkIsolation(other string) error {
	if other == l.name {
		return nil
	}
	refused := false
	l.res.IsolationOK = &refused
	_, err := l.do("GET", "/user/"+other+"/api/contents/"+l.cfg.lesson, nil, 200)
	var se *statusError
	if err == nil {
		return fmt.Errorf("%s could read %s's files", l.name, other)
	}
	if !errors.As(err, &se) || (se.code != 403 && se.code != 404 && se.code != 302) {
		return err
	}
	refused = true
	return nil
}

// sampleMemory reads each learner's container cgroup every second until
// stop is closed. The working set (usage minus inactive file cache) is
// what Kubernetes compares with a memory limit.
func sampleMemory(ls []*learner, stop <-chan struct{}) {
	dirs := make([]string, len(ls))
	cpuDirs := make([]string, len(ls))
	cpu0 := make([]float64, len(ls))
	for i, l := range ls {
		dirs[i] = containerCgroup("jupyter-"+l.name, "memory")
		cpuDirs[i] = containerCgroup("jupyter-"+l.name, "cpuacct")
		cpu0[i] = cgroupCPU(cpuDirs[i])
	}
	defer func() {
		for i, l := range ls {
			if cpuDirs[i] != "" {
				l.res.CPUSeconds = cgroupCPU(cpuDirs[i]) - cpu0[i]
			}
		}
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		for i, l := range ls {
			if dirs[i] == "" {
				continue
			}
			ws, peak := cgroupMemory(dirs[i])
			l.res.PeakMemory = max(l.res.PeakMemory, ws)
			l.res.PeakWithCache = max(l.res.PeakWithCache, peak)
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// containerCgroup finds the cgroup folder of a podman container's
// controller ctl ("memory", "cpuacct") from its main process: cgroup v1's
// hierarchy for that controller, or the v2 unified tree.
func containerCgroup(name, ctl string) string {
	out, err := exec.Command("podman", "inspect", "--format", "{{.State.Pid}}", name).Output()
	if err != nil {
		log.Printf("memory of %s: %v", name, err)
		return ""
	}
	b, err := os.ReadFile("/proc/" + strings.TrimSpace(string(out)) + "/cgroup")
	if err != nil {
		return ""
	}
	v2 := ""
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		for _, c := range strings.Split(f[1], ",") {
			if c == ctl {
				return "/sys/fs/cgroup/" + f[1] + f[2]
			}
		}
		if f[0] == "0" && f[1] == "" {
			v2 = "/sys/fs/cgroup" + f[2]
		}
	}
	return v2
}

// cgroupCPU returns the CPU time used by the cgroup at dir, in seconds.
func cgroupCPU(dir string) float64 {
	if dir == "" {
		return 0
	}
	if b, err := os.ReadFile(path.Join(dir, "cpuacct.usage")); err == nil { // v1, ns
		n, _ := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
		return n / 1e9
	}
	b, err := os.ReadFile(path.Join(dir, "cpu.stat")) // v2, µs
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "usage_usec" {
			n, _ := strconv.ParseFloat(f[1], 64)
			return n / 1e6
		}
	}
	return 0
}

// cgroupMemory returns the working set now and the cgroup's peak usage.
func cgroupMemory(dir string) (workingSet, peak int64) {
	num := func(file string) int64 {
		b, err := os.ReadFile(path.Join(dir, file))
		if err != nil {
			return 0
		}
		n, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		return n
	}
	stat := map[string]int64{}
	if b, err := os.ReadFile(path.Join(dir, "memory.stat")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) == 2 {
				stat[f[0]], _ = strconv.ParseInt(f[1], 10, 64)
			}
		}
	}
	if usage := num("memory.usage_in_bytes"); usage > 0 { // v1
		return usage - stat["total_inactive_file"], num("memory.max_usage_in_bytes")
	}
	usage := num("memory.current")
	return usage - stat["inactive_file"], max(num("memory.peak"), usage)
}
