// Package minify minifies a built site in place with tdewolff/minify: HTML,
// CSS, JavaScript, SVG and JSON (and XML for the sitemap).
package minify

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"

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
	files := map[string][]byte{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := mediaTypes[filepath.Ext(path)]; !ok {
			return nil
		}
		files[path], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	in := maps.Clone(files)
	if before, after, err = Files(files); err != nil {
		return 0, 0, err
	}
	for path, b := range files {
		if !bytes.Equal(b, in[path]) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return 0, 0, err
			}
		}
	}
	return before, after, nil
}

// Files minifies every file of a known type in files (a built site in
// memory, by path), in place, and returns the bytes before and after.
// It is what Dir does to a folder, without reading or writing one.
func Files(files map[string][]byte) (before, after int64, err error) {
	m := New()
	var out bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(files)) {
		mt, ok := mediaTypes[path.Ext(name)]
		if !ok {
			continue
		}
		in := files[name]
		out.Reset()
		if err := m.Minify(mt, &out, bytes.NewReader(in)); err != nil {
			return 0, 0, fmt.Errorf("minify %s: %w", name, err)
		}
		before += int64(len(in))
		after += int64(out.Len())
		files[name] = bytes.Clone(out.Bytes())
	}
	return before, after, nil
}
