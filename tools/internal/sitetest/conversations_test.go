package sitetest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// overviewOf returns the "My conversations" page of a language.
func overviewOf(t *testing.T, lang string) string {
	t.Helper()
	for u, p := range Pages(t, built) {
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
	f := newFormDriver(t)
	var forms []formConfig
	for _, p := range formPages(t) {
		if c := configOf(t, p); c.Lang == "nl" {
			forms = append(forms, c)
		}
	}
	slices.SortFunc(forms, func(a, b formConfig) int { return strings.Compare(a.Method, b.Method) })
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
		f.open(form)
		f.typeInto("#draft-name", fmt.Sprintf("Medewerker %d", i+1))
		f.setValue("#f-meta-date", fmt.Sprintf("2027-0%d-10", i+1))
		f.setValue("#f-meta-next", fmt.Sprintf("2028-0%d-10", i+1))
		f.typeInto("#f-meta-department", "Overzicht "+c.Method)
		f.waitStored("Overzicht " + c.Method)
	}

	for _, lang := range []string{"nl", "de"} {
		u := overviewOf(t, lang)
		f.openPage(u)
		var rows [][]string
		if err := chromedp.Run(f.ctx, until(`document.querySelectorAll("#conversations tbody tr th a").length == 3`)); err != nil {
			t.Fatalf("%s does not list the 3 drafts: %s", u, f.text("#conversations"))
		}
		f.eval(`[...document.querySelectorAll("#conversations tbody tr")].map(r => [...r.children].map(c => c.firstChild?.nodeName == "SPAN" ? c.lastChild.textContent : c.textContent))`, &rows)
		for i, row := range rows {
			if row[0] != fmt.Sprintf("Medewerker %d", i+1) || row[2] == "" || row[3] == "" || row[4] != "0" || row[5] == "" {
				t.Errorf("%s: row %d is %q, want name, method, date, next date, 0 open agreements and last saved", u, i+1, row)
			}
		}
		var violations []AxeViolation
		f.run(Axe(t, &violations))
		for _, v := range violations {
			t.Errorf("%s: axe: %s", u, v)
		}
	}

	u := overviewOf(t, "nl")
	for i, c := range forms {
		f.openPage(u)
		f.click(fmt.Sprintf(`#conversations tbody tr:nth-child(%d) th a`, i+1))
		f.afterNavigation(fmt.Sprintf(`JSON.parse(document.querySelector("#gw-config").textContent).method == %s && document.querySelector("#draft-name")?.value == %s`,
			jsString(c.Method), jsString(fmt.Sprintf("Medewerker %d", i+1))))
		if v := f.value("#f-meta-department"); v != "Overzicht "+c.Method {
			t.Errorf("opening %d from the overview shows department %q", i+1, v)
		}
	}

	f.openPage(u)
	f.click(`#conversations tbody tr:nth-child(2) button:first-child`)
	name, body := f.dl.Next(t)
	if !strings.Contains(name, "medewerker-2") || !strings.Contains(string(body), "Overzicht "+forms[1].Method) {
		t.Errorf("export from the overview gave %s", name)
	}
	f.answerConfirm(true)
	f.click(`#conversations tbody tr:nth-child(2) button:last-child`)
	f.poll(`document.querySelectorAll("#conversations tbody tr th a").length == 2`)
	for k, v := range f.storage() {
		if strings.Contains(v, "Overzicht "+forms[1].Method) {
			t.Errorf("the draft deleted from the overview is still stored under %s", k)
		}
	}
}

// seed stores a draft as the form would, straight into localStorage.
func (f *formDriver) seed(method, id string, rec map[string]any) {
	f.t.Helper()
	rec["id"] = id
	b, _ := json.Marshal(rec)
	f.eval(fmt.Sprintf(`localStorage.setItem(%s, %s)`, jsString("gesprekswijzer:/:"+method+":"+id), jsString(string(b))), nil)
}

// TestConversationsBackupRestore: "back up all drafts" writes every draft
// of the site to one file, without private notes not allowed to leave;
// restoring brings back a deleted draft, puts a changed one beside the
// draft here instead of overwriting it, and a second restore changes
// nothing; a damaged backup is refused and nothing changes.
func TestConversationsBackupRestore(t *testing.T) {
	f := newFormDriver(t)
	u := overviewOf(t, "nl")
	f.openPage(u)
	f.seed("planningsgesprek", "aaa1", map[string]any{"name": "Jan", "created": 1, "savedAt": "2027-01-01T10:00:00Z",
		"values": map[string]any{"meta.department": "Noord", "private.manager": "Geheim-blijft-thuis", "private.manager.share": false}})
	f.seed("het-goede-gesprek", "bbb2", map[string]any{"name": "An", "created": 2, "savedAt": "2027-01-02T10:00:00Z",
		"values": map[string]any{"meta.department": "Zuid"}})
	f.openPage(u)
	f.click(`[data-action="backup"]`)
	name, backup := f.dl.Next(t)
	if !strings.HasPrefix(name, "gesprekswijzer-backup-") || !strings.Contains(string(backup), `"Noord"`) || !strings.Contains(string(backup), `"Zuid"`) {
		t.Fatalf("the backup %s does not hold both drafts:\n%s", name, backup)
	}
	if strings.Contains(string(backup), "Geheim-blijft-thuis") {
		t.Errorf("the backup holds a private note that may not leave the device")
	}

	// Change one draft here, delete the other, then restore.
	f.seed("planningsgesprek", "aaa1", map[string]any{"name": "Jan", "created": 1, "values": map[string]any{"meta.department": "Noord, gewijzigd"}})
	f.openPage(u)
	f.answerConfirm(true)
	f.click(`#conversations tbody tr:first-child button:last-child`) // An comes first by name
	f.poll(`document.querySelectorAll("#conversations tbody tr th a").length == 1`)
	file := writeFile(t, name, backup)
	f.upload("#restore-file", file)
	f.poll(`document.querySelectorAll("#conversations tbody tr th a").length == 3`)
	if s := f.text("#form-status"); !strings.Contains(s, "Nieuw: 1. Al aanwezig: 0. Als kopie bewaard naast een gewijzigde versie: 1.") {
		t.Errorf("the restore says %q", s)
	}
	var names []string
	f.eval(`[...document.querySelectorAll("#conversations tbody th")].map(th => th.textContent)`, &names)
	if fmt.Sprint(names) != "[An Jan Jan (uit back-up)]" {
		t.Errorf("after the restore the drafts are %q", names)
	}
	if v := f.storage()["gesprekswijzer:/:planningsgesprek:aaa1"]; !strings.Contains(v, "Noord, gewijzigd") {
		t.Errorf("the restore overwrote the changed draft: %s", v)
	}
	before := f.ours()
	f.upload("#restore-file", file)
	f.poll(`document.querySelector("#form-status").textContent.includes("Al aanwezig: 2.")`)
	f.upload("#restore-file", writeFile(t, "kapot.json", backup[:len(backup)/2]))
	f.poll(`document.querySelector("#form-alert").textContent.includes("kapot.json")`)
	if after := f.ours(); !maps.Equal(after, before) {
		t.Errorf("restoring again, or a damaged backup, changed storage")
	}
}

// TestFormLastExportAndNudge: the bar shows when a draft was last
// exported; when changes older than a week are in no export it says so,
// until the draft is exported. The page says whether the browser keeps
// the drafts.
func TestFormLastExportAndNudge(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	f.eval(`localStorage.clear()`, nil)
	f.seed("planningsgesprek", "ccc3", map[string]any{"name": "Oud concept", "created": 1, "savedAt": "2027-01-01T10:00:00Z",
		"values": map[string]any{"meta.department": "West"}})
	// Its first change not in an export was 8 days ago.
	f.eval(`(() => { const k = "gesprekswijzer:/:planningsgesprek:ccc3", r = JSON.parse(localStorage.getItem(k));
		r.pending = Date.now() - 8 * 864e5; localStorage.setItem(k, JSON.stringify(r)); return true })()`, nil)
	f.reload()
	if s := f.text("#save-state"); !strings.Contains(s, "in geen enkele export") {
		t.Errorf("changes of 8 days ago in no export: the bar says %q", s)
	}
	if s := f.text("#export-state"); !strings.Contains(s, "Nog nooit") {
		t.Errorf("never exported: the menu says %q", s)
	}
	f.exportDraft()
	f.poll(`!document.querySelector("#save-state").textContent.includes("export")`)
	if s := f.text("#export-state"); !strings.Contains(s, "Laatst geëxporteerd op") {
		t.Errorf("after an export the menu says %q", s)
	}
	if s := f.text("#persist-state"); s == "" {
		t.Errorf("the page does not say whether the browser keeps the drafts")
	}
}
