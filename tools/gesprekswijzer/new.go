package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scaffold"
)

// runNew starts a new method: one guide per language and its row in the
// glossary (see package scaffold).
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stderr)
	slugs := map[string]*string{"nl": fs.String("nl", "", "the Dutch folder name (the URL), e.g. functioneringsgesprek"),
		"de": fs.String("de", "", "the German folder name (the URL), e.g. mitarbeitergespraech")}
	titles := map[string]*string{"nl": fs.String("nl-title", "", "the Dutch name (default: from the glossary, or the folder name)"),
		"de": fs.String("de-title", "", "the German name (default: from the glossary, or the folder name)")}
	// The id comes first, the flags after it, as in the usage line.
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintln(stderr, "gesprekswijzer new: give the method id first: new METHOD_ID -nl NL_SLUG -de DE_SLUG")
		return 2
	}
	id := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gesprekswijzer new: unexpected %q: new METHOD_ID -nl NL_SLUG -de DE_SLUG\n", fs.Arg(0))
		return 2
	}
	r, ok := root(stderr)
	if !ok {
		return 1
	}
	o := scaffold.Options{ID: id, Slugs: map[string]string{}, Titles: map[string]string{}}
	for lang, s := range slugs {
		if *s != "" {
			o.Slugs[lang] = *s
		}
		if *titles[lang] != "" {
			o.Titles[lang] = *titles[lang]
		}
	}
	written, err := scaffold.Method(r, o)
	var refusal *scaffold.Refusal
	switch {
	case errors.As(err, &refusal):
		fmt.Fprintf(stderr, "gesprekswijzer new: %v\n", err)
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "gesprekswijzer new: %v (nothing was written)\n", err)
		return 1
	}
	for _, f := range written {
		fmt.Fprintln(stdout, "wrote", f)
	}
	fmt.Fprintln(stdout, "next: write the guides (docs/content-model.md), then run check")
	return 0
}
