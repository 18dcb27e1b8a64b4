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

// TestDirLeavesSealedFilesAlone: a script or stylesheet that a page loads
// with an integrity attribute keeps every byte (its hash is pinned in the
// page), wherever the page refers to it from; the same kind of file
// without one is minified.
func TestDirLeavesSealedFilesAlone(t *testing.T) {
	dir := t.TempDir()
	loose := "const  answer = 40 + 2 ;\n"
	files := map[string]string{
		"index.html": `<!doctype html><html lang="nl"><head><title>x</title>` +
			`<script src="/base/js/form.min.abc.js" type="module" integrity="sha384-x"></script>` +
			`<link rel="stylesheet" href="css/site.min.def.css" integrity="sha384-y" media="all">` +
			`<script src="/js/plain.js"></script></head><body></body></html>`,
		"sub/page.html": `<!doctype html><html lang="nl"><head><title>y</title><script integrity='sha384-z' src='../js/other.js'></script></head></html>`,
		// The form's tools: loaded later by the page's script, with the
		// hash its JSON data gives.
		"form/index.html": `<!doctype html><html lang="nl"><head><title>z</title></head><body>` +
			`<script type="application/json" id="gw-config">{"tools":{"src":"/js/tools.min.1.js","integrity":"sha384-t"},"msg":{"src":"/js/plain.js"}}</script></body></html>`,
		"js/tools.min.1.js":    loose,
		"js/form.min.abc.js":   loose,
		"css/site.min.def.css": "body {\n  color : #ff0000 ;\n}\n",
		"js/other.js":          loose,
		"js/plain.js":          loose,
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	if _, _, err := Dir(dir); err != nil {
		t.Fatal(err)
	}
	for _, sealed := range []string{"js/form.min.abc.js", "css/site.min.def.css", "js/other.js", "js/tools.min.1.js"} {
		b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(sealed)))
		if string(b) != files[sealed] {
			t.Errorf("%s is loaded with an integrity hash but was rewritten to %q", sealed, b)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "js", "plain.js")); string(b) == loose {
		t.Errorf("js/plain.js has no integrity hash and was not minified")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.html")); !strings.Contains(string(b), `integrity="sha384-x"`) {
		t.Errorf("the page lost its integrity attribute: %s", b)
	}
}
