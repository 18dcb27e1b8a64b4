package serverconfig_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// caddyEnv gives Caddy a home of its own: it keeps state under $HOME and
// the XDG folders, which nobody cannot write elsewhere.
func caddyEnv(dir string) []string {
	return []string{"HOME=" + dir, "XDG_DATA_HOME=" + dir, "XDG_CONFIG_HOME=" + dir}
}

// TestCaddyAdapt: `caddy adapt --validate` loads the generated Caddyfile
// and provisions every module in it (matchers, expressions, handlers); the
// JSON it adapts to holds each class's headers.
func TestCaddyAdapt(t *testing.T) {
	exe := program(t, "caddy", "caddy")
	dir := runDir(t, "caddy-adapt")
	file := generate(t, "caddy", dir)
	adapt := func(file string) ([]byte, error) {
		cmd := exec.Command(exe, "adapt", "--config", file, "--adapter", "caddyfile", "--validate")
		cmd.Env = append(os.Environ(), caddyEnv(dir)...)
		cmd.Dir = dir
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, &exec.ExitError{Stderr: []byte(stderr.String())}
		}
		return out, nil
	}
	out, err := adapt(file)
	if err != nil {
		t.Fatalf("caddy adapt refuses the generated Caddyfile: %s", err.(*exec.ExitError).Stderr)
	}
	var js any
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatalf("caddy adapt wrote no JSON: %v", err)
	}
	text := string(out)
	for _, want := range []string{
		svgPolicy, filePolicy, "public, max-age=31536000, immutable", "nosniff", "no-referrer",
		"frame-ancestors 'none'\"", "text/calendar; charset=utf-8", `"strip_path_prefix":"/gesprekswijzer"`,
		`/de/404.html`, "same-origin",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the adapted configuration lacks %q", want)
		}
	}
	// The check can fail: a Caddyfile with a misspelt directive is refused.
	broken := filepath.Join(dir, "broken.Caddyfile")
	b, _ := os.ReadFile(file)
	write(t, broken, strings.Replace(string(b), "file_server", "file_servr", 1))
	if _, err := adapt(broken); err == nil {
		t.Error("caddy adapt accepted a Caddyfile with a misspelt directive: the check above proves nothing")
	}
}

// TestCaddyServesVariant runs the generated Caddyfile for real, with the
// global options a test needs (no admin endpoint, no HTTPS) and the site
// address on a free port, and checks it as nginx and Apache are checked.
func TestCaddyServesVariant(t *testing.T) {
	exe := program(t, "caddy", "caddy")
	dir := runDir(t, "caddy")
	file := generate(t, "caddy", dir)
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	port := projecttest.FreePort(t)
	if !strings.Contains(string(b), "\n:80 {\n") {
		t.Fatal("the generated Caddyfile has no \":80 {\" site block")
	}
	conf := "{\n\tadmin off\n\tauto_https off\n\tstorage file_system " + dir + "\n}\n" +
		strings.Replace(string(b), "\n:80 {\n", "\nhttp://127.0.0.1:"+strconv.Itoa(port)+" {\n", 1)
	caddyfile := filepath.Join(dir, "Caddyfile")
	write(t, caddyfile, conf)
	argv := append([]string{"/usr/bin/env"}, caddyEnv(dir)...)
	argv = append(argv, exe, "run", "--config", caddyfile, "--adapter", "caddyfile")
	checkServer(t, start(t, dir, port, argv...))
}

// iisConfig is the part of web.config the test reads back.
type iisConfig struct {
	StaticContent struct {
		MimeMaps []struct {
			Ext  string `xml:"fileExtension,attr"`
			Type string `xml:"mimeType,attr"`
		} `xml:"mimeMap"`
		ClientCache struct {
			Mode string `xml:"cacheControlMode,attr"`
		} `xml:"clientCache"`
	} `xml:"system.webServer>staticContent"`
	Headers []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"system.webServer>httpProtocol>customHeaders>add"`
	Errors []struct {
		Status int    `xml:"statusCode,attr"`
		Path   string `xml:"path,attr"`
		Mode   string `xml:"responseMode,attr"`
	} `xml:"system.webServer>httpErrors>error"`
	DirectoryBrowse struct {
		Enabled string `xml:"enabled,attr"`
	} `xml:"system.webServer>directoryBrowse"`
	RequestFiltering struct {
		RemoveServerHeader string `xml:"removeServerHeader,attr"`
		DenyURLSequences   []struct {
			Sequence string `xml:"sequence,attr"`
		} `xml:"denyUrlSequences>add"`
	} `xml:"system.webServer>security>requestFiltering"`
	Rules []struct {
		PreCondition string `xml:"preCondition,attr"`
		Match        struct {
			Variable string `xml:"serverVariable,attr"`
		} `xml:"match"`
		Action struct {
			Value string `xml:"value,attr"`
		} `xml:"action"`
	} `xml:"system.webServer>rewrite>outboundRules>rule"`
	PreConditions []struct {
		Name string `xml:"name,attr"`
		Add  struct {
			Input   string `xml:"input,attr"`
			Pattern string `xml:"pattern,attr"`
		} `xml:"add"`
	} `xml:"system.webServer>rewrite>outboundRules>preConditions>preCondition"`
	Locations []struct {
		Path   string `xml:"path,attr"`
		Errors []struct {
			Path string `xml:"path,attr"`
		} `xml:"system.webServer>httpErrors>error"`
	} `xml:"location"`
}

// TestIISWebConfig: the web.config is valid against the IIS schema's
// elements it uses (testdata/iis-web-config.xsd, checked with xmllint from
// libxml2-utils), and read back with encoding/xml it sets the types, the
// headers of every class and the 404 page of each language.
func TestIISWebConfig(t *testing.T) {
	xmllint := program(t, "xmllint", "libxml2-utils")
	dir := runDir(t, "iis")
	file := generate(t, "iis", dir)
	schema, _ := filepath.Abs(filepath.Join("testdata", "iis-web-config.xsd"))
	validate := func(file string) error {
		out, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput()
		if err != nil {
			return &exec.ExitError{Stderr: out}
		}
		return nil
	}
	if err := validate(file); err != nil {
		t.Fatalf("web.config does not validate: %s", err.(*exec.ExitError).Stderr)
	}
	b, _ := os.ReadFile(file)
	// The schema can fail: a value outside an IIS enumeration is refused.
	broken := filepath.Join(dir, "broken.config")
	write(t, broken, strings.Replace(string(b), `cacheControlMode="DisableCache"`, `cacheControlMode="NoCache"`, 1))
	if validate(broken) == nil {
		t.Error("the schema accepted cacheControlMode=\"NoCache\": it checks nothing")
	}

	var cfg iisConfig
	if err := xml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	_, _, base := built(t)
	types := map[string]string{}
	for _, m := range cfg.StaticContent.MimeMaps {
		types[m.Ext] = m.Type
	}
	for ext, want := range wantTypes {
		if !sameType(types[ext], want) {
			t.Errorf("mimeMap %s: %q, want %q", ext, types[ext], want)
		}
	}
	if cfg.StaticContent.ClientCache.Mode != "DisableCache" {
		t.Errorf("clientCache %q, want DisableCache (Cache-Control: no-cache)", cfg.StaticContent.ClientCache.Mode)
	}
	headers := map[string]string{}
	for _, h := range cfg.Headers {
		headers[h.Name] = h.Value
	}
	for name, want := range wantCommon {
		if headers[name] != want {
			t.Errorf("custom header %s: %q, want %q", name, headers[name], want)
		}
	}
	if headers["Content-Security-Policy"] != filePolicy {
		t.Errorf("the policy of every file is %q, want %q", headers["Content-Security-Policy"], filePolicy)
	}
	for _, f := range wantDenied {
		if !strings.Contains(headers["Permissions-Policy"], f+"=()") {
			t.Errorf("Permissions-Policy does not deny %s", f)
		}
	}
	if len(cfg.Errors) != 1 || cfg.Errors[0].Status != 404 || cfg.Errors[0].Path != base+"404.html" || cfg.Errors[0].Mode != "ExecuteURL" {
		t.Errorf("httpErrors %+v, want 404 → %s404.html by ExecuteURL (keeps the status)", cfg.Errors, base)
	}
	if len(cfg.Locations) != 1 || cfg.Locations[0].Path != "de" || len(cfg.Locations[0].Errors) != 1 || cfg.Locations[0].Errors[0].Path != base+"de/404.html" {
		t.Errorf("locations %+v, want de with %sde/404.html", cfg.Locations, base)
	}
	if cfg.DirectoryBrowse.Enabled != "false" || cfg.RequestFiltering.RemoveServerHeader != "true" {
		t.Errorf("directoryBrowse enabled=%q, removeServerHeader=%q; want false, true", cfg.DirectoryBrowse.Enabled, cfg.RequestFiltering.RemoveServerHeader)
	}
	// Nothing whose name starts with a dot is served: request filtering
	// answers 404 for a URL holding "/.".
	if seqs := cfg.RequestFiltering.DenyURLSequences; len(seqs) != 1 || seqs[0].Sequence != "/." {
		t.Errorf("denyUrlSequences %+v, want one: \"/.\" (the marker and lock files are not served)", seqs)
	}
	pre := map[string]string{}
	for _, p := range cfg.PreConditions {
		pre[p.Name] = p.Add.Input + " " + p.Add.Pattern
	}
	rules := map[string]string{}
	for _, r := range cfg.Rules {
		rules[pre[r.PreCondition]+" "+r.Match.Variable] = r.Action.Value
	}
	page := metaPolicy(t, mustRead(t, filepath.Join(fixture.site, "index.html")), "index.html") + "; frame-ancestors 'none'"
	for key, want := range map[string]string{
		"{RESPONSE_CONTENT_TYPE} ^text/html RESPONSE_Content_Security_Policy":      page,
		`{RESPONSE_CONTENT_TYPE} ^image/svg\+xml RESPONSE_Content_Security_Policy`: svgPolicy,
		`{URL} \.(?:[0-9a-f]{32}){2,4}\.(?:css|js)$ RESPONSE_Cache_Control`:        "public, max-age=31536000, immutable",
	} {
		if rules[key] != want {
			t.Errorf("outbound rule %s: %q, want %q (rules: %v)", key, rules[key], want, rules)
		}
	}
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
