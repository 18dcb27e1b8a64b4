package forms

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormPrivateNoteFromEarlierVersion: a file carries private notes as
// values of an earlier form version (the key in another case, a key the
// form no longer has, and an earlier-version block). They are shown on
// screen, but neither the export nor the printout holds them until their
// owner's box is ticked; then both do.
func TestFormPrivateNoteFromEarlierVersion(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ form, note string }{
		{sitetest.NLForm, "persoonlijke aantekening"},
		{sitetest.DEForm, "persönliche Notiz"},
	} {
		f := newFormDriver(t)
		f.Open(c.form)
		old, _ := json.Marshal(map[string]any{
			"app": "gesprekswijzer", "method": "planningsgesprek", "version": 1, "lang": "nl", "name": "Met oude notities", "savedAt": "2026-01-15T09:00:00Z",
			"values": map[string]any{
				"meta.department":       "Team Oost",
				"Private.Manager":       "Geheim-in-hoofdletters",
				"private.manager.notes": "Geheim-onder-een-subsleutel",
			},
			"earlier": map[string]any{"private.manager": "Geheim-uit-versie-1"},
		})
		f.Upload("#import-file", sitetest.WriteFile(t, "oud.json", old))
		f.WaitStored("Met oude notities")
		secrets := []string{"Geheim-in-hoofdletters", "Geheim-onder-een-subsleutel", "Geheim-uit-versie-1"}
		if s := f.Text("#earlier"); !strings.Contains(s, secrets[0]) || !strings.Contains(s, c.note) {
			t.Errorf("%s: the earlier-version block shows %q, want the notes marked private", c.form, s)
		}
		var pdf []byte
		leaks := func(when string, want bool) {
			t.Helper()
			_, body := f.ExportDraft()
			f.Run(sitetest.PrintA4(&pdf))
			text := sitetest.PDFText(t, pdf)
			for _, s := range secrets {
				if got := strings.Contains(string(body), s); got != want {
					t.Errorf("%s %s: the export holds %q: %v, want %v", c.form, when, s, got, want)
				}
				if got := strings.Contains(text, s); got != want {
					t.Errorf("%s %s: the printout holds %q: %v, want %v", c.form, when, s, got, want)
				}
			}
			if !strings.Contains(text, "Team Oost") {
				t.Errorf("%s %s: the printout lacks the shared values", c.form, when)
			}
		}
		leaks("before the box is ticked", false)
		f.Click("#f-private-manager-share")
		f.Poll(`document.querySelector(".private-earlier[data-shared]") != null`)
		leaks("with the box ticked", true)
	}
}
