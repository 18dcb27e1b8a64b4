package serverconfig_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/serverconfig"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                                   "/",
		"":                                    "/",
		"https://intranet.example.org":        "/",
		"https://intranet.example.org/":       "/",
		"https://intranet.example.org/hr":     "/hr/",
		"http://host:8080/a/b-c/d_e.f~g/":     "/a/b-c/d_e.f~g/",
		"/gesprekken":                         "/gesprekken/",
		"https://intranet.example.org/Hr/Gw/": "/Hr/Gw/",
	} {
		got, err := serverconfig.BasePath(in)
		if err != nil || got != want {
			t.Errorf("BasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"https://host/a/../b/", "https://host/./", "https://host/a b/", "https://host/a%20b/",
		`https://host/a"b/`, "https://host/a'b/", "https://host/$x/", "https://host/{x}/",
		"https://host/a;b/", "https://host/a/?q=1", "https://host/a/#top", "ftp://host/a/",
		"https://user@host/a/", "javascript:alert(1)", "https://host//a/", "https://host/.hidden/",
		"https://host/a\\b/", "https://host/%0a/",
	} {
		if got, err := serverconfig.BasePath(in); err == nil {
			t.Errorf("BasePath(%q) = %q, want an error", in, got)
		}
	}
}

// FuzzBasePath: whatever base URL comes in, an accepted path holds only
// characters no server syntax gives a meaning to, and no dot segment.
func FuzzBasePath(f *testing.F) {
	for _, s := range []string{"/", "https://h/a/b/", "/a/../b", "https://h/a%2e%2e/", `/"x`} {
		f.Add(s)
	}
	safe := regexp.MustCompile(`^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$`)
	f.Fuzz(func(t *testing.T, in string) {
		p, err := serverconfig.BasePath(in)
		if err != nil {
			return
		}
		if !safe.MatchString(p) || strings.Contains(p, "/../") || strings.Contains(p, "/./") {
			t.Fatalf("BasePath(%q) accepted %q", in, p)
		}
	})
}

func TestCheckRoot(t *testing.T) {
	for _, ok := range []string{"/srv/gesprekswijzer", "/var/www/HR site/gw", "C:/inetpub/wwwroot/gw", "/srv/a_b-c.d+e@f~g,h", "/home/hr/site", "/var/www", "/tmp/gw", "/data"} {
		if err := serverconfig.CheckRoot(ok); err != nil {
			t.Errorf("CheckRoot(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{
		"srv/gw", "", "/srv/../etc", "/srv/./gw", `/srv/"gw`, "/srv/'gw", "/srv/gw\nlocation / {", "/srv/$document_root",
		"/srv/${HOME}", "/srv/{path}", "/srv/gw;", `C:\inetpub\gw`, "/srv/%00", "/srv/gw#x", "/srv//gw", "/srv/gw ",
		// The file system's root and the system's folders: the server
		// would serve every file in them (-root / served /etc/passwd).
		"/", "C:/", "/etc", "/etc/", "/usr", "/bin", "/var", "/home", "/root", "/tmp", "/srv", "/Users",
		"C:/Windows", "c:/users", "/etc/nginx", "/proc/self", "/root/site", "/sys/kernel", "/dev/shm",
	} {
		if err := serverconfig.CheckRoot(bad); err == nil {
			t.Errorf("CheckRoot(%q) accepted it", bad)
		}
	}
}

func TestClassOf(t *testing.T) {
	hash := strings.Repeat("0123456789abcdef", 4)
	for path, want := range map[string]serverconfig.Class{
		"/gw/":                                         serverconfig.HTML,
		"/gw/de/404.html":                              serverconfig.HTML,
		"/gw/org/logo.svg":                             serverconfig.SVG,
		"/gw/css/site." + hash + ".css":                serverconfig.Fingerprinted,
		"/gw/js/form." + hash + ".js":                  serverconfig.Fingerprinted,
		"/gw/js/form.js":                               serverconfig.Other,
		"/gw/js/form." + hash[:63] + ".js":             serverconfig.Other,
		"/gw/js/form." + hash + "0.js":                 serverconfig.Other,
		"/gw/js/form.min." + hash + hash[:32] + ".js":  serverconfig.Fingerprinted, // SHA-384, as the site's pipeline writes
		"/gw/js/form." + hash + hash + ".js":           serverconfig.Fingerprinted, // SHA-512
		"/gw/js/form." + hash + hash[:40] + ".js":      serverconfig.Other,
		"/gw/img/x." + hash + ".png":                   serverconfig.Other,
		"/gw/robots.txt":                               serverconfig.Other,
		"/gw/js/form." + strings.ToUpper(hash) + ".js": serverconfig.Other,
	} {
		if got := serverconfig.ClassOf(path); got != want {
			t.Errorf("ClassOf(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestPolicyIsConfigs: the policy comes from config.toml, and the header
// adds frame-ancestors, which the meta tag must not hold.
func TestPolicyIsConfigs(t *testing.T) {
	s, problems, err := serverconfig.Load(sitetest.RepoRoot(), "")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if s.BasePath != "/" || strings.Join(s.Languages, ",") != "de" {
		t.Errorf("default site: base %q, languages in folders %v; want / and [de]", s.BasePath, s.Languages)
	}
	joined := strings.Join(s.PagePolicy, "; ")
	if strings.Contains(joined, "frame-ancestors") || !strings.Contains(joined, "connect-src 'self'") {
		t.Errorf("config.toml params.csp = %q", joined)
	}
	if got := s.PagePolicyHeader(); got != joined+"; frame-ancestors 'none'" {
		t.Errorf("header policy %q", got)
	}
}

// site writes a minimal repository with config.toml and, if org is not
// empty, orgs/x/org.toml, and returns its root.
func site(t *testing.T, config, org string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "config.toml"), config)
	if org != "" {
		if err := os.MkdirAll(filepath.Join(dir, "orgs", "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, "orgs", "x", "org.toml"), org)
	}
	return dir
}

const goodConfig = `baseURL = "/"
defaultContentLanguage = "nl"
[params]
  csp = ["default-src 'none'", "script-src 'self'"]
[languages]
  [languages.nl]
    weight = 1
  [languages.de]
    weight = 2
`

func TestLoadRefuses(t *testing.T) {
	for _, c := range []struct {
		name, config, org string
		file              string
		line              int
		message           string
	}{
		{"frame-ancestors in the meta policy", strings.Replace(goodConfig, `"script-src 'self'"`, `"frame-ancestors 'none'"`, 1), "", "config.toml", 4, "cannot be in a meta tag"},
		{"a quote in the policy", strings.Replace(goodConfig, `"script-src 'self'"`, `"script-src \"self\""`, 1), "", "config.toml", 4, "not a plain CSP directive"},
		{"two directives in one entry", strings.Replace(goodConfig, `"script-src 'self'"`, `"script-src 'self'; object-src *"`, 1), "", "config.toml", 4, "not a plain CSP directive"},
		{"no policy", strings.Replace(goodConfig, "  csp = [\"default-src 'none'\", \"script-src 'self'\"]\n", "", 1), "", "config.toml", 3, "params.csp is missing"},
		{"a path that leaves the site", strings.Replace(goodConfig, `baseURL = "/"`, `baseURL = "https://h/a/../b/"`, 1), "", "config.toml", 1, `".." segment`},
		{"a quote in the org's path", goodConfig, "name = \"X\"\nbase_url = \"https://h/a\\\"b/\"\nlanguages = [\"nl\"]\n", "orgs/x/org.toml", 2, "may hold only"},
		{"a dollar in the org's path", goodConfig, "name = \"X\"\nlanguages = [\"nl\"]\nbase_url = \"https://h/$uri/\"\n", "orgs/x/org.toml", 3, "may hold only"},
		{"no base_url", goodConfig, "name = \"X\"\nlanguages = [\"nl\"]\n", "orgs/x/org.toml", 1, "base_url is missing"},
		{"an unknown language", goodConfig, "base_url = \"https://h/gw/\"\nlanguages = [\"nl\", \"fr\"]\n", "orgs/x/org.toml", 2, `language "fr"`},
		{"an unsafe slug", goodConfig, "slug = \"../x\"\nbase_url = \"https://h/gw/\"\nlanguages = [\"nl\"]\n", "orgs/x/org.toml", 1, "not a safe folder name"},
		{"broken TOML", goodConfig, "base_url = \"https://h/gw/\nlanguages = [\"nl\"]\n", "orgs/x/org.toml", 1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := site(t, c.config, c.org)
			orgDir := ""
			if c.org != "" {
				orgDir = filepath.Join(root, "orgs", "x")
			}
			s, problems, err := serverconfig.Load(root, orgDir)
			if err != nil {
				t.Fatal(err)
			}
			if s != nil || len(problems) == 0 {
				t.Fatalf("accepted: %+v", s)
			}
			p := problems[0]
			if p.File != c.file || p.Line != c.line || !strings.Contains(p.Message, c.message) || p.Fix == "" {
				t.Errorf("got %s (fix %q), want %s:%d: …%s… with a fix", p, p.Fix, c.file, c.line, c.message)
			}
		})
	}
}

func TestLoadOrg(t *testing.T) {
	root := site(t, goodConfig, "name = \"X\"\nbase_url = \"https://intranet.example.org/hr/gw\"\nlanguages = [\"de\", \"nl\"]\n")
	s, problems, err := serverconfig.Load(root, filepath.Join(root, "orgs", "x"))
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	if s.BasePath != "/hr/gw/" || strings.Join(s.Languages, ",") != "nl" || s.Slug != "x" || s.DefaultRoot() != "/srv/gesprekswijzer/x" {
		t.Errorf("got %+v", s)
	}
}

// TestWriteRefusesUnsafeValues: a value that slipped past Load (a Site
// built by hand) is refused by every writer rather than written.
func TestWriteRefusesUnsafeValues(t *testing.T) {
	for _, server := range serverconfig.Servers {
		for _, s := range []*serverconfig.Site{
			{BasePath: "/", PagePolicy: []string{`default-src 'none'"; add_header X "y`}},
			{BasePath: "/", PagePolicy: []string{"default-src 'none'\n}"}},
			{BasePath: "/", PagePolicy: []string{"default-src $x {y} %z"}},
		} {
			if server == "iis" {
				continue // encoding/xml escapes every value; see TestIISEscapes
			}
			var b bytes.Buffer
			err := serverconfig.Write(&b, s, serverconfig.Options{Server: server, Root: "/srv/gw"})
			if err == nil {
				t.Errorf("%s wrote a policy of %q:\n%s", server, s.PagePolicy, b.String())
			}
			if b.Len() > 0 {
				t.Errorf("%s wrote %d bytes before refusing", server, b.Len())
			}
		}
		var b bytes.Buffer
		if err := serverconfig.Write(&b, &serverconfig.Site{BasePath: "/"}, serverconfig.Options{Server: server, Root: "/srv/gw\"; x"}); err == nil || b.Len() > 0 {
			t.Errorf("%s accepted an unsafe root", server)
		}
	}
}

func TestIISEscapes(t *testing.T) {
	var b bytes.Buffer
	s := &serverconfig.Site{BasePath: "/gw/", PagePolicy: []string{`default-src 'none' "/><x a="`}}
	if err := serverconfig.Write(&b, s, serverconfig.Options{Server: "iis"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `"/><x`) || !strings.Contains(b.String(), "&#34;/&gt;&lt;x") {
		t.Errorf("the policy reached web.config unescaped:\n%s", b.String())
	}
}

// TestCommand runs the command as a user would: each server's file is
// written with -o, a bad -org writes nothing and says why.
func TestCommand(t *testing.T) {
	exe, _, _ := built(t)
	dir := t.TempDir()
	for _, server := range serverconfig.Servers {
		file := filepath.Join(dir, server+".out")
		if _, err := sitetest.RunCommand(exe, "server-config", server, "-org", "orgs/provincie-voorbeeld", "-o", file); err != nil {
			t.Fatal(err)
		}
		b := mustRead(t, file)
		for _, want := range []string{"/gesprekken/", "server-config " + server + " -org orgs/provincie-voorbeeld", "frame-ancestors 'none'"} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s: output lacks %q", server, want)
			}
		}
		if server != "iis" && !bytes.Contains(b, []byte("/srv/gesprekswijzer/provincie-voorbeeld")) {
			t.Errorf("%s: the default root is not the documented placeholder", server)
		}
	}
	stdout, err := sitetest.RunCommand(exe, "server-config", "nginx")
	if err != nil || !bytes.Contains(stdout, []byte("location ^~ /de/ {")) || !bytes.Contains(stdout, []byte(`alias "/srv/gesprekswijzer/";`)) {
		t.Errorf("the default site's nginx configuration: %v\n%s", err, stdout)
	}
	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(bad, "org.toml"), "base_url = \"https://h/a b/\"\nlanguages = [\"nl\"]\n")
	out := filepath.Join(dir, "never.conf")
	_, err = sitetest.RunCommand(exe, "server-config", "apache", "-org", bad, "-o", out)
	if err == nil || !strings.Contains(err.Error(), "org.toml:1:") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("a bad org.toml: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bad org.toml still wrote a configuration")
	}
	for _, args := range [][]string{{"server-config"}, {"server-config", "lighttpd"}, {"server-config", "nginx", "apache"}} {
		if _, err := sitetest.RunCommand(exe, args...); err == nil || !strings.Contains(err.Error(), "nginx, apache, caddy, iis") {
			t.Errorf("%v: %v", args, err)
		}
	}
}
