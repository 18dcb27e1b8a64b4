// Package variants builds organisations' own versions of the site: one
// org.toml per organisation (see package org) becomes a branded, checked,
// minified site in its own folder.
//
// The content is loaded and checked once, and every organisation file is
// validated, before anything is written; so is every output folder (see
// package publish). Then the organisations are built by a pool of
// workers, one per core: each prepares its overlay and goes through the
// one build path of package site (stage, Hugo, minify, verify, swap). The
// workers are processes that each build a few organisations in turn (see
// worker.go); they receive the loaded content and each validated
// organisation, and validate nothing again. Without a worker executable
// the same steps run in this process.
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
	"sync"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/verify"
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
	// Wait is told when a build waits for another run into the same
	// output, and receives the workers' standard error; nil: os.Stderr.
	Wait io.Writer
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
// Problems come as a problem.List error: then nothing may be written.
func Load(root string, dirs []string) (*content.Site, []*org.Org, error) {
	loaded, problems, err := site.Check(root)
	if err != nil {
		return nil, nil, err
	}
	g, err := glossary.Read(root, content.MaxFileBytes)
	if err != nil {
		return nil, nil, err
	}
	info := org.SiteOf(loaded, g)
	var orgs []*org.Org
	bySlug := map[string]string{}
	for _, dir := range dirs {
		file := filepath.ToSlash(filepath.Join(dir, org.FileName))
		if rel, err := filepath.Rel(root, filepath.Join(dir, org.FileName)); err == nil && filepath.IsLocal(rel) {
			file = filepath.ToSlash(rel)
		}
		o, ps := org.Load(dir, file, info)
		problems.Append(ps...)
		if len(ps) > 0 {
			continue
		}
		if other, dup := bySlug[o.Slug]; dup {
			problems.Add(file, 1, `give one of them its own slug = "…"`, "slug %q is also the slug of %s", o.Slug, other)
			continue
		}
		bySlug[o.Slug] = file
		orgs = append(orgs, o)
	}
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	return loaded, orgs, nil
}

// placeOutput refuses an output folder that is the project, lies in its
// sources or overlaps an organisation folder, as a problem list.
func placeOutput(out string, opts publish.Options) error {
	_, err := publish.Place(out, opts)
	var p problem.Problem
	if errors.As(err, &p) {
		return problem.List{p}
	}
	return err
}

// checkOutputs refuses, before anything is built, an output folder that
// is the project or lies in its sources, and every OUT/<slug> that exists
// but was not written by this tool.
func checkOutputs(o Options, dirs []string, orgs []*org.Org) error {
	opts := publish.Options{Root: o.Root, Sources: dirs}
	if err := placeOutput(o.Out, opts); err != nil {
		return err
	}
	var problems problem.List
	for _, x := range orgs {
		_, err := publish.Check(filepath.Join(o.Out, x.Slug), opts)
		var p problem.Problem
		switch {
		case errors.As(err, &p):
			problems.Append(p)
		case err != nil:
			return err
		}
	}
	return problems.Err()
}

// Build validates, then builds every organisation. It returns one result
// per organisation, in the order given; an organisation that failed has
// Err set and its previous output untouched, the others are delivered.
func Build(o Options) ([]Result, error) {
	dirs := o.Orgs
	// Refuse an output that would destroy the project before reading
	// anything.
	if err := placeOutput(o.Out, publish.Options{Root: o.Root, Sources: dirs}); err != nil {
		return nil, err
	}
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
	if err := checkOutputs(o, dirs, orgs); err != nil {
		return nil, err
	}
	if o.Wait == nil {
		o.Wait = os.Stderr
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	// What killed runs left beside outputs this run does not build.
	if err := publish.Sweep(o.Out, o.Wait); err != nil {
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
					results[i] = buildOne(loaded, orgs[i], out, o.Wait)
				} else {
					if w != nil && w.done >= jobsPerWorker {
						rss := w.stop()
						mu.Lock()
						stats.PeakWorkerRSSKB = max(stats.PeakWorkerRSSKB, rss)
						mu.Unlock()
						w = nil
					}
					results[i] = remote(&w, o.Worker, o.Wait, loaded, orgs[i], out, &mu, stats)
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
// (and handing it the loaded site) if there is none.
func remote(w **worker, exe string, stderr io.Writer, s *content.Site, o *org.Org, out string, mu *sync.Mutex, stats *Stats) Result {
	r := Result{Slug: o.Slug}
	if *w == nil {
		nw, err := startWorker(exe, stderr, s)
		if err != nil {
			r.Err = err
			return r
		}
		*w = nw
		mu.Lock()
		stats.WorkerProcesses++
		mu.Unlock()
	}
	rep, err := (*w).do(job{Org: o, Out: out})
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

// buildOne builds one validated organisation through the site's one
// build path into out.
func buildOne(s *content.Site, o *org.Org, out string, wait io.Writer) (r Result) {
	start := time.Now()
	r.Slug = o.Slug
	defer func() { r.Duration = time.Since(start) }()
	ov, err := Prepare(s, o)
	if err != nil {
		r.Err = err
		return
	}
	defer os.RemoveAll(ov.Dir)
	res, err := site.Publish(site.Options{
		Root:    s.Root,
		Out:     out,
		Configs: []string{ov.Config},
		Verify:  verifyOptions(s, o),
		Sources: []string{o.Dir},
		Wait:    wait,
	})
	r.Pages, r.Bytes, r.Err = res.Pages, res.Bytes, err
	return
}

// verifyOptions: a variant is verified at its own address, in its own
// languages, without the methods it leaves out; its pages may link out
// (its intranet, its contact's mail address).
func verifyOptions(s *content.Site, o *org.Org) verify.Options {
	v := verify.Options{BaseURL: o.BaseURL, Languages: o.Languages, LinksOut: true}
	for _, p := range s.Pages {
		if !p.IsMethod() || slices.Contains(o.Methods, p.Front.Params.Method) || !slices.Contains(o.Languages, p.Lang) {
			continue
		}
		// The default language (the variant's first) is at the root,
		// the others under /<code>/.
		prefix := "/"
		if p.Lang != o.Languages[0] {
			prefix = "/" + p.Lang + "/"
		}
		v.LeftOut = append(v.LeftOut, prefix+p.Dir+"/")
	}
	slices.Sort(v.LeftOut)
	return v
}
