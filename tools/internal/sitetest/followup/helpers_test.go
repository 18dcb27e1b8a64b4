package followup

import (
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
