// Package minify minifies a built site in place with tdewolff/minify: HTML,
// CSS, JavaScript, SVG and JSON (and XML for the sitemap). A file that a
// page loads with an integrity attribute (Subresource Integrity) is left
// exactly as it is: Hugo has minified and fingerprinted it already, and
// changing one byte would make the browser refuse it.
package minify

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
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
	sealed, err := Sealed(root)
	if err != nil {
		return 0, 0, err
	}
	m := New()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		mt, ok := mediaTypes[filepath.Ext(path)]
		if !ok || sealed[path] {
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

// Sealed returns the files under root (as paths joined to root) that some
// HTML page under root loads from an element with an integrity attribute:
// a script or stylesheet whose bytes the page pins by their hash.
func Sealed(root string) (map[string]bool, error) {
	sealed := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		page, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, ref := range integrityRefs(page) {
			if f, ok := local(root, path, ref); ok {
				sealed[f] = true
			}
		}
		return nil
	})
	return sealed, err
}

// integrityRefs returns the src or href of every element of an HTML page
// that carries an integrity attribute.
func integrityRefs(page []byte) []string {
	var refs []string
	l := parsehtml.NewLexer(parse.NewInputBytes(page))
	var ref string
	var pinned bool
	for {
		tt, _ := l.Next()
		switch tt {
		case parsehtml.ErrorToken:
			return refs
		case parsehtml.StartTagToken:
			ref, pinned = "", false
		case parsehtml.AttributeToken:
			switch string(bytes.ToLower(l.Text())) {
			case "integrity":
				pinned = true
			case "src", "href":
				ref = strings.Trim(string(l.AttrVal()), `"'`)
			}
		case parsehtml.StartTagCloseToken, parsehtml.StartTagVoidToken:
			if pinned && ref != "" {
				refs = append(refs, ref)
			}
			ref, pinned = "", false
		}
	}
}

// local resolves a reference on the page at path to a file under root, if
// it is one: a path relative to the page or to the site's root (the site
// may live under a base path, so an absolute path is tried against every
// tail of it), never another host.
func local(root, page, ref string) (string, bool) {
	u, err := url.Parse(stdhtml.UnescapeString(ref))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	var candidates []string
	if strings.HasPrefix(u.Path, "/") {
		parts := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
		for i := range parts {
			candidates = append(candidates, filepath.Join(root, filepath.FromSlash(strings.Join(parts[i:], "/"))))
		}
	} else {
		candidates = append(candidates, filepath.Join(filepath.Dir(page), filepath.FromSlash(u.Path)))
	}
	for _, c := range candidates {
		if rel, err := filepath.Rel(root, c); err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		if info, err := os.Stat(c); err == nil && !info.IsDir() {
			return c, true
		}
	}
	return "", false
}
