package check

import "github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"

// report collects problems.
type report struct{ problems problem.List }

func (r *report) add(file string, line int, fix, format string, args ...any) {
	r.problems.Add(file, line, fix, format, args...)
}

func (r *report) sorted() problem.List {
	r.problems.Sort()
	return r.problems
}
