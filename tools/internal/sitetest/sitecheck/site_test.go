package sitecheck

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
)

func TestEveryMethodInEveryLanguage(t *testing.T) {
	t.Parallel()
	checkEveryMethod(t, this())
}

// checkEveryMethod: the built guides are exactly the content's methods,
// in every language.
func checkEveryMethod(t *testing.T, s siteUnder) {
	pages := sitetest.Pages(t, s.built)
	found := map[string][]string{}
	for _, p := range pages {
		// Only a guide's <main> names its method.
		p.Doc.Find("main[data-method]").Each(func(_ int, m *goquery.Selection) {
			lang := p.Doc.Find("html").AttrOr("lang", "")
			found[lang] = append(found[lang], m.AttrOr("data-method", ""))
		})
	}
	for lang, byID := range s.methods(t) {
		want := slices.Sorted(maps.Keys(byID))
		got := found[lang]
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s guides: got %v, want the content's %v", lang, got, want)
		}
	}
}

func TestGuidesLinkTheirPrintPages(t *testing.T) {
	t.Parallel()
	checkPrintLinks(t, this())
}

// checkPrintLinks: every guide links its agenda, question list and (if
// it marks questions for one) preparation sheet, at the URL beside it;
// each leads back to the guide and shows what the front matter holds.
func checkPrintLinks(t *testing.T, s siteUnder) {
	pages := sitetest.Pages(t, s.built)
	byMethod := s.methods(t)
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
		checkPreparationLinks(t, s, pages, p, main, method)
		for _, kind := range []string{"agenda", "questions"} {
			var target *sitetest.Page
			main.Find(".print-links a").Each(func(_ int, a *goquery.Selection) {
				u, _ := sitetest.Resolve(p.URL, a.AttrOr("href", ""))
				if q := pages[u]; q != nil && q.Doc.Find(`main[data-print="`+kind+`"]`).Length() == 1 {
					target = q
				}
			})
			if target == nil {
				t.Errorf("%s: no link to its %s page", p.URL, kind)
				continue
			}
			if want := p.URL + s.words(t, lang).pages[kind]; target.URL != want {
				t.Errorf("%s: its %s page is at %s, want %s", p.URL, kind, target.URL, want)
			}
			back := target.Doc.Find(".print-header a").AttrOr("href", "")
			if u, _ := sitetest.Resolve(target.URL, back); u != p.URL {
				t.Errorf("%s: its %s page %s leads back to %q, not to the guide", p.URL, kind, target.URL, back)
			}
			switch kind {
			case "agenda":
				items := target.Doc.Find("ol.agenda > li.agenda-item").Length()
				if want := len(method.Front.Params.Agenda); items != want {
					t.Errorf("%s: %d agenda items, front matter of %s has %d", target.URL, items, method.File, want)
				}
			case "questions":
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
	if want := s.guides(t); guides != want {
		t.Errorf("found %d guide pages, want %d (the content's methods in every language)", guides, want)
	}
}

// checkPreparationLinks: the guide links one preparation sheet per party
// that has questions to prepare (parties), each at the URL beside the
// guide that names the party, and each sheet is sound
// (checkPreparationSheet).
func checkPreparationLinks(t *testing.T, s siteUnder, pages map[string]*sitetest.Page, guide *sitetest.Page, main *goquery.Selection, method *content.Page) {
	lang := guide.Doc.Find("html").AttrOr("lang", "")
	found := map[string]*sitetest.Page{}
	main.Find(".print-links a").Each(func(_ int, a *goquery.Selection) {
		u, _ := sitetest.Resolve(guide.URL, a.AttrOr("href", ""))
		if q := pages[u]; q != nil && q.Doc.Find(`main[data-print="preparation"]`).Length() == 1 {
			found[q.Doc.Find("article[data-party]").AttrOr("data-party", "")] = q
		}
	})
	want := parties(method)
	if len(found) != len(want) {
		t.Errorf("%s: links %d preparation sheets, want %d (one for each of %v)", guide.URL, len(found), len(want), want)
	}
	for _, party := range want {
		sheet := found[party]
		if sheet == nil {
			t.Errorf("%s: no link to the preparation sheet of the %s", guide.URL, party)
			continue
		}
		w := s.words(t, lang)
		if u := guide.URL + strings.TrimSuffix(w.pages["preparation"], "/") + "-" + w.parties[party] + "/"; sheet.URL != u {
			t.Errorf("%s: the %s's preparation sheet is at %s, want %s", guide.URL, party, sheet.URL, u)
		}
		back := sheet.Doc.Find(".print-header a").AttrOr("href", "")
		if u, _ := sitetest.Resolve(sheet.URL, back); u != guide.URL {
			t.Errorf("%s: its preparation sheet %s leads back to %q, not to the guide", guide.URL, sheet.URL, back)
		}
		checkPreparationSheet(t, s, sheet, method, party)
	}
}

// checkPreparationSheet: on top, whose sheet it is; exactly the questions
// marked prepare = true that this party answers, in order, under the
// agenda items they belong to, numbered from 1 through the whole sheet,
// each marked with who asks and with lines to write on; lines for a name
// and the conversation's date.
func checkPreparationSheet(t *testing.T, s siteUnder, sheet *sitetest.Page, method *content.Page, party string) {
	var want, got []string
	for _, item := range method.Front.Params.Agenda {
		for _, q := range item.Questions {
			if check.OnSheet(q, party) {
				want = append(want, item.ID+"/"+q.Asks+": "+q.Text)
			}
		}
	}
	// Whose sheet: named in the line under the title, before any question.
	role := strings.TrimSpace(sheet.Doc.Find(".prep-party strong").Text())
	if role == "" || sheet.Doc.Find("h1 + .prep-party").Length() != 1 {
		t.Errorf("%s: the sheet does not say under its title whose it is", sheet.URL)
	} else if name := s.words(t, sheet.Doc.Find("html").AttrOr("lang", "")).roles[party]; role != name {
		t.Errorf("%s: the sheet says it is for %q, want %q (the %s)", sheet.URL, role, name, party)
	}
	next := 1 // the number the next question should carry
	sheet.Doc.Find("section.prep-group").Each(func(_ int, g *goquery.Selection) {
		item := strings.TrimPrefix(g.Find("h2").AttrOr("id", ""), "p-")
		if h := strings.TrimSpace(g.Find("h2").Text()); h != "" && h[0] >= '0' && h[0] <= '9' {
			t.Errorf("%s: heading %q carries a number of its own; only the questions are numbered", sheet.URL, h)
		}
		ol := g.Find("ol.prep-questions")
		start := 1
		if v, ok := ol.Attr("start"); ok {
			fmt.Sscan(v, &start)
		}
		if start != next {
			t.Errorf("%s: the questions under %q are numbered from %d, want %d (numbering runs on through the sheet from 1)", sheet.URL, item, start, next)
		}
		ol.Children().Filter("li").Each(func(_ int, li *goquery.Selection) {
			next++
			asks := li.AttrOr("data-asks", "")
			text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(li.Find("p").Text()), strings.TrimSpace(li.Find(".asks").Text())))
			got = append(got, item+"/"+asks+": "+text)
			if li.Find(".asks").Length() != 1 {
				t.Errorf("%s: question %q does not say who asks it", sheet.URL, text)
			}
			if li.Find(".write-lines span").Length() < check.SheetMinWriting {
				t.Errorf("%s: question %q has no room to write", sheet.URL, text)
			}
		})
	})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: the sheet holds\n  %q\nbut %s marks for the %s\n  %q", sheet.URL, got, method.File, party, want)
	}
	if n := sheet.Doc.Find(".meeting-lines dd.write-line").Length(); n != 2 {
		t.Errorf("%s: %d header lines to write on, want 2 (name, date of the conversation)", sheet.URL, n)
	}
}

func TestAlternatesAndLanguageSwitch(t *testing.T) {
	t.Parallel()
	checkAlternates(t, this())
}

// checkAlternates: hreflang alternates point at pages in their language,
// and the language switch has a link to the same page in each other
// language of the project.
func checkAlternates(t *testing.T, s siteUnder) {
	pages := sitetest.Pages(t, s.built)
	others := len(s.languages(t)) - 1
	for _, p := range pages {
		lang := p.Doc.Find("html").AttrOr("lang", "")
		p.Doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
			u, ext := sitetest.Resolve(p.URL, l.AttrOr("href", ""))
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
		if switches.Length() != others {
			t.Errorf("%s: %d language-switch links, want %d", p.URL, switches.Length(), others)
			continue
		}
		reached := map[string]bool{}
		switches.Each(func(_ int, a *goquery.Selection) {
			u, _ := sitetest.Resolve(p.URL, a.AttrOr("href", ""))
			other := pages[u]
			if other == nil {
				t.Errorf("%s: language switch leads to missing %s", p.URL, u)
				return
			}
			in := other.Doc.Find("html").AttrOr("lang", "")
			if in == lang || reached[in] {
				t.Errorf("%s: language switch leads to %s, in %s twice or in its own language", p.URL, u, in)
			}
			reached[in] = true
			if a, b := signature(p), signature(other); a != b {
				t.Errorf("%s: language switch lands on %s, a different page (%s vs %s)", p.URL, u, a, b)
			}
		})
	}
}

// signature identifies a page across languages: its method and print kind.
func signature(p *sitetest.Page) string {
	main := p.Doc.Find("main")
	return main.AttrOr("data-method", "") + "|" + main.AttrOr("data-print", "") + "|" +
		fmt.Sprint(p.Doc.Find("ol.agenda > li").Length()) + "|" + fmt.Sprint(p.Doc.Find("ol.questions > li, ol.prep-questions > li").Length()) + "|" +
		fmt.Sprint(p.Doc.Find("form#gw-form").Length())
}

func TestNoOtherHostAndNoBrokenLink(t *testing.T) {
	t.Parallel()
	checkLinks(t, this())
}

// checkLinks: the build's own verifier, run on the built site as the
// build runs it, finds nothing: every src, href, action and CSS url()
// stays on the site and points at a file that exists, no page has inline
// script or style, and every page is in a language of the project. And every page has
// exactly one h1.
func checkLinks(t *testing.T, s siteUnder) {
	problems, err := verify.Dir(s.built, verify.Options{BaseURL: "/", Languages: s.languages(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	for _, p := range sitetest.Pages(t, s.built) {
		if n := p.Doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p.URL, n)
		}
	}
}
