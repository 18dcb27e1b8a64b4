package problem

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestListSortsAndReports(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("an empty list is an error")
	}
	l.Add("b.md", 3, "fix b", "second %d", 2)
	l.Add("a.md", 9, "", "third")
	l.Append(Problem{File: "a.md", Line: 2, Message: "first", Fix: "fix a"}, Problem{File: "a.md", Line: 9, Message: "fourth"})
	l.Add("out/", 0, "choose another", "whole folder")
	l.Sort()
	want := "a.md:2: first\n\tfix: fix a\na.md:9: third\na.md:9: fourth\nb.md:3: second 2\n\tfix: fix b\nout/: whole folder\n\tfix: choose another\n5 problem(s)"
	if got := l.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	var back List
	if err := fmt.Errorf("wrapped: %w", l.Err()); !errors.As(err, &back) || len(back) != 5 {
		t.Errorf("the list does not come back out of a wrapped error: %v", back)
	}
}

func TestDidYouMean(t *testing.T) {
	kinds := []string{"text", "longtext", "scale"}
	for _, tt := range []struct{ got, want string }{
		{"txet", `did you mean "text"? (kinds: "text", "longtext", "scale")`},
		{"Scale", `did you mean "scale"? (kinds: "text", "longtext", "scale")`},
		{"colour", `use one of "text", "longtext", "scale"`},
	} {
		if got := DidYouMean(tt.got, kinds, "kinds"); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	l := List{{File: "a", Line: 1, Message: "primary is too light", Fix: "choose a darker one"}, {File: "b", Line: 2, Message: "accent is not a colour", Fix: "write #rrggbb"}}
	if p, ok := l.Find("accent", "#rrggbb"); !ok || p.File != "b" {
		t.Errorf("Find in message and fix: %v %v", p, ok)
	}
	if _, ok := l.Find("primary", "#rrggbb"); ok {
		t.Error("Find matched fragments of two different problems")
	}
}

// TestControlCharactersEscaped: what a problem quotes from a hostile file
// (ESC and OSC sequences, CR, C1 controls, DEL, a bidirectional override,
// bytes that are not UTF-8) reaches the terminal escaped, once; a line
// break and a tab stay.
func TestControlCharactersEscaped(t *testing.T) {
	hostile := "key\x1b]0;owned\x07\x1b[2J\x1b[1A\r\u009b31m\u009d\x7f\u202eevil\xff"
	l := List{
		{File: "orgs/x\x1b[31m/tokens.json", Line: 3, Message: "unknown token " + hostile + " here", Fix: "remove " + hostile},
		{File: "a.md", Line: 1, Message: fmt.Sprintf("quoted %q", hostile)},
	}
	out := l.Error()
	for _, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e || r == utf8.RuneError {
			t.Fatalf("the message holds the raw control character %U:\n%q", r, out)
		}
	}
	for _, want := range []string{`key\x1b]0;owned\x07\x1b[2J\x1b[1A\x0d\u009b31m\u009d\x7f\u202eevil\xff here`, `orgs/x\x1b[31m/tokens.json:3`, "\n\tfix: remove key"} {
		if !strings.Contains(out, want) {
			t.Errorf("the message lacks %q:\n%s", want, out)
		}
	}
	// Once: text quoted with %q (already escaped) stays as it was.
	if got, want := l[1].String(), fmt.Sprintf("a.md:1: quoted %q", hostile); got != want {
		t.Errorf("escaped twice:\n%s\nwant\n%s", got, want)
	}
	if got := Clean(Clean(hostile)); got != Clean(hostile) {
		t.Errorf("Clean is not idempotent: %q", got)
	}
	if got := Clean("plain ü text\n\twith a tab"); got != "plain ü text\n\twith a tab" {
		t.Errorf("Clean changed plain text: %q", got)
	}
}
