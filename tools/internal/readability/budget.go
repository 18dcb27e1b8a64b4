package readability

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
)

// File is where the budgets live, relative to the project.
const File = "data/readability.toml"

// Kinds are the kinds of text the budgets cover, each measured on its own:
// a guide's body without its records section, the records section, a
// method's agenda purposes, its questions, and each party's preparation
// sheet. Every kind has a budget in File.
var Kinds = []string{"guide", "records", "purposes", "questions", "preparation"}

// Budget is what one kind of text may reach. A text over any figure is a
// problem; the hard limits (MaxSentenceWords, MaxWordLetters) hold for
// every sentence and word, the averages and shares only for a text of at
// least Budgets.MinSentences sentences.
type Budget struct {
	What             string  `toml:"what"`
	MaxAvgWords      float64 `toml:"max_avg_words"`
	MaxLongSentences float64 `toml:"max_long_sentences"` // a share, 0 to 1
	MaxLongWords     float64 `toml:"max_long_words"`     // a share, 0 to 1
	MaxLIX           float64 `toml:"max_lix"`
	MaxSentenceWords int     `toml:"max_sentence_words"`
	MaxWordLetters   int     `toml:"max_word_letters"`
}

// Budgets are the contents of File.
type Budgets struct {
	Index        string            `toml:"index"`
	MinSentences int               `toml:"min_sentences"`
	Kinds        map[string]Budget `toml:"kinds"`
}

// Load reads and checks File under root. A missing, unreadable or
// incomplete file is an error that says what to write.
func Load(root string) (*Budgets, error) {
	b, err := safefile.ReadPath(filepath.Join(root, filepath.FromSlash(File)), 64<<10)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the readability budgets are missing; create %s with a [kinds.<kind>] table for each of %s (see docs/readability.md)", File, strings.Join(Kinds, ", "))
	}
	if err != nil {
		return nil, err
	}
	return Parse(string(b))
}

// Parse reads the budgets from the text of File.
func Parse(text string) (*Budgets, error) {
	var bs Budgets
	md, err := toml.Decode(text, &bs)
	if err != nil {
		return nil, fmt.Errorf("not valid TOML: %v", err)
	}
	var bad []string
	for _, k := range md.Undecoded() {
		bad = append(bad, k.String())
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("unknown keys %s; the keys are index, min_sentences and, per [kinds.<kind>], what, max_avg_words, max_long_sentences, max_long_words, max_lix, max_sentence_words, max_word_letters", strings.Join(bad, ", "))
	}
	if bs.Index != "LIX" {
		return nil, fmt.Errorf("index = %q: the only index measured is \"LIX\"", bs.Index)
	}
	if bs.MinSentences < 1 {
		return nil, fmt.Errorf("min_sentences must be 1 or more")
	}
	for _, k := range Kinds {
		b, ok := bs.Kinds[k]
		switch {
		case !ok:
			return nil, fmt.Errorf("no budget for %q: add [kinds.%s]", k, k)
		case b.MaxAvgWords <= 0 || b.MaxLIX <= 0 || b.MaxSentenceWords <= 0 || b.MaxWordLetters <= 0:
			return nil, fmt.Errorf("[kinds.%s] needs max_avg_words, max_lix, max_sentence_words and max_word_letters above 0", k)
		case b.MaxLongSentences < 0 || b.MaxLongSentences > 1 || b.MaxLongWords <= 0 || b.MaxLongWords > 1:
			return nil, fmt.Errorf("[kinds.%s]: max_long_sentences and max_long_words are shares from 0 to 1", k)
		}
	}
	for k := range bs.Kinds {
		if !slices.Contains(Kinds, k) {
			return nil, fmt.Errorf("unknown kind %q; the kinds are %s", k, strings.Join(Kinds, ", "))
		}
	}
	return &bs, nil
}

// Finding is one way a text is over its budget, at the sentence it names.
type Finding struct {
	At      Sentence
	Message string
	Fix     string
}

// Judge holds the sentences of one text of a kind to its budget.
func (bs *Budgets) Judge(kind string, sentences []Sentence) (Figures, []Finding) {
	b := bs.Kinds[kind]
	f := Measure(sentences)
	var out []Finding
	for _, s := range sentences {
		w := Words(s.Text)
		if len(w) > b.MaxSentenceWords {
			out = append(out, Finding{s,
				fmt.Sprintf("a sentence of %d words, where %s allow at most %d: %q", len(w), b.What, b.MaxSentenceWords, s.Text),
				"split it into sentences of one thought each (B1: 15 to 20 words at most)"})
		}
		for _, x := range w {
			if n := LongestPart(x); n > b.MaxWordLetters {
				out = append(out, Finding{s,
					fmt.Sprintf("the word %q has %d letters, where %s allow at most %d", strings.Trim(x, `.,;:!?()"„“”'`), n, b.What, b.MaxWordLetters),
					"say it in two or more words, or join its parts with a hyphen"})
			}
		}
	}
	if f.Sentences < bs.MinSentences {
		return f, out
	}
	var over []string
	if round1(f.AvgWords) > b.MaxAvgWords {
		over = append(over, fmt.Sprintf("%.1f words per sentence (budget %.1f)", f.AvgWords, b.MaxAvgWords))
	}
	if f.LongSentences > b.MaxLongSentences {
		over = append(over, fmt.Sprintf("%.0f%% of sentences over %d words (budget %.0f%%)", 100*f.LongSentences, LongSentence, 100*b.MaxLongSentences))
	}
	if f.LongWords > b.MaxLongWords {
		over = append(over, fmt.Sprintf("%.0f%% long words (budget %.0f%%)", 100*f.LongWords, 100*b.MaxLongWords))
	}
	if round1(f.LIX) > b.MaxLIX {
		over = append(over, fmt.Sprintf("LIX %.1f (budget %.0f)", f.LIX, b.MaxLIX))
	}
	if len(over) > 0 {
		out = append(out, Finding{f.Longest,
			fmt.Sprintf("%s are harder to read than their budget allows: %s; the longest sentence, here, has %d words", b.What, strings.Join(over, ", "), f.LongestWords),
			fmt.Sprintf("split the longest sentences and use shorter, everyday words until the figures are within budget (%s; `check -v` shows them)", File)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Line < out[j].At.Line })
	return f, out
}
