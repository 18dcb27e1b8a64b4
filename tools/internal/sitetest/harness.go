// Package sitetest is the harness of the tests of the built site, in the
// manner of net/http/httptest: serving a built folder, one headless
// Chromium shared by a package's tests (each in a browser context of its
// own, see Browser and Main), a driver for the forms (Form), printing to
// PDF, axe-core, and parsing built pages. It imports no part of the
// build: each test package builds the site itself, once (WithSite),
// with the command if it needs nothing else of the tool
// (projecttest.BuildSite), so that its test binary does not link Hugo.
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
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

// RequireEnv names the environment variable that makes browser and HTML
// checker tests required (testenv's).
const RequireEnv = testenv.RequireEnv

// Unavailable skips the test with why, or fails it when the test is
// required: testenv.Unavailable, the one guard.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	testenv.Unavailable(t, why)
}

// Chromium returns the full Chromium browser, from $CHROMIUM or the
// usual names: Lighthouse measures with it, as a reader's browser loads
// the page.
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

// DrivenChromium returns the Chromium the tests drive: $CHROMIUM if set,
// else Debian's chromium-headless-shell (Chromium's headless build, the
// same Blink and V8 without the browser's windows and toolbars), else
// the full browser (Chromium). The full browser draws its own window
// frame for every test's window: on this 2-core machine that took 96 of
// the 114 s of CPU of the forms package's tests, against 10 of 46 s for
// the headless shell (the pages' own work, in the renderers, is the same).
func DrivenChromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium-headless-shell"); err == nil {
		// Debian's /usr/bin/chromium-headless-shell is a shell script that
		// runs the browser as its child rather than in its place (no
		// exec): stopping what the tests started stopped the script, and
		// the browser lived on. Every test package left one behind, its
		// processes holding inotify instances until the user's 128 were
		// gone, and Hugo's previews in the command's tests then watched
		// nothing (seen in CI, issue 18). The browser is driven itself
		// where Debian puts it; browserOptions stops any other's whole
		// process group.
		if real, err := exec.LookPath(debianHeadlessShell); err == nil {
			return real
		}
		return p
	}
	return Chromium(t)
}

// debianHeadlessShell is where Debian's package chromium-headless-shell
// puts the browser its /usr/bin script starts.
const debianHeadlessShell = "/usr/lib/chromium/chromium-headless-shell"

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
