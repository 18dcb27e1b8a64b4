package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

// TestUnknownCommand: a command the table does not have is a misuse
// (exit 2), answered with the list of commands.
func TestUnknownCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "unknown command") || !strings.Contains(errb.String(), "server-config") {
		t.Errorf("an unknown command: exit %d, stderr %q", code, errb.String())
	}
}

// A broken site: check and build both exit 1, name the file and line, and
// build writes nothing.
func TestBrokenContentStopsTheBuild(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(root, "content/nl/gesprekken/proefgesprek/_index.md")
	b, _ := os.ReadFile(guide)
	os.WriteFile(guide, bytes.Replace(b, []byte(`kind = "list"`), []byte(`kind = "lijst"`), 1), 0o644)
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("previous"), 0o644)

	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(filepath.Join(root, "content")) // any subfolder will do

	for _, cmd := range [][]string{{"check"}, {"build"}} {
		var stdout, stderr bytes.Buffer
		if code := run(cmd, &stdout, &stderr); code != 1 {
			t.Errorf("%s exited %d, want 1", cmd[0], code)
		}
		if want := "content/nl/gesprekken/proefgesprek/_index.md:42: field \"successen\" has unknown kind \"lijst\""; !strings.Contains(stderr.String(), want) {
			t.Errorf("%s stderr lacks %q:\n%s", cmd[0], want, stderr.String())
		}
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "previous" {
		t.Errorf("a failed build changed the previous output: %q", got)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), "building") {
			t.Errorf("a failed build left %s behind", e.Name())
		}
	}
}

// TestMain lets this test binary serve as the variants command's worker
// process, as the real command does, and as the command itself, for tests
// that run it as a process (runMainEnv).
func TestMain(m *testing.M) {
	if os.Getenv(variants.WorkerEnv) != "" {
		os.Exit(variants.RunWorker())
	}
	if os.Getenv(runMainEnv) != "" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestVariantsCommand: a broken organisation file is reported with file,
// line and fix and nothing is built; a good one is built, with a progress
// line and a summary.
func TestVariantsCommand(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	broken := filepath.Join(t.TempDir(), "kapot")
	os.MkdirAll(broken, 0o755)
	os.WriteFile(filepath.Join(broken, "org.toml"), []byte("name = \"Kapot\"\nbase_url = \"intranet\"\nlanguages = [\"nl\"]\n[brand]\nlogo = \"logo.svg\"\nprimary = \"#000000\"\naccent = \"#ffcc00\"\n"), 0o644)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"variants", "-o", out, broken}, &stdout, &stderr); code != 1 {
		t.Errorf("exit status %d for a broken file, want 1", code)
	}
	for _, want := range []string{"org.toml:2: base_url \"intranet\" is not an absolute http(s) address", "org.toml:5: brand.logo: logo.svg does not exist", "nothing was built"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused run wrote %d entries", len(entries))
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"variants", "-o", out, filepath.Join(repo, "orgs", "technik-muster-gmbh")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "ok   technik-muster-gmbh") || !strings.Contains(stdout.String(), "1 organisation(s) built, 0 unchanged, 0 failed") {
		t.Errorf("progress and summary: %s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(out, "technik-muster-gmbh", "gespraeche", "kundenjahresgespraech", "formular", "index.html")); err != nil {
		t.Errorf("the variant was not built: %v", err)
	}
	// Again, nothing changed: kept, and said so; forced: built again.
	for _, tc := range []struct {
		args       []string
		line, summ string
	}{
		{nil, "same technik-muster-gmbh", "0 organisation(s) built, 1 unchanged, 0 failed"},
		{[]string{"-force"}, "ok   technik-muster-gmbh", "1 organisation(s) built, 0 unchanged, 0 failed"},
		{[]string{"-shard", "1/1"}, "same technik-muster-gmbh", "0 organisation(s) built, 1 unchanged, 0 failed"},
	} {
		stdout.Reset()
		args := append(append([]string{"variants", "-o", out}, tc.args...), filepath.Join(repo, "orgs", "technik-muster-gmbh"))
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit status %d: %s", tc.args, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), tc.line) || !strings.Contains(stdout.String(), tc.summ) {
			t.Errorf("%v: %s", tc.args, stdout.String())
		}
	}
	for _, bad := range []string{"0/2", "3/2", "2", "a/b", "1/0"} {
		stderr.Reset()
		if code := run([]string{"variants", "-o", out, "-shard", bad}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "1 ≤ K ≤ N") {
			t.Errorf("-shard %s: exit status %d, %q", bad, code, stderr.String())
		}
	}
}

// TestCheckVerboseReportsReadability: check -v prints the readability
// figures of every page by kind, each kind with its budget, and the
// totals per kind and language; plain check does not.
func TestCheckVerboseReportsReadability(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(root)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-v"}, &stdout, &stderr); code != 0 {
		t.Fatalf("check -v exited %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"readability of guide bodies (budget: ",
		"readability of questions (budget: ",
		"  content/nl/gesprekken/proefgesprek/_index.md questions: ",
		"  content/de/gespraeche/probegespraech/_index.md preparation (employee): ",
		"LIX ",
		"readability of all records sections in de: ",
		"content ok",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check -v lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	run([]string{"check"}, &stdout, &stderr)
	if strings.Contains(stdout.String(), "readability") {
		t.Errorf("check without -v prints the figures:\n%s", stdout.String())
	}
}

// TestReleaseBuildsEveryPlatform: the release script (scripts/release)
// builds the command for Linux, macOS and Windows on amd64 and arm64,
// reproducibly (no local paths, no working-tree state, no C toolchain)
// and with its version. Its -n prints the go commands without running
// them; CI (.ci/run) runs it for real on two targets, which takes
// minutes (Hugo compiled for another platform) and so is no part of go
// test.
func TestReleaseBuildsEveryPlatform(t *testing.T) {
	cmd := exec.Command("bash", "scripts/release", "-n", "-snapshot")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/release -n: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got []string
	for _, l := range lines {
		for _, want := range []string{"CGO_ENABLED=0", " go build ", " -trimpath ", " -buildvcs=false ", `main.version=snapshot-`, " ./tools/gesprekswijzer"} {
			if !strings.Contains(l, want) {
				t.Errorf("lacks %q: %s", want, l)
			}
		}
		if strings.Contains(l, "-buildid") {
			t.Errorf("sets the build ID, which the variants command relies on: %s", l)
		}
		goos, goarch := field(l, "GOOS="), field(l, "GOARCH=")
		got = append(got, goos+"/"+goarch)
		if exe := strings.HasSuffix(field(l, "-o "), ".exe"); exe != (goos == "windows") {
			t.Errorf("%s/%s: the program's name: %s", goos, goarch, l)
		}
	}
	want := []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}
	if !slices.Equal(got, want) {
		t.Errorf("targets %v, want %v", got, want)
	}
}

// field is the word after prefix in line.
func field(line, prefix string) string {
	i := strings.Index(line, prefix)
	if i < 0 {
		return ""
	}
	f, _, _ := strings.Cut(line[i+len(prefix):], " ")
	return f
}

// TestVersion: a build from a checkout says dev, with its Go and Hugo.
func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"version"}, &out, &errb); code != 0 {
		t.Fatalf("version exited %d: %s", code, errb.String())
	}
	if !regexp.MustCompile(`^gesprekswijzer dev \(go1\.\d+.*, hugo v0\.\d+\.\d+, \w+/\w+\)\n$`).MatchString(out.String()) {
		t.Errorf("version printed %q", out.String())
	}
}
