package sitetest

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
)

// fillStorage fills localStorage until it takes not one more character,
// with keys that are not the site's.
func (f *formDriver) fillStorage() {
	f.t.Helper()
	var n int
	f.eval(`(() => {
		let i = 0;
		for (let size = 1 << 20; size >= 1; size >>= 1) {
			const chunk = "x".repeat(size);
			for (;;) { try { localStorage.setItem("filler-" + i, chunk); i++; } catch { break; } }
		}
		return i;
	})()`, &n)
	if n == 0 {
		f.t.Fatal("could not fill localStorage")
	}
}

// ours returns the site's records in localStorage.
func (f *formDriver) ours() map[string]string {
	m := f.storage()
	maps.DeleteFunc(m, func(k, _ string) bool { return !strings.HasPrefix(k, "gesprekswijzer:") })
	return m
}

// TestFormStorageFull: with storage full, a save that fails is announced
// in an assertive live region; "new" and import say they failed, open no
// draft, and nothing stored is lost or changed.
func TestFormStorageFull(t *testing.T) {
	for _, c := range []struct{ form, notSaved, notCreated, notImported string }{
		{nlForm, "Niet opgeslagen", "niet aangemaakt", "niet geopend"},
		{deForm, "Nicht gespeichert", "nicht angelegt", "nicht geöffnet"},
	} {
		f := newFormDriver(t)
		f.open(c.form)
		f.typeInto("#draft-name", "Bijna vol")
		f.typeInto("#f-meta-department", "Afdeling")
		f.waitStored("Afdeling")
		_, file := f.exportDraft()
		f.waitStored("exportedAt")
		f.fillStorage()
		before := f.ours()

		f.typeInto("#f-competenties", strings.Repeat("Een lange tekst die niet meer past. ", 20))
		f.poll(`document.querySelector("#form-alert").textContent.trim() != ""`)
		var role string
		f.eval(`document.querySelector("#form-alert").getAttribute("role")`, &role)
		if s := f.text("#form-alert"); role != "alert" || !strings.Contains(s, c.notSaved) {
			t.Errorf("%s: a failed save is announced as %q in a %q region, want %q in an alert", c.form, s, role, c.notSaved)
		}
		if s := f.text("#save-state"); !strings.Contains(s, c.notSaved) {
			t.Errorf("%s: the bar says %q after a failed save", c.form, s)
		}

		f.click(`[data-action="new"]`)
		if s := f.text("#form-alert"); !strings.Contains(s, c.notCreated) {
			t.Errorf("%s: \"new\" with storage full says %q, want %q", c.form, s, c.notCreated)
		}
		if s := f.text("#form-status"); s != "" {
			t.Errorf("%s: \"new\" with storage full also says %q", c.form, s)
		}
		if v := f.value("#draft-name"); v != "Bijna vol" {
			t.Errorf("%s: after a refused \"new\" the open draft is %q", c.form, v)
		}

		var e map[string]any
		json.Unmarshal(file, &e)
		e["name"] = "Geïmporteerd"
		b, _ := json.Marshal(e)
		f.upload("#import-file", writeFile(t, "import.json", b))
		f.poll(`document.querySelector("#form-alert").textContent.includes("import.json")`)
		if s := f.text("#form-alert"); !strings.Contains(s, c.notImported) {
			t.Errorf("%s: import with storage full says %q, want %q", c.form, s, c.notImported)
		}
		if v := f.value("#draft-name"); v != "Bijna vol" {
			t.Errorf("%s: after a refused import the open draft is %q", c.form, v)
		}
		if after := f.ours(); !maps.Equal(after, before) {
			t.Errorf("%s: with storage full, what was stored changed:\n%v\nwas\n%v", c.form, after, before)
		}
		// The text typed is still on the screen, to be exported.
		if v := f.value("#f-competenties"); !strings.HasPrefix(v, "Een lange tekst") {
			t.Errorf("%s: the text that could not be stored is gone from the screen: %q", c.form, v)
		}
	}
}
