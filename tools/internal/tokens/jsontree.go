package tokens

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Bounds on a token file: it is data from a package or a designer, and no
// file may make the tool run long or allocate much.
const (
	MaxFileBytes  = 4 << 20 // the largest published NL Design System token file is about 2 MB
	MaxDepth      = 32      // nesting of JSON objects and arrays
	MaxNodes      = 500_000 // JSON values in all
	MaxTokens     = 20_000  // tokens (a full theme has about 5,500)
	MaxAliasChain = 32      // references followed to reach one value
	MaxValueBytes = 4096    // one value after references are put in
)

// jnode is one JSON value with the line it starts on.
type jnode struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys  []string
	vals  []*jnode
	items []*jnode
	str   string // a string's text or a number's literal
	b     bool
	line  int // the line of the member's key, or of the value in an array
}

// member returns the value of an object's key.
func (n *jnode) member(key string) (*jnode, bool) {
	if n == nil || n.kind != 'o' {
		return nil, false
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], true
		}
	}
	return nil, false
}

// jsonError is a problem found while reading JSON, with its line.
type jsonError struct {
	line      int
	msg, fix  string
	duplicate bool // the file is still usable
}

// treeReader builds jnodes from encoding/json's token stream, counting
// lines from the decoder's offsets as it goes.
type treeReader struct {
	data     []byte
	dec      *json.Decoder
	lines    *lineCounter
	nodes    int
	warnings []jsonError
}

// readTree parses data into a tree. Duplicate keys are reported (the last
// one wins, as in JSON.parse) but do not stop the reading.
func readTree(data []byte) (*jnode, []jsonError) {
	if len(data) > MaxFileBytes {
		return nil, []jsonError{{line: 1, msg: fmt.Sprintf("the file is %d bytes, more than the %d a token file may have", len(data), MaxFileBytes), fix: "point to the theme's own token file, not a bundle of several"}}
	}
	r := &treeReader{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineCounter(data)}
	r.dec.UseNumber()
	root, err := r.value(0)
	if err == nil {
		if _, extra := r.dec.Token(); extra != io.EOF {
			err = &jsonError{line: r.lineAt(int(r.dec.InputOffset())), msg: "not valid JSON: more after the end of the top-level object", fix: "remove what follows the closing }"}
		}
	}
	if err != nil {
		var je *jsonError
		if !errors.As(err, &je) {
			je = r.syntax(err)
		}
		return nil, append(r.warnings, *je)
	}
	if root.kind != 'o' {
		return nil, []jsonError{{line: 1, msg: "a token file must be a JSON object of token groups", fix: `start the file with { and name groups and tokens, e.g. {"basis": {"color": …}}`}}
	}
	return root, r.warnings
}

func (e *jsonError) Error() string { return e.msg }

// lineAt is the line of a byte offset (offsets only ever grow).
func (r *treeReader) lineAt(offset int) int { return r.lines.at(offset) }

func (r *treeReader) syntax(err error) *jsonError {
	off := int(r.dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	msg := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg, off = "the file ends before the JSON is complete", len(r.data)
	}
	return &jsonError{line: r.lineAt(off), msg: "not valid JSON: " + msg, fix: "correct the JSON syntax here (a missing comma, quote or brace is usual)"}
}

func (r *treeReader) value(depth int) (*jnode, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	line := r.lineAt(int(r.dec.InputOffset()))
	return r.valueFrom(tok, line, depth)
}

func (r *treeReader) valueFrom(tok json.Token, line, depth int) (*jnode, error) {
	r.nodes++
	if r.nodes > MaxNodes {
		return nil, &jsonError{line: line, msg: fmt.Sprintf("the file holds more than %d JSON values", MaxNodes), fix: "point to the theme's own token file, not a bundle of several"}
	}
	if depth > MaxDepth {
		return nil, &jsonError{line: line, msg: fmt.Sprintf("groups are nested more than %d deep", MaxDepth), fix: "flatten the groups"}
	}
	n := &jnode{line: line}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = 'o'
			seen := map[string]int{}
			for r.dec.More() {
				kt, err := r.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				kline := r.lineAt(int(r.dec.InputOffset()))
				child, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				child.line = kline
				if first, dup := seen[key]; dup {
					r.warnings = append(r.warnings, jsonError{line: kline, duplicate: true,
						msg: fmt.Sprintf("%q is written twice in the same group (lines %d and %d); the last one counts", key, n.vals[first].line, kline),
						fix: "remove one of them"})
					n.vals[first] = child
					continue
				}
				seen[key] = len(n.keys)
				n.keys, n.vals = append(n.keys, key), append(n.vals, child)
			}
		case '[':
			n.kind = 'a'
			for r.dec.More() {
				child, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, child)
			}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.str = 'n', t.String()
	case bool:
		n.kind, n.b = 'b', t
	default:
		n.kind = 'z'
	}
	return n, nil
}
