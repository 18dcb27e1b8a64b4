package check

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// Question hygiene of the project's own methods: every question is a real
// question, and one asked by both parties is addressed to both ("we"), not
// to one of them ("je", "Sie"). These are heuristics about language, so they
// are held against our content here rather than imposed on every editor by
// the check tool.
func TestProjectQuestions(t *testing.T) {
	site, err := content.Load(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	methods := 0
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		methods++
		for i, item := range p.Front.Params.Agenda {
			for j, q := range item.Questions {
				at := p.Line(pathOf(i, j))
				if problem := questionProblem(p.Lang, q); problem != "" {
					t.Errorf("%s:%d: question %q: %s: %q", p.File, at, q.ID, problem, q.Text)
				}
			}
		}
	}
	if methods == 0 {
		t.Fatal("no methods found in the project's content")
	}
}

func pathOf(item, question int) string {
	return fmt.Sprintf("params.agenda[%d].questions[%d].text", item, question)
}

// Words that show who a question speaks to, per language: a question asked
// by both speaks as "we" and addresses no single person.
var (
	weWords  = map[string][]string{"nl": {"we", "wij", "ons", "onze", "samen"}, "de": {"wir", "uns", "unser", "unsere", "unserer", "unseren", "unserem", "gemeinsam"}}
	youWords = map[string][]string{"nl": {"je", "jij", "jou", "jouw", "u", "uw"}, "de": {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrer", "Ihren", "Ihrem", "du", "dich", "dir"}}
)

func questionProblem(lang string, q content.Question) string {
	text := strings.TrimSpace(q.Text)
	if !strings.HasSuffix(text, "?") {
		return "not a question (it does not end with a question mark)"
	}
	if q.Asks != "both" || weWords[lang] == nil {
		return ""
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		// German "Sie" addresses someone only when capitalised mid-sentence;
		// Dutch words compare in lower case.
		cmp := w
		if lang != "de" {
			cmp = strings.ToLower(w)
		}
		if slices.Contains(youWords[lang], cmp) && !(lang == "de" && w == words[0]) {
			return "asked by both, but addressed to one person (" + w + ")"
		}
	}
	for _, w := range words {
		if slices.Contains(weWords[lang], strings.ToLower(w)) {
			return ""
		}
	}
	return "asked by both, but not in the first person plural"
}

func TestQuestionProblem(t *testing.T) {
	tests := []struct {
		lang, asks, text string
		bad              bool
	}{
		{"nl", "manager", "Wat verwacht je?", false},
		{"nl", "manager", "Vertel wat je verwacht.", true},
		{"nl", "both", "Hoe kunnen we onze samenwerking verbeteren?", false},
		{"nl", "both", "Welke mogelijkheden kun je het komende jaar verkennen?", true},
		{"nl", "both", "Is het gelukt?", true},
		{"de", "both", "Wie können wir unsere Zusammenarbeit verbessern?", false},
		{"de", "both", "Welche Möglichkeiten können Sie im kommenden Jahr erkunden?", true},
		{"de", "both", "Sind wir uns einig, was als Nächstes kommt?", false},
		{"de", "employee", "Was erwarten Sie von mir?", false},
	}
	for _, tt := range tests {
		got := questionProblem(tt.lang, content.Question{Asks: tt.asks, Text: tt.text})
		if (got != "") != tt.bad {
			t.Errorf("%s %s %q: problem %q, want a problem: %v", tt.lang, tt.asks, tt.text, got, tt.bad)
		}
	}
}
