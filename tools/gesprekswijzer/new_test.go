package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNew: the command writes both guides and the glossary row, refuses
// an existing method with exit status 1 and a reason, and explains its
// usage with exit status 2.
func TestNew(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(root)

	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "new METHOD_ID -nl NL_SLUG -de DE_SLUG") {
		t.Errorf("help does not explain new (exit %d)", code)
	}
	out.Reset()
	if code := run([]string{"new", "nieuw", "-nl", "nieuw", "-de", "neu", "-de-title", "Neues Gespräch"}, &out, &errb); code != 0 {
		t.Fatalf("new exited %d: %s", code, errb.String())
	}
	for _, f := range []string{"content/nl/gesprekken/nieuw/_index.md", "content/de/gespraeche/neu/_index.md", "docs/glossary.md"} {
		if !strings.Contains(out.String(), "wrote "+f) {
			t.Errorf("new does not say it wrote %s:\n%s", f, out.String())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "content/de/gespraeche/neu/_index.md")); !strings.Contains(string(b), `title = "Neues Gespräch"`) {
		t.Errorf("-de-title was not used")
	}
	if code := run([]string{"check"}, &out, &errb); code != 0 {
		t.Errorf("check after new exited %d: %s", code, errb.String())
	}

	errb.Reset()
	if code := run([]string{"new", "nieuw", "-nl", "nieuw2", "-de", "neu2"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "nothing was written") || !strings.Contains(errb.String(), `method id "nieuw" is already used`) {
		t.Errorf("an existing id: exit %d, %q", code, errb.String())
	}
	for _, args := range [][]string{{"new"}, {"new", "-nl", "x", "-de", "y"}, {"new", "x", "-nl", "x", "-de", "y", "extra"}} {
		errb.Reset()
		if code := run(args, &out, &errb); code != 2 || !strings.Contains(errb.String(), "new METHOD_ID -nl NL_SLUG -de DE_SLUG") {
			t.Errorf("%q: exit %d, %q", args, code, errb.String())
		}
	}
}
