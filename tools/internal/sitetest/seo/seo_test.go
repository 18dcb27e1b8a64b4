// Package seo holds Lighthouse's own SEO verdict on the default site. It
// is a package of its own because Lighthouse is slow to start and this
// machine's browser packages are near their time limit already
// (docs/architecture.md, "Time per test package").
package seo

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// built is the default site, built once as `build` builds it.
var built string

func TestMain(m *testing.M) {
	// The command's build: config.toml's baseURL "/", no host.
	os.Exit(sitetest.WithSite(m, &built, projecttest.BuildSite))
}

// pageKinds are a page of each kind the issue names: the home page, a
// guide, its agenda, question list and form.
var pageKinds = []string{
	"", "gesprekken/planningsgesprek/", "gesprekken/planningsgesprek/agenda/",
	"gesprekken/planningsgesprek/vragen/", "gesprekken/planningsgesprek/formulier/",
}

// TestLighthouseSEODefaultSite: the pinned Lighthouse (npm lighthouse,
// SEO category only: its audits are about the page, not the machine's
// speed) gives 100 to the default site as `build` makes it (baseURL "/",
// no host, so no hreflang) on each kind of page, on mobile, Lighthouse's
// default. Lighthouse's SEO audits change from version to version; the
// tests of sitecheck/lighthouse_test.go hold the causes we know, this
// one what the pinned Lighthouse thinks of the result.
func TestLighthouseSEODefaultSite(t *testing.T) {
	base := sitetest.Serve(t, built)
	var urls []string
	for _, p := range pageKinds {
		urls = append(urls, base+"/"+p)
	}
	raw := lighthouse(t, "seo.mjs", urls, nil)
	var results map[string]struct {
		Score *float64
		Below []string
	}
	if err := json.Unmarshal(raw, &results); err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, raw)
	}
	for _, p := range pageKinds {
		r, ok := results[base+"/"+p]
		switch {
		case !ok || r.Score == nil:
			t.Errorf("/%s: Lighthouse gave no SEO score", p)
		case *r.Score < 1:
			t.Errorf("/%s: SEO %.0f, want 100; audits below 100:\n\t%s", p, *r.Score*100, strings.Join(r.Below, "\n\t"))
		default:
			t.Logf("/%s: SEO 100", p)
		}
	}
}

// lighthouse runs one of testdata's Lighthouse scripts on urls in the
// machine's Chromium, with env added to the environment, and returns
// what it printed.
func lighthouse(t testing.TB, script string, urls, env []string) []byte {
	t.Helper()
	projecttest.NodeModule(t, "lighthouse/core/index.js")
	projecttest.NodeModule(t, "chrome-launcher/package.json")
	node, err := exec.LookPath("node")
	if err != nil {
		sitetest.Unavailable(t, "node is missing (apt-get install nodejs)")
	}
	chromium := sitetest.Chromium(t)
	path, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	// Stopped a minute before the test's deadline, if it comes to that,
	// with SIGTERM, on which the script takes its Chromium along (a
	// test that times out runs no cleanup, and a killed node would leave
	// Chromium running).
	ctx := context.Background()
	if tt, ok := t.(*testing.T); ok {
		if deadline, ok := tt.Deadline(); ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, deadline.Add(-time.Minute))
			defer cancel()
		}
	}
	cmd := exec.CommandContext(ctx, node, append([]string{path}, urls...)...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	cmd.Env = append(append(os.Environ(), "CHROME_PATH="+chromium), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, stderr.String())
	}
	return raw
}
