package serverconfig

import (
	"fmt"
	"strings"
)

// caddy writes a Caddyfile with one site block. The base path is a
// handle_path block (the prefix stripped, so the class matchers see paths
// inside the site); the classes are mutually exclusive named matchers, so
// no two header directives set the same header on one response. Media
// types are set explicitly: Caddy would take them from the host's
// mime.types. 404s go to handle_errors, which serves the language's 404
// page with the pages' headers (file_server keeps the error's status).
func caddy(s *Site, o Options) (string, error) {
	c := &conf{indent: "\t", forbidden: "{}"} // braces are placeholders
	c.b.WriteString(comment(intro(s, o, "Caddy", strings.Join([]string{
		"Install: save as /etc/caddy/Caddyfile (or import it from there), replace",
		`":80" by the host's name (Caddy then gets it a certificate), then:`,
		"caddy validate --config /etc/caddy/Caddyfile && systemctl reload caddy.",
		"To add the site to an existing site block, copy the lines inside this one.",
	}, "\n")), "#"))
	c.line("")
	c.open(":80 {")
	c.line("header -Server")
	if s.BasePath != "/" {
		// The redirect to the base path carries the pages' headers too.
		caddyHeaders(c, strings.TrimSuffix(s.BasePath, "/")+" ", s.Headers(HTML), false)
		c.line("redir %s %s permanent", strings.TrimSuffix(s.BasePath, "/"), s.BasePath)
	}
	if s.BasePath == "/" {
		c.open("handle {")
	} else {
		c.open("handle_path %s* {", s.BasePath) // strips the base path
	}
	c.line("root * %s", c.q(o.Root))
	// Nothing whose name starts with a dot is served (the output's
	// marker, lock files): 404, answered by handle_errors below.
	c.line("@hidden path_regexp %s", c.qp(HiddenPattern))
	c.line("error @hidden 404")
	c.line("@fingerprinted path_regexp %s", c.qp(FingerprintedPattern))
	c.line("@svg path *.svg")
	c.line("@html path */ *.html")
	c.open("@other {")
	c.line("not path */ *.html *.svg")
	c.line("not path_regexp %s", c.qp(FingerprintedPattern))
	c.close("}")
	caddyHeaders(c, "", Common(), true)
	for _, class := range Classes {
		caddyHeaders(c, "@"+caddyMatcher(class)+" ", s.ClassHeaders(class), false)
	}
	for _, t := range Types {
		c.line("@type_%s path *.%s", t.Ext, t.Ext)
		c.line("header @type_%s Content-Type %s", t.Ext, c.q(t.ContentType()))
	}
	c.line("file_server")
	c.close("}")
	c.open("handle_errors {")
	folders, pages := s.notFound()
	for i, folder := range folders {
		name := "notfound_" + strings.NewReplacer("/", "_", ".", "_", "~", "_", "-", "_").Replace(strings.Trim(folder, "/"))
		c.line("@%s expression %s", name, c.qp(fmt.Sprintf("{err.status_code} == 404 && {http.request.orig_uri.path}.startsWith('%s')", folder)))
		c.open("handle @%s {", name)
		c.line("rewrite * %s", strings.TrimPrefix(pages[i], strings.TrimSuffix(s.BasePath, "/")))
		c.line("root * %s", c.q(o.Root))
		caddyHeaders(c, "", append(s.Headers(HTML), Header{"Content-Type", "text/html; charset=utf-8"}), true)
		c.line("file_server")
		c.close("}")
	}
	c.close("}")
	c.close("}")
	return c.done()
}

func caddyMatcher(c Class) string {
	return [...]string{"fingerprinted", "svg", "html", "other"}[c]
}

// caddyHeaders writes one header directive; hideServer also removes
// Caddy's Server header.
func caddyHeaders(c *conf, matcher string, hs []Header, hideServer bool) {
	c.open("header %s{", matcher)
	c.headers("%s %s", hs)
	if hideServer {
		c.line("-Server")
	}
	c.close("}")
}
