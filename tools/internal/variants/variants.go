// Package variants builds organisations' own versions of the site: one
// org.toml per organisation (see package org) becomes a branded, checked,
// minified site in its own folder.
//
// Every organisation file is validated before anything is written. Then
// the organisations are built by a pool of workers, one per core: each
// prepares its overlay, runs the pinned Hugo, minifies, verifies links and
// references, and only then swaps the result into place. The workers are
// processes that each build a few organisations in turn (see worker.go);
// without a worker executable the same steps run in this process.
package variants

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hugo"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/minify"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// OrgsDir is where organisations live, one folder each.
const OrgsDir = "orgs"

// Options for building variants.
type Options struct {
	Root     string    // the site root
	Orgs     []string  // organisation folders; empty: every folder under Root/orgs
	Out      string    // each organisation is built into Out/<slug>
	Workers  int       // 0: one per core
	Progress io.Writer // a line per organisation as it finishes; nil: none
	// Worker is an executable that runs RunWorker when WorkerEnv is set
	// (the command itself, or a test binary); "": build in this process.
	Worker string
	// Stats, if not nil, receives figures about the run.
	Stats *Stats
}

// Stats are figures about a run, for benchmarks and reports.
type Stats struct {
	WorkerProcesses int   // worker processes started
	PeakWorkerRSSKB int64 // the largest peak resident memory of a worker, KB
}

// Result is one organisation's build.
type Result struct {
	Slug     string
	Pages    int
	Bytes    int64
	Duration time.Duration
	Err      error
}

// FindOrgs lists the organisation folders under root/orgs (those holding
// an org.toml), sorted. A link to a folder is listed too, so that
// validation refuses it with a message rather than skipping it silently.
func FindOrgs(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, OrgsDir))
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, OrgsDir, e.Name(), org.FileName)); (e.IsDir() || e.Type()&fs.ModeSymlink != 0) && err == nil {
			dirs = append(dirs, filepath.Join(root, OrgsDir, e.Name()))
		}
	}
	return dirs, nil
}

// Load reads the site and validates the organisations in dirs: the site's
// content, every org.toml and that no two organisations share a slug.
// Problems come as a *site.ProblemsError: then nothing may be written.
func Load(root string, dirs []string) (*content.Site, []*org.Org, error) {
	problems, err := check.Site(root)
	if err != nil {
		return nil, nil, err
	}
	loaded, err := content.Load(root)
	if err != nil {
		return nil, nil, err
	}
	info := org.SiteOf(loaded)
	var orgs []*org.Org
	bySlug := map[string]string{}
	for _, dir := range dirs {
		file := filepath.ToSlash(filepath.Join(dir, org.FileName))
		if rel, err := filepath.Rel(root, filepath.Join(dir, org.FileName)); err == nil && filepath.IsLocal(rel) {
			file = filepath.ToSlash(rel)
		}
		o, ps := org.Load(dir, file, info)
		problems = append(problems, ps...)
		if len(ps) > 0 {
			continue
		}
		if other, dup := bySlug[o.Slug]; dup {
			problems = append(problems, check.Problem{File: file, Line: 1, Message: fmt.Sprintf("slug %q is also the slug of %s", o.Slug, other), Fix: `give one of them its own slug = "…"`})
			continue
		}
		bySlug[o.Slug] = file
		orgs = append(orgs, o)
	}
	if len(problems) > 0 {
		return nil, nil, &site.ProblemsError{Problems: problems}
	}
	return loaded, orgs, nil
}

// Build validates, then builds every organisation. It returns one result
// per organisation, in the order given; an organisation that failed has
// Err set and its previous output untouched, the others are delivered.
func Build(o Options) ([]Result, error) {
	dirs := o.Orgs
	if len(dirs) == 0 {
		var err error
		if dirs, err = FindOrgs(o.Root); err != nil {
			return nil, err
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("no organisations: add %s/<slug>/%s", OrgsDir, org.FileName)
	}
	loaded, orgs, err := Load(o.Root, dirs)
	if err != nil {
		return nil, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(orgs))
	results := make([]Result, len(orgs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex // guards Progress and Stats
	stats := &Stats{}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w *worker
			defer func() {
				if w != nil {
					rss := w.stop()
					mu.Lock()
					stats.PeakWorkerRSSKB = max(stats.PeakWorkerRSSKB, rss)
					mu.Unlock()
				}
			}()
			for i := range jobs {
				out := filepath.Join(o.Out, orgs[i].Slug)
				if o.Worker == "" {
					results[i] = buildOne(loaded, orgs[i], out)
				} else {
					if w != nil && w.done >= jobsPerWorker {
						rss := w.stop()
						mu.Lock()
						stats.PeakWorkerRSSKB = max(stats.PeakWorkerRSSKB, rss)
						mu.Unlock()
						w = nil
					}
					results[i] = remote(&w, o.Worker, loaded.Root, orgs[i], out, &mu, stats)
				}
				if o.Progress != nil {
					mu.Lock()
					fmt.Fprintln(o.Progress, results[i])
					mu.Unlock()
				}
			}
		}()
	}
	for i := range orgs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if o.Stats != nil {
		*o.Stats = *stats
	}
	return results, nil
}

// remote builds one organisation in the worker process *w, starting one
// if there is none.
func remote(w **worker, exe, root string, o *org.Org, out string, mu *sync.Mutex, stats *Stats) Result {
	r := Result{Slug: o.Slug}
	if *w == nil {
		nw, err := startWorker(exe)
		if err != nil {
			r.Err = err
			return r
		}
		*w = nw
		mu.Lock()
		stats.WorkerProcesses++
		mu.Unlock()
	}
	rep, err := (*w).do(job{Root: root, Dir: o.Dir, File: o.File, Out: out})
	if err != nil {
		(*w).stop()
		*w = nil
		r.Err = err
		return r
	}
	r.Pages, r.Bytes, r.Duration = rep.Pages, rep.Bytes, time.Duration(rep.Micros)*time.Microsecond
	if rep.Err != "" {
		r.Err = errors.New(rep.Err)
	}
	return r
}

func (r Result) String() string {
	if r.Err != nil {
		return fmt.Sprintf("FAIL %-28s %v", r.Slug, r.Err)
	}
	return fmt.Sprintf("ok   %-28s %3d pages %6.0f KB %7.0f ms", r.Slug, r.Pages, float64(r.Bytes)/1024, float64(r.Duration.Microseconds())/1000)
}

// Summary describes a run's results in one line.
func Summary(results []Result, took time.Duration) string {
	var ok, failed, pages int
	var bytes int64
	for _, r := range results {
		if r.Err != nil {
			failed++
			continue
		}
		ok++
		pages += r.Pages
		bytes += r.Bytes
	}
	return fmt.Sprintf("%d organisation(s) built, %d failed: %d pages, %.0f KB, in %.1f s", ok, failed, pages, float64(bytes)/1024, took.Seconds())
}

// buildOne builds one organisation beside out and swaps it in when it is
// complete and verified.
func buildOne(s *content.Site, o *org.Org, out string) (r Result) {
	start := time.Now()
	r.Slug = o.Slug
	defer func() { r.Duration = time.Since(start) }()
	ov, err := Prepare(s, o)
	if err != nil {
		r.Err = err
		return
	}
	defer os.RemoveAll(ov.Dir)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		r.Err = err
		return
	}
	staged, err := publish.Stage(out)
	if err != nil {
		r.Err = err
		return
	}
	ok := false
	defer func() {
		if !ok {
			publish.Discard(staged)
		}
	}()
	err = hugo.Build(hugo.Options{Source: s.Root, Configs: []string{"config.toml", ov.Config}, Destination: staged, Quiet: true})
	if err != nil {
		r.Err = err
		return
	}
	if _, _, err := minify.Dir(staged); err != nil {
		r.Err = err
		return
	}
	problems, err := Verify(staged, s, o)
	if err == nil && len(problems) > 0 {
		slices.Sort(problems)
		err = fmt.Errorf("the built site failed verification:\n\t%s", strings.Join(problems, "\n\t"))
	}
	if err != nil {
		r.Err = err
		return
	}
	r.Pages, r.Bytes, err = measure(staged)
	if err == nil {
		err = publish.Swap(staged, out)
	}
	if err != nil {
		r.Err = err
		return
	}
	ok = true
	return
}

func measure(dir string) (pages int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		bytes += info.Size()
		if strings.HasSuffix(path, ".html") {
			pages++
		}
		return nil
	})
	return
}
