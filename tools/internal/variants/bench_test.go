package variants

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

)

// Run with: go test -run '^$' -bench Variants -benchtime 3x ./tools/internal/variants
// Both benchmarks build the same generated organisations with the same
// config overlays; the in-process one also minifies and verifies each.

// genOrgs writes n organisations: the province's file with its own slug,
// name and primary colour each.
func genOrgs(b *testing.B, n int) []string {
	b.Helper()
	parent := b.TempDir()
	text, err := os.ReadFile(filepath.Join(root, "orgs", "provincie-voorbeeld", "org.toml"))
	if err != nil {
		b.Fatal(err)
	}
	logo, _ := os.ReadFile(filepath.Join(root, "orgs", "provincie-voorbeeld", "logo.svg"))
	var dirs []string
	for i := range n {
		dir := filepath.Join(parent, fmt.Sprintf("org-%02d", i))
		os.MkdirAll(dir, 0o755)
		t := strings.Replace(string(text), `name = "Provincie Voorbeeld"`, fmt.Sprintf(`name = "Organisatie %d"`, i), 1)
		t = strings.Replace(t, `primary = "#00594f"`, fmt.Sprintf(`primary = "#00%02x4f"`, 0x40+i), 1)
		os.WriteFile(filepath.Join(dir, "org.toml"), []byte(t), 0o644)
		os.WriteFile(filepath.Join(dir, "logo.svg"), logo, 0o644)
		dirs = append(dirs, dir)
	}
	return dirs
}

// peakHeap samples the heap in use until stop is called and returns the
// highest value seen, in MB.
func peakHeap() (stop func() float64) {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() float64 { close(done); return float64(peak.Load()) / (1 << 20) }
}

// BenchmarkVariants: variants.Build as the command runs it, with a worker
// process per core, each building up to jobsPerWorker organisations.
func BenchmarkVariants(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			dirs := genOrgs(b, n)
			out := b.TempDir()
			stop := peakHeap()
			var stats Stats
			for b.Loop() {
				results, err := Build(Options{Root: root, Orgs: dirs, Out: out, Worker: workerExe, Stats: &stats})
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range results {
					if r.Err != nil {
						b.Fatal(r.Slug, r.Err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/org")
			b.ReportMetric(stop(), "parent-peak-heap-MB")
			b.ReportMetric(float64(stats.PeakWorkerRSSKB)/1024, "peak-rss-MB/worker")
		})
	}
}

// BenchmarkVariantsHugoCLI: the baseline, the pinned hugo binary run once
// per organisation with the same overlay (no minifying, no verifying).
func BenchmarkVariantsHugoCLI(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "hugo")
	build := exec.Command("go", "build", "-o", bin, "github.com/gohugoio/hugo")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building the pinned hugo: %v\n%s", err, out)
	}
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			dirs := genOrgs(b, n)
			out := b.TempDir()
			var maxRSS int64
			for b.Loop() {
				site, orgs, err := Load(root, dirs)
				if err != nil {
					b.Fatal(err)
				}
				for _, o := range orgs {
					ov, err := Prepare(site, o)
					if err != nil {
						b.Fatal(err)
					}
					cmd := exec.Command(bin, "--source", root, "--config", "config.toml,"+ov.Config,
						"--destination", filepath.Join(out, o.Slug), "--quiet")
					if msg, err := cmd.CombinedOutput(); err != nil {
						b.Fatalf("hugo: %v\n%s", err, msg)
					}
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxRSS {
						maxRSS = ru.Maxrss
					}
					os.RemoveAll(ov.Dir)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/org")
			b.ReportMetric(float64(maxRSS)/1024, "peak-rss-MB/process")
		})
	}
}
