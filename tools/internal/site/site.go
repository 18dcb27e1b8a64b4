// Package site builds the default Gesprekswijzer site: check the content,
// render it with the pinned Hugo, minify it, and swap it into place.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/minify"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
)

// ErrProblems is returned when the content check found problems; they are
// in the *ProblemsError.
var ErrProblems = errors.New("the content has problems")

// ProblemsError carries the problems that stopped a build.
type ProblemsError struct{ Problems []check.Problem }

func (e *ProblemsError) Error() string {
	var b strings.Builder
	for _, p := range e.Problems {
		b.WriteString(p.String())
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%d problem(s); nothing was built", len(e.Problems))
	return b.String()
}

func (e *ProblemsError) Unwrap() error { return ErrProblems }

// Options for one build.
type Options struct {
	Root    string   // the site root (config.toml)
	Out     string   // the output directory; replaced whole on success
	Configs []string // extra config files merged over config.toml (variants)
	BaseURL string
}

// Result describes a finished build.
type Result struct {
	Pages       int   // HTML files written
	Bytes       int64 // total bytes after minification
	BytesBefore int64 // bytes of minified file types before minification
	Duration    time.Duration
}

// Build checks the content and, if it has no problems, builds the site
// into o.Out. On any failure o.Out is left as it was.
func Build(o Options) (Result, error) {
	start := time.Now()
	problems, err := check.Site(o.Root)
	if err != nil {
		return Result{}, err
	}
	if len(problems) > 0 {
		return Result{}, &ProblemsError{problems}
	}
	staged, err := publish.Stage(o.Out)
	if err != nil {
		return Result{}, err
	}
	ok := false
	defer func() {
		if !ok {
			publish.Discard(staged)
		}
	}()
	err = hugo.Build(hugo.Options{
		Source:      o.Root,
		Configs:     append([]string{"config.toml"}, o.Configs...),
		Destination: staged,
		BaseURL:     o.BaseURL,
		Quiet:       true,
	})
	if err != nil {
		return Result{}, err
	}
	before, _, err := minify.Dir(staged)
	if err != nil {
		return Result{}, err
	}
	res, err := measure(staged)
	if err != nil {
		return Result{}, err
	}
	res.BytesBefore = before
	if err := publish.Swap(staged, o.Out); err != nil {
		return Result{}, err
	}
	ok = true
	res.Duration = time.Since(start)
	return res, nil
}

func measure(dir string) (Result, error) {
	var r Result
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		r.Bytes += info.Size()
		if strings.HasSuffix(path, ".html") {
			r.Pages++
		}
		return nil
	})
	return r, err
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
