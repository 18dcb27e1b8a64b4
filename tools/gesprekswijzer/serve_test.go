package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// TestServeOrgFollowsItsFolder: serve -org shows an edit to org.toml
// without a restart; an edit with a problem is reported, in the terminal
// and in a banner on the page (file, line, fix, escaped), and the last
// sound version stays on show; put right, the banner goes; a logo saved
// anew is shown too.
func TestServeOrgFollowsItsFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo's server; not with -short")
	}
	project, base, stderr := startServeOrg(t)
	// waitFor fetches page until it holds want; the guard is against a
	// hang, not a measure of speed.
	waitFor := func(page, want string) string {
		t.Helper()
		return waitForPage(t, base+page, want, func(body string) bool { return strings.Contains(body, want) }, stderr)
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
	// The address holds markup: the banner must show it as text.
	edit(`base_url = "https://intranet.provincie-voorbeeld.nl/gesprekken/"`, `base_url = "<em>intranet</em>"`)
	edit(`name = "Provincie Nieuwland"`, `name = "Provincie Fout"`)
	guard := time.Now().Add(2 * time.Minute)
	for !strings.Contains(stderr.String(), `base_url "<em>intranet</em>" is not an absolute http(s) address`) {
		if time.Now().After(guard) {
			t.Fatalf("the problem was never reported:\n%s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	line := lineOf(t, text, "base_url = ")
	page := waitFor("", `class="preview-problems"`)
	banner := bannerOf(t, page)
	for _, want := range []string{
		"orgs/provincie-voorbeeld/org.toml:" + strconv.Itoa(line),
		`base_url "<em>intranet</em>" is not an absolute http(s) address`,
		"write the full address",
		"De pagina toont de laatste versie zonder problemen.",
	} {
		if !strings.Contains(banner.Text(), want) {
			t.Errorf("the banner lacks %q:\n%s", want, banner.Text())
		}
	}
	if banner.Find("em").Length() > 0 || banner.Find(`[role="alert"]`).Length() != 1 {
		t.Errorf("the banner is not one escaped alert:\n%s", page)
	}
	if !strings.Contains(page, `<span class="site-org">Provincie Nieuwland</span>`) {
		t.Errorf("a version with a problem is shown")
	}
	edit(`base_url = "<em>intranet</em>"`, `base_url = "https://intranet.provincie-voorbeeld.nl/gesprekken/"`)
	// Put right: the new version, and no banner (two config files
	// change, so a page may briefly have one without the other).
	waitForPage(t, base, "the new name without a banner", func(body string) bool {
		return strings.Contains(body, `<span class="site-org">Provincie Fout</span>`) && !strings.Contains(body, "preview-problems")
	}, stderr)

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

// startServeOrg starts serve -org on a copy of the project, for the
// provincie-voorbeeld organisation, and stops it when t ends. It returns
// the copy, the address of the organisation's home page and what the
// preview prints to standard error.
func startServeOrg(t *testing.T) (project, base string, stderr *lockedBuffer) {
	t.Helper()
	project = copyProject(t)
	port := strconv.Itoa(projecttest.FreePort(t))
	_, _, stderr = startPreview(t, project, t.TempDir(), "-org", "orgs/provincie-voorbeeld", "-port", port)
	return project, "http://127.0.0.1:" + port + "/gesprekken/", stderr
}

// TestServeOrgSurvivesQuickEdits: an organisation's preview follows a
// file saved again while Hugo is still reloading the last save. Hugo's
// server deadlocked there (its watcher held the build lock and waited for
// the rebuild, which waited for the lock; see hugo.Serve), and from then
// on served the same pages however often the file changed: in CI the
// banner of a problem put right stayed for two minutes. Each edit here is
// saved as soon as the preview has taken the one before and written its
// overlay, so Hugo is reloading when the next one comes: before the fix
// the preview froze within the first three edits.
func TestServeOrgSurvivesQuickEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo's server; not with -short")
	}
	project, base, output := startServeOrg(t)
	waitForPage(t, base, "the organisation's name", func(body string) bool {
		return strings.Contains(body, `<span class="site-org">Provincie Voorbeeld</span>`)
	}, output)
	file := filepath.Join(project, "orgs", "provincie-voorbeeld", "org.toml")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const edits = 8
	name := "Provincie Voorbeeld"
	for i := 1; i <= edits; i++ {
		next := fmt.Sprintf("Provincie Versie %d", i)
		text = []byte(strings.Replace(string(text), `name = "`+name+`"`, `name = "`+next+`"`, 1))
		name = next
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
		// Taken: the preview says so once per edit it has written to
		// the overlay Hugo watches.
		guard := time.Now().Add(2 * time.Minute)
		for strings.Count(output.String(), "or the site changed; showing it") < i {
			if time.Now().After(guard) {
				t.Fatalf("edit %d was never taken:\n%s", i, output.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitForPage(t, base, "the last name, "+name, func(body string) bool {
		return strings.Contains(body, `<span class="site-org">`+name+`</span>`)
	}, output)
}

// waitForPage fetches url until ok holds for its body, and returns the
// body; what says what is waited for. The guard is against a hang, not a
// measure of speed.
func waitForPage(t *testing.T, url, what string, ok func(string) bool, stderr *lockedBuffer) string {
	t.Helper()
	guard := time.Now().Add(2 * time.Minute)
	var body string
	for time.Now().Before(guard) {
		if res, err := http.Get(url); err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if body = string(b); ok(body) {
				return body
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s never showed %s; it shows:\n%.2000s\nstderr:\n%s", url, what, body, stderr.String())
	return ""
}

// bannerOf is the problems banner of a preview's page.
func bannerOf(t *testing.T, page string) *goquery.Selection {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	banner := doc.Find("section.preview-problems")
	if banner.Length() != 1 {
		t.Fatalf("%d problem banners in the page, want 1", banner.Length())
	}
	return banner
}

// lineOf is the 1-based line of text that starts with prefix.
func lineOf(t *testing.T, text []byte, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(string(text), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}
