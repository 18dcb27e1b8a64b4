package sitetest

import (
	"strings"
	"testing"
)

// TestHostileStorage: damaged records beside sound ones in the browser's
// storage (docs/record.md, section 7): wrong types, missing keys, a
// future format, a record under another id's key, text that is no JSON,
// and 10 MB of it. On "My conversations" the sound drafts stay listed
// and each damaged one is shown as damaged, with its raw text to
// download; on the form the sound drafts open and are edited and saved.
func TestHostileStorage(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	u := overviewOf(t, "nl")
	f.openPage(u)
	method := "planningsgesprek"
	f.seed(method, "good1", map[string]any{"name": "Goed een", "created": 1, "method": method, "version": 1, "values": map[string]any{"meta.department": "Noord"}})
	f.seed(method, "good2", map[string]any{"name": "Goed twee", "created": 2, "method": method, "version": 1, "values": map[string]any{}})
	damaged := map[string]map[string]any{
		"d1": {"name": 42, "created": 3, "values": map[string]any{}},
		"d2": {"name": "Lijst", "created": 4, "values": map[string]any{}, "contrib": map[string]any{"a": 1}},
		"d3": {"name": "Zonder waarden", "created": 5},
		"d4": {"name": "Verkeerd type", "created": 6, "values": map[string]any{"a": map[string]any{"b": 1}}},
		"d5": {"name": "Toekomst", "created": 7, "values": map[string]any{}, "format": 9},
	}
	for id, rec := range damaged {
		f.seed(method, id, rec)
	}
	f.eval(`localStorage.setItem("gesprekswijzer:/:planningsgesprek:d6", JSON.stringify({id: "other", name: "X", created: 8, values: {}}))`, nil)
	f.eval(`localStorage.setItem("gesprekswijzer:/:planningsgesprek:d7", "{geen json")`, nil)
	f.eval(`(() => { try { localStorage.setItem("gesprekswijzer:/:planningsgesprek:d8", "x".repeat(5 << 20)) } catch {} return true })()`, nil)
	f.openPage(u)
	var names []string
	f.eval(`[...document.querySelectorAll("#conversations tbody tr:not([data-damaged]) th")].map(th => th.textContent)`, &names)
	if strings.Join(names, "|") != "Goed een|Goed twee" {
		t.Errorf("the overview lists %q, want both sound drafts", names)
	}
	var bad int
	f.eval(`document.querySelectorAll("#conversations tbody tr[data-damaged]").length`, &bad)
	var stored int
	f.eval(`Object.keys(localStorage).filter(k => /:d\d$/.test(k)).length`, &stored)
	if bad != stored || bad < 7 {
		t.Errorf("the overview shows %d damaged drafts, want each of the %d stored", bad, stored)
	}
	f.click("#conversations tr[data-damaged] button")
	var violations []AxeViolation
	f.run(Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with damaged drafts listed: %s", v)
	}

	// The form opens a sound draft and goes on saving.
	f.open(nlForm + "#draft=good1")
	if v := f.value("#f-meta-department"); v != "Noord" {
		t.Errorf("the sound draft opens with department %q, want Noord", v)
	}
	f.typeInto("#f-competenties", "Nog steeds opgeslagen")
	f.waitSaved("Nog steeds opgeslagen")
	var options int
	f.eval(`document.querySelectorAll("#draft-select option").length`, &options)
	if options != 2 {
		t.Errorf("the drafts list offers %d drafts, want the 2 sound ones", options)
	}
	if s := f.text("#form-alert"); s != "" {
		t.Errorf("the form says %q, want nothing", s)
	}
}
