package sitetest

import (
	"fmt"
	"os"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/site"
)

// built is the site built once for all tests of this package.
var built string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gesprekswijzer-site-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := dir + "/public"
	if _, err := site.Build(site.Options{Root: RepoRoot(), Out: out}); err != nil {
		fmt.Fprintln(os.Stderr, "building the site for the tests failed:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	built = out
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
