package nbtest

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
)

// figureTypes are the MIME types that count as a figure.
var figureTypes = []string{"image/svg+xml", "image/png"}

// Check returns what is wrong with an executed notebook, one sentence per
// problem, naming the cell by its 1-based position:
//   - a cell with an error output (unless tagged raises-exception, which
//     must have one);
//   - a cell that wrote "panic:" or "exit status" to stderr;
//   - a cell tagged figure that displayed no image/svg+xml or image/png;
//   - an output containing one of the machine-specific paths (the checkout,
//     the home directory, GoNB's temporary folder), which would leak into
//     the committed notebook.
func Check(nb *Notebook, machinePaths ...string) []string {
	var problems []string
	for i, c := range nb.Cells {
		if c.Type != "code" {
			continue
		}
		where := fmt.Sprintf("cell %d", i+1)
		var errs []string
		figure := false
		for _, o := range c.Outputs {
			switch o.Type {
			case "error":
				errs = append(errs, fmt.Sprintf("%s: %s", o.Ename, firstLine(o.Evalue)))
			case "stream":
				if o.Name == "stderr" {
					for _, bad := range []string{"panic:", "exit status"} {
						if strings.Contains(string(o.Text), bad) {
							problems = append(problems, fmt.Sprintf("%s: stderr contains %q: %s", where, bad, excerpt(string(o.Text), bad)))
						}
					}
				}
			}
			for _, t := range figureTypes {
				if _, ok := o.Data[t]; ok {
					figure = true
				}
			}
			for _, p := range machinePaths {
				if p != "" && strings.Contains(outputText(o), p) {
					problems = append(problems, fmt.Sprintf("%s: output contains the machine path %q", where, p))
				}
			}
		}
		switch {
		case c.HasTag(TagRaisesException) && len(errs) == 0:
			problems = append(problems, fmt.Sprintf("%s: tagged %s but raised no error", where, TagRaisesException))
		case !c.HasTag(TagRaisesException) && len(errs) > 0:
			problems = append(problems, fmt.Sprintf("%s: error: %s", where, strings.Join(errs, "; ")))
		}
		if c.HasTag(TagFigure) && !figure {
			problems = append(problems, fmt.Sprintf("%s: tagged %s but displayed no %s", where, TagFigure, strings.Join(figureTypes, " or ")))
		}
	}
	return problems
}

// Stale compares the outputs of a committed notebook with those of a fresh
// run of it and describes the first difference in each cell. The comparison
// covers every output of every code cell not tagged nondeterministic: its
// kind, stream name and text, and every MIME type of displayed data
// (text exactly; images by SHA-256, since gonum/plot renders the same figure
// to the same bytes). Output metadata and execution counts are ignored.
func Stale(committed, fresh *Notebook) []string {
	if len(committed.Cells) != len(fresh.Cells) {
		return []string{fmt.Sprintf("the fresh run has %d cells, the committed notebook %d", len(fresh.Cells), len(committed.Cells))}
	}
	var diffs []string
	for i := range committed.Cells {
		c, f := &committed.Cells[i], &fresh.Cells[i]
		if c.Type != "code" || c.HasTag(TagNondeterministic) {
			continue
		}
		want, got := describe(c.Outputs), describe(f.Outputs)
		if slices.Equal(want, got) {
			continue
		}
		diffs = append(diffs, fmt.Sprintf("cell %d: %s", i+1, firstDifference(want, got)))
	}
	return diffs
}

// describe turns outputs into comparable lines of text. Consecutive writes
// to one stream read as one text, however the kernel happened to chunk them.
func describe(outputs []Output) []string {
	var lines []string
	stream := ""
	for _, o := range outputs {
		if o.Type == "stream" && o.Name == stream {
			last := len(lines) - 1
			more := strings.Split(string(o.Text), "\n")
			lines[last] += more[0]
			lines = append(lines, more[1:]...)
			continue
		}
		stream = ""
		switch o.Type {
		case "stream":
			stream = o.Name
			lines = append(lines, "stream "+o.Name+":")
			lines = append(lines, strings.Split(string(o.Text), "\n")...)
		case "error":
			lines = append(lines, "error "+o.Ename+": "+o.Evalue)
		default:
			mimes := make([]string, 0, len(o.Data))
			for m := range o.Data {
				mimes = append(mimes, m)
			}
			slices.Sort(mimes)
			for _, m := range mimes {
				v := string(o.Data[m])
				if strings.HasPrefix(m, "image/") {
					lines = append(lines, fmt.Sprintf("%s %s: %d bytes, sha256 %x", o.Type, m, len(v), sha256.Sum256([]byte(v))))
					continue
				}
				lines = append(lines, o.Type+" "+m+":")
				lines = append(lines, strings.Split(v, "\n")...)
			}
		}
	}
	return lines
}

func firstDifference(want, got []string) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		w, g := "(nothing)", "(nothing)"
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return fmt.Sprintf("output line %d is %q, committed %q", i+1, clip(g), clip(w))
		}
	}
	return "outputs differ"
}

// outputText is everything an output would show, for the path search.
func outputText(o Output) string {
	var b strings.Builder
	b.WriteString(string(o.Text))
	b.WriteString(o.Evalue)
	for m, v := range o.Data {
		if m != "image/png" {
			b.WriteString(string(v))
		}
	}
	return b.String()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return clip(s)
}

// excerpt returns the line of s that contains sub.
func excerpt(s, sub string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, sub) {
			return clip(strings.TrimSpace(line))
		}
	}
	return ""
}

func clip(s string) string {
	const n = 160
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
