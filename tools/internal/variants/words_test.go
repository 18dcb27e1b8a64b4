package variants

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
)

// FuzzTemplateText: an organisation's word written into an interface
// string (which Hugo runs as a Go template) comes out exactly as written,
// whatever it holds: it is a constant, never code.
func FuzzTemplateText(f *testing.F) {
	for _, s := range []string{"teamleider", `{{ printf "%s" "x" }}`, "{{ range 20000 }}x{{ end }}", `"}}{{`, `\`, "{{/* */}}", "\u202e", "a\x00b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		src := "De " + templateText(word) + " en {{ .Count }}"
		tpl, err := template.New("").Parse(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		var b strings.Builder
		if err := tpl.Execute(&b, map[string]int{"Count": 2}); err != nil {
			t.Fatal(err)
		}
		if want := "De " + word + " en 2"; b.String() != want {
			t.Errorf("got %q, want %q", b.String(), want)
		}
	})
}

// FuzzOwnWordsAreData: whatever an organisation's word holds, the page the
// overlay writes is TOML whose texts hold it exactly as written (data,
// which Hugo never runs), and its Markdown body never holds it: the prose
// gets only a shortcode naming the site's own word.
func FuzzOwnWordsAreData(f *testing.F) {
	for _, s := range []string{"teamleider", `{{ printf "%s" "x" }}`, `{{< term "x" >}}`, `{{% site-title %}}`, "+++\n", `"""`, `\`, "'''", "\u202e"} {
		f.Add(s)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "_index.md")
	page := "+++\ntitle = \"Gids\"\ndescription = \"De leidinggevende spreekt.\"\n[params]\nmethod = \"m\"\n[[params.agenda]]\nid = \"a\"\npurpose = \"Leidinggevende en medewerker.\"\n+++\nDe leidinggevende spreekt.\n"
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, word string) {
		if word == "" || !utf8.ValidString(word) {
			return // org.toml is UTF-8, and a word is not empty
		}
		w := &ownWords{vocab: terms.New([]terms.Word{{Form: "leidinggevende", Role: "manager"}}), own: map[string]string{"leidinggevende": word}}
		out, changed, err := w.page(path)
		if err != nil || !changed {
			t.Fatalf("%v %v", changed, err)
		}
		front, body, ok := content.SplitFrontMatter(string(out))
		if !ok {
			t.Fatalf("no front matter in %q", out)
		}
		var m struct {
			Description string
			Params      struct {
				Agenda []struct{ ID, Purpose string }
			}
		}
		if _, err := toml.Decode(front, &m); err != nil {
			t.Fatalf("%v in\n%s", err, front)
		}
		if m.Description != "De "+word+" spreekt." || m.Params.Agenda[0].Purpose != terms.Cased("L", word)+" en medewerker." || m.Params.Agenda[0].ID != "a" {
			t.Errorf("front matter %+v, want the word as written", m)
		}
		if body != "De {{< term \"leidinggevende\" >}} spreekt.\n" {
			t.Errorf("body %q", body)
		}
	})
}
