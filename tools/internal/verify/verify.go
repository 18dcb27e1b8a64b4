// Package verify checks a built site before it is published: every link
// and reference inside it leads to a file that exists, nothing loads from
// another host, no page runs inline script or style (the pages' Content
// Security Policy would block it, so it is a bug), every page is in one of
// the site's languages, and nothing belongs to a part of the site that was
// left out (a method an organisation does not use).
//
// One verifier serves every build: the default site, each organisation's
// variant, and the tests of the built site.
package verify

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"golang.org/x/net/html"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Options say what the site is meant to be.
type Options struct {
	// BaseURL is the site's address, as Hugo's baseURL: absolute
	// ("https://intranet.example.org/gesprekken/") or a path ("/"). Links
	// are resolved under its path; an absolute link to its host and path
	// is a link inside the site.
	BaseURL string
	// Languages are the languages a page may be in; empty: any.
	Languages []string
	// LeftOut are folders, as site paths under the base path with a
	// leading and trailing slash ("/gesprekken/klantjaargesprek/"), that
	// must not be in the site and that nothing may link to.
	LeftOut []string
	// LinksOut allows links (a and area href, link rel=alternate) to
	// other hosts and schemes such as mailto:. Loading anything from
	// another host is never allowed.
	LinksOut bool
}

// Dir verifies the site built in dir and returns every problem, each
// naming the built file (relative to dir) it is in, sorted.
func Dir(dir string, o Options) (problem.List, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		return nil, err
	}
	return Files(files, o)
}

// Files verifies a site built in memory (slash-separated path → bytes)
// as Dir verifies one in a folder.
func Files(files map[string][]byte, o Options) (problem.List, error) {
	base, err := url.Parse(o.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("verify: base URL %q: %w", o.BaseURL, err)
	}
	root := base.Path
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	v := &verifier{files: files, o: o, base: base, root: root}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		v.file = rel
		if gone := v.leftOut("/" + rel); gone != "" {
			v.add("a file of %s, which this site leaves out", gone)
		}
		b := files[rel]
		switch {
		case strings.HasSuffix(rel, ".html"):
			err = v.page(b)
		case strings.HasSuffix(rel, ".css"):
			v.stylesheet(b)
		case path.Base(rel) == "sitemap.xml":
			v.sitemap(b)
		}
		if err != nil {
			return nil, err
		}
	}
	v.problems.Sort()
	return v.problems, nil
}

type verifier struct {
	files    map[string][]byte
	o        Options
	base     *url.URL
	root     string // the base path, ending in /
	file     string // the built file being read, relative to dir
	problems problem.List
}

func (v *verifier) add(format string, args ...any) {
	v.problems.Add(v.file, 0, "", format, args...)
}

// leftOut returns the left-out folder a site path lies in, or "".
func (v *verifier) leftOut(sitePath string) string {
	for _, g := range v.o.LeftOut {
		if strings.HasPrefix(sitePath, g) {
			return g
		}
	}
	return ""
}

// sitePath is the path under the base path of the built file rel, as a
// link to it would be written ("gesprekken/x/index.html" → "/gesprekken/x/").
func sitePath(rel string) string {
	return "/" + strings.TrimSuffix(rel, "index.html")
}

// how a reference is used decides what it may point at.
type use int

const (
	loads     use = iota // fetched by the browser: src, stylesheets, icons
	navigates            // followed by the reader: links
	submits              // a form's data is sent there
)

// ref checks one reference written in the current file, whose own site
// path is from.
func (v *verifier) ref(from, attr, ref string, how use) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		v.add("%s=%q does not parse as a URL", attr, ref)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "vbscript":
		v.add("%s=%q runs script", attr, ref)
		return
	case "data":
		if how != loads {
			v.add("%s=%q opens a data: URL", attr, ref)
		}
		return
	}
	if u.Scheme != "" || u.Host != "" {
		ownHost := u.Host != "" && strings.EqualFold(u.Host, v.base.Host) && (u.Scheme == "" || u.Scheme == v.base.Scheme)
		switch {
		case ownHost && strings.HasPrefix(u.Path, v.root) && (how != navigates || !v.o.LinksOut):
			// This site, written in full. (A link to the site's own host
			// may also lead to the rest of an intranet when links out are
			// allowed; a resource loaded from it must be the site's.)
			u = &url.URL{Path: u.Path, RawQuery: u.RawQuery, Fragment: u.Fragment}
		case ownHost && v.o.LinksOut:
			return // the organisation's own intranet
		case ownHost:
			v.add("%s=%q leaves the site's path %s", attr, ref, v.root)
			return
		case how == loads:
			v.add("%s=%q loads from another host", attr, ref)
			return
		case how == submits:
			v.add("%s=%q sends form data to another host", attr, ref)
			return
		case !v.o.LinksOut:
			v.add("%s=%q links to another host", attr, ref)
			return
		default:
			return
		}
	}
	target := u.Path
	if target == "" {
		return // a fragment or query on this page
	}
	if !strings.HasPrefix(target, "/") {
		target = path.Join(path.Dir(v.root+strings.TrimPrefix(from, "/")+"x"), target)
		if strings.HasSuffix(u.Path, "/") && !strings.HasSuffix(target, "/") {
			target += "/"
		}
	}
	if !strings.HasPrefix(target, v.root) {
		v.add("%s=%q leaves the site's path %s", attr, ref, v.root)
		return
	}
	sp := "/" + strings.TrimPrefix(target, v.root)
	if g := v.leftOut(sp); g != "" {
		v.add("%s=%q links to %s, which this site leaves out", attr, ref, g)
		return
	}
	if !exists(v.files, sp) {
		v.add("%s=%q is a broken link", attr, ref)
	}
}

// page checks one HTML page. It reads the page as a stream of tags (the
// HTML tokenizer; building the parser's tree would take twice as long
// and every check is about one element and its attributes) and follows
// the parser where it matters here: inside <svg> and <math> no element's
// content is raw text, and a page without an <html> tag has no language.
func (v *verifier) page(b []byte) error {
	from := sitePath(v.file)
	csp, sawHTML := false, false
	z := html.NewTokenizer(bytes.NewReader(b))
	foreign := 0 // depth in <svg> or <math>
	for {
		z.AllowCDATA(foreign > 0)
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return fmt.Errorf("%s: %w", v.file, err)
			}
			if !sawHTML {
				v.lang("")
			}
			if !csp {
				v.add("no Content-Security-Policy with default-src 'none'")
			}
			return nil
		case html.EndTagToken:
			if name, _ := z.TagName(); foreign > 0 && (string(name) == "svg" || string(name) == "math") {
				foreign--
			}
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		if foreign > 0 {
			z.NextIsNotRawText()
		}
		tok := z.Token()
		if (tok.Data == "svg" || tok.Data == "math") && tt == html.StartTagToken {
			foreign++
		}
		if tok.Data == "html" {
			sawHTML = true
		}
		v.element(from, tok.Data, tok.Attr, &csp)
	}
}

// lang checks the language a page declares.
func (v *verifier) lang(lang string) {
	if len(v.o.Languages) > 0 && !slices.Contains(v.o.Languages, lang) {
		v.add("the page's language %q is not one of %v", lang, v.o.Languages)
	}
}

// element checks one element of a page and its attributes; csp is set
// when it is the page's Content-Security-Policy.
func (v *verifier) element(from, tag string, attrs []html.Attribute, csp *bool) {
	switch tag {
	case "html":
		v.lang(attr(attrs, "lang"))
	case "style":
		v.add("an inline <style>, which the Content-Security-Policy blocks")
	case "script":
		if _, hasSrc := attrOK(attrs, "src"); !hasSrc && attr(attrs, "type") != "application/json" {
			v.add("an inline <script>, which the Content-Security-Policy blocks")
		}
	case "meta":
		switch strings.ToLower(attr(attrs, "http-equiv")) {
		case "content-security-policy":
			*csp = strings.Contains(attr(attrs, "content"), "default-src 'none'")
		case "refresh":
			if _, target, ok := strings.Cut(attr(attrs, "content"), "="); ok {
				v.ref(from, "refresh", strings.Trim(target, `'" `), navigates)
			}
		}
	}
	for _, a := range attrs {
		name := a.Key
		if a.Namespace != "" {
			name = a.Namespace + ":" + a.Key
		}
		switch {
		case strings.HasPrefix(name, "on"):
			v.add("<%s %s> is an inline event handler, which the Content-Security-Policy blocks", tag, name)
		case name == "style":
			v.add("<%s style> is inline style, which the Content-Security-Policy blocks", tag)
		case name == "hreflang":
			if l := a.Val; len(v.o.Languages) > 0 && !slices.Contains(v.o.Languages, l) && l != "x-default" {
				v.add("refers to language %q, which this site does not have", l)
			}
		case name == "href" || name == "xlink:href":
			v.ref(from, name, a.Val, hrefUse(tag, attrs))
		case name == "src" || name == "poster" || name == "data":
			v.ref(from, name, a.Val, loads)
		case name == "srcset":
			for c := range strings.SplitSeq(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					v.ref(from, name, f[0], loads)
				}
			}
		case name == "action" || name == "formaction":
			v.ref(from, name, a.Val, submits)
		}
	}
}

// hrefUse tells a link followed by the reader from a resource the browser
// loads (a stylesheet, an icon).
func hrefUse(tag string, attrs []html.Attribute) use {
	switch tag {
	case "a", "area":
		return navigates
	case "link":
		for rel := range strings.FieldsSeq(strings.ToLower(attr(attrs, "rel"))) {
			switch rel {
			case "alternate", "canonical", "prev", "next", "help", "license", "author":
			default:
				return loads
			}
		}
		return navigates
	}
	return loads // svg <use>, <image>
}

func attr(attrs []html.Attribute, key string) string {
	v, _ := attrOK(attrs, key)
	return v
}

func attrOK(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// stylesheet checks the url() and @import references of a CSS file.
func (v *verifier) stylesheet(b []byte) {
	from := sitePath(v.file)
	lex := css.NewLexer(parse.NewInputBytes(b))
	importing := false
	for {
		tt, text := lex.Next()
		switch tt {
		case css.ErrorToken:
			if lex.Err() != io.EOF {
				v.add("does not parse as CSS: %v", lex.Err())
			}
			return
		case css.AtKeywordToken:
			importing = strings.EqualFold(string(text), "@import")
			continue
		case css.URLToken, css.BadURLToken:
			ref := strings.TrimSpace(string(text[len("url(") : len(text)-1]))
			v.cssRef(from, strings.Trim(ref, `"'`))
		case css.StringToken:
			if importing {
				v.cssRef(from, string(text[1:len(text)-1]))
			}
		case css.WhitespaceToken, css.CommentToken:
			continue
		}
		importing = false
	}
}

func (v *verifier) cssRef(from, ref string) {
	if strings.Contains(ref, `\`) {
		v.add("url(%s) is written with escapes; write it plainly", ref)
		return
	}
	v.ref(from, "url", ref, loads)
}

// sitemap checks that every <loc> of a sitemap (or sitemap index) is a
// file of this site, at the site's address.
func (v *verifier) sitemap(b []byte) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	inLoc := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			v.add("does not parse as XML: %v", err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inLoc = t.Name.Local == "loc"
		case xml.EndElement:
			inLoc = false
		case xml.CharData:
			if !inLoc {
				continue
			}
			loc := strings.TrimSpace(string(t))
			u, err := url.Parse(loc)
			switch {
			case err != nil || !u.IsAbs() && v.base.IsAbs():
				v.add("<loc>%s</loc> is not this site's address", loc)
			case u.Host != v.base.Host || !strings.HasPrefix(u.Path, v.root):
				v.add("<loc>%s</loc> is not a page of this site (%s)", loc, v.o.BaseURL)
			default:
				sp := "/" + strings.TrimPrefix(u.Path, v.root)
				if g := v.leftOut(sp); g != "" {
					v.add("<loc>%s</loc> lies in %s, which this site leaves out", loc, g)
				} else if !exists(v.files, sp) {
					v.add("<loc>%s</loc> is not a page of this site", loc)
				}
			}
		}
	}
}

// Resolve turns a reference on the page at site path from into a site
// path without fragment or query; external reports whether it leaves the
// site (another host or scheme). A reference that is only a fragment
// resolves to from.
func Resolve(from, ref string) (target string, external bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return ref, true
	}
	if u.Scheme != "" || u.Host != "" {
		return ref, true
	}
	if u.Path == "" {
		return from, false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Join(path.Dir(from+"x"), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	}
	return p, false
}

// Exists reports whether a site path ("/a/b/" or "/a/b.css") is a file of
// the site built in dir; a path ending in / means its index.html.
func Exists(dir, sitePath string) bool {
	info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(fileOf(sitePath))))
	return err == nil && !info.IsDir()
}

func exists(files map[string][]byte, sitePath string) bool {
	_, ok := files[fileOf(sitePath)]
	return ok
}

// fileOf is the file, relative to the site's folder, a site path names.
func fileOf(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return path.Clean(p)
}
