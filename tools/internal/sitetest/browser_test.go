package sitetest

import (
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pagesOfKind lists site paths of built pages, by what they are.
func pagesOfKind(t *testing.T) (prints map[string]string, all []string) {
	pages := Pages(t, built)
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

// TestPrintedPageCounts: every agenda prints on exactly one A4 page and
// every question list on at most two, in both languages.
func TestPrintedPageCounts(t *testing.T) {
	prints, _ := pagesOfKind(t)
	if len(prints) != 24 {
		t.Fatalf("found %d print pages, want 24 (6 methods × 2 kinds × 2 languages)", len(prints))
	}
	ctx := Browser(t)
	base := Serve(t, built)
	var urls []string
	for u := range prints {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		var pdf []byte
		if err := chromedp.Run(ctx, chromedp.Navigate(base+u), PrintA4(&pdf)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		n := PDFPages(pdf)
		switch kind := prints[u]; {
		case kind == "agenda" && n != 1:
			t.Errorf("%s: the agenda prints on %d A4 pages, want exactly 1", u, n)
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
	_, all := pagesOfKind(t)
	ctx := Browser(t)
	base := Serve(t, built)
	watch := NewWatch(ctx, base)
	if err := chromedp.Run(ctx, Enable()); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, u := range all {
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
		kinds[u] = true
	}
	for _, must := range []string{"/", "/de/", "/gesprekscyclus/", "/de/gespraechszyklus/", "/gesprekken/planningsgesprek/", "/de/gespraeche/zielvereinbarungsgespraech/agenda/", "/gesprekken/planningsgesprek/vragen/"} {
		if !kinds[must] {
			t.Errorf("%s was not checked: is it built?", must)
		}
	}
}
