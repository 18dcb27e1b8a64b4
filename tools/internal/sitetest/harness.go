// Package sitetest is the harness of the tests of the built site, in the
// manner of net/http/httptest: serving a built folder, one headless
// Chromium shared by a package's tests (each in a browser context of its
// own, see Browser and Main), a driver for the forms (Form), printing to
// PDF, axe-core, and parsing built pages. It imports no part of the
// build: each test package builds the site itself, once (WithSite).
//
// The tests are in packages by theme, so that go test runs them side by
// side and no package takes long: sitecheck (the built site's structure,
// budget, validity, links and printing, and a new method joining it),
// pages (accessibility, phones, layout shifts, the print button), forms
// (filling, files, errors, earlier versions), drafts (named drafts of
// version 1, two tabs, full storage, fast typing), followup (follow-ups,
// calendar, printing a form, "My conversations"), and this package's own
// tests: sign-off, merge and the shared summary.
//
// Tests that need Chromium or Java skip with a message on a developer's
// machine without them, but fail when GESPREKSWIJZER_REQUIRE_BROWSER is
// set, as .ci/run does: in CI they never skip.
package sitetest

import (
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

// RequireEnv names the environment variable that makes browser and HTML
// checker tests required (testenv's).
const RequireEnv = testenv.RequireEnv

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

// Unavailable skips the test with why, or fails it when the test is
// required: testenv.Unavailable, the one guard.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	testenv.Unavailable(t, why)
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

// SRI returns the Subresource Integrity value (sha384) of a file, as
// Hugo's resources.Fingerprint writes it.
func SRI(t testing.TB, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha512.Sum384(b)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// CopyProject copies the project into a new temporary folder for a test
// that changes it: everything a build or a check reads (configuration,
// content, layouts, assets, static files, interface strings, docs, the
// organisations), but not version control, installed packages, the tools'
// source or build output. It returns the copy's root.
func CopyProject(t testing.TB) string {
	t.Helper()
	repo := RepoRoot()
	dst := filepath.Join(t.TempDir(), "project")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || name == "tools" || name == "node_modules" || name == "resources" || strings.HasPrefix(name, "public") {
			continue
		}
		src := filepath.Join(repo, name)
		switch {
		case e.IsDir():
			err = os.CopyFS(filepath.Join(dst, name), os.DirFS(src))
		case e.Type().IsRegular():
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(dst, name), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// WithSite runs a test package's tests (see Main) with a site that build
// makes once, into a new temporary folder, before the first test: *dir
// is set to it, and it is removed after the last. It returns the exit
// code for os.Exit. Each test package builds its own site (a build takes
// seconds), so packages run side by side without waiting for each other.
// Each of after, if any, runs once the tests are done.
func WithSite(m *testing.M, dir *string, build func(out string) error, after ...func()) int {
	tmp, err := os.MkdirTemp("", "gesprekswijzer-site-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "public")
	if err := build(out); err != nil {
		fmt.Fprintln(os.Stderr, "building the site for the tests failed:", err)
		return 1
	}
	*dir = out
	code := Main(m)
	for _, f := range after {
		f()
	}
	return code
}
