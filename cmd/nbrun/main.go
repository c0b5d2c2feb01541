// Command nbrun re-executes notebooks in place and saves them with their
// outputs, for authors: edit a notebook, run `make notebooks`, commit.
//
// Usage:
//
//	go run ./cmd/nbrun [-timeout 5m] [notebook.ipynb ...]
//
// Without arguments it runs every notebooks/*.ipynb. Run it from the
// repository root. Each notebook runs in a fresh introdl kernel wired to this
// checkout (see package internal/nbtest). A notebook is saved only when it
// passes the same checks as the notebook tests (no errors, no panics, a
// figure in every cell tagged figure, no machine paths), so what is
// committed is what the tests expect. The saved file is deterministic: with
// unchanged code, running nbrun again rewrites nothing.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/introdl/introdl/internal/nbtest"
)

func main() { os.Exit(nbrun()) }

func nbrun() int {
	timeout := flag.Duration("timeout", 5*time.Minute, "time allowed per cell")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/nbrun [-timeout 5m] [notebook.ipynb ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths, _ = filepath.Glob(filepath.Join("notebooks", "*.ipynb"))
		if len(paths) == 0 {
			fmt.Fprintln(os.Stderr, "nbrun: no notebooks/*.ipynb here: run nbrun from the repository root")
			return 2
		}
	}

	// A private Jupyter data folder holds the kernel for this checkout.
	dataDir, err := os.MkdirTemp("", "nbrun-jupyter-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "nbrun:", err)
		return 1
	}
	defer os.RemoveAll(dataDir)
	env, err := nbtest.NewEnv(".", dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	failed := 0
	for _, path := range paths {
		if err := run(env, path, *timeout); err != nil {
			fmt.Fprintf(os.Stderr, "nbrun: %s: %v\n", path, err)
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "nbrun: %d of %d notebooks not saved\n", failed, len(paths))
		return 1
	}
	return 0
}

// run executes one notebook and saves it if it passes the checks.
func run(env *nbtest.Env, path string, timeout time.Duration) error {
	res, err := env.Execute(context.Background(), path, timeout)
	if err != nil {
		return err
	}
	if problems := nbtest.Check(res.Notebook, env.MachinePaths()...); len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(os.Stderr, "nbrun: %s: %s\n", path, p)
		}
		return fmt.Errorf("not saved: %d problems", len(problems))
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	status := "unchanged"
	if !bytes.Equal(old, res.File) {
		if err := os.WriteFile(path, res.File, 0o644); err != nil {
			return err
		}
		status = "saved"
	}
	fmt.Printf("%-40s %-9s %5.1f s\n", path, status, res.Seconds)
	return nil
}
