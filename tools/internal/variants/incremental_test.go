package variants

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// TestVariantRenderIsTheCommandsBuild: a variant, with its overlay's own
// static files laid over the site's, is built in memory byte for byte as
// the hugo command builds it into a folder.
func TestVariantRenderIsTheCommandsBuild(t *testing.T) {
	loaded, orgs, err := load(root, []string{filepath.Join(root, "orgs", "grenslanders")})
	if err != nil {
		t.Fatal(err)
	}
	ov, err := Prepare(loaded, orgs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(ov.Dir)
	o := hugo.Options{Source: root, Configs: []string{"config.toml", ov.Config}, Destination: t.TempDir(), Quiet: true}
	if err := hugo.Build(o); err != nil {
		t.Fatal(err)
	}
	mem, err := hugo.Render(o)
	if err != nil {
		t.Fatal(err)
	}
	disk := projecttest.Files(t, o.Destination)
	projecttest.SameTrees(t, "grenslanders", mem, disk)
	if disk["org/logo.svg"] == nil || disk["favicon.svg"] == nil {
		t.Errorf("the overlay's or the site's static files are missing: %d files", len(disk))
	}
}

// TestInputsCoverHugosConfigFolder: Hugo merges config/_default/*.toml
// over config.toml (its configDir), so a file there changes the pages:
// the digest must change with it, or the next run keeps a stale output.
func TestInputsCoverHugosConfigFolder(t *testing.T) {
	site := projecttest.CopyProject(t)
	digest := func() string {
		t.Helper()
		loaded, orgs, err := load(site, []string{filepath.Join(site, "orgs", "provincie-voorbeeld")})
		if err != nil {
			t.Fatal(err)
		}
		d, err := newDigester(loaded)
		if err != nil {
			t.Fatal(err)
		}
		in, err := d.inputs(orgs[0])
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	before := digest()
	for _, f := range []string{"config/_default/hugo.toml", "themes/x/layouts/home.html"} {
		path := filepath.Join(site, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("title = \"Another\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		after := digest()
		if after == before {
			t.Errorf("adding %s left the inputs digest as it was", f)
		}
		before = after
	}
}

// TestGoBuildIDIsTheGoCommands: the ID the digest stands on for this
// program is the one the go command wrote (and reads back), and a file
// that is not an ELF executable has none, so its whole bytes are hashed.
func TestGoBuildIDIsTheGoCommands(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF executables only; elsewhere the whole file is hashed")
	}
	out, err := exec.Command("go", "tool", "buildid", workerExe).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(workerExe); got != want || !strings.Contains(got, "/") {
		t.Errorf("goBuildID = %q, the go command says %q", got, want)
	}
	notELF := filepath.Join(t.TempDir(), "script")
	os.WriteFile(notELF, []byte("#!/bin/sh\n"), 0o755)
	if id := goBuildID(notELF); id != "" {
		t.Errorf("a shell script has build ID %q", id)
	}
}
