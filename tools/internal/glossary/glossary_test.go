package glossary

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the tables of "+Doc+" from "+File)

const sample = `# The test glossary.

# Methods first.
[methods.planningsgesprek]
nl = "Planningsgesprek"
de = "Zielvereinbarungsgespräch"

[methods.het-goede-gesprek]
nl = "Het Goede Gesprek"   # a comment after a name
de = 'Das Gute Gespräch'

# Then the roles.
[roles.manager]
nl = "Leidinggevende"
de = "Führungskraft"

[role_words.manager]
nl = ["leidinggevende", "leidinggevenden"]
de = [
  "Führungskraft",
  " Führungskräfte ",
]
`

func TestParse(t *testing.T) {
	g, problems := Parse(sample)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	e, name, ok := g.Name(Methods, "het-goede-gesprek", "de")
	if !ok || name != "Das Gute Gespräch" || e.Line != 8 || e.LangLine("de") != 10 {
		t.Errorf("het-goede-gesprek: %+v %q %v", e, name, ok)
	}
	if _, name, _ := g.Name(Roles, "manager", "nl"); name != "Leidinggevende" {
		t.Errorf("manager: %q", name)
	}
	if strings.Join(g.Tables[Methods].IDs, ",") != "planningsgesprek,het-goede-gesprek" || strings.Join(g.Tables[Methods].Langs, ",") != "nl,de" {
		t.Errorf("methods: %+v", g.Tables[Methods])
	}
	if got := strings.Join(g.Forms("de")["manager"], "|"); got != "Führungskraft|Führungskräfte" {
		t.Errorf("de forms: %q", got)
	}
	if ps := g.CheckLanguages([]string{"nl", "de"}); len(ps) > 0 {
		t.Errorf("language problems: %v", ps)
	}
}

// TestTheProjectsGlossary: the real file reads without a problem and
// names every method and role in the site's languages.
func TestTheProjectsGlossary(t *testing.T) {
	b, err := os.ReadFile("../../../" + File)
	if err != nil {
		t.Fatal(err)
	}
	g, problems := Parse(string(b))
	problems = append(problems, g.CheckLanguages([]string{"nl", "de"})...)
	for _, p := range problems {
		t.Errorf("%s", p)
	}
	for _, s := range Sections {
		if g.Tables[s] == nil || len(g.Tables[s].Entries) == 0 {
			t.Errorf("no %s read from %s", s, File)
		}
	}
}

// TestDocTables: the tables of docs/glossary.md are the data's; -update
// rewrites them, and leaves the prose as it is.
func TestDocTables(t *testing.T) {
	b, err := os.ReadFile("../../../" + File)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := Parse(string(b))
	doc, err := os.ReadFile("../../../" + Doc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := DocTables(string(doc), g)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../../../"+Doc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(doc) != want {
		t.Errorf("the tables of %s are not made from %s; run %s", Doc, File, DocUpdate)
	}
}

// TestDocTablesKeepTheProse: only what stands between the markers changes.
func TestDocTablesKeepTheProse(t *testing.T) {
	g, _ := Parse(sample)
	var doc strings.Builder
	doc.WriteString("# Prose | with a bar\n\n")
	for _, s := range Sections {
		begin, end := docMarkers(s)
		fmt.Fprintf(&doc, "## %s\n\n%s| an | old | table |\n%sWhy: prose.\n\n", s, begin, end)
	}
	got, err := DocTables(doc.String(), g)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "old") || !strings.Contains(got, "| het-goede-gesprek | Het Goede Gesprek | Das Gute Gespräch |\n") ||
		!strings.Contains(got, "| manager | leidinggevende, leidinggevenden | Führungskraft,  Führungskräfte  |\n") {
		t.Errorf("tables:\n%s", got)
	}
	if strings.Count(got, "Why: prose.\n") != 3 || !strings.HasPrefix(got, "# Prose | with a bar\n\n## methods\n") {
		t.Errorf("the prose changed:\n%s", got)
	}
	if _, err := DocTables("# No markers\n", g); err == nil {
		t.Error("a page without markers was accepted")
	}
}

// TestProblems: every problem of the file is reported with its line and
// a fix.
func TestProblems(t *testing.T) {
	type want struct {
		line    int
		message string
		fix     string
	}
	for _, c := range []struct {
		name string
		old  string
		new  string
		want []want
	}{
		{"a second table for an id", "[methods.het-goede-gesprek]", "[methods.planningsgesprek]",
			[]want{{8, "not valid TOML: Key 'methods.planningsgesprek' has already been defined", "correct the syntax"}}},
		{"a name two methods share", `nl = "Het Goede Gesprek"`, `nl = "planningsgesprek"`,
			[]want{{9, `"planningsgesprek" and "het-goede-gesprek" are both called "planningsgesprek" in nl (first on line 5)`, "its own name"}}},
		{"an empty name", `nl = "Het Goede Gesprek"`, `nl = " "`,
			[]want{{9, `"het-goede-gesprek" has no nl name`, "write its nl name"}}},
		{"two names that are numbers, reported in the file's order", "nl = \"Planningsgesprek\"\nde = \"Zielvereinbarungsgespräch\"", "nl = 1\nde = 2",
			[]want{{5, "methods.planningsgesprek.nl is a number, not text", `nl = "…"`}, {6, "methods.planningsgesprek.de is a number, not text", `de = "…"`}}},
		{"a name that is a number", `de = "Führungskraft"`, `de = 3`,
			[]want{{15, "roles.manager.de is a number, not text", `de = "…"`}}},
		{"forms that are text", `nl = ["leidinggevende", "leidinggevenden"]`, `nl = "leidinggevende"`,
			[]want{{18, "role_words.manager.nl is text, not a list of words", `nl = ["…", "…"]`}}},
		{"a form that is a number", `"Führungskraft",`, `"Führungskraft", 4,`,
			[]want{{19, `a form of "manager" in de is a number, not text`, "as text in quotes"}}},
		{"an empty form", `"Führungskraft",`, `"Führungskraft", " ",`,
			[]want{{19, `a form of "manager" in de is empty`, "remove the empty form"}}},
		{"an inline table, its languages in the order written", "[roles.manager]\nnl = \"Leidinggevende\"\nde = \"Führungskraft\"\n", "[roles]\nmanager = { de = \"Führungskraft\", nl = 4 }\n",
			[]want{{14, "roles.manager.nl is a number, not text", `nl = "…"`}}},
		{"an entry that is not a table", "[roles.manager]\nnl = \"Leidinggevende\"\nde = \"Führungskraft\"\n", "[roles]\nmanager = \"Leidinggevende\"\n",
			[]want{{14, "roles.manager is text, not a table", "write [roles.manager] with one key per language"}}},
		{"a misspelt table", "[roles.manager]", "[role.manager]",
			[]want{{13, `unknown table "role"`, `did you mean "roles"?`}, {1, "no roles in the glossary", "[roles.<id>]"}}},
		{"an id that is no id", "[roles.manager]", `[roles."Manager X"]`,
			[]want{{13, `id "Manager X" is not usable`, "lower-case letters"}}},
		{"not TOML", `nl = "Leidinggevende"`, `nl = "Leidinggevende`,
			[]want{{14, "not valid TOML", "correct the syntax"}}},
		{"a table header left open: its line, not the next", "[roles.manager]", "[roles.manager",
			[]want{{13, "not valid TOML", "correct the syntax"}}},
		{"too deep", "[roles.manager]", "[roles.manager]\nx = " + strings.Repeat("[", 40) + strings.Repeat("]", 40),
			[]want{{14, "nests more than", "flatten"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(sample, c.old) {
				t.Fatalf("the sample has no %q", c.old)
			}
			_, problems := Parse(strings.Replace(sample, c.old, c.new, 1))
			if len(problems) != len(c.want) {
				t.Fatalf("problems: %v, want %v", problems, c.want)
			}
			for i, p := range problems {
				w := c.want[i]
				if p.File != File || p.Line != w.line || !strings.Contains(p.Message, w.message) || !strings.Contains(p.Fix, w.fix) {
					t.Errorf("problem %s, want %s:%d: %s (fix: %s)", p, File, w.line, w.message, w.fix)
				}
			}
		})
	}
}

// TestCheckLanguages: an entry without a language of the site, and a key
// that is none, are reported on their lines.
func TestCheckLanguages(t *testing.T) {
	text := strings.Replace(sample, "de = 'Das Gute Gespräch'", "dee = 'Das Gute Gespräch'", 1)
	g, problems := Parse(text)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := g.CheckLanguages([]string{"nl", "de", "en"})
	var lines []string
	for _, p := range got {
		lines = append(lines, fmt.Sprintf("%s:%d: %s | %s", p.File, p.Line, p.Message, p.Fix))
	}
	want := []string{
		`data/glossary.toml:4: [methods.planningsgesprek] has no en name | add en = "…" under [methods.planningsgesprek]`,
		`data/glossary.toml:10: [methods.het-goede-gesprek] has a key "dee", which is no language of the site | did you mean "de"? (the site's languages in config.toml: "nl", "de", "en")`,
		`data/glossary.toml:8: [methods.het-goede-gesprek] has no de name | add de = "…" under [methods.het-goede-gesprek]`,
		`data/glossary.toml:8: [methods.het-goede-gesprek] has no en name | add en = "…" under [methods.het-goede-gesprek]`,
		`data/glossary.toml:13: [roles.manager] has no en name | add en = "…" under [roles.manager]`,
		`data/glossary.toml:17: [role_words.manager] has no en forms | add en = ["…", "…"] under [role_words.manager]`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestWithMethod(t *testing.T) {
	g, _ := Parse(sample)
	text, err := g.WithMethod("functioneringsgesprek", map[string]string{"nl": "Functioneringsgesprek", "de": `Mitarbeiter"gespräch\`})
	if err != nil {
		t.Fatal(err)
	}
	// After the last method, before the comment that leads into the
	// roles; every other byte as it was.
	want := strings.Replace(sample, "de = 'Das Gute Gespräch'\n", "de = 'Das Gute Gespräch'\n\n[methods.functioneringsgesprek]\nnl = \"Functioneringsgesprek\"\nde = \"Mitarbeiter\\\"gespräch\\\\\"\n", 1)
	if text != want {
		t.Errorf("got:\n%s\nwant:\n%s", text, want)
	}
	g2, problems := Parse(text)
	if _, name, _ := g2.Name(Methods, "functioneringsgesprek", "de"); name != `Mitarbeiter"gespräch\` || len(problems) > 0 {
		t.Errorf("the added method does not read back: %q %v", name, problems)
	}
	for _, bad := range []map[string]string{{"nl": "A"}, {"nl": "A\nB", "de": "C"}, {"nl": " ", "de": "C"}} {
		if _, err := g.WithMethod("x", bad); err == nil {
			t.Errorf("names %q were accepted", bad)
		}
	}
	if _, err := g.WithMethod("planningsgesprek", map[string]string{"nl": "A", "de": "B"}); err == nil {
		t.Errorf("a second table for a listed method was accepted")
	}
	if _, err := g.WithMethod("Nieuw Gesprek", map[string]string{"nl": "A", "de": "B"}); err == nil {
		t.Errorf("an id that is no bare key was accepted")
	}
	// The methods last in the file: the new one at its end.
	last := "[roles.x]\nnl = \"X\"\nde = \"X\"\n\n[methods.a]\nnl = \"A\"\nde = \"A\"\n# the end\n"
	g3, _ := Parse(last)
	if text, err := g3.WithMethod("b", map[string]string{"nl": "B", "de": "B"}); err != nil || text != "[roles.x]\nnl = \"X\"\nde = \"X\"\n\n[methods.a]\nnl = \"A\"\nde = \"A\"\n\n[methods.b]\nnl = \"B\"\nde = \"B\"\n\n# the end\n" {
		t.Errorf("at the end: %v\n%s", err, text)
	}
}

// TestGeneratedGlossaries: for glossaries of random ids, names and
// forms, what is written reads back as it was; and a method added the
// way new adds it reads back with every entry before it unchanged, and
// every byte before it too.
func TestGeneratedGlossaries(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 5))
	for n := range 300 {
		langs := slices.Concat([]string{"nl", "de"}, []string{"en", "fr"}[:r.IntN(3)])
		data := map[string]map[string]map[string][]string{} // section → id → lang → names (one, but in role words)
		var text strings.Builder
		text.WriteString("# generated\n")
		order := map[string][]string{} // ids by section, as written
		for _, section := range Sections {
			data[section] = map[string]map[string][]string{}
			for range 1 + r.IntN(6) {
				id := randomID(r)
				if _, dup := data[section][id]; dup {
					continue
				}
				data[section][id] = map[string][]string{}
				order[section] = append(order[section], id)
				fmt.Fprintf(&text, "\n[%s.%s]\n", section, id)
				if r.IntN(3) == 0 {
					text.WriteString("# a comment\n")
				}
				for _, lang := range langs {
					if section != RoleWords {
						name := randomName(r, n)
						data[section][id][lang] = []string{name}
						fmt.Fprintf(&text, "%s = %s\n", lang, quote(name))
						continue
					}
					var quoted []string
					for range 1 + r.IntN(4) {
						form := randomName(r, n)
						data[section][id][lang] = append(data[section][id][lang], form)
						quoted = append(quoted, quote(form))
					}
					fmt.Fprintf(&text, "%s = [%s]\n", lang, strings.Join(quoted, ", "))
				}
			}
		}
		g, problems := Parse(text.String())
		if len(problems) > 0 {
			t.Fatalf("%v\n%s", problems, text.String())
		}
		check := func(g *Glossary, what string) {
			t.Helper()
			for _, section := range Sections {
				for id, byLang := range data[section] {
					for _, lang := range langs {
						got := []string{g.Tables[section].Entries[id].Names[lang]}
						if section == RoleWords {
							got = g.Tables[section].Entries[id].Forms[lang]
						}
						if !slices.Equal(got, byLang[lang]) {
							t.Fatalf("%s: [%s.%s] %s = %q, want %q\n%s", what, section, id, lang, got, byLang[lang], text.String())
						}
					}
				}
				if len(g.Tables[section].Entries) != len(data[section]) || !slices.Equal(g.Tables[section].IDs, order[section]) {
					t.Fatalf("%s: %s %v, want %v", what, section, g.Tables[section].IDs, order[section])
				}
			}
			if ps := g.CheckLanguages(langs); len(ps) > 0 {
				t.Fatalf("%s: %v", what, ps)
			}
		}
		check(g, "written")

		id := randomID(r)
		if _, dup := data[Methods][id]; dup {
			continue
		}
		names := map[string]string{}
		data[Methods][id] = map[string][]string{}
		order[Methods] = append(order[Methods], id)
		for _, lang := range langs {
			names[lang] = randomName(r, n) + " new"
			data[Methods][id][lang] = []string{names[lang]}
		}
		added, err := g.WithMethod(id, names)
		if err != nil {
			t.Fatalf("%v\n%s", err, text.String())
		}
		g2, problems := Parse(added)
		if len(problems) > 0 {
			t.Fatalf("added: %v\n%s", problems, added)
		}
		check(g2, "added") // the new method after the last one written before
		// Every line of the file before is still there, in its order.
		if !isSubsequence(strings.Split(text.String(), "\n"), strings.Split(added, "\n")) {
			t.Fatalf("lines were changed:\n%s\nbecame\n%s", text.String(), added)
		}
	}
}

func isSubsequence(old, now []string) bool {
	i := 0
	for _, line := range now {
		if i < len(old) && line == old[i] {
			i++
		}
	}
	return i == len(old)
}

func randomID(r *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	var words []string
	for range 1 + r.IntN(3) {
		var b []byte
		for range 1 + r.IntN(8) {
			b = append(b, letters[r.IntN(len(letters))])
		}
		words = append(words, string(b))
	}
	return strings.Join(words, "-")
}

// randomName is a name of letters a TOML string must escape and others,
// unique within a glossary by its number.
func randomName(r *rand.Rand, n int) string {
	alphabet := []rune(`aZß ü"\'#[]=,|.é	-Ωx€`)
	var b []rune
	for range 1 + r.IntN(12) {
		b = append(b, alphabet[r.IntN(len(alphabet))])
	}
	unique++
	return fmt.Sprintf("%s %d.%d", string(b), n, unique)
}

var unique int
