package sitetest

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
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
// query; external reports whether it leaves the site.
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

// Exists reports whether a site path is a file of the built site.
func Exists(dir, sitePath string) bool {
	p := filepath.Join(dir, filepath.FromSlash(sitePath))
	if strings.HasSuffix(sitePath, "/") {
		p = filepath.Join(p, "index.html")
	}
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}
