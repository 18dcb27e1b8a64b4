package pages

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// formPages returns the built form pages by site path.
func formPages(t *testing.T) map[string]*sitetest.Page { return sitetest.FormPages(t, built) }
