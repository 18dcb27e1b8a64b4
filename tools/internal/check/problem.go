// Package check validates a site's content before anything is built: the
// schema of every front matter, unique ids, and that every method exists in
// every language with the same structure. It reports every problem at once,
// each with the file, the line and how to fix it.
package check

import (
	"fmt"
	"sort"
)

// Problem is one thing wrong with the content.
type Problem struct {
	File    string // relative to the site root
	Line    int
	Message string
	Fix     string
}

func (p Problem) String() string {
	s := fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	if p.Line == 0 { // a folder, or a file as a whole
		s = fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	if p.Fix != "" {
		s += "\n\tfix: " + p.Fix
	}
	return s
}

// report collects problems.
type report struct{ problems []Problem }

func (r *report) add(file string, line int, fix, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix})
}

func (r *report) sorted() []Problem {
	sort.SliceStable(r.problems, func(i, j int) bool {
		a, b := r.problems[i], r.problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return r.problems
}
