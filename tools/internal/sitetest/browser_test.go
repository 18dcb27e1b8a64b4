package sitetest

import (
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pagesOfKind lists site paths of built pages, by what they are.
func pagesOfKind(t *testing.T, dir string) (prints map[string]string, all []string) {
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

// TestPrintedPageCounts: every agenda and preparation sheet prints on
// exactly one A4 page and every question list on at most two, in every
// language.
func TestPrintedPageCounts(t *testing.T) { checkPrintedPages(t, this(), nil) }

// checkPrintedPages prints the site's print pages (those for which keep
// says so, or all) to A4 PDF and counts the pages.
func checkPrintedPages(t *testing.T, s siteUnder, keep func(url string) bool) {
	prints, _ := pagesOfKind(t, s.built)
	got := map[string]int{}
	for _, kind := range prints {
		got[kind]++
	}
	for kind, n := range s.wantPrints(t) {
		if got[kind] != n {
			t.Errorf("found %d print pages of kind %s, want %d (from the content)", got[kind], kind, n)
		}
	}
	ctx := Browser(t)
	base := Serve(t, s.built)
	var urls []string
	for u := range prints {
		if keep == nil || keep(u) {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		var pdf []byte
		if err := chromedp.Run(ctx, chromedp.Navigate(base+u), PrintA4(&pdf)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		n := PDFPages(pdf)
		switch kind := prints[u]; {
		case (kind == "agenda" || kind == "preparation") && n != 1:
			t.Errorf("%s: the %s prints on %d A4 pages, want exactly 1", u, kind, n)
		case kind == "questions" && (n < 1 || n > 2):
			t.Errorf("%s: the question list prints on %d A4 pages, want 1 or 2", u, n)
		default:
			t.Logf("%s: %d page(s)", u, n)
		}
	}
}

// TestAccessibilityAndRequests: axe-core finds no WCAG 2.1 A/AA violation
// on any page in either language, and no page requests another host or
// logs an error (a CSP violation is logged as one).
func TestAccessibilityAndRequests(t *testing.T) {
	_, all := pagesOfKind(t, built)
	checked := checkAccessibility(t, this(), all)
	for _, must := range []string{"/", "/de/", "/gesprekscyclus/", "/de/gespraechszyklus/", "/gesprekken/planningsgesprek/", "/de/gespraeche/zielvereinbarungsgespraech/agenda/", "/gesprekken/planningsgesprek/vragen/"} {
		if !checked[must] {
			t.Errorf("%s was not checked: is it built?", must)
		}
	}
}

// checkAccessibility runs axe-core over the given pages and watches what
// they request and log; it returns the pages it checked.
func checkAccessibility(t *testing.T, s siteUnder, urls []string) map[string]bool {
	ctx := Browser(t)
	base := Serve(t, s.built)
	watch := NewWatch(ctx, base)
	if err := chromedp.Run(ctx, Enable()); err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, u := range urls {
		var violations []AxeViolation
		err := chromedp.Run(ctx, chromedp.Navigate(base+u), chromedp.WaitReady("body"), Axe(t, &violations))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe: %s", u, v)
		}
		foreign, problems := watch.Take()
		for _, f := range foreign {
			t.Errorf("%s: requested another host: %s", u, f)
		}
		for _, p := range problems {
			if strings.Contains(p, "404") && strings.HasSuffix(u, "404.html") {
				continue
			}
			t.Errorf("%s: %s", u, p)
		}
		checked[u] = true
	}
	return checked
}
