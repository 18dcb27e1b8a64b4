// Package seo holds Lighthouse's own SEO verdict on the default site. It
// is a package of its own because Lighthouse is slow to start and this
// machine's browser packages are near their time limit already (README,
// "Layout").
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

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// built is the default site, built once as `build` builds it.
var built string

func TestMain(m *testing.M) {
	os.Exit(sitetest.WithSite(m, &built, func(out string) error {
		// No BaseURL: config.toml's "/", no host, as a default build.
		_, err := site.Build(site.Options{Root: sitetest.RepoRoot(), Out: out})
		return err
	}))
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
	sitetest.NodeModule(t, "lighthouse/core/index.js")
	sitetest.NodeModule(t, "chrome-launcher/package.json")
	node, err := exec.LookPath("node")
	if err != nil {
		sitetest.Unavailable(t, "node is missing (apt-get install nodejs)")
	}
	chromium := sitetest.Chromium(t)
	base := sitetest.Serve(t, built)
	script, err := filepath.Abs(filepath.Join("testdata", "seo.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{script}
	for _, p := range pageKinds {
		args = append(args, base+"/"+p)
	}
	// Stopped a minute before the test's deadline, if it comes to that,
	// with SIGTERM, on which the script takes its Chromium along (a
	// test that times out runs no cleanup, and a killed node would leave
	// Chromium running).
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-time.Minute))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 20 * time.Second
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, stderr.String())
	}
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
