package sitetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestFirefoxDownloadsKeepTheirNames: two tests side by side each export
// a file; Firefox reports both starts before either end, and gives a
// download from a blob: URL no navigation id. Each test gets its own
// file under its own name. Keyed by the navigation id, the second start
// overwrote the first's name, and one test was handed the other's.
func TestFirefoxDownloadsKeepTheirNames(t *testing.T) {
	b := &bidi{tabs: map[string]*firefoxTab{}, downloads: map[string]*Downloads{}, names: map[string]string{}}
	type test struct {
		dir, url, name string
		dl             *Downloads
	}
	tests := []*test{
		{dir: t.TempDir(), url: "blob:http://127.0.0.1:1/aaaa", name: "planningsgesprek-export-test-2027-02-11.json"},
		{dir: t.TempDir(), url: "blob:http://127.0.0.1:1/bbbb", name: "planningsgesprek-concept-1-2026-12-05.json"},
	}
	event := func(method string, params map[string]any) {
		p, err := json.Marshal(params)
		if err != nil {
			t.Fatal(err)
		}
		b.event(method, p)
	}
	for _, x := range tests {
		x.dl = newDownloads()
		b.downloadsTo(x.dir, x.dl)
		event("browsingContext.downloadWillBegin", map[string]any{"context": "c", "navigation": nil, "url": x.url, "suggestedFilename": x.name})
	}
	for _, x := range tests {
		saved := filepath.Join(x.dir, x.name)
		if err := os.WriteFile(saved, []byte(x.name), 0o644); err != nil {
			t.Fatal(err)
		}
		event("browsingContext.downloadEnd", map[string]any{"context": "c", "navigation": nil, "url": x.url, "status": "complete", "filepath": saved})
	}
	for _, x := range tests {
		name, body := x.dl.Next(t)
		if name != x.name || string(body) != x.name {
			t.Errorf("the test that downloaded %s got %s (contents %q)", x.name, name, body)
		}
	}
}
