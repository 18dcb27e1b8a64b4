package sitetest

import (
	"fmt"
	"strings"
	"testing"
)

// TestFormFollowUpIntoAnotherMethod: from the planning conversation a
// follow-up starts in another method of the cycle with the same parties
// (whichever the content has; the form offers them): that method's form
// opens the new draft with the dates, unit, period and participants, and
// last time's agreements with their status. In both languages.
func TestFormFollowUpIntoAnotherMethod(t *testing.T) {
	for _, form := range []string{nlForm, deForm} {
		f := newFormDriver(t)
		f.open(form)
		var targets [][2]string
		f.eval(`[...document.querySelectorAll("#follow-method option")].filter(o => !o.selected).map(o => [o.value, o.textContent])`, &targets)
		if len(targets) == 0 {
			t.Fatalf("%s: the form offers no other method to follow up in", form)
		}
		to := targets[0]
		f.typeInto("#draft-name", "Jaar 2026")
		f.setValue("#f-meta-date", "2026-01-20")
		f.setValue("#f-meta-next", "2026-06-15")
		f.typeInto("#f-meta-department", "Team Noord")
		f.typeInto("#f-meta-period", "2026")
		f.typeInto("#f-meta-participants-1-name", "Jan de Vries")
		f.typeInto("#f-meta-participants-2-name", "An Jansen")
		f.typeInto("#f-resultaatafspraken-1-what", "Rapport opleveren")
		f.typeInto("#f-resultaatafspraken-1-who", "An")
		f.setValue("#f-resultaatafspraken-1-due", "2026-05-01")
		f.click("#f-resultaatafspraken-1-done")
		f.typeInto("#f-ontwikkelafspraken-1-what", "Cursus plannen")
		f.waitStored("Cursus plannen")

		f.reveal("#follow-method")
		f.eval(fmt.Sprintf(`(() => { document.querySelector("#follow-method").value = %s; return true })()`, jsString(to[0])), nil)
		f.click(`[data-action="follow"]`)
		f.afterNavigation(fmt.Sprintf(`document.querySelector("#gw-config") && JSON.parse(document.querySelector("#gw-config").textContent).method == %s && document.documentElement.hasAttribute("data-js") && document.querySelector("#draft-name").value != ""`, jsString(to[0])))
		if v := f.value("#draft-name"); !strings.Contains(v, "Jaar 2026") {
			t.Errorf("%s → %s: the follow-up draft is called %q", form, to[1], v)
		}
		for sel, want := range map[string]string{
			"#f-meta-previous": "2026-01-20", "#f-meta-date": "2026-06-15", "#f-meta-next": "",
			"#f-meta-department": "Team Noord", "#f-meta-period": "2026",
			"#f-meta-participants-1-name": "Jan de Vries", "#f-meta-participants-2-name": "An Jansen",
			"#f-meta-review-1-what": "Rapport opleveren", "#f-meta-review-1-who": "An", "#f-meta-review-1-due": "2026-05-01", "#f-meta-review-1-status": "achieved",
			"#f-meta-review-2-what": "Cursus plannen", "#f-meta-review-2-status": "",
		} {
			if v := f.value(sel); v != want {
				t.Errorf("%s → %s: %s is %q, want %q", form, to[1], sel, v, want)
			}
		}
		// The status is set here, for each agreement of last time.
		f.eval(`(() => { const s = document.querySelector("#f-meta-review-2-status"); s.value = "partly"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, nil)
		f.waitStored(`"status":"partly"`)
	}
}
