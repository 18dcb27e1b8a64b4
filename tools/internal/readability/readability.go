// Package readability measures how hard a text is to read, in Dutch and
// German alike: sentence length, the share of long sentences and of long
// words, and LIX, Björnsson's readability index. Budgets per kind of text
// live in one data file (data/readability.toml); package check holds every
// page to them, and package org an organisation's own questions.
//
// Why LIX for both languages: it counts only words, sentences and words of
// more than six letters, so it needs no syllable counting. Flesch–Douma
// (Dutch) and Amstad's Flesch (German) do, and syllables are guessed from
// vowel groups, which goes wrong on exactly the words that make a text
// hard here: compounds and loan words (Schwerbehindertenvertretung,
// re-integratie). One index also lets the two languages' pages be compared
// with one budget per kind of page.
package readability

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
)

var (
	sentenceEnd = regexp.MustCompile(`[.!?](?:\s+|$)`)
)

// abbreviations are the abbreviations whose full stops end no sentence,
// each as written before its last full stop.
var abbreviations = []string{
	"Abs", "Art", "Nr", "bzw", "z. B", "z.B", "ca", "vgl", "etc", "Buchst", "ggf",
	"u. a", "u.a", "d. h", "d.h", "bijv", "o. a", "o.a", "art", "jr",
}

// Split splits plain text into its sentences: at a full stop, question
// or exclamation mark followed by a space or the end, but not after an
// abbreviation such as "Abs." or "bijv.".
func Split(text string) []string {
	masked := maskAbbreviations(text)
	var out []string
	for _, s := range sentenceEnd.Split(masked, -1) {
		if s = strings.TrimSpace(strings.ReplaceAll(s, "\x00", ".")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// maskAbbreviations replaces the full stops of the abbreviations in text
// by NUL bytes. An abbreviation counts where it starts a word (what
// precedes it is no ASCII letter, digit or underscore). A scan for the
// full stops rather than a regular expression: the expression needed a
// word boundary, so Go ran it by backtracking from every position of
// every line, a third of the content check's time.
func maskAbbreviations(text string) string {
	var b []byte
	for i := strings.IndexByte(text, '.'); i >= 0; {
		for _, a := range abbreviations {
			start := i - len(a)
			if start < 0 || text[start:i] != a || (start > 0 && isWordByte(text[start-1])) {
				continue
			}
			if b == nil {
				b = []byte(text)
			}
			for j := start; j <= i; j++ {
				if b[j] == '.' {
					b[j] = 0
				}
			}
			break
		}
		next := strings.IndexByte(text[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	if b == nil {
		return text
	}
	return string(b)
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// A Sentence is one sentence as a reader reads it, with where it is written.
type Sentence struct {
	Text string
	File string
	Line int
}

// Figures are a text's measurements.
type Figures struct {
	Sentences     int
	Words         int
	AvgWords      float64 // words per sentence
	LongSentences float64 // share of sentences of more than LongSentence words
	LongWords     float64 // share of words of more than LongWord letters
	LIX           float64 // AvgWords + 100 × LongWords
	Longest       Sentence
	LongestWords  int
	LongestWord   string // the word with the longest part (see LongestPart)
}

// A sentence of more than LongSentence words is long (B1 writing guides in
// both countries: at most 15 to 20 words); a word of more than LongWord
// letters is long (LIX's own definition).
const (
	LongSentence = 20
	LongWord     = 6
)

// Words are the words of a sentence: what is separated by spaces and holds
// a letter or a digit (a dash or a § alone is no word).
func Words(sentence string) []string {
	var out []string
	for _, f := range strings.Fields(sentence) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// Letters counts the letters of a word.
func Letters(word string) int {
	n := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// LongestPart is the number of letters of a word's longest part between
// hyphens or slashes: "collega-afdeling" reads as two words, a compound
// without a hyphen as one.
func LongestPart(word string) int {
	m, n := 0, 0
	for _, r := range word {
		switch {
		case r == '-' || r == '/' || r == '‑':
			n = 0
		case unicode.IsLetter(r):
			n++
			m = max(m, n)
		}
	}
	return m
}

// Measure computes the figures of a text given as its sentences.
func Measure(sentences []Sentence) Figures {
	var f Figures
	long, longWords, longestPart := 0, 0, 0
	for _, s := range sentences {
		w := Words(s.Text)
		if len(w) == 0 {
			continue
		}
		f.Sentences++
		f.Words += len(w)
		if len(w) > LongSentence {
			long++
		}
		if len(w) > f.LongestWords {
			f.Longest, f.LongestWords = s, len(w)
		}
		for _, x := range w {
			if Letters(x) > LongWord {
				longWords++
			}
			if n := LongestPart(x); n > longestPart {
				f.LongestWord, longestPart = x, n
			}
		}
	}
	if f.Sentences == 0 || f.Words == 0 {
		return f
	}
	f.AvgWords = float64(f.Words) / float64(f.Sentences)
	f.LongSentences = float64(long) / float64(f.Sentences)
	f.LongWords = float64(longWords) / float64(f.Words)
	f.LIX = f.AvgWords + 100*f.LongWords
	return f
}

// String is the figures as check -v prints them.
func (f Figures) String() string {
	return fmt.Sprintf("%d sentences, %.1f words/sentence, %.0f%% over %d words, %.0f%% long words, LIX %.0f; longest sentence %d words (line %d), longest word %d letters",
		f.Sentences, f.AvgWords, 100*f.LongSentences, LongSentence, 100*f.LongWords, f.LIX, f.LongestWords, f.Longest.Line, LongestPart(f.LongestWord))
}

// round1 rounds to one decimal, as figures are compared with budgets.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
