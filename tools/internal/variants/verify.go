package variants

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
)

// Verify checks a built variant in dir before it is published: every
// link and reference inside the site leads to a file that exists, and no
// page or sitemap entry belongs to a method or language the organisation
// does not have. It returns every problem found.
func Verify(dir string, site *content.Site, o *org.Org) ([]string, error) {
	base, err := url.Parse(o.BaseURL)
	if err != nil {
		return nil, err
	}
	root := base.Path // the site's path on its host, e.g. /gesprekken/
	var gone []string // folders of methods left out, in either language
	for _, p := range site.Pages {
		if p.IsMethod() && !slices.Contains(o.Methods, p.Front.Params.Method) {
			gone = append(gone, "/"+p.Dir+"/")
		}
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	exists := func(sitePath string) bool {
		p := filepath.Join(dir, filepath.FromSlash(sitePath))
		if strings.HasSuffix(sitePath, "/") || sitePath == "" {
			p = filepath.Join(p, "index.html")
		}
		info, err := os.Stat(p)
		return err == nil && !info.IsDir()
	}
	err = filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(rel, ".html"):
			return verifyPage(file, rel, root, o, gone, exists, add)
		case rel == "sitemap.xml":
			b, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			for _, m := range regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllStringSubmatch(string(b), -1) {
				u, err := url.Parse(m[1])
				if err != nil || u.Host != base.Host || !strings.HasPrefix(u.Path, root) || !exists(strings.TrimPrefix(u.Path, root)) {
					add("sitemap.xml: %s is not a page of this variant", m[1])
				}
			}
		}
		return nil
	})
	return problems, err
}

func verifyPage(file, rel, root string, o *org.Org, gone []string, exists func(string) bool, add func(string, ...any)) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	pagePath := root + strings.TrimSuffix(rel, "index.html")
	for _, g := range gone {
		if strings.HasPrefix("/"+rel, g) || strings.Contains("/"+rel, g) {
			add("%s: a page of a method this variant leaves out", rel)
		}
	}
	if lang := doc.Find("html").AttrOr("lang", ""); !slices.Contains(o.Languages, lang) {
		add("%s: page language %q is not one of %v", rel, lang, o.Languages)
	}
	doc.Find("[hreflang]").Each(func(_ int, s *goquery.Selection) {
		if l := s.AttrOr("hreflang", ""); !slices.Contains(o.Languages, l) && l != "x-default" {
			add("%s: refers to language %q, which this variant does not have", rel, l)
		}
	})
	doc.Find("[href], [src]").Each(func(_ int, s *goquery.Selection) {
		for _, attr := range []string{"href", "src"} {
			ref, ok := s.Attr(attr)
			if !ok {
				continue
			}
			u, err := url.Parse(ref)
			if err != nil {
				add("%s: %s=%q does not parse", rel, attr, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if attr == "src" {
					add("%s: %s=%q loads from another host", rel, attr, ref)
				}
				continue // links out (mailto:, the intranet) are the organisation's own
			}
			target := u.Path
			if target == "" {
				continue // a fragment on this page
			}
			if !strings.HasPrefix(target, "/") {
				target = path.Join(path.Dir(pagePath+"x"), target)
				if strings.HasSuffix(u.Path, "/") {
					target += "/"
				}
			}
			if !strings.HasPrefix(target, root) {
				add("%s: %s=%q leaves the site's path %s", rel, attr, ref, root)
				continue
			}
			sitePath := strings.TrimPrefix(target, root)
			for _, g := range gone {
				if strings.Contains("/"+sitePath, g) {
					add("%s: links to %s, a method this variant leaves out", rel, ref)
				}
			}
			if !exists(sitePath) {
				add("%s: %s=%q is a broken link", rel, attr, ref)
			}
		}
	})
	return nil
}
