package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scaffold"
)

// perLanguage is a flag given once per language as LANG=VALUE
// (-lang nl=functioneringsgesprek): the languages are the site's, from
// config.toml, not the program's.
type perLanguage map[string]string

func (p perLanguage) String() string {
	var s []string
	for k, v := range p {
		s = append(s, k+"="+v)
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

func (p perLanguage) Set(v string) error {
	lang, value, ok := strings.Cut(v, "=")
	switch {
	case !ok || lang == "" || value == "":
		return fmt.Errorf("%q is not LANG=VALUE (e.g. nl=functioneringsgesprek)", v)
	case p[lang] != "":
		return fmt.Errorf("%s is given twice", lang)
	}
	p[lang] = value
	return nil
}

func newCommand() *command {
	return &command{
		Name:    "new",
		Args:    "METHOD_ID -lang LANG=SLUG ... [-title LANG=TITLE ...]",
		Leading: true,
		Short:   "starts a method: its guide in every language with every section, and its names in the glossary",
		Long:    `new starts a method: it writes its guide in each of the site's languages (every section, a valid minimal structure: it passes check as it is) and its names in the glossary (data/glossary.toml, and the tables of docs/glossary.md made from it). Give the folder name (the URL) of each language in config.toml with -lang, once per language. It refuses an id or folder that exists or is not valid, and then writes nothing. See docs/adding-a-method.md.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			slugs, titles := perLanguage{}, perLanguage{}
			fs.Var(slugs, "lang", "the folder name (the URL) in a language, as `LANG=SLUG`; once per language of the site")
			fs.Var(titles, "title", "the method's name in a language, as `LANG=TITLE` (default: the glossary's, or made from the folder name)")
			return func(args []string, stdout, stderr io.Writer) int {
				switch {
				case len(args) == 0:
					return usageError("new", stderr, "give the method id first")
				case len(args) > 1:
					return usageError("new", stderr, "unexpected %q", args[1])
				}
				r, ok := root(stderr)
				if !ok {
					return 1
				}
				written, err := scaffold.Method(r, scaffold.Options{ID: args[0], Slugs: slugs, Titles: titles})
				if stopped("new", err, stderr, "nothing was written") {
					return 1
				}
				for _, f := range written {
					fmt.Fprintln(stdout, "wrote", f)
				}
				fmt.Fprintln(stdout, "next: write the guides (docs/content-model.md), then run check")
				return 0
			}
		},
	}
}
