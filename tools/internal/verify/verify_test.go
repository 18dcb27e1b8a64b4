package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const head = `<!doctype html><html lang="%s"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>t</title>`

func page(lang, body string) string {
	return strings.Replace(head, "%s", lang, 1) + `</head><body>` + body + `</body></html>`
}

// site writes files (site path → content) into a temporary folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// good is a small site at /gesprekken/ in two languages whose every
// reference is sound.
func good() map[string]string {
	return map[string]string{
		"index.html": page("nl", `<link rel="stylesheet" href="/gesprekken/css/site.css"><link rel="alternate" hreflang="de" href="https://intranet.example.org/gesprekken/de/">
<a href="a/">a</a> <a href="#top">top</a> <a href="mailto:hr@example.org">mail</a> <a href="https://example.org/">out</a> <a href="https://intranet.example.org/hr/">intranet</a>
<img src="img/logo.svg" srcset="img/logo.svg 1x, /gesprekken/img/logo.svg 2x" alt=""><img src="data:image/png;base64,AA==" alt="">
<script src="js/form.js"></script><script type="application/json">{"a":1}</script>`),
		"a/index.html":   page("nl", `<a href="../">home</a> <a href="/gesprekken/de/?x=1#y">de</a>`),
		"de/index.html":  page("de", `<a href="/gesprekken/" hreflang="nl">nl</a>`),
		"css/site.css":   `@import "print.css"; body{background:url(../img/logo.svg)} .x{background:url("data:image/svg+xml,%3Csvg%3E")}`,
		"css/print.css":  `@media print{a{color:#000}}`,
		"img/logo.svg":   `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"js/form.js":     `"use strict";`,
		"sitemap.xml":    `<?xml version="1.0"?><sitemapindex><sitemap><loc>https://intranet.example.org/gesprekken/nl/sitemap.xml</loc></sitemap></sitemapindex>`,
		"nl/sitemap.xml": `<?xml version="1.0"?><urlset><url><loc>https://intranet.example.org/gesprekken/a/</loc></url><url><loc>https://intranet.example.org/gesprekken/?a=1&amp;b=2</loc></url></urlset>`,
	}
}

var opts = Options{BaseURL: "https://intranet.example.org/gesprekken/", Languages: []string{"nl", "de"}, LinksOut: true}

func TestSoundSiteHasNoProblems(t *testing.T) {
	problems, err := Dir(site(t, good()), opts)
	if err != nil || len(problems) != 0 {
		t.Fatalf("%v %v", err, problems)
	}
}

// TestEachFaultIsFound: one fault at a time, each reported in the file
// it is in with a message that says what is wrong.
func TestEachFaultIsFound(t *testing.T) {
	tests := []struct {
		name, file, text string
		opts             *Options
		want             string // file: message part
	}{
		{"broken link", "a/index.html", page("nl", `<a href="/gesprekken/nergens/">x</a>`), nil, `a/index.html: href="/gesprekken/nergens/" is a broken link`},
		{"broken relative link", "a/index.html", page("nl", `<a href="b/">x</a>`), nil, `a/index.html: href="b/" is a broken link`},
		{"outside the base path", "a/index.html", page("nl", `<a href="../../">x</a>`), nil, `href="../../" leaves the site's path /gesprekken/`},
		{"image from another host", "a/index.html", page("nl", `<img src="https://cdn.example.com/x.png" alt="">`), nil, `src="https://cdn.example.com/x.png" loads from another host`},
		{"srcset from another host", "a/index.html", page("nl", `<img src="../img/logo.svg" srcset="//cdn.example.com/x.png 2x" alt="">`), nil, `srcset="//cdn.example.com/x.png" loads from another host`},
		{"stylesheet from another host", "a/index.html", page("nl", `<link rel="stylesheet" href="https://fonts.example.com/a.css">`), nil, `href="https://fonts.example.com/a.css" loads from another host`},
		{"form to another host", "a/index.html", page("nl", `<form action="https://collect.example.com/"></form>`), nil, `action="https://collect.example.com/" sends form data to another host`},
		{"link out where none may be", "a/index.html", page("nl", `<a href="https://example.org/">x</a>`), &Options{BaseURL: "/"}, `href="https://example.org/" links to another host`},
		{"javascript URL", "a/index.html", page("nl", `<a href="javascript:alert(1)">x</a>`), nil, `href="javascript:alert(1)" runs script`},
		{"inline script", "a/index.html", page("nl", `<script>alert(1)</script>`), nil, `an inline <script>`},
		{"inline style element", "a/index.html", page("nl", `<style>a{}</style>`), nil, `an inline <style>`},
		{"style attribute", "a/index.html", page("nl", `<p style="color:red">x</p>`), nil, `<p style> is inline style`},
		{"event handler", "a/index.html", page("nl", `<img src="../img/logo.svg" onerror="alert(1)" alt="">`), nil, `<img onerror> is an inline event handler`},
		{"svg reference out", "a/index.html", page("nl", `<svg><use xlink:href="https://example.com/s.svg#a"/></svg>`), nil, `xlink:href="https://example.com/s.svg#a" loads from another host`},
		{"no CSP", "a/index.html", `<!doctype html><html lang="nl"><title>t</title><a href="../">x</a></html>`, nil, `a/index.html: no Content-Security-Policy`},
		{"meta refresh to nowhere", "a/index.html", page("nl", `<meta http-equiv="refresh" content="0; url=/gesprekken/weg/">`), nil, `refresh="/gesprekken/weg/" is a broken link`},
		{"wrong language", "a/index.html", page("fr", ``), nil, `the page's language "fr" is not one of [nl de]`},
		{"hreflang of a missing language", "a/index.html", page("nl", `<a href="../de/" hreflang="fr">x</a>`), nil, `refers to language "fr"`},
		{"css url to nowhere", "css/print.css", `a{background:url(../img/weg.png)}`, nil, `css/print.css: url="../img/weg.png" is a broken link`},
		{"css url to another host", "css/print.css", `a{background:url( 'https://evil.example/x.png' )}`, nil, `url="https://evil.example/x.png" loads from another host`},
		{"css import from another host", "css/print.css", `@import "https://evil.example/x.css";`, nil, `url="https://evil.example/x.css" loads from another host`},
		{"css escaped url", "css/print.css", `a{background:url(\68 ttps://evil.example/x.png)}`, nil, `is written with escapes`},
		{"sitemap elsewhere", "nl/sitemap.xml", `<urlset><url><loc>https://other.example/gesprekken/a/</loc></url></urlset>`, nil, `<loc>https://other.example/gesprekken/a/</loc> is not a page of this site`},
		{"sitemap to nowhere", "nl/sitemap.xml", `<urlset><url><loc>https://intranet.example.org/gesprekken/weg/</loc></url></urlset>`, nil, `nl/sitemap.xml: <loc>https://intranet.example.org/gesprekken/weg/</loc> is not a page of this site`},
		{"own host, outside the site, no links out", "a/index.html", page("nl", `<a href="https://intranet.example.org/hr/">x</a>`), &Options{BaseURL: opts.BaseURL}, `href="https://intranet.example.org/hr/" leaves the site's path /gesprekken/`},
		{"own host, written in full, broken", "a/index.html", page("nl", `<a href="https://intranet.example.org/gesprekken/weg/">x</a>`), &Options{BaseURL: opts.BaseURL}, `href="https://intranet.example.org/gesprekken/weg/" is a broken link`},
		{"own host, a resource written in full, broken", "a/index.html", page("nl", `<img src="https://intranet.example.org/gesprekken/weg.png" alt="">`), nil, `src="https://intranet.example.org/gesprekken/weg.png" is a broken link`},
		{"left-out folder present", "weg/index.html", page("nl", ``), &Options{BaseURL: opts.BaseURL, LeftOut: []string{"/weg/"}, LinksOut: true}, `weg/index.html: a file of /weg/, which this site leaves out`},
		{"no html element, so no language", "a/index.html", `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>t</title><a href="../">x</a>`, nil, `the page's language "" is not one of [nl de]`},
		{"a link in an SVG title (not raw text there)", "a/index.html", page("nl", `<svg><title><a href="/gesprekken/weg/">x</a></title></svg>`), nil, `href="/gesprekken/weg/" is a broken link`},
		{"inline style in an SVG", "a/index.html", page("nl", `<svg><style>a{}</style><a href="../">x</a></svg>`), nil, `an inline <style>`},
		{"a link after an SVG", "a/index.html", page("nl", `<svg><title>t</title></svg><textarea><a href="/gesprekken/ok/"></a></textarea><a href="/gesprekken/weg/">x</a>`), nil, `href="/gesprekken/weg/" is a broken link`},
		{"link into a left-out folder", "a/index.html", page("nl", `<a href="/gesprekken/weg/">x</a>`), &Options{BaseURL: opts.BaseURL, LeftOut: []string{"/weg/"}, LinksOut: true}, `href="/gesprekken/weg/" links to /weg/, which this site leaves out`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := good()
			files[tt.file] = tt.text
			o := opts
			if tt.opts != nil {
				o = *tt.opts
			}
			problems, err := Dir(site(t, files), o)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(problems.Error(), tt.want) {
				t.Errorf("want a problem %q, got:\n%v", tt.want, problems)
			}
			for _, p := range problems {
				if p.File != tt.file && tt.opts == nil {
					t.Errorf("a problem in a file that was not changed: %s", p)
				}
			}
		})
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct{ from, ref, want string }{
		{"/a/b/", "../c/", "/a/c/"},
		{"/a/b/", "c.css", "/a/b/c.css"},
		{"/a/b/", "#x", "/a/b/"},
		{"/a/b/", "/d/?q=1", "/d/"},
	} {
		if got, ext := Resolve(tt.from, tt.ref); got != tt.want || ext {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tt.from, tt.ref, got, ext, tt.want)
		}
	}
	if _, ext := Resolve("/", "mailto:x@example.org"); !ext {
		t.Error("mailto: is not external")
	}
}
