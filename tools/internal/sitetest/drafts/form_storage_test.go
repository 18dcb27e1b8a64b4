package drafts

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormStorageFull: with storage full, a save that fails is announced
// in an assertive live region; "new" and import say they failed, open no
// draft, and nothing stored is lost or changed.
func TestFormStorageFull(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ form, notSaved, notCreated, notImported string }{
		{sitetest.NLForm, "Niet opgeslagen", "niet aangemaakt", "niet geopend"},
		{sitetest.DEForm, "Nicht gespeichert", "nicht angelegt", "nicht geöffnet"},
	} {
		t.Run(c.form, func(t *testing.T) {
			t.Parallel()
			f := newFormDriver(t)
			f.Open(c.form)
			f.TypeInto("#draft-name", "Bijna vol")
			f.TypeInto("#f-meta-department", "Afdeling")
			f.WaitStored("Afdeling")
			_, file := f.ExportDraft()
			f.WaitStored("exportedAt")
			f.FillStorage()
			before := f.Ours()

			f.TypeInto("#f-competenties", strings.Repeat("Een lange tekst die niet meer past. ", 3))
			f.Poll(`document.querySelector("#form-alert").textContent.trim() != ""`)
			var role string
			f.Eval(`document.querySelector("#form-alert").getAttribute("role")`, &role)
			if s := f.Text("#form-alert"); role != "alert" || !strings.Contains(s, c.notSaved) {
				t.Errorf("%s: a failed save is announced as %q in a %q region, want %q in an alert", c.form, s, role, c.notSaved)
			}
			if s := f.Text("#save-state"); !strings.Contains(s, c.notSaved) {
				t.Errorf("%s: the bar says %q after a failed save", c.form, s)
			}

			f.Click(`[data-action="new"]`)
			if s := f.Text("#form-alert"); !strings.Contains(s, c.notCreated) {
				t.Errorf("%s: \"new\" with storage full says %q, want %q", c.form, s, c.notCreated)
			}
			if s := f.Text("#form-status"); s != "" {
				t.Errorf("%s: \"new\" with storage full also says %q", c.form, s)
			}
			if v := f.Value("#draft-name"); v != "Bijna vol" {
				t.Errorf("%s: after a refused \"new\" the open draft is %q", c.form, v)
			}

			var e map[string]any
			json.Unmarshal(file, &e)
			e["name"] = "Geïmporteerd"
			b, _ := json.Marshal(e)
			f.Upload("#import-file", sitetest.WriteFile(t, "import.json", b))
			f.Poll(`document.querySelector("#form-alert").textContent.includes("import.json")`)
			if s := f.Text("#form-alert"); !strings.Contains(s, c.notImported) {
				t.Errorf("%s: import with storage full says %q, want %q", c.form, s, c.notImported)
			}
			if v := f.Value("#draft-name"); v != "Bijna vol" {
				t.Errorf("%s: after a refused import the open draft is %q", c.form, v)
			}
			if after := f.Ours(); !maps.Equal(after, before) {
				t.Errorf("%s: with storage full, what was stored changed:\n%v\nwas\n%v", c.form, after, before)
			}
			// The text typed is still on the screen, to be exported.
			if v := f.Value("#f-competenties"); !strings.HasPrefix(v, "Een lange tekst") {
				t.Errorf("%s: the text that could not be stored is gone from the screen: %q", c.form, v)
			}
		})
	}
}
