package tomlpos

import (
	"strings"
	"testing"
)

func TestDepth(t *testing.T) {
	for _, tt := range []struct {
		doc         string
		depth, line int
	}{
		{"name = \"x\"\n", 0, 0},
		{"[brand]\nlogo = \"x\"\n", 1, 1},
		{"[[questions]]\nnl = \"x\"\n", 2, 1},
		{"a = 1\nb = [[1, 2], {c = [3]}]\n", 3, 2},
		{"a = \"[[[[\" # [[[[\nb = '{{{{'\nc = \"\"\"\n[[[[\n\\\"\"\" [\"\"\"\nd = '''[[[\n'''\n", 0, 0},
		{"a = \"\\\"[[[\"\nb = [1]\n", 1, 2},
		{"x = " + strings.Repeat("{a=", 1000) + "1" + strings.Repeat("}", 1000), 1000, 1},
		{"x = \"unterminated [[[\ny = [[2]]", 2, 2},
	} {
		if d, l := Depth(tt.doc); d != tt.depth || l != tt.line {
			t.Errorf("Depth(%q) = %d, %d; want %d, %d", tt.doc, d, l, tt.depth, tt.line)
		}
	}
}

// FuzzDepth: any text is measured in one pass, and the line reported lies
// inside the document; nesting that is written plainly is counted.
func FuzzDepth(f *testing.F) {
	f.Add("a = [[1], {b = \"]\"}]\n")
	f.Add("x = \"\"\"\n[\"\"\"\ny = '[' # [\n")
	f.Fuzz(func(t *testing.T, s string) {
		d, l := Depth(s)
		if lines := strings.Count(s, "\n") + 1; l < 0 || l > lines || (d > 0) != (l > 0) {
			t.Fatalf("depth %d on line %d of a %d-line document", d, l, lines)
		}
		if !strings.ContainsAny(s, "\"'#") && strings.Contains(s, "[[") && d < 2 {
			t.Fatalf("depth %d of %q", d, s)
		}
	})
}
