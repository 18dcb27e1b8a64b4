package variants

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// treeOf is every entry under dir (links not followed) with its
// content's digest: two snapshots are equal when nothing was touched.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			files[rel] = "link " + target
		case d.IsDir():
			files[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			files[rel] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for name, sum := range after {
		if before[name] != sum {
			t.Errorf("%s: %s was written or changed", what, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s: %s was removed", what, name)
		}
	}
}

// withSlug is projecttest.MinimalOrg named name, declaring slug.
func withSlug(name, slug string) string {
	return strings.Replace(fmt.Sprintf(projecttest.MinimalOrg, name), "[brand]", fmt.Sprintf("slug = %q\n[brand]", slug), 1)
}

// TestSlugTakeoverIsRefused: an output belongs to the organisation folder
// it was built from. Another folder declaring the same slug, in a later
// run, is refused with both folders named and the fix, and the first
// organisation's output stays exactly as it was; with -force-owner it
// takes the output over, and the marker records the new owner.
func TestSlugTakeoverIsRefused(t *testing.T) {
	orgs, out := t.TempDir(), t.TempDir()
	first := projecttest.NewOrg(t, orgs, "eerste", withSlug("Provincie Eerste", "gedeeld"))
	second := projecttest.NewOrg(t, orgs, "tweede", withSlug("Kaper BV", "gedeeld"))
	if results, err := Build(Options{Root: root, Orgs: []string{first}, Out: out}); err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	m, err := publish.ReadMarker(filepath.Join(out, "gedeeld"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Owner == nil || m.Owner.Folder != first || m.Owner.Name != "Provincie Eerste" {
		t.Fatalf("the marker records the owner %+v, want %s (Provincie Eerste)", m.Owner, first)
	}
	before := treeOf(t, out)

	for _, force := range []bool{false, true} { // -force rebuilds; it does not hand an output over
		_, err = Build(Options{Root: root, Orgs: []string{second}, Out: out, Force: force})
		var list problem.List
		if !errors.As(err, &list) {
			t.Fatalf("a second folder declaring the slug: %v, want it refused", err)
		}
		p, ok := list.Find("refusing to replace it: it was built for the organisation in "+first, `"Provincie Eerste"`, second, "-force-owner")
		if !ok || p.File != filepath.Join(out, "gedeeld") {
			t.Errorf("the refusal does not name the output, both folders and the fix:\n%v", list)
		}
		sameSnapshot(t, "after the refused takeover", before, treeOf(t, out))
	}

	// The owner itself rebuilds as before.
	if results, err := Build(Options{Root: root, Orgs: []string{first}, Out: out, Force: true}); err != nil || results[0].Err != nil {
		t.Fatalf("the owner's own rebuild: %v %v", err, results)
	}
	// Handed over on purpose.
	if results, err := Build(Options{Root: root, Orgs: []string{second}, Out: out, ForceOwner: true}); err != nil || results[0].Err != nil {
		t.Fatalf("-force-owner: %v %v", err, results)
	}
	if m, err := publish.ReadMarker(filepath.Join(out, "gedeeld")); err != nil || m.Owner == nil || m.Owner.Folder != second {
		t.Errorf("after -force-owner the marker records %+v (%v), want %s", m, err, second)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "gedeeld", "index.html")); !strings.Contains(string(b), "Kaper BV") {
		t.Error("after -force-owner the output is not the new owner's")
	}
}

// TestOwnerIsRelativeToTheProject: the owner of an organisation inside
// the project is its folder relative to the project, so that a checkout
// in another place (another CI runner) keeps its outputs.
func TestOwnerIsRelativeToTheProject(t *testing.T) {
	_, o, err := load(root, []string{filepath.Join(root, "orgs", "provincie-voorbeeld")})
	if err != nil {
		t.Fatal(err)
	}
	if got := site.OwnerOf(root, o[0]); got.Folder != "orgs/provincie-voorbeeld" || got.Name == "" {
		t.Errorf("owner %+v, want orgs/provincie-voorbeeld and the name", got)
	}
}

// TestSymlinkedOutputIsRefused: DIR/<slug> that is a symbolic link (here
// to another organisation's output elsewhere) is refused before anything
// is built: the folder it points to is untouched and nothing (no lock,
// no spare, no staging folder) appears beside it or in DIR.
func TestSymlinkedOutputIsRefused(t *testing.T) {
	orgs, out, elsewhere := t.TempDir(), t.TempDir(), t.TempDir()
	victim := projecttest.NewOrg(t, orgs, "slachtoffer", withSlug("Slachtoffer", "slachtoffer"))
	if results, err := Build(Options{Root: root, Orgs: []string{victim}, Out: elsewhere}); err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	attacker := projecttest.NewOrg(t, orgs, "link", withSlug("Link", "link"))
	if err := os.Symlink(filepath.Join(elsewhere, "slachtoffer"), filepath.Join(out, "link")); err != nil {
		t.Fatal(err)
	}
	beforeElsewhere, beforeOut := treeOf(t, elsewhere), treeOf(t, out)
	for _, opts := range []Options{
		{Root: root, Orgs: []string{attacker}, Out: out},
		{Root: root, Orgs: []string{attacker}, Out: out, Force: true, ForceOwner: true},
	} {
		_, err := Build(opts)
		var list problem.List
		if !errors.As(err, &list) {
			t.Fatalf("a symbolic link as the output: %v, want it refused", err)
		}
		if p, ok := list.Find("symbolic link", "remove the link"); !ok || p.File != filepath.Join(out, "link") {
			t.Errorf("the refusal does not name the link and the fix:\n%v", list)
		}
		sameSnapshot(t, "the link's target and its folder", beforeElsewhere, treeOf(t, elsewhere))
		sameSnapshot(t, "the output folder", beforeOut, treeOf(t, out))
	}
	entries, _ := os.ReadDir(elsewhere)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".slachtoffer.lock", "slachtoffer"}) {
		t.Errorf("beside the link's target: %v, want only what its own build left", names)
	}
}
