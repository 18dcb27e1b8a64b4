package site

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// alternates returns every hreflang alternate of every page under dir.
func alternates(t *testing.T, dir string) (pages int, hrefs []string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := goquery.NewDocumentFromReader(f)
		if err != nil {
			return err
		}
		pages++
		doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			hrefs = append(hrefs, l.AttrOr("href", ""))
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, hrefs
}

// TestHreflangOnlyWithAHost: the default build (baseURL "/", no host)
// writes no hreflang alternates, which would be relative and so invalid
// (Lighthouse SEO 91 on every page); a base URL with a host gives every
// page's alternates as absolute URLs under it.
func TestHreflangOnlyWithAHost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice; not with -short")
	}
	root := projecttest.RepoRoot()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	pages, hrefs := alternates(t, out)
	if pages < 20 {
		t.Fatalf("the default build has %d pages", pages)
	}
	if len(hrefs) > 0 {
		t.Errorf("the default build (no host in baseURL) writes %d hreflang alternates, e.g. %q: relative ones are invalid", len(hrefs), hrefs[0])
	}

	const base = "https://intranet.example.org/gesprekswijzer/"
	out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Root: root, Out: out, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	_, hrefs = alternates(t, out)
	if len(hrefs) < 20 {
		t.Errorf("with a host in the base URL, only %d hreflang alternates", len(hrefs))
	}
	for _, h := range hrefs {
		if u, err := url.Parse(h); err != nil || !u.IsAbs() || !strings.HasPrefix(h, base) {
			t.Errorf("hreflang alternate %q is not an absolute URL under %s", h, base)
		}
	}
}
