// Package minify minifies a built site in place with tdewolff/minify: HTML,
// CSS, JavaScript, SVG and JSON (and XML for the sitemap).
package minify

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "text/xml",
}

// New returns a minifier for the site's file types.
func New() *minify.M {
	m := minify.New()
	// Keep the document tags and quotes: the output must stay valid HTML
	// for the Nu Html Checker, and end tags cost little.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// Dir minifies every file of a known type under root, in place, and
// returns the bytes before and after.
func Dir(root string) (before, after int64, err error) {
	m := New()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		mt, ok := mediaTypes[filepath.Ext(path)]
		if !ok {
			return nil
		}
		in, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := m.Minify(mt, &out, bytes.NewReader(in)); err != nil {
			return fmt.Errorf("minify %s: %w", path, err)
		}
		before += int64(len(in))
		after += int64(out.Len())
		return os.WriteFile(path, out.Bytes(), 0o644)
	})
	return before, after, err
}
