package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/publish"
)

// startPreview starts `serve args…` in project with TMPDIR set to tmp, and
// returns it with its standard output and error; it is stopped (Ctrl+C)
// when stop is called or the test ends.
func startPreview(t *testing.T, project, tmp string, args ...string) (stop func(), stdout, stderr *lockedBuffer) {
	t.Helper()
	cmd := process(t, project, append([]string{"serve"}, args...)...)
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Errorf("serve %v did not stop on Ctrl+C", args)
		}
	}
	t.Cleanup(stop)
	return stop, stdout, stderr
}

// servingLine waits until the preview says it is serving, and checks
// that it is: the address it names answers at once.
func servingLine(t *testing.T, stdout, stderr *lockedBuffer) string {
	t.Helper()
	guard := time.Now().Add(3 * time.Minute)
	for !strings.Contains(stdout.String(), "serving ") {
		if time.Now().After(guard) {
			t.Fatalf("the preview never said it serves:\nstdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	line := stdout.String()[strings.Index(stdout.String(), "serving "):]
	line = line[:strings.IndexByte(line, '\n')]
	url := line[strings.Index(line, "http://"):]
	url = url[:strings.IndexByte(url, ' ')]
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("the preview said %q, but %s does not answer: %v", line, url, err)
	}
	res.Body.Close()
	return url
}

// pageAndStylesheet fetches the page at url, checks that it holds want
// (and not notWant), and that its stylesheet loads.
func pageAndStylesheet(t *testing.T, url, want, notWant string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), want) || (notWant != "" && strings.Contains(string(body), notWant)) {
		t.Errorf("%s: status %d; want a page with %q and without %q:\n%.1500s", url, res.StatusCode, want, notWant, body)
		return
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	sheets := doc.Find(`link[rel="stylesheet"]`)
	if sheets.Length() == 0 {
		t.Errorf("%s: no stylesheet", url)
	}
	sheets.Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		u := href
		if !strings.HasPrefix(href, "http") {
			u = url[:strings.Index(url[len("http://"):], "/")+len("http://")] + href
		}
		res, err := http.Get(u)
		if err != nil {
			t.Errorf("%s: stylesheet %s: %v", url, href, err)
			return
		}
		css, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || len(css) < 100 {
			t.Errorf("%s: stylesheet %s: status %d, %s, %d bytes", url, href, res.StatusCode, res.Header.Get("Content-Type"), len(css))
		}
	})
}

// TestPreviewsLiveApart: serve and serve -org run side by side, each
// showing its own site with its own stylesheet, rendered in folders of
// their own (public/ is never written); build then works beside them;
// both folders are gone when the previews stop. A taken port is one line
// naming the port and the fix, and a preview says it serves only once it
// does. A problem saved in the content shows on both previews' pages
// until it is put right.
func TestPreviewsLiveApart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo's server; not with -short")
	}
	project, tmp := copyProject(t), t.TempDir()

	// A taken port: one line, the port and the fix; nothing served.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	taken := l.Addr().(*net.TCPAddr).Port
	cmd := process(t, project, "serve", "-port", strconv.Itoa(taken))
	cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Errorf("serve on a taken port: %v, want exit status 1", err)
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	if last := lines[len(lines)-1]; len(lines) > 1 && strings.Contains(errOut.String(), "Usage") || !strings.Contains(last, "port "+strconv.Itoa(taken)+" is taken") || !strings.Contains(last, "-port "+strconv.Itoa(taken+1)) {
		t.Errorf("serve on a taken port said:\n%s\nwant one line naming port %d and -port", errOut.String(), taken)
	}
	if strings.Contains(out.String(), "serving") {
		t.Errorf("serve on a taken port said it serves: %s", out.String())
	}

	portSite, portOrg := projecttest.FreePort(t), projecttest.FreePort(t)
	stopSite, siteOut, siteErr := startPreview(t, project, tmp, "-port", strconv.Itoa(portSite))
	stopOrg, orgOut, orgErr := startPreview(t, project, tmp, "-org", "orgs/provincie-voorbeeld", "-port", strconv.Itoa(portOrg))
	siteURL, orgURL := servingLine(t, siteOut, siteErr), servingLine(t, orgOut, orgErr)
	check := func() {
		t.Helper()
		pageAndStylesheet(t, siteURL, "<html", `class="site-org"`)
		pageAndStylesheet(t, orgURL, `<span class="site-org">Provincie Voorbeeld</span>`, "")
	}
	check()
	if _, err := os.Stat(filepath.Join(project, "public")); err == nil {
		t.Error("a preview wrote public/, the folder build owns")
	}
	previews, _ := filepath.Glob(filepath.Join(tmp, "gesprekswijzer-preview-*"))
	if len(previews) != 2 {
		t.Errorf("two previews, %d folders of their own: %v", len(previews), previews)
	}

	// build beside them: it owns public/, and nothing is in its way.
	var bout, berr strings.Builder
	b := process(t, project, "build")
	b.Env = append(b.Env, "TMPDIR="+tmp)
	b.Stdout, b.Stderr = &bout, &berr
	if err := b.Run(); err != nil {
		t.Fatalf("build after serve: %v\n%s", err, berr.String())
	}
	if err := publish.Complete(filepath.Join(project, "public")); err != nil {
		t.Errorf("build after serve: %v", err)
	}
	check()

	// A problem in the content, saved while both run: each preview shows
	// it on its pages (the variant is made from the same content), with
	// file, line and fix, and it goes when put right.
	guide := filepath.Join(project, "content", "nl", "gesprekken", "planningsgesprek", "_index.md")
	orig, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(orig), "\ndescription = ", "\nfrobnicate = 1\ndescription = ", 1)
	if err := os.WriteFile(guide, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	line := lineOf(t, []byte(broken), "frobnicate = ")
	previewing := []struct {
		url    string
		stderr *lockedBuffer
	}{{siteURL, siteErr}, {orgURL, orgErr}}
	for _, p := range previewing {
		banner := bannerOf(t, waitForPage(t, p.url, "the problems banner", func(body string) bool {
			return strings.Contains(body, `class="preview-problems"`)
		}, p.stderr))
		for _, want := range []string{"content/nl/gesprekken/planningsgesprek/_index.md:" + strconv.Itoa(line), `unknown key "frobnicate"`, "Oplossing:"} {
			if !strings.Contains(banner.Text(), want) {
				t.Errorf("%s: the banner lacks %q:\n%s", p.url, want, banner.Text())
			}
		}
		if !strings.Contains(p.stderr.String(), `unknown key "frobnicate"`) {
			t.Errorf("%s: the terminal was not told:\n%s", p.url, p.stderr.String())
		}
	}
	if err := os.WriteFile(guide, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range previewing {
		waitForPage(t, p.url, "the page without a banner", func(body string) bool {
			return strings.Contains(body, "<html") && !strings.Contains(body, "preview-problems")
		}, p.stderr)
	}

	stopSite()
	stopOrg()
	if left, _ := filepath.Glob(filepath.Join(tmp, "gesprekswijzer*")); len(left) > 0 {
		t.Errorf("the stopped previews left %v", left)
	}
}
