package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// installHint is the one line a developer needs when a piece is missing.
const installHint = "apt-get install -y --no-install-recommends chromium, then scripts/setup.sh " +
	"(Jupyter, GoNB in .bin/, the introdl kernel)"

// inCI reports whether the test runs in continuous integration, where a
// missing browser or server is a failure rather than a reason to skip.
func inCI() bool {
	return os.Getenv("CI") == "true"
}

// toolPaths are the programs the browser test drives.
type toolPaths struct {
	chromium string // headless browser
	jupyter  string // classic notebook server
	setup    string // scripts/setup.sh, which registers the project's kernel
}

// findTools locates the programs, or skips (fails under CI=true) with one
// line naming what is missing and how to install it.
func findTools(t *testing.T, repo string) toolPaths {
	t.Helper()
	var missing []string
	find := func(name string, candidates ...string) string {
		for _, c := range candidates {
			if c == "" {
				continue
			}
			if p, err := exec.LookPath(c); err == nil {
				return p
			}
		}
		missing = append(missing, name)
		return ""
	}
	tp := toolPaths{
		chromium: find("chromium", os.Getenv("CHROMIUM"), "chromium", "/usr/bin/chromium", "chromium-browser"),
		jupyter:  find("jupyter", "jupyter", "/usr/bin/jupyter"),
		setup:    find("scripts/setup.sh", filepath.Join(repo, "scripts", "setup.sh")),
	}
	if tp.jupyter != "" {
		if err := exec.Command(tp.jupyter, "notebook", "--version").Run(); err != nil {
			missing = append(missing, "jupyter notebook")
		}
	}
	// setup.sh builds GoNB into .bin/ and registers the kernel with it.
	if _, err := os.Stat(filepath.Join(repo, ".bin", "gonb")); err != nil {
		missing = append(missing, ".bin/gonb")
	}
	if len(missing) > 0 {
		msg := "browser test needs " + strings.Join(missing, ", ") + " (install: " + installHint + ")"
		if inCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return tp
}

// execIn runs a command in dir and returns its trimmed output.
func execIn(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
