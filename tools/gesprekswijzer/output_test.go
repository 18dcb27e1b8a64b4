package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
)

// These tests run the command as its users do: in a copy of the project,
// as a separate process (this test binary, re-started with runMainEnv
// set, runs the command; see TestMain), so that it can be killed.

// runMainEnv makes this test binary run the command with its arguments.
const runMainEnv = "GESPREKSWIJZER_TEST_RUN_MAIN"

// copyProject copies what the site is built from into a new folder.
func copyProject(t testing.TB) string { return projecttest.CopyProject(t) }

// process returns the command with args, to run in dir as a process.
func process(t testing.TB, dir string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

// snapshotTree lists every path under dir with its type and content.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	s := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		s[p] = d.Type().String()
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			s[p] += string(b)
		}
		return nil
	})
	return s
}

// TestOutputSafety: an output folder that would destroy the project or
// something the tool did not write is refused, with why and what to do,
// and nothing at all is written or deleted.
func TestOutputSafety(t *testing.T) {
	parent := t.TempDir()
	project := filepath.Join(parent, "project")
	if err := os.CopyFS(project, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(project, "notes"), 0o755)
	os.WriteFile(filepath.Join(project, "notes", "mine.txt"), []byte("mine"), 0o644)
	os.MkdirAll(filepath.Join(project, "orgs"), 0o755)
	os.Symlink("content", filepath.Join(project, "site"))

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "-o", "."}, "it is the project itself"},
		{[]string{"build", "-o", "content"}, "it lies inside content/, a source folder of the project"},
		{[]string{"build", "-o", "content/nl"}, "it lies inside content/"},
		{[]string{"build", "-o", ".."}, "it contains the project"},
		{[]string{"build", "-o", parent}, "it contains the project"},
		{[]string{"build", "-o", "notes"}, "this folder was not written by gesprekswijzer"},
		{[]string{"build", "-o", "site"}, "it lies inside content/"},
		{[]string{"build", "-o", "config.toml"}, "config.toml is a file of the project"},
		{[]string{"variants", "-o", "."}, "it is the project itself"},
		{[]string{"variants", "-o", "orgs"}, "it lies inside orgs/"},
	} {
		before := snapshotTree(t, parent)
		var stdout, stderr bytes.Buffer
		wd, _ := os.Getwd()
		os.Chdir(project)
		code := run(tt.args, &stdout, &stderr)
		os.Chdir(wd)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", tt.args, code)
		}
		if !strings.Contains(stderr.String(), "refusing to") || !strings.Contains(stderr.String(), tt.want) || !strings.Contains(stderr.String(), "fix: ") {
			t.Errorf("%v: stderr does not say %q with a fix:\n%s", tt.args, tt.want, stderr.String())
		}
		if after := snapshotTree(t, parent); !maps.Equal(before, after) {
			t.Errorf("%v: a refused run changed the file system", tt.args)
		}
	}
}

// TestServeRefusesWhatHugoMustNotRead: a content tree with a named pipe
// is reported, and serve stops instead of starting Hugo, which would wait
// on the pipe for ever.
func TestServeRefusesWhatHugoMustNotRead(t *testing.T) {
	project := t.TempDir()
	if err := os.CopyFS(project, os.DirFS("../internal/check/testdata/valid")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(project, "content", "nl", "pijp.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	wd, _ := os.Getwd()
	os.Chdir(project)
	defer os.Chdir(wd)
	go func() { done <- run([]string{"serve", "-port", "0"}, &stdout, &stderr) }()
	select {
	case code := <-done:
		if code != 1 || !strings.Contains(stderr.String(), "content/nl/pijp.md: a named pipe (FIFO)") || !strings.Contains(stderr.String(), "not serving") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
		}
	case <-time.After(2 * time.Minute): // a hang guard, not a measure
		t.Fatal("serve did not return: it started on a tree with a named pipe")
	}
}

// TestUnrelatedVariantFolderSurvives: a folder at OUT/<slug> that the
// tool did not write stops the run before anything is built, and is left
// exactly as it was.
func TestUnrelatedVariantFolderSurvives(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	out := t.TempDir()
	mine := filepath.Join(out, "technik-muster-gmbh")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "plan.txt"), []byte("my plan"), 0o644)
	before := snapshotTree(t, out)
	var stdout, stderr bytes.Buffer
	code := run([]string{"variants", "-o", out, filepath.Join(repo, "orgs", "technik-muster-gmbh"), filepath.Join(repo, "orgs", "grenslanders")}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), mine+": refusing to replace it: this folder was not written by gesprekswijzer") || !strings.Contains(stderr.String(), "nothing was built") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if after := snapshotTree(t, out); !maps.Equal(before, after) {
		t.Errorf("the run changed the output folder: %v", after)
	}
}

// TestBrokenLinkFailsBuild: a broken link fails the build and is named:
// one to a page that does not exist by the content's link hook in Hugo,
// one written relative (which the hook leaves alone) by the verifier.
// The previous output stays whole.
func TestBrokenLinkFailsBuild(t *testing.T) {
	project := copyProject(t)
	if out, err := process(t, project, "build").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	about := filepath.Join(project, "content", "nl", "over.md")
	original, err := os.ReadFile(about)
	if err != nil {
		t.Fatal(err)
	}
	for link, want := range map[string]string{
		"/bestaat-niet-xq/":   `over.md: the link to "/bestaat-niet-xq/" leads to no page of this site`,
		"../bestaat-niet-xq/": `over/index.html: href="../bestaat-niet-xq/" is a broken link`,
	} {
		os.WriteFile(about, append(slices.Clone(original), []byte("\nZie [de oude pagina]("+link+").\n")...), 0o644)
		var stderr bytes.Buffer
		cmd := process(t, project, "build")
		cmd.Stderr = &stderr
		if err := cmd.Run(); err == nil {
			t.Errorf("%s: a site with a broken link was built", link)
		}
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: stderr lacks %q:\n%s", link, want, stderr.String())
		}
		if err := publish.Complete(filepath.Join(project, "public")); err != nil {
			t.Error(err)
		}
		if b, _ := os.ReadFile(filepath.Join(project, "public", "over", "index.html")); bytes.Contains(b, []byte("bestaat-niet-xq")) {
			t.Errorf("%s: the broken page was published", link)
		}
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
