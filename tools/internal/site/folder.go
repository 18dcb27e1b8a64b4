package site

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
)

// A Folder holds organisations' sites side by side, each in Dir/<slug>
// (variants -o). It is to the folder what package publish is to one
// output: where it may be, what killed runs left in it, which outputs a
// run may replace, keep or remove. The builds themselves go through
// Publish, with the organisation set (Options.Org).
type Folder struct {
	Path string // as given
	dir  string // Path, every symbolic link resolved
	root string
	orgs []string // every organisation folder the run reads
	wait io.Writer
	// forceOwner lets an organisation take over an output built for
	// another organisation folder (publish.Options.Owner).
	forceOwner bool
}

// PlaceFolder refuses, before anything is read, a folder of outputs that
// would destroy the project: the project itself, inside its sources, or
// overlapping an organisation folder in orgs. The refusal is a
// problem.List.
func PlaceFolder(path, root string, orgs []string) error {
	_, err := place(path, publish.Options{Root: root, Sources: orgs})
	return err
}

func place(path string, o publish.Options) (string, error) {
	resolved, err := publish.Place(path, o)
	var p problem.Problem
	if errors.As(err, &p) {
		return "", problem.List{p}
	}
	return resolved, err
}

// CheckFolder decides, before anything is built or written, whether the
// folder path may receive the outputs of these organisations (orgs are
// the validated organisations to build, dirs every organisation folder
// the run reads): its place (PlaceFolder), and for each organisation
// that Dir/<slug> is not a link, was written by this tool or is empty,
// and was built for the same organisation folder unless forceOwner. Every
// refusal at once, as a problem.List.
func CheckFolder(path, root string, dirs []string, orgs []*org.Org, forceOwner bool, wait io.Writer) (*Folder, error) {
	f := &Folder{Path: path, root: root, orgs: dirs, wait: wait, forceOwner: forceOwner}
	var err error
	if f.dir, err = place(path, publish.Options{Root: root, Sources: dirs}); err != nil {
		return nil, err
	}
	var problems problem.List
	for _, o := range orgs {
		_, err := publish.Check(f.Out(o), f.options(o))
		var p problem.Problem
		switch {
		case errors.As(err, &p):
			problems.Append(p)
		case err != nil:
			return nil, err
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// Open makes the folder and clears what killed runs left in it, once for
// the whole folder (so each build need not read it again: Swept). Call it
// after everything was validated: it is the run's first write.
func (f *Folder) Open() error {
	if err := os.MkdirAll(f.Path, 0o755); err != nil {
		return err
	}
	return publish.Sweep(f.Path, f.wait)
}

// Out is the organisation's output folder.
func (f *Folder) Out(o *org.Org) string { return filepath.Join(f.Path, o.Slug) }

// options for opening the organisation's output. The folder was checked
// apart from every organisation folder once; an output that lies in it
// without a link on the way cannot overlap any of them, and is checked
// against its own folder only (to check each against all would take a
// number of look-ups that grows with the square of the organisations).
// An output reached through a link is checked against them all.
func (f *Folder) options(o *org.Org) publish.Options {
	opts := publish.Options{Root: f.root, Sources: f.orgs, Wait: f.wait, Swept: true, ForceOwner: f.forceOwner, Owner: OwnerOf(f.root, o)}
	if r, err := publish.Resolve(filepath.Join(f.dir, o.Slug)); err == nil && r == filepath.Join(f.dir, o.Slug) {
		opts.Sources = []string{o.Dir}
	}
	return opts
}

// Current looks, under the output's lock, whether the organisation's
// output is already built from inputs; then nothing needs to be started
// for it, and res describes it. (A build checks again under its own
// lock: another run may finish it meanwhile.)
func (f *Folder) Current(o *org.Org, inputs string) (res Result, ok bool) {
	start := time.Now()
	t, err := publish.Open(f.Out(o), f.options(o))
	if err != nil {
		return Result{}, false // the build will say why
	}
	defer t.Close()
	m := t.Current(inputs)
	if m == nil {
		return Result{}, false
	}
	res.Pages, res.Bytes = m.Pages()
	res.Unchanged, res.Duration = true, time.Since(start)
	return res, true
}

// PublishOrg builds the organisation's site (the project's content s
// with the organisation's overlay among opts.Configs) into opts.Out
// through Publish: verified as the organisation's site (VerifyFor), kept
// apart from its folder, recorded as its output (the owner), and refused
// over another organisation's unless opts.ForceOwner. The run tidied the
// folder of outputs at its start (Folder.Open).
func PublishOrg(s *content.Site, o *org.Org, opts Options) (Result, error) {
	opts.Verify = VerifyFor(s, o)
	opts.Sources = []string{o.Dir}
	opts.Owner = OwnerOf(opts.Root, o)
	opts.Swept = true
	return Publish(opts)
}

// A Removal is one output Prune removed, or failed to.
type Removal struct {
	Slug     string
	Duration time.Duration
	Err      error
}

// Prune removes every output in the folder that this tool wrote (it
// holds the marker) and whose slug is not in keep. Folders it did not
// write are not its to remove, and stay.
func (f *Folder) Prune(keep map[string]bool) ([]Removal, error) {
	entries, err := os.ReadDir(f.Path)
	if err != nil {
		return nil, err
	}
	var removed []Removal
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") || keep[name] {
			continue
		}
		if _, err := publish.ReadMarker(filepath.Join(f.Path, name)); err != nil {
			continue
		}
		start := time.Now()
		err := publish.Remove(filepath.Join(f.Path, name), publish.Options{Root: f.root, Wait: f.wait, Swept: true, ForceOwner: f.forceOwner})
		removed = append(removed, Removal{Slug: name, Duration: time.Since(start), Err: err})
	}
	return removed, nil
}

// OwnerOf is the owner recorded in an organisation's output: its folder,
// relative to the project when inside it (a checkout elsewhere keeps its
// outputs), else absolute; links resolved.
func OwnerOf(root string, o *org.Org) *publish.Owner {
	dir, err := publish.Resolve(o.Dir)
	if err != nil {
		dir = o.Dir
	}
	if r, err := publish.Resolve(root); err == nil {
		if rel, err := filepath.Rel(r, dir); err == nil && filepath.IsLocal(rel) {
			dir = filepath.ToSlash(rel)
		}
	}
	return &publish.Owner{Folder: dir, Name: o.Name}
}

// VerifyFor: an organisation's site is verified at its own address, in
// its own languages, without the methods it leaves out; its pages may
// link out (its intranet, its contact's mail address).
func VerifyFor(s *content.Site, o *org.Org) verify.Options {
	v := verify.Options{BaseURL: o.BaseURL, Languages: o.Languages, LinksOut: true}
	for _, p := range s.Pages {
		if !p.IsMethod() || slices.Contains(o.Methods, p.Front.Params.Method) || !slices.Contains(o.Languages, p.Lang) {
			continue
		}
		// The default language (the organisation's first) is at the
		// root, the others under /<code>/.
		prefix := "/"
		if p.Lang != o.Languages[0] {
			prefix = "/" + p.Lang + "/"
		}
		v.LeftOut = append(v.LeftOut, prefix+p.Dir+"/")
	}
	slices.Sort(v.LeftOut)
	return v
}
