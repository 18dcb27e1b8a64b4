package hyphenation

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

var langs = []string{"nl", "de"}

// TestParseProblems: every mistake in the file is named at its line,
// and the words around it are still read.
func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name, text string
		line       int
		want       string
	}{
		{"not TOML", "nl = [\n\"Ge|sprek\"\n", 2, "not valid TOML"},
		{"unknown language", "fr = [\"Con|ver|sa|tion\"]\n", 1, `"fr" is not a language of the site`},
		{"not a list", "nl = \"Ge|sprek\"\n", 1, "nl is not a list of words"},
		{"not text", "nl = [\n  \"Ge|sprek\",\n  3,\n]\n", 1, "3 is not text"},
		{"no break", "de = [\n  \"Gespräch\",\n]\n", 2, "has no break point"},
		{"one letter", "de = [\"Ak|ti|o|nen\"]\n", 1, "fewer than two letters"},
		{"empty part", "de = [\"Ge||spräch\"]\n", 1, "fewer than two letters"},
		{"not a letter", "nl = [\n  \"Ge|sprek\",\n  \"A3|ma|nage|ment\",\n]\n", 3, "not a letter"},
		{"twice", "nl = [\n  \"Ge|sprek\",\n  \"Ges|prek\",\n]\n", 3, `"Gesprek" is listed twice`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, problems := Parse(c.text, langs)
			if len(problems) != 1 {
				t.Fatalf("%d problems, want 1: %v", len(problems), problems)
			}
			p := problems[0]
			if p.File != File || p.Line != c.line || !strings.Contains(p.Message, c.want) || p.Fix == "" {
				t.Errorf("got %s:%d %q (fix %q), want line %d and %q", p.File, p.Line, p.Message, p.Fix, c.line, c.want)
			}
		})
	}
}

// TestTheSiteFile: the project's own file is read without a problem.
func TestTheSiteFile(t *testing.T) {
	b, problems := Load(filepath.Join("..", "..", ".."), langs)
	if len(problems) > 0 || len(b["nl"]) == 0 || len(b["de"]) == 0 {
		t.Fatalf("%v, %d nl and %d de words", problems, len(b["nl"]), len(b["de"]))
	}
}

// TestMissingFileIsNoProblem: a project without the file has no break
// points, and no problem (browsers with a dictionary hyphenate anyway).
func TestMissingFileIsNoProblem(t *testing.T) {
	b, problems := Load(t.TempDir(), langs)
	if len(problems) > 0 || len(b) > 0 {
		t.Fatalf("%v %v", b, problems)
	}
}

// TestHyphenateProperties, over generated word lists and texts: taking
// the soft hyphens out gives the text back; every listed word found in
// the text carries all its own break points, even where a shorter
// listed word lies inside it (longest first); no soft hyphen lands
// where no listed word has one.
func TestHyphenateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := []string{"ge", "sprek", "spräch", "ziel", "ver", "ein", "ba", "rungs", "jaar", "plan", "mit", "ar", "bei", "ter", "ont", "van", "gen"}
	word := func() string {
		n := 2 + rng.IntN(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = syllables[rng.IntN(len(syllables))]
		}
		return strings.Join(parts, Mark)
	}
	for range 2000 {
		var words []string
		seen := map[string]bool{}
		for range 1 + rng.IntN(6) {
			w := word()
			if !seen[Plain(w)] {
				seen[Plain(w)] = true
				words = append(words, w)
			}
		}
		// A listed word inside a longer one, hyphenated alike.
		if long := words[0]; strings.Count(long, Mark) >= 2 {
			inner := long[strings.Index(long, Mark)+1:]
			if !seen[Plain(inner)] {
				words = append(words, inner)
			}
		}
		var text []string
		for range 1 + rng.IntN(4) {
			if rng.IntN(2) == 0 {
				text = append(text, Plain(words[rng.IntN(len(words))]))
			} else {
				text = append(text, "en "+syllables[rng.IntN(len(syllables))])
			}
		}
		in := strings.Join(text, " ")
		out := Breaks{"nl": words}.Hyphenate("nl", in)
		if strings.ReplaceAll(out, "\u00ad", "") != in {
			t.Fatalf("%v on %q: %q is not the text with soft hyphens", words, in, out)
		}
		for _, w := range words {
			soft := strings.ReplaceAll(w, Mark, "\u00ad")
			if strings.Contains(in, Plain(w)) && !strings.Contains(removeOthers(out, soft), soft) {
				t.Fatalf("%v on %q: %q lacks the points of %q", words, in, out, w)
			}
		}
		if strings.Count(out, "\u00ad") > 0 && !anyListed(in, words) {
			t.Fatalf("%v on %q: soft hyphens without a listed word: %q", words, in, out)
		}
	}
}

// removeOthers leaves in s only the soft hyphens that soft has at the
// same places (a shorter word inside may add its own; they are
// allowed, and are not what is looked for).
func removeOthers(s, soft string) string {
	plain := strings.ReplaceAll(soft, "\u00ad", "")
	var b strings.Builder
	for i := 0; i < len(s); {
		rest := strings.ReplaceAll(s[i:], "\u00ad", "")
		if strings.HasPrefix(rest, plain) {
			// s from i holds the word with some soft hyphens: keep those
			// of soft only, if s has each of them.
			j, k := i, 0
			ok := true
			var w strings.Builder
			for k < len(soft) {
				switch {
				case strings.HasPrefix(s[j:], "\u00ad") && strings.HasPrefix(soft[k:], "\u00ad"):
					w.WriteString("\u00ad")
					j, k = j+2, k+2
				case strings.HasPrefix(s[j:], "\u00ad"):
					j += 2
				case strings.HasPrefix(soft[k:], "\u00ad"):
					ok = false
					k += 2
				default:
					w.WriteByte(s[j])
					j, k = j+1, k+1
				}
			}
			if ok {
				b.WriteString(w.String())
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func anyListed(in string, words []string) bool {
	for _, w := range words {
		if strings.Contains(in, Plain(w)) {
			return true
		}
	}
	return false
}
