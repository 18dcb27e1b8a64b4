package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Write publishes files, a whole output built in memory (slash-separated
// path → bytes), as the target: it is what Stage, writing each file and
// Commit do, and as safe (built beside the target, marked, swapped in
// whole), with inputs recorded in the manifest (see Current).
//
// The previous output is not deleted after the swap but kept beside the
// target as its spare, .NAME.spare, and the next Write builds in the
// spare rather than in a new folder: it marks it as being staged, removes
// what the new output does not have, rewrites the files whose bytes
// differ, creates what is new, and swaps it in. A rebuild then creates no
// folder and writes only what changed. On many file systems creating a
// folder or a file costs far more than rendering a page, and most files
// of a rebuilt site are what they were. The price is the disk space of
// one more copy of the output; the spare may be deleted at any time.
func (t *Target) Write(files map[string][]byte, inputs string) (err error) {
	for name := range files {
		if !fs.ValidPath(name) || name == "." || strings.HasPrefix(name, Marker) {
			return fmt.Errorf("publish %s: %q cannot be a file of an output", t.Path, name)
		}
	}
	staged, err := t.stageSpare()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil && staged != t.sparePath() {
			Discard(staged)
		}
	}()
	if err := fill(staged, files); err != nil {
		return err
	}
	m := &Manifest{Tool: toolName, State: stateComplete, Files: make(map[string]string, len(files)), Inputs: inputs, Owner: t.owner}
	for name, data := range files {
		sum := sha256.Sum256(data)
		m.Files[name] = entry(int64(len(data)), sum[:])
	}
	return t.swapIn(staged, m, true)
}

func (t *Target) sparePath() string { return filepath.Join(t.dir, "."+t.name+".spare") }

// stageSpare returns the spare, marked as being staged, to build in; or,
// where there is no spare this tool made, a new staging folder.
func (t *Target) stageSpare() (string, error) {
	spare := t.sparePath()
	if info, err := os.Lstat(spare); err == nil && info.IsDir() && ours(spare) {
		if err := writeMarker(spare, &Manifest{Tool: toolName, State: stateStaging}); err != nil {
			return "", err
		}
		return spare, nil
	}
	return t.Stage()
}

// fill makes the folder dir hold exactly files (and the marker): what is
// not one of them goes, a file that differs is rewritten, a new one is
// created.
func fill(dir string, files map[string][]byte) error {
	folders := map[string]bool{".": true}
	for name := range files {
		for d := path.Dir(name); !folders[d]; d = path.Dir(d) {
			folders[d] = true
		}
	}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch _, file := files[rel]; {
		case rel == Marker || rel == Marker+".tmp":
		case e.IsDir() && !folders[rel]:
			if err := os.RemoveAll(p); err != nil {
				return err
			}
			return filepath.SkipDir
		case !e.IsDir() && !file:
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Sorted(maps.Keys(folders)) { // parents first
		p := filepath.Join(dir, filepath.FromSlash(d))
		info, err := os.Lstat(p)
		if err == nil && info.IsDir() {
			continue
		}
		if err == nil {
			if err := os.Remove(p); err != nil { // a file where a folder goes
				return err
			}
		}
		if err := os.Mkdir(p, 0o755); err != nil {
			return err
		}
	}
	for name, data := range files {
		if err := put(filepath.Join(dir, filepath.FromSlash(name)), data); err != nil {
			return err
		}
	}
	return nil
}

// put makes the file p hold data, writing only if it does not yet. A file
// that has other names (a hard link, say a backup made with cp -al) is
// replaced, never changed in place, so that no other name changes.
func put(p string, data []byte) error {
	info, err := os.Lstat(p)
	if err == nil && info.Mode().IsRegular() && soleName(info) {
		if info.Size() == int64(len(data)) && info.Mode().Perm() == 0o644 && holds(p, data) {
			return nil
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
		if err == nil {
			_, err = f.Write(data)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err == nil && info.Mode().Perm() != 0o644 {
			err = os.Chmod(p, 0o644)
		}
		return err
	}
	if err == nil {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return os.WriteFile(p, data, 0o644)
}

// holds reports whether the file p holds exactly data.
func holds(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	have, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	return err == nil && bytes.Equal(have, data)
}

// Current returns the target's manifest if the target holds a complete
// output built from exactly inputs, else nil: its marker says complete and
// records these inputs, and every file the manifest lists is there, a
// regular file of the listed size. It does not read the files (Complete
// does): a run uses it to decide whether an output must be built again,
// and a file changed in place without changing its size goes unnoticed
// until the inputs change or a run is forced.
func (t *Target) Current(inputs string) *Manifest {
	if inputs == "" {
		return nil
	}
	m, err := ReadMarker(t.Path)
	if err != nil || m.State != stateComplete || m.Inputs != inputs || len(m.Files) == 0 {
		return nil
	}
	for name, e := range m.Files {
		var size int64
		if _, err := fmt.Sscanf(e, "%d ", &size); err != nil || !fs.ValidPath(name) {
			return nil
		}
		info, err := os.Lstat(filepath.Join(t.Path, filepath.FromSlash(name)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != size {
			return nil
		}
	}
	if m.Owner == nil && t.owner != nil {
		// Built before markers recorded an owner, and kept: record it
		// now, or the output would stay open to any folder declaring its
		// slug for as long as nothing changes.
		m.Owner = t.owner
		if err := writeMarker(t.Path, m); err != nil {
			return nil // rebuilt instead, which records it
		}
	}
	return m
}

// Pages counts the HTML files and bytes a manifest lists.
func (m *Manifest) Pages() (pages int, bytes int64) {
	for name, e := range m.Files {
		var size int64
		fmt.Sscanf(e, "%d ", &size)
		bytes += size
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	return pages, bytes
}

// Remove deletes the output at path, under its lock, if this tool wrote
// it (its marker proves it, as for replacing it); a path that does not
// exist is already removed. The output's name goes first, in one rename,
// so that a run killed while removing leaves either the whole output or
// a staging folder the next run clears away, never half an output under
// its name. The lock file stays (removing it would race with a run
// waiting for it).
func Remove(path string, o Options) error {
	t, err := Open(path, o)
	if err != nil {
		return err
	}
	defer t.Close()
	if err := t.removeSpare(); err != nil {
		return err
	}
	if _, err := os.Lstat(t.Path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	gone, err := os.MkdirTemp(t.dir, t.prefix("staging"))
	if err != nil {
		return err
	}
	if err := os.Remove(gone); err != nil {
		return err
	}
	if err := os.Rename(t.Path, gone); err != nil {
		return fmt.Errorf("remove %s: %w", t.Path, err)
	}
	return removeMarked(gone)
}

// removeSpare removes the target's spare, if this tool made it.
func (t *Target) removeSpare() error {
	spare := t.sparePath()
	if info, err := os.Lstat(spare); err != nil || !info.IsDir() || !ours(spare) {
		return nil
	}
	return removeMarked(spare)
}
