package glossary

import (
	"os"
	"strings"
	"testing"
)

const sample = `# Glossary

Some prose, and a table that is not ours:

| a | b |
|---|---|
| 1 | 2 |

## Methods

| id | nl | de |
|---|---|---|
| planningsgesprek | Planningsgesprek | Zielvereinbarungsgespräch |
| het-goede-gesprek | Het Goede Gesprek | Das Gute Gespräch |
## Roles

| id | nl | de |
| --- | :--- | --- |
| manager | Leidinggevende | Führungskraft |

## German style

| form | use |
|---|---|
| Mitarbeitende | yes |
`

func TestParse(t *testing.T) {
	g, problems := Parse(sample)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	e, name, ok := g.Name(Methods, "het-goede-gesprek", "de")
	if !ok || name != "Das Gute Gespräch" || e.Line != 14 {
		t.Errorf("het-goede-gesprek: %v %q %v", e, name, ok)
	}
	if _, name, _ := g.Name(Roles, "manager", "nl"); name != "Leidinggevende" {
		t.Errorf("manager: %q", name)
	}
	if _, _, ok := g.Name(Roles, "form", "nl"); ok {
		t.Errorf("a table under another heading was read as roles")
	}
	if len(g.Tables[Roles].Entries) != 1 || strings.Join(g.Tables[Methods].Langs, ",") != "nl,de" {
		t.Errorf("tables: %+v", g.Tables)
	}
}

// TestTheProjectsGlossary: the real file reads without a problem.
func TestTheProjectsGlossary(t *testing.T) {
	b, err := os.ReadFile("../../../" + File)
	if err != nil {
		t.Fatal(err)
	}
	g, problems := Parse(string(b))
	for _, p := range problems {
		t.Errorf("%s:%d: %s", File, p.Line, p.Message)
	}
	if len(g.Tables[Methods].Entries) == 0 || len(g.Tables[Roles].Entries) == 0 {
		t.Errorf("no methods or no roles read from %s", File)
	}
}

func TestProblems(t *testing.T) {
	text := strings.NewReplacer(
		"| het-goede-gesprek | Het Goede Gesprek | Das Gute Gespräch |", "| het-goede-gesprek | Het Goede Gesprek |\n| planningsgesprek | P |  |",
		"## Roles\n\n| id |", "## Roles\n\n| role |",
	).Replace(sample)
	_, problems := Parse(text)
	var got []string
	for _, p := range problems {
		got = append(got, p.Message)
	}
	want := []string{
		"a row with 2 cells in a table with 3 columns",
		`"planningsgesprek" is listed twice (first on line 13)`,
		"the table's header is not | id | nl | de |",
		"no ## Roles section with a table | id | nl | de |",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWithMethod(t *testing.T) {
	g, _ := Parse(sample)
	text, err := g.WithMethod("functioneringsgesprek", map[string]string{"nl": "Functioneringsgesprek", "de": "Mitarbeitergespräch"})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "Das Gute Gespräch |\n", "Das Gute Gespräch |\n| functioneringsgesprek | Functioneringsgesprek | Mitarbeitergespräch |\n", 1)
	if text != want {
		t.Errorf("got:\n%s", text)
	}
	g2, problems := Parse(text)
	if _, name, _ := g2.Name(Methods, "functioneringsgesprek", "de"); name != "Mitarbeitergespräch" || len(problems) > 0 {
		t.Errorf("the added row does not read back: %q %v", name, problems)
	}
	for _, bad := range []map[string]string{{"nl": "A"}, {"nl": "A | B", "de": "C"}, {"nl": "A\nB", "de": "C"}} {
		if _, err := g.WithMethod("x", bad); err == nil {
			t.Errorf("names %q were accepted", bad)
		}
	}
	if _, err := g.WithMethod("planningsgesprek", map[string]string{"nl": "A", "de": "B"}); err == nil {
		t.Errorf("a second row for a listed method was accepted")
	}
}

func TestForms(t *testing.T) {
	g, problems := Parse(sample + "\n## Role words\n\n| id | nl | de |\n|---|---|---|\n| manager | leidinggevende, leidinggevenden | Führungskraft,Führungskräfte ,  Führungskräften |\n")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got := strings.Join(g.Forms("de")["manager"], "|"); got != "Führungskraft|Führungskräfte|Führungskräften" {
		t.Errorf("de forms: %q", got)
	}
	if got := strings.Join(g.Forms("nl")["manager"], "|"); got != "leidinggevende|leidinggevenden" {
		t.Errorf("nl forms: %q", got)
	}
	if g, _ := Parse(sample); g.Forms("nl") != nil {
		t.Error("forms without a Role words table")
	}
}
