package sitecheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// TestAssetsAreFingerprintedAndPinned: every stylesheet and script every
// page loads has a name that carries its hash (so caches never serve an
// old one after an update) and an integrity attribute that matches the
// bytes of the file as built (so minifying after Hugo, or anyone changing
// the file, is caught: the browser would refuse it). No page has inline
// style, which the Content-Security-Policy forbids.
func TestAssetsAreFingerprintedAndPinned(t *testing.T) {
	t.Parallel()
	sitetest.CheckAssets(t, built, "/")
}

// TestFingerprintsFollowTheFiles: in a copy of the project whose
// stylesheet changed, the stylesheet gets a new name on every page, and
// the pages pin the new file; a file that did not change (the form's
// stylesheet and the scripts) keeps its name, so caches keep it.
func TestFingerprintsFollowTheFiles(t *testing.T) {
	t.Parallel()
	root := projecttest.CopyProject(t)
	css := filepath.Join(root, "assets", "css", "site.css")
	b, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b, "\n.changed-for-the-test { color: inherit; }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{Root: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	sitetest.CheckAssets(t, out, "/")
	before, after := sitetest.AssetsOf(t, built, "/"), sitetest.AssetsOf(t, out, "/")
	changed, kept := 0, 0
	for u, assets := range before {
		for target := range assets {
			_, same := after[u][target]
			switch {
			case strings.Contains(target, "/css/site.") || strings.Contains(target, "/css/form."): // the form pages' holds site.css
				if same {
					t.Errorf("%s: the changed stylesheet kept its name %s", u, target)
				}
				changed++
			case !same:
				t.Errorf("%s: %s did not change but lost its name", u, target)
			default:
				kept++
			}
		}
	}
	if changed == 0 || kept == 0 {
		t.Errorf("%d changed and %d unchanged files compared: this test checks less than it says", changed, kept)
	}
}
