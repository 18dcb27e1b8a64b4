package engines

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestDraftReload: what a person types into a form (the draft's name, a
// line, a long text, a cell of the agreements table) is saved as she
// types and is all there again after a reload.
func TestDraftReload(t *testing.T) {
	each(t, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		want := map[string]string{
			"#draft-name":                  "Gesprek met Fatma",
			"#f-meta-department":           "Klantcontact – één team",
			"#f-competenties":              "Plannen en prioriteren; Grüße aus Köln",
			"#f-resultaatafspraken-1-what": "Wachttijd halveren",
		}
		for _, sel := range []string{"#draft-name", "#f-meta-department", "#f-competenties", "#f-resultaatafspraken-1-what"} {
			f.TypeInto(sel, want[sel])
		}
		f.WaitSaved("Wachttijd halveren")
		f.Reload()
		for sel, v := range want {
			if got := f.Value(sel); got != v {
				t.Errorf("after a reload %s holds %q, want %q", sel, got, v)
			}
		}
	})
}
