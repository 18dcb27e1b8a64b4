package variants

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tokens"
)

// tokenVariant is a variant whose brand comes from a published token
// package: the file the organisation reads, how, and a colour it must
// show (its primary, written out here so that a test reading the same
// file wrongly twice cannot pass).
type tokenVariant struct {
	slug, base string
	pages      []string // a guide, its question list and its form
	file       string   // in the organisation's folder
	parse      func(data []byte, file string) (*tokens.Brand, []problem.Problem)
	primary    string // as the header's background, rgb()
}

// TestTokenVariants: the Utrecht and Voorbeeld design-token files and
// KERN's theme stylesheet, as npm installs them, each become a variant
// (Utrecht's built here from a temporary folder, since its licence keeps
// it out of the repository; Voorbeeld and KERN are the example
// organisations gemeente-voorbeeldstad and landkreis-musterau, which
// vendor theirs). In Chromium, every custom property the token file
// sets has the file's value on the page, the header is painted in the
// theme's primary colour, the brand passes the contrast checks (the
// variant was built, which it is not otherwise) and axe-core finds no
// violation, colour contrast included, on a guide, a question list and a
// form.
func TestTokenVariants(t *testing.T) {
	out := builtExamples(t)
	utrecht := filepath.Join(t.TempDir(), "gemeente-utrecht")
	os.MkdirAll(utrecht, 0o755)
	data, err := os.ReadFile(projecttest.NodeModule(t, "@utrecht/design-tokens/dist/tokens.json"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(utrecht, "tokens.json"), data, 0o644)
	projecttest.NewOrg(t, filepath.Dir(utrecht), "gemeente-utrecht", `name = "Gemeente Utrecht (test)"
base_url = "https://intranet.example.org/utrecht/"
languages = ["nl", "de"]
methods = ["het-goede-gesprek"]
[brand]
logo = "logo.svg"
tokens = "tokens.json"
`)
	utrechtOut := t.TempDir()
	results, err := Build(Options{Root: root, Orgs: []string{utrecht}, Out: utrechtOut})
	if err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	variants := []tokenVariant{
		{"gemeente-utrecht", "/utrecht/", guide("gesprekken/het-goede-gesprek/", "vragen", "formulier"), "tokens.json", tokens.ParseJSON, "rgb(36, 87, 143)"},
		{"gemeente-voorbeeldstad", "/gesprekken/", guide("gesprekken/planningsgesprek/", "vragen", "formulier"), "vendor/voorbeeld.tokens.json", tokens.ParseJSON, "rgb(81, 21, 239)"},
		{"landkreis-musterau", "/personal/gespraeche/", guide("gespraeche/mitarbeitergespraech/", "fragen", "formular"), "vendor/kern.css", func(data []byte, file string) (*tokens.Brand, []problem.Problem) {
			return tokens.ParseCSS(data, file, ".kern-light")
		}, "rgb(32, 68, 170)"},
	}
	ctx := sitetest.Browser(t)
	if err := chromedp.Run(ctx, sitetest.Enable()); err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		orgDir, built := filepath.Join(root, "orgs", v.slug), filepath.Join(out, v.slug)
		if v.slug == "gemeente-utrecht" {
			orgDir, built = utrecht, filepath.Join(utrechtOut, v.slug)
		}
		data, err := os.ReadFile(filepath.Join(orgDir, v.file))
		if err != nil {
			t.Fatal(err)
		}
		want, problems := v.parse(data, v.file)
		if len(problems) > 0 || len(want.Values) < 8 {
			t.Fatalf("%s: the token file reads with %v and %d values", v.slug, problems, len(want.Values))
		}
		host := serveAt(t, built, v.base)
		for _, page := range v.pages {
			watch := sitetest.NewWatch(ctx, host)
			var props map[string]string
			var header string
			var violations []sitetest.AxeViolation
			err := chromedp.Run(ctx, chromedp.Navigate(host+v.base+page), chromedp.WaitReady("body"),
				chromedp.Evaluate(customProperties, &props),
				chromedp.Evaluate(`getComputedStyle(document.querySelector('.site-header')).backgroundColor`, &header),
				sitetest.Axe(t, &violations))
			if err != nil {
				t.Fatalf("%s %s: %v", v.slug, page, err)
			}
			for name, val := range want.Values {
				if got := props[name]; got != val.CSS {
					t.Errorf("%s %s: %s is %q on the page, the token file gives %q (%s)", v.slug, page, name, got, val.CSS, val.Origin())
				}
			}
			if header != v.primary {
				t.Errorf("%s %s: the header is %s, want the theme's primary %s", v.slug, page, header, v.primary)
			}
			for _, x := range violations {
				t.Errorf("%s %s: axe: %s", v.slug, page, x)
			}
			foreign, logged := watch.Take()
			for _, f := range append(foreign, logged...) {
				t.Errorf("%s %s: %s", v.slug, page, f)
			}
		}
	}
}

// guide returns a guide's path with its question list's and form's.
func guide(path, questions, form string) []string {
	return []string{path, path + questions + "/", path + form + "/"}
}

// customProperties reads the page's --gw-* custom properties as the
// browser resolved them on the root element.
var customProperties = fmt.Sprintf(`(() => {
  const s = getComputedStyle(document.documentElement), out = {};
  for (const name of %s) out[name] = s.getPropertyValue(name).trim();
  return out;
})()`, propertyNames())

func propertyNames() string {
	var names []string
	for _, p := range tokens.Properties {
		names = append(names, fmt.Sprintf("%q", p.Name))
	}
	return "[" + strings.Join(names, ",") + "]"
}
