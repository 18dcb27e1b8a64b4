package serverconfig_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// formPath is the site path of the first form page of the built variant.
func formPath(t *testing.T) string {
	_, site, base := built(t)
	var found string
	_ = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && found == "" && d.Name() == "index.html" && filepath.Base(filepath.Dir(p)) == "formulier" {
			rel, _ := filepath.Rel(site, filepath.Dir(p))
			found = base + filepath.ToSlash(rel) + "/"
		}
		return err
	})
	if found == "" {
		t.Fatal("the variant has no form page (…/formulier/)")
	}
	return found
}

// TestFormCannotBeFramedByAnotherOrigin: a page of another origin frames
// the form twice, once as nginx serves it with the generated configuration
// and once from a server that sends no headers (the control: the meta tag
// alone cannot stop framing). Chromium must block the first, report the
// frame-ancestors violation, and leave nothing of the form in the frame;
// the second must show the form, or the check proves nothing.
func TestFormCannotBeFramedByAnotherOrigin(t *testing.T) {
	ctx := sitetest.Browser(t)
	origin := startNginx(t)
	_, site, base := built(t)
	form := formPath(t)
	guarded := origin + form
	plain := sitetest.Serve(t, site) + "/" + strings.TrimPrefix(form, base)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Another site</title>
<iframe id="guarded" src="%s"></iframe><iframe id="plain" src="%s"></iframe>`, guarded, plain)
	}))
	t.Cleanup(other.Close)

	watch := sitetest.NewWatch(ctx, other.URL)
	// Each frame event wakes the loop below, which looks at the frame tree
	// again: it waits on the frames, not on a clock.
	framed := make(chan struct{}, 1)
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev.(type) {
		case *page.EventFrameNavigated, *page.EventFrameStoppedLoading:
			select {
			case framed <- struct{}{}:
			default:
			}
		}
	})
	if err := chromedp.Run(ctx, sitetest.Enable(), chromedp.Navigate(other.URL+"/")); err != nil {
		t.Fatal(err)
	}
	frames := map[string]*cdp.Frame{} // by the URL the iframe asked for
	timeout := time.After(15 * time.Second)
	for waited := false; len(frames) < 2 && !waited; {
		var tree *page.FrameTree
		if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) (err error) {
			tree, err = page.GetFrameTree().Do(ctx)
			return err
		})); err != nil {
			t.Fatal(err)
		}
		for _, child := range tree.ChildFrames {
			for _, want := range []string{guarded, plain} {
				if child.Frame.URL == want || child.Frame.UnreachableURL == want {
					frames[want] = child.Frame
				}
			}
		}
		if len(frames) < 2 {
			select {
			case <-framed:
			case <-timeout:
				waited = true
			}
		}
	}
	if frames[guarded] == nil || frames[plain] == nil {
		t.Fatalf("the frames did not load: %v", frames)
	}
	heading := func(f *cdp.Frame) string {
		var h string
		err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			world, err := page.CreateIsolatedWorld(f.ID).Do(ctx)
			if err != nil {
				return err
			}
			res, exc, err := runtime.Evaluate(`(document.querySelector("h1") || {}).textContent || ""`).WithContextID(world).Do(ctx)
			if err != nil {
				return err
			}
			if exc != nil {
				return fmt.Errorf("%s", exc.Text)
			}
			h = strings.Trim(string(res.Value), `"`)
			return nil
		}))
		if err != nil {
			t.Fatalf("reading frame %s: %v", f.URL, err)
		}
		return h
	}
	formHeading := heading(frames[plain])
	if formHeading == "" || frames[plain].URL != plain {
		t.Fatalf("the control frame (no headers) shows no form (%s, heading %q): the check cannot tell a blocked frame from a loaded one", frames[plain].URL, formHeading)
	}
	g := frames[guarded]
	if g.URL == guarded || !strings.HasPrefix(g.URL, "chrome-error:") {
		t.Errorf("the form was framed by another origin: the frame's document is %s, not Chromium's error page", g.URL)
	}
	if h := heading(g); strings.Contains(h, formHeading) {
		t.Errorf("the blocked frame shows the form's heading %q", h)
	}
	// The report arrives as a console message of its own: wait for it.
	reported := watch.Await(10*time.Second, func(p string) bool { return strings.Contains(p, "frame-ancestors") })
	_, problems := watch.Take()
	if !reported {
		t.Errorf("Chromium did not report the frame-ancestors block; it reported %q", problems)
	}
}

// TestPoliciesInChromium loads a form page, a guide and the 404 page
// through nginx: the header policy, the meta policy and the
// Permissions-Policy give no console error or warning (an unknown feature
// name would), nothing loads from another host, the page may fetch this
// site's robots.txt (what Lighthouse does: connect-src 'self') and may
// fetch nothing from another origin.
func TestPoliciesInChromium(t *testing.T) {
	ctx := sitetest.Browser(t)
	origin := startNginx(t)
	_, _, base := built(t)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		fmt.Fprint(w, "User-agent: *\n")
	}))
	t.Cleanup(other.Close)
	watch := sitetest.NewWatch(ctx, origin)
	if err := chromedp.Run(ctx, sitetest.Enable()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{formPath(t), base, base + "gesprekken/", base + "no-such-page/"} {
		var own, foreign string
		fetch := `fetch(%q).then(r => r.text()).then(t => t.slice(0, 10), e => "refused: " + e.message)`
		err := chromedp.Run(ctx,
			chromedp.Navigate(origin+p),
			chromedp.WaitReady("body"),
			chromedp.Evaluate(fmt.Sprintf(fetch, base+"robots.txt"), &own, awaitPromise),
			chromedp.Evaluate(fmt.Sprintf(fetch, other.URL+"/robots.txt"), &foreign, awaitPromise),
		)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if own != "# Gespreks" {
			t.Errorf("%s: fetching the site's robots.txt gave %q: the policy must allow what Lighthouse needs", p, own)
		}
		if !strings.HasPrefix(foreign, "refused") {
			t.Errorf("%s: fetching from another origin gave %q: connect-src must allow nothing but this site", p, foreign)
		}
		foreignReqs, problems := watch.Take()
		var real []string
		for _, pr := range problems {
			// The refused fetch above is the one violation we caused on purpose.
			if strings.Contains(pr, other.URL) || strings.Contains(pr, "Failed to fetch") {
				continue
			}
			// The 404 page is served with status 404, as it must be.
			if strings.Contains(pr, "status of 404") && strings.Contains(pr, "no-such-page") {
				continue
			}
			{
				real = append(real, pr)
			}
		}
		if len(real) > 0 {
			t.Errorf("%s: the browser reported %q", p, real)
		}
		for _, u := range foreignReqs {
			if !strings.HasPrefix(u, other.URL) {
				t.Errorf("%s: requested %s from another host", p, u)
			}
		}
	}
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
