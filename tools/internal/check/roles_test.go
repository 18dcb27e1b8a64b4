package check

import (
	"strings"
	"testing"
)

// TestRolesAreData: the roles a method may name are the glossary's. A
// method naming a role the glossary does not have is refused, and the
// fix lists the glossary's roles; once the role is added as data (its
// name per language, its word's forms, its interface string in each
// language), with no change to code, the same method passes.
func TestRolesAreData(t *testing.T) {
	root := copyValid(t)
	for _, guide := range []string{"content/nl/gesprekken/proefgesprek/_index.md", "content/de/gespraeche/probegespraech/_index.md"} {
		edit(t, root, guide, `roles = ["manager", "employee"]`, `roles = ["manager", "employee", "mentor"]`)
	}
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for _, p := range problems {
		if strings.Contains(p.Message, `unknown role "mentor" in roles`) && strings.Contains(p.Fix, "manager, employee, senior") && !strings.Contains(p.Fix, Both) {
			refused++
		}
	}
	if refused != 2 {
		t.Fatalf("want the unknown role refused in both guides, with the glossary's parties as the fix; got %v", problems)
	}
	edit(t, root, "data/glossary.toml", "[roles.both]", "[roles.mentor]\nnl = \"mentor\"\nde = \"Mentorin oder Mentor\"\n\n[roles.both]")
	edit(t, root, "data/glossary.toml", "[role_words.manager]", "[role_words.mentor]\nnl = [\"mentor\", \"mentoren\"]\nde = [\"Mentorin oder Mentor\", \"Mentorin\", \"Mentor\"]\n\n[role_words.manager]")
	edit(t, root, "i18n/nl.toml", "[role_manager]", "[role_mentor]\nother = \"mentor\"\n[role_manager]")
	edit(t, root, "i18n/de.toml", "[role_manager]", "[role_mentor]\nother = \"Mentorin oder Mentor\"\n[role_manager]")
	if problems, err := Site(root); err != nil || len(problems) > 0 {
		t.Fatalf("with the role added as data: %v %v", err, problems)
	}
}
