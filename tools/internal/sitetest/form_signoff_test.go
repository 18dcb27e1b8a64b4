package sitetest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// fingerprintHex is a seal as the page keeps it: SHA-256 in hex.
var fingerprintHex = regexp.MustCompile(`^[0-9a-f]{64}$`)

var printedFingerprint = regexp.MustCompile(`(?:Vingerafdruk van de ondertekende inhoud|Fingerabdruck des unterschriebenen Inhalts): ((?:[0-9A-F]{4} ){4}[0-9A-F]{4})`)

// fingerprintOnPaper prints the form and returns the fingerprint in the
// record's footer ("" if there is none).
func (f *formDriver) fingerprintOnPaper() string {
	f.t.Helper()
	var pdf []byte
	f.run(PrintA4(&pdf))
	text := strings.Join(strings.Fields(PDFText(f.t, pdf)), " ")
	if m := printedFingerprint.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// TestFormSignoffFingerprint: the manager fills in and signs ("agree") in
// the Dutch form and exports; the employee, in another browser, opens the
// file in the German form and signs ("seen"). Both printouts carry the
// same fingerprint in the footer, and the manager's signature holds in
// the employee's copy. Changing a value afterwards withdraws both
// signatures, says so, and the printout no longer carries a fingerprint.
func TestFormSignoffFingerprint(t *testing.T) {
	manager := newFormDriver(t)
	manager.open(nlForm)
	manager.typeInto("#draft-name", "Gesprek An 2027")
	manager.setValue("#f-meta-date", "2027-03-14")
	manager.typeInto("#f-meta-department", "Klantcontact")
	manager.typeInto("#f-competenties", "Plannen – één stap per week")
	manager.typeInto("#f-resultaatafspraken-1-what", "Wachttijd halveren")
	manager.typeInto("#f-signoff-employee-reaction", "Eens, maar de planning is krap.")
	manager.typeInto("#f-private-manager", "Niet-in-de-vingerafdruk")
	manager.typeInto("#f-signoff-manager-name", "Jan de Vries")
	manager.click("#f-signoff-manager-verdict-agree")
	manager.poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
	manager.waitStored(`"signoff.manager.verdict":"agree"`)
	if s := manager.text("[data-party=manager] [data-sign-state]"); !strings.Contains(s, "Getekend") {
		t.Errorf("the manager's sign-off says %q, want that it is signed", s)
	}
	_, file := manager.exportDraft()
	if !regexp.MustCompile(`"fingerprint": "[0-9a-f]{64}"`).Match(file) {
		t.Errorf("the export does not carry the fingerprint:\n%s", file)
	}
	mine := manager.fingerprintOnPaper()
	if mine == "" {
		t.Fatal("the manager's printout has no fingerprint in its footer")
	}

	employee := newFormDriver(t)
	employee.open(deForm)
	employee.upload("#import-file", writeFile(t, "gesprek-an.json", file))
	employee.waitStored("Gesprek An 2027")
	employee.typeInto("#f-signoff-employee-name", "An Jansen")
	employee.click("#f-signoff-employee-verdict-seen")
	employee.poll(`document.querySelector('[name="signoff.employee.seal"]').value.length == 64`)
	if s := employee.text("[data-party=manager] [data-sign-state]"); !strings.Contains(s, "Unterschrieben") {
		t.Errorf("in the employee's copy the manager's signature says %q, want it to hold", s)
	}
	theirs := employee.fingerprintOnPaper()
	if theirs != mine {
		t.Errorf("the printouts carry different fingerprints: manager %q, employee %q", mine, theirs)
	}

	// A change after sign-off withdraws both signatures.
	employee.typeInto("#f-meta-department", "Klantcontact Zuid")
	employee.poll(`document.querySelector('[name="signoff.employee.seal"]').value == ""`)
	for _, role := range []string{"manager", "employee"} {
		var verdict string
		employee.eval(`document.querySelector('[name="signoff.`+role+`.verdict"]:checked').value`, &verdict)
		if verdict != "" {
			t.Errorf("after a change the %s's verdict is still %q", role, verdict)
		}
	}
	if s := employee.text("#form-alert"); !strings.Contains(s, "ungültig") {
		t.Errorf("the withdrawal is announced as %q", s)
	}
	if fp := employee.fingerprintOnPaper(); fp != "" {
		t.Errorf("after the withdrawal the printout still carries fingerprint %q", fp)
	}
}

// TestFormSignoffRating: on every form with a rating (the appraisal, in
// each language) the rating is part of what the parties sign. Both sign
// before a rating is chosen; the reload keeps both signatures and shows
// no leftover of an earlier version (a rating with nothing chosen fits
// the form). Choosing a rating afterwards withdraws both signatures; they
// sign again, the reload keeps them, and choosing another level withdraws
// them again.
func TestFormSignoffRating(t *testing.T) {
	forms := formPages(t)
	f := newFormDriver(t)
	tested := 0
	for _, u := range slices.Sorted(maps.Keys(forms)) {
		p := forms[u]
		rating := p.Doc.Find("#gw-form .field--rating").First()
		if rating.Length() == 0 {
			continue
		}
		tested++
		levels := rating.Find("input[type=radio]")
		parties := p.Doc.Find("#gw-form [data-party]").Map(func(_ int, s *goquery.Selection) string {
			return s.AttrOr("data-party", "")
		})
		if levels.Length() < 2 || len(parties) < 2 {
			t.Fatalf("%s: %d rating levels and %d parties; this test needs two of each", u, levels.Length(), len(parties))
		}
		// choose picks a level as a person does, and waits until the
		// autosave has stored it (the seal is brought in line before).
		choose := func(level *goquery.Selection) {
			t.Helper()
			f.click("#" + level.AttrOr("id", ""))
			f.waitSaved(fmt.Sprintf(`%s:%s`, jsString(level.AttrOr("name", "")), jsString(level.AttrOr("value", ""))))
		}

		f.open(u)
		f.click(`[data-action="new"]`)
		f.typeInto("#f-meta-department", "Afdeling Noord "+u)
		sign := func(when string) map[string]string {
			t.Helper()
			for _, party := range parties {
				f.click(fmt.Sprintf("#f-signoff-%s-verdict-agree", party))
			}
			f.poll(`[...document.querySelectorAll("#gw-form [data-sign=seal]")].every(s => s.value.length == 64)`)
			sealed := f.seals()
			f.waitSaved(sealed[parties[0]])
			for party, seal := range sealed {
				if !fingerprintHex.MatchString(seal) {
					t.Errorf("%s, %s: the %s's seal is %q, want a SHA-256 fingerprint", u, when, party, seal)
				}
			}
			return sealed
		}
		holds := func(when string, sealed map[string]string) {
			t.Helper()
			f.reload()
			f.sealChecked(p)
			if got := f.seals(); !maps.Equal(got, sealed) {
				t.Errorf("%s, %s: after reload the seals are %q, want them as signed: %q", u, when, got, sealed)
			}
			if s := f.text("#form-alert"); s != "" {
				t.Errorf("%s, %s: after reload the page says %q, want nothing", u, when, s)
			}
			var leftover bool
			f.eval(`!document.querySelector("#earlier").hidden`, &leftover)
			if leftover {
				t.Errorf("%s, %s: after reload the page lists values of an earlier version: %q", u, when, f.text("#earlier"))
			}
		}
		withdrawn := func(when string) {
			t.Helper()
			if got := f.seals(); slices.ContainsFunc(slices.Collect(maps.Values(got)), func(s string) bool { return s != "" }) {
				t.Errorf("%s, %s: the seals are still %q, want them withdrawn", u, when, got)
			}
			for _, party := range parties {
				var verdict string
				f.eval(fmt.Sprintf(`document.querySelector('[name="signoff.%s.verdict"]:checked').value`, party), &verdict)
				if verdict != "" {
					t.Errorf("%s, %s: the %s's verdict is still %q", u, when, party, verdict)
				}
			}
			if s := f.text("#form-alert"); s == "" {
				t.Errorf("%s, %s: the withdrawal is not announced", u, when)
			}
		}

		holds("signed without a rating", sign("without a rating"))
		choose(levels.First())
		withdrawn("after choosing a rating")
		sealed := sign("with a rating")
		holds("signed with a rating", sealed)
		choose(levels.Last())
		withdrawn("after choosing another rating")
	}
	if tested == 0 {
		t.Fatal("no form has a rating field: this test covers nothing")
	}
}
