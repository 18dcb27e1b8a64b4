package sitetest

import (
	"regexp"
	"strings"
	"testing"
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
	if s := employee.text("#form-alert"); !strings.Contains(s, "erloschen") {
		t.Errorf("the withdrawal is announced as %q", s)
	}
	if fp := employee.fingerprintOnPaper(); fp != "" {
		t.Errorf("after the withdrawal the printout still carries fingerprint %q", fp)
	}
}
