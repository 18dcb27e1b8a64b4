package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// fingerprintHex is a seal as the page keeps it: SHA-256 in hex.
var fingerprintHex = regexp.MustCompile(`^[0-9a-f]{64}$`)

var printedFingerprint = regexp.MustCompile(`(?:Vingerafdruk van het verslag met de handtekeningen|Fingerabdruck des Protokolls mit den Unterschriften): ((?:[0-9A-F]{4} ){4}[0-9A-F]{4})`)

// shortFingerprint finds the short record fingerprint in a text.
var shortFingerprint = regexp.MustCompile(`(?:[0-9A-F]{4} ){4}[0-9A-F]{4}`)

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

// footerFingerprint is the record fingerprint the footer shows on screen.
func (f *formDriver) footerFingerprint() string {
	f.t.Helper()
	return shortFingerprint.FindString(f.text("#record-footer"))
}

// setParty says who fills in the form on this device.
func (f *formDriver) setParty(role string) {
	f.t.Helper()
	f.eval(fmt.Sprintf(`(() => { const p = document.querySelector("#draft-party"); p.value = %s; p.dispatchEvent(new Event("change")); return true })()`, jsString(role)), nil)
}

// mergeFile merges a file into the open draft and waits until it is done.
func (f *formDriver) mergeFile(name string, body []byte) {
	f.t.Helper()
	f.upload("#merge-file", writeFile(f.t, name, body))
	f.poll(fmt.Sprintf(`document.querySelector("#form-status").textContent.includes(%s)`, jsString(name)))
}

// signatureState reports a party's signature as the page shows it:
// whether it is current, and the text beside it.
func (f *formDriver) signatureState(role string) (current bool, text string) {
	f.t.Helper()
	sel := fmt.Sprintf("[data-party=%s]", role)
	f.eval(fmt.Sprintf(`(() => { const p = document.querySelector(%s); return !!p.querySelector("[data-sign=verdict] :checked").value && !p.hasAttribute("data-stale") })()`, jsString(sel)), &current)
	return current, f.text(sel + " [data-sign-state]")
}

// TestFormSignoffTwoParties: the round two people make without a server
// (docs/record.md). The employee prepares her part and sends it (file 1
// to the manager); the manager merges it, fills in his part, signs
// "agree" and sends his copy back (file 1 to the employee); she merges
// it, signs "seen" and only then writes her reaction, and sends it
// (file 2 to the manager), which he merges. Two exchanges from the
// employee, one from the manager: at the end both copies show both
// signatures as current and the same record fingerprint, on screen and
// on paper. A file whose verdict, name or date was edited by hand shows
// another fingerprint. Once with the manager in Dutch and the employee
// in German, once the other way round.
func TestFormSignoffTwoParties(t *testing.T) {
	t.Parallel()
	for _, langs := range [][2]string{{nlForm, deForm}, {deForm, nlForm}} {
		t.Run(langs[0][1:3], func(t *testing.T) {
			t.Parallel()
			twoPartyRound(t, langs[0], langs[1])
		})
	}
}

func twoPartyRound(t *testing.T, managerForm, employeeForm string) {
	employee := newFormDriver(t)
	employee.open(employeeForm)
	employee.typeInto("#draft-name", "Gesprek An 2027")
	employee.setParty("employee")
	employee.typeInto("#f-competenties", "Plannen – één stap per week")
	employee.typeInto("#f-resultaatafspraken-1-what", "Cursus presenteren")
	employee.waitStored("Cursus presenteren")
	_, e1 := employee.exportDraft()

	manager := newFormDriver(t)
	manager.open(managerForm)
	manager.typeInto("#draft-name", "Gesprek An")
	manager.setParty("manager")
	manager.setValue("#f-meta-date", "2027-03-14")
	manager.typeInto("#f-meta-department", "Klantcontact")
	manager.mergeFile("an-1.json", e1)
	manager.typeInto("#f-signoff-manager-name", "Jan de Vries")
	manager.setValue("#f-signoff-manager-date", "2027-03-14")
	manager.click("#f-signoff-manager-verdict-agree")
	manager.poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
	manager.waitSaved(`"signoff.manager.verdict":"agree"`)
	_, m1 := manager.exportDraft()

	employee.mergeFile("jan-1.json", m1)
	if ok, s := employee.signatureState("manager"); !ok {
		t.Errorf("in the employee's copy the manager's signature says %q, want it current", s)
	}
	employee.typeInto("#f-signoff-employee-name", "An Jansen")
	employee.click("#f-signoff-employee-verdict-seen")
	employee.poll(`document.querySelector('[name="signoff.employee.seal"]').value.length == 64`)
	// the reaction after the verdict: it withdraws nothing
	employee.typeInto("#f-signoff-employee-reaction", "Gezien; de planning is krap.")
	employee.waitSaved("de planning is krap")
	_, e2 := employee.exportDraft()

	manager.mergeFile("an-2.json", e2)
	manager.waitSaved("de planning is krap")
	fps := map[string]string{}
	for who, f := range map[string]*formDriver{"manager": manager, "employee": employee} {
		for _, role := range []string{"manager", "employee"} {
			if ok, s := f.signatureState(role); !ok {
				t.Errorf("in the %s's copy the %s's signature says %q, want it current", who, role, s)
			}
		}
		if s := f.text("#form-alert"); s != "" {
			t.Errorf("the %s's page says %q, want no warning", who, s)
		}
		fps[who] = f.footerFingerprint()
	}
	if fps["manager"] == "" || fps["manager"] != fps["employee"] {
		t.Errorf("the copies show record fingerprints %q, want one and the same", fps)
	}
	if paper := manager.fingerprintOnPaper(); paper != fps["manager"] {
		t.Errorf("the manager's printout carries fingerprint %q, the screen %q", paper, fps["manager"])
	}
	if !regexp.MustCompile(`"fingerprint": "[0-9a-f]{64}"`).Match(e2) {
		t.Errorf("the export does not carry the fingerprint:\n%s", e2)
	}

	// Forgery: a file edited by hand shows another record fingerprint.
	_, final := manager.exportDraft()
	for i, forge := range [][2]string{
		{`"signoff.manager.verdict": "agree"`, `"signoff.manager.verdict": "seen"`},
		{`"signoff.employee.name": "An Jansen"`, `"signoff.employee.name": "An de Vries"`},
		{`"signoff.manager.date": "2027-03-14"`, `"signoff.manager.date": "2027-03-15"`},
	} {
		forged := strings.Replace(string(final), forge[0], forge[1], 1)
		if forged == string(final) {
			t.Fatalf("the export has no %s to forge:\n%s", forge[0], final)
		}
		// each file its own name: the wait below is for this import,
		// not satisfied already by the one before
		name := fmt.Sprintf("vervalst-%d.json", i+1)
		employee.upload("#import-file", writeFile(t, name, []byte(forged)))
		employee.poll(fmt.Sprintf(`document.querySelector("#form-status").textContent.includes(%s)`, jsString(name)))
		employee.poll(`/([0-9A-F]{4} ){4}[0-9A-F]{4}/.test(document.querySelector("#record-footer").textContent)`)
		if got := employee.footerFingerprint(); got == fps["manager"] {
			t.Errorf("a file with %s shows the true copy's fingerprint %q", forge[1], got)
		}
	}
}

// TestFormSignoffRating: on every form with a rating (the appraisal, in
// each language) the rating is part of what the parties sign. Both sign
// before a rating is chosen; the reload keeps both signatures and shows
// no leftover of an earlier version (a rating with nothing chosen fits
// the form). Choosing a rating afterwards withdraws both signatures: the
// entries stay as signed and show that they no longer hold; each party
// signs again ("sign again"), the reload keeps them, and choosing another
// level withdraws them again.
func TestFormSignoffRating(t *testing.T) {
	t.Parallel()
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
		withdrawn := func(when string, sealed map[string]string) {
			t.Helper()
			f.poll(`document.querySelectorAll("#gw-form [data-party][data-stale]").length == document.querySelectorAll("#gw-form [data-party]").length`)
			if got := f.seals(); !maps.Equal(got, sealed) {
				t.Errorf("%s, %s: the entries' seals are %q, want them as signed (%q): an entry stays as its owner left it", u, when, got, sealed)
			}
			for _, party := range parties {
				if ok, s := f.signatureState(party); ok {
					t.Errorf("%s, %s: the %s's signature says %q, want it no longer current", u, when, party, s)
				}
			}
			if s := f.text("#form-alert"); s == "" {
				t.Errorf("%s, %s: the withdrawal is not announced", u, when)
			}
		}
		renew := func() map[string]string {
			t.Helper()
			for _, party := range parties {
				f.click(fmt.Sprintf("[data-party=%s] [data-sign=renew]", party))
			}
			f.poll(`document.querySelectorAll("#gw-form [data-party][data-stale]").length == 0`)
			sealed := f.seals()
			f.waitSaved(sealed[parties[0]])
			return sealed
		}
		first := sign("without a rating")
		holds("signed without a rating", first)
		choose(levels.First())
		withdrawn("after choosing a rating", first)
		sealed := renew()
		if maps.Equal(sealed, first) {
			t.Errorf("%s: signing again sealed the old content", u)
		}
		holds("signed again with a rating", sealed)
		choose(levels.Last())
		withdrawn("after choosing another rating", sealed)
	}
	if tested == 0 {
		t.Fatal("no form has a rating field: this test covers nothing")
	}
}

// TestFormSignoffWithoutWebCrypto: a page on a plain-HTTP intranet has no
// Web Crypto. The same signature there seals the same content
// fingerprint as in a browser that has it, and the footer shows the
// record fingerprint: SHA-256 comes from the fallback module.
func TestFormSignoffWithoutWebCrypto(t *testing.T) {
	t.Parallel()
	sealIn := func(f *formDriver) (string, string) {
		f.open(nlForm)
		f.typeInto("#f-meta-department", "Zonder crypto")
		f.typeInto("#f-signoff-manager-name", "Jan de Vries")
		f.click("#f-signoff-manager-verdict-agree")
		f.poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
		f.poll(`/([0-9A-F]{4} ){4}[0-9A-F]{4}/.test(document.querySelector("#record-footer").textContent)`)
		return f.seals()["manager"], f.footerFingerprint()
	}
	with := newFormDriver(t)
	want, wantFooter := sealIn(with)
	without := newFormDriver(t)
	without.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`Object.defineProperty(globalThis, "crypto", { value: undefined })`).Do(ctx)
		return err
	}))
	var subtle bool
	without.open(nlForm)
	without.eval(`!!globalThis.crypto?.subtle`, &subtle)
	if subtle {
		t.Fatal("the page still has Web Crypto: this test covers nothing")
	}
	got, footer := sealIn(without)
	if got != want || footer != wantFooter {
		t.Errorf("without Web Crypto the seal is %q and the footer %q, want %q and %q as with it", got, footer, want, wantFooter)
	}
}

// TestFormImportWithoutWebCrypto: a file of format 1 is read as format 2
// on import (its seals are fingerprinted again, lib/signature.js), also on
// a page without Web Crypto. The tools once bundled a copy of
// lib/fingerprint.js of their own, which was never told where the
// SHA-256 fallback is (that is the sign-off's: issue 20), so there such
// an import failed without a word.
func TestFormImportWithoutWebCrypto(t *testing.T) {
	t.Parallel()
	with := newFormDriver(t)
	with.open(nlForm)
	with.typeInto("#draft-name", "Formaat een")
	with.typeInto("#f-meta-department", "Zonder crypto")
	with.typeInto("#f-signoff-manager-name", "Jan de Vries")
	with.click("#f-signoff-manager-verdict-agree")
	with.poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
	with.waitSaved(`"signoff.manager.verdict":"agree"`)
	name, body := with.exportDraft()
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	doc["format"] = 1
	old, _ := json.Marshal(doc)

	without := newFormDriver(t)
	without.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`Object.defineProperty(globalThis, "crypto", { value: undefined })`).Do(ctx)
		return err
	}))
	without.open(nlForm)
	without.upload("#import-file", WriteFile(t, name, old))
	if s := without.TextWhen("#form-status", "geopend als nieuw concept"); !strings.Contains(s, name) {
		t.Fatalf("importing a format-1 file without Web Crypto says %q", s)
	}
	without.poll(`document.querySelector("#f-meta-department").value == "Zonder crypto"`)
	if current, state := without.signatureState("manager"); !current {
		t.Errorf("imported without Web Crypto, the manager's signature is not current: %s", state)
	}
}
