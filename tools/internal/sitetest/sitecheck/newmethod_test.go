package sitecheck

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scaffold"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// TestNewMethodJoinsTheSite: in a copy of the project, "new" adds one more
// method and nothing else is touched. The content check passes, the site
// builds, and the tests of the built site pass with the extra method:
// structure, links, language switch, forms and budgets over every page;
// printing, axe-core and the Nu Html Checker over the new method's pages
// and the pages that list the methods (the others are those of this
// project, tested above).
func TestNewMethodJoinsTheSite(t *testing.T) {
	t.Parallel()
	root := projecttest.CopyProject(t)
	before := siteUnder{root: root}.guides(t)
	written, err := scaffold.Method(root, scaffold.Options{ID: "proefgesprek", Slugs: map[string]string{"nl": "proefgesprek", "de": "probegespraech"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("new wrote %v", written)
	s := checkAndBuild(t, root)
	out := s.built
	if after := s.guides(t); after != before+2 {
		t.Fatalf("%d guides after new, want %d", after, before+2)
	}
	checkBuiltSite(t, s)

	ours := func(u string) bool {
		return strings.Contains(u, "/proefgesprek/") || strings.Contains(u, "/probegespraech/") ||
			u == "/" || u == "/de/" || u == "/gesprekken/" || u == "/de/gespraeche/"
	}
	var urls, files []string
	for u, p := range sitetest.Pages(t, out) {
		if ours(u) {
			urls = append(urls, u)
			files = append(files, p.File)
		}
	}
	if len(urls) != 2*(1+3+2)+4 {
		t.Errorf("pages of the new method and the lists: %v, want its guide, agenda, question list, form and a preparation sheet per party in both languages, and the lists", urls)
	}
	t.Run("printed pages", func(t *testing.T) { checkPrintedPages(t, s, ours) })
	t.Run("accessibility", func(t *testing.T) { sitetest.CheckAccessibility(t, s.built, urls) })
	t.Run("valid HTML", func(t *testing.T) { checkValidHTML(t, files) })
}

// TestAdapterRefusesAWrongFolder: a content adapter that names another
// folder than its own, or one that does not exist, stops the build with a
// message that says which adapter and what to correct, instead of
// generating pages for the wrong language or none at all.
func TestAdapterRefusesAWrongFolder(t *testing.T) {
	// Not in parallel: it redirects the process's standard output.
	for _, c := range []struct{ folder, want string }{
		{"content/nl/gesprekken", `its folder is given as "content/nl/gesprekken", which is not where it is`},
		{"content/fr/gespraeche", `folder "content/fr/gespraeche" is missing or empty`},
	} {
		root := projecttest.CopyProject(t)
		adapter := filepath.Join(root, "content/de/gespraeche/_content.gotmpl")
		b, err := os.ReadFile(adapter)
		if err != nil {
			t.Fatal(err)
		}
		wrong := strings.Replace(string(b), `"folder" "content/de/gespraeche"`, `"folder" "`+c.folder+`"`, 1)
		if wrong == string(b) {
			t.Fatalf("%s does not name its folder as expected", adapter)
		}
		os.WriteFile(adapter, []byte(wrong), 0o644)
		// Hugo logs a template's errorf; site.Build runs it quietly, so
		// run it here as the live preview does, and read the log.
		var logged string
		logged, err = stderrOf(func() error {
			return hugo.Build(hugo.Options{Source: root, Destination: filepath.Join(t.TempDir(), "public")})
		})
		if err == nil || !strings.Contains(logged, c.want) {
			t.Errorf("folder %q: want a failed build that says %q; got %v and:\n%s", c.folder, c.want, err, logged)
		}
	}
}

// stderrOf runs f and returns what it wrote to the standard output and
// error (where Hugo logs a template's errorf) with f's error.
func stderrOf(f func() error) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	savedErr, savedOut := os.Stderr, os.Stdout
	os.Stderr, os.Stdout = w, w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	ferr := f()
	os.Stderr, os.Stdout = savedErr, savedOut
	w.Close()
	return <-done, ferr
}

// TestPreparationSheetAtItsLimit: a method whose preparation sheet is as
// full as check allows (long questions of two plain sentences each, within
// the readability budget of questions, each under an agenda item of its
// own, added until one more would be refused) still prints its sheet on one
// A4 page in both languages: check's estimate of the sheet is safe.
func TestPreparationSheetAtItsLimit(t *testing.T) {
	t.Parallel()
	root := projecttest.CopyProject(t)
	slugs := map[string]string{"nl": "volle-voorbereiding", "de": "volle-vorbereitung"}
	if _, err := scaffold.Method(root, scaffold.Options{ID: "volle-voorbereiding", Slugs: slugs}); err != nil {
		t.Fatal(err)
	}
	question := map[string]string{
		"nl": "Welke drie dingen uit het afgelopen halfjaar wil je bespreken? En wat wil je daarover van de ander horen voordat jullie samen verder plannen?",
		"de": "Welche drei Dinge aus dem letzten Halbjahr möchten Sie besprechen? Und was möchten Sie dazu von der anderen Seite hören, bevor Sie weiterplanen?",
	}
	files := map[string]string{
		"nl": filepath.Join(root, "content/nl/gesprekken", slugs["nl"], "_index.md"),
		"de": filepath.Join(root, "content/de/gespraeche", slugs["de"], "_index.md"),
	}
	original := map[string]string{}
	for lang, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		original[lang] = string(b)
	}
	// write gives the method n extra agenda items, each with one long
	// question for the sheet, and reports whether check accepts it.
	write := func(n int) bool {
		for lang, f := range files {
			var extra strings.Builder
			for i := range n {
				alias := "" // a German item has its German id too
				if lang == "de" {
					alias = fmt.Sprintf("alias = \"zusatz-%d\"\n", i)
				}
				fmt.Fprintf(&extra, "\n[[params.agenda]]\nid = \"extra-%d\"\n%stitle = \"Punt %d met een titel van gewone lengte\"\nminutes = 5\npurpose = \"Doel.\"\n\n  [[params.agenda.questions]]\n  id = \"vraag-%d\"\n  asks = \"employee\"\n  text = %q\n  prepare = true\n", i, alias, i, i, question[lang])
			}
			text := strings.Replace(original[lang], "\n+++\n## ", "\n"+extra.String()+"+++\n## ", 1)
			if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		problems, err := check.Site(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			if !strings.Contains(p.Message, "preparation sheet would not fit") {
				t.Fatalf("check: %s", p)
			}
		}
		return len(problems) == 0
	}
	n := 0
	for write(n + 1) {
		n++
	}
	if n < 3 {
		t.Fatalf("only %d long questions fit beside the skeleton's: the estimate leaves too little room", n)
	}
	write(n)
	t.Logf("%d long questions fit beside the skeleton's two", n)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	sheets := 0
	checkPrintedPages(t, siteUnder{root: root, built: out}, func(u string) bool {
		ok := strings.Contains(u, "/volle-") && (strings.Contains(u, "/voorbereiding-") || strings.Contains(u, "/vorbereitung-"))
		if ok {
			sheets++
		}
		return ok
	})
	if sheets != 4 {
		t.Errorf("printed %d preparation sheets of the full method, want 4 (one per party and language)", sheets)
	}
}

// checkAndBuild runs the content check on the project at root (every
// problem fails the test) and builds it, as build does.
func checkAndBuild(t *testing.T, root string) siteUnder {
	t.Helper()
	problems, err := check.Site(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %s", p)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	return siteUnder{root: root, built: out}
}

// checkBuiltSite runs the tests of the built site that take any project
// over s: structure, print links, alternates and the language switch,
// links, budgets, forms.
func checkBuiltSite(t *testing.T, s siteUnder) {
	for _, c := range []struct {
		name string
		test func(*testing.T, siteUnder)
	}{
		{"every method", checkEveryMethod},
		{"print links", checkPrintLinks},
		{"alternates", checkAlternates},
		{"links", checkLinks},
		{"guide budget", checkGuideBudget},
		{"forms", checkForms},
		{"form labels", checkFormLabels},
		{"form budget", checkFormBudget},
	} {
		t.Run(c.name, func(t *testing.T) { c.test(t, s) })
	}
}
