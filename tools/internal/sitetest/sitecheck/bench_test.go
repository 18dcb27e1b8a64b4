package sitecheck

import (
	"path/filepath"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// BenchmarkBuild builds the whole bilingual site (check, Hugo, minify,
// swap) and reports the time per HTML page.
func BenchmarkBuild(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	var res site.Result
	var err error
	for b.Loop() {
		res, err = site.Build(site.Options{Root: projecttest.RepoRoot(), Out: out})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(res.Pages), "ms/page")
	b.ReportMetric(float64(res.Bytes)/1024, "KB")
}
