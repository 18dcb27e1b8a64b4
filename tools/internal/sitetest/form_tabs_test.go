package sitetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// waitValue waits until a field shows a value (a change from another tab
// arrives through the storage event).
func (f *formDriver) waitValue(sel, want string) {
	f.t.Helper()
	expr := fmt.Sprintf(`document.querySelector(%s)?.value == %s`, jsString(sel), jsString(want))
	if err := chromedp.Run(f.ctx, page.BringToFront(), until(expr)); err != nil {
		f.t.Fatalf("%s never showed %q (it shows %q): %v", sel, want, f.value(sel), err)
	}
}

// TestFormTwoTabs: two tabs of one browser on one draft. Alternate edits
// of different fields all survive a reload of either tab; on the same
// field the later edit wins and the tab whose edit lost says so; a draft
// deleted in one tab is not brought back by the other, in both languages.
func TestFormTwoTabs(t *testing.T) {
	for _, c := range []struct{ form, other, field, deleted string }{
		{nlForm, "ander tabblad", "Afdeling of eenheid", "ander tabblad verwijderd"},
		{deForm, "anderen Tab", "Abteilung oder Bereich", "anderen Tab gelöscht"},
	} {
		one := newFormDriver(t)
		one.open(c.form)
		one.typeInto("#draft-name", "Twee tabbladen")
		one.waitStored("Twee tabbladen")
		two := one.newTab()
		two.open(c.form)
		if v := two.value("#draft-name"); v != "Twee tabbladen" {
			t.Fatalf("%s: the second tab opened %q, want the same draft", c.form, v)
		}

		edits := []struct {
			tab      *formDriver
			sel, val string
		}{
			{one, "#f-meta-department", "Afdeling uit tab 1"},
			{two, "#f-meta-period", "Periode uit tab 2"},
			{one, "#f-competenties", "Competenties uit tab 1"},
			{two, "#f-resultaatafspraken-1-what", "Afspraak uit tab 2"},
			{one, "#f-vastlegger", "Vastlegger uit tab 1"},
		}
		for i, e := range edits {
			e.tab.typeInto(e.sel, e.val)
			e.tab.waitStored(e.val)
			// The other tab shows it before it edits something else.
			other := map[*formDriver]*formDriver{one: two, two: one}[e.tab]
			other.waitValue(e.sel, e.val)
			if i > 0 {
				prev := edits[i-1]
				other.waitValue(prev.sel, prev.val)
			}
		}
		for _, tab := range []*formDriver{one, two} {
			tab.reload()
			for _, e := range edits {
				if v := tab.value(e.sel); v != e.val {
					t.Errorf("%s: after a reload %s is %q, want %q: an edit in the other tab was lost", c.form, e.sel, v, e.val)
				}
			}
		}

		// The same field in both: the later edit wins, and the tab whose
		// edit was replaced says so, naming the field.
		one.typeInto("#f-meta-department", "Eerst in tab 1")
		one.waitStored("Eerst in tab 1")
		two.waitValue("#f-meta-department", "Eerst in tab 1")
		two.typeInto("#f-meta-department", "Later in tab 2")
		two.waitStored("Later in tab 2")
		one.waitValue("#f-meta-department", "Later in tab 2")
		if s := one.text("#form-status"); !strings.Contains(s, c.other) || !strings.Contains(s, c.field) {
			t.Errorf("%s: the tab whose edit was replaced says %q, want it to name %q and %q", c.form, s, c.other, c.field)
		}
		one.reload()
		if v := one.value("#f-meta-department"); v != "Later in tab 2" {
			t.Errorf("%s: after both edited the department it is %q, want the later edit", c.form, v)
		}

		// A delete in one tab stays: the other tab's typing does not undo it.
		one.answerConfirm(true)
		one.click(`[data-action="delete"]`)
		two.poll(`document.querySelector("#draft-name").value != "Twee tabbladen"`)
		if s := two.text("#form-status"); !strings.Contains(s, c.deleted) {
			t.Errorf("%s: the other tab says %q after the delete, want %q", c.form, s, c.deleted)
		}
		two.typeInto("#f-meta-department", "Nog even typen")
		two.waitStored("Nog even typen")
		for k, v := range two.storage() {
			if strings.Contains(v, "Twee tabbladen") && !strings.Contains(v, `"deletedAt"`) {
				t.Errorf("%s: the deleted draft came back under %s", c.form, k)
			}
		}
		one.reload()
		var names []string
		one.eval(`[...document.querySelectorAll("#draft-select option")].map(o => o.textContent)`, &names)
		for _, n := range names {
			if n == "Twee tabbladen" {
				t.Errorf("%s: the deleted draft is listed again: %q", c.form, names)
			}
		}
	}
}
