package tokens

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Bounds on a theme stylesheet (the file size bound is MaxFileBytes).
const (
	maxRuleNesting = 32
	maxCustomProps = 50_000
)

// rootSelectors are the selectors whose custom properties apply to the
// whole page.
var rootSelectors = []string{":root", "html"}

// decl is one custom property declaration.
type decl struct {
	value string
	line  int
}

// cssFile is a theme stylesheet being read.
type cssFile struct {
	file     string
	props    map[string]decl
	state    map[string]int
	resolved map[string]string
	via      map[string][]string
	problems []problem.Problem
	reported map[string]bool
	suggester
}

// ReadCSS reads the theme stylesheet name inside root and maps its custom
// properties onto the site's. selectors name the rule(s) that define the
// theme (e.g. ".kern-light"); without them the theme is found as
// ParseCSS describes.
func ReadCSS(root *os.Root, name, file string, selectors ...string) (*Brand, []problem.Problem) {
	data, p := readBounded(root, name, file)
	if p != nil {
		return nil, []problem.Problem{*p}
	}
	return ParseCSS(data, file, selectors...)
}

// ParseCSS reads a theme stylesheet's custom properties, with a real CSS
// parser, and maps them onto the site's (see Properties; KERN's custom
// properties and NL Design System tokens in their CSS form are read).
//
// The theme is what applies to a page in light mode: the custom properties
// of :root and html, also inside @media (prefers-color-scheme: light), in
// the order of the file; other @media, @supports and the like are skipped.
// The declarations of the given selectors then apply on top, as they would
// on an element that has them. Without selectors, and when :root defines
// none of the properties the site reads, the one class selector (such as
// NL Design System's .voorbeeld-theme) that defines the most of them is
// taken; Brand.Selector tells which was used.
func ParseCSS(data []byte, file string, selectors ...string) (*Brand, []problem.Problem) {
	c := &cssFile{file: file, state: map[string]int{}, resolved: map[string]string{}, via: map[string][]string{}, reported: map[string]bool{}}
	if len(data) > MaxFileBytes {
		return &Brand{File: file}, []problem.Problem{newProblem(file, 1, "point to the theme's own stylesheet", "the file is larger than the %d bytes a theme stylesheet may have", MaxFileBytes)}
	}
	var wanted []string
	for _, s := range selectors {
		wanted = append(wanted, normaliseSelector(s))
	}
	base, bySelector, ok := c.collect(data)
	if !ok {
		return &Brand{File: file}, c.problems
	}
	c.props = base
	used := strings.Join(rootSelectors, ", ")
	switch {
	case len(wanted) > 0:
		for _, s := range wanted {
			decls, found := bySelector[s]
			if !found {
				c.problems = append(c.problems, newProblem(file, 1, fmt.Sprintf("use one of the file's selectors, e.g. %s", closestSelectors(s, bySelector)),
					"no rule of the file has the selector %s", s))
				continue
			}
			for name, d := range decls {
				c.props[name] = d
			}
		}
		used = strings.Join(wanted, ", ")
	case !definesAny(base):
		if s, problem := c.detectTheme(bySelector); s != "" {
			for name, d := range bySelector[s] {
				c.props[name] = d
			}
			used = s
		} else if problem != nil {
			c.problems = append(c.problems, *problem)
		}
	}
	b := c.mapProperties()
	b.Selector = used
	return b, c.problems
}

// collect reads every custom property declaration: those of the page's
// root (in file order, later ones winning), and those of every other
// plain selector, by selector.
func (c *cssFile) collect(data []byte) (map[string]decl, map[string]map[string]decl, bool) {
	base := map[string]decl{}
	bySelector := map[string]map[string]decl{}
	p := css.NewParser(parse.NewInputBytes(data), false)
	type frame struct {
		included  bool     // at-rule context that applies in light mode
		selectors []string // for a ruleset
	}
	stack := []frame{{included: true}}
	lines := newLineCounter(data)
	count := 0
	for {
		gt, _, name := p.Next()
		top := stack[len(stack)-1]
		switch gt {
		case css.ErrorGrammar:
			if err := p.Err(); err != nil && err.Error() != "EOF" {
				if perr, ok := err.(*parse.Error); ok {
					c.problems = append(c.problems, newProblem(c.file, perr.Line, "correct the CSS syntax here", "not valid CSS: %s", perr.Message))
					return nil, nil, false
				}
			}
			return base, bySelector, true
		case css.BeginAtRuleGrammar:
			if len(stack) > maxRuleNesting {
				c.problems = append(c.problems, newProblem(c.file, lines.at(p.Offset()), "flatten the rules", "rules are nested more than %d deep", maxRuleNesting))
				return nil, nil, false
			}
			stack = append(stack, frame{included: top.included && atRuleApplies(string(name), p.Values())})
		case css.BeginRulesetGrammar:
			if len(stack) > maxRuleNesting {
				c.problems = append(c.problems, newProblem(c.file, lines.at(p.Offset()), "flatten the rules", "rules are nested more than %d deep", maxRuleNesting))
				return nil, nil, false
			}
			stack = append(stack, frame{included: top.included, selectors: splitSelectors(p.Values())})
		case css.EndAtRuleGrammar, css.EndRulesetGrammar:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case css.CustomPropertyGrammar:
			if !top.included || top.selectors == nil {
				continue
			}
			count++
			if count > maxCustomProps {
				c.problems = append(c.problems, newProblem(c.file, lines.at(p.Offset()), "point to the theme's own stylesheet", "the file has more than %d custom properties", maxCustomProps))
				return nil, nil, false
			}
			d := decl{value: string(customValue(p.Values())), line: lines.at(p.Offset())}
			prop := string(name)
			for _, s := range top.selectors {
				if slices.Contains(rootSelectors, s) {
					base[prop] = d
				} else if len(stack) == 2 { // only top-level rules can be chosen as a theme
					if bySelector[s] == nil {
						bySelector[s] = map[string]decl{}
					}
					bySelector[s][prop] = d
				}
			}
		}
	}
}

// customValue is a custom property's value without a trailing !important.
func customValue(vals []css.Token) []byte {
	if len(vals) == 0 {
		return nil
	}
	v := bytes.TrimSpace(vals[0].Data)
	if i := bytes.LastIndexByte(v, '!'); i >= 0 && strings.EqualFold(strings.TrimSpace(string(v[i+1:])), "important") {
		v = bytes.TrimSpace(v[:i])
	}
	return v
}

// atRuleApplies tells whether the rules inside an at-rule apply to a page
// in light mode on a screen of any width: @media (prefers-color-scheme:
// light) and @layer do; other @media, @supports and the rest are skipped.
func atRuleApplies(name string, prelude []css.Token) bool {
	switch strings.ToLower(name) {
	case "@layer":
		return true
	case "@media":
		var sb strings.Builder
		for _, t := range prelude {
			if t.TokenType != css.WhitespaceToken {
				sb.Write(bytes.ToLower(t.Data))
			}
		}
		return sb.String() == "(prefers-color-scheme:light)"
	}
	return false
}

// splitSelectors returns a ruleset's selectors, each normalised.
func splitSelectors(vals []css.Token) []string {
	var out []string
	var sb strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(sb.String()), " "); s != "" {
			out = append(out, s)
		}
		sb.Reset()
	}
	for _, t := range vals {
		if t.TokenType == css.CommaToken {
			flush()
			continue
		}
		sb.Write(t.Data)
	}
	flush()
	return out
}

// normaliseSelector writes a selector given as an option the way
// splitSelectors writes the file's.
func normaliseSelector(s string) string {
	p := css.NewParser(parse.NewInputString(s+"{}"), false)
	if gt, _, _ := p.Next(); gt == css.BeginRulesetGrammar {
		if sel := splitSelectors(p.Values()); len(sel) == 1 {
			return sel[0]
		}
	}
	return strings.TrimSpace(s)
}

// definesAny tells whether declarations hold any property the site reads.
func definesAny(decls map[string]decl) bool {
	for _, p := range Properties {
		for _, name := range cssCandidates(p) {
			if _, ok := decls[name]; ok {
				return true
			}
		}
	}
	return false
}

// detectTheme finds the class selector that defines the most properties
// the site reads.
func (c *cssFile) detectTheme(bySelector map[string]map[string]decl) (string, *problem.Problem) {
	best, bestN, tied := "", 0, []string(nil)
	var names []string
	for s := range bySelector {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		if !isClassSelector(s) {
			continue
		}
		n := 0
		for _, p := range Properties {
			for _, name := range cssCandidates(p) {
				if _, ok := bySelector[s][name]; ok {
					n++
					break
				}
			}
		}
		switch {
		case n > bestN:
			best, bestN, tied = s, n, []string{s}
		case n == bestN && n > 0:
			tied = append(tied, s)
		}
	}
	if bestN == 0 {
		return "", nil
	}
	if len(tied) > 1 {
		p := newProblem(c.file, 1, "choose the theme's selector (the option for tokens_css)", "the theme could be any of %s: they define the same properties", strings.Join(tied, ", "))
		return "", &p
	}
	return best, nil
}

func isClassSelector(s string) bool {
	toks := lexAll(s)
	return len(toks) == 2 && toks[0].TokenType == css.DelimToken && string(toks[0].Data) == "." && toks[1].TokenType == css.IdentToken
}

func closestSelectors(s string, bySelector map[string]map[string]decl) string {
	var names []string
	for n := range bySelector {
		names = append(names, n)
	}
	sort.Strings(names)
	if c := problem.Closest(s, names); c != "" {
		return c
	}
	if len(names) > 5 {
		names = names[:5]
	}
	return strings.Join(append(names, ":root"), ", ")
}

// cssCandidates are the custom properties that feed a site property, most
// specific first: KERN's, then the NL Design System tokens' CSS names.
func cssCandidates(p Property) []string {
	out := slices.Clone(p.KERN)
	for _, t := range p.Tokens {
		out = append(out, cssName(t))
	}
	return out
}

// resolve gives a custom property's value with every var() put in.
func (c *cssFile) resolve(name string, stack []string) (string, bool) {
	switch c.state[name] {
	case done:
		return c.resolved[name], true
	case failed:
		return "", false
	case resolving:
		i := slices.Index(stack, name)
		cycle := append(slices.Clone(stack[i:]), name)
		c.report(name, c.props[cycle[0]].line, "make one of them a value instead of a var()",
			"%s: the var() references go round in a circle: %s", cycle[0], strings.Join(cycle, " → "))
		for _, p := range cycle {
			c.state[p] = failed
		}
		return "", false
	}
	d := c.props[name]
	if len(stack) >= MaxAliasChain {
		c.report(name, d.line, "refer to the value's property more directly", "%s: more than %d var() references must be followed to reach its value", name, MaxAliasChain)
		c.state[name] = failed
		return "", false
	}
	c.state[name] = resolving
	v, ok := c.substitute(name, d, d.value, append(stack, name), 0)
	if c.state[name] == failed {
		return "", false
	}
	if !ok {
		c.state[name] = failed
		return "", false
	}
	c.state[name], c.resolved[name] = done, v
	return v, true
}

func (c *cssFile) report(key string, line int, fix, format string, args ...any) {
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	c.problems = append(c.problems, newProblem(c.file, line, fix, format, args...))
}

// substitute puts every var() in text (the value of property name) by the
// value of the property it names, or its fallback. nested counts the
// fallbacks text lies inside: each level re-reads the rest of the value,
// so without a bound var(--a, var(--b, … nested a million deep would take
// hours.
func (c *cssFile) substitute(name string, d decl, text string, stack []string, nested int) (string, bool) {
	if !strings.Contains(text, "var(") && !strings.Contains(strings.ToLower(text), "var(") {
		return text, true
	}
	l := css.NewLexer(parse.NewInputString(text))
	var out strings.Builder
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			break
		}
		if tt != css.FunctionToken || !strings.EqualFold(string(data), "var(") {
			out.Write(data)
			continue
		}
		// var( --name [, fallback] )
		var ref string
		var fallback strings.Builder
		hasFallback, depth := false, 0
		for {
			tt, data = l.Next()
			if tt == css.ErrorToken {
				c.report(name, d.line, "close the var( with )", "%s: var( is not closed", name)
				return "", false
			}
			if depth == 0 && tt == css.RightParenthesisToken {
				break
			}
			switch tt {
			case css.FunctionToken, css.LeftParenthesisToken:
				depth++
			case css.RightParenthesisToken:
				depth--
			}
			switch {
			case hasFallback:
				fallback.Write(data)
			case tt == css.CommaToken && depth == 0:
				hasFallback = true
			case (tt == css.IdentToken || tt == css.CustomPropertyNameToken) && ref == "" && strings.HasPrefix(string(data), "--"):
				ref = string(data)
			case tt == css.WhitespaceToken || tt == css.CommentToken:
			default:
				c.report(name, d.line, "write var(--name) or var(--name, fallback)", "%s: %q is not a custom property name in var()", name, data)
				return "", false
			}
		}
		var v string
		if _, defined := c.props[ref]; defined {
			var ok bool
			if v, ok = c.resolve(ref, stack); !ok {
				return "", false
			}
		} else if hasFallback {
			if nested >= MaxAliasChain {
				c.report(name, d.line, "write the value out, or define the properties the fallbacks stand in for",
					"%s: var() fallbacks are nested more than %d deep", name, MaxAliasChain)
				return "", false
			}
			var ok bool
			if v, ok = c.substitute(name, d, fallback.String(), stack, nested+1); !ok {
				return "", false
			}
		} else {
			fix := fmt.Sprintf("define %s in the theme, or give var() a fallback", ref)
			if s := c.suggest(ref, c.names()); s != "" {
				fix = fmt.Sprintf("did you mean %s? Otherwise define %s in the theme", s, ref)
			}
			c.report(name, d.line, fix, "%s: var(%s) refers to a custom property the theme does not define", name, ref)
			return "", false
		}
		out.WriteString(v)
		if out.Len() > MaxValueBytes {
			c.report(name, d.line, "write the value out", "%s: the value grows beyond %d bytes when its var() references are put in", name, MaxValueBytes)
			return "", false
		}
	}
	return out.String(), true
}

// names lists the theme's custom properties, for suggestions.
func (c *cssFile) names() []string {
	out := make([]string, 0, len(c.props))
	for n := range c.props {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// mapProperties takes each site property from the first of its custom
// properties that the theme defines.
func (c *cssFile) mapProperties() *Brand {
	b := mapOnto(c.file, &c.problems, cssCandidates,
		func(name string) (int, bool) { d, ok := c.props[name]; return d.line, ok },
		func(name string) (any, []string, bool) { v, ok := c.resolve(name, nil); return v, nil, ok })
	if len(b.Values) == 0 && len(c.problems) == 0 {
		c.problems = append(c.problems, noneRead(c.file,
			"point to the theme's stylesheet (e.g. KERN's dist/kern.css), or name the selector that defines the theme",
			"the stylesheet defines none of the custom properties the site reads (--kern-color-action-default, --basis-color-default-color-document, …)"))
	}
	return b
}

// lineCounter turns growing byte offsets into line numbers.
type lineCounter struct {
	data      []byte
	pos, line int
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, line: 1} }

func (l *lineCounter) at(offset int) int {
	if offset > len(l.data) {
		offset = len(l.data)
	}
	if offset > l.pos {
		l.line += bytes.Count(l.data[l.pos:offset], []byte{'\n'})
		l.pos = offset
	}
	return l.line
}
