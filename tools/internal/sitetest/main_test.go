package sitetest

import (
	"os"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// built is the site built once for all tests of this package.
var built string

func TestMain(m *testing.M) {
	os.Exit(WithSite(m, &built, projecttest.BuildSite))
}
