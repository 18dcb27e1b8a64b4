package sitecheck

import (
	"regexp"
	"strings"

	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// siteUnder is a built site and the project it was built from. The tests
// of the built site take one, so that they run over this project (this())
// and over a copy with a method added by "new" (newmethod_test.go); what
// they expect comes from the content, never from a fixed list of methods.
type siteUnder struct {
	root  string // the project
	built string // its built output
}

// languages are the project's language codes, from its config.toml.
func (s siteUnder) languages(t testing.TB) []string {
	t.Helper()
	cfg, err := content.LoadConfig(s.root)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	return codes
}

// this is the project's own site, built once in TestMain.
func this() siteUnder { return siteUnder{root: projecttest.RepoRoot(), built: built} }

// methods reads the method guides from the content, per language and id.
func (s siteUnder) methods(t testing.TB) map[string]map[string]*content.Page {
	t.Helper()
	site, err := content.Load(s.root)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]map[string]*content.Page{}
	for _, l := range site.Languages {
		by[l.Code] = map[string]*content.Page{}
	}
	n := 0
	for _, p := range site.Pages {
		if p.IsMethod() {
			by[p.Lang][p.Front.Params.Method] = p
			n++
		}
	}
	if n == 0 {
		t.Fatalf("%s has no methods: nothing to test", s.root)
	}
	return by
}

// parties are the parties of a method that get a preparation sheet: its
// roles that answer a question marked prepare = true.
func parties(m *content.Page) []string {
	var out []string
	for _, role := range m.Front.Params.Roles {
		for _, item := range m.Front.Params.Agenda {
			if slices.ContainsFunc(item.Questions, func(q content.Question) bool { return check.OnSheet(q, role) }) {
				out = append(out, role)
				break
			}
		}
	}
	return out
}

// wantPrints counts the print pages the content should give, by kind:
// an agenda and a question list per method and language, and a
// preparation sheet for each party that has questions to prepare.
func (s siteUnder) wantPrints(t testing.TB) map[string]int {
	want := map[string]int{}
	for _, byID := range s.methods(t) {
		for _, m := range byID {
			want["agenda"]++
			want["questions"]++
			want["preparation"] += len(parties(m))
		}
	}
	return want
}

// guides counts the method guides of all languages.
func (s siteUnder) guides(t testing.TB) int {
	n := 0
	for _, byID := range s.methods(t) {
		n += len(byID)
	}
	return n
}

// pageWords are the URL words of the pages generated beside each guide,
// per language: the same URLs as when they were files.
var pageWords = map[string]map[string]string{
	"nl": {"agenda": "agenda/", "questions": "vragen/", "form": "formulier/", "preparation": "voorbereiding/"},
	"de": {"agenda": "agenda/", "questions": "fragen/", "form": "formular/", "preparation": "vorbereitung/"},
}

// partyWords are the URL words of each party's preparation sheet, after
// the preparation sheet's word and a hyphen (the content adapters'
// "parties").
var partyWords = map[string]map[string]string{
	"nl": {"manager": "leidinggevende", "employee": "medewerker", "senior": "hogere-leidinggevende", "team": "team", "customer": "klant", "colleague": "collega-afdeling"},
	"de": {"manager": "fuehrungskraft", "employee": "mitarbeitende", "senior": "uebergeordnete-fuehrungskraft", "team": "team", "customer": "kunde", "colleague": "nachbarbereich"},
}

// roleNames are the roles' names as the default site shows them
// (i18n role_<id>).
var roleNames = map[string]map[string]string{
	"nl": {"manager": "Leidinggevende", "employee": "Medewerker", "senior": "Hogere leidinggevende", "team": "Eigen team", "customer": "Klant", "colleague": "Collega-afdeling"},
	"de": {"manager": "Führungskraft", "employee": "Mitarbeiterin oder Mitarbeiter", "senior": "Übergeordnete Führungskraft", "team": "Eigenes Team", "customer": "Kundin oder Kunde", "colleague": "Nachbarbereich"},
}

// langWords are a language's URL words for the generated pages and the
// parties' sheets, and its roles' names.
type langWords struct{ pages, parties, roles map[string]string }

// words are lang's words: for Dutch and German the tables above, written
// out independently of the files they test; for another language (a test
// adds one: thirdlanguage_test.go), what the project's own files say:
// its content adapter's "urls" and "parties", and its i18n role_<id>.
func (s siteUnder) words(t testing.TB, lang string) langWords {
	t.Helper()
	if pageWords[lang] != nil {
		return langWords{pageWords[lang], partyWords[lang], roleNames[lang]}
	}
	site, err := content.Load(s.root)
	if err != nil {
		t.Fatal(err)
	}
	w := langWords{pages: map[string]string{}, parties: map[string]string{}, roles: map[string]string{}}
	for _, a := range site.Adapters {
		if a.Lang != lang {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(a.File)))
		if err != nil {
			t.Fatal(err)
		}
		pairs := regexp.MustCompile(`"(\w+)" "([^"]+)"`)
		for _, dict := range regexp.MustCompile(`"(urls|parties)" \(dict ([^)]*)\)`).FindAllStringSubmatch(string(b), -1) {
			for _, kv := range pairs.FindAllStringSubmatch(dict[2], -1) {
				if dict[1] == "urls" {
					w.pages[kv[1]] = kv[2] + "/"
				} else {
					w.parties[kv[1]] = kv[2]
				}
			}
		}
	}
	var strs map[string]map[string]any
	if _, err := toml.DecodeFile(filepath.Join(s.root, "i18n", lang+".toml"), &strs); err != nil {
		t.Fatal(err)
	}
	for key, v := range strs {
		if role, ok := strings.CutPrefix(key, "role_"); ok {
			w.roles[role], _ = v["other"].(string)
		}
	}
	if len(w.pages) < 4 || len(w.parties) < 6 || len(w.roles) < 6 {
		t.Fatalf("%s: found %d page words, %d party words and %d role names in the project's files", lang, len(w.pages), len(w.parties), len(w.roles))
	}
	return w
}

// pageWeight is what a page weighs in all: its HTML and every stylesheet
// and script it loads, uncompressed.
func pageWeight(t *testing.T, dir string, p *sitetest.Page) int {
	total := p.Size
	p.Doc.Find(`link[rel="stylesheet"], script[src]`).Each(func(_ int, el *goquery.Selection) {
		ref := el.AttrOr("href", el.AttrOr("src", ""))
		u, _ := sitetest.Resolve(p.URL, ref)
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(u)))
		if err != nil {
			t.Errorf("%s: %s: %v", p.URL, ref, err)
			return
		}
		total += int(info.Size())
	})
	return total
}
