package tomlbound

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestDeepDocumentsRefused: each way of nesting deeply, 10,000 levels
// written on line 3, is refused on line 3 after a linear scan.
func TestDeepDocumentsRefused(t *testing.T) {
	const n = 10000
	for name, deep := range map[string]string{
		"inline tables": "a = " + strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n),
		"arrays":        "a = " + strings.Repeat("[", n) + "1" + strings.Repeat("]", n),
		"dotted key":    strings.Repeat("a.", n) + "b = 1",
		"table header":  "[" + strings.Repeat("a.", n) + "b]",
		"array header":  "[[" + strings.Repeat("a.", n) + "b]]",
		"mixed":         "a = " + strings.Repeat("{b.c=[", n) + strings.Repeat("]}", n),
	} {
		doc := "title = \"x\"\n# a comment\n" + deep + "\n"
		err := Check(doc, MaxDepth)
		var de *DepthError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a DepthError", name, err)
			continue
		}
		if de.Line != 3 || de.Max != MaxDepth || de.Depth <= MaxDepth {
			t.Errorf("%s: %+v, want line 3, depth over %d", name, *de, MaxDepth)
		}
	}
}

// TestQuotedBracketsDoNotCount: brackets in strings and comments are
// text, and a string's lines are counted for the line of a later problem.
func TestQuotedBracketsDoNotCount(t *testing.T) {
	many := strings.Repeat("{[", 100)
	doc := `a = "` + many + `\"` + many + `"
b = '` + many + `'
c = """
` + many + `"""
d = '''` + many + `
''' # ` + many + `
# ` + many + `
[e]
f = ["` + many + `", '''` + many + `''']
g = ` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + "\n"
	// g: 2 for the header [e], 1 for the key, 24 for the arrays in it.
	if d := Depth(doc); d != 2+1+MaxDepth {
		t.Errorf("Depth = %d, want %d (the brackets of g only)", d, 2+1+MaxDepth)
	}
	var de *DepthError
	if err := Check(doc, MaxDepth); !errors.As(err, &de) || de.Line != 10 {
		t.Errorf("Check = %v, want a DepthError on line 10", err)
	}
}

// TestProjectFilesPass: every TOML document of the project nests well
// within the bound.
func TestProjectFilesPass(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	deepest := 0
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "public" || d.Name() == "public-variants") {
			return filepath.SkipDir
		}
		var doc string
		switch filepath.Ext(path) {
		case ".toml":
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			doc = string(b)
		case ".md":
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			parts := strings.SplitN(string(b), "+++\n", 3)
			if len(parts) < 3 || parts[0] != "" {
				return nil
			}
			doc = parts[1]
		default:
			return nil
		}
		n++
		if err := Check(doc, MaxDepth); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		deepest = max(deepest, Depth(doc))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The config, two interface-string files, the glossary's neighbours
	// and one guide per method and language at least.
	if n < 20 || deepest < 3 {
		t.Fatalf("read %d documents, deepest %d: the walk did not find the project's files", n, deepest)
	}
	if deepest > MaxDepth/2 {
		t.Errorf("a project file nests %d deep: raise MaxDepth so hand-written files keep room", deepest)
	}
}

// actual is the depth of a decoded value, counted as Depth counts.
func actual(v any, d int) int {
	deepest := d
	switch x := v.(type) {
	case map[string]any:
		for _, c := range x {
			deepest = max(deepest, actual(c, d+1))
		}
	case []map[string]any:
		for _, c := range x {
			deepest = max(deepest, actual(c, d+1))
		}
	case []any:
		for _, c := range x {
			deepest = max(deepest, actual(c, d+1))
		}
	}
	return deepest
}

// FuzzNeverUndercounts: for every document the decoder accepts, the
// scan's depth is at least the depth of what the decoder builds, so a
// document within the bound is never more costly than the bound says.
func FuzzNeverUndercounts(f *testing.F) {
	for _, s := range []string{
		"a = 1", "a = [1, [2, {b = [3]}]]", "[a.b]\nc = 1", "[[a]]\n[[a.b]]\nc.d = 1",
		"a = {b.c = {d = 1}}", `"a.b".c = 'x[{'`, "a = \"\"\"\n[[[\n\"\"\"\nb = [[1]]",
		"[x]\ny = [\n  1, # ]]]\n  [2],\n]\n", "a = [{b = [{c = 1}]}]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if len(doc) > 4096 {
			return
		}
		if err := Check(doc, 64); err != nil {
			return // refused: never decoded
		}
		var v map[string]any
		if _, err := toml.Decode(doc, &v); err != nil {
			return
		}
		if got, want := Depth(doc), actual(v, 0); got < want {
			t.Errorf("Depth = %d, the decoded document is %d deep:\n%s", got, want, doc)
		}
	})
}

// TestStringsAndCommentsDoNotCount (from tomlpos.Depth, which org.toml
// used before it shared this bound): brackets inside every kind of string
// and in comments count for nothing, so the document measures as the same
// document with those strings written plainly; an escaped quote does not
// end a string, and a one-line string that is not closed ends with its
// line, so what follows is still counted, on its own line.
func TestStringsAndCommentsDoNotCount(t *testing.T) {
	for _, tt := range []struct{ quoted, plain string }{
		{"a = \"[[[[\" # [[[[\nb = '{{{{'\nc = \"\"\"\n[[[[\n\\\"\"\" [\"\"\"\nd = '''[[[\n'''\n", "a = \"x\"\nb = 'x'\nc = \"x\"\nd = 'x'\n"},
		{"a = \"\\\"[[[\"\nb = [1]\n", "a = \"x\"\nb = [1]\n"},
		{"[brand]\nlogo = \"{[.svg\"\n", "[brand]\nlogo = \"x\"\n"},
	} {
		if got, want := Depth(tt.quoted), Depth(tt.plain); got != want {
			t.Errorf("Depth(%q) = %d, want %d as for %q", tt.quoted, got, want, tt.plain)
		}
	}
	var de *DepthError
	doc := "x = \"unterminated [[[\ny = " + strings.Repeat("[", 30) + strings.Repeat("]", 30)
	if err := Check(doc, 8); !errors.As(err, &de) || de.Line != 2 {
		t.Errorf("after an unclosed one-line string: %v, want a DepthError on line 2", err)
	}
	if err := Check("x = "+strings.Repeat("{a=", 1000)+"1"+strings.Repeat("}", 1000), 8); !errors.As(err, &de) || de.Line != 1 || de.Max != 8 {
		t.Errorf("1,000 nested inline tables: %v, want a DepthError on line 1", err)
	}
}

// FuzzLineInsideDocument (from tomlpos.FuzzDepth): any text is measured in
// one pass; a refusal's line lies inside the document; nesting written
// plainly is counted.
func FuzzLineInsideDocument(f *testing.F) {
	f.Add("a = [[1], {b = \"]\"}]\n")
	f.Add("x = \"\"\"\n[\"\"\"\ny = '[' # [\n")
	f.Fuzz(func(t *testing.T, s string) {
		var de *DepthError
		if err := Check(s, 2); errors.As(err, &de) {
			if lines := strings.Count(s, "\n") + 1; de.Line < 1 || de.Line > lines {
				t.Fatalf("refused on line %d of a %d-line document", de.Line, lines)
			}
		}
		if !strings.ContainsAny(s, "\"'#") && strings.HasPrefix(s, "a = [[") && Depth(s) < 3 {
			t.Fatalf("depth %d of %q", Depth(s), s)
		}
	})
}
