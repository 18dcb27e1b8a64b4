package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneOrganisationRuleForEveryCommand: one table of organisation
// folders run through variants, serve -org and server-config: each
// folder is accepted by all three or refused by all three, with the same
// first problem (file, line, message). server-config used to read
// org.toml itself, with rules of its own: it accepted a 64-character
// slug, a blank name and a mailto with a query that variants refused,
// and variants built a base_url path ("$uri") server-config refused.
func TestOneOrganisationRuleForEveryCommand(t *testing.T) {
	const top = "name = \"Proef\"\nbase_url = \"https://intranet.example.org/gw/\"\nlanguages = [\"nl\", \"de\"]\n"
	const brand = "[brand]\nlogo = \"logo.svg\"\nprimary = \"#1d3f8f\"\naccent = \"#ffcc00\"\n"
	const good = top + brand
	for _, c := range []struct {
		name, toml string
		accepted   bool
		line       string // the first problem's "file:line:" and a part of its message
	}{
		{"sound", good, true, ""},
		{"a dollar in the path", strings.Replace(good, "/gw/", "/$uri/", 1), false, "org.toml:2: base_url"},
		{"an escaped space in the path", strings.Replace(good, "/gw/", "/a%20b/", 1), false, "org.toml:2: base_url"},
		{"a slug longer than a DNS label", top + "slug = \"" + strings.Repeat("a", 64) + "\"\n" + brand, false, "org.toml:4: slug is 64 characters"},
		{"an unsafe slug", top + "slug = \"../x\"\n" + brand, false, "org.toml:4: slug"},
		{"a language the site has not", strings.Replace(good, `"de"]`, `"fr"]`, 1), false, "org.toml:3:"},
		{"a name that shows as nothing", strings.Replace(good, "Proef", "\u200b\u3164", 1), false, "org.toml:1: name"},
		{"a mailto with a query", good + "[contact]\nemail = \"hr?cc=spy%40evil.example&subject=x@intranet.example.org\"\n", false, "org.toml:9: contact.email"},
		{"no base_url", "name = \"Proef\"\nlanguages = [\"nl\"]\n" + brand, false, "base_url"},
		{"broken TOML", "name = \"Proef\nlanguages = [\"nl\"]\n" + brand, false, "org.toml:1:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "proef")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "org.toml"), []byte(c.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			logo, err := os.ReadFile(filepath.Join(repoRoot(t), "orgs", "grenslanders", "logo.svg"))
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, "logo.svg"), logo, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			verdicts := map[string]string{} // command → "" (accepted) or its first problem
			var out, errb bytes.Buffer
			code := run([]string{"server-config", "nginx", "-org", dir}, &out, &errb)
			verdicts["server-config"] = verdict(code, errb.String())

			// serve -org validates before it serves: that step, without
			// a server (an accepted folder would be served until stopped).
			if p, err := newOrgPreview(repoRoot(t), dir, &errb); err != nil {
				var b bytes.Buffer
				failed("serve", err, &b)
				verdicts["serve -org"] = verdict(1, b.String())
			} else {
				p.close()
				verdicts["serve -org"] = ""
			}

			out.Reset()
			errb.Reset()
			code = run([]string{"variants", "-o", filepath.Join(t.TempDir(), "v"), dir}, &out, &errb)
			verdicts["variants"] = verdict(code, errb.String())

			for cmd, v := range verdicts {
				switch {
				case c.accepted && v != "":
					t.Errorf("%s refused it: %s", cmd, v)
				case !c.accepted && v == "":
					t.Errorf("%s accepted it", cmd)
				case !c.accepted && !strings.Contains(v, c.line):
					t.Errorf("%s: first problem %q, want one with %q", cmd, v, c.line)
				case v != verdicts["variants"]:
					t.Errorf("%s says %q, variants %q", cmd, v, verdicts["variants"])
				}
			}
		})
	}
}

// verdict is "" for a command that succeeded, else the first line of
// what it printed that names the organisation's file.
func verdict(code int, stderr string) string {
	if code == 0 {
		return ""
	}
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "org.toml") {
			_, after, _ := strings.Cut(l, "proef/") // the temporary folder differs per run
			return after
		}
	}
	return "exit " + stderr
}

func repoRoot(t *testing.T) string {
	t.Helper()
	r, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
