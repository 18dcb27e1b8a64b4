package variants

import (
	"strings"
	"testing"
	"text/template"
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
