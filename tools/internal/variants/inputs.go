package variants

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
)

// A variant's inputs are everything its output is made from. Their
// digest is recorded in the output's manifest (publish.Manifest.Inputs);
// a later run whose digest for the organisation is the same keeps the
// output as it is. So the digest must change with anything that can
// change a byte of the output, and should change with nothing else:
//
//   - this program (the executable's own bytes, or on Linux the content
//     ID the go command writes into it: see toolDigest): the build path,
//     the overlay, the minifier, the verifier and Hugo itself are
//     compiled into it, so a new version of any of them builds
//     everything again;
//   - the environment variables Hugo reads as configuration (HUGO_*);
//   - the organisation as validated (package org): its words, colours,
//     sanitised images, methods, languages, address and contact, which
//     is all an organisation's folder can bring to its variant;
//   - config.toml, and every file of the folders Hugo reads besides the
//     content (content.HugoFolders: layouts, assets, static, data,
//     archetypes, Hugo's config folder and themes, and of i18n the files
//     of the organisation's languages and those of no language of the
//     site);
//   - the content of the organisation's languages, without the folders
//     of the methods it leaves out (which Hugo never sees for it).
//
// A method only some organisations use, an interface string of a
// language only some have: changing them rebuilds those organisations
// and no other.

// inputsVersion changes when the recipe above changes.
const inputsVersion = "gesprekswijzer variant inputs 1"

// digester computes inputs digests for one run: the project's files are
// read and hashed once, whatever the number of organisations.
type digester struct {
	site  *content.Site
	tool  string
	env   []string
	files map[string]string // slash path under the root → SHA-256 (hex)
}

// newDigester hashes the executable and every project file a variant
// can read.
func newDigester(site *content.Site) (*digester, error) {
	tool, err := toolDigest()
	if err != nil {
		return nil, err
	}
	d := &digester{site: site, tool: tool, files: map[string]string{}}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(strings.ToUpper(kv), "HUGO") {
			d.env = append(d.env, kv)
		}
	}
	slices.Sort(d.env)
	root, err := os.OpenRoot(site.Root)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	dirs := []string{"config.toml"}
	for _, f := range content.HugoFolders {
		dirs = append(dirs, f.Name)
	}
	for _, l := range site.Languages {
		dirs = append(dirs, l.ContentDir)
	}
	for _, dir := range dirs {
		err := fs.WalkDir(root.FS(), filepath.ToSlash(dir), func(name string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			d.files[name], err = hashFile(root, name)
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, fmt.Errorf("inputs: %w", err)
		}
	}
	return d, nil
}

// hashFile reads a project file as the content loader does (through the
// root, without blocking on a pipe, only a regular file) and hashes it.
func hashFile(root *os.Root, name string) (string, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not a regular file", name)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// toolDigest stands for this program's executable, once per process:
// its Go build ID where it has one (goBuildID), else the SHA-256 of the
// whole file.
var toolDigest = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("inputs: find this program: %w", err)
	}
	if id := goBuildID(exe); id != "" {
		return "go build id " + id, nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("inputs: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("inputs: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

// goBuildID is the Go build ID of the ELF executable exe (its
// .note.go.buildid), or "" for another format or an executable without
// one. The go command ends that ID with a hash of the file's own bytes
// (the content ID: it links, hashes the output without the ID, and
// writes the ID in), so the ID changes whenever a byte of the program
// does, as the hash of the whole file would. Reading it takes a
// millisecond; hashing the 80 MB executable took a quarter of a second,
// a seventh of a one-organisation run. An ID set by hand
// (-ldflags=-buildid=…) is taken at its word: whoever sets it must
// change it with the program.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	d, err := s.Data()
	if err != nil || len(d) < 16 {
		return ""
	}
	// One note: name size, description size, type, the name "Go"
	// padded to 4 bytes, then the ID.
	namesz, descsz := f.ByteOrder.Uint32(d[0:]), f.ByteOrder.Uint32(d[4:])
	start := 12 + (uint64(namesz)+3)&^3
	if string(d[12:12+min(uint64(namesz), 2)]) != "Go" || start+uint64(descsz) > uint64(len(d)) {
		return ""
	}
	id := string(d[start : start+uint64(descsz)])
	if i := strings.LastIndexByte(id, '/'); i < 0 || i == len(id)-1 {
		// Not the go command's actionID/contentID form: no content
		// hash to rely on.
		return ""
	}
	return id
}

// inputs returns the digest of everything o's variant is built from.
func (d *digester) inputs(o *org.Org) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\ntool %s\n", inputsVersion, d.tool)
	for _, kv := range d.env {
		fmt.Fprintf(h, "env %q\n", kv)
	}
	// The organisation as validated; where its folder is and what it is
	// called in messages change nothing that is built.
	v := *o
	v.Dir, v.File = "", ""
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "org %x\n", sha256.Sum256(b))
	for _, name := range slices.Sorted(maps.Keys(d.files)) {
		if d.reads(o, name) {
			fmt.Fprintf(h, "file %q %s\n", name, d.files[name])
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// reads reports whether o's variant is built from the project file name.
func (d *digester) reads(o *org.Org, name string) bool {
	for _, l := range d.site.Languages {
		dir := strings.TrimSuffix(filepath.ToSlash(l.ContentDir), "/") + "/"
		rest, ok := strings.CutPrefix(name, dir)
		if !ok {
			continue
		}
		if !slices.Contains(o.Languages, l.Code) {
			return false
		}
		for _, out := range leftOutDirs(d.site, l.Code, o.Methods) {
			if strings.HasPrefix(rest, out+"/") {
				return false
			}
		}
		return true
	}
	if rest, ok := strings.CutPrefix(name, "i18n/"); ok {
		if lang := i18nLanguage(rest, d.site); lang != "" {
			return slices.Contains(o.Languages, lang)
		}
	}
	return true
}

// leftOutDirs are the content folders (relative to lang's content
// folder) the overlay leaves out of o's variant, read from the very
// mount globs it writes ("! <folder>/**"), so that the two cannot
// disagree. A glob of another shape leaves out nothing here: the digest
// then covers more than it must, never less.
func leftOutDirs(site *content.Site, lang string, keep []string) []string {
	var dirs []string
	for _, g := range leftOut(site, lang, keep) {
		dir, ok := strings.CutPrefix(g, "! ")
		if dir, ok2 := strings.CutSuffix(dir, "/**"); ok && ok2 && dir != "" && !strings.ContainsAny(dir, "*?[{!") {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// i18nLanguage is the site language an interface-strings file belongs
// to (nl.toml, nl-NL.yaml → "nl"), or "" for a file of no language of
// the site, which every variant is taken to read.
func i18nLanguage(file string, site *content.Site) string {
	if strings.Contains(file, "/") {
		return ""
	}
	base := strings.ToLower(strings.TrimSuffix(file, path.Ext(file)))
	for _, l := range site.Languages {
		code := strings.ToLower(l.Code)
		if base == code || strings.HasPrefix(base, code+"-") {
			return l.Code
		}
	}
	return ""
}
