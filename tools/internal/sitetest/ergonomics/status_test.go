package ergonomics

import (
	"fmt"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// statusCheck finds what is wrong with how the page shows the outcome of
// the action done with the control sel (its message, or its alert): no message shown, a message in a
// layer (fixed or sticky) over the page, a message covering a control, or
// a message far from the control used.
func statusCheck(sel string, alert bool) string {
	kind := ".form-note:not(.form-note--alert)"
	if alert {
		kind = ".form-note--alert"
	}
	return fmt.Sprintf(`(() => {
	const used = document.querySelector(%s)?.closest(".button-row, .field") || document.querySelector(%[1]s);
	const notes = [...document.querySelectorAll(%s)].filter(n => n.textContent.trim() && n.checkVisibility());
	if (!notes.length) return "no message is shown";
	for (const n of notes) {
		for (let e = n; e; e = e.parentElement) {
			const p = getComputedStyle(e).position;
			if (p == "fixed" || p == "sticky" || p == "absolute") return "the message is in a box positioned " + p;
		}
		const r = n.getBoundingClientRect();
		for (const c of document.querySelectorAll("input:not([type=hidden]), select, textarea, button, summary, a[href]")) {
			if (!c.checkVisibility({visibilityProperty: true})) continue;
			const q = c.getBoundingClientRect();
			if (q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom) return "the message covers " + (c.id || c.textContent.trim().slice(0, 40));
		}
		const u = used.getBoundingClientRect();
		if (r.top < u.top - 1 || r.top > u.bottom + 100) return "the message is shown " + Math.round(r.top - u.bottom) + " px from the control used";
	}
	return "";
})()`, sitetest.JSString(sel), sitetest.JSString(kind))
}

// TestStatusInPlace: on a 320 × 640 phone, what an action did (export,
// import, merge, a save that storage refused, a restore on "My
// conversations") is shown in the page flow right below the control that
// caused it: never a layer over the form, never covering a control. The
// live regions still announce it.
func TestStatusInPlace(t *testing.T) {
	t.Parallel()
	f := sitetest.NewForm(t, sitetest.Serve(t, built))
	f.Run(sitetest.Viewport(320, 640))
	f.Open(sitetest.NLForm)
	f.TypeInto("#f-meta-department", "Afdeling Oost")
	f.WaitSaved("Afdeling Oost")
	check := func(action, sel, region string) {
		t.Helper()
		var problem string
		f.Eval(statusCheck(sel, region == "#form-alert"), &problem)
		if problem != "" {
			t.Errorf("after %s: %s", action, problem)
		}
		if f.Text(region) == "" {
			t.Errorf("after %s the live region %s says nothing", action, region)
		}
	}

	name, body := f.ExportDraft()
	check("an export", `[data-action="export"]`, "#form-status")
	file := sitetest.WriteFile(t, name, body)
	f.Upload("#import-file", file)
	f.Poll(`document.querySelector("#form-status").textContent != ""`)
	check("an import", "#import-file", "#form-status")
	f.Upload("#merge-file", file)
	f.Poll(`document.querySelector("#form-status").textContent != "" || document.querySelector("#merge-dialog").open`)
	check("a merge", "#merge-file", "#form-status")

	f.Eval(`Storage.prototype.setItem = () => { throw new DOMException("full", "QuotaExceededError"); }; true`, nil)
	f.Reveal("#f-meta-department")
	f.TypeInto("#f-meta-department", "Afdeling West")
	f.Poll(`document.querySelector("#form-alert").textContent != ""`)
	check("a save that storage refused", "#f-meta-department", "#form-alert")

	f.Reload() // storage works again
	f.OpenPage("/mijn-gesprekken/")
	f.Click(`[data-action="backup"]`)
	name, body = f.DL.Next(t)
	check("a backup", `[data-action="backup"]`, "#form-status")
	f.Upload("#restore-file", sitetest.WriteFile(t, name, body))
	f.Poll(`document.querySelector("#form-status").textContent.includes(` + sitetest.JSString(name) + `)`)
	check("a restore", "#restore-file", "#form-status")
}
