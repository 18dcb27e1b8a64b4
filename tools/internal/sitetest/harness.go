// Package sitetest tests the built site as its readers meet it: the HTML
// structure with an HTML parser, the page budget, HTML validity with the Nu
// Html Checker, and printing, accessibility and requests in a real browser.
//
// The site is built once per test binary (see TestMain) into a temporary
// directory. Tests that need Chromium or Java skip with a message on a
// developer's machine without them, but fail when GESPREKSWIJZER_REQUIRE_BROWSER
// is set, as .ci/run does: in CI they never skip.
package sitetest

import (
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// RequireEnv names the environment variable that makes browser and HTML
// checker tests required.
const RequireEnv = "GESPREKSWIJZER_REQUIRE_BROWSER"

// RepoRoot is the repository root, found from this file's location.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// FreePort asks the system for a TCP port on 127.0.0.1 that nobody
// listens on.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Files reads every file under dir, by slash-separated path relative to
// it: a built site, to compare with another byte for byte.
func Files(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil {
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Unavailable skips the test with why, or fails it when the test is required.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("%s, and %s is set: this test is required here (install what is missing, as .ci/run does)", why, RequireEnv)
	}
	t.Skipf("skipped: %s (set %s=1 to make this a failure; .ci/run does)", why, RequireEnv)
}

// Chromium returns the browser to drive, from $CHROMIUM or the usual names.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Unavailable(t, "no Chromium found (apt-get install chromium, or set CHROMIUM)")
	return ""
}

// NodeModule returns the path of a file installed by npm ci, or skips.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Unavailable(t, "node_modules/"+rel+" is missing (run npm ci)")
	}
	return p
}

// Serve serves dir on 127.0.0.1 for the test's duration and returns its
// base URL, without a trailing slash.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}
