package sitecheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// Modules that may be in more than one of a form page's bundles, and why.
// Each bundle is built by esbuild on its own (Hugo's js.Build has no code
// splitting), so a module two of them import is copied into both, with
// state of its own. For these that is only bytes: they hold no state and
// touch no page, so two copies behave as one.
var mayRepeat = map[string]string{
	// a handle on the form module, imported by the tools and the sign-off
	// alike: two copies of it hold the same module namespace
	"tools/form.js": "each later bundle's way to the one form module",
	// the pure modules: no state, no DOM (lib/fingerprint.js holds where
	// the SHA-256 fallback is, and that module once loaded: not here)
	"lib/util.js":      "pure",
	"lib/message.js":   "pure",
	"lib/schema.js":    "pure",
	"lib/record.js":    "pure",
	"lib/owner.js":     "pure",
	"lib/canonical.js": "pure",
	"lib/storage.js":   "pure (the drafts' store over localStorage is made in form/dom.js)",
	"lib/merge.js":     "pure",
	"lib/signature.js": "pure",
	"lib/calendar.js":  "pure",
	"lib/backup.js":    "pure",
}

// mustShow are the modules whose code TestEachModuleOnce must find in the
// form page's bundles: those with state or a hold on the page, which must
// be there once. Each has a string of its own that survives minifying.
var mustShow = []string{"form/dom.js", "form/values.js", "form/rows.js", "form/drafts.js", "form/blocks.js",
	"tools/errors.js", "tools/signoff.js", "tools/files.js", "tools/io.js", "lib/fingerprint.js"}

// literal finds a script's string literals on one line.
var literal = regexp.MustCompile(`"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'`)

// signatures returns, per module of assets/js (its path there), the
// string literals no other module has: its code is in a bundle exactly
// when one of them is, whole, in quotes. Only literals minifying keeps as
// they are count: those with a character no name has (so not a property
// or a message key that could be spelled the same in other code), of 5
// or more, without escapes.
func signatures(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join(projecttest.RepoRoot(), "assets", "js")
	owners := map[string]map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		if d.IsDir() && (rel == "test" || rel == "vendor") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(rel, ".js") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if s := strings.TrimSpace(line); strings.HasPrefix(s, "//") || strings.HasPrefix(s, "import ") || strings.HasPrefix(s, "export {") && strings.Contains(s, " from ") {
				continue
			}
			for _, m := range literal.FindAllStringSubmatch(line, -1) {
				s := m[1] + m[2]
				if len(s) >= 5 && strings.ContainsFunc(s, func(r rune) bool {
					return !(r == '_' || r == '$' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
				}) && !strings.ContainsAny(s, "`$\\") {
					if owners[s] == nil {
						owners[s] = map[string]bool{}
					}
					owners[s][rel] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sigs := map[string][]string{}
	for s, in := range owners {
		if len(in) == 1 {
			for m := range in {
				sigs[m] = append(sigs[m], s)
			}
		}
	}
	return sigs
}

// quoted tells whether js has the string s whole: between quotes (any of
// the three esbuild may write), not as part of a longer string.
func quoted(js, s string) bool {
	for _, q := range []string{`"`, `'`, "`"} {
		if strings.Contains(js, q+s+q) {
			return true
		}
	}
	return false
}

// TestEachModuleOnce: a form page's scripts (the form script, the tools,
// the sign-off, the SHA-256 fallback) hold every module with state or a
// hold on the page once (issue 20). The tools and the sign-off share the
// open draft with the form script by importing its module at run time,
// but they imported form/dom.js too, so esbuild copied it into each
// bundle: three configurations parsed, three pairs of status notes (a
// message from the tools stood beside the form's own), three storage
// handles. A module's own strings show which bundles hold its code.
func TestEachModuleOnce(t *testing.T) {
	t.Parallel()
	p := formPages(t)[sitetest.NLForm]
	c := sitetest.ConfigOf(t, p)
	formFile, _ := scriptOf(t, p)
	bundles := map[string]string{"form": formFile}
	for name, src := range map[string]string{"form-tools": c.Tools.Src, "form-sign": c.Sign.Src, "sha256": c.Hash} {
		u, _ := sitetest.Resolve(p.URL, src)
		if src == "" || !strings.Contains(u, "/"+name+".") {
			t.Fatalf("the form page's config names %q for %s", src, name)
		}
		bundles[name] = filepath.Join(built, filepath.FromSlash(u))
	}
	code := map[string]string{}
	for name, file := range bundles {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		code[name] = string(b)
	}
	sigs := signatures(t)
	found := map[string]bool{}
	for module, strs := range sigs {
		var in []string
		for name, js := range code {
			for _, s := range strs {
				if quoted(js, s) {
					in = append(in, name)
					break
				}
			}
		}
		sort.Strings(in)
		found[module] = len(in) > 0
		if len(in) > 1 && mayRepeat[module] == "" {
			t.Errorf("%s is in %d bundles of a form page (%s): its code and state exist once each (it reaches the form script's through tools/form.js)", module, len(in), strings.Join(in, ", "))
		} else if len(in) > 0 {
			t.Logf("%s: %s", module, strings.Join(in, ", "))
		}
	}
	for _, m := range mustShow {
		if !found[m] {
			t.Errorf("%s: none of its own strings (%q) is in a form page's bundles: the test cannot tell where it is", m, sigs[m])
		}
	}
	for m := range mayRepeat {
		if _, err := os.Stat(filepath.Join(projecttest.RepoRoot(), "assets", "js", filepath.FromSlash(m))); err != nil {
			t.Errorf("mayRepeat lists %s, which is not a module of assets/js", m)
		}
	}
}
