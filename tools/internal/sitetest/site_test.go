package sitetest

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
)

// methods reads the method guides from the content, per language.
func methods(t *testing.T) map[string]map[string]*content.Page {
	t.Helper()
	s, err := content.Load(RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]map[string]*content.Page{}
	for _, p := range s.Pages {
		if p.IsMethod() {
			if by[p.Lang] == nil {
				by[p.Lang] = map[string]*content.Page{}
			}
			by[p.Lang][p.Front.Params.Method] = p
		}
	}
	return by
}

var wantMethods = []string{"a3-managementgesprek", "coachend-leidinggeven", "het-goede-gesprek", "klantjaargesprek", "planningsgesprek", "samenwerkingsgesprek"}

func TestEveryMethodInBothLanguages(t *testing.T) {
	pages := Pages(t, built)
	found := map[string][]string{}
	for _, p := range pages {
		p.Doc.Find("main[data-method]").Each(func(_ int, s *goquery.Selection) {
			lang, _ := p.Doc.Find("html").Attr("lang")
			found[lang] = append(found[lang], s.AttrOr("data-method", ""))
		})
	}
	for _, lang := range []string{"nl", "de"} {
		got := found[lang]
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(wantMethods) {
			t.Errorf("%s guides: got %v, want %v", lang, got, wantMethods)
		}
	}
}

func TestGuidesLinkTheirPrintPages(t *testing.T) {
	pages := Pages(t, built)
	byMethod := methods(t)
	guides := 0
	for _, p := range pages {
		main := p.Doc.Find("main[data-method]")
		if main.Length() == 0 {
			continue
		}
		guides++
		lang := p.Doc.Find("html").AttrOr("lang", "")
		id := main.AttrOr("data-method", "")
		method := byMethod[lang][id]
		if method == nil {
			t.Errorf("%s: data-method %q is not a %s method in the content", p.URL, id, lang)
			continue
		}
		for _, kind := range []string{"agenda", "questions"} {
			var target *Page
			main.Find(".print-links a").Each(func(_ int, a *goquery.Selection) {
				u, _ := Resolve(p.URL, a.AttrOr("href", ""))
				if q := pages[u]; q != nil && q.Doc.Find(`main[data-print="`+kind+`"]`).Length() == 1 {
					target = q
				}
			})
			if target == nil {
				t.Errorf("%s: no link to its %s page", p.URL, kind)
				continue
			}
			back := target.Doc.Find(".print-header a").AttrOr("href", "")
			if u, _ := Resolve(target.URL, back); u != p.URL {
				t.Errorf("%s: its %s page %s leads back to %q, not to the guide", p.URL, kind, target.URL, back)
			}
			if kind == "agenda" {
				items := target.Doc.Find("ol.agenda > li.agenda-item").Length()
				if want := len(method.Front.Params.Agenda); items != want {
					t.Errorf("%s: %d agenda items, front matter of %s has %d", target.URL, items, method.File, want)
				}
			}
			if kind == "questions" {
				n := 0
				for _, item := range method.Front.Params.Agenda {
					n += len(item.Questions)
				}
				if got := target.Doc.Find("ol.questions > li[data-asks]").Length(); got != n {
					t.Errorf("%s: %d questions, front matter of %s has %d", target.URL, got, method.File, n)
				}
			}
		}
	}
	if guides != 12 {
		t.Errorf("found %d guide pages, want 12 (6 methods × 2 languages)", guides)
	}
}

func TestAlternatesAndLanguageSwitch(t *testing.T) {
	pages := Pages(t, built)
	for _, p := range pages {
		lang := p.Doc.Find("html").AttrOr("lang", "")
		p.Doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			u, ext := Resolve(p.URL, l.AttrOr("href", ""))
			if ext || pages[u] == nil {
				t.Errorf("%s: hreflang alternate %q points to no page", p.URL, l.AttrOr("href", ""))
				return
			}
			if got := pages[u].Doc.Find("html").AttrOr("lang", ""); got != l.AttrOr("hreflang", "") {
				t.Errorf("%s: alternate %s is in %q, hreflang says %q", p.URL, u, got, l.AttrOr("hreflang", ""))
			}
		})
		if strings.HasSuffix(p.URL, "404.html") {
			continue
		}
		switches := p.Doc.Find(".language-switch a")
		if switches.Length() != 1 {
			t.Errorf("%s: %d language-switch links, want 1", p.URL, switches.Length())
			continue
		}
		u, _ := Resolve(p.URL, switches.AttrOr("href", ""))
		other := pages[u]
		if other == nil {
			t.Errorf("%s: language switch leads to missing %s", p.URL, u)
			continue
		}
		if other.Doc.Find("html").AttrOr("lang", "") == lang {
			t.Errorf("%s: language switch stays in %s", p.URL, lang)
		}
		if a, b := signature(p), signature(other); a != b {
			t.Errorf("%s: language switch lands on %s, a different page (%s vs %s)", p.URL, u, a, b)
		}
	}
}

// signature identifies a page across languages: its method and print kind.
func signature(p *Page) string {
	main := p.Doc.Find("main")
	return main.AttrOr("data-method", "") + "|" + main.AttrOr("data-print", "") + "|" +
		fmt.Sprint(p.Doc.Find("ol.agenda > li").Length()) + "|" + fmt.Sprint(p.Doc.Find("ol.questions > li").Length())
}

// TestNoOtherHostAndNoBrokenLink: the build's own verifier, run on the
// built site as the build runs it, finds nothing: every src, href, action
// and CSS url() stays on the site and points at a file that exists, no
// page has inline script or style, and every page is Dutch or German.
func TestNoOtherHostAndNoBrokenLink(t *testing.T) {
	problems, err := verify.Dir(built, verify.Options{BaseURL: "/", Languages: []string{"nl", "de"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestOneHeading: every page has exactly one h1.
func TestOneHeading(t *testing.T) {
	for _, p := range Pages(t, built) {
		if n := p.Doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p.URL, n)
		}
	}
}
