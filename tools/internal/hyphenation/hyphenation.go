// Package hyphenation reads data/hyphenation.toml: for each language of
// the site, long words of headings, titles and table cells with the
// points where they may break with a hyphen. The templates put a soft
// hyphen (U+00AD) at each point (layouts/_partials/text/hyphenate.html),
// because a browser without a hyphenation dictionary for the page's
// language (Chromium on Linux, a locked-down Edge) ignores hyphens: auto
// and breaks a word that does not fit anywhere, without a hyphen
// ("Functioneringsgespre / k"). package check holds the file to the rules
// below, each problem with its line and fix.
package hyphenation

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// File is where the break points are, relative to the project.
const File = "data/hyphenation.toml"

// Mark is how the file marks a break point.
const Mark = "|"

// maxBytes bounds the file: a hundred words a language take 4 KB.
const maxBytes = 64 << 10

// maxWords bounds the words of one language: the templates try each on
// every heading they hyphenate.
const maxWords = 500

// Breaks are the words of each language, as written (with Mark).
type Breaks map[string][]string

// Hyphenate returns s with a soft hyphen at each break point of every
// word of lang found in it, longest words first, as the template does
// (layouts/_partials/text/hyphenate.html): a longer word is not missed
// because a shorter one inside it was marked first.
func (b Breaks) Hyphenate(lang, s string) string {
	words := slices.Clone(b[lang])
	slices.SortStableFunc(words, func(x, y string) int {
		return utf8.RuneCountInString(Plain(y)) - utf8.RuneCountInString(Plain(x))
	})
	for _, w := range words {
		s = strings.ReplaceAll(s, Plain(w), strings.ReplaceAll(w, Mark, "\u00ad"))
	}
	return s
}

// Plain is a word without its marks.
func Plain(w string) string { return strings.ReplaceAll(w, Mark, "") }

// Load reads File under root for a site in langs. A project without the
// file has no break points, which is no problem: browsers with a
// dictionary hyphenate anyway.
func Load(root string, langs []string) (Breaks, problem.List) {
	b, err := safefile.ReadPath(filepath.Join(root, filepath.FromSlash(File)), maxBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return Breaks{}, nil
	}
	if err != nil {
		return nil, one(1, "make it a readable file of at most 64 KB", "the break points cannot be read: %v", err)
	}
	return Parse(string(b), langs)
}

// Parse reads the break points from the text of File. Each language is
// a key with an array of words; a word is letters with Mark at each
// point where it may break, each part at least two letters (neither
// Dutch nor German leaves one letter at the end or start of a line).
func Parse(text string, langs []string) (Breaks, problem.List) {
	var raw map[string]any
	md, err := toml.Decode(text, &raw)
	if err != nil {
		line, msg := tomlpos.SyntaxError(text, err)
		return nil, one(line, `write it as TOML: nl = ["Func|tio|ne|rings|ge|sprek", …]`, "not valid TOML: %s", msg)
	}
	pos := tomlpos.New(text, 0)
	lineOf := func(key string) int {
		if l, ok := pos.Line(key); ok {
			return l
		}
		return 1
	}
	var problems problem.List
	out := Breaks{}
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		lang := k[0]
		at := lineOf(lang)
		if !slices.Contains(langs, lang) {
			problems.Add(File, at, "use a language of the site: "+strings.Join(langs, ", "), "%q is not a language of the site", lang)
			continue
		}
		list, ok := raw[lang].([]any)
		if !ok {
			problems.Add(File, at, fmt.Sprintf(`write %s = ["Wort|teil", …]`, lang), "%s is not a list of words", lang)
			continue
		}
		if len(list) > maxWords {
			problems.Add(File, at, fmt.Sprintf("keep at most %d words: only those of headings and cells that do not fit a phone's line", maxWords), "%s has %d words", lang, len(list))
			continue
		}
		seen := map[string]bool{}
		for _, v := range list {
			w, ok := v.(string)
			if !ok {
				problems.Add(File, at, `write each word in quotes: "Wort|teil"`, "%s: %v is not text", lang, v)
				continue
			}
			wl := wordLine(text, at, w)
			if why := wordProblem(w); why != "" {
				problems.Add(File, wl, `write the word's letters with | where it may break, each part at least two letters: "Func|tio|ne|rings|ge|sprek"`, "%s: %q %s", lang, w, why)
				continue
			}
			if seen[Plain(w)] {
				problems.Add(File, wl, "remove the second one", "%s: %q is listed twice", lang, Plain(w))
				continue
			}
			seen[Plain(w)] = true
			out[lang] = append(out[lang], w)
		}
	}
	return out, problems
}

// wordProblem says what is wrong with a word as written, or "".
func wordProblem(w string) string {
	if !strings.Contains(w, Mark) {
		return "has no break point"
	}
	for part := range strings.SplitSeq(w, Mark) {
		if utf8.RuneCountInString(part) < 2 {
			return "has a part of fewer than two letters"
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return fmt.Sprintf("has %q, which is not a letter", r)
			}
		}
	}
	return ""
}

// wordLine is the line of the word's first appearance at or after the
// line of its language's key (an array may run over lines).
func wordLine(text string, from int, w string) int {
	lines := strings.Split(text, "\n")
	quoted := fmt.Sprintf("%q", w)
	for i := from - 1; i >= 0 && i < len(lines); i++ {
		if strings.Contains(lines[i], quoted) {
			return i + 1
		}
	}
	return from
}

func one(line int, fix, format string, args ...any) problem.List {
	var l problem.List
	l.Add(File, line, fix, format, args...)
	return l
}
