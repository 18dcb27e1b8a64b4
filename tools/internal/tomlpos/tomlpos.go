// Package tomlpos finds the line on which a TOML key is written.
//
// BurntSushi/toml reports unknown keys through MetaData.Undecoded() and
// checks nothing about values, but gives no line numbers for keys. Error
// messages must name the line to fix, so this package indexes a document's
// keys and table headers by their path.
//
// Paths come in two forms: indexed ("params.agenda[2].minutes", the key of
// the third agenda item) and plain ("params.agenda.minutes", as a toml.Key
// prints, which matches every agenda item). It reads the subset of TOML that
// hand-written files use: tables, arrays of tables, bare, quoted and dotted
// keys, and multi-line strings and arrays, which it skips.
package tomlpos

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Index maps key paths of one TOML document to the lines they appear on.
type Index struct {
	indexed map[string]int
	plain   map[string][]int
	offset  int
}

var (
	arrayHeader = regexp.MustCompile(`^\s*\[\[\s*([^\]]+?)\s*\]\]`)
	tableHeader = regexp.MustCompile(`^\s*\[\s*([^\[\]]+?)\s*\]`)
	keyLine     = regexp.MustCompile(`^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$`)
)

// New indexes doc. offset is added to every line, for a document that
// starts inside a larger file (front matter starts on line 2).
func New(doc string, offset int) *Index {
	ix := &Index{indexed: map[string]int{}, plain: map[string][]int{}, offset: offset}
	counts := map[string]int{} // indexed array path -> elements so far
	table := ""                // indexed path of the current table
	var closer string          // the delimiter that ends a multi-line value
	depth := 0                 // open brackets of a multi-line array
	for n, line := range strings.Split(doc, "\n") {
		lineNo := n + 1
		if closer != "" {
			if strings.Contains(line, closer) {
				closer = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketBalance(line)
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if m := arrayHeader.FindStringSubmatch(line); m != nil {
			path := ix.resolve(splitKey(m[1]), counts)
			counts[path]++
			table = path + "[" + strconv.Itoa(counts[path]-1) + "]"
			ix.add(table, lineNo)
			continue
		}
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			table = ix.resolve(splitKey(m[1]), counts)
			ix.add(table, lineNo)
			continue
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		path := strings.Join(splitKey(m[1]), ".")
		if table != "" {
			path = table + "." + path
		}
		ix.add(path, lineNo)
		value := strings.TrimSpace(m[2])
		switch {
		case strings.HasPrefix(value, `"""`) && strings.Count(value, `"""`) == 1:
			closer = `"""`
		case strings.HasPrefix(value, `'''`) && strings.Count(value, `'''`) == 1:
			closer = `'''`
		case strings.HasPrefix(value, "["):
			depth = bracketBalance(value)
		}
	}
	return ix
}

// resolve turns header segments into an indexed path: a segment that names
// an array of tables refers to its last element.
func (ix *Index) resolve(segments []string, counts map[string]int) string {
	path := ""
	for i, s := range segments {
		if path != "" {
			path += "."
		}
		path += s
		if n := counts[path]; n > 0 && i < len(segments)-1 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func (ix *Index) add(path string, line int) {
	if _, seen := ix.indexed[path]; !seen {
		ix.indexed[path] = line
	}
	plain := stripIndexes(path)
	ix.plain[plain] = append(ix.plain[plain], line)
}

// Line returns the line of an indexed path such as "params.agenda[1].id",
// or of its nearest enclosing table when the key itself is not written
// (a missing key is reported where it should have been). ok is false when
// not even the document's top level has a line, and the line is then 1+offset.
func (ix *Index) Line(path string) (line int, ok bool) {
	for p := path; p != ""; p = parent(p) {
		if l, found := ix.indexed[p]; found {
			return l + ix.offset, true
		}
	}
	return 1 + ix.offset, false
}

// Lines returns every line of a plain path such as "params.agenda.minuts"
// (the form of toml.Key.String()), in document order.
func (ix *Index) Lines(plainPath string) []int {
	var lines []int
	for _, l := range ix.plain[plainPath] {
		lines = append(lines, l+ix.offset)
	}
	return lines
}

func parent(path string) string {
	if i := strings.LastIndexAny(path, ".["); i > 0 {
		return path[:i]
	}
	return ""
}

func stripIndexes(path string) string {
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func splitKey(key string) []string {
	var parts []string
	for _, p := range strings.Split(key, ".") {
		p = strings.TrimSpace(p)
		p = strings.Trim(p, `"'`)
		parts = append(parts, p)
	}
	return parts
}

// bracketBalance counts [ minus ] outside strings, to find where a
// multi-line array ends. In a basic ("…") string a backslash escapes the
// next character: ["a\"[b"] is one string, not an array left open.
func bracketBalance(s string) int {
	n := 0
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return n
		case r == '[':
			n++
		case r == ']':
			n--
		}
	}
	return n
}

// SyntaxError is where and what a TOML syntax error in text is, as a
// problem names it: the line of the offending character (the decoder's
// own line is the next one when that character is a line break, as for
// an unclosed [table), and the decoder's message without its own
// position. For an error that is not a syntax error: line 1 and its text.
func SyntaxError(text string, err error) (line int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return 1, err.Error()
	}
	return strings.Count(text[:min(max(pe.Position.Start, 0), len(text))], "\n") + 1, pe.Message
}

// TypeName names the type of a value BurntSushi/toml decoded into an
// any, as a message about a key's value says it ("roles.x.de is a
// number, not text"), for the people who write these files.
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}
