package variants

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestHeadingIDsAreTheSites: a heading whose words a variant replaces
// keeps the id the site gives it. Hugo made it from the text with the
// shortcode in it, as its placeholder: "een-nieuwe-hahahugoshortcode12s9hbhb",
// another number in every build, so links to it broke and no two builds
// of a variant were alike. No page of any example variant has such an id,
// and the province's (which calls a manager "teamleider") has the site's.
func TestHeadingIDsAreTheSites(t *testing.T) {
	out := builtExamples(t)
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		for u, d := range pages(t, filepath.Join(out, e.Name())) {
			d.Find("[id]").Each(func(_ int, s *goquery.Selection) {
				n++
				if id := s.AttrOr("id", ""); strings.Contains(id, "hugoshortcode") {
					t.Errorf("%s%s: id %q is Hugo's placeholder for a shortcode", e.Name(), u, id)
				}
			})
		}
	}
	if n < 1000 {
		t.Errorf("only %d ids looked at: are the examples built?", n)
	}
	d := pages(t, filepath.Join(out, "provincie-voorbeeld"))["/gesprekken/planningsgesprek/"]
	if d == nil {
		t.Fatal("the province has no planning guide")
	}
	if h := d.Find("#een-nieuwe-leidinggevende"); h.Length() != 1 || strings.TrimSpace(h.Text()) != "Een nieuwe teamleider" {
		t.Errorf("the heading about a new manager: %d with the site's id, reading %q", h.Length(), strings.TrimSpace(h.Text()))
	}
}

// TestKeepHeadingIDs: only a heading the replacement changed gets an id,
// the one its text as written gives, and never a second one.
func TestKeepHeadingIDs(t *testing.T) {
	body := "### Een nieuwe leidinggevende\n## Wie *leidinggevende* is {#who}\nDe leidinggevende leest.\n#### Niets_te-doen\n"
	marked := strings.ReplaceAll(body, "leidinggevende", `{{< term "leidinggevende" >}}`)
	want := "### Een nieuwe {{< term \"leidinggevende\" >}} {#een-nieuwe-leidinggevende}\n" +
		"## Wie *{{< term \"leidinggevende\" >}}* is {#who}\n" +
		"De {{< term \"leidinggevende\" >}} leest.\n#### Niets_te-doen\n"
	if got := keepHeadingIDs(body, marked); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := anchor("Wie **is** de Führungskraft? (2)"); got != "wie-is-de-führungskraft-2" {
		t.Errorf("anchor: %q", got)
	}
}
