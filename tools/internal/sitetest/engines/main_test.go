// Package engines runs what a reader does with a form once in each
// browser engine: Chromium, Firefox ESR and WebKit (sitetest.EachEngine).
// The other browser test packages run in Chromium only, with DevTools;
// these tests use only what all three engines can be driven to do, and
// where an engine lacks something the page uses or the test measures,
// they assert what the page does without it, or say that it cannot be
// measured there.
package engines

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// built is the site built once for all tests of this package.
var built string

func TestMain(m *testing.M) {
	// The tests wait on browsers far more than they compute: unless told
	// otherwise (-parallel), three run side by side, not GOMAXPROCS (2 here).
	flag.Parse()
	told := false
	flag.Visit(func(f *flag.Flag) { told = told || f.Name == "test.parallel" })
	if !told {
		flag.Set("test.parallel", "3")
	}
	os.Exit(sitetest.WithSite(m, &built, func(out string) error {
		_, err := site.Build(site.Options{Root: sitetest.RepoRoot(), Out: out})
		return err
	}, func() {
		// how long each engine's tests took
		t := sitetest.EngineTimes.M
		for _, e := range slices.Sorted(maps.Keys(t)) {
			fmt.Printf("engine %s: first test start to last test end %.1f s; %.1f s of test time in all (tests side by side each counted)\n", e, t[e].Span().Seconds(), t[e].Sum.Seconds())
		}
	}))
}

// each runs test once per engine on this package's built site.
func each(t *testing.T, test func(t *testing.T, f *sitetest.Form)) {
	t.Parallel()
	sitetest.EachEngine(t, sitetest.Serve(t, built), test)
}
