package variants

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// logoCase is a variant with a logo of one shape.
type logoCase struct {
	slug, name string
	svg        string  // the logo, drawn without text
	ratio      float64 // its width over its height
	wordmark   bool    // logo_shows_name
	langs      []string
}

// box is a logo's rendered box and whether the page scrolls sideways.
type box struct {
	Width, Height float64
	Alt           string
	ScrollWidth   float64
	ClientWidth   float64
	Org           int // elements .site-org shown
}

const measureLogo = `(() => {
  const img = document.querySelector('.site-logo'), r = img.getBoundingClientRect();
  return {Width: r.width, Height: r.height, Alt: img.alt,
    ScrollWidth: document.documentElement.scrollWidth, ClientWidth: document.documentElement.clientWidth,
    Org: document.querySelectorAll('.site-org').length};
})()`

// TestLogosOfAnyShape: a wide (5:1) and a tall (1:2) logo, and a wide
// wordmark that holds the name (landkreis-musterau), on a guide and an
// agenda in both languages. In Chromium at 320 and at 1280 CSS pixels the
// logo is at most 48 pixels high and, even at 320, at least 24 (readable),
// keeps its shape (its box has the image's ratio: not squeezed) and the
// page does not scroll sideways; the wordmark has the name as its text
// alternative and no written name beside it, the others a written name
// beside a decorative logo. Printed to A4, each page shows one logo and
// pdftotext finds the name once (the wordmark's from its own text).
func TestLogosOfAnyShape(t *testing.T) {
	parent, out := t.TempDir(), t.TempDir()
	cases := []logoCase{
		{"breed", "Breedbeeld Wonen", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 50"><rect width="250" height="50" fill="#ffffff"/><rect x="5" y="5" width="240" height="40" fill="#0b4f8a"/></svg>`, 5, false, []string{"nl", "de"}},
		{"hoog", "Torenhoog Zorg", `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="80"><rect width="40" height="80" fill="#ffffff"/><circle cx="20" cy="20" r="15" fill="#0b4f8a"/><circle cx="20" cy="60" r="15" fill="#f2b705"/></svg>`, 0.5, false, []string{"nl", "de"}},
	}
	var dirs []string
	for _, c := range cases {
		dir := projecttest.NewOrg(t, parent, c.slug, fmt.Sprintf(`name = %q
base_url = "https://intranet.example.org/"
languages = ["nl", "de"]
methods = ["planningsgesprek"]
[brand]
logo = "logo.svg"
primary = "#0b4f8a"
accent = "#f2b705"
`, c.name))
		if err := os.WriteFile(filepath.Join(dir, "logo.svg"), []byte(c.svg), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	results, err := Build(Options{Root: root, Orgs: dirs, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	cases = append(cases, logoCase{"landkreis-musterau", "Landkreis Musterau", "", 5, true, []string{"de"}})

	ctx := sitetest.Browser(t)
	for _, c := range cases {
		dir, base := filepath.Join(out, c.slug), "/"
		if c.wordmark {
			dir, base = filepath.Join(builtExamples(t), c.slug), "/personal/gespraeche/"
		}
		host := serveAt(t, dir, base)
		for _, lang := range c.langs {
			guide := map[string]string{"nl": "gesprekken/planningsgesprek/", "de": "de/gespraeche/zielvereinbarungsgespraech/"}[lang]
			if c.wordmark {
				guide = "gespraeche/mitarbeitergespraech/"
			}
			for _, page := range []string{guide, guide + "agenda/"} {
				where := fmt.Sprintf("%s %s", c.slug, page)
				for _, width := range []int64{320, 1280} {
					var b box
					if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(host+base+page),
						chromedp.WaitReady("body"), chromedp.Poll(`document.querySelector('.site-logo')?.complete`, nil), chromedp.Evaluate(measureLogo, &b)); err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					if b.Height > 48.5 || b.Height < 24 {
						t.Errorf("%s at %d px: the logo is %.1f px high, want 24 to 48", where, width, b.Height)
					}
					if got := b.Width / b.Height; math.Abs(got-c.ratio)/c.ratio > 0.02 {
						t.Errorf("%s at %d px: the logo's box is %.1f × %.1f, a ratio of %.2f; the image's is %.2f (squeezed)", where, width, b.Width, b.Height, got, c.ratio)
					}
					if b.ScrollWidth > b.ClientWidth {
						t.Errorf("%s at %d px: the page scrolls sideways (%.0f px wide)", where, width, b.ScrollWidth)
					}
					if c.wordmark && (b.Alt != c.name || b.Org != 0) {
						t.Errorf("%s: the wordmark's text alternative is %q and the name is written %d times beside it; want the name as its alternative only", where, b.Alt, b.Org)
					}
					if !c.wordmark && (b.Alt != "" || b.Org != 1) {
						t.Errorf("%s: logo alt %q and %d written names; want a decorative logo beside the written name", where, b.Alt, b.Org)
					}
				}
				var pdf []byte
				var printed int
				if err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(host+base+page), chromedp.WaitReady("body"),
					sitetest.PrintA4(&pdf),
					emulation.SetEmulatedMedia().WithMedia("print"),
					chromedp.Evaluate(`[...document.querySelectorAll('img')].filter(i => i.getClientRects().length > 0).length`, &printed),
					emulation.SetEmulatedMedia().WithMedia("")); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				text := strings.Join(strings.Fields(sitetest.PDFText(t, pdf)), " ")
				names := strings.Count(text, c.name)
				// A wordmark's name is text in the PDF too (Chromium prints
				// an SVG's <text> as text): once, from the logo.
				if names != 1 || printed != 1 {
					t.Errorf("%s printed: the name %d times and %d images; want the organisation once:\n%s", where, names, printed, text)
				}
			}
		}
	}
}
