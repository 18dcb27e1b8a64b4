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
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/urlpath"
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

var (
	langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)
	// A policy directive: a name and sources of the characters CSP sources
	// use ('self', data:, 'sha256-…', https://host:port/path, *).
	directivePattern = regexp.MustCompile(`^[a-z][a-z-]*(?: [A-Za-z0-9'*:/.+=_-]+)*$`)
)

// Directives a meta tag may not carry (browsers ignore them there and
// warn); the header adds frame-ancestors itself.
var headerOnly = []string{"frame-ancestors", "report-uri", "report-to", "sandbox"}

// ForSite describes the default site from its config.toml (read by
// package content). Problems name config.toml, the line and the fix.
func ForSite(cfg *content.Config) (*Site, []problem.Problem) {
	var problems problem.List
	site := &Site{Sources: []string{"config.toml"}}
	site.PagePolicy = checkPolicy(cfg.CSP, func(fix, format string, args ...any) {
		problems.Add("config.toml", cfg.Line("params.csp"), fix, format, args...)
	})
	base, err := urlpath.BasePath(cfg.BaseURL)
	if err != nil {
		problems.Add("config.toml", cfg.Line("baseURL"), urlpath.Fix, "%v", err)
	}
	site.BasePath = base
	var langs []string
	for _, l := range cfg.Languages {
		langs = append(langs, l.Code)
	}
	site.Languages = folders(langs, func(fix, format string, args ...any) {
		problems.Add("config.toml", cfg.Line("languages"), fix, format, args...)
	})
	if len(problems) > 0 {
		return nil, problems
	}
	return site, nil
}

// ForOrg describes an organisation's variant: its address, slug and
// languages from its org.toml, validated by package org (loaded through
// package project, as variants and serve -org load it, so that the three
// accept and refuse the same folders), and the pages' policy from
// config.toml.
func ForOrg(cfg *content.Config, o *org.Org) (*Site, []problem.Problem) {
	site, problems := ForSite(cfg)
	if len(problems) > 0 {
		return nil, problems
	}
	site.Sources = append([]string{o.File}, site.Sources...)
	site.Slug = o.Slug
	var list problem.List
	base, err := urlpath.BasePath(o.BaseURL)
	if err != nil { // org validation refuses it first: this is a second guard
		list.Add(o.File, 0, urlpath.Fix, "%v", err)
	}
	site.BasePath = base
	site.Languages = folders(o.Languages, func(fix, format string, args ...any) {
		list.Add(o.File, 0, fix, format, args...)
	})
	if len(list) > 0 {
		return nil, list
	}
	return site, nil
}

// folders are the languages, the first being the default, that live in
// their own folder (all but the default), sorted; each must be a plain
// language code, as it is written into server syntax.
func folders(langs []string, add func(fix, format string, args ...any)) []string {
	var out []string
	for i, l := range langs {
		switch {
		case !langPattern.MatchString(l):
			add("use a two- or three-letter language code", "language %q is not a language code", l)
		case i > 0:
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
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
