package problem

import (
	"errors"
	"fmt"
	"testing"
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
