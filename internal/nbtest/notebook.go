package nbtest

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Notebook is the part of a Jupyter notebook (nbformat 4) that the checks
// read. It is decoded from the .ipynb JSON and never written back: the
// Python executor writes notebooks, so that they keep Jupyter's exact format.
type Notebook struct {
	Cells []Cell `json:"cells"`
}

// Cell is one notebook cell.
type Cell struct {
	Type     string `json:"cell_type"` // "code", "markdown" or "raw"
	Source   Text   `json:"source"`
	Metadata struct {
		Tags []string `json:"tags"`
	} `json:"metadata"`
	Outputs []Output `json:"outputs"`
}

// Cell tags the checks understand.
const (
	// TagFigure marks a cell that must display a figure (image/svg+xml or
	// image/png).
	TagFigure = "figure"
	// TagRaisesException marks a cell that must end in an error, for
	// lessons that show a panic on purpose. It is nbclient's own tag.
	TagRaisesException = "raises-exception"
	// TagNondeterministic marks a cell whose outputs are not compared with
	// the committed ones (for example wall-clock timings).
	TagNondeterministic = "nondeterministic"
)

// HasTag reports whether the cell carries tag.
func (c *Cell) HasTag(tag string) bool { return slices.Contains(c.Metadata.Tags, tag) }

// Output is one output of a code cell.
type Output struct {
	Type   string          `json:"output_type"` // "stream", "display_data", "execute_result" or "error"
	Name   string          `json:"name"`        // stream: "stdout" or "stderr"
	Text   Text            `json:"text"`        // stream
	Data   map[string]Text `json:"data"`        // display_data, execute_result: MIME type → content
	Ename  string          `json:"ename"`       // error
	Evalue string          `json:"evalue"`      // error
}

// Text is a multi-line string, which nbformat stores either as one string or
// as a list of lines.
type Text string

// UnmarshalJSON accepts both forms of a multi-line string.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("nbtest: neither a string nor a list of strings: %.40s", b)
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Parse decodes a notebook file's content.
func Parse(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("nbtest: not a notebook: %w", err)
	}
	return &nb, nil
}

// Read reads and decodes the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}
