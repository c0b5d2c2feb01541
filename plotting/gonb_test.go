package plotting_test

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/introdl/introdl/plotting"
)

// TestGoNB plays the GoNB kernel: it runs TestGoNBCell in a child process
// connected to two named pipes, as GoNB runs a notebook cell, answers its
// Sync requests and records what it displays. It checks that Show sends a
// static image/svg+xml output (not HTML, which GitHub does not render) and
// that Live updates one transient HTML display, erases it on Close and ends
// with a static SVG figure without times.
func TestGoNB(t *testing.T) {
	if os.Getenv("INTRODL_GONB_CELL") != "" {
		t.Skip("running as the cell")
	}
	dir := t.TempDir()
	out, back := filepath.Join(dir, "pipe"), filepath.Join(dir, "back")
	for _, p := range []string{out, back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGoNBCell$", "-test.count=1")
	cmd.Env = append(os.Environ(), "INTRODL_GONB_CELL=1",
		protocol.GONB_PIPE_ENV+"="+out, protocol.GONB_PIPE_BACK_ENV+"="+back)
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Open in the order the cell does, or both sides block.
	r, err := os.OpenFile(out, os.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(back, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	dec, enc := gob.NewDecoder(r), gob.NewEncoder(w)
	var shown []protocol.DisplayData
	for {
		var d protocol.DisplayData
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding a display: %v", err)
		}
		if v, ok := d.Data[protocol.MIMECommValue].(protocol.CommValue); ok && v.Address == protocol.GonbuiSyncAddress {
			if err := enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: v.Value}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		shown = append(shown, d)
	}
	w.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("cell failed: %v\n%s", err, stderr.String())
	}

	// Show: one static SVG.
	if len(shown) < 4 {
		t.Fatalf("got %d displays, want ≥ 4 (Show, Live updates, Live erase, Live figure)", len(shown))
	}
	svg, ok := shown[0].Data[protocol.MIMEImageSVG].(string)
	if !ok || len(shown[0].Data) != 1 || shown[0].DisplayID != "" {
		t.Fatalf("Show sent %v (display id %q), want only image/svg+xml", keys(shown[0]), shown[0].DisplayID)
	}
	if !strings.Contains(svg, "<svg") || !strings.Contains(svg, "shown") {
		t.Errorf("Show's SVG lacks the plot")
	}
	t.Logf("Show sent %d bytes of SVG", len(svg))

	// Live: transient HTML under one id, then erased, then a static SVG.
	updates := shown[1 : len(shown)-1]
	id := updates[0].DisplayID
	if !strings.HasPrefix(id, "introdl_live_") {
		t.Errorf("Live display id %q", id)
	}
	for i, u := range updates {
		html, _ := u.Data[protocol.MIMETextHTML].(string)
		if u.DisplayID != id {
			t.Errorf("update %d has display id %q, want %q", i, u.DisplayID, id)
		}
		if i < len(updates)-1 && !strings.Contains(html, "elapsed") {
			t.Errorf("update %d lacks the progress line: %.100q", i, html)
		}
	}
	if last := updates[len(updates)-1].Data[protocol.MIMETextHTML]; last != "" {
		t.Errorf("Close left %.100q in the live display, want it erased", last)
	}
	final := shown[len(shown)-1]
	svg, ok = final.Data[protocol.MIMEImageSVG].(string)
	if !ok || final.DisplayID != "" {
		t.Fatalf("Live's last output is %v, want a static image/svg+xml", keys(final))
	}
	if strings.Contains(svg, "elapsed") || strings.Contains(svg, "ETA") {
		t.Error("Live's static figure contains times")
	}
	t.Logf("Live sent %d updates for 1 500 steps and a %d-byte final SVG", len(updates)-1, len(svg))
	// The cell printed the fraction of the loop's time spent in Update.
	var frac float64
	var total string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(line, "LIVE ") {
			fmt.Sscanf(line, "LIVE %f of %s", &frac, &total)
		}
	}
	t.Logf("Live.Update took %.1f %% of a %s loop", 100*frac, total)
	if frac == 0 || frac > 0.05 {
		t.Errorf("Live.Update took %.1f %% of the loop's time, want (0, 5 %%]", 100*frac)
	}
}

func keys(d protocol.DisplayData) []protocol.MIMEType {
	var k []protocol.MIMEType
	for m := range d.Data {
		k = append(k, m)
	}
	return k
}

// TestGoNBCell is the notebook cell that TestGoNB runs.
func TestGoNBCell(t *testing.T) {
	if os.Getenv("INTRODL_GONB_CELL") == "" {
		t.Skip("run by TestGoNB")
	}
	p, err := plotting.Functions("shown", 0, 1, plotting.Curve{F: math.Sqrt})
	if err != nil {
		t.Fatal(err)
	}
	if err := plotting.Show(p); err != nil {
		t.Fatal(err)
	}
	// A 1.5 s "training loop" of 1 ms steps; time the Updates.
	const steps = 1500
	live := &plotting.Live{Title: "live", Total: steps, Metric: "accuracy"}
	var inLive time.Duration
	start := time.Now()
	for step := range steps {
		for t0 := time.Now(); time.Since(t0) < time.Millisecond; {
		}
		t0 := time.Now()
		live.Update(step, 1/(1+float64(step)), 0.5)
		inLive += time.Since(t0)
	}
	total := time.Since(start)
	if err := live.Close(); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("LIVE %.4f of %v in Update\n", inLive.Seconds()/total.Seconds(), total.Round(time.Millisecond))
}
