// Package originality finds runs of words that a text shares with a source.
//
// The guides must be written in our own words: facts from the seed texts
// carry over, sentences do not. A run of Limit words in a row shared with a
// source counts as copied.
package originality

import (
	"strings"
	"unicode"
)

// Limit is the length of a shared run of words that counts as copied. Seven
// words are a clause: fewer are set phrases ("aan het begin van het jaar")
// that any writer on the subject uses.
const Limit = 7

// Words splits text into lower-case words, dropping punctuation, so that
// "Het Goede Gesprek," and "het goede gesprek" compare equal.
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// SharedRuns returns every run of n consecutive words that text shares with
// source, each once, in the order they occur in text.
func SharedRuns(text, source string, n int) []string {
	src := Words(source)
	seen := make(map[string]bool, len(src))
	for i := 0; i+n <= len(src); i++ {
		seen[strings.Join(src[i:i+n], " ")] = true
	}
	var runs []string
	reported := map[string]bool{}
	words := Words(text)
	for i := 0; i+n <= len(words); i++ {
		run := strings.Join(words[i:i+n], " ")
		if seen[run] && !reported[run] {
			reported[run] = true
			runs = append(runs, run)
		}
	}
	return runs
}
