package serverconfig_test

import (
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/project"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/serverconfig"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

// The organisation whose variant the real servers serve: two languages
// (so two 404 pages) under a sub-path.
const fixtureOrg = "orgs/grenslanders"

// fixture is built once per test binary, on first use.
var fixture struct {
	once     sync.Once
	err      error
	work     string // temporary; readable by the unprivileged servers
	exe      string // the gesprekswijzer command
	site     string // the built variant, plus the files addFixtures adds
	basePath string // its path on the host, e.g. /gesprekswijzer/
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.work != "" {
		os.RemoveAll(fixture.work)
	}
	os.Exit(code)
}

// built returns the command and the built variant, building them (as a
// user would, with the command as a subprocess) the first time.
func built(t testing.TB) (exe, site, basePath string) {
	t.Helper()
	f := &fixture
	f.once.Do(func() {
		if f.work, f.err = os.MkdirTemp("", "gesprekswijzer-serverconfig-"); f.err != nil {
			return
		}
		if f.exe, f.err = projecttest.BuildCommand(f.work); f.err != nil {
			return
		}
		out := filepath.Join(f.work, "variants")
		if _, f.err = projecttest.RunCommand(f.exe, "variants", "-o", out, fixtureOrg); f.err != nil {
			return
		}
		f.site = filepath.Join(out, "grenslanders")
		proj, o, err := project.Org(projecttest.RepoRoot(), filepath.Join(projecttest.RepoRoot(), fixtureOrg))
		if err != nil {
			f.err = fmt.Errorf("loading %s: %v", fixtureOrg, err)
			return
		}
		s, problems := serverconfig.ForOrg(proj.Site.Config, o)
		if len(problems) > 0 {
			f.err = fmt.Errorf("%s: %v", fixtureOrg, problems)
			return
		}
		f.basePath = s.BasePath
		if f.err = addFixtures(f.site); f.err != nil {
			return
		}
		f.err = readable(f.work)
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	if f.basePath == "/" {
		t.Fatalf("%s must have a sub-path base_url for these tests", fixtureOrg)
	}
	return f.exe, f.site, f.basePath
}

// addFixtures adds what the built site does not have but a server must
// serve right: files of the types the forms download or may get. It also
// makes sure the build has what the tests look for: a script fingerprinted
// by Hugo's pipeline (resources.Fingerprint).
func addFixtures(site string) error {
	scripts, err := filepath.Glob(filepath.Join(site, "js", "*.js"))
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(scripts, hashedName.MatchString) {
		return fmt.Errorf("the built site has no fingerprinted script in js/ (found %v)", scripts)
	}
	files := map[string]string{
		"fixture/agenda.ics":       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
		"fixture/draft.json":       `{"app":"gesprekswijzer"}`,
		"fixture/site.webmanifest": `{"name":"Gesprekswijzer"}`,
		// What must never be served: a lock file, a hidden folder's file
		// (the output's marker is there already).
		".x.lock":                    "",
		"fixture/.hidden/secret.txt": "secret",
		".well-known/security.txt":   "Contact: mailto:security@example.org\n",
	}
	for name, body := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readable lets every user read dir and what is in it (the servers run
// as nobody when the tests run as root, as in CI).
func readable(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		mode := info.Mode().Perm() | 0o444
		if d.IsDir() {
			mode |= 0o111
		}
		return os.Chmod(p, mode)
	})
}

// generate runs `server-config` for the fixture and returns the file.
func generate(t testing.TB, server, dir string, extra ...string) string {
	t.Helper()
	exe, site, _ := built(t)
	file := filepath.Join(dir, "generated-"+server+".conf")
	args := append([]string{"server-config", server, "-org", fixtureOrg, "-root", site, "-o", file}, extra...)
	if _, err := projecttest.RunCommand(exe, args...); err != nil {
		t.Fatal(err)
	}
	return file
}

// program finds a server's executable, or skips (fails in CI) naming the
// Debian package.
func program(t testing.TB, name, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
		if p := filepath.Join(dir, name); isFile(p) {
			return p
		}
	}
	testenv.Unavailable(t, name+" is not installed (apt-get install "+pkg+"; .ci/run does)")
	return ""
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// runDir makes a folder for a server's configuration, logs and pid file
// that the unprivileged server can write.
func runDir(t testing.TB, name string) string {
	t.Helper()
	built(t)
	dir, err := os.MkdirTemp(fixture.work, name+"-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// start runs a server in the foreground as an unprivileged process (as
// nobody when the test runs as root), waits until it answers on port, and
// stops it, with every process it started, when the test ends.
func start(t testing.TB, dir string, port int, argv ...string) string {
	t.Helper()
	logFile := filepath.Join(dir, "output.log")
	logw, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logw, logw
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if os.Geteuid() == 0 {
		uid, gid := nobody()
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uid, Gid: gid}
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", argv[0], err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); logw.Close() }()
	t.Cleanup(func() {
		// The server's own process group: it and the workers it started.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	origin := "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case err := <-exited:
			out, _ := os.ReadFile(logFile)
			t.Fatalf("%s stopped at once (%v):\n%s", argv[0], err, out)
		default:
		}
		if resp, err := http.Get(origin + "/"); err == nil {
			resp.Body.Close()
			return origin
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(logFile)
			t.Fatalf("%s does not answer on port %d:\n%s", argv[0], port, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func nobody() (uid, gid uint32) {
	uid, gid = 65534, 65534
	if u, err := user.Lookup("nobody"); err == nil {
		if n, err := strconv.ParseUint(u.Uid, 10, 32); err == nil {
			uid = uint32(n)
		}
		if n, err := strconv.ParseUint(u.Gid, 10, 32); err == nil {
			gid = uint32(n)
		}
	}
	return uid, gid
}

// startNginx serves the fixture with nginx and the generated location
// blocks, included in a server block as the generated file's comment says.
func startNginx(t testing.TB) string {
	exe := program(t, "nginx", "nginx")
	dir := runDir(t, "nginx")
	site := generate(t, "nginx", dir)
	port := projecttest.FreePort(t)
	conf := filepath.Join(dir, "nginx.conf")
	write(t, conf, fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d;
        include %[3]s;
    }
}
`, dir, port, site))
	return start(t, dir, port, exe, "-e", filepath.Join(dir, "error.log"), "-p", dir, "-c", conf)
}

// startApache serves the fixture with Apache httpd: a minimal main
// configuration (the modules the generated file names, no mime.types, so
// the types are the generated file's own) that includes the generated one.
func startApache(t testing.TB) string {
	exe := program(t, "apache2", "apache2")
	modules := "/usr/lib/apache2/modules"
	if !isFile(filepath.Join(modules, "mod_headers.so")) {
		testenv.Unavailable(t, "Apache's modules are not in "+modules+" (apt-get install apache2)")
	}
	dir := runDir(t, "apache")
	site := generate(t, "apache", dir)
	port := projecttest.FreePort(t)
	var load strings.Builder
	for _, m := range []string{"mpm_event", "authz_core", "alias", "dir", "mime", "headers"} {
		fmt.Fprintf(&load, "LoadModule %s_module %s/mod_%s.so\n", m, modules, m)
	}
	conf := filepath.Join(dir, "httpd.conf")
	write(t, conf, fmt.Sprintf(`ServerRoot %[1]s
DefaultRuntimeDir %[1]s
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/error.log
LogLevel warn
Listen 127.0.0.1:%[2]d
ServerName 127.0.0.1
TypesConfig /dev/null
%[3]s<Directory />
    AllowOverride None
    Require all denied
</Directory>
Include %[4]s
`, dir, port, load.String(), site))
	return start(t, dir, port, exe, "-f", conf, "-DFOREGROUND")
}

func write(t testing.TB, name, body string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNginxServesVariant(t *testing.T)  { checkServer(t, startNginx(t)) }
func TestApacheServesVariant(t *testing.T) { checkServer(t, startApache(t)) }

// What every response must carry, written out here rather than taken from
// the package, so that a change there has to convince this test.
var (
	wantCommon = map[string]string{
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
		"X-Frame-Options":              "DENY",
	}
	wantDenied   = []string{"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "display-capture"}
	wantTypes    = map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".ics": "text/calendar; charset=utf-8", ".json": "application/json", ".webmanifest": "application/manifest+json"}
	svgPolicy    = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
	filePolicy   = "default-src 'none'; frame-ancestors 'none'; sandbox"
	hashedName   = regexp.MustCompile(serverconfig.FingerprintedPattern)
	versionDigit = regexp.MustCompile(`[0-9]`)
)

// checkServer asks the server at origin for every file of the built
// variant and for paths that do not exist, and checks status, type, body
// and headers.
func checkServer(t *testing.T, origin string) {
	_, site, base := built(t)
	files, hashed := 0, 0
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // hidden: checked below, must be 404
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(site, p)
		urlPath := base + filepath.ToSlash(rel)
		if path.Base(urlPath) == "index.html" {
			urlPath = strings.TrimSuffix(urlPath, "index.html")
		}
		want, _ := os.ReadFile(p)
		files++
		if hashedName.MatchString(urlPath) {
			hashed++
		}
		checkResponse(t, origin+urlPath, http.StatusOK, want, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 || hashed == 0 {
		t.Fatalf("checked %d files, %d fingerprinted: the fixture is not what this test expects", files, hashed)
	}
	notFound := filepath.Join(site, "404.html")
	notFoundDE := filepath.Join(site, "de", "404.html")
	for urlPath, page := range map[string]string{
		base + "no-such-page/":       notFound,
		base + "gesprekken/no-such/": notFound,
		base + "no-such.svg":         notFound,
		base + "js/no-such.js":       notFound,
		base + "css/":                notFound, // a folder without index.html: not listed
		base + "de/no-such-page/":    notFoundDE,
		base + "de/no-such.html":     notFoundDE,
		// Nothing whose name starts with a dot is served: the marker
		// lists every file and the input digest, a lock file is the
		// operator's; neither is the organisation's site.
		base + serverconfigMarker:              notFound,
		base + "%2Egesprekswijzer-output.json": notFound,
		base + ".x.lock":                       notFound,
		base + "fixture/.hidden/secret.txt":    notFound,
		base + "fixture/%2ehidden/secret.txt":  notFound,
		base + ".well-known/security.txt":      notFound,
		base + "de/.x.lock":                    notFoundDE,
	} {
		want, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		checkResponse(t, origin+urlPath, http.StatusNotFound, want, page)
	}
	// The base path without its slash leads to the site.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(origin + strings.TrimSuffix(base, "/"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(loc, base) {
		t.Errorf("%s: %d to %q, want 301 to %s", strings.TrimSuffix(base, "/"), resp.StatusCode, loc, base)
	}
	// The redirect carries the same security headers as a page.
	for name, value := range wantCommon {
		checkHeader(t, origin+strings.TrimSuffix(base, "/"), resp.Header, name, value)
	}
	if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors 'none'") {
		t.Errorf("%s: the redirect's Content-Security-Policy is %q, want the pages' policy", strings.TrimSuffix(base, "/"), got)
	}
	if vs := resp.Header.Values("Permissions-Policy"); len(vs) != 1 {
		t.Errorf("%s: the redirect has %d Permissions-Policy headers, want 1", strings.TrimSuffix(base, "/"), len(vs))
	}
}

// serverconfigMarker is the name of the marker every output holds
// (publish.Marker), written out so that a rename has to convince this test.
const serverconfigMarker = ".gesprekswijzer-output.json"

// checkResponse gets url and checks its status, body, type and headers;
// file is the file whose content is expected (for an HTML response, its
// meta tag gives the policy the header must repeat).
func checkResponse(t *testing.T, url string, status int, want []byte, file string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != status {
		t.Errorf("%s: status %d, want %d", url, resp.StatusCode, status)
		return
	}
	if string(body) != string(want) {
		t.Errorf("%s: the body is not %s", url, file)
	}
	ext := path.Ext(file)
	if wantType, ok := wantTypes[ext]; !ok {
		t.Errorf("%s: the test knows no type for %s files; add it to wantTypes and the server types", url, ext)
	} else if !sameType(resp.Header.Get("Content-Type"), wantType) {
		t.Errorf("%s: Content-Type %q, want %q", url, resp.Header.Get("Content-Type"), wantType)
	}
	h := resp.Header
	for name, value := range wantCommon {
		checkHeader(t, url, h, name, value)
	}
	if vs := h.Values("Permissions-Policy"); len(vs) != 1 {
		t.Errorf("%s: %d Permissions-Policy headers, want 1", url, len(vs))
	} else {
		for _, f := range wantDenied {
			if !strings.Contains(", "+vs[0]+",", ", "+f+"=(),") {
				t.Errorf("%s: Permissions-Policy %q does not deny %s", url, vs[0], f)
			}
		}
	}
	if s := h.Get("Server"); versionDigit.MatchString(s) {
		t.Errorf("%s: Server header %q gives the version away", url, s)
	}
	policy, cache := filePolicy, "no-cache"
	switch {
	case ext == ".html":
		policy = metaPolicy(t, want, file) + "; frame-ancestors 'none'"
	case ext == ".svg":
		policy = svgPolicy
	case hashedName.MatchString(url):
		cache = "public, max-age=31536000, immutable"
	}
	checkHeader(t, url, h, "Content-Security-Policy", policy)
	checkHeader(t, url, h, "Cache-Control", cache)
}

func checkHeader(t *testing.T, url string, h http.Header, name, want string) {
	t.Helper()
	switch vs := h.Values(name); {
	case len(vs) != 1:
		t.Errorf("%s: %d %s headers %q, want one: %q", url, len(vs), name, vs, want)
	case vs[0] != want:
		t.Errorf("%s: %s %q, want %q", url, name, vs[0], want)
	}
}

// sameType compares media types and charsets, ignoring case and spacing.
func sameType(got, want string) bool {
	gt, gp, err1 := mime.ParseMediaType(got)
	wt, wp, err2 := mime.ParseMediaType(want)
	return err1 == nil && err2 == nil && gt == wt && strings.EqualFold(gp["charset"], wp["charset"]) && len(gp) == len(wp)
}

// metaPolicy is the Content-Security-Policy of a built page's meta tag.
func metaPolicy(t *testing.T, page []byte, file string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	metas := doc.Find(`meta[http-equiv="Content-Security-Policy"]`)
	if metas.Length() != 1 {
		t.Fatalf("%s: %d Content-Security-Policy meta tags, want 1", file, metas.Length())
	}
	return metas.AttrOr("content", "")
}
