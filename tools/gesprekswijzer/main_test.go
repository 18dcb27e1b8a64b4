package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpExplainsEveryCommand(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 {
		t.Fatalf("help exited %d", code)
	}
	for _, cmd := range []string{"check", "build", "serve", "-o DIR", "-port N"} {
		if !strings.Contains(out.String(), cmd) {
			t.Errorf("help does not mention %q", cmd)
		}
	}
	if code := run([]string{"frobnicate"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "unknown command") {
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
		if want := "content/nl/gesprekken/proefgesprek/_index.md:41: field \"successen\" has unknown kind \"lijst\""; !strings.Contains(stderr.String(), want) {
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
