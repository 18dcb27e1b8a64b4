package drafts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// version1Record is a draft as the form of form version 1 stored it,
// before this format: no edit times, no tombstones, "agreed" ticks and
// one reasons field for sign-off.
const version1Record = `{"id":"lz9k2a7f3qx","name":"Jan de Vries 2026","created":1736931600000,
"values":{"meta.date":"2026-01-15","meta.previous":"","meta.department":"Team West","meta.period":"2026",
"meta.participants":[{"name":"Jan de Vries","function":"medewerker"},{"name":"Els Bakker","function":"teamleider"},{"name":"","function":""}],
"meta.next":"2027-01-20","prioriteiten":["Klanttevredenheid","",""],
"resultaatafspraken":[{"what":"Rapport opleveren","who":"Jan","due":"2026-06-01","done":false},{"what":"","who":"","due":"","done":false},{"what":"","who":"","due":"","done":false},{"what":"","who":"","due":"","done":false}],
"competenties":"Plannen","signoff.manager.name":"Els Bakker","signoff.manager.date":"2026-01-16","signoff.manager.agreed":true,
"signoff.employee.name":"Jan de Vries","signoff.employee.date":"","signoff.employee.agreed":false,
"signoff.view":"Ik ben het niet eens met de tweede afspraak.","private.manager":"Let op werkdruk","private.manager.share":false},
"earlier":{},"method":"planningsgesprek","version":1,"lang":"nl","savedAt":"2026-01-16T10:00:00.000Z"}`

// version1Export is a file the form of form version 1 exported.
const version1Export = `{
  "app": "gesprekswijzer", "method": "planningsgesprek", "version": 1, "lang": "de",
  "name": "Anna Schmidt 2026", "savedAt": "2026-02-02T08:30:00.000Z",
  "values": {"meta.date": "2026-02-01", "meta.department": "Vertrieb", "competenties": "Verhandeln",
    "signoff.employee.agreed": true, "signoff.employee.name": "Anna Schmidt",
    "resultaatafspraken": [{"what": "Angebot überarbeiten", "who": "Anna", "due": "2026-04-30", "done": true}]},
  "earlier": {}
}`

// TestFormOpensVersion1Drafts: a draft stored by the form before this
// version (under its key gesprekswijzer:<site path>:<method>:<id>) and a
// file exported by it both still open, with every value in place: an
// "agreed" tick became the verdict "agree", the old reasons field is kept
// among the earlier-version values.
func TestFormOpensVersion1Drafts(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.Eval(`(() => { localStorage.clear();
		localStorage.setItem("gesprekswijzer:/:planningsgesprek:lz9k2a7f3qx", `+sitetest.JSString(strings.ReplaceAll(version1Record, "\n", ""))+`);
		localStorage.setItem("gesprekswijzer:/:planningsgesprek", "lz9k2a7f3qx"); return true })()`, nil)
	f.Reload()
	for sel, want := range map[string]string{
		"#draft-name": "Jan de Vries 2026", "#f-meta-date": "2026-01-15", "#f-meta-department": "Team West",
		"#f-meta-participants-2-name": "Els Bakker", "#f-prioriteiten-1": "Klanttevredenheid",
		"#f-resultaatafspraken-1-what": "Rapport opleveren", "#f-signoff-manager-name": "Els Bakker",
		"#f-private-manager": "Let op werkdruk",
	} {
		if v := f.Value(sel); v != want {
			t.Errorf("the stored version-1 draft: %s is %q, want %q", sel, v, want)
		}
	}
	var verdicts []string
	f.Eval(`["manager", "employee"].map(r => document.querySelector('[name="signoff.' + r + '.verdict"]:checked').value)`, &verdicts)
	if verdicts[0] != "agree" || verdicts[1] != "" {
		t.Errorf("the version-1 ticks became verdicts %q, want [agree ]", verdicts)
	}
	if s := f.Text("#earlier"); !strings.Contains(s, "Ik ben het niet eens met de tweede afspraak.") {
		t.Errorf("the old reasons field is not shown among the earlier values: %q", s)
	}
	// Saved again, it keeps every value, and the old key.
	f.TypeInto("#f-meta-period", "2026 heel jaar")
	f.WaitStored("2026 heel jaar")
	var rec map[string]any
	json.Unmarshal([]byte(f.Storage()["gesprekswijzer:/:planningsgesprek:lz9k2a7f3qx"]), &rec)
	if v, _ := rec["values"].(map[string]any); v["meta.department"] != "Team West" || rec["earlier"].(map[string]any)["signoff.view"] == nil {
		t.Errorf("saved again, the draft lost values: %v", rec)
	}

	f.Open(sitetest.DEForm)
	f.Upload("#import-file", sitetest.WriteFile(t, "anna-2026.json", []byte(version1Export)))
	f.WaitStored("Anna Schmidt 2026")
	for sel, want := range map[string]string{
		"#draft-name": "Anna Schmidt 2026", "#f-meta-department": "Vertrieb", "#f-competenties": "Verhandeln",
		"#f-resultaatafspraken-1-what": "Angebot überarbeiten", "#f-signoff-employee-name": "Anna Schmidt",
	} {
		if v := f.Value(sel); v != want {
			t.Errorf("the version-1 file: %s is %q, want %q", sel, v, want)
		}
	}
	var done bool
	f.Eval(`document.querySelector("#f-resultaatafspraken-1-done").checked`, &done)
	f.Eval(`document.querySelector('[name="signoff.employee.verdict"]:checked').value`, &verdicts[0])
	if !done || verdicts[0] != "agree" {
		t.Errorf("the version-1 file: done %v, verdict %q", done, verdicts[0])
	}
}
