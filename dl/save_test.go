package dl_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/introdl/introdl/dl"
	"gonum.org/v1/gonum/mat"
)

// savedNet returns a small trained-looking net (random weights and biases)
// and its saved bytes.
func savedNet(t testing.TB) (*dl.Net, []byte) {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 3))
	net := dl.NewMLP([]int{3, 4, 2}, dl.ReLU, dl.Identity, dl.He{}, rng)
	for _, layer := range net.Layers {
		dl.Uniform{}.Init(layer.B, rng) // biases that are not all zero
	}
	var b bytes.Buffer
	if err := dl.WriteNet(&b, net); err != nil {
		t.Fatal(err)
	}
	return net, b.Bytes()
}

// sameNet fails unless a and b have the same layers, activations and
// weights, bit for bit.
func sameNet(t *testing.T, a, b *dl.Net) {
	t.Helper()
	if a.String() != b.String() {
		t.Fatalf("loaded %v, saved %v", b, a)
	}
	for l := range a.Layers {
		for _, m := range [][2]*mat.Dense{{a.Layers[l].W, b.Layers[l].W}, {a.Layers[l].B, b.Layers[l].B}} {
			x, y := m[0].RawMatrix().Data, m[1].RawMatrix().Data
			for i := range x {
				if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
					t.Fatalf("layer %d: number %d is %v after loading, %v before", l, i, y[i], x[i])
				}
			}
		}
	}
}

func TestWriteReadNet(t *testing.T) {
	net, data := savedNet(t)
	got, err := dl.ReadNet(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sameNet(t, net, got)
	x := mat.NewDense(2, 3, []float64{0.1, -2, 3, 1e-3, 0.5, -0.25})
	if !mat.Equal(net.Predict(x), got.Predict(x)) {
		t.Errorf("the loaded net predicts %v, the saved one %v", got.Predict(x), net.Predict(x))
	}
	// The loaded net trains: its gradients exist and have the right shapes.
	y := mat.NewDense(2, 2, []float64{1, 0, 0, 1})
	if loss := got.Gradient(dl.SoftmaxCrossEntropy{}, x, y); math.IsNaN(loss) {
		t.Errorf("loss of the loaded net is NaN")
	}
}

func TestSaveLoadNet(t *testing.T) {
	net, _ := savedNet(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "net.json")
	for range 2 { // the second save replaces the first file
		if err := dl.SaveNet(path, net); err != nil {
			t.Fatal(err)
		}
	}
	got, err := dl.LoadNet(path)
	if err != nil {
		t.Fatal(err)
	}
	sameNet(t, net, got)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files after saving, want 1 (no temporary file left)", len(entries))
	}
	if _, err := dl.LoadNet(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("LoadNet of a missing file gave no error")
	}
	if err := dl.SaveNet(filepath.Join(dir, "no", "such", "folder.json"), net); err == nil {
		t.Error("SaveNet into a missing folder gave no error")
	}
}

// TestReadNetDamaged changes a saved net in the ways a file gets damaged and
// checks that each gives an error naming the problem.
func TestReadNetDamaged(t *testing.T) {
	_, data := savedNet(t)
	s := string(data)
	tests := []struct {
		name, file, want string
	}{
		{"empty", "", "not a saved net"},
		{"not JSON", "W = [1 2 3]", "not a saved net"},
		{"other format", strings.Replace(s, "introdl dl.Net", "keras", 1), `format is "keras"`},
		{"other version", strings.Replace(s, `"version": 1`, `"version": 2`, 1), "version 2"},
		{"no layers", `{"format": "introdl dl.Net", "version": 1, "layers": []}`, "no layers"},
		{"a digit changed", changeDigit(s), "damaged"},
		{"checksum missing", s[:strings.Index(s, `,
 "sha256"`)] + "}", "damaged"},
		{"sizes do not match the numbers", strings.Replace(s, `"in": 3`, `"in": 2`, 1), "holds 12 weights"},
		{"layers do not chain", `{"format": "introdl dl.Net", "version": 1, "layers": [
			{"in": 1, "out": 1, "activation": "relu", "W": [1], "B": [0]},
			{"in": 2, "out": 1, "activation": "identity", "W": [1, 2], "B": [0]}]}`, "layer 1 has 2 inputs but layer 0 has 1 unit"},
		{"zero size", strings.Replace(s, `"out": 2`, `"out": 0`, 1), "sizes must be"},
		{"unknown activation", strings.Replace(s, `"relu"`, `"swish"`, 1), `"swish"`},
		{"a number out of range", strings.Replace(s, `"B": [`, `"B": [1e999, `, 1), "not a saved net"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, err := dl.ReadNet(strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if net != nil {
				t.Errorf("ReadNet returned a net with its error")
			}
		})
	}
}

// changeDigit returns s with the last digit of the first weight changed.
func changeDigit(s string) string {
	i := strings.Index(s, `"W": [`) + len(`"W": [`)
	i += strings.IndexAny(s[i:], ",]") - 1 // the last character of the first number
	for s[i] < '0' || s[i] > '9' {         // an exponent's digit, or the mantissa's
		i--
	}
	d := '0' + (s[i]-'0'+1)%10
	return s[:i] + string(rune(d)) + s[i+1:]
}

// TestReadNetTruncated cuts the file at every length: each cut that loses
// more than the final newline must give an error.
func TestReadNetTruncated(t *testing.T) {
	_, data := savedNet(t)
	for n := 0; n < len(data)-1; n++ {
		if _, err := dl.ReadNet(bytes.NewReader(data[:n])); err == nil {
			t.Fatalf("the first %d of %d bytes read without error", n, len(data))
		}
	}
}

func TestWriteNetErrors(t *testing.T) {
	net, _ := savedNet(t)
	net.Layers[0].W.Set(0, 0, math.NaN())
	if err := dl.WriteNet(&bytes.Buffer{}, net); err == nil {
		t.Error("WriteNet of a NaN weight gave no error")
	}
	net, _ = savedNet(t)
	net.Layers[1].Act = dl.Activation{Name: "mine", F: math.Sin, Deriv: math.Cos}
	if err := dl.WriteNet(&bytes.Buffer{}, net); err == nil || !strings.Contains(err.Error(), `"mine"`) {
		t.Errorf("WriteNet with a hand-made activation: error %v, want one naming it", err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "no layers") {
			t.Errorf("WriteNet of an empty net: panic %v, want one saying it has no layers", r)
		}
	}()
	dl.WriteNet(&bytes.Buffer{}, &dl.Net{})
}

// FuzzReadNet checks that ReadNet never panics, whatever the bytes, and that
// a net it accepts computes without panicking.
func FuzzReadNet(f *testing.F) {
	_, data := savedNet(f)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(`{"format": "introdl dl.Net", "version": 1, "layers": [{"in": 1, "out": 1, "activation": "tanh", "W": [2], "B": [0]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		net, err := dl.ReadNet(bytes.NewReader(data))
		if err != nil {
			return
		}
		in := net.Layers[0].In()
		if in <= 1000 {
			net.Predict(mat.NewDense(1, in, nil))
		}
	})
}
