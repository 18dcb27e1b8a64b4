package check

import (
	"fmt"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	nlGuide = "content/nl/gesprekken/proefgesprek/_index.md"
	deGuide = "content/de/gespraeche/probegespraech/_index.md"
)

// copyValid copies testdata/valid into a temporary site to break.
func copyValid(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, root, file, old, new string) {
	t.Helper()
	path := filepath.Join(root, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("fixture %s does not contain %q", file, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// write creates a file in the temporary site.
func write(t *testing.T, root, file, text string) {
	t.Helper()
	path := filepath.Join(root, file)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// addRating adds a rating field "oordeel" with the given options (the
// inside of a TOML array) after the last field of a fixture guide: its
// options line is line 49 of either fixture guide.
func addRating(t *testing.T, root, file, options string) {
	t.Helper()
	edit(t, root, file, "  items = 3\n", "  items = 3\n\n  [[params.agenda.fields]]\n  id = \"oordeel\"\n  kind = \"rating\"\n  label = \"Oordeel\"\n  options = ["+options+"]\n")
}

func TestValidFixtureHasNoProblems(t *testing.T) {
	problems, err := Site("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
}

func TestSeededFaults(t *testing.T) {
	type want struct {
		file    string
		line    int
		message string // a part of the message
		fix     string // a part of the fix
	}
	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		want   []want
		only   string // a file whose problems are the wanted ones and no more
	}{
		{
			name: "missing German page",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, deGuide))
			},
			want: []want{{nlGuide, 8, `method "proefgesprek" has no de version`, "content/de/gespraeche/<slug>/_index.md"}},
		},
		{
			name: "agenda item missing in one language",
			break_: func(t *testing.T, root string) {
				b, _ := os.ReadFile(filepath.Join(root, deGuide))
				s := string(b)
				start := strings.Index(s, "[[params.agenda]]\nid = \"afspraken\"")
				end := strings.Index(s, "+++\n## ")
				os.WriteFile(filepath.Join(root, deGuide), []byte(s[:start]+s[end:]), 0o644)
			},
			want: []want{{deGuide, 12, `agenda item "afspraken" is missing`, "as item 2"}},
		},
		{
			name: "duplicate id",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `id = "successen"`, `id = "afspraken"`)
			},
			want: []want{{nlGuide, 41, `duplicate field id "afspraken" (first at line 36)`, "its own id"}},
		},
		{
			name: "unknown recipient, and recipients that differ between languages",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, `kind = "list"`, `kind = "list"`+"\n  to = [\"personalakte\"]")
			},
			want: []want{
				{deGuide, 45, `field "successen": unknown or repeated recipient "personalakte"`, `to = ["file"]`},
				{deGuide, 42, `to = personalakte here but kind = list, items = 3`, "set kind = list"},
			},
		},
		{
			name: "unknown field kind",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, `kind = "list"`, `kind = "lsit"`)
			},
			want: []want{
				{deGuide, 44, `field "successen" has unknown kind "lsit"`, `did you mean "list"?`},
				{deGuide, 42, `field "successen" has kind = lsit, items = 3 here but kind = list, items = 3`, "set kind = list"},
			},
		},
		{
			name: "bad TOML",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `minutes = 20`, `minutes = `)
			},
			want: []want{{nlGuide, 26, "front matter is not valid TOML", "valid TOML"}},
		},
		{
			name: "misspelt key",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `minutes = 20`, `minuts = 20`)
			},
			want: []want{
				{nlGuide, 26, `unknown key "params.agenda.minuts"`, `did you mean "minutes"?`},
				{nlGuide, 23, `agenda item "afspraken" has 0 minutes`, "1 to 240"},
			},
		},
		{
			name: "a German agenda item without its German alias",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "alias = \"vereinbarungen\"\n", "")
			},
			want: []want{{deGuide, 25, `agenda item "afspraken" has no alias`, `add alias = "…" under id = "afspraken"`}},
		},
		{
			name: "an alias that names another agenda item",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, `alias = "vereinbarungen"`, `alias = "opening"`)
			},
			want: []want{{deGuide, 26, `alias "opening" of agenda item "afspraken" is also the id or alias of agenda item "opening"`, "no other item"}},
		},
		{
			name: "a marked role word the glossary does not list",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "## Wie {#who}\n", "## Wie {#who}\nDe {{< term \"baas\" >}} en de {{< term \"manager\" >}}.\n")
			},
			want: []want{{nlGuide, 49, `"baas" is marked as a role word, but the glossary lists no such form in nl`, `add "baas" to its role's nl forms`}},
		},
		{
			name: "a role whose name is not among its forms, a form of two roles",
			break_: func(t *testing.T, root string) {
				edit(t, root, "data/glossary.toml", "[role_words.senior]\nnl = [\"senior\"]", "[role_words.senior]\nnl = [\"chef\", \"managers\"]")
			},
			want: []want{
				{"data/glossary.toml", 44, `the role's name "senior" is not among its nl forms`, `add "senior" to the nl forms of "senior"`},
				{"data/glossary.toml", 44, `"managers" is a form of both "manager" and "senior" in nl`, "words of its own"},
			},
		},
		{
			name: "unknown role",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `asks = "both"`, `asks = "boss"`)
			},
			want: []want{{nlGuide, 31, `unknown role "boss"`, "manager, employee"}},
		},
		{
			name: "guide section missing",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "## Verloop {#course}\n", "")
			},
			want: []want{{deGuide, 48, "the guide has no section {#course}", `"## … {#course}"`}},
		},
		{
			name: "a stub page left beside the guide",
			break_: func(t *testing.T, root string) {
				write(t, root, "content/de/gespraeche/probegespraech/fragen.md", "+++\ntitle = \"Fragenliste\"\nlayout = \"questions\"\ntranslationKey = \"proefgesprek/questions\"\n+++\n")
			},
			want: []want{{"content/de/gespraeche/probegespraech/fragen.md", 1, `a page inside the folder of method "proefgesprek"`, "generated from it"}},
		},
		{
			name: "a generated layout on a page of its own",
			break_: func(t *testing.T, root string) {
				write(t, root, "content/nl/losse-agenda.md", "+++\ntitle = \"Agenda\"\nlayout = \"agenda\"\n+++\n")
			},
			want: []want{{"content/nl/losse-agenda.md", 3, `layout "agenda" is for the page generated from a method's guide`, "remove layout"}},
		},
		{
			name: "no content adapter in a methods folder",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, "content/de/gespraeche/_content.gotmpl"))
			},
			want: []want{{deGuide, 1, `the folder of method "proefgesprek" has no content adapter`, "content/de/gespraeche/_content.gotmpl"}},
		},
		{
			name: "a question on the preparation sheet in one language only",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `text = "Wat verwacht je?"`, "text = \"Wat verwacht je?\"\n  prepare = true")
			},
			want: []want{{deGuide, 19, `question "verwachting" has asks = manager here but asks = manager, prepare = true`, "set asks = manager, prepare = true"}},
		},
		{
			name: "too many questions for one printed preparation sheet",
			break_: func(t *testing.T, root string) {
				var extra strings.Builder
				for i := range 9 {
					fmt.Fprintf(&extra, "\n  [[params.agenda.questions]]\n  id = \"extra-%d\"\n  asks = \"employee\"\n  text = \"%s\"\n  prepare = true\n", i, strings.Repeat("Waarom? ", 20))
				}
				edit(t, root, nlGuide, "  text = \"Wat verwacht je?\"\n", "  text = \"Wat verwacht je?\"\n"+extra.String())
			},
			// Each takes 3 lines of text and 2 to write on: the seventh no
			// longer fits.
			want: []want{{nlGuide, 21 + 6*7, "the manager's preparation sheet would not fit one A4 page", "mark fewer questions prepare = true, or shorten them"}},
		},
		{
			// Each party gets a sheet with the questions it answers: a
			// method whose marked questions are all asked by the manager
			// leaves the manager without one.
			name: "a party with nothing to prepare",
			break_: func(t *testing.T, root string) {
				for _, f := range []string{nlGuide, deGuide} {
					edit(t, root, f, "  asks = \"both\"\n", "  asks = \"manager\"\n")
				}
			},
			want: []want{{nlGuide, 10, "the manager has no question to prepare, so gets no preparation sheet", "mark prepare = true on a question the manager answers"}},
		},
		{
			name: "a rating with one level",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "goed", label = "Goed"}`)
				addRating(t, root, deGuide, `{value = "goed", label = "Gut"}`)
			},
			want: []want{{nlGuide, 50, `rating "oordeel" has 1 options`, "2 to 7 levels"}},
		},
		{
			name: "a rating level that is not an id, one twice, one without meaning",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "Goed!", label = "Goed"}, {value = "matig", label = "Matig"}, {value = "matig", label = "Ook matig"}, {value = "slecht", label = " "}`)
			},
			want: []want{
				{nlGuide, 50, `option 1 has value "Goed!", which is not a valid id`, "lower-case"},
				{nlGuide, 50, `options 2 and 3 share the value "matig"`, "its own value"},
				{nlGuide, 50, `option 4 ("slecht") needs a label`, "what the level means"},
			},
		},
		{
			name: "rating levels that differ between the languages",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "boven", label = "Boven verwachting"}, {value = "op", label = "Naar verwachting"}`)
				addRating(t, root, deGuide, `{value = "ueber", label = "Über den Erwartungen"}, {value = "op", label = "Wie erwartet"}`)
			},
			want: []want{{deGuide, 48, `field "oordeel" has kind = rating, option values "ueber", "op" here but kind = rating, option values "boven", "op"`, `option values "boven", "op"`}},
		},
		{
			name: "options on a field that is not a rating",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "  kind = \"agreements\"\n", "  kind = \"agreements\"\n  options = [{value = \"a\", label = \"A\"}]\n")
			},
			want: []want{{nlGuide, 38, `field "afspraken" of kind "agreements" cannot have options`, `use a kind that has them: rating`}},
		},
		{
			name: "a misspelt key inside a rating level",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "goed", lable = "Goed"}, {value = "matig", label = "Matig"}`)
			},
			want: []want{{nlGuide, 50, `unknown key "params.agenda.fields.options.lable"`, `did you mean "label"?`}},
		},
		{
			name: "a method title that is not the glossary's",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, `title = "Probegespräch"`, "title = \"Testgespräch\"\nlinkTitle = \"Test\"")
			},
			want: []want{
				{deGuide, 2, `title "Testgespräch" is not the method's name in the glossary ("Probegespräch")`, `set title = "Probegespräch", or rename the method in data/glossary.toml:5`},
				{deGuide, 3, `linkTitle "Test" is not the method's name in the glossary`, `set linkTitle = "Probegespräch"`},
			},
		},
		{
			name: "a method the glossary does not list",
			break_: func(t *testing.T, root string) {
				edit(t, root, "data/glossary.toml", "[methods.proefgesprek]", "[methods.ander-gesprek]")
			},
			want: []want{
				{nlGuide, 8, `method "proefgesprek" is not in the glossary`, "add [methods.proefgesprek]"},
				{deGuide, 8, `method "proefgesprek" is not in the glossary`, "data/glossary.toml"},
			},
		},
		{
			name: "a role name that is not the glossary's",
			break_: func(t *testing.T, root string) {
				edit(t, root, "i18n/de.toml", "other = \"manager\"", "other = \"Chef\"")
			},
			want: []want{{"i18n/de.toml", 3, `role "manager" is called "Chef" here but "manager" in the glossary`, "data/glossary.toml:9"}},
		},
		{
			name: "a glossary entry without a language, with a key that is none, of a type it cannot be; a new role without its interface string",
			break_: func(t *testing.T, root string) {
				edit(t, root, "data/glossary.toml", "[roles.both]\nnl = \"both\"\nde = \"both\"\n", "[roles.both]\nnl = \"both\"\ndee = \"both\"\n\n[roles.boss]\nnl = \"boss\"\nde = 3\n")
			},
			want: []want{
				{"data/glossary.toml", 31, `[roles.both] has no de name`, `add de = "…" under [roles.both]`},
				{"data/glossary.toml", 33, `[roles.both] has a key "dee", which is no language of the site`, `did you mean "de"?`},
				{"i18n/nl.toml", 1, `no name for role "boss"`, `add [role_boss]`},
				{"data/glossary.toml", 37, "roles.boss.de is a number, not text", `de = "…"`},
			},
		},
		{
			name: "a glossary that is not TOML: its line, and nothing else about it",
			break_: func(t *testing.T, root string) {
				edit(t, root, "data/glossary.toml", "[roles.senior]", "[roles.senior")
			},
			want: []want{{"data/glossary.toml", 15, "not valid TOML", "correct the syntax on this line"}},
			only: "data/glossary.toml",
		},
		{
			name: "two roles of one name",
			break_: func(t *testing.T, root string) {
				edit(t, root, "data/glossary.toml", "[roles.senior]\nnl = \"senior\"", "[roles.senior]\nnl = \"Manager\"")
			},
			want: []want{
				{"data/glossary.toml", 16, `"manager" and "senior" are both called "Manager" in nl (first on line 8)`, "its own name"},
			},
		},
		{
			name: "a methods folder without the cascade that lays out its methods",
			break_: func(t *testing.T, root string) {
				edit(t, root, "content/de/gespraeche/_index.md", "[[cascade]]\n  layout = \"method\"\n  [cascade.target]\n    kind = \"section\"\n    path = \"/*/*\"\n", "")
			},
			want: []want{{"content/de/gespraeche/_index.md", 1, "does not give its methods the method layout", "kind = \"section\""}},
		},
		{
			name: "a cascade that lays out something else, and one outside a methods folder",
			break_: func(t *testing.T, root string) {
				edit(t, root, "content/nl/gesprekken/_index.md", `path = "/*/*"`, `path = "/**"`)
				edit(t, root, "content/de/schwierige-gespraeche.md", "translationKey = \"difficult\"\n", "translationKey = \"difficult\"\n[[cascade]]\n  layout = \"method\"\n")
			},
			want: []want{
				{"content/nl/gesprekken/_index.md", 4, "does not give its method folders the method layout", `path = "/*/*"`},
				{"content/de/schwierige-gespraeche.md", 4, "a cascade outside a methods folder's index", "remove [[cascade]]"},
			},
		},
		{
			name: "no glossary",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, "data/glossary.toml"))
			},
			want: []want{{"data/glossary.toml", 1, "the glossary is missing", "[methods.<id>]"}},
		},
		{
			name: "unknown signoff mode",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `form_version = 1`, "form_version = 1\nsignoff = \"sing\"")
			},
			want: []want{{nlGuide, 10, `unknown signoff "sing"`, `signoff = "summary"`}},
		},
		{
			name: "records section before the follow-up",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "## Vastleggen {#followup}\n## Dossier {#records}", "## Dossier {#records}\n## Vastleggen {#followup}")
			},
			want: []want{{nlGuide, 46, "the guide's sections are out of order", "followup, records"}},
		},
		{
			name: "no records section",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "## Dossier {#records}\n", "")
			},
			want: []want{{deGuide, 48, "the guide has no section {#records}", `"## … {#records}"`}},
		},
		{
			name: "question asked by someone who is not in the conversation",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `asks = "manager"`, `asks = "customer"`)
			},
			want: []want{{nlGuide, 20, `is asked by "customer", who does not take part`, "(manager, employee) or both"}},
		},
		{
			name: "interface string missing in one language",
			break_: func(t *testing.T, root string) {
				edit(t, root, "i18n/de.toml", `greeting = "x"`, ``)
			},
			want: []want{{"i18n/de.toml", 1, `interface string "greeting" is missing`, "i18n/nl.toml:1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyValid(t)
			tt.break_(t, root)
			problems, err := Site(root)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				found := false
				for _, p := range problems {
					if p.File == w.file && p.Line == w.line && strings.Contains(p.Message, w.message) && strings.Contains(p.Fix, w.fix) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s:%d: …%s… (fix: …%s…); got:\n%s", w.file, w.line, w.message, w.fix, list(problems))
				}
			}
			if tt.only != "" {
				var of []string
				for _, p := range problems {
					if p.File == tt.only {
						of = append(of, p.String())
					}
				}
				if len(of) != len(tt.want) {
					t.Errorf("%s has %d problems, want %d:\n%s", tt.only, len(of), len(tt.want), strings.Join(of, "\n"))
				}
			}
		})
	}
}

// TestOptionalSchema: a signoff mode, a question for the preparation sheet
// and a rating are all accepted.
func TestOptionalSchema(t *testing.T) {
	root := copyValid(t)
	edit(t, root, nlGuide, `form_version = 1`, "form_version = 1\nsignoff = \"summary\"")
	edit(t, root, nlGuide, `text = "Wat verwacht je?"`, "text = \"Wat verwacht je?\"\n  prepare = true")
	edit(t, root, deGuide, `text = "Was erwarten Sie?"`, "text = \"Was erwarten Sie?\"\n  prepare = true")
	addRating(t, root, nlGuide, `{value = "boven", label = "Boven verwachting: meer dan afgesproken"}, {value = "op", label = "Naar verwachting"}`)
	addRating(t, root, deGuide, `{value = "boven", label = "Über den Erwartungen: mehr als vereinbart"}, {value = "op", label = "Wie erwartet"}`)
	edit(t, root, nlGuide, "## Bijzonder {#special}\n", "## Eerlijk {#fair}\n### Kalibreren\n### Beoordelingsfouten\n### Handicap\n## Bijzonder {#special}\n")
	edit(t, root, deGuide, "## Bijzonder {#special}\n", "## Fair {#fair}\n### Kalibrieren\n### Beurteilungsfehler\n### Behinderung\n## Bijzonder {#special}\n")
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
}

// TestAllProblemsAtOnce: several faults in several files are all reported.
func TestAllProblemsAtOnce(t *testing.T) {
	root := copyValid(t)
	edit(t, root, nlGuide, `kind = "list"`, `kind = "lsit"`)
	edit(t, root, deGuide, `asks = "manager"`, `asks = "chef"`)
	edit(t, root, "content/de/_index.md", `title = "Start"`, `title = `)
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, p := range problems {
		files[p.File] = true
	}
	for _, f := range []string{nlGuide, deGuide, "content/de/_index.md"} {
		if !files[f] {
			t.Errorf("no problem reported in %s; got:\n%s", f, list(problems))
		}
	}
}

func list(problems []problem.Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// lineOf is the line number of the first line of file in root that
// contains s.
func lineOf(t *testing.T, root, file, s string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

// TestSectionRulesAndInBrief: a guide whose record the parties sign needs
// the disagreement section, one whose record is a shared summary does
// not; every records section opens with a three-line in-brief box whose
// sentences have fewer than 20 words; every guide links to the page for
// difficult conversations in its language. The rules read the method's data,
// so breaking any guide is found, whichever file it is.
func TestSectionRulesAndInBrief(t *testing.T) {
	long := "Dit is een veel te lange zin met meer dan twintig woorden, want een lezer die haast heeft wil het in het kort weten en niet meer."
	tests := []struct {
		name    string
		break_  func(t *testing.T, root string)
		file    string
		at      string // the line the problem names contains this
		message string // a part of the message; "" for no problem at all
		others  int    // how many other problems the break rightly causes
	}{
		{
			name:    "signed record without the disagreement section",
			break_:  func(t *testing.T, root string) { edit(t, root, nlGuide, "## Oneens {#disagreement}\n", "") },
			file:    nlGuide,
			at:      "## Waarom {#purpose}",
			message: `the guide has no section {#disagreement}, which it needs: its parties sign the record (signoff = "sign")`,
		},
		{
			name: "signed record by explicit signoff, German guide",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "form_version = 1", "form_version = 1\nsignoff = \"sign\"")
				edit(t, root, deGuide, "## Uneinig {#disagreement}\n", "")
			},
			file:    deGuide,
			at:      "## Waarom {#purpose}",
			message: "the guide has no section {#disagreement}",
		},
		{
			name: "a shared summary needs no disagreement section",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "form_version = 1", "form_version = 1\nsignoff = \"summary\"")
				edit(t, root, deGuide, "form_version = 1", "form_version = 1\nsignoff = \"summary\"")
				edit(t, root, nlGuide, "## Oneens {#disagreement}\n", "")
				edit(t, root, deGuide, "## Uneinig {#disagreement}\n", "")
			},
		},
		{
			name: "disagreement before the records section",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "## Oneens {#disagreement}\n", "")
				edit(t, root, nlGuide, "## Dossier {#records}", "## Oneens {#disagreement}\n## Dossier {#records}")
			},
			file:    nlGuide,
			at:      "## Waarom {#purpose}",
			message: "the guide's sections are out of order",
		},
		{
			name:    "an employee's conversation without the special situations",
			break_:  func(t *testing.T, root string) { edit(t, root, deGuide, "## Bijzonder {#special}\n", "") },
			file:    deGuide,
			at:      "## Waarom {#purpose}",
			message: `the guide has no section {#special}, which it needs: an employee takes part (roles has "employee")`,
		},
		{
			name: "no employee at the table, no special situations needed",
			break_: func(t *testing.T, root string) {
				for _, f := range []string{nlGuide, deGuide} {
					edit(t, root, f, `roles = ["manager", "employee"]`, `roles = ["senior", "manager"]`)
					edit(t, root, f, "## Bijzonder {#special}\n", "")
				}
			},
		},
		{
			name: "a rating without the section on a fair judgement",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "boven", label = "Boven verwachting"}, {value = "op", label = "Naar verwachting"}`)
				addRating(t, root, deGuide, `{value = "boven", label = "Über den Erwartungen"}, {value = "op", label = "Wie erwartet"}`)
			},
			file:    nlGuide,
			at:      "## Waarom {#purpose}",
			message: `the guide has no section {#fair}, which it needs: its form holds a rating`,
			others:  1, // and the German guide
		},
		{
			name:    "special situations without a subsection for each",
			break_:  func(t *testing.T, root string) { edit(t, root, nlGuide, "### Proeftijd\n", "") },
			file:    nlGuide,
			at:      "## Bijzonder {#special}",
			message: "the section {#special} has 5 subsections, not the 6 it must cover",
		},
		{
			name: "a fair judgement without its three topics",
			break_: func(t *testing.T, root string) {
				addRating(t, root, nlGuide, `{value = "boven", label = "Boven verwachting"}, {value = "op", label = "Naar verwachting"}`)
				addRating(t, root, deGuide, `{value = "boven", label = "Über den Erwartungen"}, {value = "op", label = "Wie erwartet"}`)
				edit(t, root, nlGuide, "## Bijzonder {#special}\n", "## Eerlijk {#fair}\n### Kalibreren\n## Bijzonder {#special}\n")
				edit(t, root, deGuide, "## Bijzonder {#special}\n", "## Fair {#fair}\n### Kalibrieren\n### Beurteilungsfehler\n### Behinderung\n## Bijzonder {#special}\n")
			},
			file:    nlGuide,
			at:      "## Eerlijk {#fair}",
			message: "the section {#fair} has 1 subsections, not the 3 it must cover",
		},
		{
			name: "the fair judgement before the special situations",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "## Bijzonder {#special}\n", "## Bijzonder {#special}\n## Eerlijk {#fair}\n")
			},
			file:    nlGuide,
			at:      "## Waarom {#purpose}",
			message: "the guide's sections are out of order",
		},
		{
			name:    "records section without the in-brief box",
			break_:  func(t *testing.T, root string) { edit(t, root, deGuide, "{{< in-brief >}}\n", "Text.\n") },
			file:    deGuide,
			at:      "## Dossier {#records}",
			message: "does not open with the in-brief box",
		},
		{
			name:    "in-brief box of two lines",
			break_:  func(t *testing.T, root string) { edit(t, root, nlGuide, "- Je mag het inzien.\n", "") },
			file:    nlGuide,
			at:      "{{< in-brief >}}",
			message: "the in-brief box has 2 lines, not 3",
		},
		{
			name:    "in-brief box not closed",
			break_:  func(t *testing.T, root string) { edit(t, root, nlGuide, "{{< /in-brief >}}\n", "") },
			file:    nlGuide,
			at:      "{{< in-brief >}}",
			message: "the in-brief box is not closed",
		},
		{
			name: "a sentence of 20 words or more in the box",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "- Je mag het inzien.", "- Je mag het inzien. "+long)
			},
			file:    nlGuide,
			at:      "- Je mag het inzien.",
			message: "a sentence in the in-brief box has 27 words",
			others:  1, // and the records section's readability budget
		},
		{
			name: "guide without a link to the difficult-conversations guide",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "Zie [Moeilijke gesprekken](/moeilijke-gesprekken/).\n", "")
			},
			file:    nlGuide,
			at:      "## Waarom {#purpose}",
			message: "the guide does not link to the guide to difficult conversations",
		},
		{
			name:    "no difficult-conversations page in one language",
			break_:  func(t *testing.T, root string) { os.Remove(filepath.Join(root, "content/de/schwierige-gespraeche.md")) },
			file:    deGuide,
			at:      "## Waarom {#purpose}",
			message: `the de site has no page with translationKey = "difficult"`,
			others:  1, // and the Dutch page has no German version
		},
		{
			name: "the page is found by its translationKey, whatever its file is called",
			break_: func(t *testing.T, root string) {
				os.Rename(filepath.Join(root, "content/de/schwierige-gespraeche.md"), filepath.Join(root, "content/de/konflikte.md"))
				edit(t, root, deGuide, "(/de/schwierige-gespraeche/)", "(/de/konflikte/#abbrechen)")
			},
		},
		{
			name: "role marks, links and § numbers count as the reader reads them",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "- Sie dürfen es einsehen.", `- Der {{< term "manager" >}} und Sie dürfen es nach § 83 Abs. 1 BetrVG und [Art. 15 DSGVO](https://example.org/) einsehen, auch später noch.`)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyValid(t)
			tt.break_(t, root)
			problems, err := Site(root)
			if err != nil {
				t.Fatal(err)
			}
			if tt.message == "" {
				for _, p := range problems {
					t.Errorf("unexpected problem: %s", p)
				}
				return
			}
			line := lineOf(t, root, tt.file, tt.at)
			found := false
			for _, p := range problems {
				found = found || p.File == tt.file && p.Line == line && strings.Contains(p.Message, tt.message)
			}
			if !found || len(problems) != 1+tt.others {
				t.Errorf("want %s:%d: …%s… and %d other problems; got:\n%s", tt.file, line, tt.message, tt.others, list(problems))
			}
		})
	}
}

func TestSentencesAndWords(t *testing.T) {
	got := Sentences(`Nach § 83 Abs. 2 BetrVG kommt sie zur Akte. Das gilt **immer**! Fragen Sie die {{< term "Führungskraft" >}}?`)
	want := []string{"Nach § 83 Abs. 2 BetrVG kommt sie zur Akte", "Das gilt immer", "Fragen Sie die Führungskraft"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
	if n := len(Words("Nach § 83 Abs. 2 BetrVG – kommt")); n != 6 {
		t.Errorf("Words counts %d, want 6 (§ and – are no words)", n)
	}
}
