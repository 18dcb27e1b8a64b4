package org

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// withBrand is validFile with its [brand] table replaced.
func withBrand(brand string) string {
	a := strings.Index(validFile, "[brand]")
	b := strings.Index(validFile, "[contact]")
	return validFile[:a] + brand + "\n" + validFile[b:]
}

// wantProblem asserts that a problem with every fragment in its message
// or fix is in file at line.
func wantProblem(t *testing.T, problems []problem.Problem, file string, line int, fragments ...string) {
	t.Helper()
	p, ok := problem.List(problems).Find(fragments...)
	if !ok {
		t.Errorf("no problem with %q among %v", fragments, problems)
	} else if p.File != file || p.Line != line {
		t.Errorf("%q at %s:%d, want %s:%d", p.Message, p.File, p.Line, file, line)
	}
}

// TestTokenFileGivesTheBrand: [brand] tokens reads a design-token file;
// primary and accent are then optional, a colour written in org.toml wins
// over the token, and the brand stylesheet holds the result.
func TestTokenFileGivesTheBrand(t *testing.T) {
	dir := orgDir(t, "provincie-voorbeeld")
	os.MkdirAll(filepath.Join(dir, "tokens"), 0o755)
	write(t, dir, "tokens/brand.tokens.json", `{
  "basis": { "color": {
    "accent-1": { "color-default": { "$value": "#5115ef" } },
    "default": { "color-document": { "$value": "#001a40" } }
  } }
}`)
	o, problems := Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens = \"tokens/brand.tokens.json\"\n"), site)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if o.Brand.Primary != "#5115ef" || o.Brand.Accent != "#f2b705" || o.Brand.CSS != ":root{--gw-primary:#5115ef;--gw-text:#001a40}\n" {
		t.Errorf("brand %+v", o.Brand)
	}
	o, problems = Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens = \"tokens/brand.tokens.json\"\nprimary = \"rgb(0 89 79)\"\n"), site)
	if len(problems) > 0 || o.Brand.Primary != "#00594f" || !strings.Contains(o.Brand.CSS, "--gw-primary:#00594f;--gw-text:#001a40") {
		t.Errorf("org.toml's primary does not win: %+v %v", o.Brand, problems)
	}
}

// TestBadTokenFilesAreRefusedWithTheTokenPath: through org.toml, a token
// file with an alias cycle, a dangling alias and a non-colour where a
// colour belongs is refused, each problem in the token file at its line
// with the token's path; and the keys themselves are checked.
func TestBadTokenFilesAreRefusedWithTheTokenPath(t *testing.T) {
	dir := orgDir(t, "provincie-voorbeeld")
	write(t, dir, "bad.tokens.json", `{
  "utrecht": { "color": { "red": { "40": { "$value": "{basis.color.accent-1}" } } } },
  "basis": {
    "size": { "md": { "$value": "48px", "$type": "dimension" } },
    "color": {
      "accent-1": { "$value": "{utrecht.color.red.40}" },
      "accent-1-inverse": { "color-default": { "$value": "{basis.size.md}" } },
      "default": {
        "color-document": { "value": "{voorbeeld.kleuren.grys.700}" }
      }
    }
  },
  "voorbeeld": { "kleuren": { "grijs": { "700": { "value": "#001a40" } } } }
}`)
	write(t, dir, "theme.css", ":root {\n  --kern-color-action-default: var(--kern-blue);\n}\n")
	_, problems := Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens = \"bad.tokens.json\"\n"), site)
	tokenFile := "orgs/p/bad.tokens.json"
	wantProblem(t, problems, tokenFile, 2, "utrecht.color.red.40 → basis.color.accent-1 → utrecht.color.red.40")
	wantProblem(t, problems, tokenFile, 7, "basis.color.accent-1-inverse.color-default → basis.size.md: --gw-on-primary needs a colour", `"48px" is not a colour`)
	wantProblem(t, problems, tokenFile, 9, "basis.color.default.color-document: {voorbeeld.kleuren.grys.700} refers to a token the file does not define", "did you mean {voorbeeld.kleuren.grijs.700}?")
	if len(problems) != 3 {
		t.Errorf("want the three problems of the token file and no contrast problem on top:\n%v", problems)
	}

	_, problems = Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens_css = \"theme.css\"\n"), site)
	wantProblem(t, problems, "orgs/p/theme.css", 2, "--kern-color-action-default: var(--kern-blue) refers to a custom property the theme does not define")

	for _, tt := range []struct {
		brand    string
		line     int
		fragment string
	}{
		{"tokens = \"bad.tokens.json\"\ntokens_css = \"theme.css\"", 9, "are both given"},
		{"tokens_css_selector = \".kern-light\"", 8, "no tokens_css is given"},
		{"tokens = \"theme.css\"", 8, `"theme.css" is not a .json file`},
		{"tokens = \"../bad.tokens.json\"", 8, "outside the organisation's folder"},
		{"tokens = \"missing.json\"", 8, "missing.json does not exist"},
		{"tokens_css = \"theme.css\"\ntokens_css_selector = \".kern-dark\"", 1, "no rule of the file has the selector .kern-dark"},
	} {
		_, problems := Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\n"+tt.brand+"\n"), site)
		file := "orgs/p/org.toml"
		if strings.Contains(tt.fragment, "selector .kern-dark") {
			file = "orgs/p/theme.css"
		}
		wantProblem(t, problems, file, tt.line, tt.fragment)
	}
}

// TestTokenContrastNamesTheToken: a token file's colours go through the
// same contrast checks, and a failure names the token and its line; a
// colour written in org.toml fixes it.
func TestTokenContrastNamesTheToken(t *testing.T) {
	dir := orgDir(t, "provincie-voorbeeld")
	write(t, dir, "t.json", `{"basis": {"color": {
  "accent-1": {"color-default": {"$value": "#5115ef"}},
  "accent-1-inverse": {"color-default": {"$value": "#7a5af5"}}
}}}`)
	_, problems := Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens = \"t.json\"\n"), site)
	wantProblem(t, problems, "orgs/p/t.json", 3, "--gw-on-primary #7a5af5 (basis.color.accent-1-inverse.color-default, orgs/p/t.json line 3) on --gw-primary #5115ef", "org.toml")
	if len(problems) != 1 {
		t.Errorf("want one problem: %v", problems)
	}
	_, problems = Parse(dir, "orgs/p/org.toml", withBrand("[brand]\nlogo = \"logo.svg\"\ntokens = \"t.json\"\non_primary = \"#ffffff\"\n"), site)
	if len(problems) != 0 {
		t.Errorf("on_primary written in org.toml should win: %v", problems)
	}
}
