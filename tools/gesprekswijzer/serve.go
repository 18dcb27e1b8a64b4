package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/project"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/variants"
)

func serveCommand() *command {
	return &command{
		Name:  "serve",
		Args:  "[-port N] [-org orgs/<slug>]",
		Short: "checks, then previews the site (or one organisation's variant) live on 127.0.0.1, with problems shown on the page",
		Long: `serve runs check (problems are printed and the preview still starts, unless a content folder holds files that must not be read), then Hugo's live-reloading server on 127.0.0.1. Ctrl+C stops it.

A preview renders into a temporary folder of its own ($TMPDIR/gesprekswijzer-preview-…), never public/ or any folder build or variants owns, so any number run side by side and build works beside them; the folder is removed when the preview stops (one that was killed is removed by the next preview). It says "serving …" only once the server answers; a port in use is one line naming it and the fix. While it runs, the content is checked again whenever it is saved: a problem is printed and shown on every page in a banner at the top (file, line, fix; announced to screen readers), which goes as soon as it is put right.

With -org it previews one organisation's variant (its org.toml must be valid). An edit to the organisation's folder (org.toml, a logo, a token file) is validated again as it is saved and shown; one with problems is reported in the terminal and in a banner on every page, and the last sound version stays on show beneath it until the problem is put right. The banner reaches the pages as configuration Hugo watches (a preview.toml of the preview's own), so Hugo's live reload brings it and takes it away; built sites never carry it.`,
		Flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
			port := fs.Int("port", 1313, "the `port` to serve on")
			orgDir := fs.String("org", "", "preview the variant of the organisation in this `folder` (e.g. orgs/provincie-voorbeeld)")
			return func(args []string, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return usageError("serve", stderr, "unexpected %q", args[0])
				}
				if *orgDir != "" {
					return serveOrg(*orgDir, *port, stdout, stderr)
				}
				r, ok := root(stderr)
				if !ok {
					return 1
				}
				loaded, problems, err := site.Check(r)
				if err != nil {
					fmt.Fprintln(stderr, "gesprekswijzer serve:", problem.Clean(err.Error()))
					return 1
				}
				hasProblems := printProblems(problems, stderr)
				if len(loaded.Refused) > 0 {
					// Hugo would hang on a named pipe or read without bound.
					fmt.Fprintln(stderr, "not serving: the site's folders hold files that must not be read (see above)")
					return 1
				}
				if hasProblems {
					fmt.Fprintln(stderr, "serving anyway, so you can see what you are fixing (the pages show the problems too)")
				}
				if err := portFree(*port); err != nil {
					fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
					return 1
				}
				dir, err := newPreviewFolder("")
				if err != nil {
					fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
					return 1
				}
				shown, err := newPreviewConfig(filepath.Join(dir, "preview.toml"))
				if err == nil {
					err = shown.show(problems, false)
				}
				if err != nil {
					os.RemoveAll(dir)
					fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
					return 1
				}
				stop := make(chan struct{})
				defer close(stop)
				go watchSite(loaded.Root, shown, stderr, stop, watchEvery)
				home := fmt.Sprintf("http://127.0.0.1:%d/", *port)
				shown.follow(stop, func() string { return home }, followEvery, followPatience)
				if err := preview(hugo.Options{Source: loaded.Root, Configs: []string{"config.toml", shown.path}}, dir, *port, "/", "the site", stdout); err != nil {
					fmt.Fprintln(stderr, "gesprekswijzer serve:", problem.Clean(err.Error()))
					return 1
				}
				return 0
			}
		},
	}
}

// watchEvery is how often serve -org looks at the organisation's folder.
const watchEvery = 300 * time.Millisecond

// followEvery is how often a preview asks its own page which version of
// its config file it shows, while that is not the newest; followPatience
// how long after a write it waits for Hugo to show it before it counts
// the change as lost (see previewConfig.follow). Hugo's server waits two
// seconds after each reload of its configuration before the next; a
// reload beside a build of all organisations took up to 4 s here.
const (
	followEvery    = 300 * time.Millisecond
	followPatience = 15 * time.Second
)

// serveOrg previews one organisation's variant live. Unlike the plain
// preview it refuses to start on an invalid org.toml: a variant built from
// a file with problems would show something the organisation did not ask
// for. While it runs, an edit to the organisation's folder (org.toml, a
// logo, a token file) is validated again and, if sound, shown: Hugo is
// given the new overlay through a config file it watches. An edit with
// problems is reported, in the terminal and in a banner on every page
// (see previewconfig.go), and the last sound version stays on show.
func serveOrg(dir string, port int, stdout, stderr io.Writer) int {
	r, ok := root(stderr)
	if !ok {
		return 1
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	if err := portFree(port); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", err)
		return 1
	}
	p, err := newOrgPreview(r, abs, stderr)
	if failed("serve", err, stderr) {
		return 1
	}
	defer p.close()
	stop := make(chan struct{})
	defer close(stop)
	go p.watch(stop, watchEvery)
	p.shown.follow(stop, func() string {
		p.mu.Lock()
		defer p.mu.Unlock()
		return fmt.Sprintf("http://127.0.0.1:%d%s", port, p.path)
	}, followEvery, followPatience)
	what := p.name + " (edits to its folder are shown as you save them)"
	configs := []string{"config.toml", p.shown.path}
	if err := preview(hugo.Options{Source: r, Configs: configs}, p.session, port, p.path, what, stdout); err != nil {
		fmt.Fprintln(stderr, "gesprekswijzer serve:", problem.Clean(err.Error()))
		return 1
	}
	return 0
}

// orgPreview keeps the overlay of an organisation being previewed up to
// date with its folder.
type orgPreview struct {
	root, dir string
	say       io.Writer
	session   string         // a temporary folder for this preview
	shown     *previewConfig // what Hugo is given beside config.toml: the overlay's config and the problems
	name      string         // the organisation's name, for messages
	path      string         // its base URL's path, where Hugo serves it

	mu       sync.Mutex
	overlays []overlay // overlay folders made, the newest last
	stamp    string    // what the folder looked like when last read
}

// newOrgPreview validates the organisation and writes its overlay; the
// error is a problem.List when the content or org.toml has problems.
func newOrgPreview(root, dir string, say io.Writer) (*orgPreview, error) {
	session, err := newPreviewFolder("org")
	if err != nil {
		return nil, err
	}
	p := &orgPreview{root: root, dir: dir, say: say, session: session}
	if p.shown, err = newPreviewConfig(filepath.Join(session, "preview.toml")); err != nil {
		p.close()
		return nil, err
	}
	p.stamp = p.inputsStamp()
	if err := p.refresh(); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// refresh validates the organisation again and, if it is sound, gives
// Hugo its newly prepared overlay.
func (p *orgPreview) refresh() error {
	proj, o, err := project.Org(p.root, p.dir)
	if err != nil {
		return err
	}
	ov, err := variants.Prepare(proj.Site, o)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.overlays = append(p.overlays, overlay{ov.Dir, nil})
	b, err := os.ReadFile(ov.Config)
	if err != nil {
		return err
	}
	p.overlays[len(p.overlays)-1].config = b
	if err := p.shown.showOverlay(b); err != nil {
		return err
	}
	// Overlays Hugo never read are removed (the others when the
	// preview stops: see previewConfig.uses).
	kept := p.overlays[:0]
	for _, o := range p.overlays {
		if p.shown.uses(o.config) {
			kept = append(kept, o)
		} else {
			os.RemoveAll(o.dir)
		}
	}
	p.overlays = kept
	p.name, p.path = o.Name, "/"
	if u, err := url.Parse(o.BaseURL); err == nil {
		p.path = u.Path // Hugo's server keeps the base URL's path
	}
	return nil
}

// overlay is an overlay folder a preview made, and its config.
type overlay struct {
	dir    string
	config []byte
}

// watch looks at the organisation's folder every interval until stop is
// closed, and refreshes the preview when it changed.
func (p *orgPreview) watch(stop <-chan struct{}, interval time.Duration) {
	eachTick(stop, interval, func() {
		stamp := p.inputsStamp()
		if stamp == p.stamp {
			return
		}
		p.stamp = stamp
		var list problem.List
		switch err := p.refresh(); {
		case err == nil:
			fmt.Fprintf(p.say, "gesprekswijzer serve: %s or the site changed; showing it\n", filepath.Base(p.dir))
		case problemsOf(err, &list):
			printProblems(list, p.say)
		default:
			fmt.Fprintln(p.say, "gesprekswijzer serve:", problem.Clean(err.Error()))
			list = problem.List{{File: relTo(p.root, p.dir), Message: err.Error()}}
		}
		if len(list) > 0 {
			fmt.Fprintln(p.say, "gesprekswijzer serve: still showing the last version without problems")
		}
		if len(list) > 0 {
			// (a sound version was given to Hugo by refresh, without
			// problems)
			if err := p.shown.show(list, true); err != nil {
				fmt.Fprintln(p.say, "gesprekswijzer serve: cannot show the problems on the page:", err)
			}
		}
	})
}

// eachTick calls do every interval until stop is closed.
func eachTick(stop <-chan struct{}, interval time.Duration, do func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		do()
	}
}

// close removes every overlay and the session folder.
func (p *orgPreview) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, o := range p.overlays {
		os.RemoveAll(o.dir)
	}
	os.RemoveAll(p.session)
}

// inputsStamp is what the overlay is made from, as folderStamp sees it:
// the organisation's folder, and the site's files the overlay copies.
// The overlay holds the interface strings (with the organisation's words)
// mounted instead of the site's, and the pages that hold its words
// mounted over the site's, so Hugo, watching the site, would go on
// showing the overlay's old copy of an edited page or string; the
// glossary says which words are replaced, config.toml the site's name.
func (p *orgPreview) inputsStamp() string {
	h := sha256.New()
	for _, f := range []string{p.dir, "content", "i18n", glossary.File, "config.toml"} {
		if !filepath.IsAbs(f) {
			f = filepath.Join(p.root, filepath.FromSlash(f))
		}
		fmt.Fprintf(h, "%s %s\n", f, folderStamp(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// folderStamp is a digest of the names, sizes, modes and modification
// times of everything in dir (links not followed): it changes when a
// file there is saved, added, removed or renamed. The folder is looked
// at rather than watched with inotify and the like: an editor that saves
// by writing a new file and renaming it over the old one, a folder on a
// network share and a folder replaced whole are all seen the same way.
func folderStamp(dir string) string {
	h := sha256.New()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s error %v\n", path, err)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s %v %d %d\n", path, info.Mode(), info.Size(), info.ModTime().UnixNano())
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
}
