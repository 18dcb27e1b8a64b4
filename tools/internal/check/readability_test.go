package check

import (
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
)

// TestReadabilityProblems: a sentence of 40 words in a guide and an
// over-long German compound in a records section are each a problem on
// their own line, with the fix; so is a question over its kind's budget.
func TestReadabilityProblems(t *testing.T) {
	forty := strings.TrimSpace(strings.Repeat("de medewerker en de leidinggevende praten samen over het werk ", 4)) + "."
	tests := []struct {
		name           string
		file, old, new string
		at             string // the problem's line contains this
		message, fix   string
	}{
		{"a 40-word sentence in a guide", nlGuide, "## Verloop {#course}\n", "## Verloop {#course}\n" + forty + "\n", forty,
			"a sentence of 40 words, where guide bodies allow at most", "split it into sentences"},
		{"an over-long German compound in a records section", deGuide, "- Sie dürfen es einsehen.", "- Sie dürfen die Beschäftigtendatenschutzbeauftragtenbestellungsverfahrensakte einsehen.", "Beschäftigtendatenschutz",
			`the word "Beschäftigtendatenschutzbeauftragtenbestellungsverfahrensakte" has 61 letters, where records sections allow at most`, "two or more words, or join its parts with a hyphen"},
		{"a question of 40 words", nlGuide, `text = "Wat verwacht je?"`, `text = "` + strings.TrimSuffix(forty, ".") + `?"`, "de medewerker en de",
			"a sentence of 40 words, where questions allow at most", "split it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyValid(t)
			edit(t, root, tt.file, tt.old, tt.new)
			problems, err := Site(root)
			if err != nil {
				t.Fatal(err)
			}
			line := lineOf(t, root, tt.file, tt.at)
			found := false
			for _, p := range problems {
				if p.File == tt.file && p.Line == line && strings.Contains(p.Message, tt.message) && strings.Contains(p.Fix, tt.fix) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %s:%d: …%s… (fix: …%s…); got:\n%s", tt.file, line, tt.message, tt.fix, list(problems))
			}
		})
	}
}

// TestTheSiteIsWithinItsReadabilityBudgets: every text of this project's
// site, of every kind, in both languages, is within its budget; the
// figures per kind and language are logged (go test -v).
func TestTheSiteIsWithinItsReadabilityBudgets(t *testing.T) {
	site, err := content.Load("../../..")
	if err != nil {
		t.Fatal(err)
	}
	budgets, err := readability.Load(site.Root)
	if err != nil {
		t.Fatal(err)
	}
	r := &report{}
	measured, findings := Readability(site, budgets, Intros(readI18n(r, site)))
	for _, f := range findings {
		t.Errorf("%s:%d: %s", f.At.File, f.At.Line, f.Message)
	}
	all := map[string][]readability.Sentence{}
	for _, m := range measured {
		all[m.Kind+" "+m.Lang] = append(all[m.Kind+" "+m.Lang], m.Sentences...)
	}
	for _, kind := range readability.Kinds {
		for _, l := range site.Languages {
			s := all[kind+" "+l.Code]
			if len(s) == 0 {
				t.Errorf("no %s measured in %s: the check would pass without looking", kind, l.Code)
				continue
			}
			t.Logf("%s, %s: %s", kind, l.Code, readability.Measure(s))
		}
	}
}
