package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Marker is the file, at the top of every folder this package writes,
// that proves it wrote it. In a complete output it also lists every file
// with its SHA-256, so that anyone can check the output is whole
// (Complete).
const Marker = ".gesprekswijzer-output.json"

const (
	toolName      = "gesprekswijzer"
	stateStaging  = "staging"
	stateComplete = "complete"
)

// Manifest is the marker's content.
type Manifest struct {
	Tool  string `json:"tool"`  // always "gesprekswijzer"
	State string `json:"state"` // "staging" while being built, "complete" when swapped in
	// Files maps every other file's slash-separated path to its size and
	// SHA-256 ("<bytes> sha256:<hex>").
	Files map[string]string `json:"files,omitempty"`
	// Inputs, if set, is the digest of everything the output was built
	// from, as its builder computed it (see Target.Current): a later run
	// with the same inputs may keep the output as it is.
	Inputs string `json:"inputs,omitempty"`
	// Owner, if set, is the organisation the output belongs to: a later
	// run replaces it only for the same folder (see Options.Owner).
	Owner *Owner `json:"owner,omitempty"`
}

// Owner is the organisation an output was built for.
type Owner struct {
	// Folder identifies the organisation's folder: its path relative to
	// the project (slash-separated) when it lies inside it, else its
	// absolute path; links resolved. Relative, so that a checkout in
	// another place (another CI runner) keeps its outputs.
	Folder string `json:"folder"`
	Name   string `json:"name"` // the organisation's name, for messages
}

func writeMarker(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	// Written beside and renamed over: the marker is never half written
	// once the output is complete.
	tmp := filepath.Join(dir, Marker+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, Marker))
}

// ReadMarker reads the marker of dir.
func ReadMarker(dir string) (*Manifest, error) {
	f, err := os.Open(filepath.Join(dir, Marker))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, Marker), err)
	}
	if m.Tool != toolName {
		return nil, fmt.Errorf("%s: not written by %s", filepath.Join(dir, Marker), toolName)
	}
	return &m, nil
}

// manifest lists every file of dir but the marker.
func manifest(dir string) (*Manifest, error) {
	m := &Manifest{Tool: toolName, State: stateComplete, Files: map[string]string{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker || rel == Marker+".tmp" {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: %s is not a regular file; a built site holds only files and folders", dir, rel)
		}
		sum, err := digest(p)
		if err != nil {
			return err
		}
		m.Files[rel] = sum
		return nil
	})
	return m, err
}

func digest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", err
	}
	return entry(n, h.Sum(nil)), nil
}

// entry is a file's line in the manifest: its size and SHA-256.
func entry(size int64, sum []byte) string {
	return fmt.Sprintf("%d sha256:%s", size, hex.EncodeToString(sum))
}

// Complete checks that dir is a whole output: its marker says complete,
// every file it lists is there with the size and digest it lists, and
// there is no other file.
func Complete(dir string) error {
	m, err := ReadMarker(dir)
	if err != nil {
		return err
	}
	if m.State != stateComplete {
		return fmt.Errorf("%s: the marker says %q, not %q", dir, m.State, stateComplete)
	}
	have, err := manifest(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(m.Files)) {
		switch got, ok := have.Files[name]; {
		case !ok:
			errs = append(errs, fmt.Errorf("%s is missing", name))
		case got != m.Files[name]:
			errs = append(errs, fmt.Errorf("%s is %s, the manifest says %s", name, got, m.Files[name]))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(have.Files)) {
		if _, ok := m.Files[name]; !ok {
			errs = append(errs, fmt.Errorf("%s is not in the manifest", name))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s is not a complete output: %w", dir, errors.Join(errs...))
	}
	return nil
}

// complete reports whether dir is a whole output.
func complete(dir string) bool { return Complete(dir) == nil }
