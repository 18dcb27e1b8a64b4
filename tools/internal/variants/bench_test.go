package variants

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// Run with
//
//	go test -run '^$' -bench Variants -benchtime 3x -timeout 2h ./tools/internal/variants
//
// BenchmarkVariants and BenchmarkVariantsHugoCLI build the same
// generated organisations (half copies of grenslanders, bilingual with
// every method, 90 pages; half of provincie-voorbeeld, Dutch with three,
// 20 pages) from the same Hugo config overlays. The tool also checks the
// content, validates every organisation, minifies and verifies every
// page, and swaps each output in whole; the peer, the pinned hugo binary
// once per organisation with --minify, does none of that. Both rebuild
// everything into the outputs of a previous run ("warm": the tool with
// -force, the peer over its own files) or into empty folders ("cold").

var benchSizes = []int{10, 50, 200}

// genOrgs writes n organisations under dir: copies of grenslanders and
// provincie-voorbeeld in turn, each with its own name.
func genOrgs(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	var dirs []string
	for i := range n {
		src := []string{"grenslanders", "provincie-voorbeeld"}[i%2]
		text, err := os.ReadFile(filepath.Join(root, "orgs", src, "org.toml"))
		if err != nil {
			tb.Fatal(err)
		}
		logo, err := os.ReadFile(filepath.Join(root, "orgs", src, "logo.svg"))
		if err != nil {
			tb.Fatal(err)
		}
		d := filepath.Join(dir, fmt.Sprintf("org-%03d", i))
		os.MkdirAll(d, 0o755)
		t := strings.Replace(string(text), "\nname = \"", fmt.Sprintf("\nname = \"%d ", i), 1)
		if err := os.WriteFile(filepath.Join(d, "org.toml"), []byte(t), 0o644); err != nil {
			tb.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "logo.svg"), logo, 0o644)
		dirs = append(dirs, d)
	}
	return dirs
}

// toolRun builds every organisation as the command does (workers, one
// per core) and returns the largest peak resident memory of a worker.
func toolRun(tb testing.TB, dirs []string, out string, force bool) (results []Result, peakKB int64) {
	tb.Helper()
	var stats Stats
	results, err := Build(Options{Root: root, Orgs: dirs, Out: out, Worker: workerExe, Force: force, Stats: &stats})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range results {
		if r.Err != nil {
			tb.Fatal(r.Slug, r.Err)
		}
	}
	return results, stats.PeakWorkerRSSKB
}

// selfPeakKB is this process's peak resident memory (the command's own
// process, in a benchmark: the test binary), KB.
func selfPeakKB() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return int64(ru.Maxrss)
}

func reportPerOrg(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/org")
}

// BenchmarkVariants: the variants command's full run, rebuilding every
// organisation.
func BenchmarkVariants(b *testing.B) {
	for _, n := range benchSizes {
		dirs := genOrgs(b, b.TempDir(), n)
		b.Run(fmt.Sprintf("orgs=%d/warm", n), func(b *testing.B) {
			out := b.TempDir()
			toolRun(b, dirs, out, true) // the previous run
			toolRun(b, dirs, out, true) // and its spare
			var peak int64
			for b.Loop() {
				_, kb := toolRun(b, dirs, out, true)
				peak = max(peak, kb)
			}
			reportPerOrg(b, n)
			b.ReportMetric(float64(peak)/1024, "peak-MiB/worker")
		})
		b.Run(fmt.Sprintf("orgs=%d/cold", n), func(b *testing.B) {
			var peak int64
			for b.Loop() {
				b.StopTimer()
				out := b.TempDir()
				b.StartTimer()
				_, kb := toolRun(b, dirs, out, true)
				peak = max(peak, kb)
			}
			reportPerOrg(b, n)
			b.ReportMetric(float64(peak)/1024, "peak-MiB/worker")
		})
	}
	b.ReportMetric(float64(selfPeakKB())/1024, "peak-MiB/parent")
}

// BenchmarkVariantsNoop: a run at 200 organisations in which nothing
// changed.
func BenchmarkVariantsNoop(b *testing.B) {
	dirs := genOrgs(b, b.TempDir(), 200)
	out := b.TempDir()
	toolRun(b, dirs, out, false)
	for b.Loop() {
		results, _ := toolRun(b, dirs, out, false)
		for _, r := range results {
			if !r.Unchanged {
				b.Fatalf("%s was built again", r.Slug)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
}

// BenchmarkVariantsOneChange: a run at 200 organisations after one of
// them changed its colour.
func BenchmarkVariantsOneChange(b *testing.B) {
	dirs := genOrgs(b, b.TempDir(), 200)
	out := b.TempDir()
	toolRun(b, dirs, out, false)
	file := filepath.Join(dirs[77], "org.toml")
	text, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		os.WriteFile(file, []byte(strings.Replace(string(text), `primary = "#00594f"`, fmt.Sprintf(`primary = "#00%02x4f"`, 0x40+i%64), 1)), 0o644)
		b.StartTimer()
		results, _ := toolRun(b, dirs, out, false)
		built := 0
		for _, r := range results {
			if !r.Unchanged {
				built++
			}
		}
		if built != 1 {
			b.Fatalf("%d organisations built, want the one that changed", built)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
}

// benchBinaryDirs are the folders of the programs hugoBinary and
// commandBinary built, removed when the tests end (TestMain).
var (
	benchBinaryDirs []string
	benchBinaryMu   sync.Mutex
)

// benchBinaryDir notes a folder for TestMain to remove.
func benchBinaryDir(dir string) {
	benchBinaryMu.Lock()
	defer benchBinaryMu.Unlock()
	benchBinaryDirs = append(benchBinaryDirs, dir)
}

// hugoBinary builds the pinned hugo once per test binary.
var hugoBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gesprekswijzer-bench-hugo-")
	if err != nil {
		return "", err
	}
	benchBinaryDir(dir)
	bin := filepath.Join(dir, "hugo")
	build := exec.Command("go", "build", "-o", bin, "github.com/gohugoio/hugo")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the pinned hugo: %v\n%s", err, out)
	}
	return bin, nil
})

// peer is the Hugo user's way: the overlays written beforehand (not
// timed), then the pinned hugo once per organisation.
type peer struct {
	bin      string
	slugs    []string
	overlays []string
}

func newPeer(tb testing.TB, dirs []string) *peer {
	tb.Helper()
	bin, err := hugoBinary()
	if err != nil {
		tb.Fatal(err)
	}
	site, orgs, err := load(root, dirs)
	if err != nil {
		tb.Fatal(err)
	}
	p := &peer{bin: bin}
	for _, o := range orgs {
		ov, err := Prepare(site, o)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.RemoveAll(ov.Dir) })
		p.slugs = append(p.slugs, o.Slug)
		p.overlays = append(p.overlays, ov.Config)
	}
	return p
}

// run builds every organisation with procs hugo processes at a time, as
// xargs -P does, and returns the largest peak resident memory of one.
// --noBuildLock: without it Hugo's lock on the project (.hugo_build.lock)
// makes processes in one project take turns, and the peer would be
// slower than a Hugo user who knows the flag.
func (p *peer) run(tb testing.TB, out string, procs int) (peakKB int64) {
	tb.Helper()
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failure error
	for range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				cmd := exec.Command(p.bin, "--quiet", "--minify", "--noBuildLock", "--source", root,
					"--config", "config.toml,"+p.overlays[i], "--destination", filepath.Join(out, p.slugs[i]))
				msg, err := cmd.CombinedOutput()
				mu.Lock()
				if err != nil && failure == nil {
					failure = fmt.Errorf("hugo for %s: %v\n%s", p.slugs[i], err, msg)
				}
				peakKB = max(peakKB, maxRSS(cmd.ProcessState))
				mu.Unlock()
			}
		}()
	}
	for i := range p.slugs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if failure != nil {
		tb.Fatal(failure)
	}
	return peakKB
}

// BenchmarkVariantsHugoCLI: the peer, in parallel with as many processes
// as cores (procs=NumCPU), and one at a time (procs=1).
func BenchmarkVariantsHugoCLI(b *testing.B) {
	for _, n := range benchSizes {
		p := newPeer(b, genOrgs(b, b.TempDir(), n))
		for _, procs := range []int{runtime.NumCPU(), 1} {
			b.Run(fmt.Sprintf("orgs=%d/procs=%d/warm", n, procs), func(b *testing.B) {
				out := b.TempDir()
				p.run(b, out, procs) // the previous run
				var peak int64
				for b.Loop() {
					peak = max(peak, p.run(b, out, procs))
				}
				reportPerOrg(b, n)
				b.ReportMetric(float64(peak)/1024, "peak-MiB/process")
			})
			b.Run(fmt.Sprintf("orgs=%d/procs=%d/cold", n, procs), func(b *testing.B) {
				var peak int64
				for b.Loop() {
					b.StopTimer()
					out := b.TempDir()
					b.StartTimer()
					peak = max(peak, p.run(b, out, procs))
				}
				reportPerOrg(b, n)
				b.ReportMetric(float64(peak)/1024, "peak-MiB/process")
			})
		}
	}
}

// TestBenchmarksRun: the benchmarks' tool and peer runs, with two
// organisations, so that they cannot rot unnoticed between the times
// someone measures. (BenchmarkOneOrg is kept working by
// TestSmallRunsBuildInProcess and the command's own tests.)
func TestBenchmarksRun(t *testing.T) {
	// The two heaviest tests of the package (a minute each) run side by
	// side, after the others: much of their time is spent starting
	// processes and writing files, not computing.
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the hugo binary; not with -short")
	}
	// Three: with fewer a run starts no workers (InProcessMax), and
	// the benchmarks' runs measure workers.
	dirs := genOrgs(t, t.TempDir(), InProcessMax+1)
	out := t.TempDir()
	if results, kb := toolRun(t, dirs, out, false); len(results) != len(dirs) || results[0].Unchanged || kb == 0 {
		t.Errorf("the tool's run: %v, peak %d KB", results, kb)
	}
	if results, _ := toolRun(t, dirs, out, false); !results[0].Unchanged || !results[1].Unchanged || !results[2].Unchanged {
		t.Errorf("the no-op run built again: %v", results)
	}
	peerOut := t.TempDir()
	if kb := newPeer(t, dirs).run(t, peerOut, runtime.NumCPU()); kb == 0 {
		t.Error("the peer's memory was not measured")
	}
	for _, slug := range []string{"org-000", "org-001"} {
		if _, err := os.Stat(filepath.Join(peerOut, slug, "index.html")); err != nil {
			t.Errorf("the peer did not build %s: %v", slug, err)
		}
	}
}

// commandBinary builds the gesprekswijzer command once per test binary.
var commandBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gesprekswijzer-bench-command-")
	if err != nil {
		return "", err
	}
	benchBinaryDir(dir)
	bin := filepath.Join(dir, "gesprekswijzer")
	build := exec.Command("go", "build", "-o", bin, "./tools/gesprekswijzer")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the command: %v\n%s", err, out)
	}
	return bin, nil
})

// BenchmarkOneOrg: what an editor or a CI job waits for when one
// organisation is built, each as a whole process, as they are run:
//
//	go test -run '^$' -bench OneOrg -benchtime 10x ./tools/internal/variants
//
// command is `gesprekswijzer variants -force -o OUT ORG` (check the
// content, validate the organisation, write its overlay, Hugo in
// memory, minify, verify, swap: in process, no worker); hugo is the
// pinned hugo with the same overlay, written beforehand and not timed,
// and --minify, nothing else. Both into a previous run's output, for
// grenslanders (bilingual, every method) and provincie-voorbeeld (Dutch,
// three methods). The goal (issue 21): command no slower than hugo.
func BenchmarkOneOrg(b *testing.B) {
	exe, err := commandBinary()
	if err != nil {
		b.Fatal(err)
	}
	for _, slug := range []string{"grenslanders", "provincie-voorbeeld"} {
		dir := filepath.Join(root, "orgs", slug)
		b.Run(slug+"/command", func(b *testing.B) {
			out := b.TempDir()
			run := func() {
				cmd := exec.Command(exe, "variants", "-force", "-o", out, dir)
				cmd.Dir = root
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, msg)
				}
			}
			run() // the previous run
			for b.Loop() {
				run()
			}
		})
		b.Run(slug+"/hugo", func(b *testing.B) {
			p := newPeer(b, []string{dir})
			out := b.TempDir()
			p.run(b, out, 1) // the previous run
			for b.Loop() {
				p.run(b, out, 1)
			}
		})
	}
}

// TestSmallRunsBuildInProcess: a run with one or two organisations to
// build makes them in its own process and starts no worker; with three,
// it starts workers; after one of three changed, a run builds that one,
// in process.
func TestSmallRunsBuildInProcess(t *testing.T) {
	parent, out := t.TempDir(), t.TempDir()
	var dirs []string
	for _, name := range []string{"een", "twee", "drie"} {
		dirs = append(dirs, projecttest.NewOrg(t, parent, name, fmt.Sprintf(projecttest.MinimalOrg, strings.ToUpper(name))))
	}
	run := func(dirs []string, force bool) (built int, stats Stats) {
		t.Helper()
		results, err := Build(Options{Root: root, Orgs: dirs, Out: out, Worker: workerExe, Force: force, Stats: &stats})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Err != nil {
				t.Fatal(r.Slug, r.Err)
			}
			if !r.Unchanged {
				built++
			}
		}
		return built, stats
	}
	for n := 1; n <= 3; n++ {
		built, stats := run(dirs[:n], true)
		if built != n {
			t.Errorf("%d organisation(s), forced: %d built", n, built)
		}
		if inProcess := n <= InProcessMax; inProcess != (stats.WorkerProcesses == 0) {
			t.Errorf("%d organisation(s) to build: %d worker process(es) started", n, stats.WorkerProcesses)
		}
	}
	file := filepath.Join(dirs[1], "org.toml")
	if err := os.WriteFile(file, fmt.Appendf(nil, projecttest.MinimalOrg, "TWEE BIS"), 0o644); err != nil {
		t.Fatal(err)
	}
	if built, stats := run(dirs, false); built != 1 || stats.WorkerProcesses != 0 {
		t.Errorf("one of three changed: %d built, %d worker process(es) started; want 1 built in process", built, stats.WorkerProcesses)
	}
}
