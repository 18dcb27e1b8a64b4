package variants

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

var root = projecttest.RepoRoot()

// builtExamples builds the example organisations once per test
// binary and returns the output directory.
var builtExamples = func() func(t *testing.T) string {
	var dir string
	var err error
	return func(t *testing.T) string {
		t.Helper()
		if dir == "" && err == nil {
			dir, err = os.MkdirTemp("", "gesprekswijzer-examples-")
			examplesDir = dir
			if err == nil {
				var results []Result
				results, err = Build(Options{Root: root, Out: dir, Worker: workerExe})
				for _, r := range results {
					if r.Err != nil && err == nil {
						err = fmt.Errorf("%s: %w", r.Slug, r.Err)
					}
				}
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
}()

// worker is this test binary, which builds as a variants worker when
// started with WorkerEnv set (see TestMain).
var workerExe = func() string { exe, _ := os.Executable(); return exe }()

func TestMain(m *testing.M) {
	if os.Getenv(WorkerEnv) != "" {
		os.Exit(RunWorker())
	}
	if spec := os.Getenv(runEnv); spec != "" {
		os.Exit(runFromEnv(spec))
	}
	code := m.Run()
	// Only this binary's own folder: a glob over the temporary directory
	// would delete the folders of test runs going on beside this one.
	if examplesDir != "" {
		os.RemoveAll(examplesDir)
	}
	// The programs the benchmarks built (80 MB each), if they did.
	for _, dir := range benchBinaryDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// examplesDir is the folder builtExamples built into.
var examplesDir string

// pages parses every HTML page of one built variant, by path.
func pages(t *testing.T, dir string) map[string]*goquery.Document {
	t.Helper()
	docs := map[string]*goquery.Document{}
	for u, p := range sitetest.Pages(t, dir) {
		docs[u] = p.Doc
	}
	return docs
}

// contentMethods lists the method guides of one language of the content.
func contentMethods(t *testing.T, lang string) []*content.Page {
	t.Helper()
	site, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var guides []*content.Page
	for _, p := range site.Pages {
		if p.IsMethod() && p.Lang == lang {
			guides = append(guides, p)
		}
	}
	return guides
}

func methodsOf(docs map[string]*goquery.Document) []string {
	var ids []string
	for _, d := range docs {
		if id, ok := d.Find("main[data-method]").Attr("data-method"); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func TestProvinceVariant(t *testing.T) {
	dir := filepath.Join(builtExamples(t), "provincie-voorbeeld")
	docs := pages(t, dir)
	if got := methodsOf(docs); fmt.Sprint(got) != "[a3-managementgesprek het-goede-gesprek planningsgesprek]" {
		t.Errorf("methods: %v", got)
	}
	for u, d := range docs {
		if strings.HasPrefix(u, "/de/") || d.Find("html").AttrOr("lang", "") != "nl" {
			t.Errorf("%s: a page that is not Dutch in a Dutch-only variant", u)
		}
		if d.Find(".language-switch").Length() > 0 {
			t.Errorf("%s: a language switch in a single-language variant", u)
		}
		if src := d.Find(".site-name img").AttrOr("src", ""); src != "/gesprekken/org/logo.svg" {
			t.Errorf("%s: header logo %q", u, src)
		}
		// One stylesheet, pinned: the site's, or on pages with drafts the
		// form's, which holds the site's and the brand's too.
		if d.Find(`link[rel=stylesheet][integrity]`).Length() != 1 || d.Find(`link[rel=stylesheet][href^="/gesprekken/css/site."], link[rel=stylesheet][href^="/gesprekken/css/form."]`).Length() != 1 {
			t.Errorf("%s: no pinned site stylesheet", u)
		}
		if !strings.Contains(d.Find(".site-footer .contact").Text(), "hr-advies@provincie-voorbeeld.nl") {
			t.Errorf("%s: no contact in the footer", u)
		}
		d.Find(".asks").Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "Leidinggevende") {
				t.Errorf("%s: role label %q still says Leidinggevende", u, s.Text())
			}
		})
	}
	// Every method the province leaves out is gone, with the pages the
	// content adapter would generate from its guide.
	gone := []string{"de"}
	for _, m := range contentMethods(t, "nl") {
		if !slices.Contains([]string{"a3-managementgesprek", "het-goede-gesprek", "planningsgesprek"}, m.Front.Params.Method) {
			gone = append(gone, m.Dir)
		}
	}
	if len(gone) < 4 {
		t.Errorf("the content has too few methods to leave any out: %v", gone)
	}
	for _, g := range gone {
		if _, err := os.Stat(filepath.Join(dir, g)); err == nil {
			t.Errorf("%s exists in a variant without it", g)
		}
	}
	// The brand is bundled after the site's defaults, in the one
	// fingerprinted stylesheet; nothing is published as org/brand.css.
	sheet, _ := docs["/"].Find(`link[rel=stylesheet]`).Attr("href")
	css, err := os.ReadFile(filepath.Join(dir, strings.TrimPrefix(sheet, "/gesprekken/")))
	if err != nil || !strings.Contains(string(css), "--gw-primary:#00594f") || !strings.Contains(string(css), "--gw-accent:#f0b323") ||
		strings.LastIndex(string(css), "--gw-primary:") < strings.Index(string(css), "--gw-primary:#0b4f8a") {
		t.Errorf("the stylesheet %s does not end with the brand: %v", sheet, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "org", "brand.css")); err == nil {
		t.Errorf("org/brand.css is published beside the bundle")
	}
	sitetest.CheckAssets(t, dir, "/gesprekken/")
	guide := docs["/gesprekken/het-goede-gesprek/"]
	// the higher manager ("hogere leidinggevende") is another role, which
	// the province does not rename (data/glossary.toml, role_words)
	if prose := strings.ReplaceAll(guide.Find(".prose").Text(), "hogere leidinggevende", ""); !strings.Contains(prose, "teamleider") || strings.Contains(prose, "leidinggevende") {
		t.Errorf("the guide's marked words are not the province's: teamleider %v, leidinggevende %v", strings.Contains(prose, "teamleider"), strings.Contains(prose, "leidinggevende"))
	}
	// Two roles, two marked words: the province's word for the manager
	// must not also become the word for the manager's own manager.
	if prose := docs["/gesprekken/a3-managementgesprek/"].Find(".prose").Text(); !strings.Contains(prose, "teamleider") || !strings.Contains(prose, "hogere leidinggevende") || strings.Contains(prose, "eigen teamleider") {
		t.Errorf("the A3 guide gives the manager and the higher manager the same word: teamleider %v, hogere leidinggevende %v",
			strings.Contains(prose, "teamleider"), strings.Contains(prose, "hogere leidinggevende"))
	}
	questions := docs["/gesprekken/het-goede-gesprek/vragen/"].Find(".own-question")
	if questions.Length() != 2 || !strings.Contains(questions.First().Text(), "provinciale programma") || !strings.Contains(questions.First().Text(), "Teamleider") {
		t.Errorf("own questions on the question list: %d, %q", questions.Length(), questions.First().Text())
	}
	if own := docs["/gesprekken/het-goede-gesprek/agenda/"].Find(".agenda-own li"); own.Length() != 2 {
		t.Errorf("own questions on the agenda: %d, want 2", own.Length())
	}
	if c := docs["/gesprekken/het-goede-gesprek/formulier/"].Find(".print-header .contact").Text(); !strings.Contains(c, "Team HR-advies") {
		t.Errorf("no contact at the head of the printable form: %q", c)
	}
	// The cycle overview mentions methods the province does not use: the
	// text stays, the link goes.
	cycle := docs["/gesprekscyclus/"]
	if cycle.Find(`a[href*="klantjaargesprek"]`).Length() != 0 || !strings.Contains(strings.ReplaceAll(cycle.Text(), "\u00ad", ""), "Klantjaargesprek") {
		t.Errorf("the cycle page links to a left-out method, or lost its name")
	}
	if cycle.Find(`a[href="/gesprekken/gesprekken/planningsgesprek/"]`).Length() != 1 {
		t.Errorf("the cycle page's link to a kept method does not follow the base path")
	}
	sitemap, _ := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if strings.Contains(string(sitemap), "klantjaargesprek") || !strings.Contains(string(sitemap), "https://intranet.provincie-voorbeeld.nl/gesprekken/gesprekken/planningsgesprek/") {
		t.Errorf("sitemap: %s", sitemap)
	}
}

func TestGermanCompanyVariant(t *testing.T) {
	dir := filepath.Join(builtExamples(t), "technik-muster-gmbh")
	docs := pages(t, dir)
	if got := methodsOf(docs); fmt.Sprint(got) != "[klantjaargesprek samenwerkingsgesprek]" {
		t.Errorf("methods: %v", got)
	}
	home := docs["/"]
	if home == nil || home.Find("html").AttrOr("lang", "") != "de" {
		t.Fatalf("the German-only variant has no German home page at its root")
	}
	for u, d := range docs {
		if d.Find("html").AttrOr("lang", "") != "de" || d.Find(".language-switch").Length() > 0 {
			t.Errorf("%s: not German-only", u)
		}
		if d.Find(`link[rel=icon][href="/org/logo.png"][type="image/png"]`).Length() != 1 {
			t.Errorf("%s: the PNG logo is not the icon", u)
		}
	}
	// Named by its German names in org.toml: the site, the methods, the
	// agenda item of its own question.
	if h := home.Find("h1").Text(); !strings.Contains(h, "Gesprächskompass") || strings.Contains(home.Text(), "Gesprekswijzer") {
		t.Errorf("the home page is not the company's Gesprächskompass: %q", h)
	}
	if q := docs["/gespraeche/kundenjahresgespraech/fragen/"].Find(".own-question").Text(); !strings.Contains(q, "Liefertreue") {
		t.Errorf("the company's own question is not on the question list: %q", q)
	}
	prose := docs["/gespraeche/kooperationsgespraech/"].Find(".prose").Text() + docs["/gespraeche/kundenjahresgespraech/"].Find(".prose").Text()
	if !strings.Contains(prose, "Beschäftigte") || strings.Contains(prose, "Mitarbeitende") {
		t.Errorf("the company's word for employees is not used in the guides")
	}
}

func TestBilingualVariant(t *testing.T) {
	dir := filepath.Join(builtExamples(t), "grenslanders")
	docs := pages(t, dir)
	var all []string
	for _, m := range contentMethods(t, "nl") {
		all = append(all, m.Front.Params.Method)
	}
	sort.Strings(all)
	if got := methodsOf(docs); fmt.Sprint(got) != fmt.Sprint(all) {
		t.Errorf("methods: %v, want all of the content's: %v", got, all)
	}
	nl, de := docs["/gesprekken/samenwerkingsgesprek/vragen/"], docs["/de/gespraeche/kooperationsgespraech/fragen/"]
	if nl == nil || de == nil {
		t.Fatal("question lists missing")
	}
	if !strings.Contains(nl.Find(".own-question").Text(), "over de grens") || !strings.Contains(de.Find(".own-question").Text(), "über die Grenze") {
		t.Errorf("own question: nl %q, de %q", nl.Find(".own-question").Text(), de.Find(".own-question").Text())
	}
	if docs["/"].Find(`.language-switch a[hreflang="de"]`).Length() != 1 {
		t.Errorf("no language switch in a bilingual variant")
	}
	if s := docs["/gesprekken/planningsgesprek/"].Find(".prose").Text(); !strings.Contains(s, "collega") {
		t.Errorf("the Dutch guide does not use the organisation's word")
	}
	if s := docs["/de/gespraeche/zielvereinbarungsgespraech/"].Find(".prose").Text(); !strings.Contains(s, "Mitarbeitende") {
		t.Errorf("German guide changed although the organisation set no German terms")
	}
}

// TestNameIsData: an organisation's name with markup in it is shown as
// text everywhere, never run.
func TestNameIsData(t *testing.T) {
	orgs, out := t.TempDir(), t.TempDir()
	name := `Acme <script>alert("x")</script> & Zn "B.V."`
	dir := projecttest.NewOrg(t, orgs, "acme", fmt.Sprintf(projecttest.MinimalOrg, name))
	results, err := Build(Options{Root: root, Orgs: []string{dir}, Out: out})
	if err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	for u, d := range pages(t, filepath.Join(out, "acme")) {
		d.Find("script").Each(func(_ int, s *goquery.Selection) {
			if strings.Contains(s.Text(), "alert") {
				t.Errorf("%s: the name became a script", u)
			}
		})
		if !strings.Contains(d.Find(".site-org").Text(), name) {
			t.Errorf("%s: the header shows %q, want the name as written", u, d.Find(".site-org").Text())
		}
	}
}

// TestInvalidWritesNothing: one broken file among good ones stops the run
// before anything is written; what was built before stays untouched.
func TestInvalidWritesNothing(t *testing.T) {
	orgs, out := t.TempDir(), t.TempDir()
	good := projecttest.NewOrg(t, orgs, "goed", fmt.Sprintf(projecttest.MinimalOrg, "Goed"))
	bad := projecttest.NewOrg(t, orgs, "fout", strings.Replace(fmt.Sprintf(projecttest.MinimalOrg, "Fout"), `primary = "#0b4f8a"`, `primary = "#ccddee"`, 1))
	if err := os.MkdirAll(filepath.Join(out, "goed"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "goed", "previous.html"), []byte("previous"), 0o644)
	_, err := Build(Options{Root: root, Orgs: []string{good, bad}, Out: out})
	var invalid problem.List
	if !errors.As(err, &invalid) || len(invalid) != 1 || invalid[0].Line != 7 || !strings.Contains(invalid[0].File, "fout") {
		t.Fatalf("got %v, want one problem on line 7 of fout's org.toml", err)
	}
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 1 || !strings.HasSuffix(files[0], "previous.html") {
		t.Errorf("after a refused run the output holds %v, want only the previous file", files)
	}
}

// TestFailedVariantKeepsPrevious: a variant that fails verification (a
// method only it uses links to nowhere, in a copy of the site) keeps its
// previous output, and the other organisations are still delivered.
func TestFailedVariantKeepsPrevious(t *testing.T) {
	site := projecttest.CopyProject(t)
	guide := filepath.Join(site, "content", "nl", "gesprekken", "het-goede-gesprek", "_index.md")
	text, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(guide, append(text, "\nZie ook [elders](nergens/).\n"...), 0o644)
	orgs, out := t.TempDir(), t.TempDir()
	good := projecttest.NewOrg(t, orgs, "goed", fmt.Sprintf(projecttest.MinimalOrg, "Goed"))
	broken := projecttest.NewOrg(t, orgs, "kapot", strings.Replace(fmt.Sprintf(projecttest.MinimalOrg, "Kapot"), "planningsgesprek", "het-goede-gesprek", 1))
	// The previous output: a good build from the unbroken site, with a
	// file to recognise it by.
	if results, err := Build(Options{Root: root, Orgs: []string{broken}, Out: out}); err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	os.WriteFile(filepath.Join(out, "kapot", "previous.html"), []byte("previous"), 0o644)
	results, err := Build(Options{Root: site, Orgs: []string{good, broken}, Out: out, Worker: workerExe})
	if err != nil {
		t.Fatal(err)
	}
	byslug := map[string]Result{}
	for _, r := range results {
		byslug[r.Slug] = r
	}
	if r := byslug["kapot"]; r.Err == nil || !strings.Contains(r.Err.Error(), `gesprekken/het-goede-gesprek/index.html: href="nergens/" is a broken link`) {
		t.Errorf("the broken variant: %v", r.Err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "kapot", "previous.html")); string(b) != "previous" {
		t.Errorf("the broken variant's previous output was touched")
	}
	if _, err := os.Stat(filepath.Join(out, "kapot", "extra.html")); err == nil {
		t.Errorf("the broken variant was published anyway")
	}
	if r := byslug["goed"]; r.Err != nil || r.Pages < 5 {
		t.Errorf("the good variant: %+v", r)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".goed.lock", ".kapot.lock", "goed", "kapot"}) {
		t.Errorf("the output holds %v, want the two organisations, their lock files and nothing staged", names)
	}
}

// TestBrandChangeRenamesTheStylesheet: the same organisation built with
// another primary colour gets stylesheets of other names (an intranet
// cache cannot serve the old colours): the site's and the form pages'
// (which carry the brand too), pinned by their integrity on every page;
// its scripts keep their names.
func TestBrandChangeRenamesTheStylesheet(t *testing.T) {
	orgs := t.TempDir()
	names := map[string]map[string]bool{}
	for _, primary := range []string{"#0b4f8a", "#00594f"} {
		dir := projecttest.NewOrg(t, orgs, "kleur", strings.Replace(fmt.Sprintf(projecttest.MinimalOrg, "Kleur"), "#0b4f8a", primary, 1))
		out := t.TempDir()
		if results, err := Build(Options{Root: root, Orgs: []string{dir}, Out: out}); err != nil || results[0].Err != nil {
			t.Fatal(err, results)
		}
		sitetest.CheckAssets(t, filepath.Join(out, "kleur"), "/")
		names[primary] = map[string]bool{}
		for _, assets := range sitetest.AssetsOf(t, filepath.Join(out, "kleur"), "/") {
			for target := range assets {
				names[primary][target] = true
			}
		}
	}
	for target := range names["#0b4f8a"] {
		styles := strings.Contains(target, "/css/site.") || strings.Contains(target, "/css/form.")
		if styles == names["#00594f"][target] {
			t.Errorf("%s: the brand changed, but the stylesheet kept its name, or another file changed its name", target)
		}
	}
}

// TestPruneWithFoldersNamedKeepsTheProjectsOrganisations: a run that
// names some organisation folders and prunes removes the outputs of
// organisations that are gone, never those of the organisations of
// orgs/ it was not asked to build (a careless "-prune orgs/one" once
// removed every other organisation's output), whether their slug is the
// folder's name or written in org.toml.
func TestPruneWithFoldersNamedKeepsTheProjectsOrganisations(t *testing.T) {
	site := projecttest.CopyProject(t)
	orgs := filepath.Join(site, "orgs")
	zeta := projecttest.NewOrg(t, orgs, "zeta", strings.Replace(fmt.Sprintf(projecttest.MinimalOrg, "Zeta"), "[brand]", "slug = \"andere-naam\"\n[brand]", 1))
	gone := projecttest.NewOrg(t, t.TempDir(), "weg", fmt.Sprintf(projecttest.MinimalOrg, "Weg"))
	provincie := filepath.Join(orgs, "provincie-voorbeeld")
	out := t.TempDir()
	run := func(prune bool, dirs ...string) []Result {
		t.Helper()
		results, err := Build(Options{Root: site, Out: out, Worker: workerExe, Orgs: dirs, Prune: prune})
		if err != nil {
			t.Fatal(err)
		}
		return results
	}
	run(false, zeta, gone, provincie)
	var removed []string
	for _, r := range run(true, provincie) {
		if r.Removed {
			removed = append(removed, r.Slug)
		}
	}
	if !slices.Equal(removed, []string{"weg"}) {
		t.Errorf("-prune orgs/provincie-voorbeeld removed %v, want only weg (not in orgs/, not named)", removed)
	}
	for _, slug := range []string{"andere-naam", "provincie-voorbeeld"} {
		if _, err := os.Stat(filepath.Join(out, slug, "index.html")); err != nil {
			t.Errorf("the output of %s, an organisation of orgs/, is gone: %v", slug, err)
		}
	}
	// Once its folder is gone from orgs/, its output goes too.
	if err := os.RemoveAll(zeta); err != nil {
		t.Fatal(err)
	}
	removed = nil
	for _, r := range run(true, provincie) {
		if r.Removed {
			removed = append(removed, r.Slug)
		}
	}
	if !slices.Equal(removed, []string{"andere-naam"}) {
		t.Errorf("after orgs/zeta was removed, -prune removed %v, want [andere-naam]", removed)
	}
}
