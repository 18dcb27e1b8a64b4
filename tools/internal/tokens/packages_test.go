package tokens

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// The published token packages, installed by npm ci as pinned test-only
// dev-dependencies (package.json). These tests skip where node_modules is
// missing and are required in CI.

// read returns a file of an installed package.
func read(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(projecttest.NodeModule(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// brandOf reads a package's file the way org.toml's tokens or tokens_css
// key will, and fails on any problem, contrast included.
func brandOf(t *testing.T, rel string, selectors ...string) *Brand {
	t.Helper()
	data := read(t, rel)
	var b *Brand
	var problems []problem.Problem
	if strings.HasSuffix(rel, ".css") {
		b, problems = ParseCSS(data, rel, selectors...)
	} else {
		b, problems = ParseJSON(data, rel)
	}
	noProblems(t, problems)
	noProblems(t, b.Check())
	return b
}

// same asserts the brand's values, property by property.
func same(t *testing.T, b *Brand, want map[string]string) {
	t.Helper()
	for _, p := range Properties {
		got, set := b.Values[p.Name]
		w, wanted := want[p.Name]
		switch {
		case wanted && !set:
			t.Errorf("%s: %s not set, want %s", b.File, p.Name, w)
		case !wanted && set:
			t.Errorf("%s: %s = %s (from %s), want the site's default", b.File, p.Name, got.CSS, got.Source)
		case wanted && got.CSS != w:
			t.Errorf("%s: %s = %s (from %s), want %s", b.File, p.Name, got.CSS, got.Source, w)
		}
	}
}

// Utrecht's colours: hsl(211 60% 35%) blue for actions, hsl(48 100% 60%)
// yellow for focus, black on white; Noto Sans; square corners. Utrecht has
// no basis layer: every value comes from a component token.
var utrecht = map[string]string{
	"--gw-primary": "#24578f", "--gw-on-primary": "#ffffff", "--gw-accent": "#ffd633", "--gw-on-accent": "#000000",
	"--gw-text": "#000000", "--gw-bg": "#ffffff", "--gw-surface": "#f2f2f2", "--gw-border": "#4d4d4d", "--gw-line": "#4d4d4d",
	"--gw-font": `"Noto Sans Variable", "Arial", sans-serif`, "--gw-radius": "0",
}

func TestUtrechtDesignTokens(t *testing.T) {
	b := brandOf(t, "@utrecht/design-tokens/dist/tokens.json")
	same(t, b, utrecht)
	if v := b.Values["--gw-primary"]; v.Source != "utrecht.button.primary-action.background-color" {
		t.Errorf("primary came from %s", v.from())
	}
	// The same theme as a stylesheet (.utrecht-theme, found by itself),
	// with its var() references: the same values.
	c := brandOf(t, "@utrecht/design-tokens/dist/theme.css")
	same(t, c, utrecht)
	if c.Selector != ".utrecht-theme" {
		t.Errorf("theme selector %q", c.Selector)
	}
}

// The Voorbeeld theme: violet #5115ef as its brand (accent-1), GOV.UK
// yellow focus, dark blue text, Noto Sans, 4px corners: all from the basis
// layer.
var voorbeeld = map[string]string{
	"--gw-primary": "#5115ef", "--gw-on-primary": "#ffffff", "--gw-accent": "#ffdd00", "--gw-on-accent": "#0b0c0c",
	"--gw-text": "#001a40", "--gw-muted": "#586c88", "--gw-bg": "#ffffff", "--gw-surface": "#f9f9fa",
	"--gw-border": "#586c88", "--gw-line": "#586c88", "--gw-font": `"Noto Sans", sans-serif`, "--gw-radius": "4px",
}

func TestVoorbeeldDesignTokens(t *testing.T) {
	const pkg = "@nl-design-system-unstable/voorbeeld-design-tokens/"
	// The built file (Style Dictionary output in DTCG form, values
	// resolved), the designers' source (a Tokens Studio file of token
	// sets, every colour an alias) and the theme stylesheet (var()
	// references) must agree.
	for _, file := range []string{"dist/tokens.json", "figma/voorbeeld.tokens.json", "dist/theme.css"} {
		b := brandOf(t, pkg+file)
		same(t, b, voorbeeld)
	}
	src := brandOf(t, pkg+"figma/voorbeeld.tokens.json")
	if v := src.Values["--gw-primary"]; v.Source != "basis.color.accent-1.color-default" || strings.Join(v.Via, " ") != "voorbeeld.kleuren.violet.500" {
		t.Errorf("primary came from %s", v.from())
	}
}

// KERN's own theme (the stylesheet everything else builds on): oklch()
// colours built from var() references, light mode under
// @media (prefers-color-scheme: light).
var kern = map[string]string{
	"--gw-primary": "#2044aa", "--gw-on-primary": "#ffffff", "--gw-text": "#131525", "--gw-muted": "#51577a",
	"--gw-bg": "#ffffff", "--gw-surface": "#f3f4f7", "--gw-border": "#6e7597", "--gw-line": "#6e7597",
	"--gw-font": `"Fira Sans", sans-serif`, "--gw-radius": "0.25rem",
}

func TestKERN(t *testing.T) {
	const file = "@kern-ux/native/dist/kern.css"
	same(t, brandOf(t, file), kern)
	// The light theme's class says the same; the dark theme's selector,
	// given as the option, gives the dark values.
	same(t, brandOf(t, file, ".kern-light"), kern)
	dark, problems := ParseCSS(read(t, file), file, "[data-kern-theme=dark]")
	noProblems(t, problems)
	if dark.Values["--gw-bg"].CSS != "#000000" {
		t.Errorf("the dark theme's background is %s", dark.Values["--gw-bg"].CSS)
	}
}

// KERN 2.7.2's example themes (Schleswig-Holstein, Dataport,
// Baden-Württemberg) still refer to primitives of an older KERN
// (--kern-black-lightness, --kern-neutral-900-lightness …) that neither
// they nor kern.css define: in a browser those colours fall away
// silently. Here they are refused with the property and the line.
func TestKERNExampleThemesReferToMissingPrimitives(t *testing.T) {
	const dir = "@kern-ux/native/src/scss/themes/examples/"
	for file, line := range map[string]int{"dataport.css": 468, "sh.css": 306, "bw.css": 307} {
		_, problems := ParseCSS(read(t, dir+file), dir+file)
		want(t, problems, dir+file, line, "--kern-color-action-on-default: var(--kern-black-lightness) refers to a custom property the theme does not define")
	}
}

// The example organisations' vendored token files are the published ones,
// byte for byte, each with its package's licence beside it, and read as
// their org.toml names them.
func TestVendoredTokensArePublished(t *testing.T) {
	for _, v := range []struct {
		org   string
		files map[string]string // vendored name in vendor/ → published file
		read  func(root *os.Root, file string) (*Brand, []problem.Problem)
		want  map[string]string
		theme string
	}{
		{"gemeente-voorbeeldstad", map[string]string{
			"voorbeeld.tokens.json": "@nl-design-system-unstable/voorbeeld-design-tokens/figma/voorbeeld.tokens.json",
			"LICENSE.md":            "@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md",
		}, func(root *os.Root, file string) (*Brand, []problem.Problem) {
			return ReadJSON(root, "vendor/voorbeeld.tokens.json", file)
		}, voorbeeld, "voorbeeld.tokens.json"},
		{"landkreis-musterau", map[string]string{
			"kern.css":   "@kern-ux/native/dist/kern.css",
			"LICENSE.md": "@kern-ux/native/LICENSE.md",
		}, func(root *os.Root, file string) (*Brand, []problem.Problem) {
			return ReadCSS(root, "vendor/kern.css", file, ".kern-light")
		}, kern, "kern.css"},
	} {
		dir := filepath.Join(projecttest.RepoRoot(), "orgs", v.org)
		for vendored, published := range v.files {
			got, err := os.ReadFile(filepath.Join(dir, "vendor", vendored))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, read(t, published)) {
				t.Errorf("orgs/%s/vendor/%s differs from %s", v.org, vendored, published)
			}
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			t.Fatal(err)
		}
		b, problems := v.read(root, "orgs/"+v.org+"/vendor/"+v.theme)
		root.Close()
		noProblems(t, problems)
		same(t, b, v.want)
	}
}

// BenchmarkVoorbeeld reads the largest published file (dist/tokens.json,
// 2 MB, 5,560 tokens).
func BenchmarkVoorbeeld(b *testing.B) {
	data := read(b, "@nl-design-system-unstable/voorbeeld-design-tokens/dist/tokens.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ParseJSON(data, "tokens.json")
	}
}

// BenchmarkKERN reads KERN's stylesheet (405 KB).
func BenchmarkKERN(b *testing.B) {
	data := read(b, "@kern-ux/native/dist/kern.css")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ParseCSS(data, "kern.css")
	}
}
