// Command gesprekswijzer checks, builds and serves the Gesprekswijzer site.
//
//	go run ./tools/gesprekswijzer check
//	go run ./tools/gesprekswijzer build [-o DIR]
//	go run ./tools/gesprekswijzer serve [-port N] [-org DIR]
//	go run ./tools/gesprekswijzer variants [-o DIR] [-force] [-prune] [-shard K/N] [ORG_DIR ...]
//	go run ./tools/gesprekswijzer server-config nginx|apache|caddy|iis [-org DIR] [-root PATH] [-o FILE]
//	go run ./tools/gesprekswijzer new METHOD_ID -nl NL_SLUG -de DE_SLUG
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
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

const usage = `gesprekswijzer: conversation guides, agendas, question lists and forms.

Usage:
  go run ./tools/gesprekswijzer <command> [flags]

Commands:
  check    Validate all content: the front matter of every page, unique ids,
           every method in every language with the same agenda, question and
           field ids, kinds and order, the interface strings, and plain
           language (each page within data/readability.toml's budget). Prints
           every problem with file, line and fix; exit status 1 if there is any.
           -v also prints every page's readability figures.
  build    Run check, build the site with the pinned Hugo, minify it,
           verify every link and reference, and swap it into the output
           directory only when complete. The output directory may not be
           the project or lie in its sources; an existing one is replaced
           only if this tool wrote it. A second run into the same output
           waits for the first.
             -o DIR   output directory (default: public)
  serve    Run check, then preview the site live on http://127.0.0.1:1313/
           (Hugo's server; pages reload as you edit). Ctrl+C stops it.
             -port N    port (default: 1313)
             -org DIR   preview one organisation's variant (e.g. orgs/provincie-voorbeeld);
                        edits to its folder are shown as they are saved
  variants Validate every organisation file (orgs/<slug>/org.toml, or the
           folders named) and every output folder and, only if all are
           sound, build each into DIR/<slug>: branded, minified, links
           verified, swapped in when complete. An organisation whose output
           was built from exactly the same inputs (its org.toml and images,
           the content it uses, layouts, assets, static files, interface
           strings, config.toml, this program) is left as it is. Progress
           on one line on a terminal, else a line per organisation; a
           summary; exit status 1 if any problem or failure (the others
           are still delivered).
             -o DIR       output directory (default: public-variants)
             -force       build every organisation, changed or not
             -prune       remove outputs in DIR of organisations that are
                          no longer there (only folders this tool wrote)
             -shard K/N   build only the K-th of N shares of the
                          organisations (1 ≤ K ≤ N ≤ 1000), for N machines
             -force-owner let an organisation take over DIR/<slug> that was
                          built for another organisation folder (refused
                          otherwise: the output belongs to its folder)
  server-config nginx|apache|caddy|iis
           Write that web server's configuration for the site (or with -org,
           a variant) under its base path: the 404 page, media types, UTF-8,
           the Content-Security-Policy and the other security headers as
           HTTP headers, caching. The file's first lines say where it goes.
             -org DIR   configure this organisation's variant
             -root PATH the folder of the site's files on the server
                        (default: /srv/gesprekswijzer[/<slug>])
             -o FILE    write to FILE (default: standard output)
  new METHOD_ID -nl NL_SLUG -de DE_SLUG
           Start a method: write its guide in each language (every section,
           an agenda, questions, form fields; it passes check as it is) and
           its names in docs/glossary.md. Refuses an id or folder that exists
           or is not valid, and then writes nothing.
             -nl-title, -de-title   its names (default: the glossary's, or
                                    made from the folder name)
  version  Print this program's version (a release's, or "dev" for one
           built from a checkout) and the Go and Hugo it was built with.
  help     Show this text.

Run inside the repository (any subfolder will do).
`

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
	case "variants":
		return runVariants(rest, stdout, stderr)
	case "server-config":
		return runServerConfig(rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return 0
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

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	verbose := fs.Bool("v", false, "also print the readability figures of every page (readability: docs/readability.md)")
	if err := fs.Parse(args); err != nil {
		return 2
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
// written), or the error itself.
func failed(cmd string, err error, stderr io.Writer) bool {
	var list problem.List
	switch {
	case problemsOf(err, &list):
		printProblems(list, stderr)
		fmt.Fprintln(stderr, "nothing was built")
	case err != nil:
		// Errors quote paths and text from the input: escaped as problems are.
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

// outputFlags parses a command's -o flag (and those more adds) and finds
// the site; a relative output directory is taken from the site's root.
// code is the exit status when ok is false.
func outputFlags(name, def string, args []string, stderr io.Writer, more func(*flag.FlagSet)) (fs *flag.FlagSet, r, dest string, code int, ok bool) {
	fs = newFlags(name, stderr)
	out := fs.String("o", def, "output directory")
	if more != nil {
		more(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, "", "", 2, false
	}
	if r, ok = root(stderr); !ok {
		return nil, "", "", 1, false
	}
	dest = *out
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(r, dest)
	}
	return fs, r, dest, 0, true
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	_, r, dest, code, ok := outputFlags("build", "public", args, stderr, nil)
	if !ok {
		return code
	}
	res, err := site.Build(site.Options{Root: r, Out: dest, Wait: stderr})
	if failed("build", err, stderr) {
		return 1
	}
	fmt.Fprintf(stdout, "built %d pages, %d KB (minified from %d KB) into %s in %v\n",
		res.Pages, res.Bytes/1024, res.BytesBefore/1024, dest, res.Duration.Round(1e6))
	return 0
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	port := fs.Int("port", 1313, "port")
	orgDir := fs.String("org", "", "an organisation's folder, to preview its variant")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *orgDir != "" {
		return serveOrg(*orgDir, *port, stdout, stderr)
	}
	r, ok := root(stderr)
	if !ok {
		return 1
	}
	loaded, problems, err := site.Check(r)
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", problem.Clean(err.Error()))
		return 1
	}
	hasProblems := printProblems(problems, stderr)
	if len(loaded.Refused) > 0 {
		// Hugo would hang on a named pipe or read without bound.
		fmt.Fprintln(stderr, "not serving: the site's folders hold files that must not be read (see above)")
		return 1
	}
	if hasProblems {
		fmt.Fprintln(stderr, "serving anyway, so you can see what you are fixing (the pages show the problems too)")
	}
	if err := portFree(*port); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	dir, err := newPreviewFolder("")
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	shown, err := newProblemsFile(filepath.Join(dir, "problems.toml"))
	if err == nil {
		err = shown.show(problems, false)
	}
	if err != nil {
		os.RemoveAll(dir)
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	stop := make(chan struct{})
	defer close(stop)
	go watchSite(loaded.Root, shown, stderr, stop, watchEvery)
	if err := preview(hugo.Options{Source: loaded.Root, Configs: []string{"config.toml", shown.path}}, dir, *port, "/", "the site", stdout); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", problem.Clean(err.Error()))
		return 1
	}
	return 0
}

func runVariants(args []string, stdout, stderr io.Writer) int {
	var force, prune, forceOwner *bool
	var shardFlag *string
	fs, r, dest, code, ok := outputFlags("variants", "public-variants", args, stderr, func(fs *flag.FlagSet) {
		force = fs.Bool("force", false, "build every organisation, changed or not")
		prune = fs.Bool("prune", false, "remove outputs of organisations that are no longer there")
		forceOwner = fs.Bool("force-owner", false, "let an organisation take over DIR/<slug> built for another organisation folder")
		shardFlag = fs.String("shard", "", "build only share K of N (K/N)")
	})
	if !ok {
		return code
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
	for _, d := range fs.Args() {
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

// isTerminal reports whether w is a terminal a progress line can be
// redrawn on (Hugo's own test: not with TERM=dumb).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && terminal.IsTerminal(f)
}
