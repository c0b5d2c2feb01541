// Package notebooks_test executes every lesson notebook in this folder.
package notebooks_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/introdl/introdl/internal/nbtest"
)

// cellTimeout bounds one cell. Lessons keep training short enough to run
// on a laptop in well under a minute; five minutes leaves room for a slow
// machine without letting a hung cell (e.g. a widget waiting for a browser)
// stall the run.
const cellTimeout = 5 * time.Minute

// TestNotebooks runs each notebooks/*.ipynb in a fresh introdl kernel and
// fails on errors, panics, missing figures, machine paths in outputs, and
// committed outputs that differ from the fresh run (see package nbtest).
//
// Without Jupyter or the GoNB tools the test is skipped, except under
// CI=true, where it fails.
func TestNotebooks(t *testing.T) {
	paths, err := filepath.Glob("*.ipynb")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks found in notebooks/ (%v)", err)
	}
	trackInputs(t, "..")
	env, err := nbtest.NewEnv("..", t.TempDir())
	if err != nil {
		if nbtest.IsMissing(err) && os.Getenv("CI") != "true" {
			t.Skipf("notebook tests skipped: %v", err)
		}
		t.Fatal(err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(path, ".ipynb"), func(t *testing.T) {
			res, err := env.Execute(t.Context(), path, cellTimeout)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %.1f s, kernel start included; %s", path, res.Seconds, cellTimes(res))
			for _, p := range nbtest.Check(res.Notebook, env.MachinePaths()...) {
				t.Errorf("%s: %s", path, p)
			}
			committed, err := nbtest.Read(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range nbtest.Stale(committed, res.Notebook) {
				t.Errorf("%s is stale: %s (run `make notebooks` and commit the result)", path, d)
			}
			if t.Failed() {
				t.Logf("kernel log (last lines):\n%s", lastLines(res.Log, 30))
			}
		})
	}
}

// cellTimes lists each code cell's time, marking figure cells.
func cellTimes(res *nbtest.Result) string {
	parts := make([]string, 0, len(res.Cells))
	for _, c := range res.Cells {
		s := fmt.Sprintf("cell %d %.2f s", c.Index+1, c.Seconds)
		if res.Notebook.Cells[c.Index].HasTag(nbtest.TagFigure) {
			s += " (figure)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// trackInputs reads the checkout's source files. The notebooks run in other
// processes, which go test cannot see; reading the files here records them
// as inputs of this test, so `go test ./...` re-runs the notebooks after a
// change to the library instead of replaying a cached pass.
func trackInputs(t *testing.T, repo string) {
	t.Helper()
	err := filepath.WalkDir(repo, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".bin", ".ipynb_checkpoints", "artifacts":
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".mod", ".sum", ".ipynb", ".py", ".sh", ".json":
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The kernel binary: a rebuilt GoNB is a new input too.
	_, _ = os.Stat(filepath.Join(repo, ".bin", "gonb"))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
