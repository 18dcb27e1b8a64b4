package publish

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
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

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// publishOnce writes one output with the given files into target.
func publishOnce(t *testing.T, target string, files map[string]string) {
	t.Helper()
	tg, err := Open(target, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	staged, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		write(t, filepath.Join(staged, name), text)
	}
	if err := tg.Commit(staged); err != nil {
		t.Fatal(err)
	}
}

func TestCommitReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	publishOnce(t, target, map[string]string{"old.html": "old", "css/a.css": "a"})
	publishOnce(t, target, map[string]string{"new.html": "new"})
	if got := read(t, filepath.Join(target, "new.html")); got != "new" {
		t.Errorf("new.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous output survived the swap")
	}
	if err := Complete(target); err != nil {
		t.Error(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{".public.lock", "public"}) {
		t.Errorf("beside the target: %v, want only the lock file and the output", got)
	}
	if info, _ := os.Stat(target); info.Mode().Perm() != 0o755 {
		t.Errorf("the output is %v, want readable by all (0755)", info.Mode().Perm())
	}
}

func TestDiscardLeavesPreviousOutput(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	publishOnce(t, target, map[string]string{"index.html": "previous"})
	tg, err := Open(target, Options{})
	if err != nil {
		t.Fatal(err)
	}
	staged, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staged, "half.html"), "half")
	Discard(staged) // the build failed
	tg.Close()
	if got := read(t, filepath.Join(target, "index.html")); got != "previous" {
		t.Errorf("previous output changed: %q", got)
	}
	if _, err := os.Stat(staged); !os.IsNotExist(err) {
		t.Error("the staged directory was not removed")
	}
}

func TestCommitIntoNewTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "deep", "out")
	publishOnce(t, target, map[string]string{"a.html": "a"})
	if got := read(t, filepath.Join(target, "a.html")); got != "a" {
		t.Errorf("a.html = %q", got)
	}
}

// TestEmptyFolderAccepted: an empty folder holds nothing to lose.
func TestEmptyFolderAccepted(t *testing.T) {
	target := t.TempDir()
	publishOnce(t, target, map[string]string{"a.html": "a"})
	if err := Complete(target); err != nil {
		t.Error(err)
	}
}

// snapshot lists every path under dir with its content, to prove that a
// refused run changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	s := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		s[p] = info.Mode().String()
		if d.Type().IsRegular() {
			s[p] += " " + read(t, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRefusals: outputs that would destroy what the tool did not write
// are refused before anything is written, with why and what to do.
func TestRefusals(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "project")
	write(t, filepath.Join(root, "config.toml"), "title = \"x\"")
	write(t, filepath.Join(root, "content", "nl", "_index.md"), "+++\n+++")
	write(t, filepath.Join(root, ".git", "HEAD"), "ref")
	write(t, filepath.Join(root, "notes", "mine.txt"), "my notes")
	write(t, filepath.Join(root, "orgs", "acme", "org.toml"), "name = \"Acme\"")
	write(t, filepath.Join(parent, "elsewhere", "orgs", "beta", "org.toml"), "name = \"Beta\"")
	os.Symlink(filepath.Join(root, "content"), filepath.Join(parent, "link-to-content"))
	os.Symlink(filepath.Join(root, "notes"), filepath.Join(root, "public-link"))
	beta := filepath.Join(parent, "elsewhere", "orgs", "beta")

	for _, tt := range []struct {
		name, path string
		sources    []string
		want       string
	}{
		{"the project root", root, nil, "it is the project itself"},
		{"the project root, written with ..", filepath.Join(root, "content", ".."), nil, "it is the project itself"},
		{"the content folder", filepath.Join(root, "content"), nil, "inside content/, a source folder"},
		{"deep in the content folder", filepath.Join(root, "content", "nl", "new"), nil, "inside content/, a source folder"},
		{"the git folder", filepath.Join(root, ".git", "site"), nil, "inside .git, a hidden folder"},
		{"the orgs folder", filepath.Join(root, "orgs"), nil, "inside orgs/, a source folder"},
		{"a file of the project", filepath.Join(root, "config.toml"), nil, "config.toml is a file of the project"},
		{"a parent of the project", parent, nil, "it contains the project"},
		{"the file system root", "/", nil, "it contains the project"},
		{"a folder the tool did not write", filepath.Join(root, "notes"), nil, "this folder was not written by gesprekswijzer"},
		{"a symbolic link to content", filepath.Join(parent, "link-to-content"), nil, "inside content/, a source folder"},
		{"a symbolic link to a folder the tool did not write", filepath.Join(root, "public-link"), nil, "this folder was not written by gesprekswijzer"},
		{"an organisation folder read by the run", beta, []string{beta}, "it overlaps " + beta},
		{"a folder holding an organisation folder", filepath.Join(parent, "elsewhere"), []string{beta}, "it overlaps " + beta},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, parent)
			tg, err := Open(tt.path, Options{Root: root, Sources: tt.sources})
			if err == nil {
				tg.Close()
				t.Fatalf("%s was accepted as an output", tt.path)
			}
			var p problem.Problem
			if !errors.As(err, &p) || !strings.Contains(p.Message, tt.want) || p.File != tt.path || !strings.Contains(p.Fix, "-o") && tt.sources == nil {
				t.Errorf("got %v, want a problem about %s saying %q with a fix", err, tt.path, tt.want)
			}
			if after := snapshot(t, parent); !maps.Equal(before, after) {
				t.Errorf("a refused output changed the file system")
			}
		})
	}
	// The default output inside the project is fine.
	if _, err := Check(filepath.Join(root, "public"), Options{Root: root}); err != nil {
		t.Errorf("public inside the project: %v", err)
	}
}

// TestSwapInterrupted stops a swap after each of its steps, as a kill
// would, and checks that the output's name holds a complete output, old
// or new as the step implies, and that the next run restores or clears
// whatever was left beside it.
func TestSwapInterrupted(t *testing.T) {
	realExchange := exchange
	t.Cleanup(func() { exchange = realExchange; hook = func(string) error { return nil } })
	for _, tt := range []struct {
		step     string
		exchange bool   // whether the system can exchange atomically
		want     string // what the output holds right after the stop
	}{
		{"marked", true, "old"},
		{"exchanged", true, "new"},
		{"marked", false, "old"},
		{"moved-aside", false, ""}, // the name is empty; the next run restores "old"
		{"moved-in", false, "new"},
	} {
		t.Run(tt.step, func(t *testing.T) {
			exchange = realExchange
			if !tt.exchange {
				exchange = func(a, b string) error { return errNoExchange }
			}
			dir := t.TempDir()
			target := filepath.Join(dir, "public")
			publishOnce(t, target, map[string]string{"index.html": "old"})

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
			staged, _ := tg.Stage()
			write(t, filepath.Join(staged, "index.html"), "new")
			if err := tg.Commit(staged); !errors.Is(err, stop) {
				t.Fatalf("Commit = %v, want the stop at %s", err, tt.step)
			}
			tg.Close() // the kernel releases a killed run's lock
			hook = func(string) error { return nil }

			switch tt.want {
			case "":
				if _, err := os.Lstat(target); !os.IsNotExist(err) {
					t.Fatalf("after moving aside the output's name holds something: %v", err)
				}
			default:
				if err := Complete(target); err != nil {
					t.Fatal(err)
				}
				if got := read(t, filepath.Join(target, "index.html")); got != tt.want {
					t.Errorf("the output holds %q, want %q", got, tt.want)
				}
			}

			var said bytes.Buffer
			tg, err = Open(target, Options{Wait: &said}) // the next run
			if err != nil {
				t.Fatal(err)
			}
			tg.Close()
			if got := names(t, dir); !slices.Equal(got, []string{".public.lock", "public"}) {
				t.Errorf("after the next run, beside the output: %v", got)
			}
			if err := Complete(target); err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "" {
				want = "old"
				if !strings.Contains(said.String(), "restored") {
					t.Errorf("the next run did not say it restored the output: %q", said.String())
				}
			}
			if got := read(t, filepath.Join(target, "index.html")); got != want {
				t.Errorf("after the next run the output holds %q, want %q", got, want)
			}
		})
	}
}

// TestLeftoversOnlyWhenProvenOurs: a folder with a staging name but no
// marker (someone else's) survives; marked and empty ones are removed,
// also half-removed ones, whose marker goes last.
func TestLeftoversOnlyWhenProvenOurs(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	write(t, filepath.Join(dir, ".public.staging-123", "precious.txt"), "not ours")
	write(t, filepath.Join(dir, ".public.staging-456", Marker), `{"tool":"gesprekswijzer","state":"staging"}`)
	write(t, filepath.Join(dir, ".public.staging-456", "a", "b.html"), "half")
	os.MkdirAll(filepath.Join(dir, ".public.staging-789"), 0o755)
	write(t, filepath.Join(dir, ".public.old-12", Marker), `{"tool":"gesprekswijzer","state":"complete","files":{}}`)
	write(t, filepath.Join(dir, ".public.staging-x1", Marker), "{}") // not a name this package makes
	var said bytes.Buffer
	publishOnce(t, target, map[string]string{"a.html": "a"})
	tg, err := Open(target, Options{Wait: &said})
	if err != nil {
		t.Fatal(err)
	}
	tg.Close()
	if got := names(t, dir); !slices.Equal(got, []string{".public.lock", ".public.staging-123", ".public.staging-x1", "public"}) {
		t.Errorf("beside the output: %v", got)
	}
	if read(t, filepath.Join(dir, ".public.staging-123", "precious.txt")) != "not ours" {
		t.Error("someone else's folder was touched")
	}
}

// TestSecondRunWaits: a run into an output another run holds waits for
// it, says so, and then succeeds.
func TestSecondRunWaits(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	first, err := Open(target, Options{})
	if err != nil {
		t.Fatal(err)
	}
	said, says := io.Pipe()
	opened := make(chan error, 1)
	go func() {
		tg, err := Open(target, Options{Wait: says})
		if err == nil {
			tg.Close()
		}
		says.Close()
		opened <- err
	}()
	line, err := bufio.NewReader(said).ReadString('\n')
	if !strings.Contains(line, "waiting for another run into "+target) {
		t.Fatalf("the second run said %q (%v), want that it waits", line, err)
	}
	go io.Copy(io.Discard, said)
	staged, _ := first.Stage()
	write(t, filepath.Join(staged, "a.html"), "a")
	if err := first.Commit(staged); err != nil {
		t.Fatal(err)
	}
	first.Close()
	if err := <-opened; err != nil {
		t.Errorf("the second run failed after waiting: %v", err)
	}
}

// TestSweep: leftovers beside outputs nobody is building are cleared;
// those of an output another run holds are left to that run.
func TestSweep(t *testing.T) {
	dir := t.TempDir()
	publishOnce(t, filepath.Join(dir, "acme"), map[string]string{"a.html": "a"})
	publishOnce(t, filepath.Join(dir, "beta"), map[string]string{"b.html": "b"})
	write(t, filepath.Join(dir, ".acme.staging-1", Marker), `{"tool":"gesprekswijzer","state":"staging"}`)
	write(t, filepath.Join(dir, ".beta.staging-2", Marker), `{"tool":"gesprekswijzer","state":"staging"}`)
	busy, err := Open(filepath.Join(dir, "beta"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	write(t, filepath.Join(dir, ".beta.staging-3", Marker), `{"tool":"gesprekswijzer","state":"staging"}`) // the live run's
	if err := Sweep(dir, nil); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{".acme.lock", ".beta.lock", ".beta.staging-3", "acme", "beta"}) {
		t.Errorf("after the sweep: %v", got)
	}
}

// TestCompleteFindsDamage: a file missing, changed or added is found.
func TestCompleteFindsDamage(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	publishOnce(t, target, map[string]string{"a.html": "a", "b/c.css": "c"})
	os.Remove(filepath.Join(target, "a.html"))
	write(t, filepath.Join(target, "b/c.css"), "changed")
	write(t, filepath.Join(target, "extra.js"), "x")
	err := Complete(target)
	for _, want := range []string{"a.html is missing", "b/c.css is 7 sha256:", "extra.js is not in the manifest"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Complete = %v, want it to say %q", err, want)
		}
	}
}
