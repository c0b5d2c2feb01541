package nbtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// A MissingError says that Jupyter or GoNB is not installed for the checkout.
type MissingError struct {
	What string // e.g. "GoNB (.bin/gonb)"
}

func (e *MissingError) Error() string {
	return "nbtest: " + e.What + " not found; install it with `make setup` (or `make lab`)"
}

// Env runs notebooks of one checkout in fresh introdl kernels.
type Env struct {
	Repo   string // absolute path of the checkout
	Python string // interpreter that has nbclient
	// DataDir is a private JUPYTER_DATA_DIR whose only kernel is introdl
	// wired to Repo, so a run never uses a kernel registered for another
	// checkout.
	DataDir string
}

// NewEnv prepares to run the notebooks of the checkout at repo. It registers
// a private introdl kernel in dataDir with scripts/setup.sh (the same script
// that registers the learner's kernel), adding GoNB's -raw_error so compile
// errors arrive as plain text. It returns a *MissingError when Jupyter or
// the GoNB tools are not installed.
func NewEnv(repo, dataDir string) (*Env, error) {
	repo, err := filepath.Abs(repo)
	if err != nil {
		return nil, err
	}
	setup := filepath.Join(repo, "scripts", "setup.sh")
	for _, tool := range []string{"gonb", "goimports"} {
		if _, err := os.Stat(filepath.Join(repo, ".bin", tool)); err != nil {
			return nil, &MissingError{What: "GoNB tools (.bin/" + tool + ")"}
		}
	}
	out, err := exec.Command("bash", setup, "python").Output()
	if err != nil {
		return nil, &MissingError{What: "Jupyter (a Python with notebook and nbclient)"}
	}
	py := strings.TrimSpace(string(out))
	cmd := exec.Command("bash", setup, "kernel", "--raw_error")
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+dataDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("nbtest: registering the test kernel: %v\n%s", err, out)
	}
	return &Env{Repo: repo, Python: py, DataDir: dataDir}, nil
}

// Result is one executed notebook.
type Result struct {
	File     []byte    // the executed notebook in canonical form, ready to save
	Notebook *Notebook // File decoded
	Seconds  float64   // wall-clock time, kernel start included
	Cells    []Timing  // time of each code cell
	Log      string    // the kernel's and nbclient's stderr, for diagnosing failures
}

// Timing is the wall-clock time of one code cell, from sending it to the
// kernel until its reply.
type Timing struct {
	Index   int     `json:"index"` // 0-based position in the notebook
	Seconds float64 `json:"seconds"`
}

// Execute runs the notebook at path in a fresh introdl kernel with
// scripts/nbexec.py, allowing cellTimeout per cell. Every cell runs, even
// after an error; use Check to find them. The notebook file is not modified.
func (e *Env) Execute(ctx context.Context, path string, cellTimeout time.Duration) (*Result, error) {
	tmp, err := os.MkdirTemp("", "nbtest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, filepath.Base(path))
	cmd := exec.CommandContext(ctx, e.Python, filepath.Join(e.Repo, "scripts", "nbexec.py"),
		"--timeout", fmt.Sprint(int(cellTimeout.Seconds())), path, out)
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+e.DataDir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("nbtest: executing %s: %v\n%s", path, err, tail(stderr.String(), 40))
	}
	var report struct {
		Seconds float64  `json:"seconds"`
		Cells   []Timing `json:"cells"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("nbtest: reading nbexec.py's report %q: %w", stdout.String(), err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, err
	}
	return &Result{File: b, Notebook: nb, Seconds: report.Seconds, Cells: report.Cells, Log: stderr.String()}, nil
}

// MachinePaths returns the paths that must not appear in a committed
// notebook's outputs: the checkout, the home directory and GoNB's
// temporary folders.
func (e *Env) MachinePaths() []string {
	paths := []string{e.Repo, filepath.Join(os.TempDir(), "gonb_")}
	if home, err := os.UserHomeDir(); err == nil && len(home) > 1 {
		paths = append(paths, home+"/")
	}
	return paths
}

// IsMissing reports whether err says that Jupyter or GoNB is not installed.
func IsMissing(err error) bool {
	var m *MissingError
	return errors.As(err, &m)
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
