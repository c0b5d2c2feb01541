// Package nbtest executes the course notebooks headlessly and checks them.
//
// It backs two commands: the notebook tests (`go test ./notebooks/`, part of
// `make test`), which fail on a broken or stale notebook, and the author
// command (`make notebooks`, i.e. `go run ./cmd/nbrun`), which saves freshly
// executed notebooks in place.
//
// # How a notebook runs
//
// Each notebook runs in a fresh "introdl" kernel (GoNB with -go_work set to
// the checkout) through Debian's nbclient, driven by scripts/nbexec.py.
// The kernel is registered in a private JUPYTER_DATA_DIR by
// scripts/setup.sh, the script that registers the learner's kernel, so the
// tests always run the checkout under test, never a kernel registered
// for another folder.
//
// # What is checked
//
// Check fails a notebook on errors, on panics written to stderr, on a cell
// tagged "figure" that showed no image, and on machine paths in outputs.
// Stale fails it when the committed outputs differ from a fresh run's. Cell
// tags adjust the checks: "figure", "raises-exception" and
// "nondeterministic" (see the Tag constants).
//
// # Determinism
//
// scripts/nbexec.py writes the executed notebook in canonical form: no
// timestamps, no Go version, deterministic cell ids, Jupyter's own JSON
// layout. Running an unchanged notebook twice gives the same bytes, so the
// committed notebook is exactly what `make notebooks` wrote.
package nbtest
