package tomlpos

import (
	"reflect"
	"strings"
	"testing"
)

const doc = `title = "Planning"
tags = [
  "a = b",
  "c",
]
[params]
method = "planning"
notes = """
fake = "not a key"
"""
[[params.agenda]]
id = "opening"
  [[params.agenda.questions]]
  id = "q1"
  [[params.agenda.questions]]
  id = "q2"
[[params.agenda]]
id = "results"
  [[params.agenda.fields]]
  id = "f1"
  kind = "lsit"
[params.extra]
"quoted key" = 1
a.b = 2
`

func TestLine(t *testing.T) {
	ix := New(doc, 1)
	tests := []struct {
		path string
		want int
	}{
		{"title", 2},
		{"params", 7},
		{"params.method", 8},
		{"params.agenda[0]", 12},
		{"params.agenda[0].id", 13},
		{"params.agenda[0].questions[1].id", 17},
		{"params.agenda[1].id", 19},
		{"params.agenda[1].fields[0].kind", 22},
		{"params.agenda[1].minutes", 18}, // missing key: its table's line
		{"params.extra.quoted key", 24},
		{"params.extra.a.b", 25},
	}
	for _, tt := range tests {
		if got, _ := ix.Line(tt.path); got != tt.want {
			t.Errorf("Line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if _, ok := ix.Line("nothing.here"); ok {
		t.Error(`Line("nothing.here") reported ok for a path with no line`)
	}
}

func TestSkipsMultiLineValues(t *testing.T) {
	ix := New(doc, 0)
	if lines := ix.Lines("params.fake"); lines != nil {
		t.Errorf("a line inside a multi-line string was indexed as a key: %v", lines)
	}
	if lines := ix.Lines("a"); lines != nil {
		t.Errorf("a line inside a multi-line array was indexed as a key: %v", lines)
	}
}

// TestEscapedQuoteInAnArray: a quote escaped in a basic string does not
// end it, so a bracket after it does not open an array that swallows the
// keys below (the glossary's role words are such arrays).
func TestEscapedQuoteInAnArray(t *testing.T) {
	ix := New("[words]\nnl = [\"a\\\"[b\", 'c\\']\nde = [\"d\"]\n[next]\nkey = 1\n", 0)
	if l, ok := ix.Line("words.de"); !ok || l != 3 {
		t.Errorf("words.de: line %d %v, want 3", l, ok)
	}
	if l, ok := ix.Line("next.key"); !ok || l != 5 {
		t.Errorf("next.key: line %d %v, want 5", l, ok)
	}
}

func TestLinesOfPlainPath(t *testing.T) {
	ix := New(doc, 0)
	if got, want := ix.Lines("params.agenda.questions.id"), []int{14, 16}; !reflect.DeepEqual(got, want) {
		t.Errorf("Lines = %v, want %v", got, want)
	}
	if got, want := ix.Lines("params.agenda.fields.kind"), []int{21}; !reflect.DeepEqual(got, want) {
		t.Errorf("Lines = %v, want %v", got, want)
	}
}

// FuzzNew: any text, however broken, is indexed without a panic, and every
// line it reports lies inside the document.
func FuzzNew(f *testing.F) {
	f.Add(doc)
	f.Add("[[a]]\n[[a.b]]\nx = '''\n")
	f.Add("a = [\n[[b]]\n")
	f.Fuzz(func(t *testing.T, s string) {
		ix := New(s, 0)
		lines := strings.Count(s, "\n") + 1
		for path, l := range ix.indexed {
			if l < 1 || l > lines {
				t.Fatalf("%q on line %d of a %d-line document", path, l, lines)
			}
		}
	})
}
