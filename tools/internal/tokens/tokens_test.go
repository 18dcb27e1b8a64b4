package tokens

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// want asserts that a problem contains every fragment, on line.
func want(t *testing.T, problems []problem.Problem, file string, line int, fragments ...string) {
	t.Helper()
	p, ok := problem.List(problems).Find(fragments...)
	if !ok {
		t.Errorf("no problem with %q among:\n%s", fragments, list(problems))
	} else if p.File != file || p.Line != line {
		t.Errorf("problem %q at %s:%d, want %s:%d", p.Message, p.File, p.Line, file, line)
	}
}

func list(problems []problem.Problem) string {
	var sb strings.Builder
	for _, p := range problems {
		sb.WriteString(p.String() + "\n")
	}
	return sb.String()
}

func noProblems(t *testing.T, problems []problem.Problem) {
	t.Helper()
	if len(problems) > 0 {
		t.Fatalf("unexpected problems:\n%s", list(problems))
	}
}

func valueOf(t *testing.T, b *Brand, prop string) string {
	t.Helper()
	v, ok := b.Values[prop]
	if !ok {
		t.Fatalf("%s not set; values: %v", prop, b.Values)
	}
	return v.CSS
}

// The cycle from the issue, written as a designer might: the three tokens
// on lines 3, 6 and 9. It is refused once, with the whole circle.
func TestAliasCycleIsRefusedWithItsPath(t *testing.T) {
	src := `{
  "utrecht": { "color": { "red": {
    "40": { "$value": "{basis.color.accent-1}" } } } },
  "basis": { "color": {
    "accent-1": {
      "$value": "{utrecht.color.red.40}", "$type": "color" },
    "accent-1": {
      "color-default": {
        "$value": "{basis.color.accent-1}" } } } }
}`
	// accent-1 is written twice: the second (a group) counts, so the
	// references dangle rather than cycle. Without the duplicate:
	src2 := `{
  "utrecht": { "color": { "red": {
    "40": { "$value": "{basis.color.accent-1}" } } } },
  "basis": { "color": {
    "accent-1": { "$value": "{utrecht.color.red.40}", "$type": "color" },
    "default": { "color-document": { "$value": "{basis.color.accent-1}" } }
  } }
}`
	b, problems := ParseJSON([]byte(src2), "orgs/x/tokens.json")
	want(t, problems, "orgs/x/tokens.json", 3, "utrecht.color.red.40 → basis.color.accent-1 → utrecht.color.red.40", "make one of these tokens a value")
	if len(problems) != 1 {
		t.Errorf("one cycle is one problem, got:\n%s", list(problems))
	}
	if _, set := b.Values["--gw-text"]; set {
		t.Error("a token that depends on a cycle set --gw-text")
	}

	_, problems = ParseJSON([]byte(src), "t.json")
	want(t, problems, "t.json", 7, `"accent-1" is written twice in the same group (lines 5 and 7)`)
	want(t, problems, "t.json", 3, "utrecht.color.red.40: {basis.color.accent-1} refers to a token the file does not define")

	// A token that refers to itself.
	_, problems = ParseJSON([]byte(`{"a": {"$value": "{a}"}}`), "t.json")
	want(t, problems, "t.json", 1, "a: the references go round in a circle: a → a")
}

func TestDanglingAliasIsRefusedWithItsPath(t *testing.T) {
	src := `{
  "voorbeeld": { "kleuren": { "grijs": { "700": { "value": "#001a40" } } } },
  "basis": { "color": { "default": {
    "color-document": { "value": "{voorbeeld.kleuren.grys.700}" }
  } } }
}`
	b, problems := ParseJSON([]byte(src), "orgs/x/tokens.json")
	want(t, problems, "orgs/x/tokens.json", 4,
		"basis.color.default.color-document: {voorbeeld.kleuren.grys.700} refers to a token the file does not define",
		"did you mean {voorbeeld.kleuren.grijs.700}?")
	if _, set := b.Values["--gw-text"]; set {
		t.Error("a dangling reference set --gw-text")
	}
	// Inside text and inside a composite value too.
	src = `{"x": {"$value": "1px solid {nope}"}, "y": {"$value": {"color": "{nada}", "blur": 2}}}`
	_, problems = ParseJSON([]byte(src), "t.json")
	want(t, problems, "t.json", 1, "x: {nope} refers to a token the file does not define")
	want(t, problems, "t.json", 1, "y: {nada} refers to a token the file does not define")
}

func TestNonColourWhereAColourBelongsIsRefused(t *testing.T) {
	src := `{
  "basis": {
    "size": { "md": { "$value": "48px", "$type": "dimension" } },
    "color": {
      "accent-1": {
        "color-default": { "$value": "{basis.size.md}", "$type": "color" }
      },
      "default": {
        "color-document": { "$value": "blauw" },
        "bg-document": { "$value": "#ffffff" }
      }
    }
  }
}`
	b, problems := ParseJSON([]byte(src), "orgs/x/tokens.json")
	want(t, problems, "orgs/x/tokens.json", 6,
		"basis.color.accent-1.color-default → basis.size.md: --gw-primary needs a colour", `"48px" is not a colour`,
		"give basis.color.accent-1.color-default a colour")
	want(t, problems, "orgs/x/tokens.json", 9, "basis.color.default.color-document: --gw-text needs a colour", `"blauw" is not a colour`)
	if _, set := b.Values["--gw-primary"]; set {
		t.Error("a length became --gw-primary")
	}
	if _, set := b.Values["--gw-text"]; set {
		t.Error("the next token in the list was taken instead of refusing the file's own")
	}
	if valueOf(t, b, "--gw-bg") != "#ffffff" {
		t.Error("the good token beside the bad ones was lost")
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
	}{
		{"Style Dictionary, alias to alias", `{
			"color": {"base": {"violet": {"value": "#5115EF"}}},
			"brand": {"main": {"value": "{color.base.violet}"}},
			"basis": {"color": {"accent-1": {"color-default": {"value": "{brand.main}", "comment": "brand"}}}}}`,
			map[string]string{"--gw-primary": "#5115ef"}},
		{"Style Dictionary's old {x.value} form", `{
			"c": {"value": "rgb(0, 86, 139)"},
			"utrecht": {"link": {"color": {"value": "{c.value}"}}}}`,
			map[string]string{"--gw-primary": "#00568b"}},
		{"DTCG: $type on the group, $description, composite value with an alias", `{
			"basis": {
				"$type": "color", "$description": "the basis layer",
				"color": {"default": {
					"color-document": {"$value": "hsl(211 60% 20%)", "$extensions": {"x": {"value": "#000"}}},
					"bg-document": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1], "alpha": 1}}}},
				"box-shadow": {"sm": {"$type": "shadow", "$value": {"color": "{basis.color.default.color-document}", "blur": "6px"}}},
				"border-radius": {"sm": {"$type": "dimension", "$value": {"value": 0.25, "unit": "rem"}}},
				"text": {"font-family": {"default": {"$type": "fontFamily", "$value": ["Noto Sans", "Arial", "sans-serif"]}}}}}`,
			map[string]string{"--gw-text": "#143252", "--gw-bg": "#ffffff", "--gw-radius": "0.25rem", "--gw-font": `"Noto Sans", "Arial", sans-serif`}},
		{"references inside text", `{
			"w": {"$value": "Noto"}, "utrecht": {"document": {"font-family": {"$value": "{w} Sans, serif"}}}}`,
			map[string]string{"--gw-font": `"Noto Sans", serif`}},
		{"Tokens Studio sets: later set wins, dark set left out", `{
			"brand": {"kleur": {"paars": {"$value": "#5115ef"}, "blauw": {"$value": "#00568b"}}},
			"common": {"basis": {"color": {"accent-1": {"color-default": {"$value": "{kleur.paars}"}}}}},
			"override": {"basis": {"color": {"accent-1": {"color-default": {"$value": "{kleur.blauw}"}}}}},
			"color-scheme-dark/common": {"basis": {"color": {"accent-1": {"color-default": {"$value": "#ffffff"}}}}},
			"$themes": [],
			"$metadata": {"tokenSetOrder": ["brand", "common", "override", "color-scheme-dark/common"]}}`,
			map[string]string{"--gw-primary": "#00568b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, problems := ParseJSON([]byte(tt.src), "t.json")
			noProblems(t, problems)
			for prop, v := range tt.want {
				if got := valueOf(t, b, prop); got != v {
					t.Errorf("%s = %s, want %s", prop, got, v)
				}
			}
			if len(b.Values) != len(tt.want) {
				t.Errorf("set %d properties, want %d: %v", len(b.Values), len(tt.want), b.Values)
			}
		})
	}
}

func TestViaListsTheReferencesFollowed(t *testing.T) {
	b, problems := ParseJSON([]byte(`{"k": {"w": {"$value": "#fff"}}, "a": {"$value": "{k.w}"}, "basis": {"color": {"default": {"bg-document": {"$value": "{a}"}}}}}`), "t.json")
	noProblems(t, problems)
	v := b.Values["--gw-bg"]
	if v.Source != "basis.color.default.bg-document" || strings.Join(v.Via, ",") != "a,k.w" || v.Line != 1 {
		t.Errorf("value %+v", v)
	}
}

func TestColours(t *testing.T) {
	good := map[string]string{
		"#ABC": "#aabbcc", "#0b4f8a": "#0b4f8a", "#0b4f8aff": "#0b4f8a", "#fffF": "#ffffff",
		"white": "#ffffff", "SteelBlue": "#4682b4",
		"rgb(0, 86, 139)": "#00568b", "rgb(0 86 139 / 1)": "#00568b", "rgba(0,0,0,1)": "#000000", "rgb(100% 0% 0%)": "#ff0000",
		"hsl(0 100% 40%)": "#cc0000", "hsl(211 60% 35%)": "#24578f", "hsla(120, 100%, 25%, 1)": "#008000", "hsl(0.5turn 100% 50%)": "#00ffff",
		"oklch(0% 0 0)": "#000000", "oklch(100% 0 0)": "#ffffff", "oklch(42.84% 0.1689 265.02)": "#2044aa",
		"oklch(0.6 0.1 none)": "#b1667e" /* none is 0 */, "oklab(0.5 0 0)": "#636363",
	}
	for in, out := range good {
		c, err := parseColour(in)
		if err != nil || c.hex() != out {
			t.Errorf("parseColour(%q) = %s, %v; want %s", in, c.hex(), err, out)
		}
	}
	bad := []string{"", "blauw", "#12", "#12345", "#0b4f8a80", "transparent", "currentColor", "rgb(0 0 0 / 30%)", "rgba(0,0,0,.5)",
		"color-mix(in oklch, red, blue)", "var(--x)", "rgb(0 0)", "red blue", "#fff;}body{x:y", "url(x)", "rgb(calc(1) 0 0)",
		"linear-gradient(45deg, red, blue)", strings.Repeat("#", 300)}
	for _, in := range bad {
		if c, err := parseColour(in); err == nil {
			t.Errorf("parseColour(%q) = %s, want an error", in, c.hex())
		}
	}
}

// safeCSS is what any value may look like in the brand stylesheet.
var safeCSS = regexp.MustCompile(`^(#[0-9a-f]{6}|0|[0-9.]+(px|rem|em)|("[\p{L}\p{N} ._-]+"|[a-z-]+)(, ("[\p{L}\p{N} ._-]+"|[a-z-]+))*)$`)

func TestValuesAreWrittenAnewNeverPasted(t *testing.T) {
	fonts := map[string]string{
		`"Noto Sans Variable", "Arial", sans-serif`: `"Noto Sans Variable", "Arial", sans-serif`,
		`Noto Sans, sans-serif`:                     `"Noto Sans", sans-serif`,
		`'Fira Sans'`:                               `"Fira Sans", sans-serif`,
		`Segoe UI, SegoeUI, Roboto`:                 `"Segoe UI", "SegoeUI", "Roboto", sans-serif`,
		`system-ui, "sans-serif"`:                   `system-ui, "sans-serif"`,
	}
	for in, out := range fonts {
		if got, err := parseFontFamilies(in); err != nil || got != out {
			t.Errorf("font %q → %q, %v; want %q", in, got, err, out)
		}
	}
	for _, in := range []string{`Arial; } body { display: none`, `"x\"y"`, `url(evil)`, `Arial,,serif`, `"a" b`, `expression(alert(1))`,
		`"</style><script>"`, strings.Repeat("a, ", 20) + "b", `"` + strings.Repeat("x", 70) + `"`, `Arial\\, serif`} {
		if got, err := parseFontFamilies(in); err == nil {
			t.Errorf("font %q accepted as %q", in, got)
		}
	}
	lengths := map[string]string{"0": "0", "4px": "4px", "0.25rem": "0.25rem", "0px": "0", "1EM": "1em", ".5rem": "0.5rem"}
	for in, out := range lengths {
		if got, err := parseLength(in); err != nil || got != out {
			t.Errorf("length %q → %q, %v; want %q", in, got, err, out)
		}
	}
	for _, in := range []string{"4", "50%", "999px", "-2px", "1px;color:red", "calc(1px)", "2vw", "1px 2px", "", "17px"} {
		if got, err := parseLength(in); err == nil {
			t.Errorf("length %q accepted as %q", in, got)
		}
	}
	// A whole hostile file: whatever is set is safe, the rest is refused.
	src := `{"basis": {
		"color": {"default": {"color-document": {"$value": "red;}body{display:none"}, "bg-document": {"$value": "#fff</style>"}}},
		"text": {"font-family": {"default": {"$value": "x}</style><script>alert(1)</script>"}}},
		"border-radius": {"sm": {"$value": "1px;background:url(//evil)"}}}}`
	b, problems := ParseJSON([]byte(src), "t.json")
	if len(problems) != 4 || len(b.Values) != 0 {
		t.Errorf("hostile values: %d problems, %d values set:\n%s", len(problems), len(b.Values), list(problems))
	}
}

func TestSetAndCSS(t *testing.T) {
	b := &Brand{}
	if err := b.Set("--gw-primary", "hsl(0 100% 40%)", "brand.primary", "orgs/x/org.toml", 12); err != nil {
		t.Fatal(err)
	}
	if err := b.Set("--gw-radius", "0.5rem", "brand.radius", "orgs/x/org.toml", 13); err != nil {
		t.Fatal(err)
	}
	if err := b.Set("--gw-text", "red;}", "brand.text", "orgs/x/org.toml", 14); err == nil {
		t.Error("Set accepted a value that is not a colour")
	}
	if err := b.Set("--gw-measure", "40rem", "x", "y", 1); err == nil {
		t.Error("Set accepted a property a brand cannot set")
	}
	if got, want := b.CSS(), ":root{--gw-primary:#cc0000;--gw-radius:0.5rem}\n"; got != want {
		t.Errorf("CSS() = %q, want %q", got, want)
	}
	if got := b.Get("--gw-accent"); got.CSS != "#f2b705" || got.Source != "" {
		t.Errorf("an unset property gives %+v, want the site's default", got)
	}
}

func TestCheckNamesBothColoursAndTheirTokens(t *testing.T) {
	src := `{
  "basis": { "color": {
    "accent-1": { "color-default": { "$value": "#5115ef" } },
    "accent-1-inverse": { "color-default": { "$value": "#7a5af5" } },
    "default": { "color-document": { "$value": "#777777" } }
  } }
}`
	b, problems := ParseJSON([]byte(src), "orgs/x/tokens.json")
	noProblems(t, problems)
	problems = b.Check()
	want(t, problems, "orgs/x/tokens.json", 4,
		"--gw-on-primary #7a5af5 (basis.color.accent-1-inverse.color-default, orgs/x/tokens.json line 4) on --gw-primary #5115ef (basis.color.accent-1.color-default, orgs/x/tokens.json line 3), the header and filled buttons: contrast 1.",
		"below WCAG AA's 4.5:1", "org.toml")
	want(t, problems, "orgs/x/tokens.json", 5, "--gw-text #777777", "on --gw-bg #ffffff (the site's default), body text on the page: contrast 4.48:1")
	if len(problems) != 4 { // text on bg, text on surface, on-primary on primary, the focus ring's edge
		t.Errorf("want 4 contrast problems:\n%s", list(problems))
	}
	// A key written in org.toml wins, and the check applies to the result.
	b.Set("--gw-on-primary", "#ffffff", "brand.on_primary", "orgs/x/org.toml", 9)
	b.Set("--gw-text", "#1a1a1a", "brand.text", "orgs/x/org.toml", 10)
	if problems := b.Check(); len(problems) != 0 {
		t.Errorf("after org.toml's keys: %s", list(problems))
	}
}

// The package's defaults are the stylesheet's, and they pass every check
// (Check relies on that to skip pairs the brand does not touch).
func TestDefaultsAreTheStylesheets(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(projecttest.RepoRoot(), "assets", "css", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	c := &cssFile{file: "site.css"}
	root, _, ok := c.collect(data)
	if !ok {
		t.Fatal(list(c.problems))
	}
	for _, p := range Properties {
		d, ok := root[p.Name]
		if !ok {
			t.Errorf("%s is not in site.css's :root", p.Name)
			continue
		}
		if got := strings.Join(strings.Fields(d.value), " "); got != p.Default {
			t.Errorf("%s: site.css has %q, the package's default is %q", p.Name, got, p.Default)
		}
		if _, err := serialise(p.Kind, p.Default); err != nil {
			t.Errorf("%s: the default does not read as %s: %v", p.Name, kindName(p.Kind), err)
		}
	}
	all := &Brand{Values: map[string]Value{}}
	for _, p := range Properties {
		css, _ := serialise(p.Kind, p.Default)
		all.Values[p.Name] = Value{CSS: css, Source: "default", File: "site.css", Line: 1}
	}
	if problems := all.Check(); len(problems) > 0 {
		t.Errorf("the site's own colours fail:\n%s", list(problems))
	}
}

func TestCSSTheme(t *testing.T) {
	src := `@charset "UTF-8";
:root {
  --p-700-l: 42.84%; --p-700-c: 0.1689; --p-700-h: 265.02;
  --kern-color-action-default: oklch(var(--p-700-l) var(--p-700-c) var(--p-700-h));
  --kern-color-layout-text-default: var(--undefined-here, var(--kern-color-black));
  --kern-color-black: #000;
  --kern-typography-font-family-default: "Fira Sans", sans-serif !important;
}
@media (min-width: 768px) { :root { --kern-color-action-default: red; } }
@media (prefers-color-scheme: dark) { :root { --kern-color-layout-background-default: black; } }
@media (prefers-color-scheme: light) { :root { --kern-color-layout-background-default: #fefefe; } }
@supports (color: red) { :root { --kern-color-layout-text-muted: red; } }
.kern-dark, [data-kern-theme=dark] { --kern-color-layout-background-default: #000; --kern-color-layout-text-default: #fff; }
html { --kern-metric-border-radius-default: var(--kern-4); --kern-4: 0.25rem; }
`
	b, problems := ParseCSS([]byte(src), "theme.css")
	noProblems(t, problems)
	wantValues := map[string]string{"--gw-primary": "#2044aa", "--gw-text": "#000000", "--gw-bg": "#fefefe",
		"--gw-font": `"Fira Sans", sans-serif`, "--gw-radius": "0.25rem"}
	for prop, v := range wantValues {
		if got := valueOf(t, b, prop); got != v {
			t.Errorf("%s = %s, want %s", prop, got, v)
		}
	}
	if len(b.Values) != len(wantValues) {
		t.Errorf("values from rules that do not apply: %v", b.Values)
	}
	if v := b.Values["--gw-primary"]; v.Source != "--kern-color-action-default" || v.Line != 4 {
		t.Errorf("source %+v", v)
	}
	// The dark theme's selector, as an option: its declarations apply on top.
	b, problems = ParseCSS([]byte(src), "theme.css", "[data-kern-theme = dark]")
	noProblems(t, problems)
	if valueOf(t, b, "--gw-bg") != "#000000" || valueOf(t, b, "--gw-text") != "#ffffff" || b.Selector != "[data-kern-theme=dark]" {
		t.Errorf("with the dark selector: %v, %q", b.Values, b.Selector)
	}
	_, problems = ParseCSS([]byte(src), "theme.css", ".kern-darc")
	want(t, problems, "theme.css", 1, "no rule of the file has the selector .kern-darc", "e.g. .kern-dark")
}

func TestCSSThemeClassIsDetected(t *testing.T) {
	src := `.nav { --x: 1px; }
.gemeente-theme {
  --basis-color-accent-1-color-default: var(--gemeente-rood);
  --gemeente-rood: #c00;
  --utrecht-link-color: blue;
}`
	b, problems := ParseCSS([]byte(src), "theme.css")
	noProblems(t, problems)
	if b.Selector != ".gemeente-theme" || valueOf(t, b, "--gw-primary") != "#cc0000" {
		t.Errorf("selector %q, values %v", b.Selector, b.Values)
	}
	_, problems = ParseCSS([]byte(src+"\n.other-theme { --utrecht-link-color: red; }"), "theme.css")
	want(t, problems, "theme.css", 1, "the theme could be any of .gemeente-theme, .other-theme")
	_, problems = ParseCSS([]byte(".a { color: red }"), "x.css")
	want(t, problems, "x.css", 1, "defines none of the custom properties the site reads")
}

func TestCSSReferencesAreRefusedWithTheirPath(t *testing.T) {
	src := `:root {
  --kern-color-action-default: var(--b);
  --b: var(--c);
  --c: var(--kern-color-action-default);
  --kern-color-layout-text-default: var(--kern-neutral-900);
  --kern-neutral-950: #131525;
  --kern-color-layout-background-default: 16px;
  --kern-color-accent: var(--kern-neutral-950;
}`
	_, problems := ParseCSS([]byte(src), "kern.css")
	want(t, problems, "kern.css", 2, "--kern-color-action-default: the var() references go round in a circle: --kern-color-action-default → --b → --c → --kern-color-action-default")
	want(t, problems, "kern.css", 5, "--kern-color-layout-text-default: var(--kern-neutral-900) refers to a custom property the theme does not define", "did you mean --kern-neutral-950?")
	want(t, problems, "kern.css", 7, "--kern-color-layout-background-default: --gw-bg needs a colour", `"16px" is not a colour`)
}

func TestBounds(t *testing.T) {
	deep := strings.Repeat(`{"a":`, MaxDepth+2) + `1` + strings.Repeat(`}`, MaxDepth+2)
	_, problems := ParseJSON([]byte(deep), "t.json")
	want(t, problems, "t.json", 1, "nested more than 32 deep")

	var sb strings.Builder
	sb.WriteString("{")
	for i := 0; i <= MaxAliasChain; i++ {
		fmt.Fprintf(&sb, `"c%d": {"$value": "{c%d}"}, `, i, i+1)
	}
	fmt.Fprintf(&sb, `"c%d": {"$value": "#ffffff"}}`, MaxAliasChain+1)
	_, problems = ParseJSON([]byte(sb.String()), "t.json")
	want(t, problems, "t.json", 1, "more than 32 references must be followed")

	sb.Reset()
	sb.WriteString("{\n")
	for i := 0; i <= MaxTokens; i++ {
		fmt.Fprintf(&sb, "\"t%d\": {\"value\": 1},\n", i)
	}
	sb.WriteString(`"end": {"value": 1}}`)
	_, problems = ParseJSON([]byte(sb.String()), "t.json")
	want(t, problems, "t.json", MaxTokens+2, "more than 20000 tokens")

	// Each reference doubles the text: refused when it outgrows the bound.
	sb.Reset()
	sb.WriteString(`{"r0": {"$value": "xxxxxxxxxxxxxxxx"}`)
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&sb, `, "r%d": {"$value": "{r%d}{r%d}"}`, i, i-1, i-1)
	}
	sb.WriteString(`, "utrecht": {"document": {"font-family": {"$value": "{r19}"}}}}`)
	_, problems = ParseJSON([]byte(sb.String()), "t.json")
	want(t, problems, "t.json", 1, "grows beyond 4096 bytes")

	sb.Reset()
	sb.WriteString(":root { --v0: x;")
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&sb, " --v%d: var(--v%d) var(--v%d);", i, i-1, i-1)
	}
	sb.WriteString(" --kern-typography-font-family-default: var(--v19); }")
	_, problems = ParseCSS([]byte(sb.String()), "t.css")
	want(t, problems, "t.css", 1, "grows beyond 4096 bytes")

	// Each nested fallback re-reads the rest of the value: a value nested
	// thousands deep took minutes (quadratic) before the depth was bounded.
	nested := func(n int) string {
		return ":root{--kern-color-action-default:" + strings.Repeat("var(--none,", n) + "#0b4f8a" + strings.Repeat(")", n) + "}"
	}
	b, problems := ParseCSS([]byte(nested(MaxAliasChain)), "t.css")
	noProblems(t, problems)
	if got := valueOf(t, b, "--gw-primary"); got != "#0b4f8a" {
		t.Errorf("fallbacks nested %d deep gave %q", MaxAliasChain, got)
	}
	_, problems = ParseCSS([]byte(nested(MaxAliasChain+1)), "t.css")
	want(t, problems, "t.css", 1, "fallbacks are nested more than 32 deep")

	big := make([]byte, MaxFileBytes+1)
	_, problems = ParseJSON(big, "t.json")
	want(t, problems, "t.json", 1, "more than the 4194304 a token file may have")
	_, problems = ParseCSS(big, "t.css")
	want(t, problems, "t.css", 1, "larger than the 4194304 bytes")
}

func TestSyntaxErrorsHaveTheirLine(t *testing.T) {
	_, problems := ParseJSON([]byte("{\n  \"a\": {\"$value\": \"#fff\"}\n  \"b\": 1\n}"), "t.json")
	want(t, problems, "t.json", 3, "not valid JSON", "a missing comma")
	_, problems = ParseJSON([]byte("{\n  \"a\": {\"$value\": \"#fff\""), "t.json")
	want(t, problems, "t.json", 2, "the file ends before the JSON is complete")
	_, problems = ParseJSON([]byte(`["#fff"]`), "t.json")
	want(t, problems, "t.json", 1, "must be a JSON object")
	_, problems = ParseJSON([]byte("{\"a.b\": {\"$value\": 1}}"), "t.json")
	want(t, problems, "t.json", 1, `"a.b": a token or group name cannot contain . { or }`)
	_, problems = ParseCSS([]byte(":root {\n  --kern-color-action-default: #fff;\n  --a: ) }"), "t.css")
	want(t, problems, "t.css", 3, "not valid CSS: unexpected ending in custom property")
	_, problems = ParseJSON([]byte(`{"x": {"y": {"value": "#fff"}}}`), "t.json")
	want(t, problems, "t.json", 1, "the file has none of the tokens the site reads")
}

func TestReadThroughTheOrganisationsFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "t.json"), []byte(`{"basis": {"color": {"default": {"bg-document": {"value": "#fff"}}}}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "t.css"), []byte(`:root { --kern-color-layout-background-default: #fff; }`), 0o644)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if b, problems := ReadJSON(root, "t.json", "orgs/x/t.json"); len(problems) > 0 || b.Values["--gw-bg"].File != "orgs/x/t.json" {
		t.Errorf("ReadJSON: %v %s", b, list(problems))
	}
	if b, problems := ReadCSS(root, "t.css", "orgs/x/t.css"); len(problems) > 0 || valueOf(t, b, "--gw-bg") != "#ffffff" {
		t.Errorf("ReadCSS: %s", list(problems))
	}
	_, problems := ReadJSON(root, "../t.json", "orgs/x/../t.json")
	want(t, problems, "orgs/x/../t.json", 1, "cannot read the token file", "put the file in the organisation's folder")
	_, problems = ReadCSS(root, "missing.css", "orgs/x/missing.css")
	want(t, problems, "orgs/x/missing.css", 1, "cannot read the token file")
}

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"basis": {"color": {"accent-1": {"color-default": {"$value": "{a}"}}}}, "a": {"$value": "hsl(1 2% 3%)"}}`))
	f.Add([]byte(`{"a": {"$value": "{b}"}, "b": {"$value": "{a}"}, "utrecht": {"link": {"color": {"value": "{a}"}}}}`))
	f.Add([]byte(`{"brand": {"x": {"$value": "#fff"}}, "$metadata": {"tokenSetOrder": ["brand", "dark"]}}`))
	f.Add([]byte(`{"basis": {"text": {"font-family": {"default": {"$value": ["A", "b c", 1]}}}, "border-radius": {"sm": {"$value": {"value": 2, "unit": "px"}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _ := ParseJSON(data, "f.json")
		for name, v := range b.Values {
			if !safeCSS.MatchString(v.CSS) {
				t.Fatalf("%s = %q reached the stylesheet", name, v.CSS)
			}
		}
		b.Check()
	})
}

func FuzzParseCSS(f *testing.F) {
	f.Add([]byte(`:root{--kern-color-action-default:oklch(var(--l) 0.1 20);--l:50%}`))
	f.Add([]byte(`@media (prefers-color-scheme: light){:root{--a:var(--b,var(--c))}} .x-theme{--basis-color-default-bg-document:#fff}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _ := ParseCSS(data, "f.css")
		for name, v := range b.Values {
			if !safeCSS.MatchString(v.CSS) {
				t.Fatalf("%s = %q reached the stylesheet", name, v.CSS)
			}
		}
	})
}

// TestTerminalEscapesInATokenFileAreEscaped: a token file whose key and
// reference hold ESC and OSC sequences (retitle the terminal, clear it,
// move the cursor up over the lines above) is reported with every control
// byte escaped: the operator's terminal shows the sequence, and nothing
// acts on it.
func TestTerminalEscapesInATokenFileAreEscaped(t *testing.T) {
	// JSON holds control characters only as \u escapes; decoded, the
	// key and the references hold the raw bytes.
	osc := `\u001b]0;pwned\u0007`
	clear := `\u001b[2J\u001b[H`
	up := `\u001b[1A\r\u001b[K`
	src := "{\n" +
		`  "basis": { "color": { "default": {` + "\n" +
		`    "color-document": { "$value": "{voorbeeld.` + osc + clear + `}" },` + "\n" +
		`    "ke\u001b]0;title\u0007y": { "$value": "{` + up + `nope}" },` + "\n" +
		`    "c1\u009b2J": { "$value": "{nada}" }` + "\n" +
		"  } } }\n}"
	_, problems := ParseJSON([]byte(src), "orgs/x/tokens.json")
	if len(problems) == 0 {
		t.Fatal("the hostile references were accepted")
	}
	out := problem.List(problems).Error()
	for i, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			t.Fatalf("the message holds the raw control character %U at %d:\n%q", r, i, out)
		}
	}
	if !strings.Contains(out, `\x1b]0;`) {
		t.Errorf("the escaped sequence is not shown, so the operator cannot see what the file holds:\n%s", out)
	}
}
