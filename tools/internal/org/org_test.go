package org

import (
	"fmt"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site is a small site to validate against.
var site = Site{
	Languages: []string{"nl", "de"},
	Methods: []Method{
		{ID: "planningsgesprek", Slugs: map[string]string{"nl": "planningsgesprek", "de": "zielvereinbarungsgespraech"}, Agenda: []string{"opening", "resultaten"},
			Aliases: map[string]string{"einstieg": "opening", "ziele": "resultaten"}, Roles: []string{"manager", "employee"}},
		{ID: "het-goede-gesprek", Slugs: map[string]string{"nl": "het-goede-gesprek", "de": "perspektivgespraech"}, Agenda: []string{"opening", "talenten"},
			Aliases: map[string]string{"einstieg": "opening", "staerken": "talenten"}, Roles: []string{"manager", "employee"}},
	},
	Words: map[string][]terms.Word{
		"nl": {{Form: "leidinggevende", Role: "manager"}, {Form: "leidinggevenden", Role: "manager"}, {Form: "medewerker", Role: "employee"}},
		"de": {{Form: "Führungskraft", Role: "manager"}, {Form: "Mitarbeitende", Role: "employee"}},
	},
	Uses: map[string]map[string][]Use{
		// Only in a method the valid file leaves out.
		"nl": {"leidinggevenden": {{File: "content/nl/gesprekken/planningsgesprek/_index.md", Line: 12, Method: "planningsgesprek"}, {File: "content/nl/gesprekken/planningsgesprek/_index.md", Line: 30, Method: "planningsgesprek"}}},
	},
	Title: "Gesprekswijzer",
}

const validFile = `name = "Provincie Voorbeeld"
base_url = "https://intranet.example.nl/gesprekken/"
languages = ["nl"]
methods = ["het-goede-gesprek"]

[brand]
logo = "logo.svg"
primary = "#00594f"
accent = "#f0b323"

[contact]
name = "HR"
email = "hr@example.nl"
phone = "+31 30 123 45 67"
url = "https://intranet.example.nl/hr"

[terms.nl]
leidinggevende = "teamleider"

[[questions]]
method = "het-goede-gesprek"
agenda = "talenten"
asks = "manager"
nl = "Waar krijg je energie van?"
`

// logo is an SVG logo that the sanitiser writes out unchanged.
const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`

// orgDir makes an organisation folder with a logo and returns it.
func orgDir(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "logo.svg", logo)
	return dir
}

func write(t testing.TB, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestValidFile(t *testing.T) {
	dir := orgDir(t, "provincie-voorbeeld")
	o, problems := Parse(dir, "org.toml", validFile, site)
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
	if o.Slug != "provincie-voorbeeld" || o.BaseURL != "https://intranet.example.nl/gesprekken/" || o.Brand.OnPrimary != "#ffffff" ||
		o.Terms["nl"]["leidinggevende"] != "teamleider" || len(o.Questions) != 1 || o.Questions[0].Text["nl"] != "Waar krijg je energie van?" ||
		o.Brand.Logo == nil || o.Brand.Logo.Ext != ".svg" || string(o.Brand.Logo.Data) != logo || fmt.Sprint(o.Methods) != "[het-goede-gesprek]" {
		t.Errorf("parsed: %+v", o)
	}
}

// TestBrokenFiles: one fault each, reported on the right line, naming the
// key, with a fix.
func TestBrokenFiles(t *testing.T) {
	tests := []struct {
		name       string
		old, new   string // replace old by new in validFile
		line       int
		message    string
		fix        string
		extraFiles map[string]string
	}{
		{"misspelt key", `base_url =`, `baseurl =`, 2, `unknown key "baseurl"`, "did you mean base_url?", nil},
		{"missing base_url", "base_url = \"https://intranet.example.nl/gesprekken/\"\n", "", 1, "base_url is missing", `add base_url = "…"`, nil},
		{"misspelt key in a table", `accent =`, `acent =`, 9, `unknown key "acent"`, "did you mean accent?", nil},
		{"wrong type", `languages = ["nl"]`, `languages = "nl"`, 3, "languages must be a list of text, not text", `languages = ["…", "…"]`, nil},
		{"number for text", `name = "Provincie Voorbeeld"`, `name = 12`, 1, "name must be text, not a number", "text in quotes", nil},
		{"not a colour", `primary = "#00594f"`, `primary = "donkergroen"`, 8, `"donkergroen" is not a colour`, "#rrggbb", nil},
		{"primary too light for links", `primary = "#00594f"`, `primary = "#7fc8bd"`, 8, "contrast of", "darker primary", nil},
		{"text on primary unreadable", `primary = "#00594f"`, "primary = \"#00594f\"\non_primary = \"#336666\"", 9, "contrast of", "on_primary", nil},
		{"text on accent unreadable", `accent = "#f0b323"`, "accent = \"#f0b323\"\non_accent = \"#f5f5f5\"", 10, "below WCAG AA's 4.5:1 for the skip link", "on_accent", nil},
		{"missing logo", `logo = "logo.svg"`, `logo = "beeldmerk.svg"`, 7, "beeldmerk.svg does not exist", "put beeldmerk.svg beside org.toml", nil},
		{"logo of another type", `logo = "logo.svg"`, `logo = "logo.gif"`, 7, "neither SVG nor PNG", ".svg or .png", nil},
		{"PNG that is not a PNG", `logo = "logo.svg"`, `logo = "logo.png"`, 7, "logo.png is not a PNG file", "export the image as PNG", map[string]string{"logo.png": "<svg/>"}},
		{"SVG with script", `logo = "logo.svg"`, `logo = "evil.svg"`, 1, "attribute onload of <svg> is an event handler: it can run code (the logo named in org.toml)", "a logo cannot run code", map[string]string{"evil.svg": `<svg onload="alert(1)"></svg>`}},
		{"SVG loading from another host", `logo = "logo.svg"`, `logo = "far.svg"`, 2, "<image> loads or embeds another file", "use the PNG itself", map[string]string{"far.svg": "<svg>\n<image href=\"https://cdn.example.com/x.png\"/></svg>"}},
		{"logo outside the folder", `logo = "logo.svg"`, `logo = "../logo.svg"`, 7, "outside the organisation's folder", "give its name only", nil},
		{"oversized logo", `logo = "logo.svg"`, `logo = "big.svg"`, 7, "big.svg is 301 KB, more than 200 KB", "smaller than 200 KB", map[string]string{"big.svg": "<svg>" + strings.Repeat(" ", 300<<10) + "</svg>"}},
		{"logo without a shape", `logo = "logo.svg"`, `logo = "vormloos.svg"`, 7, "vormloos.svg: the <svg> element has neither a viewBox nor a width and height", `viewBox="0 0 200 40"`, map[string]string{"vormloos.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>`}},
		{"logo too wide to read", `logo = "logo.svg"`, `logo = "lang.svg"`, 7, "lang.svg is 120 × 10, a ratio of 12.0:1", "at most 10 times as wide", map[string]string{"lang.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 10"/>`}},
		{"logo_shows_name not true or false", `logo = "logo.svg"`, "logo = \"logo.svg\"\nlogo_shows_name = \"ja\"", 8, "brand.logo_shows_name must be true or false, not text", "logo_shows_name = true", nil},
		{"unknown method", `methods = ["het-goede-gesprek"]`, `methods = ["het-goede-gesprekk"]`, 4, `unknown method "het-goede-gesprekk"`, `did you mean "het-goede-gesprek"?`, nil},
		{"unknown language", `languages = ["nl"]`, `languages = ["nl", "fr"]`, 3, `unknown language "fr"`, `languages: "nl", "de"`, nil},
		{"empty language list", `languages = ["nl"]`, `languages = []`, 3, "the language list is empty", "name at least one", nil},
		{"unsafe slug", `name = "Provincie Voorbeeld"`, "name = \"Provincie Voorbeeld\"\nslug = \"../Provincie\"", 2, `slug "../Provincie" is not safe`, "a-z, 0-9", nil},
		{"relative base_url", `base_url = "https://intranet.example.nl/gesprekken/"`, `base_url = "/gesprekken/"`, 2, "is not an absolute http(s) address", "full address", nil},
		{"ftp base_url", `base_url = "https://intranet.example.nl/gesprekken/"`, `base_url = "ftp://example.nl/"`, 2, "is not an absolute http(s) address", "full address", nil},
		{"bad e-mail", `email = "hr@example.nl"`, `email = "HR <hr@example.nl>"`, 13, "is not an e-mail address", "only the address", nil},
		{"unknown term", `leidinggevende = "teamleider"`, `leidinggevend = "teamleider"`, 18, `"leidinggevend" is not one of the site's role words in nl`, `did you mean "leidinggevende"?`, nil},
		{"terms for a language not chosen", `[terms.nl]`, `[terms.de]`, 17, "[terms.de] is for a language this variant does not have", `add "de" to languages`, nil},
		{"question: unknown agenda item", `agenda = "talenten"`, `agenda = "talent"`, 22, `"talent" is not an agenda item of het-goede-gesprek`, `did you mean "talenten"?`, nil},
		{"question: method left out", "method = \"het-goede-gesprek\"\nagenda = \"talenten\"", "method = \"planningsgesprek\"\nagenda = \"resultaten\"", 21, "which this variant leaves out", `add "planningsgesprek" to methods`, nil},
		{"question: role not in the method", `asks = "manager"`, `asks = "customer"`, 23, `"customer" does not take part in het-goede-gesprek`, `use one of "manager", "employee", "both"`, nil},
		{"question without its text", `nl = "Waar krijg je energie van?"`, ``, 20, "questions[0].nl is missing", `add nl = "…"`, nil},
		{"bad TOML", `primary = "#00594f"`, `primary = "#00594f`, 8, "not valid TOML", "correct the syntax", nil},
		{"deep nesting", `accent = "#f0b323"`, "accent = \"#f0b323\"\nx = " + strings.Repeat("{a=", 60000) + "1" + strings.Repeat("}", 60000), 10, "the TOML nests more than 8 levels deep", "not nested", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(validFile, tt.old) {
				t.Fatalf("the test's %q is not in the valid file", tt.old)
			}
			dir := orgDir(t, "provincie-voorbeeld")
			for name, text := range tt.extraFiles {
				write(t, dir, name, text)
			}
			_, problems := Parse(dir, "orgs/provincie-voorbeeld/org.toml", strings.Replace(validFile, tt.old, tt.new, 1), site)
			if len(problems) != 1 {
				t.Fatalf("%d problems, want 1: %v", len(problems), problems)
			}
			p := problems[0]
			file := "orgs/provincie-voorbeeld/org.toml"
			if strings.HasPrefix(tt.name, "SVG") {
				file = "orgs/provincie-voorbeeld/" + strings.Split(tt.new, `"`)[1] // the SVG itself, at its line
			}
			if p.File != file || p.Line != tt.line || !strings.Contains(p.Message, tt.message) || !strings.Contains(p.Fix, tt.fix) {
				t.Errorf("got %s\nwant line %d, message with %q, fix with %q", p, tt.line, tt.message, tt.fix)
			}
		})
	}
}

// TestManyFaultsAtOnce: every problem of a file is reported in one run,
// and one mistake gives one message (the misspelt base_url is not also
// "missing"; white on a too-light primary is not reported twice).
func TestManyFaultsAtOnce(t *testing.T) {
	dir := orgDir(t, "Provincie Voorbeeld")
	text := `name = ""
baseurl = "https://x.nl/"
languages = ["nl", "nl", "en"]
methods = ["planningsgesprek", "coaching"]

[brand]
logo = "missing.svg"
primary = "#fff"
accent = "geel"
`
	_, problems := Parse(dir, "org.toml", text, site)
	want := []string{
		`1: name is empty`,
		`1: the folder name "Provincie Voorbeeld" cannot be the slug`,
		`2: unknown key "baseurl"`,
		`3: language "nl" is listed twice`,
		`3: unknown language "en"`,
		`4: unknown method "coaching"`,
		`7: brand.logo: missing.svg does not exist`,
		`8: brand.primary #fff has a contrast of 1.00:1`,
		`9: brand.accent: "geel" is not a colour`,
	}
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Message))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
}

// FuzzParse: no organisation file, however broken, makes the parser or
// the validator panic.
func FuzzParse(f *testing.F) {
	f.Add(validFile)
	f.Add("name = 1\n[brand]\nlogo = 2\n[[questions]]\nnl = []\n")
	f.Add("[terms]\nnl = \"x\"\n[terms.de]\n\"Führungskraft\" = 3\n")
	f.Add("questions = 1\nbrand = \"x\"\ncontact = []\n")
	f.Add("[brand]\nlogo = \"../../etc/passwd.svg\"\nprimary = \"#12\"\n")
	dir := orgDir(f, "fuzz")
	f.Fuzz(func(t *testing.T, text string) {
		Parse(dir, "org.toml", text, site)
	})
}

// TestOwnQuestionsHeldToTheBudget: an organisation's own question is held
// to the site's readability budget for questions, in each language, at
// its own line.
func TestOwnQuestionsHeldToTheBudget(t *testing.T) {
	budgets, err := readability.Load("../../..")
	if err != nil {
		t.Fatal(err)
	}
	s := site
	s.Readability = budgets
	long := strings.TrimSpace(strings.Repeat("de medewerker en de leidinggevende praten samen over het werk ", 4))
	for _, c := range []struct {
		name, question, want string
	}{
		{"a 40-word question", long + "?", "your own questions (nl): a sentence of 40 words, where questions allow at most"},
		{"an over-long compound", "Wat vind je van het medewerkerstevredenheidsonderzoeksresultatenoverzicht?", `the word "medewerkerstevredenheidsonderzoeksresultatenoverzicht" has 53 letters`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := orgDir(t, "provincie-voorbeeld")
			_, problems := Parse(dir, "org.toml", strings.Replace(validFile, `nl = "Waar krijg je energie van?"`, fmt.Sprintf("nl = %q", c.question), 1), s)
			found := false
			for _, p := range problems {
				if p.Line == 24 && strings.Contains(p.Message, c.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("want line 24: …%s…; got %v", c.want, problems)
			}
		})
	}
	if _, problems := Parse(orgDir(t, "provincie-voorbeeld"), "org.toml", validFile, s); len(problems) != 0 {
		t.Errorf("the valid file's plain question: %v", problems)
	}
}
