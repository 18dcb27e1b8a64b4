// Package terms finds the words an organisation may replace with its own
// (the forms of the role words that data/glossary.toml lists, and the site's
// name) in the texts readers see, and replaces them.
//
// A word is found whole: "medewerker" is not found in
// "medewerkerstevredenheid", and a form of several words ("hogere
// leidinggevende") is found as one, before the shorter form inside it, so
// that two roles never get the same word. Case is ignored when finding;
// a word found with a capital gets one when replaced ("Leidinggevende" →
// "Teamleider"), a replacement written with a capital keeps it (German
// nouns).
//
// What a replacement is written as is the caller's choice (encode): plain
// text in front-matter data, a quoted template constant in interface
// strings, a shortcode naming the site's own word in Markdown. The
// organisation's word is never written where it could be run as code.
package terms

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one form of a word an organisation may replace.
type Word struct {
	Form string // as the glossary writes it, e.g. "hogere leidinggevende"
	Role string // its role id; "" for the site's name
}

// Key is how a form is looked up: lower case, single spaces. The
// organisation's own words are keyed by it.
func Key(form string) string { return strings.ToLower(strings.Join(strings.Fields(form), " ")) }

// Vocabulary finds one language's words in text.
type Vocabulary struct {
	byFirst map[string][]entry // first word → entries, most words first
}

type entry struct {
	words []string
	key   string
	role  string
}

// New makes the vocabulary of words.
func New(words []Word) *Vocabulary {
	v := &Vocabulary{byFirst: map[string][]entry{}}
	for _, w := range words {
		key := Key(w.Form)
		if key == "" {
			continue
		}
		parts := strings.Split(key, " ")
		v.byFirst[parts[0]] = append(v.byFirst[parts[0]], entry{words: parts, key: key, role: w.Role})
	}
	for _, es := range v.byFirst {
		slices.SortStableFunc(es, func(a, b entry) int { return len(b.words) - len(a.words) })
	}
	return v
}

// Match is one occurrence of a form in a text.
type Match struct {
	Start, End int    // byte offsets in the text
	Key        string // the form's Key
	Role       string
	Text       string // as written in the text
}

// token is one word of a text.
type token struct {
	start, end int
	lower      string
}

// IsWordRune reports whether r belongs to a word: letters, digits and the
// hyphen ("collega-afdeling" is one word).
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' }

func words(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !IsWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, m := utf8.DecodeRuneInString(s[j:])
			if !IsWordRune(r) {
				break
			}
			j += m
		}
		toks = append(toks, token{i, j, strings.ToLower(s[i:j])})
		i = j
	}
	return toks
}

// Find returns every occurrence of the vocabulary's forms in s, in order.
// The words of a form of several words may be separated by any white
// space but a blank line.
func (v *Vocabulary) Find(s string) []Match {
	toks := words(s)
	var out []Match
	for i := 0; i < len(toks); {
		matched := 0
		for _, e := range v.byFirst[toks[i].lower] {
			if v.matches(s, toks, i, e) {
				last := toks[i+len(e.words)-1]
				out = append(out, Match{Start: toks[i].start, End: last.end, Key: e.key, Role: e.role, Text: s[toks[i].start:last.end]})
				matched = len(e.words)
				break
			}
		}
		i += max(matched, 1)
	}
	return out
}

func (v *Vocabulary) matches(s string, toks []token, i int, e entry) bool {
	if i+len(e.words) > len(toks) {
		return false
	}
	for k, w := range e.words {
		t := toks[i+k]
		if t.lower != w {
			return false
		}
		if k > 0 {
			gap := s[toks[i+k-1].end:t.start]
			if strings.TrimSpace(gap) != "" || strings.Count(gap, "\n") > 1 {
				return false
			}
		}
	}
	return true
}

// Cased is own as it replaces written: with a capital when written has
// one, else as own is written.
func Cased(written, own string) string {
	first, _ := utf8.DecodeRuneInString(written)
	if !unicode.IsUpper(first) {
		return own
	}
	r, n := utf8.DecodeRuneInString(own)
	return string(unicode.ToUpper(r)) + own[n:]
}

// Replace returns s with every occurrence of a form that own gives a word
// for (keyed by Key) replaced by encode(match, the word Cased).
func (v *Vocabulary) Replace(s string, own map[string]string, encode func(Match, string) string) string {
	return v.replaceMatches(s, v.Find(s), own, encode)
}

func (v *Vocabulary) replaceMatches(s string, matches []Match, own map[string]string, encode func(Match, string) string) string {
	var b strings.Builder
	last := 0
	for _, m := range matches {
		word, ok := own[m.Key]
		if !ok {
			continue
		}
		b.WriteString(s[last:m.Start])
		b.WriteString(encode(m, Cased(m.Text, word)))
		last = m.End
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
