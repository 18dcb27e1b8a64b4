package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
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

// filesIn lists the files under dir, slash-separated, sorted.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for p, kind := range snapshot(t, dir) {
		if strings.HasPrefix(kind, "-") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(files)
	return files
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
// its manifest and inputs, and the previous output is kept as the spare;
// the next build is made in the spare: what is unchanged is not written
// again, what changed is rewritten, what is gone is removed, and the
// output is exactly that build.
func TestWriteFromMemory(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	spare := filepath.Join(dir, ".public.spare")
	writeOnce(t, target, map[string]string{"index.html": "home", "a/b/c.css": "c", "gone.html": "gone", "x/old.html": "old"}, "sha256:one")
	if err := Complete(target); err != nil {
		t.Fatal(err)
	}
	m, err := ReadMarker(target)
	if err != nil || m.Inputs != "sha256:one" {
		t.Fatalf("marker %+v, %v: want inputs sha256:one", m, err)
	}
	second := map[string]string{"index.html": "home", "a/b/c.css": "changed", "new.html": "new"}
	writeOnce(t, target, second, "sha256:two")
	if err := Complete(spare); err != nil {
		t.Fatalf("the previous output is not kept whole as the spare: %v", err)
	}
	// Mark the spare's files, to see which the next build writes.
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	filepath.WalkDir(spare, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, old, old)
		}
		return err
	})
	third := map[string]string{"index.html": "home", "a/b/c.css": "changed", "new.html": "new", "x": "a file where a folder was"}
	writeOnce(t, target, third, "sha256:three")
	if err := Complete(target); err != nil {
		t.Fatal(err)
	}
	if got := filesIn(t, target); !slices.Equal(got, []string{Marker, "a/b/c.css", "index.html", "new.html", "x"}) {
		t.Errorf("the output holds %v, want the third build's files and the marker", got)
	}
	for name, want := range third {
		if got := read(t, filepath.Join(target, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !stat(t, filepath.Join(target, "index.html")).ModTime().Equal(old) {
		t.Error("a file that did not change was written again")
	}
	if stat(t, filepath.Join(target, "a", "b", "c.css")).ModTime().Equal(old) {
		t.Error("a file that changed was not written")
	}
	if got := names(t, dir); !slices.Equal(got, []string{".public.lock", ".public.spare", "public"}) {
		t.Errorf("beside the target: %v", got)
	}
	if err := Complete(spare); err != nil {
		t.Errorf("the spare after the third build: %v", err)
	}
}

// TestWriteNeverChangesAnotherName: a file of the spare that has another
// name too (a backup made with hard links) is replaced, not rewritten in
// place, and a file changed by hand in the spare is put right.
func TestWriteNeverChangesAnotherName(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	writeOnce(t, target, map[string]string{"a.html": "one", "b.html": "bbb"}, "1")
	writeOnce(t, target, map[string]string{"a.html": "one", "b.html": "bbb"}, "2")
	backup := filepath.Join(dir, "backup.html")
	if err := os.Link(filepath.Join(dir, ".public.spare", "a.html"), backup); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".public.spare", "b.html"), []byte("BBB"), 0o644) // same size
	writeOnce(t, target, map[string]string{"a.html": "two", "b.html": "bbb"}, "3")
	if got := read(t, backup); got != "one" {
		t.Errorf("another name of a spare file was changed: %q", got)
	}
	if got := read(t, filepath.Join(target, "a.html")) + read(t, filepath.Join(target, "b.html")); got != "twobbb" {
		t.Errorf("the output holds %q", got)
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
		return tg.Current("sha256:one") != nil
	}
	if !current() {
		t.Fatal("a fresh output is not current for its own inputs")
	}
	tg, _ := Open(target, Options{})
	if tg.Current("sha256:two") != nil || tg.Current("") != nil {
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
	if tg.Current("sha256:one") != nil {
		t.Error("an output without recorded inputs is current")
	}
}

// TestRemove: an output this tool wrote is removed whole; a folder it
// did not write is refused and left as it was; a missing one is fine.
func TestRemove(t *testing.T) {
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours")
	writeOnce(t, ours, map[string]string{"index.html": "home", "a/b.css": "b"}, "x")
	writeOnce(t, ours, map[string]string{"index.html": "home"}, "y") // and a spare
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

// TestWriteInterrupted: a build made in the spare and stopped after any
// step of its swap (as a kill would stop it) leaves a complete output,
// the previous or the new one; the next run publishes whole.
func TestWriteInterrupted(t *testing.T) {
	realExchange := exchange
	t.Cleanup(func() { exchange = realExchange; hook = func(string) error { return nil } })
	for _, tt := range []struct {
		step     string
		exchange bool
		want     string // what the output holds right after the stop
	}{
		{"marked", true, "two"},
		{"exchanged", true, "three"},
		{"marked", false, "two"},
		{"moved-aside", false, ""},
		{"moved-in", false, "three"},
	} {
		t.Run(fmt.Sprint(tt.step, tt.exchange), func(t *testing.T) {
			exchange = realExchange
			if !tt.exchange {
				exchange = func(a, b string) error { return errNoExchange }
			}
			dir := t.TempDir()
			target := filepath.Join(dir, "public")
			writeOnce(t, target, map[string]string{"index.html": "one", "a/one.html": "1"}, "1")
			writeOnce(t, target, map[string]string{"index.html": "two", "b/two.html": "2"}, "2")
			stop := errors.New("killed")
			hook = func(step string) error {
				if step == tt.step {
					return stop
				}
				return nil
			}
			tg, err := Open(target, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := tg.Write(map[string][]byte{"index.html": []byte("three")}, "3"); !errors.Is(err, stop) {
				t.Fatalf("Write = %v, want the stop at %s", err, tt.step)
			}
			tg.Close()
			hook = func(string) error { return nil }
			if tt.want != "" {
				if err := Complete(target); err != nil {
					t.Fatal(err)
				}
				if got := read(t, filepath.Join(target, "index.html")); got != tt.want {
					t.Errorf("the output holds %q, want %q", got, tt.want)
				}
			}
			writeOnce(t, target, map[string]string{"index.html": "four", "c/four.html": "4"}, "4")
			if got := filesIn(t, target); !slices.Equal(got, []string{Marker, "c/four.html", "index.html"}) || read(t, filepath.Join(target, "index.html")) != "four" {
				t.Errorf("after the next run the output holds %v", got)
			}
			if err := Complete(target); err != nil {
				t.Error(err)
			}
			for _, n := range names(t, dir) {
				if strings.Contains(n, ".staging-") || strings.Contains(n, ".old-") {
					t.Errorf("after the next run %s is left", n)
				}
			}
		})
	}
}

// TestOwnerIsRecordedAndKept: an output records its owner; a kept output
// built before owners were recorded gets its owner when it is next
// opened; another owner is then refused, unless ForceOwner.
func TestOwnerIsRecordedAndKept(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out")
	writeOnce(t, target, map[string]string{"index.html": "x"}, "in-1") // no owner: an older output
	a, b := &Owner{Folder: "orgs/a", Name: "A"}, &Owner{Folder: "orgs/b", Name: "B"}
	tg, err := Open(target, Options{Owner: a})
	if err != nil {
		t.Fatal(err)
	}
	if tg.Current("in-1") == nil {
		t.Fatal("the output is not current")
	}
	tg.Close()
	if m, err := ReadMarker(target); err != nil || m.Owner == nil || *m.Owner != *a {
		t.Fatalf("a kept output's marker records %+v (%v), want %+v", m, err, a)
	}
	if err := Complete(target); err != nil {
		t.Errorf("recording the owner broke the output: %v", err)
	}
	_, err = Open(target, Options{Owner: b})
	var p problem.Problem
	if !errors.As(err, &p) || !strings.Contains(p.Message, `built for the organisation in orgs/a ("A"), and orgs/b ("B") declares the same slug`) || !strings.Contains(p.Fix, "-force-owner") {
		t.Errorf("another owner: %v", err)
	}
	tg, err = Open(target, Options{Owner: b, ForceOwner: true})
	if err != nil {
		t.Fatalf("ForceOwner: %v", err)
	}
	if err := tg.Write(map[string][]byte{"index.html": []byte("y")}, "in-2"); err != nil {
		t.Fatal(err)
	}
	tg.Close()
	if m, _ := ReadMarker(target); m == nil || m.Owner == nil || *m.Owner != *b {
		t.Errorf("after ForceOwner the marker records %+v, want %+v", m, b)
	}
}
