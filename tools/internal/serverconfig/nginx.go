package serverconfig

import (
	"slices"
	"strings"
)

// nginx writes location blocks to include in a server block. Each folder
// with its own 404 page (the base path, each language's folder) is a
// location of its own, with nested locations per class: nginx takes the
// longest prefix, then the first regular expression. add_header is not
// inherited by a block that has its own, so every block repeats them all,
// with "always" so that 404 responses carry them too.
func nginx(s *Site, o Options) (string, error) {
	c := &conf{indent: "    ", forbidden: "$"} // "$" starts a variable even in quotes
	c.b.WriteString(comment(intro(s, o, "nginx", strings.Join([]string{
		"Install: save as /etc/nginx/snippets/gesprekswijzer.conf, include it in the",
		"host's server block (server { … include snippets/gesprekswijzer.conf; }),",
		"then: nginx -t && nginx -s reload (or systemctl reload nginx).",
	}, "\n")), "#"))
	c.line("")
	if s.BasePath != "/" {
		// The redirect to the base path carries the pages' headers too.
		c.open("location = %s {", strings.TrimSuffix(s.BasePath, "/"))
		c.line("absolute_redirect off;")
		c.line("server_tokens off;")
		c.headers(nginxHeader, s.Headers(HTML))
		c.line("return 301 %s;", c.q(s.BasePath))
		c.close("}")
		c.line("")
	}
	folders, pages := s.notFound()
	for i, folder := range folders {
		c.open("location ^~ %s {", folder)
		c.line("alias %s;", c.q(o.Root+"/"+strings.TrimPrefix(folder, s.BasePath)))
		c.line("index index.html;")
		c.line("autoindex off;")
		c.line("server_tokens off;")
		c.line("absolute_redirect off;")
		// A folder without index.html is refused (403) rather than listed:
		// answer as for any path that is not a page.
		c.line("error_page 403 404 =404 %s;", c.q(pages[i]))
		c.line("charset utf-8;")
		var text []string // text/html always gets the charset; naming it again warns
		for _, t := range Types {
			if t.Text && t.Type != "text/html" && !slices.Contains(text, t.Type) {
				text = append(text, t.Type)
			}
		}
		c.line("charset_types %s;", strings.Join(text, " "))
		c.open("types {")
		for _, t := range Types {
			c.line("%s %s;", t.Type, t.Ext)
		}
		c.close("}")
		c.line("default_type application/octet-stream;")
		c.line("# %s", Other)
		c.headers(nginxHeader, s.Headers(Other))
		// First of the nested locations: nginx takes the first regular
		// expression that matches ($uri is decoded, so %2e is a dot too).
		c.open("location ~ %s {", c.qp(HiddenPattern))
		c.line("# hidden: never served")
		c.line("return 404;")
		c.close("}")
		for _, class := range []Class{Fingerprinted, SVG, HTML} {
			c.open("location ~ %s {", c.qp(classPattern(class)))
			c.line("# %s", class)
			c.headers(nginxHeader, s.Headers(class))
			c.close("}")
		}
		c.close("}")
	}
	return c.done()
}

// nginxHeader sets a header "always": on 404 responses too.
const nginxHeader = "add_header %s %s always;"

// classPattern is the path pattern of a class (Other has none: it is
// what the others leave).
func classPattern(c Class) string {
	switch c {
	case Fingerprinted:
		return FingerprintedPattern
	case SVG:
		return SVGPattern
	case HTML:
		return HTMLPattern
	}
	return ""
}
