package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

	mu   sync.Mutex
	last []byte // what the file holds
}

// previewParams is what the file holds, under [params.gesprekswijzer_preview].
type previewParams struct {
	Params struct {
		Preview struct {
			// Stale: the page shows the last version without problems
			// (serve -org), not the one with them.
			Stale    bool             `toml:"stale,omitempty"`
			Problems []previewProblem `toml:"problems"`
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

// show writes list into the file, if that changes it: an unchanged file
// is not written, so that Hugo does not rebuild and reload for nothing.
func (f *problemsFile) show(list problem.List, stale bool) error {
	b := []byte("# The problems this preview shows on its pages (gesprekswijzer serve).\n")
	if len(list) > 0 {
		var v previewParams
		v.Params.Preview.Stale = stale
		for _, p := range list {
			// Escaped as in the terminal: no control character, nor
			// anything that hides or reorders text, reaches the page.
			v.Params.Preview.Problems = append(v.Params.Preview.Problems, previewProblem{
				File: problem.Clean(p.File), Line: p.Line, Message: problem.Clean(p.Message), Fix: problem.Clean(p.Fix),
			})
		}
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(v); err != nil {
			return err
		}
		b = append(b, buf.Bytes()...)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last != nil && bytes.Equal(b, f.last) {
		return nil
	}
	// One write, in place, as the organisation's overlay config: Hugo
	// watches this path.
	if err := os.WriteFile(f.path, b, 0o644); err != nil {
		return err
	}
	f.last = b
	return nil
}

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
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		now := stamp()
		if now == last {
			continue
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
	}
}
