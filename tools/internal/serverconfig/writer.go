package serverconfig

import (
	"fmt"
	"strings"
)

// conf builds one configuration file: lines at an indentation, and values
// quoted for the server's syntax. The first value that cannot be quoted
// safely is kept as the error, and nothing is written.
type conf struct {
	b         strings.Builder
	indent    string // one level
	depth     int
	forbidden string // runes with a meaning inside the syntax's quoted strings
	err       error
}

// q quotes v.
func (c *conf) q(v string) string {
	s, err := quote(v, c.forbidden)
	if err != nil && c.err == nil {
		c.err = err
	}
	return s
}

// qp quotes one of this package's path patterns, which hold backslashes
// and braces but never a quote (every syntax here keeps "\." as it is).
func (c *conf) qp(pattern string) string {
	if strings.ContainsAny(pattern, "\"\n") {
		panic("serverconfig: a pattern holds a quote or a line break: " + pattern)
	}
	return `"` + pattern + `"`
}

// line writes one line at the current depth.
func (c *conf) line(format string, args ...any) {
	if format == "" {
		c.b.WriteByte('\n')
		return
	}
	c.b.WriteString(strings.Repeat(c.indent, c.depth))
	fmt.Fprintf(&c.b, format, args...)
	c.b.WriteByte('\n')
}

// headers writes one line per header: format takes its name and quoted value.
func (c *conf) headers(format string, hs []Header) {
	for _, h := range hs {
		c.line(format, h.Name, c.q(h.Value))
	}
}

// open writes a line that opens a block, close ends it.
func (c *conf) open(format string, args ...any) { c.line(format, args...); c.depth++ }
func (c *conf) close(end string)                { c.depth--; c.line("%s", end) }

func (c *conf) done() (string, error) { return c.b.String(), c.err }
