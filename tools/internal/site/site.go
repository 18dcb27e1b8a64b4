// Package site is the one build path of Gesprekswijzer. The default site
// (build), the live preview (serve) and every organisation's variant
// (variants) go through it:
//
//	Check:   load the content once and check it (serve stops here)
//	Publish: open the output (checked, locked, tidied), stage beside it,
//	         render with the pinned Hugo, minify, verify every link and
//	         reference, and swap the result in whole, or leave the
//	         previous output untouched
//
// An organisation's site is the default site with its overlay: the same
// Publish, verified as the organisation's (PublishOrg). A Folder holds
// organisations' outputs side by side and is their one owner, as package
// publish is of one output; package variants only decides what to build
// and where (in process or in workers).
package site

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/minify"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
)

// Options for one build.
type Options struct {
	Root    string   // the site root (config.toml)
	Out     string   // the output directory; replaced whole on success
	Configs []string // extra config files merged over config.toml (variants)
	BaseURL string   // optional override of config.toml's baseURL
	// Verify says what the built site must be. Build fills in the base
	// URL and the languages of the default site.
	Verify verify.Options
	// Sources are folders besides the project's own that the output must
	// stay apart from (the organisation folders being read).
	Sources []string
	// Wait is told when the build waits for another run into the same
	// output, and what it tidied; nil: nothing is said.
	Wait io.Writer
	// Inputs, if set, is a digest of everything the output is built from
	// (see package variants): it is recorded in the output's manifest,
	// and an output already built from the same inputs is kept as it is,
	// unless Force is set.
	Inputs string
	Force  bool
	// Swept: the caller tidied the output's parent folder at the start of
	// this run (publish.Sweep), so it need not be read again.
	Swept bool
	// Owner, if set, is the organisation the output belongs to (see
	// publish.Options.Owner); ForceOwner lets it take over another's.
	Owner      *publish.Owner
	ForceOwner bool
}

// Result describes a finished build.
type Result struct {
	Pages       int   // HTML files written
	Bytes       int64 // total bytes after minification
	BytesBefore int64 // bytes of minified file types before minification
	Duration    time.Duration
	// Unchanged: the output was already built from the same inputs and
	// was kept (Pages and Bytes describe it).
	Unchanged bool
}

// Check loads the site's content once and checks it. problems is every
// problem, sorted; an error means the site could not be read at all.
func Check(root string) (loaded *content.Site, problems problem.List, err error) {
	loaded, err = content.Load(root)
	if err != nil {
		return nil, nil, err
	}
	return loaded, check.Content(loaded), nil
}

// Build checks the content and, if it has no problems, publishes the
// default site into o.Out. Problems come back as a problem.List error;
// on any failure o.Out is left as it was.
func Build(o Options) (Result, error) {
	start := time.Now()
	loaded, problems, err := Check(o.Root)
	if err != nil {
		return Result{}, err
	}
	if err := problems.Err(); err != nil {
		return Result{}, err
	}
	if o.Verify.BaseURL == "" {
		o.Verify.BaseURL = loaded.BaseURL
		if o.BaseURL != "" {
			o.Verify.BaseURL = o.BaseURL
		}
	}
	if o.Verify.Languages == nil {
		for _, l := range loaded.Languages {
			o.Verify.Languages = append(o.Verify.Languages, l.Code)
		}
	}
	res, err := Publish(o)
	res.Duration = time.Since(start)
	return res, err
}

// Publish renders the site, minifies and verifies it, and swaps it into
// o.Out whole. Nothing is written unless the output passes publish.Open's
// checks; on any failure the previous output stays.
//
// The site is built in memory (hugo.Render) and every step after Hugo
// works on those bytes; only the finished, verified site is written, once
// (publish.Target.Write).
func Publish(o Options) (res Result, err error) {
	start := time.Now()
	target, err := publish.Open(o.Out, publish.Options{Root: o.Root, Sources: o.Sources, Wait: o.Wait, Swept: o.Swept, Owner: o.Owner, ForceOwner: o.ForceOwner})
	if err != nil {
		return Result{}, err
	}
	defer target.Close()
	if !o.Force {
		if m := target.Current(o.Inputs); m != nil {
			res.Pages, res.Bytes = m.Pages()
			res.Unchanged = true
			res.Duration = time.Since(start)
			return res, nil
		}
	}
	files, err := hugo.Render(hugo.Options{
		Source:  o.Root,
		Configs: append([]string{"config.toml"}, o.Configs...),
		BaseURL: o.BaseURL,
		Quiet:   true,
	})
	if err != nil {
		return Result{}, err
	}
	before, _, err := minify.Files(files)
	if err != nil {
		return Result{}, err
	}
	problems, err := verify.Files(files, o.Verify)
	if err != nil {
		return Result{}, err
	}
	if len(problems) > 0 {
		return Result{}, fmt.Errorf("the built site failed verification and was not published:\n%w", problems)
	}
	if err := target.Write(files, o.Inputs); err != nil {
		return Result{}, err
	}
	res = measure(files)
	res.BytesBefore = before
	res.Duration = time.Since(start)
	return res, nil
}

func measure(files map[string][]byte) (r Result) {
	for name, b := range files {
		r.Bytes += int64(len(b))
		if strings.HasSuffix(name, ".html") {
			r.Pages++
		}
	}
	return r
}

// FindRoot returns the nearest directory at or above dir that holds a
// config.toml and a content folder, so the tool works from any subfolder.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if isRoot(d) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no Gesprekswijzer site (config.toml and content/) at or above %s: run the command inside the repository", dir)
		}
	}
}

func isRoot(d string) bool {
	if _, err := os.Stat(filepath.Join(d, "config.toml")); err != nil {
		return false
	}
	info, err := os.Stat(filepath.Join(d, "content"))
	return err == nil && info.IsDir()
}
