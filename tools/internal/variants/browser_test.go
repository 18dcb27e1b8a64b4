package variants

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// serveAt serves dir under the path its base URL has, as the intranet will.
func serveAt(t *testing.T, dir, path string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(path, http.StripPrefix(strings.TrimSuffix(path, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestBrandedPagesAccessible: axe-core finds no WCAG 2.1 A/AA violation,
// colour contrast included, on branded guides, question lists and forms
// (with the form's script running), and the pages make no request to
// another host and log no error.
func TestBrandedPagesAccessible(t *testing.T) {
	out := builtExamples(t)
	ctx := sitetest.Browser(t)
	cases := []struct{ slug, base, page string }{
		{"provincie-voorbeeld", "/gesprekken/", "gesprekken/het-goede-gesprek/"},
		{"provincie-voorbeeld", "/gesprekken/", "gesprekken/het-goede-gesprek/vragen/"},
		{"provincie-voorbeeld", "/gesprekken/", "gesprekken/het-goede-gesprek/formulier/"},
		{"technik-muster-gmbh", "/", "gespraeche/kundenjahresgespraech/formular/"},
		{"grenslanders", "/gesprekswijzer/", "de/gespraeche/kooperationsgespraech/"},
		{"grenslanders", "/gesprekswijzer/", "gesprekken/planningsgesprek/formulier/"},
	}
	if err := chromedp.Run(ctx, sitetest.Enable()); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		host := serveAt(t, filepath.Join(out, c.slug), c.base)
		watch := sitetest.NewWatch(ctx, host)
		var violations []sitetest.AxeViolation
		err := chromedp.Run(ctx, chromedp.Navigate(host+c.base+c.page), chromedp.WaitReady("body"), sitetest.Axe(t, &violations))
		if err != nil {
			t.Fatalf("%s %s: %v", c.slug, c.page, err)
		}
		for _, v := range violations {
			t.Errorf("%s %s: axe: %s", c.slug, c.page, v)
		}
		foreign, problems := watch.Take()
		for _, f := range foreign {
			t.Errorf("%s %s: requested another host: %s", c.slug, c.page, f)
		}
		for _, p := range problems {
			t.Errorf("%s %s: %s", c.slug, c.page, p)
		}
	}
}
