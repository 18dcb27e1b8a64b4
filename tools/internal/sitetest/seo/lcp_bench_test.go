package seo

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// BenchmarkFormLCP measures the Largest Contentful Paint of a form page
// against its guide's (issue 18: the form should paint within 10 % of the
// guide), with Lighthouse's default mobile throttling, simulated from a
// trace (testdata/lcp.mjs), served compressed as the generated server
// configurations serve it. Each iteration loads both pages once; the
// medians are reported: guide-ms, form-ms and form/guide.
//
//	go test -run '^$' -bench FormLCP -benchtime 5x ./tools/internal/sitetest/seo
func BenchmarkFormLCP(b *testing.B) {
	files := http.FileServer(http.Dir(built))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
		z := gzip.NewWriter(w)
		defer z.Close()
		files.ServeHTTP(gzipped{w, z}, r)
	}))
	b.Cleanup(srv.Close)
	guide, form := srv.URL+"/"+pageKinds[1], srv.URL+"/"+pageKinds[4]
	b.ResetTimer()
	raw := lighthouse(b, "lcp.mjs", []string{guide, form}, []string{fmt.Sprintf("RUNS=%d", b.N)})
	b.StopTimer()
	var lcp map[string][]float64
	if err := json.Unmarshal(raw, &lcp); err != nil {
		b.Fatalf("lcp.mjs: %v\n%s", err, raw)
	}
	g, f := median(lcp[guide]), median(lcp[form])
	if g == 0 || f == 0 {
		b.Fatalf("no LCP measured: %s", raw)
	}
	b.ReportMetric(g, "guide-ms")
	b.ReportMetric(f, "form-ms")
	b.ReportMetric(f/g, "form/guide")
	b.ReportMetric(0, "ns/op")
}

// gzipped is a ResponseWriter whose body goes through z; the length the
// file server sets is that of the uncompressed file, so it is dropped.
type gzipped struct {
	http.ResponseWriter
	z *gzip.Writer
}

func (g gzipped) Write(p []byte) (int, error) { return g.z.Write(p) }
func (g gzipped) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
