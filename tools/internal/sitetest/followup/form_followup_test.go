package followup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormFollowUpIntoAnotherMethod: from the planning conversation a
// follow-up starts in another method of the cycle with the same parties
// (whichever the content has; the form offers them): that method's form
// opens the new draft with the dates, unit, period and participants, and
// last time's agreements with their status. In both languages.
func TestFormFollowUpIntoAnotherMethod(t *testing.T) {
	t.Parallel()
	for _, form := range []string{sitetest.NLForm, sitetest.DEForm} {
		f := newFormDriver(t)
		f.Open(form)
		var targets [][2]string
		f.Eval(`[...document.querySelectorAll("#follow-method option")].filter(o => !o.selected).map(o => [o.value, o.textContent])`, &targets)
		if len(targets) == 0 {
			t.Fatalf("%s: the form offers no other method to follow up in", form)
		}
		to := targets[0]
		f.TypeInto("#draft-name", "Jaar 2026")
		f.SetValue("#f-meta-date", "2026-01-20")
		f.SetValue("#f-meta-next", "2026-06-15")
		f.TypeInto("#f-meta-department", "Team Noord")
		f.TypeInto("#f-meta-period", "2026")
		f.TypeInto("#f-meta-participants-1-name", "Jan de Vries")
		f.TypeInto("#f-meta-participants-2-name", "An Jansen")
		f.TypeInto("#f-resultaatafspraken-1-what", "Rapport opleveren")
		f.TypeInto("#f-resultaatafspraken-1-who", "An")
		f.SetValue("#f-resultaatafspraken-1-due", "2026-05-01")
		f.Click("#f-resultaatafspraken-1-done")
		f.TypeInto("#f-ontwikkelafspraken-1-what", "Cursus plannen")
		f.WaitStored("Cursus plannen")

		f.Reveal("#follow-method")
		f.Eval(fmt.Sprintf(`(() => { document.querySelector("#follow-method").value = %s; return true })()`, sitetest.JSString(to[0])), nil)
		f.Click(`[data-action="follow"]`)
		f.AfterNavigation(fmt.Sprintf(`document.querySelector("#gw-config") && JSON.parse(document.querySelector("#gw-config").textContent).method == %s && document.documentElement.hasAttribute("data-js") && document.querySelector("#draft-name").value != ""`, sitetest.JSString(to[0])))
		if v := f.Value("#draft-name"); !strings.Contains(v, "Jaar 2026") {
			t.Errorf("%s → %s: the follow-up draft is called %q", form, to[1], v)
		}
		for sel, want := range map[string]string{
			"#f-meta-previous": "2026-01-20", "#f-meta-date": "2026-06-15", "#f-meta-next": "",
			"#f-meta-department": "Team Noord", "#f-meta-period": "2026",
			"#f-meta-participants-1-name": "Jan de Vries", "#f-meta-participants-2-name": "An Jansen",
			"#f-meta-review-1-what": "Rapport opleveren", "#f-meta-review-1-who": "An", "#f-meta-review-1-due": "2026-05-01", "#f-meta-review-1-status": "achieved",
			"#f-meta-review-2-what": "Cursus plannen", "#f-meta-review-2-status": "",
		} {
			if v := f.Value(sel); v != want {
				t.Errorf("%s → %s: %s is %q, want %q", form, to[1], sel, v, want)
			}
		}
		// The status is set here, for each agreement of last time.
		f.Eval(`(() => { const s = document.querySelector("#f-meta-review-2-status"); s.value = "partly"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`, nil)
		f.WaitStored(`"status":"partly"`)
	}
}
