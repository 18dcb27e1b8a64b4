package followup

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/chromedp/chromedp"
)

// overviewOf returns the "My conversations" page of a language.
func overviewOf(t *testing.T, lang string) string {
	t.Helper()
	for u, p := range sitetest.Pages(t, built) {
		if p.Doc.Find("#conversations").Length() == 1 && p.Doc.Find("html").AttrOr("lang", "") == lang {
			return u
		}
	}
	t.Fatalf("no \"My conversations\" page in %s", lang)
	return ""
}

// TestConversationsOverview: drafts in three methods (the first three of
// the content, whichever they are) are listed on "My conversations" in
// both languages with their name, method, date, next date, open
// agreements and last saved; each opens in its own form; export and
// delete work from the list.
func TestConversationsOverview(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	var forms []sitetest.FormConfig
	for _, p := range formPages(t) {
		if c := sitetest.ConfigOf(t, p); c.Lang == "nl" {
			forms = append(forms, c)
		}
	}
	slices.SortFunc(forms, func(a, b sitetest.FormConfig) int { return strings.Compare(a.Method, b.Method) })
	if len(forms) < 3 {
		t.Fatalf("%d methods with a form, want at least 3", len(forms))
	}
	forms = forms[:3]
	for i, c := range forms {
		var form string
		for _, m := range c.Methods {
			if m.ID == c.Method {
				form = m.Form
			}
		}
		f.Open(form)
		f.TypeInto("#draft-name", fmt.Sprintf("Medewerker %d", i+1))
		f.SetValue("#f-meta-date", fmt.Sprintf("2027-0%d-10", i+1))
		f.SetValue("#f-meta-next", fmt.Sprintf("2028-0%d-10", i+1))
		f.TypeInto("#f-meta-department", "Overzicht "+c.Method)
		f.WaitStored("Overzicht " + c.Method)
	}

	for _, lang := range []string{"nl", "de"} {
		u := overviewOf(t, lang)
		f.OpenPage(u)
		var rows [][]string
		if err := chromedp.Run(f.Ctx, sitetest.Until(`document.querySelectorAll("#conversations tbody tr th a").length == 3`)); err != nil {
			t.Fatalf("%s does not list the 3 drafts: %s", u, f.Text("#conversations"))
		}
		f.Eval(`[...document.querySelectorAll("#conversations tbody tr")].map(r => [...r.children].map(c => c.firstChild?.nodeName == "SPAN" ? c.lastChild.textContent : c.textContent))`, &rows)
		for i, row := range rows {
			if row[0] != fmt.Sprintf("Medewerker %d", i+1) || row[2] == "" || row[3] == "" || row[4] != "0" || row[5] == "" {
				t.Errorf("%s: row %d is %q, want name, method, date, next date, 0 open agreements and last saved", u, i+1, row)
			}
		}
		var violations []sitetest.AxeViolation
		f.Run(sitetest.Axe(t, &violations))
		for _, v := range violations {
			t.Errorf("%s: axe: %s", u, v)
		}
	}

	u := overviewOf(t, "nl")
	for i, c := range forms {
		f.OpenPage(u)
		f.Click(fmt.Sprintf(`#conversations tbody tr:nth-child(%d) th a`, i+1))
		f.AfterNavigation(fmt.Sprintf(`JSON.parse(document.querySelector("#gw-config").textContent).method == %s && document.querySelector("#draft-name")?.value == %s`,
			sitetest.JSString(c.Method), sitetest.JSString(fmt.Sprintf("Medewerker %d", i+1))))
		if v := f.Value("#f-meta-department"); v != "Overzicht "+c.Method {
			t.Errorf("opening %d from the overview shows department %q", i+1, v)
		}
	}

	f.OpenPage(u)
	f.Click(`#conversations tbody tr:nth-child(2) button:first-child`)
	name, body := f.DL.Next(t)
	if !strings.Contains(name, "medewerker-2") || !strings.Contains(string(body), "Overzicht "+forms[1].Method) {
		t.Errorf("export from the overview gave %s", name)
	}
	f.Click(`#conversations tbody tr:nth-child(2) button:last-child`)
	f.Confirm(true)
	f.Poll(`document.querySelectorAll("#conversations tbody tr th a").length == 2`)
	for k, v := range f.Storage() {
		if strings.Contains(v, "Overzicht "+forms[1].Method) {
			t.Errorf("the draft deleted from the overview is still stored under %s", k)
		}
	}
}

// TestConversationsBackupRestore: "back up all drafts" writes every draft
// of the site to one file, without private notes not allowed to leave;
// restoring brings back a deleted draft, puts a changed one beside the
// draft here instead of overwriting it, and a second restore changes
// nothing; a damaged backup is refused and nothing changes.
func TestConversationsBackupRestore(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	u := overviewOf(t, "nl")
	f.OpenPage(u)
	f.Seed("planningsgesprek", "aaa1", map[string]any{"name": "Jan", "created": 1, "savedAt": "2027-01-01T10:00:00Z",
		"values": map[string]any{"meta.department": "Noord", "private.manager": "Geheim-blijft-thuis", "private.manager.share": false}})
	f.Seed("het-goede-gesprek", "bbb2", map[string]any{"name": "An", "created": 2, "savedAt": "2027-01-02T10:00:00Z",
		"values": map[string]any{"meta.department": "Zuid"}})
	f.OpenPage(u)
	f.Click(`[data-action="backup"]`)
	name, backup := f.DL.Next(t)
	if !strings.HasPrefix(name, "gesprekswijzer-backup-") || !strings.Contains(string(backup), `"Noord"`) || !strings.Contains(string(backup), `"Zuid"`) {
		t.Fatalf("the backup %s does not hold both drafts:\n%s", name, backup)
	}
	if strings.Contains(string(backup), "Geheim-blijft-thuis") {
		t.Errorf("the backup holds a private note that may not leave the device")
	}

	// Change one draft here, delete the other, then restore.
	f.Seed("planningsgesprek", "aaa1", map[string]any{"name": "Jan", "created": 1, "values": map[string]any{"meta.department": "Noord, gewijzigd"}})
	f.OpenPage(u)
	f.Click(`#conversations tbody tr:first-child button:last-child`) // An comes first by name
	f.Confirm(true)
	f.Poll(`document.querySelectorAll("#conversations tbody tr th a").length == 1`)
	file := sitetest.WriteFile(t, name, backup)
	f.Upload("#restore-file", file)
	f.Poll(`document.querySelectorAll("#conversations tbody tr th a").length == 3`)
	if s := f.Text("#form-status"); !strings.Contains(s, "Nieuw: 1. Al aanwezig: 0. Als kopie bewaard naast een gewijzigde versie: 1.") {
		t.Errorf("the restore says %q", s)
	}
	var names []string
	f.Eval(`[...document.querySelectorAll("#conversations tbody th")].map(th => th.textContent)`, &names)
	if fmt.Sprint(names) != "[An Jan Jan (uit back-up)]" {
		t.Errorf("after the restore the drafts are %q", names)
	}
	if v := f.Storage()["gesprekswijzer:/:planningsgesprek:aaa1"]; !strings.Contains(v, "Noord, gewijzigd") {
		t.Errorf("the restore overwrote the changed draft: %s", v)
	}
	before := f.Ours()
	f.Upload("#restore-file", file)
	f.Poll(`document.querySelector("#form-status").textContent.includes("Al aanwezig: 2.")`)
	f.Upload("#restore-file", sitetest.WriteFile(t, "kapot.json", backup[:len(backup)/2]))
	f.Poll(`document.querySelector("#form-alert").textContent.includes("kapot.json")`)
	if after := f.Ours(); !maps.Equal(after, before) {
		t.Errorf("restoring again, or a damaged backup, changed storage")
	}
}

// TestFormLastExportAndNudge: the bar shows when a draft was last
// exported; when changes older than a week are in no export it says so,
// until the draft is exported. The page says whether the browser keeps
// the drafts.
func TestFormLastExportAndNudge(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.Eval(`localStorage.clear()`, nil)
	f.Seed("planningsgesprek", "ccc3", map[string]any{"name": "Oud concept", "created": 1, "savedAt": "2027-01-01T10:00:00Z",
		"values": map[string]any{"meta.department": "West"}})
	// Its first change not in an export was 8 days ago.
	f.Eval(`(() => { const k = "gesprekswijzer:/:planningsgesprek:ccc3", r = JSON.parse(localStorage.getItem(k));
		r.pending = Date.now() - 8 * 864e5; localStorage.setItem(k, JSON.stringify(r)); return true })()`, nil)
	f.Reload()
	if s := f.Text("#save-state"); !strings.Contains(s, "in geen enkele export") {
		t.Errorf("changes of 8 days ago in no export: the bar says %q", s)
	}
	if s := f.Text("#export-state"); !strings.Contains(s, "Nog nooit") {
		t.Errorf("never exported: the menu says %q", s)
	}
	f.ExportDraft()
	f.Poll(`!document.querySelector("#save-state").textContent.includes("export")`)
	if s := f.Text("#export-state"); !strings.Contains(s, "Laatst geëxporteerd op") {
		t.Errorf("after an export the menu says %q", s)
	}
	if s := f.Text("#persist-state"); s == "" {
		t.Errorf("the page does not say whether the browser keeps the drafts")
	}
}
