package sitetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/emersion/go-ical"
)

// exportFile is the JSON document a draft is exported as.
type exportFile struct {
	App     string         `json:"app"`
	Method  string         `json:"method"`
	Version int            `json:"version"`
	Lang    string         `json:"lang"`
	Name    string         `json:"name"`
	SavedAt string         `json:"savedAt"`
	Values  map[string]any `json:"values"`
	Earlier map[string]any `json:"earlier"`
}

func decodeExport(t *testing.T, body []byte) exportFile {
	t.Helper()
	var e exportFile
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("the export is not JSON: %v\n%s", err, body)
	}
	return e
}

// without returns m without the entries whose key starts with prefix.
func without(m map[string]any, prefix string) map[string]any {
	out := maps.Clone(m)
	maps.DeleteFunc(out, func(k string, _ any) bool { return strings.HasPrefix(k, prefix) })
	return out
}

func diff(t *testing.T, what string, got, want map[string]any) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	n := 0
	for _, k := range keys {
		if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
			if n < 10 {
				t.Errorf("%s: %s is %q, want %q", what, k, fmt.Sprint(got[k]), fmt.Sprint(want[k]))
			}
			n++
		}
	}
	if n > 10 {
		t.Errorf("%s: … %d differences in all", what, n)
	}
}

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
	forms := formPages(t)
	f := newFormDriver(t)
	kinds := map[string]bool{}
	for _, u := range slices.Sorted(maps.Keys(forms)) {
		forms[u].Doc.Find("#gw-form .field").Each(func(_ int, s *goquery.Selection) {
			for _, c := range strings.Fields(s.AttrOr("class", "")) {
				kinds[c] = true
			}
		})
		f.open(u)
		f.click(`[data-action="new"]`)
		last := f.fillAll("Waarde")
		f.waitSaved(last)
		before := f.snapshot()
		sealed := f.seals()
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
		f.eval(`document.querySelectorAll("#gw-form input[type=radio]").length - new Set([...document.querySelectorAll("#gw-form input[type=radio]")].map(r => r.name)).size`, &radios)
		f.eval(`[...document.querySelectorAll("#gw-form input[type=checkbox]")].filter(b => !b.checked).length`, &boxes)
		if empty != radios+boxes {
			t.Errorf("%s: %d controls empty after filling, want %d", u, empty, radios+boxes)
		}
		f.reload()
		if len(sealed) > 0 {
			f.sealChecked(forms[u])
		}
		diff(t, u+" after reload", f.snapshot(), before)
		// The reload changed nothing, so no signature is withdrawn.
		if got := f.seals(); !maps.Equal(got, sealed) {
			t.Errorf("%s: after reload the seals are %q, want them as signed: %q", u, got, sealed)
		}
		if s := f.text("#form-alert"); s != "" {
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
	f := newFormDriver(t)
	f.open(nlForm)
	f.typeInto("#f-meta-department", "Afdeling Noord")
	f.typeInto("#draft-name", "Jan de Vries 2027")
	f.waitStored("Jan de Vries 2027")

	f.click(`[data-action="new"]`)
	if v := f.value("#f-meta-department"); v != "" {
		t.Errorf("a new draft starts with department %q, want it empty", v)
	}
	// The first default name no other draft has.
	if v := f.value("#draft-name"); v != "Concept 1" {
		t.Errorf("the new draft is called %q, want %q", v, "Concept 1")
	}
	f.typeInto("#f-meta-department", "Afdeling Zuid")
	f.typeInto("#draft-name", "Fatma Yilmaz 2027")
	f.waitStored("Fatma Yilmaz 2027")

	var options []string
	f.eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &options)
	if fmt.Sprint(options) != "[Jan de Vries 2027 Fatma Yilmaz 2027]" {
		t.Fatalf("drafts listed: %q", options)
	}
	choose := func(name string) {
		f.eval(fmt.Sprintf(`(() => { const s = document.querySelector("#draft-select");
			s.value = [...s.options].find(o => o.textContent == %s).value;
			s.dispatchEvent(new Event("change")); return true })()`, jsString(name)), nil)
	}
	choose("Jan de Vries 2027")
	if v := f.value("#f-meta-department"); v != "Afdeling Noord" {
		t.Errorf("Jan's draft shows department %q, want Afdeling Noord", v)
	}
	f.reload()
	if v, n := f.value("#f-meta-department"), f.value("#draft-name"); v != "Afdeling Noord" || n != "Jan de Vries 2027" {
		t.Errorf("after reload the open draft is %q with %q; want the one open last, Jan's", n, v)
	}
	choose("Fatma Yilmaz 2027")
	if v := f.value("#f-meta-department"); v != "Afdeling Zuid" {
		t.Errorf("Fatma's draft shows department %q, want Afdeling Zuid", v)
	}

	// Delete asks first; answering no keeps everything.
	stored := f.storage()
	f.answerConfirm(false)
	f.click(`[data-action="delete"]`)
	if d := f.lastDialog(); !strings.Contains(d, "Fatma Yilmaz 2027") {
		t.Errorf("delete asked %q, want a question naming the draft", d)
	}
	if got := f.storage(); !maps.Equal(got, stored) {
		t.Errorf("answering no to delete changed storage")
	}
	f.answerConfirm(true)
	f.click(`[data-action="delete"]`)
	f.eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &options)
	if fmt.Sprint(options) != "[Jan de Vries 2027]" {
		t.Errorf("after deleting Fatma's draft the list is %q", options)
	}
	for k, v := range f.storage() {
		if strings.Contains(v, "Afdeling Zuid") {
			t.Errorf("the deleted draft is still stored under %s", k)
		}
	}
	if s := f.text("#form-status"); !strings.Contains(s, "verwijderd") {
		t.Errorf("status after delete: %q", s)
	}
	if v := f.value("#f-meta-department"); v != "Afdeling Noord" {
		t.Errorf("after deleting, the remaining draft opens: department %q", v)
	}
}

// TestFormExportImport: export, delete, import gives back equal values
// (private notes stay home unless ticked); a Dutch export opens in the
// German form.
func TestFormExportImport(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	last := f.fillAll("Export")
	// The manager lets her notes go along; the employee does not.
	f.eval(`(() => { document.querySelector('[name="private.manager.share"]').checked = true;
		const b = document.querySelector('[name="private.employee.share"]'); b.checked = false;
		b.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, nil)
	f.typeInto("#draft-name", "Export test")
	f.waitStored("Export test")
	f.waitStored(last)
	filled := f.snapshot()

	name, body := f.exportDraft()
	// The file name reads well: method, name, the conversation's date.
	if !regexp.MustCompile(`^planningsgesprek-export-test-2027-\d\d-\d\d\.json$`).MatchString(name) {
		t.Errorf("export file name %q", name)
	}
	e := decodeExport(t, body)
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
	f.eval(`document.querySelectorAll('[data-repeat="resultaatafspraken"] tbody tr').length`, &shown)
	if rows, _ := e.Values["resultaatafspraken"].([]any); len(rows) != shown || shown < 2 {
		t.Errorf("the agreements table exported %d rows, want the %d on the form", len(rows), shown)
	}

	f.answerConfirm(true)
	f.click(`[data-action="delete"]`)
	if v := f.value("#f-meta-department"); v != "" {
		t.Fatalf("after deleting the only draft the form still shows %q", v)
	}
	path := writeFile(t, name, body)
	f.upload("#import-file", path)
	f.waitStored("Export test")
	got := f.snapshot()
	want := maps.Clone(filled)
	want["f-private-employee"] = ""
	diff(t, "imported into the Dutch form", got, want)
	if s := f.text("#form-status"); !strings.Contains(s, name) {
		t.Errorf("status after import: %q", s)
	}

	// Drafts belong to the site, not to one language: the German form
	// opens the draft last used in Dutch.
	f.open(deForm)
	if v := f.value("#draft-name"); v != "Export test" {
		t.Errorf("the German form opened draft %q, want the one used in Dutch", v)
	}
	f.eval(`localStorage.clear()`, nil)
	f.open(deForm)
	if v := f.value("#f-meta-department"); v != "" {
		t.Fatalf("with storage cleared the German form shows %q", v)
	}
	f.upload("#import-file", path)
	f.poll(`document.querySelector("#draft-name").value == "Export test"`)
	diff(t, "Dutch export imported into the German form", f.snapshot(), want)
	if v := f.value("#draft-name"); v != "Export test" {
		t.Errorf("imported draft is called %q", v)
	}
}

// TestFormRefusesBadImports: files for another method, from a newer form,
// not JSON, cut off, or too large are refused with a message in the page's
// language that takes focus, and nothing stored changes; markup in values
// stays text and no script runs.
func TestFormRefusesBadImports(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	f.typeInto("#f-meta-department", "Bestaand concept")
	f.waitStored("Bestaand concept")
	_, good := f.exportDraft()
	f.waitStored("Bestaand concept")

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
		before := f.storage()
		f.upload("#import-file", writeFile(t, c.file, c.body))
		err := chromedp.Run(f.ctx, until(fmt.Sprintf(`(() => { const s = document.querySelector("#error-summary");
			return !s.hidden && s.textContent.includes(%s) })()`, jsString(c.file))))
		if err != nil {
			t.Errorf("%s: no refusal shown (%v); the page says %q", c.name, err, f.text("#error-summary"))
			continue
		}
		summary := f.text("#error-summary")
		if !strings.Contains(summary, c.file) || !strings.Contains(summary, c.says) {
			t.Errorf("%s: the page says %q; want the file name and %q", c.name, summary, c.says)
		}
		var focused string
		f.eval(`document.activeElement.id`, &focused)
		if focused != "error-summary" {
			t.Errorf("%s: focus is on %q, want the error summary", c.name, focused)
		}
		if after := f.storage(); !maps.Equal(after, before) {
			t.Errorf("%s: storage changed although the file was refused", c.name)
		}
		if v := f.value("#f-meta-department"); v != "Bestaand concept" {
			t.Errorf("%s: the open draft now shows %q", c.name, v)
		}
	}

	// Markup and script in a file are shown as text, never run.
	hostile := `<img src=x onerror="window.pwned=1;console.error('pwned')">`
	f.upload("#import-file", writeFile(t, "hostile.json", edit(func(e map[string]any) {
		e["name"] = hostile
		v := e["values"].(map[string]any)
		v["meta.department"] = hostile
		v["an-old-field"] = "<script>window.pwned=2</script>"
		v["a-field-that-never-was"] = hostile
	})))
	f.waitStored("window.pwned=2")
	if v := f.value("#f-meta-department"); v != hostile {
		t.Errorf("the department shows %q, want the text as written", v)
	}
	var imgs int
	var pwned any
	f.eval(`document.querySelectorAll("img[src=x], img[src$='/x']").length`, &imgs)
	f.eval(`window.pwned ?? null`, &pwned)
	if imgs != 0 || pwned != nil {
		t.Errorf("markup from a file became HTML: %d img elements, window.pwned = %v", imgs, pwned)
	}
	if s := f.text("#draft-select option:checked"); s != hostile {
		t.Errorf("the draft list shows %q, want the name as text", s)
	}
	var earlier []string
	f.eval(`[...document.querySelectorAll("#earlier dd")].map(d => d.textContent)`, &earlier)
	if fmt.Sprint(earlier) != fmt.Sprint([]string{hostile, "<script>window.pwned=2</script>"}) {
		t.Errorf("the unknown values show as %q, want the texts as written", earlier)
	}
}

// TestFormFollowUp: a follow-up draft, from this draft or from a file,
// takes the dates (this conversation's becomes the previous one, the
// planned next one becomes this one's), unit, period and participants,
// and every agreement to review, with "achieved" where it was done; the
// agreements tables themselves start empty, and nothing else comes along.
func TestFormFollowUp(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	f.fillAll("Vorig jaar")
	f.setValue("#f-meta-date", "2026-02-01")
	f.setValue("#f-meta-next", "2027-02-03")
	// Mark the second agreement of each table done.
	f.eval(`(() => { for (const t of document.querySelectorAll('[data-agreements]')) {
		const boxes = t.querySelectorAll('[data-col="done"]');
		boxes.forEach((b, i) => { b.checked = i == 1; });
		boxes[0].dispatchEvent(new Event("change", {bubbles: true})); } return true })()`, nil)
	f.typeInto("#draft-name", "Gesprek 2026")
	f.waitStored("Gesprek 2026")
	old := f.snapshot()
	var agreements []map[string]any
	f.eval(`[...document.querySelectorAll('[data-agreements] tbody tr')].map(r => Object.fromEntries(
		[...r.querySelectorAll("[data-col]")].map(el => [el.dataset.col, el.type == "checkbox" ? el.checked : el.value])))`, &agreements)
	_, file := f.exportDraft()

	check := func(how string) {
		t.Helper()
		if v := f.value("#draft-name"); v != "Vervolg op Gesprek 2026" {
			t.Errorf("%s: the follow-up draft is called %q", how, v)
		}
		for id, want := range map[string]any{
			"f-meta-previous": "2026-02-01", "f-meta-date": "2027-02-03", "f-meta-next": "",
			"f-meta-department": old["f-meta-department"], "f-meta-period": old["f-meta-period"],
			"f-competenties": "", "f-vastlegger": "", "f-private-manager": "",
		} {
			if got := f.snapshot()[id]; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: %s is %q, want %q", how, id, got, want)
			}
		}
		for id, v := range old {
			if strings.HasPrefix(id, "f-meta-participants-") {
				if got := f.snapshot()[id]; got != v {
					t.Errorf("%s: participant %s is %q, want %q", how, id, got, v)
				}
			}
		}
		var review []map[string]any
		f.eval(`[...document.querySelectorAll('[data-review] tbody tr')].map(r => Object.fromEntries(
			[...r.querySelectorAll("[data-col]")].map(el => [el.dataset.col, el.value])))`, &review)
		if len(review) != len(agreements) {
			t.Fatalf("%s: %d agreements to review, want all %d of last time", how, len(review), len(agreements))
		}
		for i, a := range agreements {
			status := ""
			if a["done"] == true {
				status = "achieved"
			}
			if r := review[i]; r["what"] != a["what"] || r["who"] != a["who"] || r["due"] != a["due"] || r["status"] != status {
				t.Errorf("%s: review row %d is %v, want %v with status %q", how, i+1, r, a, status)
			}
		}
		var open int
		f.eval(`[...document.querySelectorAll('[data-agreements] [data-col]')].filter(el => el.type == "checkbox" ? el.checked : el.value).length`, &open)
		if open != 0 {
			t.Errorf("%s: the new agreements tables hold %d values, want none", how, open)
		}
		participants := 0
		for id, v := range old {
			if strings.HasPrefix(id, "f-meta-participants-") && strings.HasSuffix(id, "-name") && v != "" {
				participants++
			}
		}
		// Each count in its own plural form: "1 afspraak", "2 afspraken".
		counted := func(n int, one, other string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, other)
		}
		want := counted(len(agreements), "afspraak", "afspraken") + " om op terug te kijken en " + counted(participants, "deelnemer", "deelnemers")
		if s := f.text("#form-status"); !strings.Contains(s, want) {
			t.Errorf("%s: status %q, want it to say %q", how, s, want)
		}
	}
	f.click(`[data-action="follow"]`)
	check("follow-up from this draft")

	f.upload("#carry-file", writeFile(t, "gesprek-2026.json", file))
	f.poll(`document.querySelectorAll("#draft-select option").length == 3`)
	check("follow-up from a file")
}

// TestFormPrints: a filled form prints its values and leaves private notes
// out unless allowed; a blank form prints its labels and signature lines;
// the toolbar never prints.
func TestFormPrints(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	f.typeInto("#f-meta-department", "Klantcontactcentrum")
	f.setValue("#f-meta-date", "2027-03-14")
	f.typeInto("#f-competenties", "Gesprekstechniek en planning")
	f.typeInto("#f-resultaatafspraken-1-what", "Wachttijd halveren")
	f.typeInto("#f-private-manager", "Geheimnotitie")
	f.typeInto("#f-signoff-employee-name", "Fatma Yilmaz")
	f.typeInto("#f-signoff-employee-reaction", "Ik teken voor gezien: de planning is krap.")
	f.waitStored("Fatma Yilmaz")
	var pdf []byte
	f.run(PrintA4(&pdf))
	text := PDFText(t, pdf)
	for _, want := range []string{"Klantcontactcentrum", "14-3-2027", "Gesprekstechniek en planning", "Wachttijd halveren", "Fatma Yilmaz", "Ik teken voor gezien", "Formulier: Planningsgesprek", "Handtekening"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed form lacks %q", want)
		}
	}
	for _, never := range []string{"Geheimnotitie", "Concepten en bestanden", "Exporteren", "Afdrukken", "Nog niet getekend", "Vingerafdruk"} {
		if strings.Contains(text, never) {
			t.Errorf("the printed form shows %q", never)
		}
	}
	f.click("#f-private-manager-share")
	f.run(PrintA4(&pdf))
	if text := PDFText(t, pdf); !strings.Contains(text, "Geheimnotitie") {
		t.Errorf("the private note, allowed to print, is not on paper")
	}

	f.open(deForm)
	f.run(PrintA4(&pdf))
	text = PDFText(t, pdf)
	for _, want := range []string{"Formular: Zielvereinbarungsgespräch", "Datum dieses Gesprächs", "Teilnehmende", "Unterschrift", "Einverstanden", "Zur Kenntnis genommen", "Stellungnahme"} {
		if !strings.Contains(text, want) {
			t.Errorf("the blank German form prints without %q", want)
		}
	}
	t.Logf("blank German form: %d A4 pages; filled Dutch form printed", PDFPages(pdf))
}

// TestFormCalendar: the .ics file is valid RFC 5545 and holds each open
// deadline and the next conversation's date, every event titled with the
// draft's name and the method and carrying a reminder a week before; its
// file name reads well; with no dates, the page says so.
func TestFormCalendar(t *testing.T) {
	for _, c := range []struct {
		form, name, due, next, method, empty string
	}{
		{nlForm, "Jan de Vries 2027", "Afspraak: ", "Volgend gesprek: ", "Planningsgesprek", "nog geen datums"},
		{deForm, "Jürgen Groß 2027", "Vereinbarung: ", "Nächstes Gespräch: ", "Zielvereinbarungsgespräch", "noch keine Termine"},
	} {
		f := newFormDriver(t)
		f.open(c.form)
		f.click(`[data-action="ics"]`)
		if s := f.textWhen("#error-summary", c.empty); !strings.Contains(s, c.empty) {
			t.Errorf("%s: a calendar of an empty form: the page says %q", c.form, s)
		}
		f.typeInto("#draft-name", c.name)
		long := "Verbeterplan voor de klantenservice opstellen, met één duidelijke eigenaar; afstemmen met Zuid-Holland en de ondernemingsraad"
		f.typeInto("#f-resultaatafspraken-1-what", long)
		f.typeInto("#f-resultaatafspraken-1-who", "Fatma")
		f.setValue("#f-resultaatafspraken-1-due", "2027-03-15")
		f.typeInto("#f-resultaatafspraken-2-what", "Al gedaan")
		f.setValue("#f-resultaatafspraken-2-due", "2027-02-01")
		f.click("#f-resultaatafspraken-2-done")
		f.typeInto("#f-ontwikkelafspraken-1-what", "Training feedback geven")
		f.setValue("#f-ontwikkelafspraken-1-due", "2027-05-20")
		f.setValue("#f-meta-next", "2028-01-10")
		f.setValue("#f-meta-date", "2027-01-12")
		f.waitStored("2028-01-10")
		f.click(`[data-action="ics"]`)
		name, body := f.dl.Next(t)
		if want := regexp.MustCompile(`^[a-z]+-j(an-de-vries|urgen-gross)-2027-2027-01-12\.ics$`); !want.MatchString(name) {
			t.Errorf("calendar file name %q", name)
		}
		// RFC 5545: CRLF line ends, no line longer than 75 octets.
		if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) {
			t.Errorf("lines do not all end in CRLF")
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Errorf("line %d is %d octets, over 75: %q", i+1, len(line), line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
		if err != nil {
			t.Fatalf("the calendar does not parse: %v\n%s", err, body)
		}
		got := map[string]string{}
		for _, ev := range cal.Events() {
			for _, prop := range []string{ical.PropUID, ical.PropDateTimeStamp} {
				if ev.Props.Get(prop) == nil {
					t.Errorf("an event lacks %s", prop)
				}
			}
			start, err := ev.Props.Get(ical.PropDateTimeStart).DateTime(nil)
			if err != nil {
				t.Fatalf("DTSTART: %v", err)
			}
			summary, _ := ev.Props.Text(ical.PropSummary)
			got[start.Format("2006-01-02")] = summary
			alarms := 0
			for _, child := range ev.Children {
				if child.Name == ical.CompAlarm {
					alarms++
					if trigger := child.Props.Get(ical.PropTrigger); trigger == nil || trigger.Value != "-P6DT15H" {
						t.Errorf("%s: the reminder of %q is %v, want a week before at 9:00 (-P6DT15H)", c.form, summary, trigger)
					}
				}
			}
			if alarms != 1 {
				t.Errorf("%s: event %q has %d reminders, want 1", c.form, summary, alarms)
			}
			if !strings.Contains(summary, c.name) || !strings.Contains(summary, c.method) {
				t.Errorf("%s: event %q does not name the draft %q and the method", c.form, summary, c.name)
			}
		}
		want := map[string]string{
			"2027-03-15": c.due + long + " – " + c.name + " (" + c.method + ")",
			"2027-05-20": c.due + "Training feedback geven – " + c.name + " (" + c.method + ")",
			"2028-01-10": c.next + c.method + " – " + c.name,
		}
		if !maps.Equal(got, want) {
			t.Errorf("calendar events:\n got %q\nwant %q", got, want)
		}
	}
}

// TestFormErrorSummary: a verdict without a name, a deadline without an
// agreement: printing is stopped, the summary takes focus and links to
// each field, which is marked invalid and described by its message.
func TestFormErrorSummary(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	f.click("#f-signoff-manager-verdict-agree")
	f.setValue("#f-ontwikkelafspraken-2-due", "2027-06-01")
	f.click(".print-button")
	// the checks before printing come with the tools, loaded on demand
	f.poll(`!document.querySelector("#error-summary").hidden`)
	var links []string
	f.eval(`[...document.querySelectorAll("#error-summary a")].map(a => a.getAttribute("href") + " " + a.textContent)`, &links)
	// In the order of the fields on the page.
	want := []string{
		`#f-ontwikkelafspraken-2-what In rij 2 van "Afspraken over opleiding en coaching" staat een datum maar geen afspraak. Vul in wat er is afgesproken.`,
		`#f-signoff-manager-name Bij "Leidinggevende – Naam" is getekend zonder naam. Vul de naam in.`,
	}
	if fmt.Sprint(links) != fmt.Sprint(want) {
		t.Errorf("error summary links:\n got %q\nwant %q", links, want)
	}
	var focused, invalid, described string
	f.eval(`document.activeElement.id`, &focused)
	if focused != "error-summary" {
		t.Errorf("focus is on %q, want the error summary", focused)
	}
	f.click(`#error-summary a[href="#f-signoff-manager-name"]`)
	f.eval(`document.activeElement.id`, &focused)
	f.eval(`document.activeElement.getAttribute("aria-invalid")`, &invalid)
	f.eval(`document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent`, &described)
	if focused != "f-signoff-manager-name" || invalid != "true" || !strings.Contains(described, "is getekend zonder naam") {
		t.Errorf("following the link: focus %q, aria-invalid %q, described by %q", focused, invalid, described)
	}
	var violations []AxeViolation
	f.run(Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with errors shown: %s", v)
	}
	// Fixed, the errors go away.
	f.typeInto("#f-signoff-manager-name", "Jan de Vries")
	f.typeInto("#f-ontwikkelafspraken-2-what", "Cursus")
	f.click(`[data-action="ics"]`)
	var hidden bool
	var marks int
	f.eval(`document.querySelector("#error-summary").hidden`, &hidden)
	f.eval(`document.querySelectorAll("[aria-invalid], .field-error").length`, &marks)
	if !hidden || marks != 0 {
		t.Errorf("after fixing: summary hidden %v, %d fields still marked", hidden, marks)
	}
	f.dl.Next(t)
}

// TestFormKeyboardTable: rows of the agreements table are added, filled
// and removed with the keyboard alone, and focus lands where it should.
func TestFormKeyboardTable(t *testing.T) {
	f := newFormDriver(t)
	f.open(nlForm)
	rows := func() int {
		var n int
		f.eval(`document.querySelectorAll('[data-repeat="resultaatafspraken"] tbody tr').length`, &n)
		return n
	}
	active := func() string {
		var id string
		f.eval(`document.activeElement.id || document.activeElement.textContent`, &id)
		return id
	}
	first := rows()
	next := first + 1
	f.run(chromedp.Focus(`[data-repeat="resultaatafspraken"] [data-add-row]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	if n := rows(); n != next {
		t.Fatalf("Enter on the add button: %d rows, want %d", n, next)
	}
	if a, want := active(), fmt.Sprintf("f-resultaatafspraken-%d-what", next); a != want {
		t.Errorf("after adding, focus is on %q, want the new row's first field %q", a, want)
	}
	f.run(chromedp.KeyEvent("Nieuwe afspraak"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("Jan"))
	if a, want := active(), fmt.Sprintf("f-resultaatafspraken-%d-who", next); a != want {
		t.Errorf("Tab moves to %q, want the who field %q", a, want)
	}
	if v := f.value(fmt.Sprintf("#f-resultaatafspraken-%d-what", next)); v != "Nieuwe afspraak" {
		t.Errorf("typed %q", v)
	}
	var label string
	f.eval(fmt.Sprintf(`(() => { const el = document.querySelector("#f-resultaatafspraken-%d-who");
		return el.getAttribute("aria-labelledby").split(" ").map(id => document.getElementById(id).textContent).join(" ") })()`, next), &label)
	if want := fmt.Sprintf("Wie %d", next); label != want {
		t.Errorf("the new field is labelled %q, want %q", label, want)
	}
	f.run(chromedp.Focus(`[data-repeat="resultaatafspraken"] tbody tr:nth-child(2) [data-remove-row]`, chromedp.ByQuery), chromedp.KeyEvent(" "))
	if n := rows(); n != first {
		t.Fatalf("Space on a remove button: %d rows, want %d", n, first)
	}
	if a := active(); a != "Rij 2 verwijderen" {
		t.Errorf("after removing row 2, focus is on %q, want the remove button now of row 2", a)
	}
	if v := f.value(fmt.Sprintf("#f-resultaatafspraken-%d-what", first)); v != "Nieuwe afspraak" {
		t.Errorf("the last row moved up to row %d with %q", first, v)
	}
	f.waitStored("Nieuwe afspraak")
	f.reload()
	if n := rows(); n != first {
		t.Errorf("after reload %d rows, want %d", n, first)
	}
}

// TestFormEarlierVersion: after a method's form changes (version up), a
// draft or file from before still opens; values whose field is gone are
// shown in their own block, kept, and exported again.
func TestFormEarlierVersion(t *testing.T) {
	f := newFormDriverOn(t, serveWithFormVersion(t, nlForm, 2))
	f.open(nlForm)
	old, _ := json.Marshal(exportFile{App: "gesprekswijzer", Method: "planningsgesprek", Version: 1, Lang: "nl", Name: "Versie 1", SavedAt: "2026-01-15T09:00:00Z",
		Values: map[string]any{
			"meta.department":    "Team West",
			"oude-vraag":         "Antwoord op een vraag die er niet meer is",
			"competenties":       []any{"nu een lijst", "was tekst"},
			"resultaatafspraken": []any{map[string]any{"what": "Rapport", "who": "An", "due": "2026-06-01", "done": false}},
		}})
	f.upload("#import-file", writeFile(t, "versie-1.json", old))
	f.waitStored("Versie 1")
	check := func(when string) {
		t.Helper()
		var entries []string
		f.eval(`[...document.querySelectorAll("#earlier dt, #earlier dd")].map(e => e.textContent)`, &entries)
		want := "[competenties nu een lijst\nwas tekst oude-vraag Antwoord op een vraag die er niet meer is]"
		if fmt.Sprint(entries) != want {
			t.Errorf("%s: the earlier-version block shows %q, want %q", when, entries, want)
		}
		if v := f.value("#f-meta-department"); v != "Team West" {
			t.Errorf("%s: department %q", when, v)
		}
		if v := f.value("#f-resultaatafspraken-1-what"); v != "Rapport" {
			t.Errorf("%s: agreement %q", when, v)
		}
	}
	check("imported")
	f.reload()
	check("after reload")
	_, body := f.exportDraft()
	e := decodeExport(t, body)
	if e.Version != 2 || e.Earlier["oude-vraag"] != "Antwoord op een vraag die er niet meer is" || e.Earlier["competenties"] == nil {
		t.Errorf("exported again: version %d, earlier %v", e.Version, e.Earlier)
	}
	var violations []AxeViolation
	f.run(Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with the earlier-version block: %s", v)
	}
}

// TestFormAccessibilityFilled: axe-core finds nothing on filled forms in
// both languages (the empty ones are covered with every other page).
func TestFormAccessibilityFilled(t *testing.T) {
	f := newFormDriver(t)
	for _, u := range []string{nlForm, deForm, "/gesprekken/klantjaargesprek/formulier/", "/de/gespraeche/perspektivgespraech/formular/"} {
		f.open(u)
		f.waitStored(f.fillAll("Toegankelijk"))
		var violations []AxeViolation
		f.run(Axe(t, &violations))
		for _, v := range violations {
			t.Errorf("%s filled: axe: %s", u, v)
		}
	}
}
