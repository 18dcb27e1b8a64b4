package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// A preview shows the problems of the content or the organisation on its
// pages, not only in the terminal: an editor who saves org.toml with a
// mistake looks at the browser, not at the terminal, and would otherwise
// think the edit was taken. The problems reach the pages as Hugo
// configuration: a config file of the preview's own (preview.toml in its
// temporary folder), given to Hugo after the others. Hugo watches its
// config files and rebuilds and reloads every open page when one
// changes, so the banner (layouts/_partials/preview/problems.html)
// appears as a problem is saved and goes when it is fixed, through
// Hugo's own live reload and nothing of ours in the page. The values are
// TOML data written by the encoder and HTML-escaped by Hugo's templates:
// a hostile message stays text. The file holds no problems when there
// are none, and the template shows nothing outside a preview
// (hugo.IsServer), so build and variants never carry a banner.
//
// serve -org writes the organisation's overlay config into the same
// file, above the problems: one file, so that one change is one write.
//
// Hugo's server (0.165) deadlocks when a config file changes while it is
// still reloading the last change, before that reload's build has
// begun: its watcher takes the build lock (a file lock,
// .hugo_build.lock) and waits for the reload to finish, and the reload's
// build waits for the lock. From then on it serves the same pages,
// however often the file changes again (in CI a banner for a problem put
// right stayed for minutes; TestServeOrgSurvivesQuickEdits replays it).
// Hugo's --noBuildLock avoids the deadlock but lets a page's rebuild run
// beside the reload's, and Hugo then panicked ("send on closed channel"),
// so the preview does not change the file while Hugo works on the last
// change: it writes a change at once if the page already shows the last
// one, and otherwise keeps it until the page does. Each write is a
// generation, which the pages carry, so the preview can see this.

// previewConfig is the config file a preview writes for Hugo.
type previewConfig struct {
	path string

	mu        sync.Mutex
	overlay   []byte            // the organisation's overlay config (serve -org), or nothing
	list      problem.List      // the problems to show
	stale     bool              // whether the page shows an older version than the one with the problems
	written   []byte            // the text last written, without its generation
	gen       int               // its generation: one more with every write
	at        time.Time         // when it was written
	following bool              // whether Hugo runs and follow looks at its pages
	shown     int               // the newest generation a page was seen to carry
	given     map[[32]byte]bool // the overlay configs ever written, by their SHA-256
}

// previewParams is what the file holds, under [params.gesprekswijzer_preview].
type previewParams struct {
	Params struct {
		Preview previewValues `toml:"gesprekswijzer_preview"`
	} `toml:"params"`
}

type previewValues struct {
	// Stale: the page shows the last version without problems (serve
	// -org), not the one with them.
	Stale    bool             `toml:"stale,omitempty"`
	Problems []previewProblem `toml:"problems,omitempty"`
	// Generation: the page carries it (data-gesprekswijzer-preview), so
	// the preview can see that Hugo has taken this version (see follow).
	Generation int `toml:"generation"`
}

type previewProblem struct {
	File    string `toml:"file"`
	Line    int    `toml:"line,omitempty"`
	Message string `toml:"message"`
	Fix     string `toml:"fix,omitempty"`
}

// newPreviewConfig writes a preview config without overlay or problems
// at path.
func newPreviewConfig(path string) (*previewConfig, error) {
	f := &previewConfig{path: path}
	return f, f.writeIfChanged()
}

// show puts list into the file, keeping the overlay. A list that changes
// nothing is not written, so that Hugo does not rebuild and reload for
// nothing.
func (f *previewConfig) show(list problem.List, stale bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.list, f.stale = list, stale
	return f.flush()
}

// showOverlay puts a new overlay config into the file, with no problems.
func (f *previewConfig) showOverlay(overlay []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.overlay, f.list, f.stale = overlay, nil, false
	return f.flush()
}

// flush writes what the file should hold: at once while Hugo does not run
// yet or a page shows the last write, else follow writes it when one
// does; f.mu is held.
func (f *previewConfig) flush() error {
	if f.following && f.shown < f.gen {
		return nil
	}
	return f.writeIfChanged()
}

// uses reports whether Hugo may read, now or later, what the overlay
// config c points to: it was written to the file once, or waits to be.
// Hugo watches the folders of the overlay it started with, and a folder
// removed while it ran made it panic in its next build ("nil walk
// context", in CI); so an overlay once given to Hugo stays until the
// preview stops. Overlays replaced by a newer edit before they were
// written (see follow) Hugo never saw.
func (f *previewConfig) uses(c []byte) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return bytes.Equal(c, f.overlay) || f.given[sha256.Sum256(c)]
}

// writeIfChanged writes what the file should hold as a new generation,
// if that differs from what it holds; f.mu is held.
func (f *previewConfig) writeIfChanged() error {
	if f.matches() {
		return nil
	}
	return f.write()
}

// matches reports whether the file holds what it should; f.mu is held.
func (f *previewConfig) matches() bool {
	text, err := f.text(0)
	return err == nil && f.written != nil && bytes.Equal(text, f.written)
}

// write writes what the file should hold as the next generation; f.mu is
// held. One write, in place: Hugo watches this path.
func (f *previewConfig) write() error {
	text, err := f.text(0)
	if err != nil {
		return err
	}
	b, err := f.text(f.gen + 1)
	if err != nil {
		return err
	}
	if err := os.WriteFile(f.path, b, 0o644); err != nil {
		return err
	}
	f.written, f.gen, f.at = text, f.gen+1, time.Now()
	if len(f.overlay) > 0 {
		if f.given == nil {
			f.given = map[[32]byte]bool{}
		}
		f.given[sha256.Sum256(f.overlay)] = true
	}
	if !f.following {
		f.shown = f.gen // Hugo reads it when it starts
	}
	return nil
}

// text is the file's text as generation gen; f.mu is held. The overlay
// is decoded and encoded again with the problems among its params: TOML
// allows a table once, and the overlay has a [params] of its own.
func (f *previewConfig) text(gen int) ([]byte, error) {
	config := map[string]any{}
	if len(f.overlay) > 0 {
		if _, err := toml.Decode(string(f.overlay), &config); err != nil {
			return nil, fmt.Errorf("the overlay config: %w", err)
		}
	}
	params, _ := config["params"].(map[string]any)
	if params == nil {
		params = map[string]any{}
		config["params"] = params
	}
	var v previewValues
	v.Generation = gen
	if len(f.list) > 0 {
		v.Stale = f.stale
		for _, p := range f.list {
			// Escaped as in the terminal: no control character, nor
			// anything that hides or reorders text, reaches the page.
			v.Problems = append(v.Problems, previewProblem{
				File: problem.Clean(p.File), Line: p.Line, Message: problem.Clean(p.Message), Fix: problem.Clean(p.Fix),
			})
		}
	}
	params["gesprekswijzer_preview"] = v
	buf := bytes.NewBufferString("# What this preview gives Hugo beside config.toml (gesprekswijzer serve).\n")
	if err := toml.NewEncoder(buf).Encode(config); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// follow keeps the file and Hugo's server in step, every interval until
// stop is closed: it asks the page at url() which generation it was
// built from, and when the page shows the last write, writes what has
// changed since. A page that still shows an older generation patience
// after the write has lost a change event on its way (a file watcher
// drops events when its queue overflows): the file is written again. A
// page that shows none (Hugo's error page, a page not there) is not
// counted on: a change waiting for it is written after patience.
//
// From the call on, a change is written at once only if the page shows
// the last write; follow itself runs in a goroutine of its own.
func (f *previewConfig) follow(stop <-chan struct{}, url func() string, every, patience time.Duration) {
	f.mu.Lock()
	f.following = true
	f.mu.Unlock()
	go f.keepInStep(stop, url, every, patience)
}

func (f *previewConfig) keepInStep(stop <-chan struct{}, url func() string, every, patience time.Duration) {
	client := &http.Client{Timeout: 5 * time.Second}
	eachTick(stop, every, func() {
		f.mu.Lock()
		gen, shown := f.gen, f.shown
		f.mu.Unlock()
		served, ok := 0, false
		if shown < gen {
			served, ok = servedGeneration(client, url())
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if ok && served > f.shown {
			f.shown = served
		}
		late := time.Since(f.at) > patience
		switch {
		case f.shown >= f.gen, late && !ok:
			f.writeIfChanged()
		case late:
			f.write() // a lost event: the file again, as it should be
		}
	})
}

// servedGeneration is the generation of the preview's file the page at
// url was built from; ok is false if the page cannot be had or has none.
func servedGeneration(client *http.Client, url string) (gen int, ok bool) {
	res, err := client.Get(url)
	if err != nil {
		return 0, false
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return 0, false
	}
	m := generationMark.FindSubmatch(b)
	if m == nil {
		return 0, false
	}
	gen, err = strconv.Atoi(string(m[1]))
	return gen, err == nil
}

// generationMark is how a page carries the generation
// (layouts/_partials/preview/problems.html).
var generationMark = regexp.MustCompile(`data-gesprekswijzer-preview="?([0-9]+)`)

// relTo is path as the user knows it: relative to the project where it
// lies inside it.
func relTo(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return path
}

// siteInputs are what check reads: while the plain preview runs, a
// change to any of them checks the content again.
var siteInputs = []string{"content", "i18n", "layouts", "config.toml", glossary.File}

// watchSite checks the site again whenever its inputs change, every
// interval until stop is closed: new problems are printed and shown on
// the pages, and the banner goes when none are left. Hugo rebuilds the
// edited page itself; this adds only the problems.
func watchSite(root string, shown *previewConfig, say io.Writer, stop <-chan struct{}, interval time.Duration) {
	stamp := func() string {
		h := sha256.New()
		for _, f := range siteInputs {
			fmt.Fprintf(h, "%s %s\n", f, folderStamp(filepath.Join(root, filepath.FromSlash(f))))
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	last := stamp()
	eachTick(stop, interval, func() {
		now := stamp()
		if now == last {
			return
		}
		last = now
		_, list, err := site.Check(root)
		if err != nil {
			list = problem.List{{File: ".", Message: err.Error()}}
		}
		if !printProblems(list, say) {
			fmt.Fprintln(say, "gesprekswijzer serve: the content has no problems")
		}
		if err := shown.show(list, false); err != nil {
			fmt.Fprintln(say, "gesprekswijzer serve: cannot show the problems on the page:", err)
		}
	})
}
