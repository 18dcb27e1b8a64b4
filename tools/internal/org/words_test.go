package org

import (
	"strings"
	"testing"
)

// TestUncoveredFormsAreListed: renaming a role in one form but not in
// another that the variant's pages use is a problem at the given form's
// line, listing the places; a form used only by a method the variant
// leaves out is not asked for; giving every form is fine.
func TestUncoveredFormsAreListed(t *testing.T) {
	dir := orgDir(t, "provincie-voorbeeld")
	text := strings.Replace(validFile, `methods = ["het-goede-gesprek"]`, `methods = ["het-goede-gesprek", "planningsgesprek"]`, 1)
	_, problems := Parse(dir, "org.toml", text, site)
	wantProblem(t, problems, "org.toml", 18, `[terms.nl] renames "manager" but not "leidinggevenden", another form of the same word, which the variant's pages use 2 times (content/nl/gesprekken/planningsgesprek/_index.md:12, content/nl/gesprekken/planningsgesprek/_index.md:30)`,
		`add leidinggevenden = "…" to [terms.nl]: give every form of the word (leidinggevende, leidinggevenden)`)
	if len(problems) != 1 {
		t.Errorf("want one problem: %v", problems)
	}
	if _, problems := Parse(dir, "org.toml", strings.Replace(text, `leidinggevende = "teamleider"`, "leidinggevende = \"teamleider\"\nLeidinggevenden = \"teamleiders\"", 1), site); len(problems) != 0 {
		t.Errorf("every form given (one with a capital): %v", problems)
	}
}

// TestGermanNames: a German organisation names methods by their German
// folder and agenda items by their German alias; both are stored as the
// site's ids. A wrong name is refused with the German names among the
// suggestions.
func TestGermanNames(t *testing.T) {
	dir := orgDir(t, "technik")
	text := `name = "Technik"
base_url = "https://intranet.example.de/"
languages = ["de"]
methods = ["perspektivgespraech", "zielvereinbarungsgespraech"]
[title]
de = "Gesprächskompass"
[brand]
logo = "logo.svg"
primary = "#9b1c2e"
accent = "#ffcc00"
[[questions]]
method = "perspektivgespraech"
agenda = "staerken"
asks = "manager"
de = "Was gibt Ihnen Energie?"
`
	o, problems := Parse(dir, "org.toml", text, site)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if strings.Join(o.Methods, " ") != "planningsgesprek het-goede-gesprek" || o.Questions[0].Method != "het-goede-gesprek" || o.Questions[0].Agenda != "talenten" || o.Title["de"] != "Gesprächskompass" {
		t.Errorf("methods %v, question %+v, title %v", o.Methods, o.Questions[0], o.Title)
	}
	_, problems = Parse(dir, "org.toml", strings.Replace(strings.Replace(text, `"staerken"`, `"staerke"`, 1), `"zielvereinbarungsgespraech"]`, `"zielvereinbarungsgesprach"]`, 1), site)
	wantProblem(t, problems, "org.toml", 4, `unknown method "zielvereinbarungsgesprach"`, `did you mean "zielvereinbarungsgespraech"?`)
	wantProblem(t, problems, "org.toml", 13, `question 1: "staerke" is not an agenda item of het-goede-gesprek`, `did you mean "staerken"?`)
	_, problems = Parse(dir, "org.toml", strings.Replace(text, `de = "Gesprächskompass"`, "nl = \"Gesprekskompas\"\nde = \"\"", 1), site)
	wantProblem(t, problems, "org.toml", 6, "title.nl is for a language this variant does not have", `add "nl" to languages`)
	wantProblem(t, problems, "org.toml", 7, "title.de is empty", "fill in de")
}
