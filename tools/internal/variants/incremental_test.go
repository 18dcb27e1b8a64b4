package variants

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// sameTrees fails unless every file of want is in got with the same
// bytes and got has no other file.
func sameTrees(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if a, b := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(a, b) {
		t.Errorf("%s: the files differ from a build from scratch:\nincremental %v\nfrom scratch %v", what, a, b)
		return
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s: %s differs from a build from scratch", what, name)
		}
	}
}

// edit replaces from by to in the file, which must hold from.
func edit(t *testing.T, file, from, to string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(from)) {
		t.Fatalf("%s does not hold %q", file, from)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalRebuildsExactlyWhatChanged: after each edit to the
// inputs, a run rebuilds exactly the organisations whose variant the
// edit can change and keeps the others, and every output is then byte
// for byte what a forced build from scratch makes. Afterwards, two shards
// into one output make the same outputs as one run.
func TestIncrementalRebuildsExactlyWhatChanged(t *testing.T) {
	// The two heaviest tests of the package (a minute each) run side by
	// side, after the others: much of their time is spent starting
	// processes and writing files, not computing.
	t.Parallel()
	if testing.Short() {
		t.Skip("builds some sixty variants; not with -short")
	}
	site := projecttest.CopyProject(t)
	orgsDir, out := t.TempDir(), t.TempDir()
	text := func(name, languages, methods string) string {
		return strings.NewReplacer(`languages = ["nl"]`, "languages = "+languages, `methods = ["planningsgesprek"]`, "methods = "+methods).
			Replace(fmt.Sprintf(minimalOrg, name))
	}
	// alfa and gamma use the planning conversation (gamma in both
	// languages), beta only Het Goede Gesprek.
	dirs := map[string]string{
		"alfa":  newOrg(t, orgsDir, "alfa", text("Alfa", `["nl"]`, `["planningsgesprek"]`)),
		"beta":  newOrg(t, orgsDir, "beta", text("Beta", `["nl"]`, `["het-goede-gesprek"]`)),
		"gamma": newOrg(t, orgsDir, "gamma", text("Gamma", `["nl", "de"]`, `["planningsgesprek"]`)),
	}
	current := []string{"alfa", "beta", "gamma"}
	orgList := func() []string {
		var l []string
		for _, slug := range current {
			l = append(l, dirs[slug])
		}
		return l
	}
	run := func(o Options) []Result {
		t.Helper()
		o.Root, o.Worker, o.Orgs = site, workerExe, orgList()
		if o.Out == "" {
			o.Out = out
		}
		results, err := Build(o)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Slug, r.Err)
			}
		}
		return results
	}
	steps := []struct {
		name    string
		change  func()
		opts    Options
		rebuilt []string // the organisations that must be built again
		removed []string // outputs removed (-prune)
	}{
		{"first run", func() {}, Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"nothing", func() {}, Options{}, nil, nil},
		{"one organisation's colour", func() {
			edit(t, filepath.Join(dirs["beta"], "org.toml"), `primary = "#0b4f8a"`, `primary = "#7a1f5c"`)
		}, Options{}, []string{"beta"}, nil},
		{"a guide only some organisations use", func() {
			edit(t, filepath.Join(site, "content", "nl", "gesprekken", "het-goede-gesprek", "_index.md"), "geen juridisch advies.", "geen juridisch advies, wel een begin.")
		}, Options{}, []string{"beta"}, nil},
		{"a guide in a language only one organisation has", func() {
			edit(t, filepath.Join(site, "content", "de", "gespraeche", "zielvereinbarungsgespraech", "_index.md"), "\n## ", "\nEin Satz mehr.\n\n## ")
		}, Options{}, []string{"gamma"}, nil},
		{"an interface string of every organisation's language", func() {
			edit(t, filepath.Join(site, "i18n", "nl.toml"), `skip_to_content = "Direct naar de inhoud"`, `skip_to_content = "Meteen naar de inhoud"`)
		}, Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"an interface string of one organisation's language", func() {
			edit(t, filepath.Join(site, "i18n", "de.toml"), `skip_to_content = "Direkt zum Inhalt"`, `skip_to_content = "Gleich zum Inhalt"`)
		}, Options{}, []string{"gamma"}, nil},
		{"a layout", func() {
			edit(t, filepath.Join(site, "layouts", "baseof.html"), `<a class="skip-link"`, `<a data-x="1" class="skip-link"`)
		}, Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"a static file", func() {
			edit(t, filepath.Join(site, "static", "favicon.svg"), `rx="6"`, `rx="7"`)
		}, Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"an asset", func() {
			edit(t, filepath.Join(site, "assets", "js", "print.js"), "\n", "\n// a comment minified away\n")
		}, Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"a new organisation", func() {
			dirs["delta"] = newOrg(t, orgsDir, "delta", text("Delta", `["de"]`, `["het-goede-gesprek"]`))
			current = append(current, "delta")
		}, Options{}, []string{"delta"}, nil},
		{"a removed organisation", func() {
			current = slices.DeleteFunc(current, func(s string) bool { return s == "alfa" })
		}, Options{}, nil, nil},
		{"a removed organisation, pruned", func() {}, Options{Prune: true}, nil, []string{"alfa"}},
		{"forced", func() {}, Options{Force: true}, []string{"beta", "delta", "gamma"}, nil},
	}
	pruned := false
	for _, step := range steps {
		step.change()
		var rebuilt, removed []string
		for _, r := range run(step.opts) {
			switch {
			case r.Removed:
				removed = append(removed, r.Slug)
			case !r.Unchanged:
				rebuilt = append(rebuilt, r.Slug)
			}
		}
		slices.Sort(rebuilt)
		if !slices.Equal(rebuilt, step.rebuilt) || !slices.Equal(removed, step.removed) {
			t.Errorf("%s: rebuilt %v and removed %v, want rebuilt %v and removed %v", step.name, rebuilt, removed, step.rebuilt, step.removed)
		}
		// The same inputs, built from scratch.
		ref := t.TempDir()
		run(Options{Out: ref, Force: true})
		for _, slug := range current {
			sameTrees(t, step.name+": "+slug, projecttest.Files(t, filepath.Join(out, slug)), projecttest.Files(t, filepath.Join(ref, slug)))
		}
		// alfa's output stays when alfa is gone, until a run prunes it.
		pruned = pruned || step.opts.Prune
		if _, err := os.Stat(filepath.Join(out, "alfa")); (err == nil) == pruned {
			t.Errorf("%s: alfa's output is there: %v, want %v", step.name, err == nil, !pruned)
		}
	}

	// Two shards into one output: the same outputs, each organisation
	// built by exactly one of them.
	shared := t.TempDir()
	var built []string
	for k := 1; k <= 2; k++ {
		for _, r := range run(Options{Out: shared, Shard: Shard{K: k, N: 2}}) {
			built = append(built, r.Slug)
		}
	}
	slices.Sort(built)
	if !slices.Equal(built, []string{"beta", "delta", "gamma"}) {
		t.Errorf("two shards built %v", built)
	}
	for _, slug := range current {
		sameTrees(t, "sharded: "+slug, projecttest.Files(t, filepath.Join(shared, slug)), projecttest.Files(t, filepath.Join(out, slug)))
	}
}

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
	sameTrees(t, "grenslanders", mem, disk)
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
