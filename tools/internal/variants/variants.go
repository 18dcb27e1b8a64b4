// Package variants builds organisations' own versions of the site: one
// org.toml per organisation (see package org) becomes a branded, checked,
// minified site in its own folder.
//
// The content is loaded and checked once, and every organisation file is
// validated, before anything is written; so is every output folder (the
// folder of outputs is site.Folder's). An organisation whose output was built from the same
// inputs as now (inputs.go) is kept as it is; with a shard (shard.go),
// only that share of the organisations is built. The others are built by
// a pool of workers, one per core: each prepares its overlay and goes
// through the one build path of package site (site.PublishOrg: Hugo,
// minify, verify in memory, then write and swap). The workers are processes that build
// organisations in turn (see worker.go); they receive the loaded content
// and each validated organisation, and validate nothing again. Without a
// worker executable the same steps run in this process.
package variants

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/project"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scratch"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// InProcessMax is the most builds a run makes in its own process; with
// more, it starts workers (Options.Worker). Measured on two cores
// (docs/variants.md, "Speed and memory"): one organisation in process
// takes 1.2–1.3 times one plain `hugo --minify`; a worker would add its
// start and a cold Hugo.
const InProcessMax = 2

// OrgsDir is where organisations live, one folder each.
const OrgsDir = "orgs"

// Options for building variants.
type Options struct {
	Root     string    // the site root
	Orgs     []string  // organisation folders; empty: every folder under Root/orgs
	Out      string    // each organisation is built into Out/<slug>
	Workers  int       // 0: one per core
	Progress io.Writer // how the run goes (see Terminal); nil: not told
	// Terminal: Progress is a terminal, which gets one progress line kept
	// up to date; otherwise Progress gets a line per organisation.
	Terminal bool
	// Wait is told when a build waits for another run into the same
	// output, and receives the workers' standard error; nil: os.Stderr.
	Wait io.Writer
	// Worker is an executable that runs RunWorker when WorkerEnv is set
	// (the command itself, or a test binary); "": build in this process.
	Worker string
	// Force builds every organisation; otherwise an output already built
	// from the same inputs (see inputs.go) is kept as it is.
	Force bool
	// Prune removes the output in Out of every organisation that is not
	// one of this run's (of all its shards) nor, when Orgs names some,
	// one of Root/orgs: only folders this tool wrote.
	Prune bool
	// Shard builds only this share of the organisations.
	Shard Shard
	// Stats, if not nil, receives figures about the run.
	Stats *Stats
	// ForceOwner lets an organisation take over Out/<slug> built for
	// another organisation folder (see publish.Options.Owner); without
	// it that output is refused.
	ForceOwner bool
}

// Stats are figures about a run, for benchmarks and reports.
type Stats struct {
	WorkerProcesses int   // worker processes started
	PeakWorkerRSSKB int64 // the largest peak resident memory of a worker, KB
}

// Result is one organisation's build.
type Result struct {
	Slug      string
	Pages     int
	Bytes     int64
	Duration  time.Duration
	Err       error
	Unchanged bool // already built from the same inputs: kept as it was
	Removed   bool // no such organisation any more: its output was removed (-prune)
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

// Build validates, then builds every organisation (of the shard) whose
// output is not already built from the same inputs. It returns one result
// per organisation of the shard, in the order given, then one per output
// removed by Prune; an organisation that failed has Err set and its
// previous output untouched, the others are delivered.
func Build(o Options) ([]Result, error) {
	dirs := o.Orgs
	// Refuse an output that would destroy the project before reading
	// anything.
	if err := site.PlaceFolder(o.Out, o.Root, dirs); err != nil {
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
	// Every organisation is validated, whichever shard builds it: every
	// shard then agrees on the set, and one broken file stops them all.
	proj, err := project.Load(o.Root, dirs)
	if err != nil {
		return nil, err
	}
	loaded := proj.Site
	var orgs []*org.Org
	for _, x := range proj.Orgs {
		if o.Shard.Has(x.Slug) {
			orgs = append(orgs, x)
		}
	}
	if o.Wait == nil {
		o.Wait = os.Stderr
	}
	folder, err := site.CheckFolder(o.Out, o.Root, dirs, orgs, o.ForceOwner, o.Wait)
	if err != nil {
		return nil, err
	}
	// Everything is validated: the run's first writes.
	if err := folder.Open(); err != nil {
		return nil, err
	}
	// What killed runs left in the temporary directory: the overlays
	// of workers that died with their run.
	scratch.Sweep(scratch.Variant)
	digests, err := newDigester(loaded)
	if err != nil {
		return nil, err
	}
	inputs := make([]string, len(orgs))
	for i, x := range orgs {
		if inputs[i], err = digests.inputs(x); err != nil {
			return nil, err
		}
	}
	results := make([]Result, len(orgs))
	report := newProgress(o.Progress, o.Terminal, len(orgs), nil)
	// Outputs already built from the same inputs are kept; the rest is
	// built. Looked at first, so that the run knows how many builds it
	// has before it decides where they run.
	jobList := make([]job, len(orgs))
	var todo []int
	for i, x := range orgs {
		jobList[i] = job{Org: x, Out: folder.Out(x), Inputs: inputs[i], Force: o.Force, ForceOwner: o.ForceOwner}
		if !o.Force {
			if res, current := folder.Current(x, inputs[i]); current {
				results[i] = Result{Slug: x.Slug, Pages: res.Pages, Bytes: res.Bytes, Duration: res.Duration, Unchanged: true}
				report.add(results[i])
				continue
			}
		}
		todo = append(todo, i)
	}
	// A run with few builds makes them in this process: a worker costs
	// a process start, the loaded site sent as JSON and a Hugo that is
	// cold in it, more than it saves on two cores for one or two builds
	// (one organisation's edit among many is the common case; serve -org
	// never starts workers at all).
	exe := o.Worker
	if len(todo) <= InProcessMax {
		exe = ""
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if exe == "" {
		// Builds in this process take turns (package hugo): one
		// goroutine is enough. The collector as a worker has it
		// (workerEnv: a build allocates far more than it keeps), unless
		// the operator set GOGC.
		workers = 1
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(200))
		}
	}
	workers = max(1, min(workers, len(todo)))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex // guards report and stats
	stats := &Stats{}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w *worker
			defer func() {
				if w != nil {
					mu.Lock()
					stats.stopped(w)
					mu.Unlock()
				}
			}()
			for i := range jobs {
				j := jobList[i]
				switch {
				case exe == "":
					results[i] = buildOne(loaded, j, o.Wait)
				default:
					if w != nil && w.spent() {
						mu.Lock()
						stats.stopped(w)
						mu.Unlock()
						w = nil
					}
					results[i] = remote(&w, exe, o.Wait, loaded, j, runtime.NumCPU()/workers, &mu, stats)
				}
				mu.Lock()
				report.add(results[i])
				mu.Unlock()
			}
		}()
	}
	for _, i := range todo {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if o.Prune {
		keep := slugSet(proj.Orgs)
		if len(o.Orgs) > 0 {
			// Folders were named: the organisations of orgs/ that were
			// not are not gone, and their outputs stay.
			for _, s := range projectSlugs(o.Root, dirs) {
				keep[s] = true
			}
		}
		removed, err := folder.Prune(keep)
		for _, x := range removed {
			r := Result{Slug: x.Slug, Removed: true, Duration: x.Duration, Err: x.Err}
			report.add(r)
			results = append(results, r)
		}
		if err != nil {
			report.finish()
			return results, err
		}
	}
	report.finish()
	if o.Stats != nil {
		*o.Stats = *stats
	}
	return results, nil
}

// slugSet is the organisations' slugs, as a set.
func slugSet(orgs []*org.Org) map[string]bool {
	keep := map[string]bool{}
	for _, x := range orgs {
		keep[x.Slug] = true
	}
	return keep
}

// projectSlugs are the slugs the organisation folders under root/orgs
// that are not among named may have: the folder's name and the slug its
// org.toml gives, read without validating the rest (the run did not ask
// for these organisations, and a mistake in one must not stop it). An
// unreadable org.toml gives the folder's name only.
func projectSlugs(root string, named []string) []string {
	found, err := FindOrgs(root)
	if err != nil {
		return nil
	}
	isNamed := map[string]bool{}
	for _, d := range named {
		if r, err := realPath(d); err == nil {
			isNamed[r] = true
		}
	}
	var out []string
	for _, dir := range found {
		if r, err := realPath(dir); err == nil && isNamed[r] {
			continue
		}
		out = append(out, filepath.Base(dir))
		if slug := org.DeclaredSlug(dir); slug != "" {
			out = append(out, slug)
		}
	}
	return out
}

// remote builds one organisation in the worker process *w, starting one
// (and handing it the loaded site) if there is none.
func remote(w **worker, exe string, stderr io.Writer, s *content.Site, j job, procs int, mu *sync.Mutex, stats *Stats) Result {
	r := Result{Slug: j.Org.Slug}
	if *w == nil {
		nw, err := startWorker(exe, stderr, s, procs)
		if err != nil {
			r.Err = err
			return r
		}
		*w = nw
		mu.Lock()
		stats.WorkerProcesses++
		mu.Unlock()
	}
	rep, err := (*w).do(j)
	if err != nil {
		mu.Lock()
		stats.stopped(*w)
		mu.Unlock()
		*w = nil
		r.Err = err
		return r
	}
	r.Pages, r.Bytes, r.Duration, r.Unchanged = rep.Pages, rep.Bytes, time.Duration(rep.Micros)*time.Microsecond, rep.Unchanged
	if rep.Err != "" {
		r.Err = errors.New(rep.Err)
	}
	return r
}

// stopped stops a worker and counts its peak memory.
func (s *Stats) stopped(w *worker) {
	s.PeakWorkerRSSKB = max(s.PeakWorkerRSSKB, w.stop())
}

func (r Result) String() string {
	switch {
	case r.Removed && r.Err != nil:
		return fmt.Sprintf("FAIL %-28s could not remove its output, which no organisation has any more: %s", r.Slug, problem.Clean(r.Err.Error()))
	case r.Removed:
		return fmt.Sprintf("gone %-28s output removed: no organisation has this slug any more", r.Slug)
	case r.Err != nil:
		return fmt.Sprintf("FAIL %-28s %s", r.Slug, problem.Clean(r.Err.Error()))
	case r.Unchanged:
		return fmt.Sprintf("same %-28s %3d pages %6.0f KB  unchanged", r.Slug, r.Pages, float64(r.Bytes)/1024)
	}
	return fmt.Sprintf("ok   %-28s %3d pages %6.0f KB %7.0f ms", r.Slug, r.Pages, float64(r.Bytes)/1024, float64(r.Duration.Microseconds())/1000)
}

// Summary describes a run's results in one line.
func Summary(results []Result, took time.Duration) string {
	var built, same, failed, removed, pages int
	var bytes int64
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
		case r.Removed:
			removed++
		case r.Unchanged:
			same++
		default:
			built++
			pages += r.Pages
			bytes += r.Bytes
		}
	}
	s := fmt.Sprintf("%d organisation(s) built, %d unchanged, %d failed", built, same, failed)
	if removed > 0 {
		s += fmt.Sprintf(", %d output(s) removed", removed)
	}
	return s + fmt.Sprintf(": %d pages, %.0f KB built in %.1f s", pages, float64(bytes)/1024, took.Seconds())
}

// buildOne builds one validated organisation through the site's one
// build path into j.Out.
func buildOne(s *content.Site, j job, wait io.Writer) (r Result) {
	start := time.Now()
	o := j.Org
	r.Slug = o.Slug
	defer func() { r.Duration = time.Since(start) }()
	ov, err := Prepare(s, o)
	if err != nil {
		r.Err = err
		return
	}
	defer os.RemoveAll(ov.Dir)
	res, err := site.PublishOrg(s, o, site.Options{
		Root:       s.Root,
		Out:        j.Out,
		Configs:    []string{ov.Config},
		Wait:       wait,
		Inputs:     j.Inputs,
		Force:      j.Force,
		ForceOwner: j.ForceOwner,
	})
	r.Pages, r.Bytes, r.Unchanged, r.Err = res.Pages, res.Bytes, res.Unchanged, err
	return
}

// realPath is an existing folder's absolute path, every link resolved.
func realPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}
