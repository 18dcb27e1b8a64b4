package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSwapReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	write(t, filepath.Join(target, "old.html"), "old")
	staged, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(staged) != dir {
		t.Errorf("staged in %s, want beside the target in %s (same file system)", staged, dir)
	}
	write(t, filepath.Join(staged, "new.html"), "new")
	if err := Swap(staged, target); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(target, "new.html")); got != "new" {
		t.Errorf("new.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous output survived the swap")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind beside the target: %v", entries)
	}
}

func TestDiscardLeavesPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	write(t, filepath.Join(target, "index.html"), "previous")
	staged, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staged, "half.html"), "half")
	Discard(staged) // the build failed
	if got := read(t, filepath.Join(target, "index.html")); got != "previous" {
		t.Errorf("previous output changed: %q", got)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Error("the staged directory was not removed")
	}
}

func TestSwapIntoNewTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "deep", "out")
	staged, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staged, "a.html"), "a")
	if err := Swap(staged, target); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(target, "a.html")); got != "a" {
		t.Errorf("a.html = %q", got)
	}
}
