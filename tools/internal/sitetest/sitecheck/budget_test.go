package sitecheck

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// GuideBudget is the most a guide page may weigh in all: its HTML and every
// stylesheet and script it loads, uncompressed. Bytes are deterministic, so
// this is a test, not a benchmark. 36 KB since issue 19: the guides of
// conversations with one employee carry their special situations, and the
// appraisal guide how its judgement is kept fair (the German appraisal
// guide, the heaviest, weighed 32 KB then); still a few tens of kilobytes.
const GuideBudget = 36 * 1024

func TestGuidePageBudget(t *testing.T) {
	t.Parallel()
	checkGuideBudget(t, this())
}

func checkGuideBudget(t *testing.T, s siteUnder) {
	for _, p := range sitetest.Pages(t, s.built) {
		if p.Doc.Find("main[data-method]").Length() == 0 {
			continue
		}
		total := pageWeight(t, s.built, p)
		if total > GuideBudget {
			t.Errorf("%s weighs %d bytes with its CSS and JS, over the budget of %d", p.URL, total, GuideBudget)
		} else {
			t.Logf("%s: %d bytes", p.URL, total)
		}
	}
}

// TestOneStylesheetPerPage: every page waits for one stylesheet before it
// can show anything (issue 18: the form page, with two, painted last),
// and pages of one kind share it, so that a browser fetches it once:
// one file for the pages that hold a form or drafts, one for all others.
func TestOneStylesheetPerPage(t *testing.T) {
	t.Parallel()
	byKind := map[bool]map[string]bool{false: {}, true: {}}
	for _, p := range sitetest.Pages(t, built) {
		links := p.Doc.Find(`link[rel="stylesheet"]`)
		if links.Length() != 1 {
			t.Errorf("%s loads %d stylesheets, want 1", p.URL, links.Length())
			continue
		}
		drafts := p.Doc.Find("#gw-config").Length() > 0
		byKind[drafts][links.AttrOr("href", "")] = true
	}
	for drafts, files := range byKind {
		if len(files) != 1 {
			t.Errorf("pages with drafts %v load %d different stylesheets, want 1: %v", drafts, len(files), files)
		}
	}
	if len(byKind[true]) == 1 && len(byKind[false]) == 1 {
		for f := range byKind[true] {
			if byKind[false][f] {
				t.Errorf("form pages load the guides' stylesheet %s: the form's styles are missing", f)
			}
		}
	}
}
