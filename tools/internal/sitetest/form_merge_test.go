package sitetest

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

// chooseInMerge picks, in the open merge dialog, the option whose text
// starts with prefix for the conflict whose legend is label.
func (f *formDriver) chooseInMerge(label, prefix string) {
	f.t.Helper()
	var ok bool
	f.eval(fmt.Sprintf(`(() => {
		const set = [...document.querySelectorAll("#merge-dialog fieldset")].find(s => s.querySelector("legend").textContent == %s);
		const option = set && [...set.querySelectorAll("label")].find(l => l.querySelector(".merge-option__who").textContent.startsWith(%s));
		if (!option) return false;
		option.querySelector("input").click();
		return true;
	})()`, jsString(label), jsString(prefix)), &ok)
	if !ok {
		f.t.Fatalf("the merge dialog has no option %q for %q", prefix, label)
	}
}

// TestFormMergeTwoParties: the employee fills their part on their own
// device and exports it; the manager merges the file into the
// conversation's draft. Fields only one side filled are taken; a conflict
// is shown side by side and resolved by a choice; private notes not
// allowed to leave stay home; who contributed what is recorded; merging
// the same file again changes nothing. In Dutch, with the employee's file
// made in German.
func TestFormMergeTwoParties(t *testing.T) {
	t.Parallel()
	employee := newFormDriver(t)
	employee.open(deForm)
	employee.typeInto("#draft-name", "Vorbereitung An")
	employee.eval(`(() => { const p = document.querySelector("#draft-party"); p.value = "employee"; p.dispatchEvent(new Event("change")); return true })()`, nil)
	employee.typeInto("#f-competenties", "Plannen en presenteren")
	employee.typeInto("#f-signoff-employee-reaction", "Ik wil graag een cursus presenteren.")
	employee.typeInto("#f-resultaatafspraken-1-what", "Cursus presenteren")
	employee.typeInto("#f-private-employee", "Alleen-voor-mezelf")
	employee.typeInto("#f-meta-period", "2027")
	employee.waitStored("Alleen-voor-mezelf")
	_, part := employee.exportDraft()
	if strings.Contains(string(part), "Alleen-voor-mezelf") {
		t.Fatal("the employee's private note left the device")
	}

	manager := newFormDriver(t)
	manager.open(nlForm)
	manager.typeInto("#draft-name", "Gesprek An")
	manager.typeInto("#f-meta-department", "Noord")
	manager.typeInto("#f-competenties", "Plannen")
	manager.typeInto("#f-resultaatafspraken-1-what", "Rapport opleveren")
	manager.typeInto("#f-private-employee", "Notitie-van-de-leidinggevende-in-het-vak-van-de-medewerker")
	manager.waitStored("Rapport opleveren")

	manager.upload("#merge-file", writeFile(t, "voorbereiding-an.json", part))
	manager.poll(`document.querySelector("#merge-dialog").open`)
	var legends []string
	manager.eval(`[...document.querySelectorAll("#merge-dialog legend")].map(l => l.textContent)`, &legends)
	if fmt.Sprint(legends) != "[Benodigd gedrag, kennis en vaardigheden Resultaatafspraken]" {
		t.Errorf("the conflicts shown are %q, want the competences and the agreements", legends)
	}
	var sides []string
	manager.eval(`[...document.querySelectorAll("#merge-dialog fieldset")[0].querySelectorAll(".merge-option__value")].map(v => v.textContent)`, &sides)
	if fmt.Sprint(sides) != "[Plannen Plannen en presenteren]" {
		t.Errorf("the first conflict shows %q side by side, want both values", sides)
	}
	var violations []AxeViolation
	manager.run(Axe(t, &violations))
	for _, v := range violations {
		t.Errorf("axe, with the merge dialog open: %s", v)
	}
	manager.chooseInMerge("Benodigd gedrag, kennis en vaardigheden", "Uit het bestand")
	manager.chooseInMerge("Resultaatafspraken", "Allebei")
	manager.click(`[data-merge="apply"]`)
	manager.waitStored("Ik wil graag een cursus")

	for sel, want := range map[string]string{
		"#f-competenties":              "Plannen en presenteren",
		"#f-meta-department":           "Noord",
		"#f-meta-period":               "2027",
		"#f-signoff-employee-reaction": "Ik wil graag een cursus presenteren.",
		"#f-resultaatafspraken-1-what": "Rapport opleveren",
		"#f-resultaatafspraken-2-what": "Cursus presenteren",
		"#f-private-employee":          "Notitie-van-de-leidinggevende-in-het-vak-van-de-medewerker",
	} {
		if v := manager.value(sel); v != want {
			t.Errorf("after the merge %s is %q, want %q", sel, v, want)
		}
	}
	if s := manager.text("#contributions"); !strings.Contains(s, "Vorbereitung An") || !strings.Contains(s, "Medewerker") || !strings.Contains(s, "Resultaatafspraken") {
		t.Errorf("the contributions block says %q, want who (and as which party) contributed what", s)
	}

	before := manager.ours()
	manager.upload("#merge-file", writeFile(t, "voorbereiding-an.json", part))
	manager.poll(`document.querySelector("#form-status").textContent.includes("voorbereiding-an.json")`)
	if s := manager.text("#form-status"); !strings.Contains(s, "niets") {
		t.Errorf("merging the same file again says %q, want that nothing changed", s)
	}
	var open bool
	manager.eval(`document.querySelector("#merge-dialog").open`, &open)
	if open {
		t.Errorf("merging the same file again asks again")
	}
	if after := manager.ours(); !maps.Equal(after, before) {
		t.Errorf("merging the same file again changed storage")
	}
}
