// Package e2e holds the end-to-end test of the course notebooks in a real
// browser: it starts the project's Jupyter server, opens every notebook in
// headless Chromium, runs all cells through the page itself and checks what a
// learner would see (no errors, non-empty figures, widgets that react).
//
// The package has no code of its own; everything lives in the test files.
// Run it with
//
//	go test ./e2e/ -run Browser -v
//
// It needs Debian's chromium and Jupyter packages and the gonb kernel binary;
// outside CI it skips with one line saying how to install them. Under CI=true
// a missing piece is a failure. Screenshots land in artifacts/screenshots/.
package e2e
