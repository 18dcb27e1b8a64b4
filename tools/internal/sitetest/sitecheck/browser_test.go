package sitecheck

import (
	"sort"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/chromedp/chromedp"
)

// TestPrintedPageCounts: every agenda and preparation sheet prints on
// exactly one A4 page and every question list on at most two, in every
// language.
func TestPrintedPageCounts(t *testing.T) {
	t.Parallel()
	checkPrintedPages(t, this(), nil)
}

// checkPrintedPages prints the site's print pages (those for which keep
// says so, or all) to A4 PDF and counts the pages.
func checkPrintedPages(t *testing.T, s siteUnder, keep func(url string) bool) {
	prints, _ := sitetest.PagesOfKind(t, s.built)
	got := map[string]int{}
	for _, kind := range prints {
		got[kind]++
	}
	for kind, n := range s.wantPrints(t) {
		if got[kind] != n {
			t.Errorf("found %d print pages of kind %s, want %d (from the content)", got[kind], kind, n)
		}
	}
	ctx := sitetest.Browser(t)
	base := sitetest.Serve(t, s.built)
	var urls []string
	for u := range prints {
		if keep == nil || keep(u) {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		var pdf []byte
		if err := chromedp.Run(ctx, chromedp.Navigate(base+u), sitetest.PrintA4(&pdf)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		n := sitetest.PDFPages(pdf)
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
