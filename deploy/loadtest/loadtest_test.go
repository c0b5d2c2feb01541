package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"
)

// The example handshake of RFC 6455, section 1.3.
func TestWSAcceptKey(t *testing.T) {
	if got, want := wsAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="; got != want {
		t.Errorf("wsAcceptKey = %q, want %q", got, want)
	}
}

// A masked frame of each length class reads back as the same payload.
func TestWSFrameRoundTrip(t *testing.T) {
	for _, n := range []int{0, 5, 125, 126, 65535, 65536, 200000} {
		payload := bytes.Repeat([]byte{'x', 'y', 'z'}, n/3+1)[:n]
		fin, op, got, err := wsReadFrame(bytes.NewReader(wsEncodeFrame(0x1, payload)))
		if err != nil || !fin || op != 0x1 || !bytes.Equal(got, payload) {
			t.Errorf("n=%d: fin %v op %d err %v, payload equal %v", n, fin, op, err, bytes.Equal(got, payload))
		}
	}
}

// Nearest rank: p95 of 1..20 is 19, p50 is 10, p100 the maximum.
func TestPercentile(t *testing.T) {
	var xs []float64
	for i := 20; i >= 1; i-- {
		xs = append(xs, float64(i))
	}
	for _, c := range []struct{ p, want float64 }{{50, 10}, {95, 19}, {100, 20}, {0, 1}} {
		if got := percentile(xs, c.p); got != c.want {
			t.Errorf("percentile(1..20, %v) = %v, want %v", c.p, got, c.want)
		}
	}
	if !math.IsNaN(percentile(nil, 50)) {
		t.Error("percentile of nothing should be NaN")
	}
}

// Jupyter's binary WebSocket message: part count, offsets, then the parts.
func TestFirstPart(t *testing.T) {
	msg, buf := []byte(`{"a":1}`), []byte{1, 2, 3}
	var b []byte
	b = binary.BigEndian.AppendUint32(b, 2)
	b = binary.BigEndian.AppendUint32(b, 12)
	b = binary.BigEndian.AppendUint32(b, uint32(12+len(msg)))
	b = append(append(b, msg...), buf...)
	got, err := firstPart(b)
	if err != nil || !bytes.Equal(got, msg) {
		t.Errorf("firstPart = %q, %v; want %q", got, err, msg)
	}
	if _, err := firstPart([]byte{0, 0}); err == nil {
		t.Error("firstPart accepted a short message")
	}
}

func TestCellSource(t *testing.T) {
	for _, raw := range []string{`"a\nb"`, `["a\n", "b"]`} {
		got, err := cellSource(json.RawMessage(raw))
		if err != nil || got != "a\nb" {
			t.Errorf("cellSource(%s) = %q, %v", raw, got, err)
		}
	}
}

// Cells that took a second or more alone are work cells: the compile-bound
// p95 is over the others, and each cell's slowdown is over its own solo time.
func TestCompare(t *testing.T) {
	solo := map[int]float64{0: 0.5, 2: 4, 4: 0.25}
	r := &report{PerLearner: []learnerResult{
		{Cells: []cellResult{{Cell: 0, Seconds: 1}, {Cell: 2, Seconds: 8}, {Cell: 4, Seconds: 1.5}}},
		{Cells: []cellResult{{Cell: 0, Seconds: 2}, {Cell: 2, Seconds: 4}, {Cell: 4, Seconds: 0.5}}},
	}}
	r.compare(solo, 1)
	if r.CompileCells != 4 || r.CompileP95 != 2 || len(r.WorkCells) != 1 || r.WorkCells[0] != 3 {
		t.Errorf("compile-bound cells %d p95 %v work cells %v, want 4, 2, [3]", r.CompileCells, r.CompileP95, r.WorkCells)
	}
	// Ratios 2, 2, 6, 4, 1, 2: median 2 (nearest rank), max 6.
	if r.SlowdownP50 != 2 || r.SlowdownMax != 6 {
		t.Errorf("slowdown median %v max %v, want 2 and 6", r.SlowdownP50, r.SlowdownMax)
	}
	if len(r.Errors) != 0 {
		t.Errorf("errors: %v", r.Errors)
	}
	// A cell the one-learner run does not have is an error, not a silent gap.
	r = &report{PerLearner: []learnerResult{{Cells: []cellResult{{Cell: 7, Seconds: 1}}}}}
	r.compare(solo, 1)
	if len(r.Errors) != 1 {
		t.Errorf("a cell missing from the solo run gave errors %v, want one", r.Errors)
	}
}
