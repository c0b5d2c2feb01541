package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Kernel names the browser test registers. Lesson notebooks use the
// project's kernel; the fixtures in testdata/ use a test kernel that can
// also import GoNB's own packages (gonbui, widgets) directly.
const (
	projectKernel = "introdl"
	fixtureKernel = "introdl-e2e"
)

// registerKernels registers, in dataDir, the project's kernel exactly as
// learners get it (scripts/setup.sh kernel) and the fixture kernel: the
// same spec whose go.work also holds GoNB's module, so that fixtures can
// import gonbui and its widgets directly (../shared/GONB.md).
func registerKernels(t *testing.T, repo, setup, dataDir, gonbDir string) {
	t.Helper()
	cmd := exec.Command(setup, "kernel")
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+dataDir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s kernel: %v\n%s", setup, err, out)
	}
	b, err := os.ReadFile(filepath.Join(dataDir, "kernels", projectKernel, "kernel.json"))
	if err != nil {
		t.Fatalf("setup.sh registered no %q kernel: %v", projectKernel, err)
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatalf("kernel.json of %q: %v", projectKernel, err)
	}
	argv, _ := spec["argv"].([]any)
	found := false
	for i, a := range argv {
		if s, ok := a.(string); ok && strings.HasPrefix(s, "--go_work=") {
			argv[i] = s + "," + gonbDir
			found = true
		}
	}
	if !found {
		t.Fatalf("kernel.json of %q has no --go_work flag: %s", projectKernel, b)
	}
	spec["display_name"] = "Go (" + fixtureKernel + ")"
	dir := filepath.Join(dataDir, "kernels", fixtureKernel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err = json.MarshalIndent(spec, "", " "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// jupyterServer is a classic notebook server serving a directory of
// notebooks on localhost, protected by a random token.
type jupyterServer struct {
	base  string // e.g. http://127.0.0.1:40123
	token string
	log   string // path of the server's combined output
}

// notebookURL is the address of the page that edits the named notebook.
func (s *jupyterServer) notebookURL(name string) string {
	return s.base + "/notebooks/" + name + "?token=" + s.token
}

// startJupyter starts `jupyter notebook` on a free port, serving nbDir with
// kernels from dataDir, and stops it (and its kernels) when the test ends.
func startJupyter(t *testing.T, jupyter, nbDir, dataDir string) *jupyterServer {
	t.Helper()
	port := freePort(t)
	token := randomHex(t, 24)
	root := t.TempDir()
	logPath := filepath.Join(root, "jupyter.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(jupyter, "notebook",
		"--no-browser",
		"--ip=127.0.0.1",
		fmt.Sprintf("--port=%d", port),
		"--port-retries=0",
		"--NotebookApp.token="+token,
		"--notebook-dir="+nbDir,
	)
	if os.Geteuid() == 0 {
		cmd.Args = append(cmd.Args, "--allow-root") // CI containers run as root
	}
	// A private config and runtime directory: the user's own Jupyter
	// settings and kernels must not leak into the test.
	cmd.Env = append(os.Environ(),
		"JUPYTER_DATA_DIR="+dataDir,
		"JUPYTER_CONFIG_DIR="+filepath.Join(root, "config"),
		"JUPYTER_RUNTIME_DIR="+filepath.Join(root, "runtime"),
		"JUPYTER_PATH=",
	)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting jupyter: %v", err)
	}
	// exited is closed when the server process ends; waitErr is set then.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		// SIGTERM makes the server shut its kernels down; the process
		// group catches any kernel or cell program left behind.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			t.Logf("jupyter did not stop after SIGTERM in 15s; killing its process group")
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		logFile.Close()
	})

	s := &jupyterServer{base: fmt.Sprintf("http://127.0.0.1:%d", port), token: token, log: logPath}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", s.base+"/api/status", nil)
		req.Header.Set("Authorization", "token "+token)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-exited:
			t.Fatalf("jupyter exited before serving (%v); log:\n%s", waitErr, tail(logPath, 40))
		case <-ctx.Done():
			t.Fatalf("jupyter not ready on %s after 60s; log:\n%s", s.base, tail(logPath, 40))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// freePort asks the kernel for a free TCP port on localhost.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// randomHex returns n random bytes as hex, for the server token.
func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// tail returns the last n lines of a file, for failure messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
