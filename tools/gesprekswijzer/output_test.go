package main

import (
	"bytes"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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

// leftovers lists what lies beside the outputs in dir that is neither an
// output nor its lock file.
func leftovers(t *testing.T, dir string, outputs ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range entries {
		if slices.Contains(outputs, e.Name()) {
			continue
		}
		if n, ok := strings.CutSuffix(strings.TrimPrefix(e.Name(), "."), ".lock"); ok && slices.Contains(outputs, n) {
			continue
		}
		if regexp.MustCompile(`\.(staging|old)-`).MatchString(e.Name()) {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

// holdLock waits for the lock of output (until a killed run's last worker
// is gone) and returns its release.
func holdLock(t *testing.T, output string) func() {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(filepath.Dir(output), "."+filepath.Base(output)+".lock"), os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	return func() { f.Close() }
}

// round reads which round an output was built in (the home page says).
var roundMark = regexp.MustCompile(`Ronde-(\d+)-`)

func roundOf(t *testing.T, output string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(output, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := roundMark.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s/index.html names no round", output)
	}
	return string(m[1])
}

// TestKilledRunsLeaveCompleteOutput: build and variants, each killed with
// SIGKILL at a random moment 20 times. After each kill, the output holds
// a complete site (every file of its manifest, nothing else), either the
// previous one or the new one. Kills follow each other five times over
// (what one left behind is there for the next, as after a crash loop);
// then a run that is not killed leaves no staging or moved-aside folder
// behind and publishes the new site. The two commands run side by side,
// each in a project of its own.
func TestKilledRunsLeaveCompleteOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 40 runs; not with -short")
	}
	const kills, between = 20, 5                             // a run not killed after every fifth kill
	slugs := []string{"grenslanders", "provincie-voorbeeld"} // both have a Dutch home page
	for _, tc := range []struct {
		name    string
		args    func(project, out string) []string
		outputs func(project, out string) []string
	}{
		{"build", func(string, string) []string { return []string{"build"} },
			func(project, _ string) []string { return []string{filepath.Join(project, "public")} }},
		{"variants", func(_, out string) []string {
			return []string{"variants", "-o", out, "orgs/" + slugs[0], "orgs/" + slugs[1]}
		},
			func(_, out string) []string {
				return []string{filepath.Join(out, slugs[0]), filepath.Join(out, slugs[1])}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			project := copyProject(t)
			home := filepath.Join(project, "content", "nl", "_index.md")
			original, err := os.ReadFile(home)
			if err != nil {
				t.Fatal(err)
			}
			setRound := func(r int) {
				os.WriteFile(home, append(append([]byte{}, original...), []byte("\nRonde-"+strconv.Itoa(r)+"-\n")...), 0o644)
			}
			out := filepath.Join(t.TempDir(), "varianten")
			tc := struct{ args, outputs []string }{tc.args(project, out), tc.outputs(project, out)}
			complete := func(r int) time.Duration {
				t.Helper()
				setRound(r)
				start := time.Now()
				if out, err := process(t, project, tc.args...).CombinedOutput(); err != nil {
					t.Fatalf("run %d: %v\n%s", r, err, out)
				}
				took := time.Since(start)
				for _, o := range tc.outputs {
					if err := publish.Complete(o); err != nil {
						t.Fatalf("after a complete run: %v", err)
					}
					if got := roundOf(t, o); got != strconv.Itoa(r) {
						t.Fatalf("after run %d the output is of round %s", r, got)
					}
					if l := leftovers(t, filepath.Dir(o), filepath.Base(o)); len(l) > 0 {
						t.Fatalf("after run %d, left beside %s: %v", r, o, l)
					}
				}
				return took
			}
			took := complete(0)
			seed := time.Now().UnixNano()
			rng := rand.New(rand.NewPCG(uint64(seed), 1))
			t.Logf("a complete run takes %v; killing at random moments within %v (seed %d)", took, took*5/4, seed)
			last := map[string]string{}
			for _, o := range tc.outputs {
				last[o] = "0"
			}
			landed := 0
			for r := 1; r <= kills; r++ {
				setRound(r)
				cmd := process(t, project, tc.args...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rng.Int64N(int64(took * 5 / 4))))
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
				for _, o := range tc.outputs {
					release := holdLock(t, o) // until the killed run's workers are gone
					if err := publish.Complete(o); err != nil {
						t.Fatalf("round %d, killed: %v", r, err)
					}
					got := roundOf(t, o)
					if got != last[o] && got != strconv.Itoa(r) {
						t.Fatalf("round %d, killed: the output is of round %s, neither the previous (%s) nor the new one", r, got, last[o])
					}
					if got == strconv.Itoa(r) {
						landed++
						last[o] = got
					}
					release()
				}
				if r%between != 0 {
					continue
				}
				// The next run is not killed: it clears up what the kills
				// before it left, and publishes.
				complete(r)
				for _, o := range tc.outputs {
					last[o] = strconv.Itoa(r)
				}
			}
			t.Logf("%d kills: %d outputs were already the new site, %d still the previous one", kills, landed, kills*len(tc.outputs)-landed)
		})
	}
}

// TestConcurrentVariantRuns: three variants runs into one output at the
// same time all succeed; those that find an output in use wait, and say
// so.
func TestConcurrentVariantRuns(t *testing.T) {
	project := copyProject(t)
	out := filepath.Join(t.TempDir(), "varianten")
	os.MkdirAll(out, 0o755)
	// Hold one organisation's output so that every run must wait for it:
	// the runs then overlap for certain.
	release := holdLock(t, filepath.Join(out, "grenslanders"))
	type proc struct {
		cmd    *exec.Cmd
		stderr *lockedBuffer
		done   chan error
	}
	var procs []proc
	for range 3 {
		p := proc{process(t, project, "variants", "-o", out), &lockedBuffer{}, make(chan error, 1)}
		p.cmd.Stderr = p.stderr
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- p.cmd.Wait() }()
		procs = append(procs, p)
	}
	guard := time.After(5 * time.Minute) // a hang guard, not a measure
	for i, p := range procs {
		for !strings.Contains(p.stderr.String(), "waiting for another run into "+filepath.Join(out, "grenslanders")) {
			select {
			case err := <-p.done:
				t.Fatalf("run %d ended without waiting: %v\n%s", i+1, err, p.stderr.String())
			case <-guard:
				t.Fatalf("run %d never said it waits:\n%s", i+1, p.stderr.String())
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	release()
	for i, p := range procs {
		if err := <-p.done; err != nil {
			t.Errorf("run %d: %v\n%s", i+1, err, p.stderr.String())
		}
	}
	for _, slug := range []string{"grenslanders", "provincie-voorbeeld", "technik-muster-gmbh"} {
		if err := publish.Complete(filepath.Join(out, slug)); err != nil {
			t.Error(err)
		}
	}
	if l := leftovers(t, out, "grenslanders", "provincie-voorbeeld", "technik-muster-gmbh"); len(l) > 0 {
		t.Errorf("left in the output: %v", l)
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
