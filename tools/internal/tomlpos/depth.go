package tomlpos

import "strings"

// Depth returns how deep arrays and inline tables nest in doc, and the
// line on which that depth is first reached (0 if doc has none). A table
// header ([a] or [[a]]) counts as its brackets.
//
// It exists to be called before a TOML decoder: BurntSushi/toml takes
// time that grows faster than the square of the nesting (an org.toml of
// 16,000 nested inline tables, 48 KB, took minutes), so a reader of files
// written by others refuses deep nesting first. It skips strings (basic,
// literal and multi-line, with escapes) and comments; on text that is not
// TOML it still returns, in one pass.
func Depth(doc string) (depth, line int) {
	d, ln := 0, 1
	for i := 0; i < len(doc); i++ {
		switch c := doc[i]; c {
		case '\n':
			ln++
		case '#':
			for i+1 < len(doc) && doc[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			delim := string(c)
			if strings.HasPrefix(doc[i:], strings.Repeat(delim, 3)) {
				delim = strings.Repeat(delim, 3)
			}
			j := i + len(delim)
			for j < len(doc) && !strings.HasPrefix(doc[j:], delim) {
				if doc[j] == '\\' && c == '"' && j+1 < len(doc) {
					j++ // an escaped character, also an escaped quote
				}
				if doc[j] == '\n' {
					if len(delim) == 1 {
						break // a one-line string ends with its line at the latest
					}
					ln++
				}
				j++
			}
			if j < len(doc) && doc[j] != '\n' {
				j += len(delim)
			}
			i = j - 1
		case '[', '{':
			if d++; d > depth {
				depth, line = d, ln
			}
		case ']', '}':
			d = max(d-1, 0)
		}
	}
	return depth, line
}
