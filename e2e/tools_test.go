package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// installHint is the one line a developer needs when a piece is missing.
const installHint = "apt-get install -y --no-install-recommends chromium jupyter-notebook jupyter-client; " +
	"cd tools && go install github.com/janpfeifer/gonb golang.org/x/tools/cmd/goimports"

// inCI reports whether the test runs in continuous integration, where a
// missing browser or server is a failure rather than a reason to skip.
func inCI() bool {
	return os.Getenv("CI") == "true"
}

// toolPaths are the executables the browser test drives.
type toolPaths struct {
	chromium  string // headless browser
	jupyter   string // classic notebook server
	gonb      string // Go kernel
	goimports string // needed by gonb for every cell
	goBin     string // the go command, needed by gonb
}

// findTools locates the executables, or skips (fails under CI=true) with one
// line naming what is missing and how to install it.
func findTools(t *testing.T) toolPaths {
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
	goBinDir := goEnv(t, "GOBIN")
	if goBinDir == "" {
		goBinDir = filepath.Join(goEnv(t, "GOPATH"), "bin")
	}
	tp := toolPaths{
		chromium:  find("chromium", os.Getenv("CHROMIUM"), "chromium", "/usr/bin/chromium", "chromium-browser"),
		jupyter:   find("jupyter", "jupyter", "/usr/bin/jupyter"),
		gonb:      find("gonb", "gonb", filepath.Join(goBinDir, "gonb")),
		goimports: find("goimports", "goimports", filepath.Join(goBinDir, "goimports")),
		goBin:     find("go", "go"),
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

// goEnv returns one `go env` variable, or "" if go is not runnable.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// execIn runs a command in dir and returns its trimmed output.
func execIn(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
