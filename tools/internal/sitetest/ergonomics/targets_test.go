package ergonomics

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// smallTargets lists the targets a thumb must hit on the page, every menu
// opened, that are smaller than 44 × 44 CSS px, and the neighbours closer
// than 8 px to each other (WCAG 2.5.5 asks 44 × 44; the issue asks both).
// A target is a control with its label: a checkbox or radio counts with
// the label that holds it or names it, as a tap on either works. A link
// inside running text is exempt (WCAG 2.5.5 "inline"); links on their
// own line, header links among them, are not.
const smallTargets = `(() => {
	for (const d of document.querySelectorAll("details")) d.open = true;
	const inline = a => { const p = a.parentElement.closest("p, li, td, dd, figcaption");
		return p && p.textContent.trim() != a.textContent.trim() && !a.closest("nav, header, footer .button-row"); };
	const els = [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button, summary, a[href]")]
		.filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest("dialog:not([open])"))
		.filter(el => !(el.matches("a") && inline(el)));
	const rect = el => {
		let r = el.getBoundingClientRect(), box = {l: r.left, t: r.top, r: r.right, b: r.bottom};
		if (el.matches("[type=checkbox], [type=radio]")) for (const l of el.labels) {
			const q = l.getBoundingClientRect();
			if (q.width && q.height) box = {l: Math.min(box.l, q.left), t: Math.min(box.t, q.top), r: Math.max(box.r, q.right), b: Math.max(box.b, q.bottom)};
		}
		return box;
	};
	const name = el => (el.id ? "#" + el.id : el.tagName.toLowerCase()) + " " + JSON.stringify((el.textContent || el.name || el.value || "").trim().slice(0, 40));
	const boxes = els.map(el => [el, rect(el)]);
	const small = [], close = [];
	for (const [el, b] of boxes) {
		const w = b.r - b.l, h = b.b - b.t;
		if (w < 43.5 || h < 43.5) small.push(name(el) + " " + Math.round(w) + "×" + Math.round(h));
	}
	// Two targets are neighbours too close when their boxes, each grown
	// by 4 px all round, overlap: less than 8 px lie between them. A
	// control and the label box that holds it are one target.
	const grow = (b, d) => ({l: b.l - d, t: b.t - d, r: b.r + d, b: b.b + d});
	for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
		const [x, a] = boxes[i], [y, b] = boxes[j];
		if (x.contains(y) || y.contains(x) || x.labels && [...x.labels].some(l => l.contains(y)) || y.labels && [...y.labels].some(l => l.contains(x))) continue;
		const p = grow(a, 3.99), q = grow(b, 3.99);
		if (p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b) close.push(name(x) + " and " + name(y));
	}
	return {small, close};
})()`

// TestTouchTargets: on every form page and "My conversations", in both
// languages, at 320 and 390 CSS px, every control a thumb must hit
// (label included) is at least 44 × 44 CSS px and at least 8 px from its
// neighbours: the header's links, the drafts menu, the verdicts, the
// checkboxes of a table, the buttons of a row.
func TestTouchTargets(t *testing.T) {
	t.Parallel()
	pages := sitetest.PagesOfFamily(t, built, sitetest.Drafts)
	base := sitetest.Serve(t, built)
	for _, w := range []int64{320, 390} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			ctx := sitetest.Browser(t)
			for _, u := range pages {
				var got struct{ Small, Close []string }
				if err := chromedp.Run(ctx, sitetest.Viewport(w, 844), chromedp.Navigate(base+u), sitetest.Until(`document.documentElement.hasAttribute("data-js")`),
					chromedp.Evaluate(smallTargets, &got)); err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				if len(got.Small) > 0 {
					t.Errorf("%s at %d px: %d targets under 44 × 44 px: %s", u, w, len(got.Small), first(got.Small, 8))
				}
				if len(got.Close) > 0 {
					t.Errorf("%s at %d px: %d pairs of targets less than 8 px apart: %s", u, w, len(got.Close), first(got.Close, 8))
				}
			}
		})
	}
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… %d more", len(s)-n))
	}
	return s
}
