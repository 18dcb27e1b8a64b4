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
// Commit do, and as safe (staged beside the target, marked, swapped in
// whole), with inputs recorded in the manifest (see Current).
//
// Every file is written once. A file whose bytes are those of the same
// file in the current output is not written at all: the staged output
// gets a second name (a hard link) for the current output's file. On many
// file systems creating a file costs far more than naming an existing one
// again, and a rebuild leaves most files as they were. The previous
// output's names are removed after the swap; the files stay, under their
// new names. Nothing is linked that is not, byte for byte, what was built.
func (t *Target) Write(files map[string][]byte, inputs string) (err error) {
	for name := range files {
		if !fs.ValidPath(name) || name == "." || strings.HasPrefix(name, Marker) {
			return fmt.Errorf("publish %s: %q cannot be a file of an output", t.Path, name)
		}
	}
	staged, err := t.Stage()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			Discard(staged)
		}
	}()
	var previous map[string]string
	if m, err := ReadMarker(t.Path); err == nil && m.State == stateComplete {
		previous = m.Files
	}
	m := &Manifest{Tool: toolName, State: stateComplete, Files: make(map[string]string, len(files)), Inputs: inputs}
	made := map[string]bool{".": true}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		sum := sha256.Sum256(data)
		e := entry(int64(len(data)), sum[:])
		m.Files[name] = e
		if dir := path.Dir(name); !made[dir] {
			if err := os.MkdirAll(filepath.Join(staged, filepath.FromSlash(dir)), 0o755); err != nil {
				return err
			}
			for d := dir; d != "." && !made[d]; d = path.Dir(d) {
				made[d] = true
			}
		}
		dst := filepath.Join(staged, filepath.FromSlash(name))
		if previous[name] == e && t.relink(name, data, dst) {
			continue
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	return t.swapIn(staged, m)
}

// relink makes dst a second name of the current output's file name if
// that file holds exactly data, and reports whether it did.
func (t *Target) relink(name string, data []byte, dst string) bool {
	src := filepath.Join(t.Path, filepath.FromSlash(name))
	f, err := os.Open(src)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	have, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	if err != nil || !bytes.Equal(have, data) {
		return false
	}
	if os.Link(src, dst) != nil {
		return false
	}
	// The name may have been swapped for something else (a link, another
	// file) since it was read: then what was linked is not what was read.
	if linked, err := os.Lstat(dst); err != nil || !os.SameFile(info, linked) {
		os.Remove(dst)
		return false
	}
	return true
}

// Current reports whether the target holds a complete output built from
// exactly inputs: its marker says complete and records these inputs, and
// every file the manifest lists is there, a regular file of the listed
// size. It does not read the files (Complete does): a run uses it to
// decide whether an output must be built again, and a file changed in
// place without changing its size goes unnoticed until the inputs change
// or a run is forced.
func (t *Target) Current(inputs string) bool {
	if inputs == "" {
		return false
	}
	m, err := ReadMarker(t.Path)
	if err != nil || m.State != stateComplete || m.Inputs != inputs || len(m.Files) == 0 {
		return false
	}
	for name, e := range m.Files {
		var size int64
		if _, err := fmt.Sscanf(e, "%d ", &size); err != nil || !fs.ValidPath(name) {
			return false
		}
		info, err := os.Lstat(filepath.Join(t.Path, filepath.FromSlash(name)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != size {
			return false
		}
	}
	return true
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
