package drafts

import (
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormTwoTabs: two tabs of one browser on one draft. Alternate edits
// of different fields all survive a reload of either tab; on the same
// field the later edit wins and the tab whose edit lost says so; a draft
// deleted in one tab is not brought back by the other, in both languages.
func TestFormTwoTabs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ form, other, field, deleted string }{
		{sitetest.NLForm, "ander tabblad", "Afdeling of eenheid", "ander tabblad verwijderd"},
		{sitetest.DEForm, "anderen Tab", "Abteilung oder Bereich", "anderen Tab gelöscht"},
	} {
		one := newFormDriver(t)
		one.Open(c.form)
		one.TypeInto("#draft-name", "Twee tabbladen")
		one.WaitStored("Twee tabbladen")
		two := one.NewTab()
		two.Open(c.form)
		if v := two.Value("#draft-name"); v != "Twee tabbladen" {
			t.Fatalf("%s: the second tab opened %q, want the same draft", c.form, v)
		}

		edits := []struct {
			tab      *sitetest.Form
			sel, val string
		}{
			{one, "#f-meta-department", "Afdeling uit tab 1"},
			{two, "#f-meta-period", "Periode uit tab 2"},
			{one, "#f-competenties", "Competenties uit tab 1"},
			{two, "#f-resultaatafspraken-1-what", "Afspraak uit tab 2"},
			{one, "#f-vastlegger", "Vastlegger uit tab 1"},
		}
		for i, e := range edits {
			e.tab.TypeInto(e.sel, e.val)
			e.tab.WaitStored(e.val)
			// The other tab shows it before it edits something else.
			other := map[*sitetest.Form]*sitetest.Form{one: two, two: one}[e.tab]
			other.WaitValue(e.sel, e.val)
			if i > 0 {
				prev := edits[i-1]
				other.WaitValue(prev.sel, prev.val)
			}
		}
		for _, tab := range []*sitetest.Form{one, two} {
			tab.Reload()
			for _, e := range edits {
				if v := tab.Value(e.sel); v != e.val {
					t.Errorf("%s: after a reload %s is %q, want %q: an edit in the other tab was lost", c.form, e.sel, v, e.val)
				}
			}
		}

		// The same field in both: the later edit wins, and the tab whose
		// edit was replaced says so, naming the field.
		one.TypeInto("#f-meta-department", "Eerst in tab 1")
		one.WaitStored("Eerst in tab 1")
		two.WaitValue("#f-meta-department", "Eerst in tab 1")
		two.TypeInto("#f-meta-department", "Later in tab 2")
		two.WaitStored("Later in tab 2")
		one.WaitValue("#f-meta-department", "Later in tab 2")
		if s := one.Text("#form-status"); !strings.Contains(s, c.other) || !strings.Contains(s, c.field) {
			t.Errorf("%s: the tab whose edit was replaced says %q, want it to name %q and %q", c.form, s, c.other, c.field)
		}
		one.Reload()
		if v := one.Value("#f-meta-department"); v != "Later in tab 2" {
			t.Errorf("%s: after both edited the department it is %q, want the later edit", c.form, v)
		}

		// A delete in one tab stays: the other tab's typing does not undo it.
		one.Click(`[data-action="delete"]`)
		one.Confirm(true)
		two.Poll(`document.querySelector("#draft-name").value != "Twee tabbladen"`)
		if s := two.Text("#form-status"); !strings.Contains(s, c.deleted) {
			t.Errorf("%s: the other tab says %q after the delete, want %q", c.form, s, c.deleted)
		}
		two.TypeInto("#f-meta-department", "Nog even typen")
		two.WaitStored("Nog even typen")
		for k, v := range two.Storage() {
			if strings.Contains(v, "Twee tabbladen") && !strings.Contains(v, `"deletedAt"`) {
				t.Errorf("%s: the deleted draft came back under %s", c.form, k)
			}
		}
		one.Reload()
		var names []string
		one.Eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &names)
		for _, n := range names {
			if n == "Twee tabbladen" {
				t.Errorf("%s: the deleted draft is listed again: %q", c.form, names)
			}
		}
	}
}
