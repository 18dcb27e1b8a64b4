// Command gesprekswijzer checks, builds and serves the Gesprekswijzer site,
// its organisations' variants and their web servers' configuration. Its
// commands are a table (commands.go); `gesprekswijzer help` lists them and
// docs/commands.md, made from the same table, explains each.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/gohugoio/hugo/common/terminal"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

// version is set by a release build (scripts/release:
// -ldflags "-X main.version=v1.2.3"); a build from a checkout says dev.
var version = "dev"

// versionLine is what `version` prints: this program's version, the Go
// it was built with and the Hugo inside it (from the build information
// the go command records).
func versionLine() string {
	s := "gesprekswijzer " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		s += " (" + info.GoVersion
		for _, d := range info.Deps {
			if d.Path == "github.com/gohugoio/hugo" {
				s += ", hugo " + d.Version
			}
		}
		s += ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	}
	return s
}

func main() {
	// The variants command starts copies of this program as workers.
	if os.Getenv(variants.WorkerEnv) != "" {
		os.Exit(variants.RunWorker())
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, summary())
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "gesprekswijzer: unknown command %q\n\n%s", name, summary())
		return 2
	}
	return c.dispatch(rest, stdout, stderr)
}

func root(stderr io.Writer) (string, bool) {
	r, err := site.FindRoot(".")
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer:", problem.Clean(err.Error()))
		return "", false
	}
	return r, true
}

// printProblems prints every problem and reports whether there were any.
func printProblems(problems problem.List, w io.Writer) bool {
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
func checkRoot(cmd string, stderr io.Writer) (loaded *content.Site, hasProblems, ok bool) {
	r, ok := root(stderr)
	if !ok {
		return nil, false, false
	}
	loaded, problems, err := site.Check(r)
	if err != nil {
		fmt.Fprintf(stderr, "gesprekswijzer %s: %s\n", cmd, problem.Clean(err.Error()))
		return nil, false, false
	}
	return loaded, printProblems(problems, stderr), true
}

func checkCommand() *command {
	return &command{
		Name:  "check",
		Args:  "[-v]",
		Short: "validates all content and lists every problem with file, line and fix",
		Long: `check validates all content: the front matter schema, unique ids, every method in every language with the same agenda, question and field ids, kinds and order, the guide's sections (with those a method's data asks for: what to do when the two disagree wherever the parties sign the record; the special situations, such as part-time work, a conversation at a distance, long leave, probation, joining mid-year and a new manager, wherever an employee takes part; how a judgement is kept fair wherever the form holds a rating) and the three-line in-brief box that opens each records section, every sentence in it under 20 words, and a link from every guide to the guide for difficult conversations.

Plain language: every page within the readability budget of its kind of text (sentence length, long sentences, long words, LIX; data/readability.toml, docs/readability.md), an organisation's own questions too. The interface strings, method titles, role names and every word marked {{< term >}} are checked against the glossary (data/glossary.toml, shown in docs/glossary.md); every agenda item of a German guide has an alias (its id in German); every methods folder has a content adapter and no stray page lies beside a guide.

It reads nothing that could hang or exhaust it or Hugo: a named pipe, device, socket or symbolic link in a folder Hugo reads (content, layouts, static, assets, i18n, data, archetypes), a content, layout or i18n file over 1 MB, more than 10,000 entries, or TOML nested more than 24 levels is itself a problem, and stops build and serve. Every problem is listed at once, each with file, line and fix; the exit status is 1 if there is any.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			verbose := fs.Bool("v", false, "also print the readability figures of every page (docs/readability.md)")
			return func(args []string, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return usageError("check", stderr, "unexpected %q", args[0])
				}
				loaded, hasProblems, ok := checkRoot("check", stderr)
				if ok && *verbose {
					printFigures(check.Figures(loaded), stdout)
				}
				if !ok || hasProblems {
					return 1
				}
				fmt.Fprintln(stdout, "content ok")
				return 0
			}
		},
	}
}

// printFigures prints the readability figures of every text, by kind,
// each with its budget.
func printFigures(measured []check.Measured, w io.Writer) {
	kind := ""
	for _, m := range measured {
		if m.Kind != kind {
			kind = m.Kind
			b := m.Budget
			fmt.Fprintf(w, "readability of %s (budget: %.1f words/sentence, %.0f%% over %d words, %.0f%% long words, LIX %.0f; sentences up to %d words, words up to %d letters)\n",
				b.What, b.MaxAvgWords, 100*b.MaxLongSentences, readability.LongSentence, 100*b.MaxLongWords, b.MaxLIX, b.MaxSentenceWords, b.MaxWordLetters)
		}
		fmt.Fprintf(w, "  %s %s: %s\n", problem.Clean(m.File), m.Name, m.Figures)
	}
	// All texts of a kind in a language together.
	type key struct{ kind, lang string }
	all := map[key][]readability.Sentence{}
	what := map[string]string{}
	var keys []key
	for _, m := range measured {
		what[m.Kind] = m.Budget.What
		k := key{m.Kind, m.Lang}
		if _, ok := all[k]; !ok {
			keys = append(keys, k)
		}
		all[k] = append(all[k], m.Sentences...)
	}
	for _, k := range keys {
		fmt.Fprintf(w, "readability of all %s in %s: %s\n", what[k.kind], k.lang, readability.Measure(all[k]))
	}
}

// failed reports err, if any: the problems with the content, the
// organisation files or the output folder that stopped cmd (nothing was
// built), or the error itself.
func failed(cmd string, err error, stderr io.Writer) bool {
	return stopped(cmd, err, stderr, "nothing was built")
}

// stopped reports err, if any: every problem, then what did not happen
// (outcome), or the error itself, escaped as problems are (errors quote
// paths and text from the input).
func stopped(cmd string, err error, stderr io.Writer, outcome string) bool {
	var list problem.List
	switch {
	case problemsOf(err, &list):
		printProblems(list, stderr)
		fmt.Fprintln(stderr, outcome)
	case err != nil:
		fmt.Fprintf(stderr, "gesprekswijzer %s: %s\n", cmd, problem.Clean(err.Error()))
	}
	return err != nil
}

// problemsOf reports whether err is one problem or a list of them, and
// sets list to them.
func problemsOf(err error, list *problem.List) bool {
	var one problem.Problem
	switch {
	case errors.As(err, list):
		return true
	case errors.As(err, &one):
		*list = problem.List{one}
		return true
	}
	return false
}

// outputDir finds the site and the output directory: a relative one is
// taken from the site's root.
func outputDir(out string, stderr io.Writer) (r, dest string, ok bool) {
	if r, ok = root(stderr); !ok {
		return "", "", false
	}
	dest = out
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(r, dest)
	}
	return r, dest, true
}

func buildCommand() *command {
	return &command{
		Name:  "build",
		Args:  "[-o DIR]",
		Short: "checks, builds the site with the pinned Hugo, minifies, verifies every link and swaps it into DIR whole",
		Long: `build runs check, then the one build path: it stages the site beside DIR (default public/), builds it with the pinned Hugo, minifies HTML, CSS, JS, SVG, JSON and XML, verifies every link and reference (a broken link fails the build), and swaps it in whole. A failed build leaves the previous output untouched.

DIR may not be the project or lie in its sources, and an existing DIR is replaced only if this tool wrote it: see docs/output-folders.md. A second run into the same output waits for the first.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			out := fs.String("o", "public", "the output folder `DIR`")
			return func(args []string, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return usageError("build", stderr, "unexpected %q", args[0])
				}
				r, dest, ok := outputDir(*out, stderr)
				if !ok {
					return 1
				}
				res, err := site.Build(site.Options{Root: r, Out: dest, Wait: stderr})
				if failed("build", err, stderr) {
					return 1
				}
				fmt.Fprintf(stdout, "built %d pages, %d KB (minified from %d KB) into %s in %v\n",
					res.Pages, res.Bytes/1024, res.BytesBefore/1024, dest, res.Duration.Round(1e6))
				return 0
			}
		},
	}
}

func variantsCommand() *command {
	return &command{
		Name:  "variants",
		Args:  "[-o DIR] [-force] [-prune] [-force-owner] [-shard K/N] [ORG_DIR ...]",
		Short: "builds every organisation's branded variant into DIR/<slug>/, only those whose inputs changed",
		Long: `variants checks the content once, validates every organisation file (all of orgs/, or the folders named) and every output folder and, only if all are sound, builds each into DIR/<slug>/ (default public-variants/) through the same build path as build: branded, minified, verified, swapped in whole.

An organisation whose output was built from exactly the same inputs (its org.toml and images, the content it uses, layouts, assets, static files, interface strings, config.toml, this program) is left as it is. DIR/<slug> belongs to the organisation folder it was built from: another folder declaring the same slug is refused, in this run or a later one (docs/output-folders.md). Temporary folders of runs that were killed are removed by the next run.

On a terminal progress is one line (done/total, rate, time left), otherwise a line per organisation with time, pages and size; then a summary. The exit status is 1 if any organisation failed (the others are still delivered). An organisation's folder is untrusted data: read confined to the folder, images rewritten, texts escaped and bounded, never run. See docs/variants.md and orgs/README.md.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			out := fs.String("o", "public-variants", "the output folder `DIR`")
			force := fs.Bool("force", false, "build every organisation, changed or not")
			prune := fs.Bool("prune", false, "remove outputs in DIR of organisations that are no longer there (only folders this tool wrote)")
			forceOwner := fs.Bool("force-owner", false, "let an organisation take over DIR/<slug> built for another organisation folder")
			shardFlag := fs.String("shard", "", "build only share `K/N` of the organisations (1 ≤ K ≤ N ≤ 1000), for N machines")
			return func(args []string, stdout, stderr io.Writer) int {
				r, dest, ok := outputDir(*out, stderr)
				if !ok {
					return 1
				}
				var shard variants.Shard
				if *shardFlag != "" {
					var err error
					if shard, err = variants.ParseShard(*shardFlag); err != nil {
						fmt.Fprintln(stderr, "gesprekswijzer variants:", err)
						return 2
					}
				}
				var dirs []string
				for _, d := range args {
					abs, err := filepath.Abs(d)
					if err != nil {
						fmt.Fprintln(stderr, "gesprekswijzer variants:", err)
						return 1
					}
					dirs = append(dirs, abs)
				}
				exe, err := os.Executable()
				if err != nil {
					exe = "" // build in this process instead
				}
				start := time.Now()
				results, err := variants.Build(variants.Options{
					Root: r, Orgs: dirs, Out: dest, Worker: exe,
					Progress: stdout, Terminal: isTerminal(stdout), Wait: stderr,
					Force: *force, Prune: *prune, Shard: shard, ForceOwner: *forceOwner,
				})
				if failed("variants", err, stderr) {
					return 1
				}
				summary := variants.Summary(results, time.Since(start)) + " into " + dest
				if shard.N > 1 {
					summary += " (shard " + shard.String() + ")"
				}
				fmt.Fprintln(stdout, summary)
				for _, res := range results {
					if res.Err != nil {
						return 1
					}
				}
				return 0
			}
		},
	}
}

// isTerminal reports whether w is a terminal a progress line can be
// redrawn on (Hugo's own test: not with TERM=dumb).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && terminal.IsTerminal(f)
}
