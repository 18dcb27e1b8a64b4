package shift

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

// watchShifts makes every page the browser opens from now on watch its
// layout from the start, in two ways (injected through DevTools, which
// the page's Content-Security-Policy does not govern):
//
//   - window.__shifts: every layout-shift entry not caused by input, from
//     a PerformanceObserver (buffered) installed before the page's own
//     scripts, as Lighthouse counts them. Headless Chromium draws frames
//     only when asked and then sometimes reports none, so this can miss a
//     shift; it never reports one that did not happen.
//   - window.__moved(): every element that was visible on the first screen
//     when the page was parsed and styled, before its scripts ran (the
//     document turns "interactive" before deferred and module scripts),
//     and has moved since, with the layout-shift score of those moves
//     (impact fraction × distance fraction). This is what a person sees
//     jump, and it does not depend on frames.
func watchShifts() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__shifts = [];
			new PerformanceObserver(list => {
				for (const e of list.getEntries()) if (!e.hadRecentInput) __shifts.push([e.value, e.sources.map(s => String(s.node?.nodeName) + "." + String(s.node?.className)).join(" ")]);
			}).observe({type: "layout-shift", buffered: true});
			const frame = () => performance.now() < 5000 && requestAnimationFrame(frame);
			requestAnimationFrame(frame);
			let before = null;
			document.addEventListener("readystatechange", () => {
				if (document.readyState != "interactive") return;
				const take = () => [...document.querySelectorAll("link[rel=stylesheet]")].every(l => l.sheet)
					? before = [...document.body.querySelectorAll("*")].filter(el => el.checkVisibility({visibilityProperty: true})).map(el => [el, el.getBoundingClientRect()])
					: setTimeout(take, 5);
				take();
			});
			window.__moved = () => {
				const w = document.documentElement.clientWidth, h = innerHeight, cell = 8, cells = new Set(), moved = [];
				let distance = 0;
				const mark = r => {
					for (let x = Math.max(0, r.left); x < Math.min(w, r.right); x += cell)
						for (let y = Math.max(0, r.top); y < Math.min(h, r.bottom); y += cell) cells.add(Math.floor(x / cell) + "," + Math.floor(y / cell));
				};
				for (const [el, a] of before || []) {
					if (!el.isConnected || a.width < 1 || a.height < 1 || a.bottom <= 0 || a.top >= h) continue;
					const b = el.getBoundingClientRect(), d = Math.max(Math.abs(a.left - b.left), Math.abs(a.top - b.top));
					if (d < 1) continue;
					mark(a);
					mark(b);
					distance = Math.max(distance, d);
					moved.push(el.nodeName + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ")[0] : "") + " " + Math.round(d) + " px");
				}
				return {ready: !!before, score: cells.size * cell * cell / (w * h) * Math.min(1, distance / Math.max(w, h)), moved: moved.slice(0, 6)};
			};`).Do(ctx)
		return err
	})
}

// ServeLateScripts serves dir like Serve, but every script arrives late:
// the page is painted before its scripts run, as on a slow phone
// connection, so that whatever a script moves counts as a layout shift.
func ServeLateScripts(t testing.TB, dir string, delay time.Duration) string {
	return ServeLate(t, dir, "/", delay, ".js")
}

// ServeLate serves dir under base, and every file whose name ends in one
// of late arrives after delay: the page is painted before it, as on a
// slow connection, so that whatever it moves counts as a layout shift.
func ServeLate(t testing.TB, dir, base string, delay time.Duration, late ...string) string {
	t.Helper()
	files := http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, suffix := range late {
			if strings.HasSuffix(r.URL.Path, suffix) {
				time.Sleep(delay)
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// shiftSizes are a phone's screen and a desktop's.
var shiftSizes = [][2]int64{{390, 844}, {1280, 900}}

// checkNoShift opens each page of host at each size and fails on any
// layout shift: Lighthouse's CLS (layout-shift entries) and what moved on
// the first screen after the page was parsed and styled (watchShifts). It
// waits after the load event until the page has settled (settled).
func checkNoShift(t *testing.T, ctx context.Context, host string, pages []string) {
	t.Helper()
	if err := chromedp.Run(ctx, watchShifts()); err != nil {
		t.Fatal(err)
	}
	for _, size := range shiftSizes {
		for _, u := range pages {
			var shifts [][2]any
			var moved struct {
				Ready bool
				Score float64
				Moved []string
			}
			// Navigate returns after the load event (late scripts and
			// images included); then the page settles (see settled).
			err := chromedp.Run(ctx, sitetest.Viewport(size[0], size[1]), chromedp.Navigate(host+u), settled(),
				chromedp.Evaluate(`window.__shifts`, &shifts), chromedp.Evaluate(`window.__moved()`, &moved))
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if !moved.Ready {
				t.Fatalf("%s: the layout before the scripts ran was not recorded", u)
			}
			if len(moved.Moved) > 0 {
				t.Errorf("%s at %d × %d: after its scripts ran, what was on the first screen moved (layout-shift score %.4f): %s", u, size[0], size[1], moved.Score, strings.Join(moved.Moved, "; "))
			}
			sum, what := 0.0, []string{}
			for _, s := range shifts {
				sum += s[0].(float64)
				what = append(what, fmt.Sprintf("%.4f %v", s[0], s[1]))
			}
			if sum > 0 {
				t.Errorf("%s at %d × %d: CLS %.4f (%s)", u, size[0], size[1], sum, strings.Join(what, "; "))
			}
		}
	}
}

// settled waits, after the load event, until what a page's scripts do
// after loading is done: a form has said whether its storage is kept
// (#persist-state, from a promise), and nothing in the document has
// changed for three frames in a row (the seal, the drafts bar). Layout
// shifts are reported in the frame they happen, so any that this work
// causes is recorded by then.
func settled() chromedp.Action {
	return chromedp.Evaluate(`new Promise(resolve => {
		let quiet = 0;
		const seen = new MutationObserver(() => { quiet = 0; });
		seen.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
		const told = () => { const p = document.querySelector("#persist-state"); return !p || !navigator.storage?.persist || p.textContent != ""; };
		const frame = () => told() && ++quiet >= 3 ? (seen.disconnect(), resolve(true)) : requestAnimationFrame(frame);
		requestAnimationFrame(frame);
	})`, nil, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })
}

// TestNoLayoutShift: CLS is 0 on every agenda, question list and form page
// and on "My conversations", in both languages, on a phone and on a
// desktop: what the scripts add appears where room was kept for it. The
// scripts arrive late (as on a slow connection), so the page has been
// painted before they run; the form of before this test moved by 0.45.
func TestNoLayoutShift(t *testing.T) {
	t.Parallel()
	prints, _ := sitetest.PagesOfKind(t, built)
	var pages []string
	for u := range prints {
		pages = append(pages, u)
	}
	pages = append(pages, slices.Collect(maps.Keys(sitetest.FormPages(t, built)))...)
	for u, p := range sitetest.Pages(t, built) {
		if p.Doc.Find("#conversations").Length() > 0 {
			pages = append(pages, u)
		}
	}
	slices.Sort(pages)
	host := ServeLateScripts(t, built, time.Second)
	// The pages shared out over two browser contexts, side by side.
	const shares = 2
	for i := range shares {
		t.Run(fmt.Sprint(i+1, "of", shares), func(t *testing.T) {
			t.Parallel()
			var share []string
			for j := i; j < len(pages); j += shares {
				share = append(share, pages[j])
			}
			checkNoShift(t, sitetest.Browser(t), host, share)
		})
	}
	t.Logf("%d pages measured at 390 × 844 and 1280 × 900", len(pages))
}

// TestNoLayoutShiftOnGuidesAndHome: CLS is 0, on a phone and a desktop,
// on the home pages, the methods overview and a guide in both languages
// (TestNoLayoutShift covers the printouts and forms), and on a variant
// whose wide logo arrives a second late: the header keeps the logo's box
// from the width and height its image gave, so nothing moves when it
// comes.
func TestNoLayoutShiftOnGuidesAndHome(t *testing.T) {
	t.Parallel()
	ctx := sitetest.Browser(t)
	checkNoShift(t, ctx, ServeLate(t, built, "/", time.Second, ".svg", ".png"), []string{
		"/", "/gesprekken/", "/gesprekken/planningsgesprek/", "/de/", "/de/gespraeche/", "/de/gespraeche/zielvereinbarungsgespraech/",
	})
	out := t.TempDir()
	results, err := variants.Build(variants.Options{Root: projecttest.RepoRoot(), Orgs: []string{filepath.Join(projecttest.RepoRoot(), "orgs", "landkreis-musterau")}, Out: out})
	if err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	base := "/personal/gespraeche/"
	host := ServeLate(t, filepath.Join(out, "landkreis-musterau"), base, time.Second, ".svg")
	checkNoShift(t, ctx, host, []string{base, base + "gespraeche/mitarbeitergespraech/", base + "gespraeche/mitarbeitergespraech/agenda/"})
}
