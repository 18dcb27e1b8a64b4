//go:build unix

package variants

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// leftovers are the entries of dir whose name starts with gesprekswijzer.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "gesprekswijzer") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestKilledRunsLeaveNoTemporaryFolders: variants runs killed with
// SIGKILL while their workers build (their overlays in $TMPDIR) leave
// those folders behind; the next run removes them, and leaves no
// gesprekswijzer* entry of its own.
func TestKilledRunsLeaveNoTemporaryFolders(t *testing.T) {
	tmp, orgs, out := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var dirs []string
	for _, name := range []string{"een", "twee", "drie"} {
		dirs = append(dirs, projecttest.NewOrg(t, orgs, name, fmt.Sprintf(projecttest.MinimalOrg, strings.ToUpper(name))))
	}
	spec, _ := json.Marshal(Options{Root: root, Orgs: dirs, Out: out, Force: true, Workers: 2})
	const kills = 3 // each costs seconds (a run starts, validates, starts workers)
	// Each killed run's leftovers are counted right after it died: the
	// next run removes them at its start (which is the point).
	seen, left := map[string]bool{}, 0
	for i := range kills {
		cmd := exec.Command(workerExe, "-test.run=^$")
		cmd.Env = append(os.Environ(), runEnv+"="+string(spec), "TMPDIR="+tmp)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill while a worker has its overlay: once a new one appears,
		// at a random moment within the next 200 ms.
		deadline := time.Now().Add(2 * time.Minute)
		fresh := func() bool {
			for _, n := range leftovers(t, tmp) {
				if !seen[n] {
					return true
				}
			}
			return false
		}
		for !fresh() && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
		_ = syscall.Kill(cmd.Process.Pid, syscall.SIGKILL) // the run only: its workers die with it
		cmd.Wait()
		// Until the workers are gone too (they get SIGKILL when their
		// parent dies, and are in its process group).
		for !errors.Is(syscall.Kill(-cmd.Process.Pid, 0), syscall.ESRCH) {
			if time.Now().After(deadline) {
				t.Fatalf("kill %d: the run's workers do not die", i+1)
			}
			time.Sleep(5 * time.Millisecond)
		}
		for _, n := range leftovers(t, tmp) {
			if !seen[n] {
				seen[n] = true
				left++
			}
		}
	}
	t.Logf("%d killed runs left %d temporary folders (each removed by the next run)", kills, left)
	if left == 0 {
		t.Fatal("no killed run left a temporary folder: the test kills at the wrong moment and proves nothing")
	}
	results, err := Build(Options{Root: root, Orgs: dirs, Out: out, Worker: workerExe})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Slug, r.Err)
		}
	}
	if names := leftovers(t, tmp); len(names) > 0 {
		t.Errorf("after a normal run the temporary directory still holds %v", names)
	}
	// The outputs are whole: a kill never leaves half a site.
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(out, filepath.Base(d), "index.html")); err != nil {
			t.Error(err)
		}
	}
}
