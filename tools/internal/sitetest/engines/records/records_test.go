package records

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// chooseInMerge picks, in the open merge dialog, the option whose text
// starts with prefix for the conflict whose legend is label, with a
// click as a person would.
func chooseInMerge(t *testing.T, f *sitetest.Form, label, prefix string) {
	t.Helper()
	var at []int
	f.Eval(fmt.Sprintf(`(() => {
		const sets = [...document.querySelectorAll("#merge-conflicts > fieldset")];
		const i = sets.findIndex(s => s.querySelector("legend").textContent == %s);
		const j = i < 0 ? -1 : [...sets[i].querySelectorAll(":scope > label")].findIndex(l => l.querySelector(".merge-option__who").textContent.startsWith(%s));
		return [i, j];
	})()`, sitetest.JSString(label), sitetest.JSString(prefix)), &at)
	if len(at) != 2 || at[0] < 0 || at[1] < 0 {
		t.Fatalf("the merge dialog has no option %q for %q", prefix, label)
	}
	f.Click(fmt.Sprintf("#merge-conflicts > fieldset:nth-of-type(%d) > label:nth-of-type(%d) input", at[0]+1, at[1]+1))
}

// TestMerge: the employee's file, made in German on her own device, is
// merged into the manager's Dutch draft: what only she filled is taken,
// a conflict is shown side by side in the merge dialog and settled by the
// manager's choice, and her private note stays on her device.
func TestMerge(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, employee *sitetest.Form) {
		employee.Open(sitetest.DEForm)
		employee.TypeInto("#draft-name", "Vorbereitung An")
		employee.TypeInto("#f-competenties", "Plannen en presenteren")
		employee.TypeInto("#f-signoff-employee-reaction", "Ik wil graag een cursus presenteren.")
		employee.TypeInto("#f-private-employee", "Alleen-voor-mezelf")
		employee.WaitSaved("Alleen-voor-mezelf")
		_, part := employee.ExportDraft()
		if strings.Contains(string(part), "Alleen-voor-mezelf") {
			t.Fatal("the employee's private note left the device")
		}

		manager := employee.Fresh()
		manager.Open(sitetest.NLForm)
		manager.TypeInto("#draft-name", "Gesprek An")
		manager.TypeInto("#f-meta-department", "Noord")
		manager.TypeInto("#f-competenties", "Plannen")
		manager.WaitSaved("Plannen")
		manager.Upload("#merge-file", sitetest.WriteFile(t, "voorbereiding-an.json", part))
		manager.Poll(`document.querySelector("#merge-dialog").open`)
		var legends []string
		manager.Eval(`[...document.querySelectorAll("#merge-dialog legend")].map(l => l.textContent)`, &legends)
		if fmt.Sprint(legends) != "[Benodigd gedrag, kennis en vaardigheden]" {
			t.Errorf("the conflicts shown are %q, want the competences", legends)
		}
		chooseInMerge(t, manager, "Benodigd gedrag, kennis en vaardigheden", "Uit het bestand")
		manager.Click(`[data-merge="apply"]`)
		manager.WaitSaved("Ik wil graag een cursus")
		for sel, want := range map[string]string{
			"#f-competenties":              "Plannen en presenteren",
			"#f-meta-department":           "Noord",
			"#f-signoff-employee-reaction": "Ik wil graag een cursus presenteren.",
			"#f-private-employee":          "",
		} {
			if v := manager.Value(sel); v != want {
				t.Errorf("after the merge %s is %q, want %q", sel, v, want)
			}
		}
	})
}

// shortFingerprint is the record fingerprint as the footer shows it.
var shortFingerprint = regexp.MustCompile(`(?:[0-9A-F]{4} ){4}[0-9A-F]{4}`)

// TestSignoff: the round two people make without a server
// (docs/record.md), each on their own device: the employee sends her
// part, the manager merges it, signs "agree" and sends his copy back,
// she merges it and signs "seen", and he merges her file. Both copies
// then show both signatures as current and the same record fingerprint.
func TestSignoff(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, employee *sitetest.Form) {
		setParty := func(f *sitetest.Form, role string) {
			f.Eval(fmt.Sprintf(`(() => { const p = document.querySelector("#draft-party"); p.value = %s; p.dispatchEvent(new Event("change")); return true })()`, sitetest.JSString(role)), nil)
		}
		merge := func(f *sitetest.Form, name string, body []byte) {
			f.Upload("#merge-file", sitetest.WriteFile(t, name, body))
			f.Poll(fmt.Sprintf(`document.querySelector("#form-status").textContent.includes(%s)`, sitetest.JSString(name)))
		}
		current := func(f *sitetest.Form, role string) bool {
			var ok bool
			f.Eval(fmt.Sprintf(`(() => { const p = document.querySelector("[data-party=%s]"); return !!p.querySelector("[data-sign=verdict] :checked").value && !p.hasAttribute("data-stale") })()`, role), &ok)
			return ok
		}

		employee.Open(sitetest.NLForm)
		employee.TypeInto("#draft-name", "Gesprek An 2027")
		setParty(employee, "employee")
		employee.TypeInto("#f-competenties", "Plannen – één stap per week")
		employee.WaitSaved("één stap per week")
		_, e1 := employee.ExportDraft()

		manager := employee.Fresh()
		manager.Open(sitetest.NLForm)
		manager.TypeInto("#draft-name", "Gesprek An")
		setParty(manager, "manager")
		manager.TypeInto("#f-meta-department", "Klantcontact")
		merge(manager, "an-1.json", e1)
		manager.TypeInto("#f-signoff-manager-name", "Jan de Vries")
		manager.SetValue("#f-signoff-manager-date", "2027-03-14")
		manager.Click("#f-signoff-manager-verdict-agree")
		manager.Poll(`document.querySelector('[name="signoff.manager.seal"]').value.length == 64`)
		manager.WaitSaved(`"signoff.manager.verdict":"agree"`)
		_, m1 := manager.ExportDraft()

		merge(employee, "jan-1.json", m1)
		if !current(employee, "manager") {
			t.Errorf("in the employee's copy the manager's signature is not current: %s", employee.Text("[data-party=manager] [data-sign-state]"))
		}
		employee.TypeInto("#f-signoff-employee-name", "An Jansen")
		employee.Click("#f-signoff-employee-verdict-seen")
		employee.Poll(`document.querySelector('[name="signoff.employee.seal"]').value.length == 64`)
		employee.WaitSaved(`"signoff.employee.verdict":"seen"`)
		_, e2 := employee.ExportDraft()

		merge(manager, "an-2.json", e2)
		manager.WaitSaved(`"signoff.employee.verdict":"seen"`)
		fps := map[string]string{}
		for who, f := range map[string]*sitetest.Form{"manager": manager, "employee": employee} {
			for _, role := range []string{"manager", "employee"} {
				if !current(f, role) {
					t.Errorf("in the %s's copy the %s's signature is not current: %s", who, role, f.Text("[data-party="+role+"] [data-sign-state]"))
				}
			}
			fps[who] = shortFingerprint.FindString(f.Text("#record-footer"))
		}
		if fps["manager"] == "" || fps["manager"] != fps["employee"] {
			t.Errorf("the copies show record fingerprints %q, want one and the same", fps)
		}
	})
}
