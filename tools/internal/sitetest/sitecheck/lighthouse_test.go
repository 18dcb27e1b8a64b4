package sitecheck

import (
	"bufio"
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/BurntSushi/toml"
	"github.com/PuerkitoBio/goquery"
	"github.com/temoto/robotstxt"
)

// The deterministic causes of Lighthouse's SEO score: hreflang URLs that
// are absolute where the site's address is known, a robots.txt that
// parses, and a Content-Security-Policy that lets the page read it.

// absoluteOrg is an organisation whose base_url is absolute, on a sub-path.
const absoluteOrg = "orgs/grenslanders"

var variantBuild struct {
	once      sync.Once
	dir, base string
	err       error
}

// absoluteVariant builds absoluteOrg's variant with the command, once.
func absoluteVariant(t *testing.T) (dir, baseURL string) {
	t.Helper()
	v := &variantBuild
	v.once.Do(func() {
		work := filepath.Join(filepath.Dir(built), "variant")
		if v.err = os.MkdirAll(work, 0o755); v.err != nil {
			return
		}
		exe, err := projecttest.BuildCommand(work)
		if err != nil {
			v.err = err
			return
		}
		if _, v.err = projecttest.RunCommand(exe, "variants", "-o", filepath.Join(work, "out"), absoluteOrg); v.err != nil {
			return
		}
		var o struct {
			BaseURL string `toml:"base_url"`
		}
		if _, v.err = toml.DecodeFile(filepath.Join(projecttest.RepoRoot(), absoluteOrg, "org.toml"), &o); v.err != nil {
			return
		}
		v.dir, v.base = filepath.Join(work, "out", filepath.Base(absoluteOrg)), o.BaseURL
	})
	if v.err != nil {
		t.Fatal(v.err)
	}
	if u, err := url.Parse(v.base); err != nil || !u.IsAbs() || u.Path == "/" {
		t.Fatalf("%s: base_url %q must be absolute with a sub-path for this test", absoluteOrg, v.base)
	}
	return v.dir, v.base
}

// TestHreflangAbsolute: with an absolute base URL every hreflang
// alternate is an absolute URL under it that names a page of the variant
// in that language; without one (the default site's "/") they stay
// root-relative, since the host is unknown.
func TestHreflangAbsolute(t *testing.T) {
	t.Parallel()
	dir, base := absoluteVariant(t)
	basePath := strings.TrimSuffix(mustParse(t, base).Path, "/")
	pages := sitetest.Pages(t, dir)
	n := 0
	for _, p := range pages {
		p.Doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			n++
			href := l.AttrOr("href", "")
			if !strings.HasPrefix(href, base) {
				t.Errorf("%s: hreflang %s alternate %q is not an absolute URL under %s", p.URL, l.AttrOr("hreflang", ""), href, base)
				return
			}
			target := pages[strings.TrimPrefix(mustParse(t, href).Path, basePath)]
			if target == nil {
				t.Errorf("%s: hreflang alternate %q names no page", p.URL, href)
			} else if lang := target.Doc.Find("html").AttrOr("lang", ""); lang != l.AttrOr("hreflang", "") {
				t.Errorf("%s: alternate %q is in %q, hreflang says %q", p.URL, href, lang, l.AttrOr("hreflang", ""))
			}
		})
	}
	if n == 0 {
		t.Fatal("the variant has no hreflang alternates")
	}
	for _, p := range sitetest.Pages(t, built) {
		// a relative hreflang is invalid: without a host there are none
		p.Doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			t.Errorf("%s: the default site (baseURL \"/\", no host) has hreflang alternate %q; want none", p.URL, l.AttrOr("href", ""))
		})
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// robotsLine is a robots.txt line Lighthouse's robots-txt audit accepts:
// a comment, a blank line, or a known directive with a value.
var robotsLine = regexp.MustCompile(`^(?:|#.*|(?i:user-agent|allow|disallow|sitemap|crawl-delay|host|clean-param|request-rate|visit-time|noindex):\s*\S.*|(?i:disallow):\s*)$`)

// TestRobotsTXT: the default site and a variant have a robots.txt that
// parses line by line as Lighthouse checks it, allows crawling everywhere,
// and, where the address is known, names the sitemap by its absolute URL.
func TestRobotsTXT(t *testing.T) {
	t.Parallel()
	dir, base := absoluteVariant(t)
	for _, c := range []struct {
		dir, sitemap string
	}{{built, ""}, {dir, base + "sitemap.xml"}} {
		b, err := os.ReadFile(filepath.Join(c.dir, "robots.txt"))
		if err != nil {
			t.Fatalf("no robots.txt: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			if !robotsLine.MatchString(sc.Text()) {
				t.Errorf("robots.txt:%d: %q is not a robots.txt line", n, sc.Text())
			}
		}
		robots, err := robotstxt.FromBytes(b)
		if err != nil {
			t.Fatalf("robots.txt does not parse: %v", err)
		}
		for _, agent := range []string{"*", "Googlebot", "Lighthouse"} {
			for _, p := range []string{"/", "/gesprekken/", "/de/gespraeche/"} {
				if !robots.TestAgent(p, agent) {
					t.Errorf("robots.txt keeps %s out of %s", agent, p)
				}
			}
		}
		if c.sitemap == "" {
			if len(robots.Sitemaps) > 0 {
				t.Errorf("the default site (no host known) names sitemaps %v", robots.Sitemaps)
			}
			continue
		}
		if !slices.Equal(robots.Sitemaps, []string{c.sitemap}) {
			t.Errorf("sitemaps %v, want [%s]", robots.Sitemaps, c.sitemap)
		}
		if _, err := os.Stat(filepath.Join(c.dir, "sitemap.xml")); err != nil {
			t.Errorf("robots.txt names %s, which was not built", c.sitemap)
		}
	}
}

// wantPolicy is the pages' Content-Security-Policy, directive by
// directive: what the site needs (its own scripts, styles and images,
// data: images for the icons) and what Lighthouse needs (connect-src
// 'self' to fetch robots.txt), and nothing more.
var wantPolicy = []string{
	"default-src 'none'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data:",
	"connect-src 'self'",
	"form-action 'none'",
	"base-uri 'none'",
}

// TestPolicyAllowsLighthouseAndNothingMore: every page of the default
// site and of a variant carries exactly wantPolicy in its meta tag, which
// is config.toml's params.csp (the one source server-config also uses),
// and no directive a meta tag may not hold.
func TestPolicyAllowsLighthouseAndNothingMore(t *testing.T) {
	t.Parallel()
	var cfg struct {
		Params struct {
			CSP []string `toml:"csp"`
		} `toml:"params"`
	}
	if _, err := toml.DecodeFile(filepath.Join(projecttest.RepoRoot(), "config.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.Params.CSP, wantPolicy) {
		t.Errorf("config.toml params.csp = %q\nwant %q", cfg.Params.CSP, wantPolicy)
	}
	variant, _ := absoluteVariant(t)
	for _, dir := range []string{built, variant} {
		for _, p := range sitetest.Pages(t, dir) {
			metas := p.Doc.Find(`meta[http-equiv="Content-Security-Policy"]`)
			if metas.Length() != 1 {
				t.Errorf("%s: %d policy meta tags, want 1", p.URL, metas.Length())
				continue
			}
			got := strings.Split(metas.AttrOr("content", ""), "; ")
			if !slices.Equal(got, wantPolicy) {
				t.Errorf("%s: policy %q\nwant %q", p.URL, got, wantPolicy)
			}
		}
	}
}

// TestEveryPageDescribesItself: what Lighthouse's SEO, accessibility and
// best-practice audits read from every page, on the default site and a
// variant with a logo: a language, the character set first, a viewport,
// one title, a meta description; every image with a text alternative
// (empty for decoration) and width and height attributes whose ratio is
// the image's own (so its box is reserved and not distorted), and no
// link whose text says nothing ("hier", "meer", "klik hier", "mehr" …).
func TestEveryPageDescribesItself(t *testing.T) {
	t.Parallel()
	variant, _ := absoluteVariant(t)
	vague := []string{"hier", "klik hier", "meer", "lees meer", "mehr", "hier klicken", "weiterlesen", "link", "click here", "more", "read more"}
	for _, dir := range []string{built, variant} {
		for u, p := range sitetest.Pages(t, dir) {
			d := p.Doc
			if lang := d.Find("html").AttrOr("lang", ""); lang != "nl" && lang != "de" {
				t.Errorf("%s: html lang %q", u, lang)
			}
			if first := d.Find("head > meta").First(); first.AttrOr("charset", "") != "utf-8" {
				t.Errorf("%s: the first meta element does not declare utf-8", u)
			}
			if !strings.Contains(d.Find(`meta[name=viewport]`).AttrOr("content", ""), "width=device-width") {
				t.Errorf("%s: no viewport for phones", u)
			}
			if n, title := d.Find("title").Length(), strings.TrimSpace(d.Find("title").Text()); n != 1 || title == "" {
				t.Errorf("%s: %d titles, %q", u, n, title)
			}
			if desc := strings.TrimSpace(d.Find(`meta[name=description]`).AttrOr("content", "")); len(desc) < 20 {
				t.Errorf("%s: meta description %q", u, desc)
			}
			d.Find("img").Each(func(_ int, img *goquery.Selection) {
				src := img.AttrOr("src", "")
				if _, ok := img.Attr("alt"); !ok {
					t.Errorf("%s: img %s has no alt", u, src)
				}
				w, errW := strconv.Atoi(img.AttrOr("width", ""))
				h, errH := strconv.Atoi(img.AttrOr("height", ""))
				if errW != nil || errH != nil || w < 1 || h < 1 {
					t.Errorf("%s: img %s has no width and height", u, src)
				}
			})
			d.Find("a").Each(func(_ int, a *goquery.Selection) {
				if text := strings.ToLower(strings.Join(strings.Fields(a.Text()), " ")); slices.Contains(vague, text) && a.AttrOr("aria-label", "") == "" {
					t.Errorf("%s: a link says only %q", u, text)
				}
			})
		}
	}
}
