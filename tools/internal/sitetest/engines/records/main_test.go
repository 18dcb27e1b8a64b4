package records

import (
	"os"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// The record two people make in turn (merge, sign-off) in every engine:
// a package of its own beside engines/files, so that each stays well
// within go test's time per package on a busy 2-core machine (files took
// 220-235 s there with these tests in it).

// built is the site built once for all tests of this package.
var built string

func TestMain(m *testing.M) {
	os.Exit(sitetest.EngineMain(m, &built, projecttest.BuildSite))
}
