package sitetest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// GuideBudget is the most a guide page may weigh in all: its HTML and every
// stylesheet and script it loads, uncompressed. Bytes are deterministic, so
// this is a test, not a benchmark.
const GuideBudget = 26 * 1024

func TestGuidePageBudget(t *testing.T) {
	for _, p := range Pages(t, built) {
		if p.Doc.Find("main[data-method]").Length() == 0 {
			continue
		}
		total := p.Size
		p.Doc.Find(`link[rel="stylesheet"], script[src]`).Each(func(_ int, s *goquery.Selection) {
			ref := s.AttrOr("href", s.AttrOr("src", ""))
			u, _ := Resolve(p.URL, ref)
			info, err := os.Stat(filepath.Join(built, filepath.FromSlash(u)))
			if err != nil {
				t.Errorf("%s: %s: %v", p.URL, ref, err)
				return
			}
			total += int(info.Size())
		})
		if total > GuideBudget {
			t.Errorf("%s weighs %d bytes with its CSS and JS, over the budget of %d", p.URL, total, GuideBudget)
		} else {
			t.Logf("%s: %d bytes", p.URL, total)
		}
	}
}
