package variants

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// replaceWords replaces whole words of s by an organisation's own words.
// terms maps the site's word, in lower case, to the replacement. A word
// written with a capital keeps one ("Leidinggevende" → "Teamleider"); a
// word inside another ("medewerkerstevredenheid") is left alone. encode
// writes a replacement in the language of s (see templateText).
func replaceWords(s string, terms map[string]string, encode func(string) string) string {
	if len(terms) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += n
		}
		word := s[i:j]
		if own, ok := terms[strings.ToLower(word)]; ok {
			if first, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(first) {
				own = firstUpper(own)
			}
			word = encode(own)
		}
		b.WriteString(word)
		i = j
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' }

func firstUpper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
