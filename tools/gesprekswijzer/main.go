// Command gesprekswijzer checks, builds and serves the Gesprekswijzer site.
//
//	go run ./tools/gesprekswijzer check
//	go run ./tools/gesprekswijzer build [-o DIR]
//	go run ./tools/gesprekswijzer serve [-port N]
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

const usage = `gesprekswijzer: conversation guides, agendas, question lists and forms.

Usage:
  go run ./tools/gesprekswijzer <command> [flags]

Commands:
  check    Validate all content: the front matter of every page, unique ids,
           every method in every language with the same agenda, question and
           field ids, kinds and order, and the interface strings. Prints every
           problem with file, line and fix; exit status 1 if there is any.
  build    Run check, build the site with the pinned Hugo, minify it, and
           swap it into the output directory only when complete.
             -o DIR   output directory (default: public)
  serve    Run check, then preview the site live on http://127.0.0.1:1313/
           (Hugo's server; pages reload as you edit). Ctrl+C stops it.
             -port N  port (default: 1313)
  help     Show this text.

Run inside the repository (any subfolder will do).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "check":
		return runCheck(rest, stdout, stderr)
	case "build":
		return runBuild(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "gesprekswijzer: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func root(stderr io.Writer) (string, bool) {
	r, err := site.FindRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer:", err)
		return "", false
	}
	return r, true
}

// printProblems prints every problem and reports whether there were any.
func printProblems(problems []check.Problem, w io.Writer) bool {
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(w, "%d problem(s)\n", len(problems))
	}
	return len(problems) > 0
}

// checkRoot finds the site and checks it, printing every problem. ok is
// false when the site could not be found or read at all.
func checkRoot(cmd string, stderr io.Writer) (root string, hasProblems, ok bool) {
	r, err := site.FindRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer:", err)
		return "", false, false
	}
	problems, err := check.Site(r)
	if err != nil {
		fmt.Fprintf(stderr, "gesprekswijzer %s: %v\n", cmd, err)
		return "", false, false
	}
	return r, printProblems(problems, stderr), true
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	_, hasProblems, ok := checkRoot("check", stderr)
	if !ok || hasProblems {
		return 1
	}
	fmt.Fprintln(stdout, "content ok")
	return 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	out := fs.String("o", "public", "output directory")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	r, ok := root(stderr)
	if !ok {
		return 1
	}
	dest := *out
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(r, dest)
	}
	res, err := site.Build(site.Options{Root: r, Out: dest})
	var perr *site.ProblemsError
	if errors.As(err, &perr) {
		printProblems(perr.Problems, stderr)
		fmt.Fprintln(stderr, "nothing was built")
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer build:", err)
		return 1
	}
	fmt.Fprintf(stdout, "built %d pages, %d KB (minified from %d KB) into %s in %v\n",
		res.Pages, res.Bytes/1024, res.BytesBefore/1024, dest, res.Duration.Round(1e6))
	return 0
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	port := fs.Int("port", 1313, "port")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	r, hasProblems, ok := checkRoot("serve", stderr)
	if !ok {
		return 1
	}
	if hasProblems {
		fmt.Fprintln(stderr, "serving anyway, so you can see what you are fixing")
	}
	fmt.Fprintf(stdout, "serving on http://127.0.0.1:%d/ (Ctrl+C stops)\n", *port)
	if err := hugo.Serve(hugo.Options{Source: r}, *port); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	return 0
}
