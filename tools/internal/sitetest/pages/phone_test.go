package pages

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// unreachable lists the controls of the page's main content, every menu
// opened, that a person cannot reach: without size, sticking out of the
// screen sideways, or covered by something else where they would tap; and
// on a phone, a table's control whose label is not shown above it.
const unreachable = `(() => {
	for (const d of document.querySelectorAll("main details")) d.open = true;
	const width = document.documentElement.clientWidth, bad = [];
	for (const el of document.querySelectorAll("main input:not([type=hidden]), main select, main textarea, main button, main summary, main a[href]")) {
		if (!el.checkVisibility({visibilityProperty: true})) continue;
		// A table's cell shows its label above it on a phone.
		const label = el.matches("[data-col]") && el.labels[0];
		if (label && width <= 640 && !(label.checkVisibility({visibilityProperty: true}) && label.getBoundingClientRect().width > 1)) bad.push((el.id || el.name) + ": its label is not shown");
		el.scrollIntoView({block: "center", inline: "center"});
		const r = el.getClientRects()[0] || el.getBoundingClientRect();
		const what = el.id || el.name || el.textContent.trim().slice(0, 50) || el.outerHTML.slice(0, 80);
		if (r.width < 1 || r.height < 1) bad.push(what + ": no size");
		else if (r.left < -0.5 || r.right > width + 0.5) bad.push(what + ": from " + Math.round(r.left) + " to " + Math.round(r.right) + " px, the screen is " + width);
		else {
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			if (!hit || !(el.contains(hit) || [...(el.labels || [])].some(l => l.contains(hit)))) bad.push(what + ": covered by " + (hit ? hit.outerHTML.slice(0, 80) : "nothing"));
		}
	}
	scrollTo(0, 0);
	return bad;
})()`

// firstField is how far down the first field of the conversation ends,
// before anything is scrolled or opened.
const firstField = `document.querySelector("#gw-form input:not([type=hidden]), #gw-form textarea, #gw-form select").getBoundingClientRect().bottom`

// TestFormOnPhones: on every form page, in both languages, at 320 and 390
// CSS px: nothing scrolls sideways, every control (the drafts menu's too)
// can be reached, is inside the screen and not covered, and axe-core finds
// nothing; on a 390 × 844 phone the first field of the conversation is on
// the first screen.
func TestFormOnPhones(t *testing.T) {
	t.Parallel()
	forms := formPages(t)
	base := sitetest.Serve(t, built)
	for _, w := range []int64{320, 390} {
		// Each width in a browser context of its own, side by side.
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			ctx := sitetest.Browser(t)
			for _, u := range slices.Sorted(maps.Keys(forms)) {
				var over int
				var bottom float64
				var bad []string
				var violations []sitetest.AxeViolation
				err := chromedp.Run(ctx, sitetest.Viewport(w, 844), chromedp.Navigate(base+u), sitetest.Until(sitetest.ScriptReady),
					chromedp.Evaluate(firstField, &bottom),
					chromedp.ActionFunc(func(ctx context.Context) (err error) {
						over, err = sitetest.Sideways(ctx)
						return err
					}),
					chromedp.Evaluate(unreachable, &bad), sitetest.Axe(t, &violations))
				if err != nil {
					t.Fatalf("%s at %d px: %v", u, w, err)
				}
				if over > 0 {
					t.Errorf("%s at %d px: the page is %d px wider than the screen", u, w, over)
				}
				for _, b := range bad {
					t.Errorf("%s at %d px: %s", u, w, b)
				}
				for _, v := range violations {
					t.Errorf("%s at %d px: axe: %s", u, w, v)
				}
				if w == 390 && bottom > 844 {
					t.Errorf("%s on a 390 × 844 phone: the first field ends %.0f px down, below the first screen", u, bottom)
				}
			}
		})
	}
}

// TestPrintButton: on agendas and question lists the print button works
// with script (the hint that shares its place is hidden) and without it
// the hint explains Ctrl+P (the button is not shown), in both languages.
func TestPrintButton(t *testing.T) {
	t.Parallel()
	prints, _ := sitetest.PagesOfKind(t, built)
	ctx := sitetest.Browser(t)
	base := sitetest.Serve(t, built)
	state := `(() => { const b = document.querySelector("[data-print-button]"), h = document.querySelector(".print-hint");
		return [b.checkVisibility({visibilityProperty: true}), h.checkVisibility({visibilityProperty: true})] })()`
	for _, u := range slices.Sorted(maps.Keys(prints)) {
		var shown []bool
		var printed bool
		err := chromedp.Run(ctx, chromedp.Navigate(base+u), sitetest.Until(`document.documentElement.hasAttribute("data-js")`),
			chromedp.Evaluate(state, &shown),
			chromedp.Evaluate(`window.print = () => { window.printed = true }; document.querySelector("[data-print-button]").click(); window.printed === true`, &printed))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if !shown[0] || shown[1] || !printed {
			t.Errorf("%s with script: button shown %v, hint shown %v, printing %v; want the button, working, and no hint", u, shown[0], shown[1], printed)
		}
	}
	u := slices.Sorted(maps.Keys(prints))[0]
	var shown []bool
	err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true), chromedp.Navigate(base+u), chromedp.Evaluate(state, &shown), emulation.SetScriptExecutionDisabled(false))
	if err != nil {
		t.Fatal(err)
	}
	if shown[0] || !shown[1] {
		t.Errorf("%s without script: button shown %v, hint shown %v; want the hint only", u, shown[0], shown[1])
	}
}
