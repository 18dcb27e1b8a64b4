// Package svgsafe turns an SVG image from an untrusted source (a logo
// from a designer or a download) into one that can be published on the
// site's own origin: it can run nothing and load nothing.
//
// The image is parsed with an XML parser and written out again from what
// was understood, never copied: only allow-listed SVG elements and
// attributes survive, in the SVG namespace, with every value escaped by
// the writer. What could run or load something is refused, with the line
// it is on: a DOCTYPE (and with it every entity), processing
// instructions, script, foreignObject, links, images, animation, event
// attributes, elements and attributes of other namespaces, an href that is
// not a reference to an element of the same image (#id), a url(…) that is
// not url(#id), CSS at-rules such as @import, and CSS escapes (which could
// spell url( without the letters). What is merely unknown and cannot act
// (an editor's data-name attribute, a comment, <metadata>) is left out.
//
// Publish only the bytes Sanitize returns, never the original.
package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Namespaces the sanitiser knows.
const (
	NS      = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// Bounds on what an image may hold: a logo is small.
const (
	MaxDepth    = 64
	MaxElements = 20000
)

// Refusal says what in an SVG was refused, where, and how to fix it.
type Refusal struct {
	Line   int    // 1-based line in the SVG
	What   string // the element, attribute or construct, e.g. "<script>", `attribute onload of <svg>`
	Reason string // why it is refused, e.g. "can run code"
	Fix    string
}

func (r *Refusal) Error() string {
	return fmt.Sprintf("line %d: %s %s", r.Line, r.What, r.Reason)
}

// Fixes, shared by the refusals of one kind.
const (
	fixPlain    = "save the logo as plain SVG (Inkscape: Save As › Plain SVG; Illustrator: SVG with presentation attributes), without scripts, links or editor data"
	fixNoCode   = "remove it: a logo cannot run code"
	fixShapes   = "remove it: a logo may hold shapes, paths, groups, gradients, clip paths, masks, patterns, filters and text"
	fixRef      = `refer only to elements inside the logo, as href="#id"; embed what it uses`
	fixURL      = "refer only to gradients, clip paths, masks, markers, patterns or filters inside the logo, as url(#id)"
	fixCSSRules = "write the styles as presentation attributes or plain rules (selector { property: value }), without @-rules"
	fixImage    = "use the PNG itself as the logo (logo = \"logo.png\"), or convert the picture to paths"
	fixXML      = "export the image as SVG again: it is not well-formed XML"
)

// elements are the SVG elements a logo may hold.
var elements = set(
	"svg", "g", "defs", "symbol", "use", "title", "desc", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath",
	"linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
	"filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feFuncR", "feFuncG", "feFuncB", "feFuncA",
	"feComposite", "feDropShadow", "feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
)

// textElements keep their character data.
var textElements = set("text", "tspan", "textPath", "title", "desc")

// dropped elements are left out with everything in them: they are never
// rendered, and editors fill them with data of other namespaces.
var dropped = set("metadata")

// refusedElements get their own reason and fix; every other element
// outside the allow-list is refused as "not allowed in a logo".
var refusedElements = map[string][2]string{
	"script":           {"can run code", fixNoCode},
	"handler":          {"can run code", fixNoCode},
	"listener":         {"can run code", fixNoCode},
	"foreignObject":    {"can embed HTML, and with it script", fixShapes},
	"iframe":           {"can load another page", fixShapes},
	"a":                {"is a link", "remove it: a logo is not a link (the site links it to the home page)"},
	"image":            {"loads or embeds another file", fixImage},
	"feImage":          {"loads or embeds another file", fixImage},
	"animate":          {"can change attributes, links included", "remove the animation: a logo does not move"},
	"animateMotion":    {"can change attributes, links included", "remove the animation: a logo does not move"},
	"animateTransform": {"can change attributes, links included", "remove the animation: a logo does not move"},
	"set":              {"can change attributes, links included", "remove the animation: a logo does not move"},
	"discard":          {"is animation", "remove the animation: a logo does not move"},
	"cursor":           {"loads another file", fixShapes},
	"font-face-uri":    {"loads another file", fixShapes},
}

// presentation are the properties a logo may set, as attributes or in CSS.
var presentation = set(
	"alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
	"color-interpolation", "color-interpolation-filters", "color-rendering", "direction",
	"display", "dominant-baseline", "fill", "fill-opacity", "fill-rule", "filter",
	"flood-color", "flood-opacity", "font", "font-family", "font-size", "font-size-adjust",
	"font-stretch", "font-style", "font-variant", "font-weight", "image-rendering", "isolation",
	"letter-spacing", "lighting-color", "marker", "marker-end", "marker-mid", "marker-start", "mask",
	"mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order", "shape-rendering", "stop-color",
	"stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap",
	"stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor",
	"text-decoration", "text-rendering", "transform", "transform-box", "transform-origin", "unicode-bidi",
	"vector-effect", "visibility", "white-space", "word-spacing", "writing-mode",
)

// geometry are the other attributes a logo may have: shapes, gradients,
// text layout, clip paths, masks, patterns, markers and filters.
var geometry = set(
	"id", "class", "style", "viewBox", "preserveAspectRatio", "width", "height", "x", "y",
	"x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength",
	"offset", "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits", "maskUnits",
	"maskContentUnits", "patternUnits", "patternContentUnits", "patternTransform", "markerUnits",
	"markerWidth", "markerHeight", "refX", "refY", "orient", "dx", "dy", "rotate", "textLength",
	"lengthAdjust", "startOffset", "method", "spacing", "side",
	"filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "type", "values",
	"operator", "k1", "k2", "k3", "k4", "radius", "tableValues", "slope", "intercept", "amplitude",
	"exponent",
)

// functions may appear in attribute and CSS values (url only as url(#id)).
var functions = set("url", "rgb", "rgba", "hsl", "hsla", "matrix", "translate", "translatex", "translatey",
	"scale", "scalex", "scaley", "rotate", "skewx", "skewy")

var (
	idRef    = regexp.MustCompile(`^#[A-Za-z_][A-Za-z0-9_.:-]*$`)
	urlIDRef = regexp.MustCompile(`^\s*(?:#[A-Za-z_][A-Za-z0-9_.:-]*|'#[A-Za-z_][A-Za-z0-9_.:-]*'|"#[A-Za-z_][A-Za-z0-9_.:-]*")\s*$`)
	fnArgs   = regexp.MustCompile(`^[A-Za-z0-9.,+\-%\s/]*$`)
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Sanitize parses svg and returns it written out again with only what a
// logo may hold, or a *Refusal saying what it may not hold and where.
func Sanitize(svg []byte) ([]byte, error) {
	s := &sanitizer{src: svg, ids: map[string]*element{}, line: 1}
	if err := s.run(); err != nil {
		return nil, err
	}
	return s.out.Bytes(), nil
}

// element is an open element while the document is read.
type element struct {
	name    string
	line    int
	drop    bool // left out with its content
	style   bool // a <style>: its text is CSS
	text    bool // its character data is kept
	pending bool // start tag written without its ">" yet (may become "/>")
	css     strings.Builder
	cssLine int  // line of the style's first text
	hasUse  bool // it is or contains a <use>
}

type useRef struct {
	target string
	line   int
}

type sanitizer struct {
	src      []byte
	out      bytes.Buffer
	stack    []*element
	ids      map[string]*element
	uses     []useRef
	rootDone bool
	count    int
	lineOff  int64 // lineAt's last offset and its line
	line     int
}

func (s *sanitizer) refuse(line int, what, reason, fix string) error {
	return &Refusal{Line: line, What: what, Reason: reason, Fix: fix}
}

// lineAt is the 1-based line of a byte offset in the source. Offsets
// mostly grow, so it counts on from the last one asked (a logo of many
// elements is not counted from the start for each).
func (s *sanitizer) lineAt(off int64) int {
	off = min(max(off, 0), int64(len(s.src)))
	if off < s.lineOff {
		s.lineOff, s.line = 0, 1
	}
	s.line += bytes.Count(s.src[s.lineOff:off], []byte("\n"))
	s.lineOff = off
	return s.line
}

func (s *sanitizer) run() error {
	d := xml.NewDecoder(bytes.NewReader(s.src))
	d.Strict = true // and no Entity map, no CharsetReader: no entities, UTF-8 only
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
				if strings.Contains(se.Msg, "entity") {
					return s.refuse(line, "an entity reference", "is not allowed (entities can hide script or read other files): "+se.Msg, fixPlain)
				}
				return s.refuse(line, "the file", "is not well-formed XML: "+se.Msg, fixXML)
			}
			return s.refuse(line, "the file", "cannot be read as XML: "+err.Error(), fixXML)
		}
		line := s.lineAt(off)
		switch t := tok.(type) {
		case xml.ProcInst:
			if t.Target == "xml" && off == 0 {
				continue // the XML declaration; the decoder refuses other encodings than UTF-8
			}
			return s.refuse(line, fmt.Sprintf("the processing instruction <?%s?>", t.Target), "is not allowed (it can load a stylesheet)", "remove it")
		case xml.Directive:
			what := "the declaration <!" + firstWord(string(t)) + ">"
			return s.refuse(line, what, "is not allowed: a DOCTYPE can define entities that hide script or read other files", "remove the <!DOCTYPE …> declaration; a logo needs none")
		case xml.Comment:
			// left out
		case xml.CharData:
			s.text(t, off)
		case xml.StartElement:
			if err := s.start(t, line, off, d); err != nil {
				return err
			}
		case xml.EndElement:
			if err := s.end(); err != nil {
				return err
			}
		}
	}
	if !s.rootDone {
		return s.refuse(1, "the file", "has no <svg> element", "export the image as SVG")
	}
	for _, u := range s.uses {
		if t, ok := s.ids[u.target]; ok && t.hasUse {
			return s.refuse(u.line, "<use href=\"#"+u.target+"\">", "repeats an element that itself holds <use>, which can multiply the drawing without limit", "let <use> refer only to elements without <use> in them")
		}
	}
	return nil
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		return s[:i]
	}
	return s
}

func (s *sanitizer) top() *element {
	if len(s.stack) == 0 {
		return nil
	}
	return s.stack[len(s.stack)-1]
}

// closePending ends a start tag written without its ">".
func (s *sanitizer) closePending() {
	if e := s.top(); e != nil && e.pending {
		s.out.WriteByte('>')
		e.pending = false
	}
}

func (s *sanitizer) dropping() bool {
	for _, e := range s.stack {
		if e.drop {
			return true
		}
	}
	return false
}

func (s *sanitizer) text(t xml.CharData, off int64) {
	e := s.top()
	if e == nil || s.dropping() {
		return
	}
	switch {
	case e.style:
		if e.css.Len() == 0 {
			e.cssLine = s.lineAt(off)
		}
		e.css.Write(t)
	case e.text:
		s.closePending()
		xml.EscapeText(&s.out, t)
	}
	// Text anywhere else is not rendered: left out.
}

func (s *sanitizer) start(t xml.StartElement, line int, off int64, d *xml.Decoder) error {
	if s.dropping() {
		s.stack = append(s.stack, &element{name: t.Name.Local, drop: true})
		return nil
	}
	name := t.Name.Local
	tag := "<" + name + ">"
	if len(s.stack) == 0 {
		if s.rootDone {
			return s.refuse(line, tag, "comes after the end of the image", "remove everything after </svg>")
		}
		if name != "svg" || (t.Name.Space != "" && t.Name.Space != NS) {
			return s.refuse(line, tag, "is the first element: this is not an SVG image", "export the image as SVG, or give the file the extension of what it is")
		}
	}
	if t.Name.Space != "" && t.Name.Space != NS {
		return s.refuse(line, tag, fmt.Sprintf("belongs to another namespace (%s) than SVG", t.Name.Space), fixPlain)
	}
	if r, ok := refusedElements[name]; ok {
		return s.refuse(line, tag, r[0], r[1])
	}
	if parent := s.top(); parent != nil && parent.style {
		return s.refuse(line, tag, "is inside <style>", "a <style> element holds only CSS")
	}
	if dropped[name] {
		s.stack = append(s.stack, &element{name: name, drop: true})
		return nil
	}
	if !elements[name] {
		return s.refuse(line, tag, "is not allowed in a logo", fixShapes)
	}
	if len(s.stack) >= MaxDepth {
		return s.refuse(line, tag, fmt.Sprintf("is nested more than %d elements deep", MaxDepth), "flatten the groups")
	}
	if s.count++; s.count > MaxElements {
		return s.refuse(line, tag, fmt.Sprintf("is element number %d; a logo may have at most %d", s.count, MaxElements), "simplify the drawing")
	}
	s.closePending()
	e := &element{name: name, line: line, style: name == "style", text: textElements[name]}
	s.out.WriteString("<" + name)
	if len(s.stack) == 0 {
		s.out.WriteString(` xmlns="` + NS + `"`)
	}
	rawTag := s.src[min(int(off), len(s.src)):min(int(d.InputOffset()), len(s.src))]
	for _, a := range t.Attr {
		if err := s.attr(e, a, line, rawTag); err != nil {
			return err
		}
	}
	if name == "use" {
		e.hasUse = true
		for _, open := range s.stack {
			open.hasUse = true
		}
	}
	e.pending = true
	s.stack = append(s.stack, e)
	return nil
}

// attrLine finds the line of an attribute inside its start tag, which may
// span several lines.
func (s *sanitizer) attrLine(line int, rawTag []byte, local string) int {
	i := bytes.Index(rawTag, []byte(local))
	if i < 0 {
		return line
	}
	return line + bytes.Count(rawTag[:i], []byte("\n"))
}

func (s *sanitizer) attr(e *element, a xml.Attr, line int, rawTag []byte) error {
	local, space := a.Name.Local, a.Name.Space
	at := s.attrLine(line, rawTag, local)
	shown := local
	switch space {
	case "":
	case xlinkNS:
		shown = "xlink:" + local
	case xmlNS:
		shown = "xml:" + local
	default:
		shown = space + ":" + local
	}
	what := fmt.Sprintf("attribute %s of <%s>", shown, e.name)
	switch {
	case strings.HasPrefix(strings.ToLower(local), "on"):
		return s.refuse(at, what, "is an event handler: it can run code", fixNoCode)
	case space == "xmlns" || (space == "" && local == "xmlns"):
		return nil // namespace declarations: the writer declares SVG's itself
	case local == "href" && (space == "" || space == xlinkNS || space == "xlink"):
		if !idRef.MatchString(a.Value) {
			return s.refuse(at, what, fmt.Sprintf("refers to %q, which is not an element of this image (#id)", a.Value), fixRef)
		}
		if e.name == "use" {
			s.uses = append(s.uses, useRef{target: a.Value[1:], line: at})
		}
		s.writeAttr("href", a.Value)
		return nil
	case space == xlinkNS || space == "xlink":
		return nil // xlink:title, :show, :actuate… belong to links, which a logo has not
	case space == xmlNS || space == "xml":
		if local == "space" || local == "lang" {
			if err := s.value(at, what, a.Value); err != nil {
				return err
			}
			s.writeAttr("xml:"+local, a.Value)
		}
		return nil
	case space != "":
		return s.refuse(at, what, fmt.Sprintf("belongs to another namespace (%s) than SVG", space), fixPlain)
	}
	if err := s.value(at, what, a.Value); err != nil {
		return err
	}
	switch {
	case local == "style":
		css, err := s.declarations(at, what, a.Value)
		if err != nil {
			return err
		}
		if css != "" {
			s.writeAttr("style", css)
		}
	case local == "id":
		if !idRef.MatchString("#" + a.Value) {
			return s.refuse(at, what, fmt.Sprintf("%q is not a plain id", a.Value), "use letters, digits, -, _, . and : in ids, starting with a letter")
		}
		if _, dup := s.ids[a.Value]; !dup {
			s.ids[a.Value] = e
		}
		s.writeAttr(local, a.Value)
	case local == "type" && e.name == "style":
		// text/css is the default; anything else is no concern of a logo
	case presentation[local] || geometry[local]:
		s.writeAttr(local, a.Value)
	}
	// Anything else (data-name, version, enable-background, …) cannot act
	// and is left out.
	return nil
}

func (s *sanitizer) writeAttr(name, value string) {
	s.out.WriteString(" " + name + `="`)
	xml.EscapeText(&s.out, []byte(value))
	s.out.WriteByte('"')
}

// value checks an attribute or CSS value: no CSS escapes, no at-rules, no
// function but colours and transforms, url only as url(#id).
func (s *sanitizer) value(line int, what, v string) error {
	if reason := checkValue(v); reason != "" {
		fix := fixURL
		switch {
		case strings.Contains(reason, "@"):
			fix = fixCSSRules
		case strings.Contains(reason, "backslash"):
			fix = "write the value without \\ escapes"
		case !strings.Contains(reason, "url"):
			fix = "use only colours, numbers, url(#id) and transforms (matrix, translate, scale, rotate, skewX, skewY)"
		}
		return s.refuse(line, what, reason, fix)
	}
	return nil
}

// checkValue returns why v may not be published, or "".
func checkValue(v string) string {
	if strings.ContainsRune(v, '\\') {
		return "holds a backslash: a CSS escape can spell url( in other letters"
	}
	if i := strings.IndexByte(v, '@'); i >= 0 {
		return fmt.Sprintf("holds %q: @-rules such as @import load other files", atWord(v[i:]))
	}
	for i := 0; i < len(v); i++ {
		if v[i] != '(' {
			continue
		}
		j := i
		for j > 0 && (v[j-1] == ' ' || v[j-1] == '\t' || v[j-1] == '\n' || v[j-1] == '\r') {
			j-- // "url (" is not a function in CSS, but refuse it all the same
		}
		k := j
		for k > 0 && isNameByte(v[k-1]) {
			k--
		}
		name := strings.ToLower(v[k:j])
		end := strings.IndexByte(v[i:], ')')
		if end < 0 {
			return fmt.Sprintf("opens %s( without closing it", name)
		}
		args := v[i+1 : i+end]
		switch {
		case name == "":
			return "holds a bracket that belongs to no function"
		case !functions[name]:
			return fmt.Sprintf("uses %s(…), which is not allowed (only colours, transforms and url(#id))", name)
		case name == "url":
			if !urlIDRef.MatchString(args) {
				return fmt.Sprintf("refers to url(%s), which is not an element of this image (url(#id))", args)
			}
		case !fnArgs.MatchString(args):
			return fmt.Sprintf("gives %s(…) arguments that are not numbers", name)
		}
		i += end
	}
	return ""
}

func atWord(s string) string {
	n := 1
	for n < len(s) && isNameByte(s[n]) {
		n++
	}
	return s[:n]
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func (s *sanitizer) end() error {
	e := s.top()
	if e.drop {
		s.stack = s.stack[:len(s.stack)-1]
		return nil
	}
	if e.style {
		css, err := s.stylesheet(e.cssLine, e.css.String())
		if err != nil {
			return err
		}
		if css != "" {
			s.closePending()
			xml.EscapeText(&s.out, []byte(css))
		}
	}
	if e.pending {
		s.out.WriteString("/>")
	} else {
		s.out.WriteString("</" + e.name + ">")
	}
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.rootDone = true
	}
	return nil
}
