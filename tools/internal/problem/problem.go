// Package problem is the one way Gesprekswijzer reports what is wrong with
// its input: content, interface strings, organisation files, output
// folders and built sites. A Problem names the file, the line and the fix;
// a List collects every problem of a run, sorted, and is itself the error
// that stops the run, in the manner of go/scanner's ErrorList.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with an input file.
type Problem struct {
	File    string // as the user knows it: relative to the project where it lies inside it
	Line    int    // 1-based; 0 when the problem is the whole file
	Message string
	Fix     string // what to do about it; may start with a did-you-mean
}

// String is the problem as printed: file, line, message and fix, with
// every control character escaped (see Clean): a message quotes what it
// read, and a hostile file must not retitle, clear or rewrite the
// operator's terminal.
func (p Problem) String() string {
	s := Clean(p.File)
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	s += ": " + Clean(p.Message)
	if p.Fix != "" {
		s += "\n\tfix: " + Clean(p.Fix)
	}
	return s
}

// Clean escapes, once, every character of s that a terminal would act on
// rather than show: C0 controls (ESC starts colour, cursor, title and
// clipboard sequences; CR overwrites a line) and DEL, C1 controls (CSI
// and OSC have one-byte forms), bytes that are not UTF-8, and the
// invisible characters that reorder or hide text (bidirectional controls,
// line and paragraph separators). Each becomes a Go escape (\x1b, \u202e);
// a line break and a tab stay as they are, for messages of several lines.
// A backslash is not escaped, so text cleaned twice is what it was after
// the first time.
func Clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			if r < 0x80 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsClean(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r) {
			return true
		}
		i += n
	}
	return false
}

// unsafeRune: a control character a terminal acts on, or an invisible
// one that reorders or hides the text around it.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0x2028 || r == 0x2029 || r == 0x061c || r == 0x200e || r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Error lets a single Problem be returned as an error.
func (p Problem) Error() string { return p.String() }

// List is every problem found in a run. Its zero value is empty and ready
// to use.
type List []Problem

// Add appends a problem whose message is formatted from format and args.
func (l *List) Add(file string, line int, fix, format string, args ...any) {
	*l = append(*l, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// Append appends problems, e.g. those another validator returned.
func (l *List) Append(ps ...Problem) { *l = append(*l, ps...) }

// Sort orders the list by file and line, keeping the order of problems on
// the same line.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error prints every problem, one (with its fix) per line, and the count.
func (l List) Error() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%d problem(s)", len(l))
	return b.String()
}

// Find returns the first problem whose message or fix contains every one
// of fragments, for tests and for callers that look for one kind.
func (l List) Find(fragments ...string) (Problem, bool) {
	for _, p := range l {
		text := p.Message + "\n" + p.Fix
		found := true
		for _, f := range fragments {
			found = found && strings.Contains(text, f)
		}
		if found {
			return p, true
		}
	}
	return Problem{}, false
}

// Closest returns the candidate nearest to word when it is near enough to
// be a likely misspelling (case is ignored), or "".
func Closest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+2
	for _, c := range candidates {
		if d := distance(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean is a fix for an unknown word: "did you mean "x"? (what: …)"
// when one of allowed is close, else "use one of …".
func DidYouMean(got string, allowed []string, what string) string {
	list := QuoteList(allowed)
	if s := Closest(got, allowed); s != "" {
		return fmt.Sprintf("did you mean %q? (%s: %s)", s, what, list)
	}
	return "use one of " + list
}

// QuoteList writes a list of words for a message: "a", "b", "c".
func QuoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
