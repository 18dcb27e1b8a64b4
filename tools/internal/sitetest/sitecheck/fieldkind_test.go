package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestNewFieldKind: a kind of form field is data and a partial. In a copy
// of the project, a kind "email" is added with files only (its table in
// data/fieldkinds.toml, its partial form/kind/email.html) and used by one
// method in both languages, with no change to Go code or to any other
// template or script: the content check passes, the site builds, the form
// page renders the field with the new partial, and the built-site tests
// pass.
func TestNewFieldKind(t *testing.T) {
	t.Parallel()
	root := projecttest.CopyProject(t)
	appendTo := func(rel, s string) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(root, rel), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(s); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("data/fieldkinds.toml", "\n[email]\nwhat = \"an e-mail address\"\n")
	partial := filepath.Join(root, "layouts/_partials/form/kind/email.html")
	if err := os.WriteFile(partial, []byte(`{{- /* A field of kind "email": an address. Context: the field. */ -}}
{{- partial "form/control.html" (dict "key" .id "kind" "email" "label" .label "hint" .hint) }}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	// The field at the end of the last agenda item, in both languages
	// (check holds the languages to the same fields in the same order).
	for _, c := range []struct{ file, label string }{
		{"content/nl/gesprekken/functioneringsgesprek/_index.md", "E-mailadres voor het verslag"},
		{"content/de/gespraeche/mitarbeitergespraech/_index.md", "E-Mail-Adresse für das Protokoll"},
	} {
		path := filepath.Join(root, c.file)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		end := strings.Index(text[3:], "\n+++") + 3
		if end < 3 {
			t.Fatalf("%s has no front matter", c.file)
		}
		field := "\n  [[params.agenda.fields]]\n  id = \"verslag-email\"\n  kind = \"email\"\n  label = \"" + c.label + "\"\n"
		if err := os.WriteFile(path, []byte(text[:end]+field+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := checkAndBuild(t, root)
	form := 0
	for _, p := range sitetest.Pages(t, s.built) {
		if sel := p.Doc.Find(`.field--email input[name="verslag-email"]`); sel.Length() > 0 {
			form++
			if p.Doc.Find(`label[for="`+sel.AttrOr("id", "?")+`"]`).Length() != 1 {
				t.Errorf("%s: the e-mail field has no label", p.URL)
			}
		}
	}
	if form != 2 {
		t.Errorf("%d form pages render the e-mail field with its partial, want 2 (Dutch and German)", form)
	}
	checkBuiltSite(t, s)
}
