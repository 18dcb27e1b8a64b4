package forms

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestFormKeepsEveryValue: on every form, every control of every kind is
// filled (with a row added to each table) in a draft of its own, the page
// is reloaded, and every value is back; where the parties sign, both
// signatures are sealed before the reload and hold after it, with the
// same seal.
//
// Each form starts a new draft: the Dutch and German form of a method
// share their drafts, and continuing the other language's signed draft
// (with a row more in each table, so every value moves) is a real change
// that rightly withdraws its signatures.
func TestFormKeepsEveryValue(t *testing.T) {
	t.Parallel()
	forms := formPages(t)
	f := newFormDriver(t)
	kinds := map[string]bool{}
	for _, u := range slices.Sorted(maps.Keys(forms)) {
		forms[u].Doc.Find("#gw-form .field").Each(func(_ int, s *goquery.Selection) {
			for _, c := range strings.Fields(s.AttrOr("class", "")) {
				kinds[c] = true
			}
		})
		f.Open(u)
		f.Click(`[data-action="new"]`)
		last := f.FillAll("Waarde")
		f.WaitSaved(last)
		before := f.Snapshot()
		sealed := f.Seals()
		for party, seal := range sealed {
			if !fingerprintHex.MatchString(seal) {
				t.Errorf("%s: the %s signed, but the seal is %q, want a SHA-256 fingerprint", u, party, seal)
			}
		}
		empty := 0
		for _, v := range before {
			if v == "" || v == false {
				empty++
			}
		}
		// Only radio buttons not chosen and ticks left off stay empty.
		var radios, boxes int
		f.Eval(`document.querySelectorAll("#gw-form input[type=radio]").length - new Set([...document.querySelectorAll("#gw-form input[type=radio]")].map(r => r.name)).size`, &radios)
		f.Eval(`[...document.querySelectorAll("#gw-form input[type=checkbox]")].filter(b => !b.checked).length`, &boxes)
		if empty != radios+boxes {
			t.Errorf("%s: %d controls empty after filling, want %d", u, empty, radios+boxes)
		}
		f.Reload()
		if len(sealed) > 0 {
			f.SealChecked(forms[u])
		}
		sitetest.Diff(t, u+" after reload", f.Snapshot(), before)
		// The reload changed nothing, so no signature is withdrawn.
		if got := f.Seals(); !maps.Equal(got, sealed) {
			t.Errorf("%s: after reload the seals are %q, want them as signed: %q", u, got, sealed)
		}
		if s := f.Text("#form-alert"); s != "" {
			t.Errorf("%s: after reload the page says %q, want nothing", u, s)
		}
	}
	for _, k := range []string{"field--text", "field--longtext", "field--date", "field--list", "field--table", "field--choice", "field--scale", "field--rating"} {
		if !kinds[k] {
			t.Errorf("no form has a %s field: this test covers less than it claims", k)
		}
	}
}

// TestFormDrafts: two named drafts stay independent, switching between
// them brings each back, and deleting asks first.
func TestFormDrafts(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.TypeInto("#f-meta-department", "Afdeling Noord")
	f.TypeInto("#draft-name", "Jan de Vries 2027")
	f.WaitStored("Jan de Vries 2027")

	f.Click(`[data-action="new"]`)
	if v := f.Value("#f-meta-department"); v != "" {
		t.Errorf("a new draft starts with department %q, want it empty", v)
	}
	// The first default name no other draft has.
	if v := f.Value("#draft-name"); v != "Concept 1" {
		t.Errorf("the new draft is called %q, want %q", v, "Concept 1")
	}
	f.TypeInto("#f-meta-department", "Afdeling Zuid")
	f.TypeInto("#draft-name", "Fatma Yilmaz 2027")
	f.WaitStored("Fatma Yilmaz 2027")

	var options []string
	f.Eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &options)
	if fmt.Sprint(options) != "[Jan de Vries 2027 Fatma Yilmaz 2027]" {
		t.Fatalf("drafts listed: %q", options)
	}
	choose := func(name string) {
		f.Eval(fmt.Sprintf(`(() => { const s = document.querySelector("#draft-select");
			s.value = [...s.options].find(o => o.textContent == %s).value;
			s.dispatchEvent(new Event("change")); return true })()`, sitetest.JSString(name)), nil)
	}
	choose("Jan de Vries 2027")
	if v := f.Value("#f-meta-department"); v != "Afdeling Noord" {
		t.Errorf("Jan's draft shows department %q, want Afdeling Noord", v)
	}
	f.Reload()
	if v, n := f.Value("#f-meta-department"), f.Value("#draft-name"); v != "Afdeling Noord" || n != "Jan de Vries 2027" {
		t.Errorf("after reload the open draft is %q with %q; want the one open last, Jan's", n, v)
	}
	choose("Fatma Yilmaz 2027")
	if v := f.Value("#f-meta-department"); v != "Afdeling Zuid" {
		t.Errorf("Fatma's draft shows department %q, want Afdeling Zuid", v)
	}

	// Delete asks first; answering no keeps everything.
	stored := f.Storage()
	f.Click(`[data-action="delete"]`)
	if d := f.Confirm(false); !strings.Contains(d, "Fatma Yilmaz 2027") {
		t.Errorf("delete asked %q, want a question naming the draft", d)
	}
	if got := f.Storage(); !maps.Equal(got, stored) {
		t.Errorf("answering no to delete changed storage")
	}
	f.Click(`[data-action="delete"]`)
	f.Confirm(true)
	f.Eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &options)
	if fmt.Sprint(options) != "[Jan de Vries 2027]" {
		t.Errorf("after deleting Fatma's draft the list is %q", options)
	}
	for k, v := range f.Storage() {
		if strings.Contains(v, "Afdeling Zuid") {
			t.Errorf("the deleted draft is still stored under %s", k)
		}
	}
	if s := f.Text("#form-status"); !strings.Contains(s, "verwijderd") {
		t.Errorf("status after delete: %q", s)
	}
	if v := f.Value("#f-meta-department"); v != "Afdeling Noord" {
		t.Errorf("after deleting, the remaining draft opens: department %q", v)
	}
}

// TestFormExportImport: export, delete, import gives back equal values
// (private notes stay home unless ticked); a Dutch export opens in the
// German form.
func TestFormExportImport(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	last := f.FillAll("Export")
	// The manager lets her notes go along; the employee does not.
	f.Eval(`(() => { document.querySelector('[name="private.manager.share"]').checked = true;
		const b = document.querySelector('[name="private.employee.share"]'); b.checked = false;
		b.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, nil)
	f.TypeInto("#draft-name", "Export test")
	f.WaitStored("Export test")
	f.WaitStored(last)
	filled := f.Snapshot()

	name, body := f.ExportDraft()
	// The file name reads well: method, name, the conversation's date.
	if !regexp.MustCompile(`^planningsgesprek-export-test-2027-\d\d-\d\d\.json$`).MatchString(name) {
		t.Errorf("export file name %q", name)
	}
	e := sitetest.DecodeExport(t, body)
	if e.App != "gesprekswijzer" || e.Method != "planningsgesprek" || e.Version != 1 || e.Lang != "nl" || e.Name != "Export test" || e.SavedAt == "" {
		t.Errorf("export header: %+v", e)
	}
	if _, ok := e.Values["private.employee"]; ok {
		t.Errorf("the employee's private notes were exported without permission")
	}
	if v, _ := e.Values["private.manager"].(string); !strings.HasPrefix(v, "Export") {
		t.Errorf("the manager's private notes, allowed to go along, are %q in the export", v)
	}
	var shown int
	f.Eval(`document.querySelectorAll('[data-repeat="resultaatafspraken"] tbody tr').length`, &shown)
	if rows, _ := e.Values["resultaatafspraken"].([]any); len(rows) != shown || shown < 2 {
		t.Errorf("the agreements table exported %d rows, want the %d on the form", len(rows), shown)
	}

	f.Click(`[data-action="delete"]`)
	f.Confirm(true)
	if v := f.Value("#f-meta-department"); v != "" {
		t.Fatalf("after deleting the only draft the form still shows %q", v)
	}
	path := sitetest.WriteFile(t, name, body)
	f.Upload("#import-file", path)
	f.WaitStored("Export test")
	got := f.Snapshot()
	want := maps.Clone(filled)
	want["f-private-employee"] = ""
	sitetest.Diff(t, "imported into the Dutch form", got, want)
	if s := f.Text("#form-status"); !strings.Contains(s, name) {
		t.Errorf("status after import: %q", s)
	}

	// Drafts belong to the site, not to one language: the German form
	// opens the draft last used in Dutch.
	f.Open(sitetest.DEForm)
	if v := f.Value("#draft-name"); v != "Export test" {
		t.Errorf("the German form opened draft %q, want the one used in Dutch", v)
	}
	f.Eval(`localStorage.clear()`, nil)
	f.Open(sitetest.DEForm)
	if v := f.Value("#f-meta-department"); v != "" {
		t.Fatalf("with storage cleared the German form shows %q", v)
	}
	f.Upload("#import-file", path)
	f.Poll(`document.querySelector("#draft-name").value == "Export test"`)
	sitetest.Diff(t, "Dutch export imported into the German form", f.Snapshot(), want)
	if v := f.Value("#draft-name"); v != "Export test" {
		t.Errorf("imported draft is called %q", v)
	}
}

// TestFormRefusesBadImports: files for another method, from a newer form,
// not JSON, cut off, or too large are refused with a message in the page's
// language that takes focus, and nothing stored changes; markup in values
// stays text and no script runs.
func TestFormRefusesBadImports(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.TypeInto("#f-meta-department", "Bestaand concept")
	f.WaitStored("Bestaand concept")
	_, good := f.ExportDraft()
	f.WaitStored("Bestaand concept")

	edit := func(change func(e map[string]any)) []byte {
		var e map[string]any
		json.Unmarshal(good, &e)
		change(e)
		b, _ := json.Marshal(e)
		return b
	}
	big := edit(func(e map[string]any) {
		e["values"].(map[string]any)["meta.period"] = strings.Repeat("x", 2<<20)
	})
	cases := []struct {
		name, file string
		body       []byte
		says       string
	}{
		{"another method", "klant.json", edit(func(e map[string]any) { e["method"] = "klantjaargesprek" }), "ander gesprek (klantjaargesprek)"},
		{"a newer form version", "nieuw.json", edit(func(e map[string]any) { e["version"] = 2 }), "nieuwere versie"},
		{"not JSON", "brief.json", []byte("Beste Jan, hierbij het verslag."), "geen exportbestand"},
		{"cut-off JSON", "half.json", good[:len(good)/2], "geen exportbestand"},
		{"values of the wrong shape", "vorm.json", edit(func(e map[string]any) { e["values"] = map[string]any{"meta.date": map[string]any{"x": []any{1}}} }), "geen exportbestand"},
		{"an empty file", "leeg.json", nil, "geen exportbestand"},
		{"2 MB", "groot.json", big, "groter dan 1 MB"},
	}
	for _, c := range cases {
		before := f.Storage()
		f.Upload("#import-file", sitetest.WriteFile(t, c.file, c.body))
		err := chromedp.Run(f.Ctx, sitetest.Until(fmt.Sprintf(`(() => { const s = document.querySelector("#error-summary");
			return !s.hidden && s.textContent.includes(%s) })()`, sitetest.JSString(c.file))))
		if err != nil {
			t.Errorf("%s: no refusal shown (%v); the page says %q", c.name, err, f.Text("#error-summary"))
			continue
		}
		summary := f.Text("#error-summary")
		if !strings.Contains(summary, c.file) || !strings.Contains(summary, c.says) {
			t.Errorf("%s: the page says %q; want the file name and %q", c.name, summary, c.says)
		}
		var focused string
		f.Eval(`document.activeElement.id`, &focused)
		if focused != "error-summary" {
			t.Errorf("%s: focus is on %q, want the error summary", c.name, focused)
		}
		if after := f.Storage(); !maps.Equal(after, before) {
			t.Errorf("%s: storage changed although the file was refused", c.name)
		}
		if v := f.Value("#f-meta-department"); v != "Bestaand concept" {
			t.Errorf("%s: the open draft now shows %q", c.name, v)
		}
	}

	// Markup and script in a file are shown as text, never run.
	hostile := `<img src=x onerror="window.pwned=1;console.error('pwned')">`
	f.Upload("#import-file", sitetest.WriteFile(t, "hostile.json", edit(func(e map[string]any) {
		e["name"] = hostile
		v := e["values"].(map[string]any)
		v["meta.department"] = hostile
		v["an-old-field"] = "<script>window.pwned=2</script>"
		v["a-field-that-never-was"] = hostile
	})))
	f.WaitStored("window.pwned=2")
	if v := f.Value("#f-meta-department"); v != hostile {
		t.Errorf("the department shows %q, want the text as written", v)
	}
	var imgs int
	var pwned any
	f.Eval(`document.querySelectorAll("img[src=x], img[src$='/x']").length`, &imgs)
	f.Eval(`window.pwned ?? null`, &pwned)
	if imgs != 0 || pwned != nil {
		t.Errorf("markup from a file became HTML: %d img elements, window.pwned = %v", imgs, pwned)
	}
	if s := f.Text("#draft-select option:checked"); s != hostile {
		t.Errorf("the draft list shows %q, want the name as text", s)
	}
	var earlier []string
	f.Eval(`[...document.querySelectorAll("#earlier dd")].map(d => d.textContent)`, &earlier)
	if fmt.Sprint(earlier) != fmt.Sprint([]string{hostile, "<script>window.pwned=2</script>"}) {
		t.Errorf("the unknown values show as %q, want the texts as written", earlier)
	}
}

// TestFormErrorSummary: a verdict without a name, a deadline without an
// agreement: printing is stopped, the summary takes focus and links to
// each field, which is marked invalid and described by its message.
func TestFormErrorSummary(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.Click("#f-signoff-manager-verdict-agree")
	f.SetValue("#f-ontwikkelafspraken-2-due", "2027-06-01")
	f.Click(".print-button")
	// the checks before printing come with the tools, loaded on demand
	f.Poll(`!document.querySelector("#error-summary").hidden`)
	var links []string
	f.Eval(`[...document.querySelectorAll("#error-summary a")].map(a => a.getAttribute("href") + " " + a.textContent)`, &links)
	// In the order of the fields on the page.
	want := []string{
		`#f-ontwikkelafspraken-2-what In rij 2 van "Afspraken over opleiding en coaching" staat een datum maar geen afspraak. Vul in wat er is afgesproken.`,
		`#f-signoff-manager-name Bij "Leidinggevende – Naam" is getekend zonder naam. Vul de naam in.`,
	}
	if fmt.Sprint(links) != fmt.Sprint(want) {
		t.Errorf("error summary links:\n got %q\nwant %q", links, want)
	}
	var focused, invalid, described string
	f.Eval(`document.activeElement.id`, &focused)
	if focused != "error-summary" {
		t.Errorf("focus is on %q, want the error summary", focused)
	}
	f.Click(`#error-summary a[href="#f-signoff-manager-name"]`)
	f.Eval(`document.activeElement.id`, &focused)
	f.Eval(`document.activeElement.getAttribute("aria-invalid")`, &invalid)
	f.Eval(`document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent`, &described)
	if focused != "f-signoff-manager-name" || invalid != "true" || !strings.Contains(described, "is getekend zonder naam") {
		t.Errorf("following the link: focus %q, aria-invalid %q, described by %q", focused, invalid, described)
	}
	var violations []sitetest.AxeViolation
	f.Run(sitetest.Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with errors shown: %s", v)
	}
	// Fixed, the errors go away.
	f.TypeInto("#f-signoff-manager-name", "Jan de Vries")
	f.TypeInto("#f-ontwikkelafspraken-2-what", "Cursus")
	f.Click(`[data-action="ics"]`)
	var hidden bool
	var marks int
	f.Eval(`document.querySelector("#error-summary").hidden`, &hidden)
	f.Eval(`document.querySelectorAll("[aria-invalid], .field-error").length`, &marks)
	if !hidden || marks != 0 {
		t.Errorf("after fixing: summary hidden %v, %d fields still marked", hidden, marks)
	}
	f.DL.Next(t)
}

// TestFormKeyboardTable: rows of the agreements table are added, filled
// and removed with the keyboard alone, and focus lands where it should.
func TestFormKeyboardTable(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	rows := func() int {
		var n int
		f.Eval(`document.querySelectorAll('[data-repeat="resultaatafspraken"] tbody tr').length`, &n)
		return n
	}
	active := func() string {
		var id string
		f.Eval(`document.activeElement.id || document.activeElement.textContent`, &id)
		return id
	}
	first := rows()
	next := first + 1
	f.Run(chromedp.Focus(`[data-repeat="resultaatafspraken"] [data-add-row]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	if n := rows(); n != next {
		t.Fatalf("Enter on the add button: %d rows, want %d", n, next)
	}
	if a, want := active(), fmt.Sprintf("f-resultaatafspraken-%d-what", next); a != want {
		t.Errorf("after adding, focus is on %q, want the new row's first field %q", a, want)
	}
	f.Run(chromedp.KeyEvent("Nieuwe afspraak"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Jan"))
	if a, want := active(), fmt.Sprintf("f-resultaatafspraken-%d-who", next); a != want {
		t.Errorf("Tab moves to %q, want the who field %q", a, want)
	}
	if v := f.Value(fmt.Sprintf("#f-resultaatafspraken-%d-what", next)); v != "Nieuwe afspraak" {
		t.Errorf("typed %q", v)
	}
	var label string
	f.Eval(fmt.Sprintf(`(() => { const el = document.querySelector("#f-resultaatafspraken-%d-who");
		return el.getAttribute("aria-labelledby").split(" ").map(id => document.getElementById(id).textContent).join(" ") })()`, next), &label)
	if want := fmt.Sprintf("Resultaatafspraken Afspraak %d Wie", next); label != want {
		t.Errorf("the new field is labelled %q, want %q", label, want)
	}
	// An empty row goes at once; focus goes to the first field of the row
	// that took its place, not to another remove button (a second Space
	// removes nothing), and the removal is announced.
	f.Run(chromedp.Focus(`[data-repeat="resultaatafspraken"] tbody tr:nth-child(2) [data-remove-row]`, chromedp.ByQuery), chromedp.KeyEvent(" "))
	if n := rows(); n != first {
		t.Fatalf("Space on a remove button: %d rows, want %d", n, first)
	}
	if a := active(); a != "f-resultaatafspraken-2-what" {
		t.Errorf("after removing row 2, focus is on %q, want the first field of the row now second", a)
	}
	if s := f.Text("#form-status"); s != "Rij 2 is verwijderd." {
		t.Errorf("after removing row 2 the live region says %q", s)
	}
	// A filled row asks first, with focus on "cancel": Enter keeps it.
	last := fmt.Sprintf(`[data-repeat="resultaatafspraken"] tbody tr:nth-child(%d) [data-remove-row]`, first)
	f.Run(chromedp.Focus(last, chromedp.ByQuery), chromedp.KeyEvent(" "))
	f.Poll(`document.querySelector("#confirm-dialog").open`)
	if q := f.Text("#confirm-question"); !strings.Contains(q, fmt.Sprintf("Rij %d verwijderen?", first)) {
		t.Errorf("removing a filled row asks %q", q)
	}
	f.Run(chromedp.KeyEvent(kb.Enter))
	f.Poll(`!document.querySelector("#confirm-dialog").open`)
	if n := rows(); n != first {
		t.Errorf("Enter in the question (on cancel) removed a row: %d rows, want %d", n, first)
	}
	if a := active(); a != fmt.Sprintf("Rij %d verwijderen", first) {
		t.Errorf("after cancelling, focus is on %q, want the remove button again", a)
	}
	if v := f.Value(fmt.Sprintf("#f-resultaatafspraken-%d-what", first)); v != "Nieuwe afspraak" {
		t.Errorf("the last row moved up to row %d with %q", first, v)
	}
	f.WaitStored("Nieuwe afspraak")
	f.Reload()
	if n := rows(); n != first {
		t.Errorf("after reload %d rows, want %d", n, first)
	}
}

// TestFormEarlierVersion: after a method's form changes (version up), a
// draft or file from before still opens; values whose field is gone are
// shown in their own block, kept, and exported again.
func TestFormEarlierVersion(t *testing.T) {
	t.Parallel()
	f := sitetest.NewForm(t, serveWithFormVersion(t, sitetest.NLForm, 2))
	f.Open(sitetest.NLForm)
	old, _ := json.Marshal(sitetest.ExportFile{App: "gesprekswijzer", Method: "planningsgesprek", Version: 1, Lang: "nl", Name: "Versie 1", SavedAt: "2026-01-15T09:00:00Z",
		Values: map[string]any{
			"meta.department":    "Team West",
			"oude-vraag":         "Antwoord op een vraag die er niet meer is",
			"competenties":       []any{"nu een lijst", "was tekst"},
			"resultaatafspraken": []any{map[string]any{"what": "Rapport", "who": "An", "due": "2026-06-01", "done": false}},
		}})
	f.Upload("#import-file", sitetest.WriteFile(t, "versie-1.json", old))
	f.WaitStored("Versie 1")
	check := func(when string) {
		t.Helper()
		var entries []string
		f.Eval(`[...document.querySelectorAll("#earlier dt, #earlier dd")].map(e => e.textContent)`, &entries)
		want := "[competenties nu een lijst\nwas tekst oude-vraag Antwoord op een vraag die er niet meer is]"
		if fmt.Sprint(entries) != want {
			t.Errorf("%s: the earlier-version block shows %q, want %q", when, entries, want)
		}
		if v := f.Value("#f-meta-department"); v != "Team West" {
			t.Errorf("%s: department %q", when, v)
		}
		if v := f.Value("#f-resultaatafspraken-1-what"); v != "Rapport" {
			t.Errorf("%s: agreement %q", when, v)
		}
	}
	check("imported")
	f.Reload()
	check("after reload")
	_, body := f.ExportDraft()
	e := sitetest.DecodeExport(t, body)
	if e.Version != 2 || e.Earlier["oude-vraag"] != "Antwoord op een vraag die er niet meer is" || e.Earlier["competenties"] == nil {
		t.Errorf("exported again: version %d, earlier %v", e.Version, e.Earlier)
	}
	var violations []sitetest.AxeViolation
	f.Run(sitetest.Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with the earlier-version block: %s", v)
	}
}

// TestFormAccessibilityFilled: axe-core finds nothing on filled forms in
// both languages (the empty ones are covered with every other page).
func TestFormAccessibilityFilled(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	for _, u := range []string{sitetest.NLForm, sitetest.DEForm, "/gesprekken/klantjaargesprek/formulier/", "/de/gespraeche/perspektivgespraech/formular/"} {
		f.Open(u)
		f.WaitStored(f.FillAll("Toegankelijk"))
		var violations []sitetest.AxeViolation
		f.Run(sitetest.Axe(t, &violations))
		for _, v := range violations {
			t.Errorf("%s filled: axe: %s", u, v)
		}
	}
}
