package hugo_test

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// SameAsCommand builds the site with the hugo command (Build, into a
// folder) and in memory (Render) and fails unless both wrote exactly the
// same files with exactly the same bytes.
func SameAsCommand(t *testing.T, o hugo.Options) {
	t.Helper()
	dest := t.TempDir()
	o.Destination, o.Quiet = dest, true
	if err := hugo.Build(o); err != nil {
		t.Fatal(err)
	}
	disk := projecttest.Files(t, dest)
	mem, err := hugo.Render(o)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := slices.Sorted(maps.Keys(disk)), slices.Sorted(maps.Keys(mem)); !slices.Equal(a, b) {
		t.Fatalf("the command wrote %d files, Render %d:\n%v\n%v", len(a), len(b), a, b)
	}
	for name, b := range disk {
		if !bytes.Equal(b, mem[name]) {
			t.Errorf("%s differs between the command and Render", name)
		}
	}
	if len(disk) < 20 || disk["index.html"] == nil || !hasStatic(disk) {
		t.Errorf("a suspiciously small site: %d files", len(disk))
	}
}

// hasStatic: the site's script comes from static/ (or, once it goes
// through Hugo's asset pipeline, from assets/: a js/ file either way).
func hasStatic(files map[string][]byte) bool {
	for name := range files {
		if strings.HasPrefix(name, "js/") {
			return true
		}
	}
	return false
}

// TestRenderIsTheCommandsBuild: in memory, Hugo builds byte for byte what
// the hugo command writes, static files included.
func TestRenderIsTheCommandsBuild(t *testing.T) {
	SameAsCommand(t, hugo.Options{Source: projecttest.RepoRoot()})
}

// TestRenderRefusesMissingConfig: like Build, Render does not let Hugo
// skip a config file that does not exist.
func TestRenderRefusesMissingConfig(t *testing.T) {
	_, err := hugo.Render(hugo.Options{Source: projecttest.RepoRoot(), Configs: []string{"config.toml", "overlay.toml"}})
	if err == nil || !strings.Contains(err.Error(), "overlay.toml") {
		t.Fatalf("err = %v, want one naming overlay.toml", err)
	}
}
