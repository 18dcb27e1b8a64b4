// Package testenv is the one place where a test may be skipped: when what
// it needs (a browser, a checker, the seed texts) is missing on a
// developer's machine. CI sets RequireEnv, and the same test then fails,
// so that nothing skipped passes there for green. It imports nothing of
// the product, so any test can use it.
package testenv

import (
	"os"
	"testing"
)

// RequireEnv, when set (.ci/run sets it), makes every missing tool a failure.
const RequireEnv = "GESPREKSWIJZER_REQUIRE_BROWSER"

// Unavailable skips the test with why, or fails it when the test is required.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("%s, and %s is set: this test is required here (install what is missing, as .ci/run does)", why, RequireEnv)
	}
	t.Skipf("skipped: %s (set %s=1 to make this a failure; .ci/run does)", why, RequireEnv)
}
