package serverconfig_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/serverconfig"
)

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
	cfg, err := content.LoadConfig(projecttest.RepoRoot())
	if err != nil {
		t.Fatal(err)
	}
	s, problems := serverconfig.ForSite(cfg)
	if len(problems) > 0 {
		t.Fatal(problems)
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

// TestForSiteRefuses: config.toml's values that would break a server's
// syntax are refused with the line and a fix. (An organisation's are
// refused by its validation, the same for every command:
// tools/gesprekswijzer's TestOneOrganisationRuleForEveryCommand.)
func TestForSiteRefuses(t *testing.T) {
	for _, c := range []struct {
		name, config string
		line         int
		message      string
	}{
		{"frame-ancestors in the meta policy", strings.Replace(goodConfig, `"script-src 'self'"`, `"frame-ancestors 'none'"`, 1), 4, "cannot be in a meta tag"},
		{"a quote in the policy", strings.Replace(goodConfig, `"script-src 'self'"`, `"script-src \"self\""`, 1), 4, "not a plain CSP directive"},
		{"two directives in one entry", strings.Replace(goodConfig, `"script-src 'self'"`, `"script-src 'self'; object-src *"`, 1), 4, "not a plain CSP directive"},
		{"no policy", strings.Replace(goodConfig, "  csp = [\"default-src 'none'\", \"script-src 'self'\"]\n", "", 1), 3, "params.csp is missing"},
		{"a path that leaves the site", strings.Replace(goodConfig, `baseURL = "/"`, `baseURL = "https://h/a/../b/"`, 1), 1, `".." segment`},
		{"a dollar in the path", strings.Replace(goodConfig, `baseURL = "/"`, `baseURL = "https://h/$uri/"`, 1), 1, "may hold only"},
		{"a language that is no code", strings.Replace(goodConfig, "[languages.de]", "[languages.\"d e\"]", 1), 5, "not a language code"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, filepath.Join(root, "config.toml"), c.config)
			cfg, err := content.LoadConfig(root)
			if err != nil {
				t.Fatal(err)
			}
			s, problems := serverconfig.ForSite(cfg)
			if s != nil || len(problems) == 0 {
				t.Fatalf("accepted: %+v", s)
			}
			p := problems[0]
			if p.File != "config.toml" || p.Line != c.line || !strings.Contains(p.Message, c.message) || p.Fix == "" {
				t.Errorf("got %s (fix %q), want config.toml:%d: …%s… with a fix", p, p.Fix, c.line, c.message)
			}
		})
	}
}

// TestForOrg: a validated organisation's address, slug and languages
// shape the server: the default language at the base, the others in
// folders.
func TestForOrg(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "config.toml"), goodConfig)
	cfg, err := content.LoadConfig(root)
	if err != nil {
		t.Fatal(err)
	}
	s, problems := serverconfig.ForOrg(cfg, &org.Org{File: "orgs/x/org.toml", Slug: "x", BaseURL: "https://intranet.example.org/hr/gw/", Languages: []string{"de", "nl"}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if s.BasePath != "/hr/gw/" || strings.Join(s.Languages, ",") != "nl" || s.Slug != "x" || s.DefaultRoot() != "/srv/gesprekswijzer/x" || s.Sources[0] != "orgs/x/org.toml" {
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
		if _, err := projecttest.RunCommand(exe, "server-config", server, "-org", "orgs/provincie-voorbeeld", "-o", file); err != nil {
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
	stdout, err := projecttest.RunCommand(exe, "server-config", "nginx")
	if err != nil || !bytes.Contains(stdout, []byte("location ^~ /de/ {")) || !bytes.Contains(stdout, []byte(`alias "/srv/gesprekswijzer/";`)) {
		t.Errorf("the default site's nginx configuration: %v\n%s", err, stdout)
	}
	bad := filepath.Join(dir, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(bad, "org.toml"), "base_url = \"https://h/a b/\"\nlanguages = [\"nl\"]\n")
	out := filepath.Join(dir, "never.conf")
	_, err = projecttest.RunCommand(exe, "server-config", "apache", "-org", bad, "-o", out)
	if err == nil || !strings.Contains(err.Error(), "org.toml:1:") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("a bad org.toml: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a bad org.toml still wrote a configuration")
	}
	for _, args := range [][]string{{"server-config"}, {"server-config", "lighttpd"}, {"server-config", "nginx", "apache"}} {
		if _, err := projecttest.RunCommand(exe, args...); err == nil || !strings.Contains(err.Error(), "nginx, apache, caddy, iis") {
			t.Errorf("%v: %v", args, err)
		}
	}
}
