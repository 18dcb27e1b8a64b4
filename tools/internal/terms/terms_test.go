package terms

import (
	"fmt"
	"strings"
	"testing"
)

var nl = New([]Word{
	{"leidinggevende", "manager"}, {"leidinggevenden", "manager"},
	{"hogere leidinggevende", "senior"}, {"medewerker", "employee"}, {"medewerkers", "employee"},
	{"collega-afdeling", "colleague"}, {"eigen team", "team"}, {"Gesprekswijzer", ""},
})

func mark(m Match, word string) string { return "[" + word + "]" }

func TestReplace(t *testing.T) {
	own := map[string]string{"leidinggevende": "teamleider", "leidinggevenden": "teamleiders", "medewerker": "collega", "gesprekswijzer": "Praatplaat", "eigen team": "afdeling"}
	for in, want := range map[string]string{
		"De leidinggevende en de medewerker":             "De [teamleider] en de [collega]",
		"Leidinggevende":                                 "[Teamleider]",
		"leidinggevendeschap en medewerkerstevredenheid": "leidinggevendeschap en medewerkerstevredenheid",
		"De hogere leidinggevende en de leidinggevenden": "De hogere leidinggevende en de [teamleiders]",
		"De hogere\nleidinggevende blijft":               "De hogere\nleidinggevende blijft",
		"De hogere\n\nleidinggevende":                    "De hogere\n\n[teamleider]",
		"MEDEWERKERS blijven, Medewerker niet":           "MEDEWERKERS blijven, [Collega] niet",
		"Ons Eigen  team":                                "Ons [Afdeling]",
		"{{ .Count }} leidinggevende":                    "{{ .Count }} [teamleider]",
		"Gesprekswijzer helpt":                           "[Praatplaat] helpt",
		"collega-afdeling collega-afdelingen":            "collega-afdeling collega-afdelingen",
	} {
		if got := nl.Replace(in, own, mark); got != want {
			t.Errorf("Replace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindKeysAndRoles(t *testing.T) {
	var got []string
	for _, m := range nl.Find("De Hogere   Leidinggevende spreekt de medewerkers.") {
		got = append(got, fmt.Sprintf("%s/%s/%q", m.Key, m.Role, m.Text))
	}
	if want := `hogere leidinggevende/senior/"Hogere   Leidinggevende" medewerkers/employee/"medewerkers"`; strings.Join(got, " ") != want {
		t.Errorf("Find: %v, want %s", got, want)
	}
}

func TestCased(t *testing.T) {
	for _, c := range [][3]string{{"Leidinggevende", "teamleider", "Teamleider"}, {"leidinggevende", "Teamleitung", "Teamleitung"}, {"Führungskraft", "übergeordnete Leitung", "Übergeordnete Leitung"}} {
		if got := Cased(c[0], c[1]); got != c[2] {
			t.Errorf("Cased(%q, %q) = %q", c[0], c[1], got)
		}
	}
}

// TestMarkdown: only what readers see as text is replaced; code, link
// targets, autolinks, shortcode calls and attribute blocks keep the word.
func TestMarkdown(t *testing.T) {
	body := "## De medewerker {#medewerker}\n\n" +
		"De **medewerker** en de [medewerker](/medewerker/) met `medewerker`,\n" +
		"zie https://example.org/medewerker en {{< term \"medewerker\" >}}.\n\n" +
		"    medewerker in code\n\n" +
		"| medewerker | x |\n|---|---|\n| de medewerker | y |\n"
	got := nl.ReplaceInMarkdown(body, map[string]string{"medewerker": "collega"}, mark)
	want := "## De [collega] {#medewerker}\n\n" +
		"De **[collega]** en de [[collega]](/medewerker/) met `medewerker`,\n" +
		"zie https://example.org/medewerker en {{< term \"medewerker\" >}}.\n\n" +
		"    medewerker in code\n\n" +
		"| [collega] | x |\n|---|---|\n| de [collega] | y |\n"
	if got != want {
		t.Errorf("ReplaceInMarkdown:\n%s\nwant:\n%s", got, want)
	}
	// A form of two words across a soft line break is one form.
	if got := nl.ReplaceInMarkdown("de hogere\nleidinggevende", map[string]string{"leidinggevende": "x"}, mark); got != "de hogere\nleidinggevende" {
		t.Errorf("the higher manager became %q", got)
	}
}

func FuzzReplace(f *testing.F) {
	f.Add("De leidinggevende en de hogere leidinggevende")
	f.Add("`medewerker` [medewerker](x) {{< term \"medewerker\" >}}")
	f.Fuzz(func(t *testing.T, s string) {
		own := map[string]string{"leidinggevende": "L", "medewerker": "M", "hogere leidinggevende": "H"}
		out := nl.ReplaceInMarkdown(s, own, func(m Match, w string) string { return "\x00" })
		// Only whole occurrences are replaced: the text between them is unchanged.
		if strings.ReplaceAll(out, "\x00", "") == "" && s != "" && !strings.ContainsRune(s, 0) && len(nl.Find(s)) == 0 {
			t.Fatalf("text lost: %q", s)
		}
		nl.Replace(s, own, func(m Match, w string) string {
			if s[m.Start:m.End] != m.Text || Key(m.Text) != m.Key {
				t.Fatalf("match %+v does not describe %q", m, s)
			}
			return w
		})
	})
}
