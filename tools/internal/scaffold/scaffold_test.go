package scaffold

import (
	"errors"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
)

// fixture copies check's valid test site (one method in two languages,
// with its content adapters and glossary) into a temporary folder.
func fixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS("../check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	// The project's own skeletons: the ones new writes from.
	if err := os.CopyFS(filepath.Join(dst, "skeletons"), os.DirFS("../../../skeletons")); err != nil {
		t.Fatal(err)
	}
	return dst
}

// tree returns every file under root with its contents.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			files[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var valid = Options{ID: "nieuw-gesprek", Slugs: map[string]string{"nl": "nieuw-gesprek", "de": "neues-gespraech"}}

// TestNewMethodPassesCheck: the skeletons and the glossary row pass the
// content check as they are, with every section and a preparation sheet.
func TestNewMethodPassesCheck(t *testing.T) {
	root := fixture(t)
	written, err := Method(root, valid)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/de/gespraeche/neues-gespraech/_index.md", "content/nl/gesprekken/nieuw-gesprek/_index.md", glossary.File}
	if strings.Join(written, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v, want %v", written, want)
	}
	problems, err := check.Site(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %s", p)
	}
	nl, _ := os.ReadFile(filepath.Join(root, want[1]))
	site, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var page *content.Page
	for _, p := range site.Pages {
		if p.File == want[1] {
			page = p
		}
	}
	if page == nil {
		t.Fatalf("%s is not among the site's pages", want[1])
	}
	// Every section, and each section a rule asks for only where the
	// skeleton's own data asks for it (a fair judgement only with a rating).
	for _, section := range check.GuideSections {
		if rule, ok := check.SectionRules[section]; ok && !rule.Applies(page) {
			continue
		}
		if !strings.Contains(string(nl), "{#"+section+"}") {
			t.Errorf("the skeleton has no section {#%s}", section)
		}
	}
	if !strings.Contains(string(nl), "prepare = true") || !strings.Contains(string(nl), "weight = 20") {
		t.Errorf("the skeleton marks no question for the preparation sheet, or does not come after the existing method:\n%s", nl)
	}
	// The method's names after the last method's, every other byte as it
	// was.
	old, _ := os.ReadFile(filepath.Join("../check/testdata/valid", glossary.File))
	g, _ := os.ReadFile(filepath.Join(root, glossary.File))
	added := "\n[methods.nieuw-gesprek]\nnl = \"Nieuw gesprek\"\nde = \"Neues gespraech\"\n"
	if !strings.Contains(string(g), "de = \"Probegespräch\"\n"+added+"\n[roles.manager]") || strings.Replace(string(g), added, "", 1) != string(old) {
		t.Errorf("the glossary's new method is not after the last method, or the rest changed:\n%s", g)
	}
}

// TestNewWritesTheGlossaryPage: where the site has docs/glossary.md, new
// makes its tables anew from the glossary it wrote, and leaves its prose.
func TestNewWritesTheGlossaryPage(t *testing.T) {
	root := fixture(t)
	var page strings.Builder
	page.WriteString("# Glossary\n\nWhy these names: prose.\n")
	for _, s := range glossary.Sections {
		page.WriteString("\n## " + s + "\n\n<!-- " + s + ": made from " + glossary.File + ", " + glossary.DocUpdate + " -->\n| stale |\n<!-- /" + s + " -->\n\nMore prose.\n")
	}
	doc := filepath.Join(root, filepath.FromSlash(glossary.Doc))
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	written, err := Method(root, valid)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(written, glossary.Doc) {
		t.Errorf("wrote %v, not %s", written, glossary.Doc)
	}
	b, _ := os.ReadFile(doc)
	g, err := glossary.Read(root, content.MaxFileBytes)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := glossary.DocTables(page.String(), g)
	if string(b) != want || !strings.Contains(want, "| proefgesprek | Proefgesprek | Probegespräch |\n| nieuw-gesprek | Nieuw gesprek | Neues gespraech |\n") {
		t.Errorf("%s:\n%s", glossary.Doc, b)
	}

	// A page without its markers is the page's problem (TestDocTables
	// says so); the method is added all the same.
	root = fixture(t)
	os.MkdirAll(filepath.Join(root, "docs"), 0o755)
	os.WriteFile(filepath.Join(root, filepath.FromSlash(glossary.Doc)), []byte("# Only prose\n"), 0o644)
	written, err = Method(root, valid)
	if err != nil || slices.Contains(written, glossary.Doc) {
		t.Errorf("a page without markers: wrote %v, %v", written, err)
	}
}

// TestNamesFromTheGlossaryOrFlags: a method the glossary already names
// gets those names and leaves the glossary alone; names given must agree
// with it; names given for a new method are used.
func TestNamesFromTheGlossaryOrFlags(t *testing.T) {
	root := fixture(t)
	gfile := filepath.Join(root, glossary.File)
	g, _ := os.ReadFile(gfile)
	listed := strings.Replace(string(g), "[methods.proefgesprek]", "[methods.nieuw-gesprek]\nnl = 'Nieuw \"gesprek\"'\nde = \"Neues Gespräch\"\n\n[methods.proefgesprek]", 1)
	os.WriteFile(gfile, []byte(listed), 0o644)
	o := valid
	o.Titles = map[string]string{"de": "Anderes Gespräch"}
	if _, err := Method(root, o); err == nil || !strings.Contains(err.Error(), `names "nieuw-gesprek" "Neues Gespräch" in de, not "Anderes Gespräch"`) {
		t.Fatalf("a name that is not the glossary's: %v", err)
	}
	if _, err := Method(root, valid); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(gfile); string(got) != listed {
		t.Errorf("the glossary changed although it named the method")
	}
	de, _ := os.ReadFile(filepath.Join(root, "content/de/gespraeche/neues-gespraech/_index.md"))
	nl, _ := os.ReadFile(filepath.Join(root, "content/nl/gesprekken/nieuw-gesprek/_index.md"))
	if !strings.Contains(string(de), `title = "Neues Gespräch"`) || !strings.Contains(string(nl), `title = "Nieuw \"gesprek\""`) {
		t.Errorf("titles not taken from the glossary (and quoted):\n%s\n%s", nl, de)
	}
	problems, _ := check.Site(root)
	for _, p := range problems {
		t.Errorf("check: %s", p)
	}

	root = fixture(t)
	o.Titles = map[string]string{"nl": "Nieuw gesprek", "de": "Neues Gespräch"}
	if _, err := Method(root, o); err != nil {
		t.Fatal(err)
	}
	if g, _ := os.ReadFile(filepath.Join(root, glossary.File)); !strings.Contains(string(g), "[methods.nieuw-gesprek]\nnl = \"Nieuw gesprek\"\nde = \"Neues Gespräch\"\n") {
		t.Errorf("the names given are not in the glossary:\n%s", g)
	}
}

// TestRefusals: each refusal names what is wrong and how to fix it, all
// at once, and writes nothing.
func TestRefusals(t *testing.T) {
	tests := []struct {
		name  string
		setup func(root string)
		o     Options
		want  []string
	}{
		{"invalid id", nil, Options{ID: "Nieuw Gesprek", Slugs: valid.Slugs}, []string{`method id "Nieuw Gesprek" is not valid`}},
		{"existing id", nil, Options{ID: "proefgesprek", Slugs: valid.Slugs}, []string{`method id "proefgesprek" is already used by content/`}},
		{"invalid slug", nil, Options{ID: "x", Slugs: map[string]string{"nl": "nieuw_gesprek", "de": "../../etc"}},
			[]string{`nl folder name "nieuw_gesprek" is not valid`, `de folder name "../../etc" is not valid`}},
		{"existing slug", nil, Options{ID: "x", Slugs: map[string]string{"nl": "proefgesprek", "de": "y"}}, []string{"content/nl/gesprekken/proefgesprek already exists"}},
		{"a page with that address", func(root string) {
			os.WriteFile(filepath.Join(root, "content/de/gespraeche/y.md"), []byte("+++\ntitle = \"Y\"\n+++\n"), 0o644)
		}, Options{ID: "x", Slugs: map[string]string{"nl": "x", "de": "y"}}, []string{"content/de/gespraeche/y.md already exists"}},
		{"a language without folder name", nil, Options{ID: "x", Slugs: map[string]string{"nl": "x"}}, []string{"no folder name for de", "give -lang de=SLUG"}},
		{"a language the site lacks", nil, Options{ID: "x", Slugs: map[string]string{"nl": "x", "de": "y", "fr": "z"}}, []string{`the site has no language "fr" (it has nl, de)`}},
		{"a name with a line break", nil, Options{ID: "x", Slugs: map[string]string{"nl": "x", "de": "y"}, Titles: map[string]string{"nl": "Twee\nregels"}}, []string{`nl title "Twee\nregels" is not usable`, "give a name without line breaks"}},
		{"no glossary", func(root string) { os.Remove(filepath.Join(root, glossary.File)) }, valid, []string{glossary.File + " cannot be read"}},
		{"no skeleton for a language", func(root string) { os.Remove(filepath.Join(root, "skeletons/de.md")) }, valid,
			[]string{"skeletons/de.md: the skeleton of a de guide cannot be read", "write the skeleton of a de guide there"}},
		{"no content adapter", func(root string) { os.Remove(filepath.Join(root, "content/de/gespraeche/_content.gotmpl")) }, valid,
			[]string{"content/de: content/de has no methods folder with a content adapter"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := fixture(t)
			if tt.setup != nil {
				tt.setup(root)
			}
			before := tree(t, root)
			_, err := Method(root, tt.o)
			var list problem.List
			if !errors.As(err, &list) {
				t.Fatalf("want a list of problems, got %v", err)
			}
			for _, p := range list {
				if p.File == "" || p.Fix == "" {
					t.Errorf("a problem without its file or fix: %+v", p)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal does not say %q:\n%v", w, err)
				}
			}
			after := tree(t, root)
			if len(after) != len(before) {
				t.Errorf("a refusal changed the files: %d before, %d after", len(before), len(after))
			}
			for f, b := range before {
				if after[f] != b {
					t.Errorf("a refusal changed %s", f)
				}
			}
		})
	}
}

// TestFailedWriteLeavesNothing: when a file cannot be written after
// another was, what was written is removed again.
func TestFailedWriteLeavesNothing(t *testing.T) {
	root := fixture(t)
	before := tree(t, root)
	site, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planMethod(site, valid)
	if err != nil {
		t.Fatal(err)
	}
	// Someone else creates the Dutch guide between the plan and the
	// writing; the German one is written first (in sorted order).
	nl := filepath.Join(root, "content/nl/gesprekken/nieuw-gesprek")
	os.Mkdir(nl, 0o755)
	os.WriteFile(filepath.Join(nl, "_index.md"), []byte("theirs"), 0o644)
	if _, err := p.write(root); err == nil {
		t.Fatal("writing over an existing guide succeeded")
	}
	after := tree(t, root)
	delete(after, "content/nl/gesprekken/nieuw-gesprek/")
	delete(after, "content/nl/gesprekken/nieuw-gesprek/_index.md")
	if len(after) != len(before) {
		t.Errorf("files left behind: %d before, %d after", len(before), len(after))
	}
	if b, _ := os.ReadFile(filepath.Join(nl, "_index.md")); string(b) != "theirs" {
		t.Errorf("the other file was overwritten: %q", b)
	}
}
