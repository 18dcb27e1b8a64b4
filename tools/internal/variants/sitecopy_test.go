package variants

import (
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// copySite copies what a build reads of the site into a temporary
// folder, for a test that changes it.
func copySite(t *testing.T) string { return sitetest.CopyProject(t) }
