package drafts

import (
	"os"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// built is the site built once for all tests of this package.
var built string

func TestMain(m *testing.M) {
	os.Exit(sitetest.WithSite(m, &built, projecttest.BuildSite))
}
