// Package serverconfig writes the web server configuration that serves a
// built Gesprekswijzer site (the default site or an organisation's variant)
// under its base path, with the headers a static intranet site needs: the
// page's Content-Security-Policy as a header with frame-ancestors, a
// locked-down policy for SVG and every other file, nosniff, no referrer,
// a Permissions-Policy, cross-origin isolation of windows and resources,
// long caching for fingerprinted assets and revalidation for the rest, the
// site's own 404 pages, UTF-8 and the right media types.
//
// One model (Site, the header classes in headers.go) is written out in
// each server's syntax: nginx, Apache httpd, Caddy and IIS. Every value
// that reaches a configuration was checked against an allow-list first and
// is then quoted for that syntax, so nothing read from config.toml or an
// org.toml can add a directive.
package serverconfig

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlbound"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// Servers are the servers a configuration can be written for.
var Servers = []string{"nginx", "apache", "caddy", "iis"}

// Site is what a server needs to know about one built site.
type Site struct {
	BasePath   string   // the site's path on its host: "/" or "/gesprekswijzer/"
	Languages  []string // languages in their own folder (BasePath + lang + "/"), each with its own 404 page
	PagePolicy []string // the pages' Content-Security-Policy, one directive each, from config.toml
	Sources    []string // the files it was read from, for the header comment
	Slug       string   // the organisation's slug; "" for the default site
}

// siteConfig is the part of config.toml a server needs.
type siteConfig struct {
	BaseURL                string `toml:"baseURL"`
	DefaultContentLanguage string `toml:"defaultContentLanguage"`
	Languages              map[string]struct {
		Weight int `toml:"weight"`
	} `toml:"languages"`
	Params struct {
		CSP []string `toml:"csp"`
	} `toml:"params"`
}

// orgConfig is the part of an org.toml a server needs. The org package
// validates the whole file when the variant is built; this reads only the
// keys that shape the server, and checks them itself.
type orgConfig struct {
	BaseURL   string   `toml:"base_url"`
	Slug      string   `toml:"slug"`
	Languages []string `toml:"languages"`
}

var (
	// A base path: segments of unreserved URL characters, ending in "/".
	// Anything else (quotes, spaces, "%", "$", "{") could break out of a
	// server's syntax, so it is refused rather than escaped.
	basePathPattern = regexp.MustCompile(`^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$`)
	langPattern     = regexp.MustCompile(`^[a-z]{2,3}$`)
	slugPattern     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	// A policy directive: a name and sources of the characters CSP sources
	// use ('self', data:, 'sha256-…', https://host:port/path, *).
	directivePattern = regexp.MustCompile(`^[a-z][a-z-]*(?: [A-Za-z0-9'*:/.+=_-]+)*$`)
)

// Directives a meta tag may not carry (browsers ignore them there and
// warn); the header adds frame-ancestors itself.
var headerOnly = []string{"frame-ancestors", "report-uri", "report-to", "sandbox"}

// Load reads the site in repo (its config.toml) and, if orgDir is not
// empty, the organisation in orgDir. Problems name the file, the line and
// the fix; err is for files that cannot be read at all.
func Load(repo, orgDir string) (*Site, []problem.Problem, error) {
	var problems problem.List
	add := problems.Add
	cfgFile := filepath.Join(repo, "config.toml")
	src, err := os.ReadFile(cfgFile)
	if err != nil {
		return nil, nil, err
	}
	var cfg siteConfig
	if _, err := toml.Decode(string(src), &cfg); err != nil {
		add("config.toml", errLine(err), "write valid TOML", "%v", err)
		return nil, problems, nil
	}
	lines := tomlpos.New(string(src), 0)
	cfgLine := func(key string) int { l, _ := lines.Line(key); return l }

	site := &Site{Sources: []string{"config.toml"}}
	site.PagePolicy = checkPolicy(cfg.Params.CSP, func(fix, format string, args ...any) {
		add("config.toml", cfgLine("params.csp"), fix, format, args...)
	})
	baseURL, baseFile, baseLine := cfg.BaseURL, "config.toml", cfgLine("baseURL")
	defaultLang := cfg.DefaultContentLanguage
	var langs []string
	for l := range cfg.Languages {
		langs = append(langs, l)
	}
	slices.Sort(langs)

	if orgDir != "" {
		file := filepath.Join(orgDir, "org.toml")
		name := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(file)), "org.toml"))
		if rel, err := filepath.Rel(repo, file); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		// Read as variants reads it: an organisation's folder is
		// untrusted (no link, no FIFO, bounded, nesting bounded).
		osrc, err := safefile.ReadPath(file, org.MaxFileBytes)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w (-org names an organisation's folder, e.g. orgs/provincie-voorbeeld)", name, err)
		}
		var deep *tomlbound.DepthError
		if errors.As(tomlbound.Check(string(osrc), org.MaxNesting), &deep) {
			add(name, deep.Line, "write the file as orgs/README.md shows", "%v", deep)
			return nil, problems, nil
		}
		var o orgConfig
		if _, err := toml.Decode(string(osrc), &o); err != nil {
			add(name, errLine(err), "write valid TOML; `gesprekswijzer variants "+filepath.ToSlash(orgDir)+"` explains every key", "%v", err)
			return nil, problems, nil
		}
		olines := tomlpos.New(string(osrc), 0)
		orgLine := func(key string) int { l, _ := olines.Line(key); return l }
		site.Sources = append([]string{name}, site.Sources...)
		site.Slug = o.Slug
		if site.Slug == "" {
			site.Slug = filepath.Base(filepath.Clean(orgDir))
		}
		if !slugPattern.MatchString(site.Slug) {
			add(name, orgLine("slug"), `use lower-case letters, digits and hyphens, e.g. slug = "provincie-voorbeeld"`, "slug %q is not a safe folder name", site.Slug)
		}
		baseURL, baseFile, baseLine = o.BaseURL, name, orgLine("base_url")
		if baseURL == "" {
			add(name, baseLine, `add base_url = "https://intranet.example.org/gesprekken/"`, "base_url is missing: the server needs the site's path")
		}
		if len(o.Languages) == 0 {
			add(name, orgLine("languages"), `add languages = ["nl"] (the first is the default)`, "languages is missing")
		} else {
			for _, l := range o.Languages {
				if !slices.Contains(langs, l) {
					add(name, orgLine("languages"), fmt.Sprintf("use languages of config.toml: %s", strings.Join(langs, ", ")), "language %q is not one of the site's", l)
				}
			}
			langs, defaultLang = o.Languages, o.Languages[0]
		}
	}
	for _, l := range langs {
		if !langPattern.MatchString(l) {
			add(baseFile, 0, "use a two- or three-letter language code", "language %q is not a language code", l)
		} else if l != defaultLang && !slices.Contains(site.Languages, l) {
			site.Languages = append(site.Languages, l)
		}
	}
	slices.Sort(site.Languages)

	base, err := BasePath(baseURL)
	if err != nil && baseURL != "" {
		add(baseFile, baseLine, `write the site's address with a plain path, e.g. "https://intranet.example.org/gesprekken/" or "/"`, "%v", err)
	}
	site.BasePath = base
	if len(problems) > 0 {
		return nil, problems, nil
	}
	return site, nil, nil
}

// BasePath returns the path of a base URL ("https://host/a/b/" or "/a/b")
// as "/a/b/", or an error if it is not a safe, plain path.
func BasePath(baseURL string) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("base URL %q does not parse: %v", baseURL, err)
	}
	if u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("base URL %q is not an http(s) address", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
		return "", fmt.Errorf("base URL %q has a query, fragment, user or opaque part", baseURL)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q has a %q segment", p, seg)
		}
	}
	if !basePathPattern.MatchString(p) {
		return "", fmt.Errorf("base path %q may hold only letters, digits and . _ ~ - in its segments", p)
	}
	return p, nil
}

// checkPolicy checks the pages' policy directives and returns them.
func checkPolicy(dirs []string, add func(fix, format string, args ...any)) []string {
	if len(dirs) == 0 {
		add(`add params.csp = ["default-src 'none'", …] (see the default config.toml)`, "params.csp is missing: pages and servers need the Content-Security-Policy")
		return nil
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		name, _, _ := strings.Cut(d, " ")
		switch {
		case !directivePattern.MatchString(d):
			add("write one directive per entry: a name and its sources, separated by single spaces, without ; \" or \\", "policy directive %q is not a plain CSP directive", d)
		case slices.Contains(headerOnly, name):
			add("remove it: server-config adds frame-ancestors 'none' to the header itself", "policy directive %q cannot be in a meta tag (browsers ignore it there and warn)", name)
		case seen[name]:
			add("keep one entry per directive", "policy directive %q appears twice", name)
		}
		seen[name] = true
	}
	if !seen["default-src"] {
		add(`add "default-src 'none'" first`, "the policy has no default-src")
	}
	return dirs
}

// errLine is the line of a TOML parse error, or 0.
func errLine(err error) int {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		return perr.Position.Line
	}
	return 0
}

// rootPattern allows the characters of ordinary server paths: an absolute
// path ("/srv/…" or "C:/…") of letters, digits, spaces and . _ - + @ ~ ,
var rootPattern = regexp.MustCompile(`^(?:[A-Za-z]:)?/[A-Za-z0-9 ._+@~,/-]*$`)

// CheckRoot refuses a root folder that could break a configuration's
// syntax or that is not a plain absolute path.
func CheckRoot(root string) error {
	const fix = "give the absolute folder of the site's files with forward slashes, e.g. -root /srv/gesprekswijzer"
	if !rootPattern.MatchString(root) {
		return fmt.Errorf("-root %q is not a plain absolute path (no quotes, backslashes, $, %%, braces, semicolons or line breaks); %s", root, fix)
	}
	for _, seg := range strings.Split(root, "/") {
		if seg == "." || seg == ".." {
			return fmt.Errorf("-root %q has a %q segment; %s", root, seg, fix)
		}
	}
	if strings.HasPrefix(root, " ") || strings.HasSuffix(root, " ") || strings.Contains(root, "//") {
		return fmt.Errorf("-root %q has a leading or trailing space or an empty segment; %s", root, fix)
	}
	if why := systemFolder(root); why != "" {
		return fmt.Errorf("-root %q is %s: the server would serve every file in it (nginx served /etc/passwd with -root /); %s", root, why, fix)
	}
	return nil
}

// systemTop are the top-level folders of Unix systems (and of Windows,
// after its drive) that hold the system or every user's files: none is a
// site's folder. Under the ones in systemTree, nothing is.
var (
	systemTop  = []string{"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "lost+found", "media", "mnt", "opt", "proc", "root", "run", "sbin", "snap", "srv", "sys", "tmp", "usr", "var", "users", "windows", "program files", "program files (x86)", "programdata", "inetpub", "applications", "library", "system", "volumes", "private"}
	systemTree = []string{"boot", "dev", "etc", "proc", "root", "run", "sys", "windows", "system"}
)

// systemFolder says why root is the file system's root, a system's
// top-level folder or inside one that never holds a site; "" if it is
// none of these.
func systemFolder(root string) string {
	p := strings.TrimSuffix(root, "/")
	if len(p) >= 2 && p[1] == ':' {
		p = p[2:] // C:/Windows is /Windows
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	top := strings.ToLower(segs[0])
	switch {
	case p == "":
		return "the root of the file system"
	case len(segs) == 1 && slices.Contains(systemTop, top):
		return "a top-level folder of the system"
	case slices.Contains(systemTree, top):
		return "inside /" + segs[0] + ", which holds the system's own files"
	}
	return ""
}

// DefaultRoot is the placeholder root folder when -root is not given.
func (s *Site) DefaultRoot() string {
	if s.Slug != "" {
		return "/srv/gesprekswijzer/" + s.Slug
	}
	return "/srv/gesprekswijzer"
}
