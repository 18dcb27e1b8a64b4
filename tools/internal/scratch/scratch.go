// Package scratch makes the tool's temporary folders, named so that a
// later run can tell whose they are, and removes those whose owner died.
//
// A run that is killed (SIGKILL, a lost container, a power cut) cannot
// remove what it made in the temporary directory; left alone, every kill
// of a variants run left a folder per organisation being built. Each
// folder's name holds the process id of the process that made it:
//
//	$TMPDIR/gesprekswijzer-<kind>-<name>-<pid>-<random>
//
// and Sweep, which every run calls at its start, removes the folders of
// the kinds it knows whose process is no longer running. A folder of a
// live process, of another user or of another name is left alone.
package scratch

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// Kinds of temporary folders.
const (
	Variant = "variant" // the overlay of one organisation being built
	Preview = "preview" // a preview's rendered site and overlays (serve)
)

// Make creates a temporary folder of kind for name (may be empty), owned
// by this process. The caller removes it when done.
func Make(kind, name string) (string, error) {
	p := "gesprekswijzer-" + kind + "-"
	if name != "" {
		p += name + "-"
	}
	return os.MkdirTemp("", p+strconv.Itoa(os.Getpid())+"-")
}

// folderName matches what Make names: kind, optional name, pid, random.
var folderName = regexp.MustCompile(`^gesprekswijzer-([a-z]+)-(?:[a-z0-9-]+-)?([0-9]+)-[0-9]+$`)

// Owner returns the process id in the name of a folder Make made, and its
// kind; ok is false for any other name.
func Owner(name string) (kind string, pid int, ok bool) {
	m := folderName.FindStringSubmatch(name)
	if m == nil {
		return "", 0, false
	}
	pid, err := strconv.Atoi(m[2])
	if err != nil || pid <= 0 {
		return "", 0, false
	}
	return m[1], pid, true
}

// Sweep removes from the temporary directory every folder of one of
// kinds whose owner is no longer running, and returns how many it
// removed. Errors are not fatal to a run: what cannot be removed now is
// tried again by the next.
func Sweep(kinds ...string) (removed int) {
	dir := os.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	for _, e := range entries {
		kind, pid, ok := Owner(e.Name())
		if !ok || !e.IsDir() || !contains(kinds, kind) || pid == os.Getpid() || alive(pid) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err == nil {
			removed++
		}
	}
	return removed
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
