package svgsafe

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// declarations re-writes a style attribute: only presentation properties,
// each value checked like an attribute's.
func (s *sanitizer) declarations(line int, what, text string) (string, error) {
	p := css.NewParser(parse.NewInputString(text), true)
	var out []string
	for {
		gt, _, data := p.Next()
		switch gt {
		case css.ErrorGrammar:
			if errors.Is(p.Err(), io.EOF) {
				return strings.Join(out, ";"), nil
			}
			return "", s.refuse(line, what, "is not valid CSS: "+firstLine(p.Err().Error()), "write it as property: value; property: value")
		case css.DeclarationGrammar:
			d, err := s.declaration(line, what, data, p.Values())
			if err != nil {
				return "", err
			}
			if d != "" {
				out = append(out, d)
			}
		case css.AtRuleGrammar, css.BeginAtRuleGrammar:
			return "", s.refuse(line, what, fmt.Sprintf("holds %s: @-rules such as @import load other files", data), fixCSSRules)
		}
		// Custom properties and comments are left out.
	}
}

// declaration checks one property: value and returns it re-written, or ""
// for a property a logo does not need.
func (s *sanitizer) declaration(line int, what string, property []byte, values []css.Token) (string, error) {
	var v strings.Builder
	for _, t := range values {
		if !closed(t) {
			return "", s.refuse(line, fmt.Sprintf("%s (%s)", what, property), fmt.Sprintf("has a string or url that is not closed: %s", t.Data), "close every quote and bracket")
		}
		v.Write(t.Data)
	}
	value := strings.TrimSpace(v.String())
	name := strings.ToLower(string(property))
	if err := s.value(line, fmt.Sprintf("%s (%s: %s)", what, name, value), value); err != nil {
		return "", err
	}
	if !presentation[name] || strings.ContainsAny(value, "<>&") {
		return "", nil
	}
	return name + ":" + value, nil
}

// stylesheet re-writes the text of a <style> element: plain rules with
// simple selectors and presentation properties; every @-rule is refused.
func (s *sanitizer) stylesheet(line int, text string) (string, error) {
	p := css.NewParser(parse.NewInputString(text), false)
	var out strings.Builder
	counted := 0
	lineOf := func() int {
		if off := min(p.Offset(), len(text)); off > counted {
			line += strings.Count(text[counted:off], "\n")
			counted = off
		}
		return line
	}
	first := true
	for {
		gt, _, data := p.Next()
		switch gt {
		case css.ErrorGrammar:
			if errors.Is(p.Err(), io.EOF) {
				return out.String(), nil
			}
			return "", s.refuse(lineOf(), "the <style> element", "is not valid CSS: "+firstLine(p.Err().Error()), "correct the CSS, or save the logo with presentation attributes")
		case css.AtRuleGrammar, css.BeginAtRuleGrammar:
			return "", s.refuse(lineOf(), fmt.Sprintf("%s in <style>", data), "is not allowed: @-rules such as @import load other files", fixCSSRules)
		case css.BeginRulesetGrammar, css.QualifiedRuleGrammar:
			sel, err := s.selector(lineOf(), p.Values())
			if err != nil {
				return "", err
			}
			out.WriteString(sel)
			if gt == css.QualifiedRuleGrammar {
				out.WriteByte(',')
				continue
			}
			out.WriteByte('{')
			first = true
		case css.DeclarationGrammar:
			d, err := s.declaration(lineOf(), "<style>", data, p.Values())
			if err != nil {
				return "", err
			}
			if d != "" {
				if !first {
					out.WriteByte(';')
				}
				out.WriteString(d)
				first = false
			}
		case css.EndRulesetGrammar:
			out.WriteByte('}')
		}
		// Comments, custom properties and <!-- --> are left out.
	}
}

// selector re-writes a rule's selector from type, class and id selectors,
// pseudo-classes and combinators; anything else is refused.
func (s *sanitizer) selector(line int, tokens []css.Token) (string, error) {
	var b strings.Builder
	for _, t := range tokens {
		ok := false
		switch t.TokenType {
		case css.IdentToken, css.HashToken, css.CommaToken, css.ColonToken:
			ok = !strings.ContainsAny(string(t.Data), `\<>&`)
		case css.WhitespaceToken:
			t.Data = []byte(" ")
			ok = true
		case css.DelimToken:
			ok = strings.Contains(".*>+~", string(t.Data)) && len(t.Data) == 1
		}
		if !ok {
			return "", s.refuse(line, fmt.Sprintf("the selector part %q in <style>", t.Data), "is not allowed", "use type, class and id selectors (path, .cls-1, #logo) and combinators")
		}
		b.Write(t.Data)
	}
	return strings.TrimSpace(b.String()), nil
}

// closed reports whether a token is whole: a string or url that runs to
// the end of the style would, written out, swallow what the writer puts
// after it.
func closed(t css.Token) bool {
	switch t.TokenType {
	case css.BadStringToken, css.BadURLToken:
		return false
	case css.StringToken:
		return len(t.Data) >= 2 && t.Data[len(t.Data)-1] == t.Data[0]
	case css.URLToken:
		return len(t.Data) > 0 && t.Data[len(t.Data)-1] == ')'
	}
	return true
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
