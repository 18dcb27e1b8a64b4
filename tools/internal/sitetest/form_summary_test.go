package sitetest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// buildEdited copies the site's sources into a temporary folder, lets
// edit change them, builds that site and returns its output.
func buildEdited(t *testing.T, edit func(root string)) string {
	t.Helper()
	root := projecttest.CopyProject(t)
	edit(root)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

// withSignoff sets a method's signoff in both languages of the site at root.
func withSignoff(t *testing.T, root, method, mode string) {
	t.Helper()
	s, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range s.Pages {
		if p.Front.Params.Method != method {
			continue
		}
		file := filepath.Join(root, filepath.FromSlash(p.File))
		b, _ := os.ReadFile(file)
		text := regexp.MustCompile(`(?m)^signoff = .*\n`).ReplaceAllString(string(b), "")
		text = strings.Replace(text, "\nmethod = \""+method+"\"\n", "\nmethod = \""+method+"\"\nsignoff = \""+mode+"\"\n", 1)
		os.WriteFile(file, []byte(text), 0o644)
		n++
	}
	if n != len(s.Languages) {
		t.Fatalf("method %s found in %d languages, want %d", method, n, len(s.Languages))
	}
}

// TestFormSharedSummary: a method with signoff = "summary" (set here in a
// copy of the site) has no signatures but a shared summary with who
// received it and when; once it went to someone, the record's footer on
// screen and on paper carries the fingerprint of the shared content. In
// both languages.
func TestFormSharedSummary(t *testing.T) {
	t.Parallel()
	const method = "klantjaargesprek"
	out := buildEdited(t, func(root string) { withSignoff(t, root, method, "summary") })
	forms := map[string]string{}
	for u, p := range Pages(t, out) {
		if p.Doc.Find("form#gw-form").Length() > 0 {
			if c := ConfigOf(t, p); c.Method == method {
				forms[c.Lang] = u
			}
		}
	}
	f := newFormDriverOn(t, Serve(t, out))
	for _, c := range []struct{ lang, title, footer string }{
		{"nl", "Gedeelde samenvatting", "Vingerafdruk van de gedeelde inhoud"},
		{"de", "Gemeinsame Zusammenfassung", "Fingerabdruck des geteilten Inhalts"},
	} {
		c := struct{ form, title, footer string }{forms[c.lang], c.title, c.footer}
		if c.form == "" {
			t.Fatalf("the %s form of %s is not built", c.title, method)
		}
		f.open(c.form)
		var parties, signatures int
		f.eval(`document.querySelectorAll("[data-party]").length`, &parties)
		f.eval(`document.querySelectorAll(".signature-line").length`, &signatures)
		if parties != 0 || signatures != 0 || !strings.Contains(f.text("#s-summary"), c.title) {
			t.Errorf("%s: %d parties to sign, %d signature lines, summary heading %q", c.form, parties, signatures, f.text("#s-summary"))
		}
		f.typeInto("#f-summary-text", "Wij leveren voortaan op dinsdag.")
		if s := f.text("#record-footer"); strings.Contains(s, c.footer) {
			t.Errorf("%s: before it went to anyone, the footer says %q", c.form, s)
		}
		f.typeInto("#f-summary-recipients-1-name", "Petra Klant")
		f.setValue("#f-summary-recipients-1-received", "2027-04-02")
		f.poll(`document.querySelector("#record-footer").hasAttribute("data-value")`)
		if s := f.text("#record-footer"); !strings.Contains(s, c.footer) {
			t.Errorf("%s: the footer says %q, want the shared content's fingerprint", c.form, s)
		}
		var pdf []byte
		f.run(PrintA4(&pdf))
		text := strings.Join(strings.Fields(PDFText(t, pdf)), " ")
		for _, want := range []string{c.footer, "Petra Klant", "Wij leveren voortaan op dinsdag."} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the printout lacks %q", c.form, want)
			}
		}
		f.click(`[data-action="delete"]`)
		f.Confirm(true)
	}
}
