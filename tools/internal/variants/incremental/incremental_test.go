// Package incremental builds organisations' variants again and again
// after edits to their inputs, and checks each run against a build from
// scratch (docs/output-folders.md: a run rebuilds exactly what an edit
// can change). Some sixty builds of a variant: the heaviest test of the
// variants package, and a package of its own so that it and the rest of
// that package take turns with the others under go test ./... rather
// than making one package of more than four minutes on a busy 2-core
// machine (issue 18).
package incremental

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

// workerExe is this test binary, which builds as a variants worker when
// started with variants.WorkerEnv set (see TestMain).
var workerExe = func() string { exe, _ := os.Executable(); return exe }()

func TestMain(m *testing.M) {
	if os.Getenv(variants.WorkerEnv) != "" {
		os.Exit(variants.RunWorker())
	}
	os.Exit(m.Run())
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
	if testing.Short() {
		t.Skip("builds some sixty variants; not with -short")
	}
	site := projecttest.CopyProject(t)
	orgsDir, out := t.TempDir(), t.TempDir()
	text := func(name, languages, methods string) string {
		return strings.NewReplacer(`languages = ["nl"]`, "languages = "+languages, `methods = ["planningsgesprek"]`, "methods = "+methods).
			Replace(fmt.Sprintf(projecttest.MinimalOrg, name))
	}
	// alfa and gamma use the planning conversation (gamma in both
	// languages), beta only Het Goede Gesprek.
	dirs := map[string]string{
		"alfa":  projecttest.NewOrg(t, orgsDir, "alfa", text("Alfa", `["nl"]`, `["planningsgesprek"]`)),
		"beta":  projecttest.NewOrg(t, orgsDir, "beta", text("Beta", `["nl"]`, `["het-goede-gesprek"]`)),
		"gamma": projecttest.NewOrg(t, orgsDir, "gamma", text("Gamma", `["nl", "de"]`, `["planningsgesprek"]`)),
	}
	current := []string{"alfa", "beta", "gamma"}
	orgList := func() []string {
		var l []string
		for _, slug := range current {
			l = append(l, dirs[slug])
		}
		return l
	}
	run := func(o variants.Options) []variants.Result {
		t.Helper()
		o.Root, o.Worker, o.Orgs = site, workerExe, orgList()
		if o.Out == "" {
			o.Out = out
		}
		results, err := variants.Build(o)
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
		opts    variants.Options
		rebuilt []string // the organisations that must be built again
		removed []string // outputs removed (-prune)
	}{
		{"first run", func() {}, variants.Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"nothing", func() {}, variants.Options{}, nil, nil},
		{"one organisation's colour", func() {
			edit(t, filepath.Join(dirs["beta"], "org.toml"), `primary = "#0b4f8a"`, `primary = "#7a1f5c"`)
		}, variants.Options{}, []string{"beta"}, nil},
		{"a guide only some organisations use", func() {
			edit(t, filepath.Join(site, "content", "nl", "gesprekken", "het-goede-gesprek", "_index.md"), "geen juridisch advies.", "geen juridisch advies, wel een begin.")
		}, variants.Options{}, []string{"beta"}, nil},
		{"a guide in a language only one organisation has", func() {
			edit(t, filepath.Join(site, "content", "de", "gespraeche", "zielvereinbarungsgespraech", "_index.md"), "\n## ", "\nEin Satz mehr.\n\n## ")
		}, variants.Options{}, []string{"gamma"}, nil},
		{"an interface string of every organisation's language", func() {
			edit(t, filepath.Join(site, "i18n", "nl.toml"), `skip_to_content = "Direct naar de inhoud"`, `skip_to_content = "Meteen naar de inhoud"`)
		}, variants.Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"an interface string of one organisation's language", func() {
			edit(t, filepath.Join(site, "i18n", "de.toml"), `skip_to_content = "Direkt zum Inhalt"`, `skip_to_content = "Gleich zum Inhalt"`)
		}, variants.Options{}, []string{"gamma"}, nil},
		{"a layout", func() {
			edit(t, filepath.Join(site, "layouts", "baseof.html"), `<a class="skip-link"`, `<a data-x="1" class="skip-link"`)
		}, variants.Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"a static file", func() {
			edit(t, filepath.Join(site, "static", "favicon.svg"), `rx="6"`, `rx="7"`)
		}, variants.Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"an asset", func() {
			edit(t, filepath.Join(site, "assets", "js", "print.js"), "\n", "\n// a comment minified away\n")
		}, variants.Options{}, []string{"alfa", "beta", "gamma"}, nil},
		{"a new organisation", func() {
			dirs["delta"] = projecttest.NewOrg(t, orgsDir, "delta", text("Delta", `["de"]`, `["het-goede-gesprek"]`))
			current = append(current, "delta")
		}, variants.Options{}, []string{"delta"}, nil},
		{"a removed organisation", func() {
			current = slices.DeleteFunc(current, func(s string) bool { return s == "alfa" })
		}, variants.Options{}, nil, nil},
		{"a removed organisation, pruned", func() {}, variants.Options{Prune: true}, nil, []string{"alfa"}},
		{"forced", func() {}, variants.Options{Force: true}, []string{"beta", "delta", "gamma"}, nil},
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
		run(variants.Options{Out: ref, Force: true})
		for _, slug := range current {
			projecttest.SameTrees(t, step.name+": "+slug, projecttest.Files(t, filepath.Join(out, slug)), projecttest.Files(t, filepath.Join(ref, slug)))
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
		for _, r := range run(variants.Options{Out: shared, Shard: variants.Shard{K: k, N: 2}}) {
			built = append(built, r.Slug)
		}
	}
	slices.Sort(built)
	if !slices.Equal(built, []string{"beta", "delta", "gamma"}) {
		t.Errorf("two shards built %v", built)
	}
	for _, slug := range current {
		projecttest.SameTrees(t, "sharded: "+slug, projecttest.Files(t, filepath.Join(shared, slug)), projecttest.Files(t, filepath.Join(out, slug)))
	}
}
