// Package crashsafe runs the gesprekswijzer command as its users do, as
// separate processes in a copy of the project, and kills them or runs
// them side by side into one output: whatever happens, the output holds a
// complete site (docs/output-folders.md). These tests start some sixty runs of
// the command; they are a package of their own so that the command's
// other tests and these take turns with the rest of go test ./... rather
// than making one package of more than four minutes on a busy 2-core
// machine (issue 18).
package crashsafe

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
)

// command is the gesprekswijzer command, built once for this test binary.
var command string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gesprekswijzer-crashsafe-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	command, err = projecttest.BuildCommand(dir)
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// process returns the command with args, to run in dir as a process.
func process(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(command, args...)
	cmd.Dir = dir
	return cmd
}

// said is what a run has written to its standard error file so far.
func said(t *testing.T, f *os.File) string {
	t.Helper()
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
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
			project := projecttest.CopyProject(t)
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
				if out, err := process(project, tc.args...).CombinedOutput(); err != nil {
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
				cmd := process(project, tc.args...)
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
	project := projecttest.CopyProject(t)
	out := filepath.Join(t.TempDir(), "varianten")
	os.MkdirAll(out, 0o755)
	// Hold one organisation's output so that every run must wait for it:
	// the runs then overlap for certain.
	release := holdLock(t, filepath.Join(out, "grenslanders"))
	type proc struct {
		cmd    *exec.Cmd
		stderr *os.File
		done   chan error
	}
	var procs []proc
	for i := range 3 {
		stderr, err := os.Create(filepath.Join(t.TempDir(), fmt.Sprintf("stderr-%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		p := proc{process(project, "variants", "-o", out), stderr, make(chan error, 1)}
		p.cmd.Stderr = p.stderr
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.done <- p.cmd.Wait() }()
		procs = append(procs, p)
	}
	guard := time.After(5 * time.Minute) // a hang guard, not a measure
	for i, p := range procs {
		for !strings.Contains(said(t, p.stderr), "waiting for another run into "+filepath.Join(out, "grenslanders")) {
			select {
			case err := <-p.done:
				t.Fatalf("run %d ended without waiting: %v\n%s", i+1, err, said(t, p.stderr))
			case <-guard:
				t.Fatalf("run %d never said it waits:\n%s", i+1, said(t, p.stderr))
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
	release()
	for i, p := range procs {
		if err := <-p.done; err != nil {
			t.Errorf("run %d: %v\n%s", i+1, err, said(t, p.stderr))
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
