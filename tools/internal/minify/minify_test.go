package minify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDirMinifiesKnownTypesOnly(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":   "<!doctype html>\n<html lang=\"nl\">\n  <head>\n    <title>x</title>\n  </head>\n  <body>\n    <p class=\"a\">  tekst  </p>\n  </body>\n</html>\n",
		"css/site.css": "body {\n  color : #ff0000 ;\n}\n",
		"js/a.js":      "const  answer = 40 + 2 ;\n",
		"notes.txt":    "  keep   me  \n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	before, after, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if after >= before {
		t.Errorf("minified %d bytes to %d", before, after)
	}
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		return string(b)
	}
	if got := read("css/site.css"); got != "body{color:red}" {
		t.Errorf("css = %q", got)
	}
	html := read("index.html")
	for _, keep := range []string{"<html lang=\"nl\">", "<head>", "</body>", "class=\"a\""} {
		if !strings.Contains(html, keep) {
			t.Errorf("minified HTML lost %q: %s", keep, html)
		}
	}
	if got := read("notes.txt"); got != files["notes.txt"] {
		t.Errorf("a text file was changed: %q", got)
	}
}
