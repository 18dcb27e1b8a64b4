package forms

import (
	"regexp"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// newFormDriver drives this package's built site in a browser context of
// its own.
func newFormDriver(t *testing.T) *sitetest.Form {
	return sitetest.NewForm(t, sitetest.Serve(t, built))
}

// formPages returns the built form pages by site path.
func formPages(t *testing.T) map[string]*sitetest.Page { return sitetest.FormPages(t, built) }

// serveWithFormVersion serves the built site with one form page claiming
// a higher form version (see sitetest.ServeWithFormVersion).
func serveWithFormVersion(t *testing.T, path string, version int) string {
	return sitetest.ServeWithFormVersion(t, built, path, version)
}

// fingerprintHex is a seal as the page keeps it: SHA-256 in hex.
var fingerprintHex = regexp.MustCompile(`^[0-9a-f]{64}$`)
