package reflow

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// sidewaysAfter runs action in the browser, then measures as sideways does.
func sidewaysAfter(ctx context.Context, action chromedp.Action) (over int, err error) {
	err = chromedp.Run(ctx, action, chromedp.ActionFunc(func(ctx context.Context) error {
		over, err = sitetest.Sideways(ctx)
		return err
	}))
	return over, err
}

// longWord is longer than any line of a 320 px phone, in any font.
const longWord = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"

// withLongWords opens every menu and adds longWord to every text on the
// page (headings, paragraphs, list items, table cells, links, labels,
// buttons, options, code: every element's first text), then returns the innermost elements
// that stick out of the screen sideways, as "tag.class: text", at most five.
var withLongWords = fmt.Sprintf(`(() => {
	const word = %q, width = document.documentElement.clientWidth;
	for (const d of document.querySelectorAll("details")) d.open = true;
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const texts = [];
	for (let n; (n = walker.nextNode());) if (n.data.trim() && !n.parentElement.closest("script, style, template, textarea")) texts.push(n);
	const seen = new Set();
	for (const n of texts) if (!seen.has(n.parentElement)) { seen.add(n.parentElement); n.data += " " + word; }
	const out = el => el.getBoundingClientRect().right > width + 0.5;
	return [...document.body.querySelectorAll("*")].filter(el => out(el) && ![...el.children].some(out))
		.slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().replace(/\s+/g, ".") : "") + ": " + el.textContent.trim().slice(0, 60));
})()`, longWord)

// brokenWithoutHyphen lists the words of headings, legends, summaries,
// table cells (what site.css hyphenates) and body text (where only the
// longest words have break points) that the browser broke over two lines
// other than after a hyphen or at a soft hyphen, as
// "tag: first part / rest". Chromium on Linux has no hyphenation
// dictionary: without the soft hyphens of data/hyphenation.toml it
// breaks a long word anywhere ("Functioneringsgespre / k").
const brokenWithoutHyphen = `(() => {
	const out = new Set(), r = document.createRange();
	// Text clipped out of sight (a table's head on a phone, text for
	// screen readers only) wraps at every letter in its 1 px box.
	const clipped = el => { for (let a = el; a; a = a.parentElement) { const s = getComputedStyle(a); if (s.clip && s.clip !== "auto") return true; } return false; };
	for (const el of document.querySelectorAll("h1, h2, h3, h4, legend, summary, th, td, .cell-label, p, li, dd, dt, label, figcaption, blockquote")) {
		if (clipped(el)) continue;
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n; (n = walker.nextNode());) {
			const re = /[\p{L}\p{N}\u00ad-]{2,}/gu;
			for (let m; (m = re.exec(n.data));) {
				const w = m[0];
				let top = null;
				for (let i = 0; i < w.length; i++) {
					if (w[i] === "\u00ad") continue;
					r.setStart(n, m.index + i); r.setEnd(n, m.index + i + 1);
					const b = r.getClientRects()[0];
					if (!b) continue;
					// Where a line ends at a soft hyphen, Chromium gives the
					// letter after it the box of the hyphen it draws, on the
					// line before: the new line then seems to start one letter
					// late.
					if (top !== null && b.top > top + 1 && !/[\u00ad-].?$/.test(w.slice(0, i)))
						out.add(el.tagName.toLowerCase() + ": " + w.slice(0, i).replaceAll("\u00ad", "") + " / " + w.slice(i).replaceAll("\u00ad", ""));
					top = b.top;
				}
			}
		}
	}
	return [...out];
})()`

// TestNoPageScrollsSideways: at 320 and 390 CSS px no page of the site, in
// either language, is wider than the screen (WCAG 2.1 SC 1.4.10 Reflow),
// and none becomes wider when a word longer than the screen is added to
// every text on it: a long German compound in a heading, a table cell, a
// link or a label wraps, whatever the content says. A word of a heading
// or a table cell, or of body text, that breaks over two lines breaks
// with a hyphen.
func TestNoPageScrollsSideways(t *testing.T) {
	t.Parallel()
	pages := sitetest.Pages(t, built)
	base := sitetest.Serve(t, built)
	for _, w := range []int64{320, 390} {
		// Each width in a browser context of its own, side by side.
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			t.Parallel()
			ctx := sitetest.Browser(t)
			if err := chromedp.Run(ctx, sitetest.Viewport(w, 844)); err != nil {
				t.Fatal(err)
			}
			for _, u := range slices.Sorted(maps.Keys(pages)) {
				over, err := sidewaysAfter(ctx, chromedp.Navigate(base+u))
				if err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				if over > 0 {
					t.Errorf("%s at %d px: the page is %d px wider than the screen", u, w, over)
				}
				var broken []string
				if err := chromedp.Run(ctx, chromedp.Evaluate(brokenWithoutHyphen, &broken)); err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				for _, b := range broken {
					t.Errorf("%s at %d px: %s breaks without a hyphen: give the word its break points in data/hyphenation.toml", u, w, b)
				}
				var out []string
				over, err = sidewaysAfter(ctx, chromedp.Evaluate(withLongWords, &out))
				if err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				if over > 0 {
					t.Errorf("%s at %d px: with a long word in every text the page is %d px wider than the screen; sticking out: %q", u, w, over, out)
				}
			}
		})
	}
}
