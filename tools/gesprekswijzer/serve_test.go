package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestServeOrgFollowsItsFolder: serve -org shows an edit to org.toml
// without a restart; an edit with a problem is reported and the last
// sound version stays on show; a logo saved anew is shown too.
func TestServeOrgFollowsItsFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo's server; not with -short")
	}
	project := copyProject(t)
	port := sitetest.FreePort(t)
	cmd := command(t, project, "serve", "-org", "orgs/provincie-voorbeeld", "-port", strconv.Itoa(port))
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = io.Discard, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	base := "http://127.0.0.1:" + strconv.Itoa(port) + "/gesprekken/"
	// waitFor fetches page until it holds want; the guard is against a
	// hang, not a measure of speed.
	waitFor := func(page, want string) string {
		t.Helper()
		guard := time.Now().Add(2 * time.Minute)
		var body string
		for time.Now().Before(guard) {
			if res, err := http.Get(base + page); err == nil {
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if body = string(b); strings.Contains(body, want) {
					return body
				}
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Fatalf("%s never showed %q; it shows:\n%.2000s\nstderr:\n%s", page, want, body, stderr.String())
		return ""
	}
	waitFor("", `<span class="site-org">Provincie Voorbeeld</span>`)

	file := filepath.Join(project, "orgs", "provincie-voorbeeld", "org.toml")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(from, to string) {
		t.Helper()
		text = []byte(strings.Replace(string(text), from, to, 1))
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(`name = "Provincie Voorbeeld"`, `name = "Provincie Nieuwland"`)
	waitFor("", `<span class="site-org">Provincie Nieuwland</span>`)

	// An address that is not one: reported, and the last sound version
	// stays; put right, and the preview follows again.
	edit(`base_url = "https://intranet.provincie-voorbeeld.nl/gesprekken/"`, `base_url = "intranet"`)
	edit(`name = "Provincie Nieuwland"`, `name = "Provincie Fout"`)
	guard := time.Now().Add(2 * time.Minute)
	for !strings.Contains(stderr.String(), `base_url "intranet" is not an absolute http(s) address`) {
		if time.Now().After(guard) {
			t.Fatalf("the problem was never reported:\n%s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if page := waitFor("", "site-org"); !strings.Contains(page, "Provincie Nieuwland") {
		t.Errorf("a version with a problem is shown")
	}
	edit(`base_url = "intranet"`, `base_url = "https://intranet.provincie-voorbeeld.nl/gesprekken/"`)
	waitFor("", `<span class="site-org">Provincie Fout</span>`)

	// A new logo, saved over the old one.
	logo := filepath.Join(project, "orgs", "provincie-voorbeeld", "logo.svg")
	if err := os.WriteFile(logo, []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	src := regexp.MustCompile(`class="site-logo" src="/gesprekken/([^"]+)"`).FindStringSubmatch(waitFor("", "site-logo"))
	if src == nil {
		t.Fatal("no logo in the header")
	}
	waitFor(src[1], "#123456")

	// The site's files the overlay copies: an interface string (the
	// overlay's strings replace the site's) and a page that holds one of
	// the organisation's words (its copy in the overlay wins over the
	// site's). Before the preview watched them, neither edit was shown.
	editFile := func(name, from, to string) {
		t.Helper()
		path := filepath.Join(project, filepath.FromSlash(name))
		b, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(b), from) {
			t.Fatalf("%s does not hold %q: %v", name, from, err)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	editFile("i18n/nl.toml", `skip_to_content = "Direct naar de inhoud"`, `skip_to_content = "Meteen naar de inhoud"`)
	waitFor("", "Meteen naar de inhoud")
	editFile("content/nl/gesprekken/planningsgesprek/_index.md", `description = "Aan het begin van het jaar`, `description = "Bij de start van het jaar`)
	waitFor("gesprekken/planningsgesprek/", "Bij de start van het jaar")
}
