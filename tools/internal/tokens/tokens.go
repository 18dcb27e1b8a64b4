// Package tokens reads an organisation's brand from its design tokens and
// returns the values of the site's own custom properties (--gw-primary,
// --gw-text, …), ready to be written into the variant's brand stylesheet.
//
// Two kinds of file are read:
//
//   - a design-token JSON file, in the Style Dictionary format (`value`), the
//     W3C Design Tokens Community Group format (`$value`, `$type`, groups with
//     `$`-prefixed metadata) or a Tokens Studio file holding several token
//     sets (`$metadata.tokenSetOrder`), as the NL Design System themes
//     publish them (ReadJSON);
//   - a stylesheet whose custom properties make a theme, such as KERN's
//     (ReadCSS), read with a real CSS parser.
//
// Nothing from the file reaches CSS as written: every value is parsed
// (colours, font families, lengths), checked against an allow-list and
// bounds, and written anew (colours as #rrggbb). References ({alias} in JSON,
// var() in CSS) are resolved; cycles, dangling references and values of the
// wrong kind are refused with the token's path, the file and the line.
// Brand.Check applies the site's WCAG AA contrast checks to the result.
//
// Which token feeds which property is the table Properties; orgs/README.md
// documents it token by token.
package tokens

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Kind is what a property's value must be.
type Kind int

const (
	Colour     Kind = iota // an opaque colour, written as #rrggbb
	FontFamily             // a list of font family names
	Length                 // a small length: 0, px, rem or em
)

// Property is one of the site's custom properties (assets/css/site.css,
// :root) that a brand may set, and the tokens that feed it, most specific
// first: the first one the file defines is taken.
type Property struct {
	Name    string   // the custom property, e.g. "--gw-primary"
	Kind    Kind     // what its value must be
	Default string   // its value in assets/css/site.css
	Use     string   // what the site paints with it, for messages and docs
	Tokens  []string // NL Design System token paths (JSON), basis layer first
	KERN    []string // KERN custom properties (CSS)
}

// Properties lists every property a token file can set, in the order of
// the stylesheet's :root. In CSS, an NL Design System token is also found
// under its CSS name (basis.color.default.bg-document as
// --basis-color-default-bg-document), so NL Design System theme
// stylesheets work as well as KERN's.
var Properties = []Property{
	{
		Name: "--gw-primary", Kind: Colour, Default: "#0b4f8a",
		Use: "links, the header band, headings' rules and buttons",
		Tokens: []string{
			"basis.color.accent-1.color-default",
			"utrecht.button.primary-action.background-color",
			"nl.button.primary.background-color",
			"utrecht.link.color",
			"nl.link.color",
		},
		KERN: []string{"--kern-color-action-default"},
	},
	{
		Name: "--gw-on-primary", Kind: Colour, Default: "#ffffff",
		Use: "text on the primary colour (header, buttons)",
		Tokens: []string{
			"basis.color.accent-1-inverse.color-default",
			"utrecht.button.primary-action.color",
			"nl.button.primary.color",
		},
		KERN: []string{"--kern-color-action-on-default"},
	},
	{
		Name: "--gw-accent", Kind: Colour, Default: "#f2b705",
		Use: "the focus ring and the skip link",
		Tokens: []string{
			"basis.focus.background-color",
			"utrecht.focus.background-color",
			"nl.skip-link.focus-visible.background-color",
			"nl.skip-link.background-color",
		},
		KERN: []string{"--kern-color-accent"},
	},
	{
		Name: "--gw-on-accent", Kind: Colour, Default: "#1a1a1a",
		Use: "text on the accent colour (the skip link)",
		Tokens: []string{
			"basis.focus.color",
			"utrecht.focus.color",
			"nl.skip-link.focus-visible.color",
			"nl.skip-link.color",
		},
	},
	{
		Name: "--gw-text", Kind: Colour, Default: "#1a1a1a",
		Use: "body text",
		Tokens: []string{
			"basis.color.default.color-document",
			"utrecht.document.color",
			"nl.paragraph.color",
			"utrecht.paragraph.color",
		},
		KERN: []string{"--kern-color-layout-text-default"},
	},
	{
		Name: "--gw-muted", Kind: Colour, Default: "#4a4a4a",
		Use: "secondary text: hints, captions, the lead",
		Tokens: []string{
			"basis.color.default.color-subtle",
			"utrecht.form-field-description.color",
		},
		KERN: []string{"--kern-color-layout-text-muted"},
	},
	{
		Name: "--gw-bg", Kind: Colour, Default: "#ffffff",
		Use: "the page",
		Tokens: []string{
			"basis.color.default.bg-document",
			"utrecht.document.background-color",
			"utrecht.page-body.background-color",
		},
		KERN: []string{"--kern-color-layout-background-default"},
	},
	{
		Name: "--gw-surface", Kind: Colour, Default: "#f3f5f7",
		Use: "panels: the facts box, notices, table headers",
		Tokens: []string{
			"basis.color.default.bg-subtle",
			"utrecht.surface.background-color",
		},
		KERN: []string{"--kern-color-layout-background-hued"},
	},
	{
		Name: "--gw-border", Kind: Colour, Default: "#6b7580",
		Use: "borders of form fields, cards and tables",
		Tokens: []string{
			"basis.color.default.border-default",
			"basis.form-control.border-color",
			"utrecht.form-control.border-color",
		},
		KERN: []string{"--kern-color-layout-border", "--kern-color-form-input-border"},
	},
	{
		Name: "--gw-line", Kind: Colour, Default: "#8a8a8a",
		Use: "writing lines on printouts",
		Tokens: []string{
			"basis.color.default.border-default",
			"utrecht.form-control.border-color",
		},
		KERN: []string{"--kern-color-layout-border"},
	},
	{
		Name: "--gw-font", Kind: FontFamily,
		Default: `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`,
		Use:     "all text",
		Tokens: []string{
			"basis.text.font-family.default",
			"utrecht.document.font-family",
			"nl.paragraph.font-family",
		},
		KERN: []string{"--kern-typography-font-family-default"},
	},
	{
		Name: "--gw-radius", Kind: Length, Default: "4px",
		Use: "corners of buttons, fields and cards",
		Tokens: []string{
			"basis.border-radius.sm",
			"utrecht.button.border-radius",
			"nl.button.border-radius",
		},
		KERN: []string{"--kern-metric-border-radius-default"},
	},
}

// property returns the table entry of a custom property.
func property(name string) (Property, bool) {
	i := slices.IndexFunc(Properties, func(p Property) bool { return p.Name == name })
	if i < 0 {
		return Property{}, false
	}
	return Properties[i], true
}

// cssName is the custom property an NL Design System token becomes in CSS.
func cssName(path string) string { return "--" + strings.ReplaceAll(path, ".", "-") }

// Value is one property's value and where it came from.
type Value struct {
	Property string   // the custom property, e.g. "--gw-primary"
	CSS      string   // re-serialised, safe inside a declaration: #rrggbb, a quoted family list, a length
	Source   string   // the token path, custom property or org.toml key it came from
	Via      []string // the references followed to reach the value, in order (may be empty)
	File     string   // the file Source is in, as messages name it
	Line     int
}

// Origin describes where a value came from, for messages: the token or
// key, the references followed, the file and the line.
func (v Value) Origin() string { return v.from() }

// from describes where a value came from, for messages.
func (v Value) from() string {
	if v.Source == "" {
		return "the site's default"
	}
	s := v.Source
	for _, r := range v.Via {
		s += " → " + r
	}
	if v.Line > 0 {
		return fmt.Sprintf("%s, %s line %d", s, v.File, v.Line)
	}
	return s
}

// Brand is what a token file gives the site: a value for some of the
// Properties. Properties it does not set keep the site's default.
type Brand struct {
	File     string           // the token file, as messages name it
	Selector string           // CSS only: the selector(s) the theme was read from
	Values   map[string]Value // property name → value
}

// Set gives a property a value written elsewhere (an org.toml key, which
// wins over the token file). The value is parsed and re-serialised like a
// token's; an error says why it is not one.
func (b *Brand) Set(name, value, source, file string, line int) error {
	p, ok := property(name)
	if !ok {
		return fmt.Errorf("%s is not a property a brand can set", name)
	}
	css, err := serialise(p.Kind, value)
	if err != nil {
		return err
	}
	if b.Values == nil {
		b.Values = map[string]Value{}
	}
	b.Values[name] = Value{Property: name, CSS: css, Source: source, File: file, Line: line}
	return nil
}

// Get returns the property's value, or the site's default (with an empty
// Source) when the brand does not set it.
func (b *Brand) Get(name string) Value {
	if v, ok := b.Values[name]; ok {
		v.Property = name
		return v
	}
	p, _ := property(name)
	return Value{Property: name, CSS: p.Default}
}

// CSS is the brand stylesheet: one :root rule setting every property the
// brand sets, in the stylesheet's order. Every value was re-serialised by
// this package, so nothing from the token file is pasted.
func (b *Brand) CSS() string {
	var sb strings.Builder
	sb.WriteString(":root{")
	first := true
	for _, p := range Properties {
		v, ok := b.Values[p.Name]
		if !ok {
			continue
		}
		if !first {
			sb.WriteByte(';')
		}
		first = false
		sb.WriteString(p.Name + ":" + v.CSS)
	}
	sb.WriteString("}\n")
	return sb.String()
}

// serialise parses a value of the given kind and writes it anew.
func serialise(k Kind, s string) (string, error) {
	switch k {
	case Colour:
		c, err := parseColour(s)
		if err != nil {
			return "", err
		}
		return c.hex(), nil
	case FontFamily:
		return parseFontFamilies(s)
	default:
		return parseLength(s)
	}
}

// kindName names a kind in messages.
func kindName(k Kind) string {
	switch k {
	case Colour:
		return "a colour"
	case FontFamily:
		return "a list of font families"
	default:
		return "a length"
	}
}

// example is a value of the kind, for fixes.
func example(k Kind) string {
	switch k {
	case Colour:
		return "#0b4f8a"
	case FontFamily:
		return `"Noto Sans", sans-serif`
	default:
		return "4px"
	}
}

// newProblem builds a problem.Problem.
func newProblem(file string, line int, fix, format string, args ...any) problem.Problem {
	if line < 1 {
		line = 1
	}
	return problem.Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix}
}

// wrongKind is the problem of a token (reached through chain) whose value
// is not of the kind its property needs.
func wrongKind(file string, line int, token, chain string, p Property, err error) problem.Problem {
	return newProblem(file, line,
		fmt.Sprintf("give %s %s, e.g. %s, or a reference to such a token", token, kindName(p.Kind), example(p.Kind)),
		"%s: %s needs %s (%s), but %v", chain, p.Name, kindName(p.Kind), p.Use, err)
}

// noneRead is the problem of a file that sets none of the properties.
func noneRead(file, fix, message string) problem.Problem {
	return newProblem(file, 1, fix+"; orgs/README.md lists the tokens read", "%s", message)
}

// mapOnto takes each site property from the first of its candidates that
// the file defines (lookup gives its line). resolve gives the candidate's
// value with its references put in, and the references followed; false
// when it was refused (the problem is reported). A value of the wrong kind
// is refused, and the next candidate is not tried: the file meant this one.
func mapOnto(file string, problems *[]problem.Problem, candidates func(Property) []string,
	lookup func(name string) (line int, defined bool), resolve func(name string) (any, []string, bool)) *Brand {
	b := &Brand{File: file, Values: map[string]Value{}}
	for _, p := range Properties {
		for _, name := range candidates(p) {
			line, defined := lookup(name)
			if !defined {
				continue
			}
			v, via, ok := resolve(name)
			if !ok {
				break
			}
			css, err := serialiseValue(p.Kind, v)
			if err != nil {
				chain := strings.Join(append([]string{name}, via...), " → ")
				*problems = append(*problems, wrongKind(file, line, name, chain, p, err))
				break
			}
			b.Values[p.Name] = Value{Property: p.Name, CSS: css, Source: name, Via: via, File: file, Line: line}
			break
		}
	}
	return b
}

// suggester finds the did-you-mean of a reference, within bounds: a file
// full of long, wrong references must not make the tool work long.
type suggester struct{ calls int }

const (
	maxSuggestions = 10  // per file
	maxSuggestRef  = 100 // characters of a reference worth comparing
)

// suggest returns the name nearest to ref, or "".
func (s *suggester) suggest(ref string, names []string) string {
	n := utf8.RuneCountInString(ref)
	if s.calls >= maxSuggestions || n > maxSuggestRef {
		return ""
	}
	s.calls++
	// The edit distance is at least the difference in length, and problem.
	// Closest takes nothing further than len/2+2: compare only those near.
	var near []string
	for _, name := range names {
		if d := utf8.RuneCountInString(name) - n; d < n/2+2 && -d < n/2+2 {
			near = append(near, name)
		}
	}
	return problem.Closest(ref, near)
}
