package serverconfig

import (
	"regexp"
	"strings"
)

// apache writes a configuration for Apache httpd's server context (Debian:
// conf-available/, enabled with a2enconf). The site is an Alias of its
// base path; its folder's <Directory> holds the types, the 404 page and the
// headers of "other" files, and <FilesMatch> sections (merged after the
// folder's, so their "set" wins) hold those of the other classes. Every
// header is set "always", so 404 responses carry them too.
func apache(s *Site, o Options) (string, error) {
	c := &conf{indent: "    ", forbidden: "$%"} // ${VAR} is expanded at load; % starts a format in Header values
	c.b.WriteString(comment(intro(s, o, "Apache httpd", strings.Join([]string{
		"Needs mod_alias, mod_dir, mod_mime, mod_authz_core and mod_headers",
		"(Debian: a2enmod headers; the others are on by default).",
		"Install (Debian): save as /etc/apache2/conf-available/gesprekswijzer.conf,",
		"then: a2enconf gesprekswijzer && apachectl configtest && systemctl reload apache2.",
		"ServerTokens and ServerSignature apply to the whole server, and the file",
		"read last wins: Debian's conf-available/security.conf sets them too, so",
		"set ServerTokens Prod and ServerSignature Off there as well.",
	}, "\n")), "#"))
	c.line("")
	c.line("ServerTokens Prod")
	c.line("ServerSignature Off")
	c.line("")
	dir := o.Root
	folders, pages := s.notFound()
	if s.BasePath != "/" {
		// Answered before the path is mapped to the folder, so the
		// folder's headers do not apply: the redirect gets its own.
		bare := "^" + regexp.QuoteMeta(strings.TrimSuffix(s.BasePath, "/")) + "$"
		c.line("RedirectMatch 301 %s %s", c.qp(bare), c.q(s.BasePath))
		c.open("<LocationMatch %s>", c.qp(bare))
		c.headers(apacheHeader, s.Headers(HTML))
		c.close("</LocationMatch>")
	}
	// Nothing whose name starts with a dot is served (the output's marker,
	// lock files): 404, with the folder's 404 page and the pages' headers.
	// <LocationMatch> sees the decoded path, so %2e is a dot too; the
	// language folders come last, so that their 404 page wins.
	for i := len(folders) - 1; i >= 0; i-- {
		hidden := "^" + regexp.QuoteMeta(folders[i]) + "(?:.*/)?\\."
		c.line("RedirectMatch 404 %s", c.qp(hidden))
		c.open("<LocationMatch %s>", c.qp(hidden))
		c.line("ErrorDocument 404 %s", c.q(pages[i]))
		c.close("</LocationMatch>")
	}
	c.line("Alias %s %s", c.q(s.BasePath), c.q(strings.TrimSuffix(dir, "/")+"/"))
	c.line("")
	c.open("<Directory %s>", c.q(dir))
	c.line("Options None")
	c.line("AllowOverride None")
	c.line("Require all granted")
	c.line("DirectoryIndex index.html")
	c.line("FileETag MTime Size")
	var text []string
	for _, t := range Types {
		c.line("AddType %s .%s", t.Type, t.Ext)
		if t.Text {
			text = append(text, "."+t.Ext)
		}
	}
	c.line("AddDefaultCharset Off")
	c.line("AddCharset utf-8 %s", strings.Join(text, " "))
	c.line("ErrorDocument 404 %s", c.q(pages[len(pages)-1]))
	c.line("# %s", Other)
	c.headers(apacheHeader, s.Headers(Other))
	c.line("Header always unset X-Powered-By")
	for _, class := range []Class{Fingerprinted, SVG, HTML} {
		c.open("<FilesMatch %s>", c.qp(filePattern(class)))
		c.line("# %s", class)
		c.headers(apacheHeader, s.ClassHeaders(class))
		c.close("</FilesMatch>")
	}
	c.close("</Directory>")
	for i, folder := range folders[:len(folders)-1] {
		c.line("")
		c.open("<Directory %s>", c.q(dir+"/"+strings.TrimSuffix(strings.TrimPrefix(folder, s.BasePath), "/")))
		c.line("ErrorDocument 404 %s", c.q(pages[i]))
		c.close("</Directory>")
	}
	return c.done()
}

// apacheHeader sets a header "always": on 404 responses too.
const apacheHeader = "Header always set %s %s"

// filePattern is a class's pattern over file names, as <FilesMatch> sees
// them: a path ending in "/" is served as its index.html.
func filePattern(c Class) string {
	if c == HTML {
		return `\.html$`
	}
	return classPattern(c)
}
