// Package publish writes an output folder as a whole or not at all, and
// never writes where it must not.
//
// A run opens its output as a Target: the path is checked (never the
// project, never inside its sources, never a folder that holds them),
// a lock beside it is taken (a second run into the same output waits,
// and says so), what a killed run left beside it is cleared away, and an
// existing folder is accepted only if a marker file shows this tool wrote
// it. The new output is written into a staging folder beside the target,
// on the same file system, marked, and swapped in by one atomic exchange
// of the two folders (renameat2 RENAME_EXCHANGE on Linux, renamex_np
// RENAME_SWAP on macOS). A kill at any instant therefore leaves, under the
// output's name, either the complete previous output or the complete new
// one. Where the kernel or the file system cannot exchange, two renames
// are used: the previous output is moved aside, then the new one moved
// in; a kill between the two leaves the previous output, complete, under
// a name the next run recognises and moves back.
//
// Names beside an output named NAME, all made by this package:
//
//	.NAME.lock         the lock file (kept: removing it would race)
//	.NAME.staging-N    a build in progress, or a previous output being removed
//	.NAME.old-N        a previous output moved aside (two-rename swap only)
//
// A folder with such a name is removed by a later run only when it holds
// the marker file (or nothing at all): the proof that this package made it.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Options for opening an output.
type Options struct {
	// Root is the project (the folder holding config.toml). The output
	// may not be it, lie inside one of its source folders, or contain it.
	Root string
	// Sources are further folders the output may neither lie in nor
	// contain, e.g. the organisation folders a run reads.
	Sources []string
	// Wait is told when the run waits for another run's lock, and what a
	// run cleared away or restored; nil: nothing is said.
	Wait io.Writer
	// Swept: the caller ran Sweep on the output's parent folder at the
	// start of this run, so Open need not read that folder again for
	// what killed runs left (with thousands of outputs in one folder,
	// reading it once per output would cost more than the builds). What
	// a run killed since then leaves is cleared by the next run.
	Swept bool
	// Owner, if set, is the organisation the output is built for: an
	// existing output whose marker names another owner is refused (unless
	// ForceOwner), the output itself may not be a symbolic link, and the
	// owner is recorded in the new output's marker.
	Owner *Owner
	// ForceOwner lets Owner take over an output another owner built.
	ForceOwner bool
}

// Target is an output folder held by this run.
type Target struct {
	Path  string // the output, with every symbolic link resolved
	dir   string // its parent
	name  string // its base name
	lock  io.Closer
	say   io.Writer
	owner *Owner // recorded in the marker
	force bool   // Options.ForceOwner
}

// Open checks path as an output of the project, waits for its lock,
// clears away what killed runs left beside it and makes sure an existing
// folder may be replaced. The caller must Close the target.
func Open(path string, o Options) (*Target, error) {
	resolved, err := Check(path, o)
	if err != nil {
		return nil, err
	}
	t := &Target{Path: resolved, dir: filepath.Dir(resolved), name: filepath.Base(resolved), say: o.Wait, owner: o.Owner, force: o.ForceOwner}
	if t.say == nil {
		t.say = io.Discard
	}
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		return nil, err
	}
	t.lock, err = lock(t.lockPath(), t.say, t.Path)
	if err != nil {
		return nil, err
	}
	if !o.Swept {
		if err := t.tidy(); err != nil {
			t.Close()
			return nil, err
		}
	}
	// Checked again under the lock: the folder may have changed meanwhile.
	if err := replaceable(t.Path, o); err != nil {
		t.Close()
		var p problem.Problem
		if errors.As(err, &p) {
			p.File = path
			return nil, p
		}
		return nil, err
	}
	return t, nil
}

// Close releases the lock.
func (t *Target) Close() error {
	if t.lock == nil {
		return nil
	}
	err := t.lock.Close()
	t.lock = nil
	return err
}

func (t *Target) lockPath() string { return filepath.Join(t.dir, "."+t.name+".lock") }

func (t *Target) prefix(kind string) string { return "." + t.name + "." + kind + "-" }

// Stage creates an empty, marked staging folder beside the target.
func (t *Target) Stage() (string, error) {
	staged, err := os.MkdirTemp(t.dir, t.prefix("staging"))
	if err != nil {
		return "", err
	}
	// Until the marker is written the folder is empty, which a later run
	// also recognises as its own; after it, the marker proves it.
	if err := writeMarker(staged, &Manifest{Tool: toolName, State: stateStaging}); err != nil {
		os.Remove(staged)
		return "", err
	}
	// MkdirTemp makes the folder 0700; a site is for reading.
	if err := os.Chmod(staged, 0o755); err != nil {
		Discard(staged)
		return "", err
	}
	return staged, nil
}

// Commit marks staged as a complete output (with a manifest of every
// file) and swaps it in as the target in one step. Afterwards the
// previous output is removed.
func (t *Target) Commit(staged string) error {
	m, err := manifest(staged)
	if err != nil {
		return err
	}
	m.Owner = t.owner
	return t.swapIn(staged, m, false)
}

// swapIn marks staged complete with the manifest m and swaps it in as the
// target. The previous output is removed afterwards, or with keep, kept
// as the spare (see Write).
func (t *Target) swapIn(staged string, m *Manifest, keep bool) error {
	if err := writeMarker(staged, m); err != nil {
		return err
	}
	if err := hook("marked"); err != nil {
		return err
	}
	if _, err := os.Lstat(t.Path); errors.Is(err, fs.ErrNotExist) {
		// Nothing to replace: one rename, atomic. (If a folder appeared
		// meanwhile, rename fails rather than replace it, unless it is
		// empty.)
		return os.Rename(staged, t.Path)
	}
	if err := replaceable(t.Path, Options{Owner: t.owner, ForceOwner: t.force}); err != nil {
		return err
	}
	switch err := exchange(staged, t.Path); {
	case err == nil:
		if err := hook("exchanged"); err != nil {
			return err
		}
		return t.retire(staged, keep) // it holds the previous output now
	case !errors.Is(err, errNoExchange):
		return fmt.Errorf("swap %s into place: %w", t.Path, err)
	}
	old, err := t.aside()
	if err != nil {
		return err
	}
	if err := os.Rename(t.Path, old); err != nil {
		return fmt.Errorf("move the previous output aside: %w", err)
	}
	if err := hook("moved-aside"); err != nil {
		return err
	}
	if err := os.Rename(staged, t.Path); err != nil {
		if back := os.Rename(old, t.Path); back != nil {
			return fmt.Errorf("swap in the new output: %w (and the previous one is at %s: %v)", err, old, back)
		}
		return fmt.Errorf("swap in the new output: %w", err)
	}
	if err := hook("moved-in"); err != nil {
		return err
	}
	return t.retire(old, keep)
}

// retire removes the previous output, now at dir, or with keep makes it
// the spare.
func (t *Target) retire(dir string, keep bool) error {
	if keep && (dir == t.sparePath() || os.Rename(dir, t.sparePath()) == nil) {
		return nil
	}
	return removeMarked(dir)
}

// aside picks a fresh .NAME.old-N name: MkdirTemp finds one nobody has,
// and the empty folder it makes is removed again so that the rename works
// on every system (POSIX would replace it, Windows would not).
func (t *Target) aside() (string, error) {
	old, err := os.MkdirTemp(t.dir, t.prefix("old"))
	if err != nil {
		return "", err
	}
	return old, os.Remove(old)
}

// Discard removes a staging folder after a failed build.
func Discard(staged string) { _ = removeMarked(staged) }

// tidy restores the previous output if a two-rename swap was killed
// between its renames, and removes the staging and moved-aside folders
// that killed runs left. It runs under the lock, so none of them belongs
// to a live run.
func (t *Target) tidy() error {
	entries, err := os.ReadDir(t.dir)
	if err != nil {
		return err
	}
	_, statErr := os.Lstat(t.Path)
	missing := errors.Is(statErr, fs.ErrNotExist)
	for _, e := range entries {
		kind := t.leftover(e)
		if kind == "" {
			continue
		}
		p := filepath.Join(t.dir, e.Name())
		if !ours(p) {
			fmt.Fprintf(t.say, "gesprekswijzer: left %s alone: its name is one this tool uses, but it holds no %s\n", p, Marker)
			continue
		}
		if kind == "old" && missing && complete(p) {
			if err := os.Rename(p, t.Path); err != nil {
				return fmt.Errorf("restore the previous output from %s: %w", p, err)
			}
			missing = false
			fmt.Fprintf(t.say, "gesprekswijzer: restored %s from %s, where a killed run had moved it\n", t.Path, p)
			continue
		}
		if err := removeMarked(p); err != nil {
			return fmt.Errorf("remove %s, left by a killed run: %w", p, err)
		}
	}
	return nil
}

// leftover tells whether a directory entry beside the target is one of
// its staging ("staging") or moved-aside ("old") folders.
func (t *Target) leftover(e fs.DirEntry) string {
	if !e.IsDir() {
		return ""
	}
	for _, kind := range []string{"staging", "old"} {
		rest, ok := strings.CutPrefix(e.Name(), t.prefix(kind))
		if ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return kind
		}
	}
	return ""
}

// ours reports whether dir holds the marker, or nothing at all.
func ours(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		return true
	}
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return err == io.EOF
}

// removeMarked removes a folder this package made, its marker last: a
// kill in the middle leaves a folder that still proves it is ours.
func removeMarked(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == Marker {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	if err := os.Remove(filepath.Join(dir, Marker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Remove(dir)
}

// hook, when set by a test, runs between the steps of a swap; an error
// stops the swap there, as a kill would.
var hook = func(step string) error { return nil }

// errNoExchange: the system cannot exchange two folders atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// leftoverName matches the staging and moved-aside folders of any output.
var leftoverName = regexp.MustCompile(`^\.(.+)\.(staging|old)-[0-9]+$`)

// Sweep tidies every output in dir whose lock nobody holds: what killed
// runs left beside it is removed (or, for a two-rename swap killed half
// way, restored). Outputs in use by a live run are left to it.
func Sweep(dir string, say io.Writer) error {
	if say == nil {
		say = io.Discard
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, e := range entries {
		m := leftoverName.FindStringSubmatch(e.Name())
		if m == nil || seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		t := &Target{Path: filepath.Join(dir, m[1]), dir: dir, name: m[1], say: say}
		l, ok := tryLock(t.lockPath())
		if !ok {
			continue
		}
		t.lock = l
		err := t.tidy()
		t.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
