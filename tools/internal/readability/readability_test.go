package readability

import (
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
)

// budgets reads the project's own budgets file.
func budgets(t *testing.T) *Budgets {
	t.Helper()
	b, err := Load("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sentences(texts ...string) []Sentence {
	var out []Sentence
	for i, s := range texts {
		out = append(out, Sentence{Text: s, File: "x.md", Line: i + 1})
	}
	return out
}

func TestMeasure(t *testing.T) {
	// 2 sentences, 10 words, of which "verslag" and "dossier" have more
	// than six letters: 5 + 100 × 2/10 = 25.
	f := Measure(sentences("Je krijgt het verslag mee", "Het dossier is van jou"))
	if f.Sentences != 2 || f.Words != 10 || f.AvgWords != 5 || f.LongWords != 0.2 || f.LIX != 25 {
		t.Errorf("got %+v, want 2 sentences, 10 words, 5 words per sentence, 20%% long words, LIX 25", f)
	}
	// A dash or a § alone is no word; a number is one, with no letters.
	if n := len(Words("Nach § 83 Abs. 2 – zur Akte")); n != 6 {
		t.Errorf("Words: %d, want 6", n)
	}
	if n := LongestPart("collega-afdelingen"); n != 10 {
		t.Errorf("LongestPart of a hyphenated word: %d, want 10 (its longest part)", n)
	}
}

// TestFortyWordSentence: a sentence of 40 words is a problem in every
// kind of text, at its own line, however short the text around it.
func TestFortyWordSentence(t *testing.T) {
	b := budgets(t)
	forty := strings.TrimSpace(strings.Repeat("de medewerker en de leidinggevende praten samen over het werk ", 4))
	if n := len(Words(forty)); n != 40 {
		t.Fatalf("the sentence has %d words, want 40", n)
	}
	for _, kind := range Kinds {
		_, found := b.Judge(kind, sentences("Een korte zin.", forty))
		if len(found) == 0 || found[0].At.Line != 2 || !strings.Contains(found[0].Message, "a sentence of 40 words") {
			t.Errorf("%s: got %+v, want a problem on line 2 for a sentence of 40 words", kind, found)
		}
	}
}

// TestOverlongCompound: a German compound longer than any budget allows
// is a problem; the same parts joined by hyphens are not.
func TestOverlongCompound(t *testing.T) {
	b := budgets(t)
	word := "Beschäftigtendatenschutzbeauftragtenbestellungsverfahren"
	for _, kind := range Kinds {
		_, found := b.Judge(kind, sentences("Das "+word+" beginnt im Mai."))
		if len(found) != 1 || !strings.Contains(found[0].Message, `the word "`+word+`" has 56 letters`) {
			t.Errorf("%s: got %+v, want one problem naming the word and its 56 letters", kind, found)
		}
		if _, found := b.Judge(kind, sentences("Das Beschäftigtendatenschutz-Beauftragten-Bestellungsverfahren beginnt im Mai.")); len(found) != 0 {
			t.Errorf("%s: the hyphenated compound is a problem: %+v", kind, found)
		}
	}
}

// TestOverBudgetText: a text within the hard limits but over a kind's
// averages is one problem, at its longest sentence; a text with fewer
// than min_sentences sentences is held to the hard limits only.
func TestOverBudgetText(t *testing.T) {
	b := budgets(t)
	long := "De leidinggevende bespreekt met de medewerker de afspraken over opleiding, ontwikkeling en loopbaan voor het komende jaar."
	var text []string
	for range b.MinSentences {
		text = append(text, long)
	}
	_, found := b.Judge("questions", sentences(text...))
	if len(found) != 1 || !strings.Contains(found[0].Message, "questions are harder to read than their budget allows") || !strings.Contains(found[0].Message, "words per sentence") {
		t.Errorf("got %+v, want one problem: the questions are over their budget", found)
	}
	if _, found := b.Judge("questions", sentences(text[:b.MinSentences-1]...)); len(found) != 0 {
		t.Errorf("a text of %d sentences is held to the averages: %+v", b.MinSentences-1, found)
	}
}

// TestBudgetsFile: the file has a budget for every kind, and a broken one
// is refused with what to do.
func TestBudgetsFile(t *testing.T) {
	text, err := os.ReadFile("../../../" + File)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(string(text)); err != nil {
		t.Fatalf("the project's budgets: %v", err)
	}
	for _, c := range []struct{ name, text, want string }{
		{"a kind missing", strings.Replace(string(text), "[kinds.records]", "[kinds.other]", 1), `no budget for "records"`},
		{"a kind too many", string(text) + "\n[kinds.other]\n", `unknown kind "other"`},
		{"a misspelt key", strings.Replace(string(text), "\nmax_lix = ", "\nmax_lics = ", 1), "unknown keys kinds.guide.max_lics"},
		{"another index", strings.Replace(string(text), `index = "LIX"`, `index = "Flesch"`, 1), `the only index measured is "LIX"`},
	} {
		if _, err := Parse(c.text); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "the readability budgets are missing") {
		t.Errorf("no file: got %v", err)
	}
}

// abbreviationPattern is what an abbreviation is, as a regular
// expression: the rule maskAbbreviations implements by scanning.
var abbreviationPattern = regexp.MustCompile(`\b(?:Abs|Art|Nr|bzw|z\. ?B|ca|vgl|etc|Buchst|ggf|u\. ?a|d\. ?h|bijv|o\. ?a|art|jr)\.`)

// TestMaskAbbreviationsIsThePattern: over generated texts made of the
// pieces that matter (abbreviations, their parts, letters that do and do
// not make a word boundary, full stops, spaces), the scan masks exactly
// the full stops the pattern matches.
func TestMaskAbbreviationsIsThePattern(t *testing.T) {
	pieces := []string{"Abs", "Art", "art", "Nr", "z", "B", "z.", " B", "u", "a", "d", "h", "o", "bijv", "ca", "vgl", "etc",
		"Buchst", "ggf", "bzw", "jr", ".", ". ", " ", "x", "_", "9", "§", "ä", "(", "Satz", "!", "?", "\n"}
	rng := rand.New(rand.NewPCG(21, 5))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := []byte(text)
		for _, at := range abbreviationPattern.FindAllStringIndex(text, -1) {
			for i := at[0]; i < at[1]; i++ {
				if want[i] == '.' {
					want[i] = 0
				}
			}
		}
		if got := maskAbbreviations(text); got != string(want) {
			t.Fatalf("%q: masked %q, the pattern %q", text, got, want)
		}
	}
}
