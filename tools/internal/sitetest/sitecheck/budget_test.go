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
