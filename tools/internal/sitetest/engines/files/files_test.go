package files

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestExportImport: a draft exported to a file (the browser's download)
// opens again, all of it, in another browser context: another device.
// The form saves through a download in every engine; it does not use
// showSaveFilePicker, which only Chromium has.
func TestExportImport(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		f.TypeInto("#draft-name", "Export test")
		f.FillAll("Export")
		f.TypeInto("#f-meta-department", "Afdeling – één")
		f.WaitSaved("Afdeling – één")
		filled := f.Snapshot()
		name, body := f.ExportDraft()
		if !strings.HasSuffix(name, ".json") {
			t.Errorf("the export is called %q", name)
		}
		e := sitetest.DecodeExport(t, body)
		if e.Method != "planningsgesprek" || e.Name != "Export test" || e.Values["meta.department"] != "Afdeling – één" {
			t.Errorf("the export holds method %q, name %q, department %v", e.Method, e.Name, e.Values["meta.department"])
		}
		if s := f.Text("#export-state"); !strings.Contains(s, "Laatst geëxporteerd") {
			t.Errorf("after the export the bar says %q", s)
		}

		g := f.Fresh()
		g.Open(sitetest.NLForm)
		g.Upload("#import-file", sitetest.WriteFile(t, name, body))
		// The status says so for 10 s: read it first.
		if s := g.TextWhen("#form-status", name); !strings.Contains(s, name) {
			t.Errorf("after the import the page says %q, want the file's name", s)
		}
		g.Poll(`document.querySelector("#draft-name").value == "Export test"`)
		g.WaitSaved("Afdeling – één")
		want := maps.Clone(filled)
		if _, ok := e.Values["private.employee"]; !ok {
			want["f-private-employee"] = "" // not exported without permission
		}
		sitetest.Diff(t, "imported on another device", g.Snapshot(), want)
	})
}

// TestCalendar: the follow-up's calendar file (.ics) is downloaded with
// the agreement's deadline and the next conversation in it.
func TestCalendar(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		f.TypeInto("#draft-name", "Jan de Vries 2027")
		f.TypeInto("#f-resultaatafspraken-1-what", "Verbeterplan opstellen")
		f.SetValue("#f-resultaatafspraken-1-due", "2027-03-15")
		f.SetValue("#f-meta-next", "2028-01-10")
		f.SetValue("#f-meta-date", "2027-01-12")
		f.WaitSaved("2028-01-10")
		f.Click(`[data-action="ics"]`)
		name, body := f.DL.Next(t)
		if !strings.HasSuffix(name, "-jan-de-vries-2027-2027-01-12.ics") {
			t.Errorf("the calendar file is called %q", name)
		}
		ics := string(body)
		for _, want := range []string{"BEGIN:VCALENDAR", "DTSTART;VALUE=DATE:20270315", "DTSTART;VALUE=DATE:20280110", "Verbeterplan opstellen", "END:VCALENDAR"} {
			if !strings.Contains(ics, want) {
				t.Errorf("the calendar file lacks %q:\n%s", want, ics)
			}
		}
	})
}

// TestOverview: "Mijn gesprekken" lists the drafts of every method in the
// browser, opens one with a click, and exports one.
func TestOverview(t *testing.T) {
	overview := sitetest.OverviewPage(t, built, "nl")
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		forms := []string{sitetest.NLForm, "/gesprekken/het-goede-gesprek/formulier/"}
		for i, form := range forms {
			f.Open(form)
			f.TypeInto("#draft-name", fmt.Sprintf("Medewerker %d", i+1))
			f.TypeInto("#f-meta-department", fmt.Sprintf("Overzicht %d", i+1))
			f.WaitSaved(fmt.Sprintf("Overzicht %d", i+1))
		}
		f.OpenPage(overview)
		f.Poll(`document.querySelectorAll("#conversations tbody tr th a").length == 2`)
		var names []string
		f.Eval(`[...document.querySelectorAll("#conversations tbody th")].map(th => th.textContent)`, &names)
		if fmt.Sprint(names) != "[Medewerker 1 Medewerker 2]" {
			t.Errorf("the overview lists %q", names)
		}
		f.Click(`#conversations tbody tr:nth-child(2) button:first-child`)
		name, body := f.DL.Next(t)
		if !strings.Contains(name, "medewerker-2") || !strings.Contains(string(body), "Overzicht 2") {
			t.Errorf("export from the overview gave %s", name)
		}
		f.Click(`#conversations tbody tr:nth-child(1) th a`)
		f.AfterNavigation(`document.querySelector("#draft-name")?.value == "Medewerker 1"`)
		if v := f.Value("#f-meta-department"); v != "Overzicht 1" {
			t.Errorf("opened from the overview, the draft shows department %q", v)
		}
	})
}

// TestBackupRestore: "back up all drafts" writes every draft to one file;
// restoring it in another browser brings them all back.
func TestBackupRestore(t *testing.T) {
	overview := sitetest.OverviewPage(t, built, "nl")
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.OpenPage(overview)
		f.Seed("planningsgesprek", "aaa1", map[string]any{"name": "Jan", "created": 1, "savedAt": "2027-01-01T10:00:00Z",
			"values": map[string]any{"meta.department": "Noord"}})
		f.Seed("het-goede-gesprek", "bbb2", map[string]any{"name": "An", "created": 2, "savedAt": "2027-01-02T10:00:00Z",
			"values": map[string]any{"meta.department": "Zuid"}})
		f.OpenPage(overview)
		f.Click(`[data-action="backup"]`)
		name, backup := f.DL.Next(t)
		if !strings.HasPrefix(name, "gesprekswijzer-backup-") || !strings.Contains(string(backup), `"Noord"`) || !strings.Contains(string(backup), `"Zuid"`) {
			t.Fatalf("the backup %s does not hold both drafts:\n%s", name, backup)
		}
		g := f.Fresh()
		g.OpenPage(overview)
		g.Upload("#restore-file", sitetest.WriteFile(t, name, backup))
		if s := g.TextWhen("#form-status", "Nieuw: 2."); !strings.Contains(s, "Nieuw: 2.") {
			t.Errorf("the restore says %q", s)
		}
		g.Poll(`document.querySelectorAll("#conversations tbody tr th a").length == 2`)
		var names []string
		g.Eval(`[...document.querySelectorAll("#conversations tbody th")].map(th => th.textContent)`, &names)
		if !slices.Equal(names, []string{"An", "Jan"}) {
			t.Errorf("after the restore the drafts are %q", names)
		}
	})
}

// statusNotes says how many copies of the status and the alert messages
// the page shows in its flow (form/dom.js: note), and whether the status
// one is the element the page held as window.gwNote.
const statusNotes = `(() => {
	const status = document.querySelectorAll("p.form-note:not(.form-note--alert)"), alert = document.querySelectorAll("p.form-note--alert");
	return [status.length, alert.length, status[0] === window.gwNote ? 1 : 0];
})()`

// TestOneStatusNote: the form script, the tools and the sign-off share
// one form/dom.js (issue 20): a message from the tools (an export, an
// import) is shown in the very element the form's own messages use, and
// the page never shows two. When each bundle had its copy of dom.js,
// each put its own pair of notes into the page: after an export the
// form's note and the tools' stood side by side.
func TestOneStatusNote(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		notes := func(when, want string) {
			t.Helper()
			var n []int
			f.Eval(statusNotes, &n)
			if fmt.Sprint(n) != "[1 1 1]" {
				t.Errorf("%s: %v status notes, alert notes and whether the status note is the form's own; want [1 1 1]", when, n)
			}
			if s := f.Text("p.form-note:not(.form-note--alert)"); !strings.Contains(s, want) {
				t.Errorf("%s: the status note says %q, want %q in it", when, s, want)
			}
		}
		f.Open(sitetest.NLForm)
		f.TypeInto("#draft-name", "Eén melding")
		f.WaitSaved("Eén melding")
		// a message of the form script's own, before the tools are loaded
		f.Click(`[data-action="new"]`)
		f.TextWhen("#form-status", "Nieuw concept")
		var held bool
		f.Eval(`!!(window.gwNote = document.querySelector("p.form-note:not(.form-note--alert)"))`, &held)
		if !held {
			t.Fatal("after a new draft the page shows no status note")
		}
		notes("after a new draft", "Nieuw concept")

		name, body := f.ExportDraft() // the tools', and the sign-off's seal
		f.TextWhen("#form-status", "Opgeslagen als bestand")
		notes("after an export", name)

		f.Upload("#import-file", sitetest.WriteFile(t, name, body))
		f.TextWhen("#form-status", "geopend als nieuw concept")
		notes("after an import", "geopend als nieuw concept")
	})
}
