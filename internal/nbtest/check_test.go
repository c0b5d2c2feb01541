package nbtest

import (
	"strings"
	"testing"
)

const sample = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n"]},
  {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "fmt.Println(1)",
   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\n", "2\n"]}]},
  {"cell_type": "code", "metadata": {"tags": ["figure"]}, "execution_count": 2, "source": "plot",
   "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": ["<svg>", "</svg>"]}}]}
 ],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5
}`

func mustParse(t *testing.T, s string) *Notebook {
	t.Helper()
	nb, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestParseJoinsLines(t *testing.T) {
	nb := mustParse(t, sample)
	if got := string(nb.Cells[1].Outputs[0].Text); got != "1\n2\n" {
		t.Errorf("stream text = %q, want %q", got, "1\n2\n")
	}
	if got := string(nb.Cells[2].Outputs[0].Data["image/svg+xml"]); got != "<svg></svg>" {
		t.Errorf("svg = %q", got)
	}
	if !nb.Cells[2].HasTag(TagFigure) || nb.Cells[1].HasTag(TagFigure) {
		t.Error("tags not read")
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(nb *Notebook)
		want   string // substring of the only problem; "" for none
		paths  []string
		target int
	}{
		{name: "clean", edit: func(*Notebook) {}},
		{name: "error output", want: "cell 2: error: ERROR: boom", edit: func(nb *Notebook) {
			nb.Cells[1].Outputs = append(nb.Cells[1].Outputs, Output{Type: "error", Ename: "ERROR", Evalue: "boom\nmore"})
		}},
		{name: "expected error present", edit: func(nb *Notebook) {
			nb.Cells[1].Metadata.Tags = []string{TagRaisesException}
			nb.Cells[1].Outputs = append(nb.Cells[1].Outputs, Output{Type: "error", Ename: "ERROR", Evalue: "boom"})
		}},
		{name: "expected error missing", want: "tagged raises-exception but raised no error", edit: func(nb *Notebook) {
			nb.Cells[1].Metadata.Tags = []string{TagRaisesException}
		}},
		{name: "panic on stderr", want: `cell 2: stderr contains "panic:": panic: dl: shapes`, edit: func(nb *Notebook) {
			nb.Cells[1].Outputs = append(nb.Cells[1].Outputs, Output{Type: "stream", Name: "stderr", Text: "x\npanic: dl: shapes\n"})
		}},
		{name: "exit status on stderr", want: `stderr contains "exit status"`, edit: func(nb *Notebook) {
			nb.Cells[1].Outputs = append(nb.Cells[1].Outputs, Output{Type: "stream", Name: "stderr", Text: "exit status 2"})
		}},
		{name: "figure missing", want: "cell 3: tagged figure but displayed no image/svg+xml or image/png", edit: func(nb *Notebook) {
			nb.Cells[2].Outputs = nil
		}},
		{name: "png counts as figure", edit: func(nb *Notebook) {
			nb.Cells[2].Outputs[0].Data = map[string]Text{"image/png": "iVBOR"}
		}},
		{name: "machine path", want: `cell 2: output contains the machine path "/home/ada/introdl"`, paths: []string{"/home/ada/introdl"}, edit: func(nb *Notebook) {
			nb.Cells[1].Outputs[0].Text = "reading /home/ada/introdl/data\n"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := mustParse(t, sample)
			tt.edit(nb)
			got := Check(nb, tt.paths...)
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("Check = %q, want no problems", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("Check = %q, want one problem containing %q", got, tt.want)
			}
		})
	}
}

func TestStale(t *testing.T) {
	tests := []struct {
		name string
		edit func(nb *Notebook)
		want string // substring of the only difference; "" for none
	}{
		{name: "same", edit: func(*Notebook) {}},
		{name: "text changed", want: `cell 2: output line 3 is "3", committed "2"`, edit: func(nb *Notebook) {
			nb.Cells[1].Outputs[0].Text = "1\n3\n"
		}},
		{name: "figure changed", want: "cell 3: output line 1 is \"display_data image/svg+xml: 12 bytes", edit: func(nb *Notebook) {
			nb.Cells[2].Outputs[0].Data["image/svg+xml"] = "<svg> </svg>"
		}},
		{name: "output missing", want: `cell 2: output line 1 is "(nothing)"`, edit: func(nb *Notebook) {
			nb.Cells[1].Outputs = nil
		}},
		{name: "nondeterministic cell ignored", edit: func(nb *Notebook) {
			nb.Cells[1].Metadata.Tags = []string{TagNondeterministic}
			nb.Cells[1].Outputs[0].Text = "took 3.2 s\n"
		}},
		{name: "cell added", want: "the fresh run has 4 cells, the committed notebook 3", edit: func(nb *Notebook) {
			nb.Cells = append(nb.Cells, Cell{Type: "markdown"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			committed, fresh := mustParse(t, sample), mustParse(t, sample)
			tt.edit(fresh)
			if tt.name == "nondeterministic cell ignored" {
				committed.Cells[1].Metadata.Tags = []string{TagNondeterministic}
			}
			got := Stale(committed, fresh)
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("Stale = %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("Stale = %q, want one difference containing %q", got, tt.want)
			}
		})
	}
}

func TestStaleIgnoresStreamChunks(t *testing.T) {
	committed, fresh := mustParse(t, sample), mustParse(t, sample)
	fresh.Cells[1].Outputs = []Output{
		{Type: "stream", Name: "stdout", Text: "1"},
		{Type: "stream", Name: "stdout", Text: "\n2\n"},
	}
	if got := Stale(committed, fresh); len(got) != 0 {
		t.Errorf("Stale = %q, want none for the same text in two chunks", got)
	}
	fresh.Cells[1].Outputs[1].Name = "stderr"
	if got := Stale(committed, fresh); len(got) != 1 {
		t.Errorf("Stale = %q, want one difference for text moved to stderr", got)
	}
}
