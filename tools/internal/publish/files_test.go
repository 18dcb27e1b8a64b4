package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeOnce publishes files from memory into target with inputs.
func writeOnce(t *testing.T, target string, files map[string]string, inputs string) {
	t.Helper()
	tg, err := Open(target, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	m := map[string][]byte{}
	for name, text := range files {
		m[name] = []byte(text)
	}
	if err := tg.Write(m, inputs); err != nil {
		t.Fatal(err)
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestWriteFromMemory: a site built in memory is published whole, with
// its manifest and inputs; a second build links what did not change and
// writes what did, and the output is exactly the second build.
func TestWriteFromMemory(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	writeOnce(t, target, map[string]string{"index.html": "home", "a/b/c.css": "c", "gone.html": "gone"}, "sha256:one")
	if err := Complete(target); err != nil {
		t.Fatal(err)
	}
	m, err := ReadMarker(target)
	if err != nil || m.Inputs != "sha256:one" {
		t.Fatalf("marker %+v, %v: want inputs sha256:one", m, err)
	}
	home, css := stat(t, filepath.Join(target, "index.html")), stat(t, filepath.Join(target, "a", "b", "c.css"))
	writeOnce(t, target, map[string]string{"index.html": "home", "a/b/c.css": "changed", "new.html": "new"}, "sha256:two")
	if err := Complete(target); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(stat(t, filepath.Join(target, "index.html")), home) {
		t.Error("an unchanged file was written again rather than linked")
	}
	if os.SameFile(stat(t, filepath.Join(target, "a", "b", "c.css")), css) {
		t.Error("a changed file kept its old file")
	}
	for name, want := range map[string]string{"index.html": "home", "a/b/c.css": "changed", "new.html": "new"} {
		if got := read(t, filepath.Join(target, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(target, "gone.html")); !os.IsNotExist(err) {
		t.Error("a file the new build does not have survived")
	}
	if got := names(t, dir); !slices.Equal(got, []string{".public.lock", "public"}) {
		t.Errorf("beside the target: %v", got)
	}
}

// TestWriteLinksOnlyWhatIsIdentical: a file of the current output that
// was changed in place (its manifest entry no longer true) is not linked
// into the new output; the new output holds what was built.
func TestWriteLinksOnlyWhatIsIdentical(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeOnce(t, target, map[string]string{"index.html": "home"}, "x")
	os.WriteFile(filepath.Join(target, "index.html"), []byte("HOME"), 0o644) // same size, other bytes
	writeOnce(t, target, map[string]string{"index.html": "home"}, "x")
	if got := read(t, filepath.Join(target, "index.html")); got != "home" {
		t.Errorf("index.html = %q, want what was built", got)
	}
	if err := Complete(target); err != nil {
		t.Error(err)
	}
}

// TestWriteRefusesBadNames: a path that would leave the output or
// replace its marker is refused and nothing is written.
func TestWriteRefusesBadNames(t *testing.T) {
	for _, name := range []string{"../x.html", "/abs.html", "a//b", Marker, Marker + ".tmp", "."} {
		target := filepath.Join(t.TempDir(), "public")
		tg, err := Open(target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = tg.Write(map[string][]byte{name: []byte("x"), "index.html": []byte("y")}, "")
		tg.Close()
		if err == nil {
			t.Errorf("%q: written", name)
		}
		if got := names(t, filepath.Dir(target)); !slices.Equal(got, []string{".public.lock"}) {
			t.Errorf("%q: left %v", name, got)
		}
	}
}

// TestCurrent: an output is current for exactly the inputs it was built
// from, while every file it lists is there with its size.
func TestCurrent(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	writeOnce(t, target, map[string]string{"index.html": "home", "css/a.css": "a"}, "sha256:one")
	current := func() bool {
		tg, err := Open(target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer tg.Close()
		return tg.Current("sha256:one")
	}
	if !current() {
		t.Fatal("a fresh output is not current for its own inputs")
	}
	tg, _ := Open(target, Options{})
	if tg.Current("sha256:two") || tg.Current("") {
		t.Error("current for other inputs, or for none")
	}
	tg.Close()
	os.WriteFile(filepath.Join(target, "css", "a.css"), []byte("ab"), 0o644)
	if current() {
		t.Error("current with a file of another size")
	}
	os.Remove(filepath.Join(target, "css", "a.css"))
	if current() {
		t.Error("current with a file missing")
	}
	// Built without inputs (build, or an older version): never current.
	publishOnce(t, target, map[string]string{"index.html": "home"})
	tg, _ = Open(target, Options{})
	defer tg.Close()
	if tg.Current("sha256:one") {
		t.Error("an output without recorded inputs is current")
	}
}

// TestRemove: an output this tool wrote is removed whole; a folder it
// did not write is refused and left as it was; a missing one is fine.
func TestRemove(t *testing.T) {
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours")
	writeOnce(t, ours, map[string]string{"index.html": "home", "a/b.css": "b"}, "x")
	if err := Remove(ours, Options{}); err != nil {
		t.Fatal(err)
	}
	theirs := filepath.Join(dir, "theirs")
	write(t, filepath.Join(theirs, "index.html"), "theirs")
	if err := Remove(theirs, Options{}); err == nil || !strings.Contains(err.Error(), theirs) {
		t.Errorf("removing a folder the tool did not write: %v", err)
	}
	if err := Remove(filepath.Join(dir, "never"), Options{}); err != nil {
		t.Errorf("removing what is not there: %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{".never.lock", ".ours.lock", "theirs"}) {
		t.Errorf("left: %v", got)
	}
	if got := read(t, filepath.Join(theirs, "index.html")); got != "theirs" {
		t.Errorf("a folder the tool did not write was changed: %q", got)
	}
}
