// Package tomlbound bounds how deeply a TOML document nests before it is
// decoded. BurntSushi/toml (like most decoders) spends time and memory
// that grow with the square of the nesting depth: a 10,000-deep inline
// table, 40 KB of text, takes gigabytes. A scan that counts depth and
// nothing else is linear and cheap, so it runs first and a document that
// nests deeper than any hand-written file would is refused with its line.
//
// Depth counts every level a decoder builds, never fewer: two for each
// segment of a table header (any segment may name an array of tables,
// whose element is a level of its own), one for each segment of a dotted
// key, one for an array's elements; an inline table's keys count as keys. The scanner understands
// strings and comments well enough never to count brackets inside them; it
// does not validate anything else (the decoder does that afterwards).
package tomlbound

import "fmt"

// MaxDepth is deeper than any file of this project needs: front matter
// reaches 9 by this count ([[params.agenda.fields]] holding a list of
// inline tables), and the cost of decoding 24 levels is negligible.
const MaxDepth = 24

// DepthError is a document that nests too deeply.
type DepthError struct {
	Line  int // 1-based, within the document
	Depth int // how deep it was when the scan stopped
	Max   int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("the TOML nests more than %d levels deep (tables, dotted keys, inline tables and arrays together)", e.Max)
}

// Fix says what to do about it.
func (e *DepthError) Fix() string {
	return fmt.Sprintf("flatten the structure to at most %d levels: no file of this project needs more", e.Max)
}

// Check returns a *DepthError when doc nests deeper than max.
func Check(doc string, max int) error {
	s := &scanner{doc: doc, line: 1, max: max}
	s.document()
	if s.err != nil {
		return s.err
	}
	return nil
}

// Depth returns how deeply doc nests, by the count Check bounds.
func Depth(doc string) int {
	s := &scanner{doc: doc, line: 1, max: int(^uint(0) >> 1)}
	s.document()
	return s.deepest
}

type scanner struct {
	doc  string
	i    int
	line int
	max  int
	err  *DepthError
	// deepest is the greatest depth seen.
	deepest int
}

func (s *scanner) eof() bool { return s.i >= len(s.doc) || s.err != nil }

func (s *scanner) peek() byte { return s.doc[s.i] }

func (s *scanner) deeper(d int) bool {
	s.deepest = max(s.deepest, d)
	if d > s.max && s.err == nil {
		s.err = &DepthError{Line: s.line, Depth: d, Max: s.max}
	}
	return s.err != nil
}

// space skips blanks; with lines, also newlines and comments.
func (s *scanner) space(lines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case lines && c == '\n':
			s.i++
			s.line++
		case lines && c == '#':
			s.restOfLine()
		default:
			return
		}
	}
}

// restOfLine skips to the next newline (not past it).
func (s *scanner) restOfLine() {
	for !s.eof() && s.peek() != '\n' {
		s.i++
	}
}

func (s *scanner) document() {
	header := 0
	for {
		s.space(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			s.i++
			if !s.eof() && s.peek() == '[' {
				s.i++ // an array of tables
			}
			header = 2 * s.key()
			if s.deeper(header) {
				return
			}
		} else {
			n := s.key()
			s.space(false)
			if !s.eof() && s.peek() == '=' && !s.deeper(header+n) {
				s.i++
				s.value(header + n)
			}
		}
		// Whatever is left of the line (a closing ], a comment, or text
		// that is not TOML, which the decoder will report).
		s.skipLine()
		if s.i == start && !s.eof() {
			s.i++ // always move on
		}
	}
}

// skipLine skips to the end of the line, passing over strings so that a
// quoted # or newline is not taken for a comment or a line end.
func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		switch s.peek() {
		case '"', '\'':
			s.str()
		case '#':
			s.restOfLine()
		default:
			s.i++
		}
	}
}

// key reads a dotted key and returns how many segments it has.
func (s *scanner) key() int {
	n := 0
	for !s.eof() {
		s.space(false)
		if s.eof() {
			break
		}
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			s.str()
		case isBare(c):
			for !s.eof() && isBare(s.peek()) {
				s.i++
			}
		default:
			return n
		}
		n++
		s.space(false)
		if s.eof() || s.peek() != '.' {
			return n
		}
		s.i++
	}
	return n
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// value reads one value at depth d.
func (s *scanner) value(d int) {
	s.space(false)
	if s.eof() || s.deeper(d) {
		return
	}
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '{':
		s.items('}', func() {
			n := s.key()
			s.space(false)
			if !s.eof() && s.peek() == '=' {
				s.i++
				s.value(d + n)
			}
		})
	case '[':
		s.items(']', func() { s.value(d + 1) })
	default:
		// A number, date, boolean or anything else up to where a value ends.
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#', '[', '{', '"', '\'':
				return
			}
			s.i++
		}
	}
}

// items reads the items of an inline table or an array, from its opening
// bracket to close, each with item. Newlines and comments may stand
// between items (TOML 1.1 allows them in inline tables too).
func (s *scanner) items(close byte, item func()) {
	s.i++
	for {
		s.space(true)
		if s.eof() {
			return
		}
		if s.peek() == close {
			s.i++
			return
		}
		start := s.i
		item()
		s.space(true)
		if s.eof() {
			return
		}
		switch s.peek() {
		case ',':
			s.i++
		case close:
			s.i++
			return
		default:
			if s.i == start {
				return // not TOML; the decoder will say so
			}
		}
	}
}

// str skips a basic, literal or multi-line string, counting its lines.
func (s *scanner) str() {
	q := s.peek()
	multi := len(s.doc)-s.i >= 3 && s.doc[s.i+1] == q && s.doc[s.i+2] == q
	if multi {
		s.i += 3
	} else {
		s.i++
	}
	for !s.eof() {
		c := s.peek()
		switch {
		case c == '\\' && q == '"':
			s.i++
			if !s.eof() && s.peek() == '\n' {
				s.line++
			}
			s.i++
		case c == '\n':
			if !multi {
				return // an unterminated string; the decoder will say so
			}
			s.line++
			s.i++
		case c == q:
			if !multi {
				s.i++
				return
			}
			if len(s.doc)-s.i >= 3 && s.doc[s.i+1] == q && s.doc[s.i+2] == q {
				s.i += 3
				// Up to two more quotes belong to the string's content.
				for k := 0; k < 2 && !s.eof() && s.peek() == q; k++ {
					s.i++
				}
				return
			}
			s.i++
		default:
			s.i++
		}
	}
}
