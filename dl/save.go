package dl

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/gonum/mat"
)

// netFormat and netVersion head every saved net; a file with another
// format is not a net, one with another version is not one this code reads.
const (
	netFormat  = "introdl dl.Net"
	netVersion = 1
)

// savedNet is the JSON document of a net.
type savedNet struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Layers  []savedLayer `json:"layers"`
	SHA256  string       `json:"sha256"`
}

type savedLayer struct {
	In         int       `json:"in"`
	Out        int       `json:"out"`
	Activation string    `json:"activation"`
	W          []float64 `json:"W"` // in·out weights, row by row
	B          []float64 `json:"B"` // out biases
}

// WriteNet writes net to w in the format described under SaveNet. It
// returns an error if writing fails, if a weight is NaN or ±Inf (JSON has no
// such numbers), or if a layer's activation is not one of
// Activations() (a hand-made activation cannot be found again by its name;
// LoadNet could not restore it). It panics if net has no layers.
func WriteNet(w io.Writer, net *Net) error {
	net.mustHaveLayers("WriteNet")
	doc := savedNet{Format: netFormat, Version: netVersion}
	for l, layer := range net.Layers {
		if _, ok := activationByName(layer.Act.Name); !ok {
			return fmt.Errorf("dl: WriteNet: layer %d's activation %q is not one of dl.Activations(), so it could not be read back", l, layer.Act.Name)
		}
		// mat.DenseCopyOf gives a matrix whose data is exactly in·out
		// numbers in row order, whatever the stride of W.
		doc.Layers = append(doc.Layers, savedLayer{
			In:         layer.In(),
			Out:        layer.Out(),
			Activation: layer.Act.Name,
			W:          mat.DenseCopyOf(layer.W).RawMatrix().Data,
			B:          mat.DenseCopyOf(layer.B).RawMatrix().Data,
		})
	}
	doc.SHA256 = checksum(doc.Layers)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("dl: WriteNet: %w", err)
	}
	return nil
}

// ReadNet reads a net written by WriteNet. It returns an error, and no
// net, if the stream is not such a net or is damaged: not JSON or cut
// short, another format or version, a layer whose sizes do not match its
// numbers or do not chain with the next, an unknown activation, or a
// checksum that does not match the numbers read.
func ReadNet(r io.Reader) (*Net, error) {
	var doc savedNet
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // an empty file is a file cut short
		}
		return nil, fmt.Errorf("dl: ReadNet: not a saved net: %w", err)
	}
	if doc.Format != netFormat {
		return nil, fmt.Errorf("dl: ReadNet: format is %q, want %q", doc.Format, netFormat)
	}
	if doc.Version != netVersion {
		return nil, fmt.Errorf("dl: ReadNet: version %d, this code reads version %d", doc.Version, netVersion)
	}
	if len(doc.Layers) == 0 {
		return nil, errors.New("dl: ReadNet: the net has no layers")
	}
	net := &Net{}
	for l, s := range doc.Layers {
		// Sizes are checked one at a time so that in·out cannot overflow.
		const maxSize = 1 << 24
		if s.In < 1 || s.Out < 1 || s.In > maxSize || s.Out > maxSize {
			return nil, fmt.Errorf("dl: ReadNet: layer %d is %d×%d; sizes must be between 1 and %d", l, s.In, s.Out, maxSize)
		}
		if len(s.W) != s.In*s.Out || len(s.B) != s.Out {
			return nil, fmt.Errorf("dl: ReadNet: layer %d is %d×%d but holds %d weights and %d biases, want %d and %d",
				l, s.In, s.Out, len(s.W), len(s.B), s.In*s.Out, s.Out)
		}
		if l > 0 && s.In != doc.Layers[l-1].Out {
			return nil, fmt.Errorf("dl: ReadNet: layer %d has %d inputs but layer %d has %d units", l, s.In, l-1, doc.Layers[l-1].Out)
		}
		act, ok := activationByName(s.Activation)
		if !ok {
			return nil, fmt.Errorf("dl: ReadNet: layer %d's activation %q is not one of dl.Activations()", l, s.Activation)
		}
		net.Layers = append(net.Layers, &Dense{
			W:   mat.NewDense(s.In, s.Out, s.W),
			B:   mat.NewDense(1, s.Out, s.B),
			Act: act,
			DW:  mat.NewDense(s.In, s.Out, nil),
			DB:  mat.NewDense(1, s.Out, nil),
		})
	}
	if sum := checksum(doc.Layers); sum != doc.SHA256 {
		return nil, fmt.Errorf("dl: ReadNet: the file is damaged: its numbers have checksum %.12s…, the file says %.12s…", sum, doc.SHA256)
	}
	return net, nil
}

// SaveNet writes net to the file at path, replacing it if it exists, and
// LoadNet reads it back. A trained net is a list of numbers, the weights and
// biases of every layer, plus the sizes and activations that say how to use
// them; saving them lets a notebook train a net once, in one cell, and use
// it in every later cell (each GoNB cell is a new program: values do not
// survive from one cell to the next, files do).
//
// The file is JSON, text that any editor opens:
//
//	{
//	 "format": "introdl dl.Net",
//	 "version": 1,
//	 "layers": [
//	  {"in": 2, "out": 2, "activation": "sigmoid", "W": [w₁₁, w₁₂, w₂₁, w₂₂], "B": [b₁, b₂]},
//	  …
//	 ],
//	 "sha256": "…"
//	}
//
// W is stored row by row (in×out; row i holds the weights leaving input i,
// as in Dense). encoding/json writes every float64 with the fewest digits
// that read back as the same number, so a loaded net computes exactly what
// the saved one did. The last field is a checksum of every size, name and
// number: a file damaged in any way (cut short, a digit changed, a layer
// missing) makes LoadNet return an error rather than a net that quietly
// computes something else.
//
// Only what Predict needs is saved. Gradients come back as zeros, and the
// state of an optimizer (Adam's moments, momentum) lives in the optimizer,
// not the net: training a loaded net further starts the optimizer afresh.
//
// SaveNet writes to a temporary file in the same folder first and then
// renames it to path, so that a reader never sees half a file, even if
// SaveNet is interrupted. It returns an error if the file cannot be written,
// or WriteNet's error.
func SaveNet(path string, net *Net) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("dl: SaveNet: %w", err)
	}
	tmp := f.Name()
	err = WriteNet(f, net)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("dl: SaveNet: %w", cerr)
	}
	if err == nil {
		if err = os.Rename(tmp, path); err != nil {
			err = fmt.Errorf("dl: SaveNet: %w", err)
		}
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// LoadNet reads the net saved at path by SaveNet. It returns an error if
// the file cannot be opened, or ReadNet's error for a damaged one.
func LoadNet(path string) (*Net, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dl: LoadNet: %w", err)
	}
	defer f.Close()
	return ReadNet(f)
}

// checksum returns the SHA-256 of every layer's sizes, activation name,
// weights and biases, in hexadecimal. Numbers enter as their 8 bytes
// (IEEE 754, little-endian), so the sum changes when any bit of any weight
// does; names enter with their length first, so that no two different
// lists of layers give the same bytes.
func checksum(layers []savedLayer) string {
	h := sha256.New()
	put := func(h hash.Hash, v uint64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v)
		h.Write(b[:])
	}
	put(h, uint64(len(layers)))
	for _, s := range layers {
		put(h, uint64(s.In))
		put(h, uint64(s.Out))
		put(h, uint64(len(s.Activation)))
		h.Write([]byte(s.Activation))
		put(h, uint64(len(s.W)))
		for _, v := range s.W {
			put(h, math.Float64bits(v))
		}
		put(h, uint64(len(s.B)))
		for _, v := range s.B {
			put(h, math.Float64bits(v))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// activationByName returns the activation of Activations() called name.
func activationByName(name string) (Activation, bool) {
	for _, act := range Activations() {
		if act.Name == name {
			return act, true
		}
	}
	return Activation{}, false
}
