// Package minify minifies a built site in place with tdewolff/minify: HTML,
// CSS, JavaScript, SVG and JSON (and XML for the sitemap). A file that a
// page pins by its hash (Subresource Integrity: an integrity attribute,
// or a src beside an integrity in the page's JSON data, for a script the
// page loads later) is left exactly as it is: Hugo has minified and
// fingerprinted it already, and changing one byte would make the browser
// refuse it.
package minify

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	stdhtml "html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
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

// Dir minifies every file of a known type under root, in place, except
// those a page loads with an integrity attribute, and returns the bytes
// before and after (of the files it minified).
func Dir(root string) (before, after int64, err error) {
	files := map[string][]byte{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := mediaTypes[filepath.Ext(p)]; !ok {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err == nil {
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	in := maps.Clone(files)
	if before, after, err = Files(files); err != nil {
		return 0, 0, err
	}
	for name, b := range files {
		if !bytes.Equal(b, in[name]) {
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), b, 0o644); err != nil {
				return 0, 0, err
			}
		}
	}
	return before, after, nil
}

// Files minifies every file of a known type in files (a built site in
// memory, by slash-separated path), in place, except those a page loads
// with an integrity attribute, and returns the bytes before and after
// (of the files it minified). It is what Dir does to a folder, without
// reading or writing one.
func Files(files map[string][]byte) (before, after int64, err error) {
	sealed := Sealed(files)
	m := New()
	var out bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(files)) {
		mt, ok := mediaTypes[path.Ext(name)]
		if !ok || sealed[name] {
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

// Sealed returns the files of a site in memory (by slash-separated path)
// that some HTML page of it loads from an element with an integrity
// attribute: a script or stylesheet whose bytes the page pins by their
// hash.
func Sealed(files map[string][]byte) map[string]bool {
	sealed := map[string]bool{}
	for name, page := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		for _, ref := range integrityRefs(page) {
			if f, ok := local(files, name, ref); ok {
				sealed[f] = true
			}
		}
	}
	return sealed
}

// integrityRefs returns what an HTML page pins by its hash: the src or
// href of every element that carries an integrity attribute, and, in its
// JSON data blocks (<script type="application/json">), every object's
// "src" beside an "integrity" (a script the page's own script loads later
// with that hash: the form's tools and sign-off).
func integrityRefs(page []byte) []string {
	var refs []string
	l := parsehtml.NewLexer(parse.NewInputBytes(page))
	var ref string
	var pinned, data bool
	for {
		tt, _ := l.Next()
		switch tt {
		case parsehtml.ErrorToken:
			return refs
		case parsehtml.StartTagToken:
			ref, pinned, data = "", false, false
		case parsehtml.AttributeToken:
			switch string(bytes.ToLower(l.Text())) {
			case "integrity":
				pinned = true
			case "src", "href":
				ref = strings.Trim(string(l.AttrVal()), `"'`)
			case "type":
				data = strings.EqualFold(strings.Trim(string(l.AttrVal()), `"'`), "application/json")
			}
		case parsehtml.StartTagCloseToken, parsehtml.StartTagVoidToken:
			if pinned && ref != "" {
				refs = append(refs, ref)
			}
			ref, pinned = "", false
		case parsehtml.TextToken:
			if data {
				refs = append(refs, jsonPins(l.Text())...)
			}
			data = false
		}
	}
}

// jsonPins returns the "src" of every object in a JSON document that also
// has an "integrity"; nothing for a document that is not JSON.
func jsonPins(doc []byte) []string {
	var v any
	if err := stdjson.Unmarshal(doc, &v); err != nil {
		return nil
	}
	var refs []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			src, ok1 := v["src"].(string)
			_, ok2 := v["integrity"].(string)
			if ok1 && ok2 && src != "" {
				refs = append(refs, src)
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k])
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return refs
}

// local resolves a reference on the page at name to a file of the site,
// if it is one: a path relative to the page or to the site's root (the
// site may live under a base path, so an absolute path is tried against
// every tail of it), never another host.
func local(files map[string][]byte, name, ref string) (string, bool) {
	u, err := url.Parse(stdhtml.UnescapeString(ref))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	var candidates []string
	if strings.HasPrefix(u.Path, "/") {
		parts := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
		for i := range parts {
			candidates = append(candidates, strings.Join(parts[i:], "/"))
		}
	} else {
		candidates = append(candidates, path.Join(path.Dir(name), u.Path))
	}
	for _, c := range candidates {
		c = path.Clean(c)
		if c == ".." || strings.HasPrefix(c, "../") {
			continue
		}
		if _, ok := files[c]; ok {
			return c, true
		}
	}
	return "", false
}
