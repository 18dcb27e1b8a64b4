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
// configuration: a config file of the preview's own (problems.toml in its
// temporary folder), given to Hugo after the others. Hugo watches its
// config files and rebuilds and reloads every open page when one
// changes, so the banner (layouts/_partials/preview/problems.html)
// appears as a problem is saved and goes when it is fixed, through
// Hugo's own live reload and nothing of ours in the page. The values are
// TOML data written by the encoder and HTML-escaped by Hugo's templates:
// a hostile message stays text. The file is empty when there is nothing
// to show, and the template shows nothing outside a preview
// (hugo.IsServer), so build and variants never carry a banner.

// problemsFile is the config file a preview's problems are written to.
type problemsFile struct {
	path string

	mu      sync.Mutex
	last    []byte       // what the file holds
	list    problem.List // the problems in it
	stale   bool         // whether it says the page shows an older version
	gen     int          // its generation: one more with every write
	written time.Time    // when it was last written
}

// previewParams is what the file holds, under [params.gesprekswijzer_preview].
type previewParams struct {
	Params struct {
		Preview struct {
			// Stale: the page shows the last version without problems
			// (serve -org), not the one with them.
			Stale    bool             `toml:"stale,omitempty"`
			Problems []previewProblem `toml:"problems,omitempty"`
			// Generation: the page carries it (data-gesprekswijzer-preview),
			// so the preview can see that Hugo has taken this version
			// (see confirm).
			Generation int `toml:"generation"`
		} `toml:"gesprekswijzer_preview"`
	} `toml:"params"`
}

type previewProblem struct {
	File    string `toml:"file"`
	Line    int    `toml:"line,omitempty"`
	Message string `toml:"message"`
	Fix     string `toml:"fix,omitempty"`
}

// newProblemsFile writes an empty problems file at path.
func newProblemsFile(path string) (*problemsFile, error) {
	f := &problemsFile{path: path}
	return f, f.show(nil, false)
}

// show writes list into the file, if that changes it: an unchanged list
// is not written, so that Hugo does not rebuild and reload for nothing.
// Each write is a new generation.
func (f *problemsFile) show(list problem.List, stale bool) error {
	return f.put(list, stale, false)
}

// showWith writes list into the file as a new generation, changed or
// not: serve -org calls it when it has written a new overlay, so that
// the generation the pages carry says they were built from it.
func (f *problemsFile) showWith(list problem.List, stale bool) error {
	return f.put(list, stale, true)
}

// touch writes the file again, as a new generation, with the same
// problems: Hugo reloads its configuration, the overlay's included (see
// confirm).
func (f *problemsFile) touch() error {
	f.mu.Lock()
	list, stale := f.list, f.stale
	f.mu.Unlock()
	return f.put(list, stale, true)
}

func (f *problemsFile) put(list problem.List, stale, always bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last != nil && !always {
		if old, _ := problemsTOML(list, stale, f.gen); bytes.Equal(old, f.last) {
			return nil
		}
	}
	b, err := problemsTOML(list, stale, f.gen+1)
	if err != nil {
		return err
	}
	f.list, f.stale = list, stale
	return f.write(b, f.gen+1)
}

// write puts b into the file as generation gen; f.mu is held. One write,
// in place, as the organisation's overlay config: Hugo watches this path.
func (f *problemsFile) write(b []byte, gen int) error {
	if err := os.WriteFile(f.path, b, 0o644); err != nil {
		return err
	}
	f.last, f.gen, f.written = b, gen, time.Now()
	return nil
}

// problemsTOML is the file's text for list as generation gen.
func problemsTOML(list problem.List, stale bool, gen int) ([]byte, error) {
	b := []byte("# The problems this preview shows on its pages (gesprekswijzer serve).\n")
	var v previewParams
	v.Params.Preview.Generation = gen
	if len(list) > 0 {
		v.Params.Preview.Stale = stale
		for _, p := range list {
			// Escaped as in the terminal: no control character, nor
			// anything that hides or reorders text, reaches the page.
			v.Params.Preview.Problems = append(v.Params.Preview.Problems, previewProblem{
				File: problem.Clean(p.File), Line: p.Line, Message: problem.Clean(p.Message), Fix: problem.Clean(p.Fix),
			})
		}
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return append(b, buf.Bytes()...), nil
}

// confirm holds Hugo's server to the file: every interval until stop is
// closed it asks the page at url() which generation it was built from, and
// where the page has not caught up patience after the last write, writes
// the file again. In CI an organisation's preview went on showing a
// banner for a problem put right minutes before. The cause was found
// later: Hugo's server deadlocked when a config file changed during a
// reload, and is started so that it cannot (see hugo.Serve); no second
// write wakes a deadlocked server. This check stays as a guard against
// a change event that is lost on its way (a file watcher may drop events
// when its queue overflows): the preview does not rely on one event
// being seen, it looks at what is served.
func (f *problemsFile) confirm(stop <-chan struct{}, url func() string, every, patience time.Duration) {
	client := &http.Client{Timeout: 5 * time.Second}
	seen := 0
	eachTick(stop, every, func() {
		f.mu.Lock()
		gen, written := f.gen, f.written
		f.mu.Unlock()
		if gen == seen {
			return
		}
		if served, ok := servedGeneration(client, url()); ok && served >= gen {
			seen = served
			return
		}
		if time.Since(written) > patience {
			f.touch()
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
func watchSite(root string, shown *problemsFile, say io.Writer, stop <-chan struct{}, interval time.Duration) {
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
