package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
)

// Page is one built HTML page.
type Page struct {
	URL  string // site path, e.g. /gesprekken/planningsgesprek/
	File string
	Size int
	Doc  *goquery.Document
}

// Pages parses every HTML file of a built site, keyed by site path.
func Pages(t testing.TB, dir string) map[string]*Page {
	t.Helper()
	pages := map[string]*Page{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		u := "/" + filepath.ToSlash(rel)
		u = strings.TrimSuffix(u, "index.html")
		pages[u] = &Page{URL: u, File: p, Size: len(b), Doc: doc}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no HTML pages in %s", dir)
	}
	return pages
}

// Resolve turns a link on page from into a site path without fragment or
// query; external reports whether it leaves the site. (verify.Resolve:
// the tests resolve links as the build's verifier does.)
func Resolve(from, ref string) (target string, external bool) { return verify.Resolve(from, ref) }

// Exists reports whether a site path is a file of the built site.
func Exists(dir, sitePath string) bool { return verify.Exists(dir, sitePath) }

// PagesOfKind lists the site paths of the pages of a site built in dir:
// the print pages by their kind (main[data-print]), and all pages, sorted.
func PagesOfKind(t testing.TB, dir string) (prints map[string]string, all []string) {
	pages := Pages(t, dir)
	prints = map[string]string{}
	for u, p := range pages {
		all = append(all, u)
		if kind := p.Doc.Find("main").AttrOr("data-print", ""); kind != "" {
			prints[u] = kind
		}
	}
	sort.Strings(all)
	return prints, all
}

// Families of pages: what the browser has to do on them differs, so a
// check over every page (axe-core, for one) is shared out by family
// between test packages that go test runs side by side.
const (
	Reading   = "reading"   // guides, home, about, the cycle, the glossary
	Printouts = "printouts" // agendas, question lists, preparation sheets: main[data-print]
	Drafts    = "drafts"    // a form or "My conversations": a page with a #gw-config block
)

// Family tells which family a page belongs to.
func Family(p *Page) string {
	switch {
	case p.Doc.Find("script#gw-config").Length() > 0:
		return Drafts
	case p.Doc.Find("main[data-print]").Length() > 0:
		return Printouts
	}
	return Reading
}

// PagesOfFamily lists the site paths of one family's pages, sorted.
func PagesOfFamily(t testing.TB, dir, family string) []string {
	t.Helper()
	var of []string
	for u, p := range Pages(t, dir) {
		if Family(p) == family {
			of = append(of, u)
		}
	}
	sort.Strings(of)
	return of
}

// OverviewPage returns the site path of the "My conversations" page of
// a language on the site built in dir.
func OverviewPage(t testing.TB, dir, lang string) string {
	t.Helper()
	for u, p := range Pages(t, dir) {
		if p.Doc.Find("#conversations").Length() == 1 && p.Doc.Find("html").AttrOr("lang", "") == lang {
			return u
		}
	}
	t.Fatalf("no \"My conversations\" page in %s", lang)
	return ""
}
