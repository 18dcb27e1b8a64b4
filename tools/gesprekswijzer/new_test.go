package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNew: the command writes both guides and the glossary entry, refuses
// an existing method with exit status 1 and a reason, and explains its
// usage with exit status 2.
func TestNew(t *testing.T) {
	root := smallProject(t)

	var out, errb bytes.Buffer
	if code := run([]string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "new ") {
		t.Errorf("help does not explain new (exit %d)", code)
	}
	out.Reset()
	if code := run([]string{"new", "nieuw", "-lang", "nl=nieuw", "-lang", "de=neu", "-title", "de=Neues Gespräch"}, &out, &errb); code != 0 {
		t.Fatalf("new exited %d: %s", code, errb.String())
	}
	for _, f := range []string{"content/nl/gesprekken/nieuw/_index.md", "content/de/gespraeche/neu/_index.md", "data/glossary.toml"} {
		if !strings.Contains(out.String(), "wrote "+f) {
			t.Errorf("new does not say it wrote %s:\n%s", f, out.String())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "content/de/gespraeche/neu/_index.md")); !strings.Contains(string(b), `title = "Neues Gespräch"`) {
		t.Errorf("-title de=… was not used")
	}
	if code := run([]string{"check"}, &out, &errb); code != 0 {
		t.Errorf("check after new exited %d: %s", code, errb.String())
	}

	errb.Reset()
	if code := run([]string{"new", "nieuw", "-lang", "nl=nieuw2", "-lang", "de=neu2"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "nothing was written") || !strings.Contains(errb.String(), `method id "nieuw" is already used`) {
		t.Errorf("an existing id: exit %d, %q", code, errb.String())
	}
	for _, args := range [][]string{{"new"}, {"new", "-lang", "nl=x", "-lang", "de=y"}, {"new", "x", "-lang", "nl=x", "-lang", "de=y", "extra"},
		{"new", "x", "-lang", "nl"}, {"new", "x", "-lang", "nl=x", "-lang", "nl=y"}} {
		errb.Reset()
		if code := run(args, &out, &errb); code != 2 || !strings.Contains(errb.String(), "new METHOD_ID -lang LANG=SLUG") {
			t.Errorf("%q: exit %d, %q", args, code, errb.String())
		}
	}
}

// TestNewNamesAMissingLanguage: a language of the site without -lang is
// refused with the flag that gives it, and nothing is written.
func TestNewNamesAMissingLanguage(t *testing.T) {
	root := smallProject(t)
	var out, errb bytes.Buffer
	if code := run([]string{"new", "nieuw", "-lang", "nl=nieuw"}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "give -lang de=SLUG") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(root, "content/nl/gesprekken/nieuw")); err == nil {
		t.Error("the Dutch guide was written all the same")
	}
}

// smallProject is a copy of check's valid test project with the
// project's skeletons, as the working folder of the test.
func smallProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "skeletons"), os.DirFS("../../skeletons")); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	return root
}
