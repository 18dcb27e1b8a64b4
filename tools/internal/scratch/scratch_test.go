package scratch

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

func TestOwner(t *testing.T) {
	for name, want := range map[string]int{
		"gesprekswijzer-variant-org-2-1234-5678":     1234,
		"gesprekswijzer-variant-a-77-9":              77,
		"gesprekswijzer-preview-42-1":                42,
		"gesprekswijzer-variant-provincie-12-345-67": 345,
	} {
		if _, pid, ok := Owner(name); !ok || pid != want {
			t.Errorf("Owner(%q) = %d, %v; want %d", name, pid, ok, want)
		}
	}
	for _, name := range []string{"gesprekswijzer-examples-123456", "gesprekswijzer-serve-123", "other-variant-1-2", "gesprekswijzer-variant-x-0-1", "gesprekswijzer-variant-X-1-2"} {
		if _, _, ok := Owner(name); ok {
			t.Errorf("Owner(%q) took it for one of ours", name)
		}
	}
}

// TestSweepRemovesOnlyTheDead: a folder of a process that ended is
// removed; one of a live process, one of another kind and one of another
// name are kept.
func TestSweepRemovesOnlyTheDead(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	// A process that has ended: this test binary, run to do nothing
	// (it exists wherever the test runs; "true" may not).
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	mine, err := Make(Variant, "org-1")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{ // name → kept
		"gesprekswijzer-variant-org-1-" + strconv.Itoa(dead) + "-1": false,
		"gesprekswijzer-preview-" + strconv.Itoa(dead) + "-2":       true, // not asked for
		"gesprekswijzer-examples-" + strconv.Itoa(dead):             true,
		filepath.Base(mine): true,
	}
	for name := range names {
		os.MkdirAll(filepath.Join(tmp, name, "sub"), 0o755)
	}
	if n := Sweep(Variant); n != 1 {
		t.Errorf("Sweep removed %d folders, want 1", n)
	}
	for name, kept := range names {
		_, err := os.Stat(filepath.Join(tmp, name))
		if kept != (err == nil) {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
