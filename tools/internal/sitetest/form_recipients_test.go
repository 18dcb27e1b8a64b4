package sitetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestFormRecipients: what goes where (docs/record.md, section 8). In the
// appraisal, the conclusion and the sign-off go to the personnel file,
// the follow-up agreements to HR development's notice; the employee's own
// look back goes to neither. The personnel file's export holds only its
// fields and the sign-off, the HR notice's export and printout only the
// conversation's date and HR's fields, and the printout says what it is.
// In both languages.
func TestFormRecipients(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"/gesprekken/beoordelingsgesprek/formulier/", "/de/gespraeche/beurteilungsgespraech/formular/"} {
		f := newFormDriver(t)
		f.open(u)
		f.setValue("#f-meta-date", "2027-03-14")
		f.typeInto("#f-toelichting", "Conclusie-voor-het-dossier")
		f.typeInto("#f-eigen-terugblik", "Eigen-terugblik-blijft-bij-ons")
		f.typeInto("#f-vervolgafspraken-1-what", "Cursus-voor-HR")
		f.typeInto("#f-signoff-manager-name", "Jan de Vries")
		f.click("#f-signoff-manager-verdict-agree")
		f.poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
		f.waitSaved("Cursus-voor-HR")

		keysOf := func(action string) (map[string]any, string) {
			t.Helper()
			f.reveal(`[data-action="` + action + `"]`)
			f.click(`[data-action="` + action + `"]`)
			name, body := f.DL.Next(t)
			var doc struct {
				Kind   string         `json:"kind"`
				Values map[string]any `json:"values"`
			}
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatalf("%s: %s: %v", u, name, err)
			}
			return doc.Values, doc.Kind
		}
		file, kind := keysOf("export-file")
		if kind != "personnel-file" {
			t.Errorf("%s: the personnel file's export is of kind %q", u, kind)
		}
		for _, k := range []string{"toelichting", "signoff.manager.verdict", "signoff.manager.name", "meta.date"} {
			if _, ok := file[k]; !ok {
				t.Errorf("%s: the personnel file's export lacks %s", u, k)
			}
		}
		for _, k := range []string{"eigen-terugblik", "vervolgafspraken", "signoff.manager.seal"} {
			if _, ok := file[k]; ok {
				t.Errorf("%s: the personnel file's export holds %s", u, k)
			}
		}
		hr, kind := keysOf("export-hr")
		keys := make([]string, 0, len(hr))
		for k := range hr {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if kind != "hr-notice" || !slices.Contains(keys, "vervolgafspraken") || slices.ContainsFunc(keys, func(k string) bool {
			return k == "toelichting" || k == "eigen-terugblik" || strings.HasPrefix(k, "signoff.")
		}) {
			t.Errorf("%s: the HR notice (%s) holds %q, want the date, the participants and the follow-up agreements only", u, kind, keys)
		}

		// The printout: the action prints with html[data-print=hr].
		var mode string
		f.eval(`(() => { window.print = () => { window.printedAs = document.documentElement.dataset.print; }; return true })()`, nil)
		f.click(`[data-action="print-hr"]`)
		f.poll(`window.printedAs !== undefined`)
		f.eval(`window.printedAs`, &mode)
		if mode != "hr" {
			t.Fatalf("%s: the HR notice prints as %q", u, mode)
		}
		f.eval(`document.documentElement.dataset.print = "hr"`, nil)
		var pdf []byte
		f.run(PrintA4(&pdf))
		text := strings.Join(strings.Fields(PDFText(t, pdf)), " ")
		for _, want := range []string{"Cursus-voor-HR"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the HR notice's printout lacks %q", u, want)
			}
		}
		for _, never := range []string{"Conclusie-voor-het-dossier", "Eigen-terugblik-blijft-bij-ons", "Jan de Vries"} {
			if strings.Contains(text, never) {
				t.Errorf("%s: the HR notice's printout shows %q", u, never)
			}
		}
		if !strings.Contains(text, "HR") && !strings.Contains(text, "Personalentwicklung") {
			t.Errorf("%s: the HR notice's printout does not say what it is:\n%s", u, text)
		}
	}
}
