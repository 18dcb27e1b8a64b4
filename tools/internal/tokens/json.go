package tokens

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
)

// token is one design token of a JSON file.
type token struct {
	path string
	raw  *jnode // its $value (DTCG) or value (Style Dictionary)
	typ  string // its $type, or its nearest group's
	line int
}

// jsonFile is a token file being read: its tokens, their resolved values,
// and the problems found.
type jsonFile struct {
	file     string
	tokens   map[string]*token
	order    []string // paths in file order, for stable messages
	state    map[string]int
	resolved map[string]any      // path → resolved value (string, number, []any, map[string]any)
	via      map[string][]string // path → whole-value references followed
	cycles   map[string]bool
	problems []problem.Problem
	tooMany  bool
	suggester
}

const (
	unvisited = iota
	resolving
	done
	failed
)

// ReadJSON reads the design-token file name inside root (the
// organisation's folder, so the file cannot lie outside it) and maps it
// onto the site's properties. file is how messages name it.
func ReadJSON(root *os.Root, name, file string) (*Brand, []problem.Problem) {
	data, p := readBounded(root, name, file)
	if p != nil {
		return nil, []problem.Problem{*p}
	}
	return ParseJSON(data, file)
}

// readBounded reads a token file inside root as package safefile reads
// anything of an organisation's folder: no link, FIFO or device, at most
// MaxFileBytes.
func readBounded(root *os.Root, name, file string) ([]byte, *problem.Problem) {
	data, err := safefile.Read(root, name, MaxFileBytes)
	var se *safefile.Error
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, safefile.ErrTooLarge):
		p := newProblem(file, 1, "point to the theme's own token file, not a bundle of several", "the file is larger than the %d bytes a token file may have", MaxFileBytes)
		return nil, &p
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, safefile.ErrNotLocal), !errors.As(err, &se):
		p := newProblem(file, 1, "put the file in the organisation's folder and name it relative to org.toml", "cannot read the token file: %v", err)
		return nil, &p
	}
	p := newProblem(file, 1, se.Fix(), "cannot read the token file: it is %s", se.Reason())
	return nil, &p
}

// ParseJSON reads a design-token file's text: every token, every reference
// resolved, then the site's properties taken from it (see Properties).
// Problems name the file, the token path, the line and the fix; the Brand
// holds what could be read.
func ParseJSON(data []byte, file string) (*Brand, []problem.Problem) {
	root, errs := readTree(data)
	f := &jsonFile{file: file, tokens: map[string]*token{}, state: map[string]int{},
		resolved: map[string]any{}, via: map[string][]string{}, cycles: map[string]bool{}}
	for _, e := range errs {
		f.problems = append(f.problems, newProblem(file, e.line, e.fix, "%s", e.msg))
	}
	if root == nil {
		return &Brand{File: file}, f.problems
	}
	if sets, ok := tokenSets(root); ok {
		for _, s := range sets {
			f.collect(s, "", "")
		}
	} else {
		f.collect(root, "", "")
	}
	for _, path := range f.order {
		f.resolve(path, nil)
	}
	b := f.mapProperties()
	return b, f.problems
}

// tokenSets returns, for a Tokens Studio file (several token sets in one
// file, ordered by $metadata.tokenSetOrder), the sets to merge in order.
// Sets for a dark colour scheme are left out: the site is light.
func tokenSets(root *jnode) ([]*jnode, bool) {
	meta, ok := root.member("$metadata")
	if !ok {
		return nil, false
	}
	order, ok := meta.member("tokenSetOrder")
	if !ok || order.kind != 'a' {
		return nil, false
	}
	byName := make(map[string]*jnode, len(root.keys))
	for i, k := range root.keys {
		byName[k] = root.vals[i]
	}
	var sets []*jnode
	for _, it := range order.items {
		if it.kind != 's' || isDarkSet(it.str) {
			continue
		}
		if s, ok := byName[it.str]; ok && s.kind == 'o' {
			sets = append(sets, s)
			delete(byName, it.str) // a set named twice is merged once
		}
	}
	return sets, true
}

// isDarkSet tells a token set for the dark colour scheme by its name
// ("color-scheme-dark/common", "dark").
func isDarkSet(name string) bool {
	return slices.Contains(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '/' || r == '-' || r == '_' }), "dark")
}

// collect walks a group, adding its tokens. A later definition of the same
// path (a later token set) replaces an earlier one.
func (f *jsonFile) collect(group *jnode, prefix, typ string) {
	if t, ok := group.member("$type"); ok && t.kind == 's' {
		typ = t.str
	}
	for i, key := range group.keys {
		child := group.vals[i]
		if strings.HasPrefix(key, "$") || child.kind != 'o' {
			continue // metadata ($description, $extensions …), or not a token
		}
		if strings.ContainsAny(key, ".{}") {
			f.problems = append(f.problems, newProblem(f.file, child.line, "rename it without . { or } (they separate and mark references)",
				"%q: a token or group name cannot contain . { or }", prefix+key))
			continue
		}
		path := prefix + key
		raw, isToken := child.member("$value")
		if !isToken {
			raw, isToken = child.member("value")
		}
		if !isToken {
			f.collect(child, path+".", typ)
			continue
		}
		ttyp := typ
		for _, k := range []string{"$type", "type"} {
			if t, ok := child.member(k); ok && t.kind == 's' {
				ttyp = t.str
				break
			}
		}
		if _, seen := f.tokens[path]; !seen {
			if len(f.tokens) >= MaxTokens {
				if !f.tooMany {
					f.tooMany = true
					f.problems = append(f.problems, newProblem(f.file, child.line, "point to the theme's own token file, not a bundle of several",
						"the file has more than %d tokens; the rest are not read", MaxTokens))
				}
				continue
			}
			f.order = append(f.order, path)
		}
		f.tokens[path] = &token{path: path, raw: raw, typ: ttyp, line: child.line}
	}
}

// reference matches one {alias.path} inside a value.
var reference = regexp.MustCompile(`\{([^{}]+)\}`)

// lookup finds the token a reference names. Style Dictionary's older
// "{color.red.value}" form is understood too.
func (f *jsonFile) lookup(ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if _, ok := f.tokens[ref]; ok {
		return ref, true
	}
	for _, suffix := range []string{".value", ".$value"} {
		if p := strings.TrimSuffix(ref, suffix); p != ref {
			if _, ok := f.tokens[p]; ok {
				return p, true
			}
		}
	}
	return "", false
}

// resolve gives a token's value with every reference put in. stack holds
// the tokens whose values wait for this one. It reports a dangling
// reference at the token that has it, and a cycle once, with its path.
func (f *jsonFile) resolve(path string, stack []string) (any, bool) {
	switch f.state[path] {
	case done:
		return f.resolved[path], true
	case failed:
		return nil, false
	case resolving:
		i := slices.Index(stack, path)
		cycle := append(slices.Clone(stack[i:]), path)
		key := slices.Clone(cycle[:len(cycle)-1])
		sort.Strings(key)
		if k := strings.Join(key, " "); !f.cycles[k] {
			f.cycles[k] = true
			t := f.tokens[cycle[0]]
			f.problems = append(f.problems, newProblem(f.file, t.line,
				"make one of these tokens a value instead of a reference",
				"%s: the references go round in a circle: %s", cycle[0], strings.Join(cycle, " → ")))
		}
		for _, p := range cycle {
			f.state[p] = failed
		}
		return nil, false
	}
	if len(stack) >= MaxAliasChain {
		t := f.tokens[path]
		f.problems = append(f.problems, newProblem(f.file, t.line, "refer to the value's token more directly",
			"%s: more than %d references must be followed to reach its value (%s → …)", path, MaxAliasChain, stack[0]))
		f.state[path] = failed
		return nil, false
	}
	f.state[path] = resolving
	t := f.tokens[path]
	v, via, ok := f.value(t, t.raw, append(stack, path))
	if f.state[path] == failed { // a cycle through this token was reported
		return nil, false
	}
	if !ok {
		f.state[path] = failed
		return nil, false
	}
	f.state[path], f.resolved[path], f.via[path] = done, v, via
	return v, true
}

// value resolves the references inside one raw value of token t: a whole
// "{alias}" takes the other token's value (of any type), references inside
// text are put in as text, and composite values (objects, arrays) are
// resolved member by member. via lists the whole-value references followed.
func (f *jsonFile) value(t *token, n *jnode, stack []string) (any, []string, bool) {
	switch n.kind {
	case 's':
		m := reference.FindAllStringSubmatchIndex(n.str, -1)
		if len(m) == 0 {
			return n.str, nil, true
		}
		if len(m) == 1 && m[0][0] == 0 && m[0][1] == len(n.str) {
			target, v, ok := f.follow(t, n.str[m[0][2]:m[0][3]], stack)
			if !ok {
				return nil, nil, false
			}
			return v, append([]string{target}, f.via[target]...), true
		}
		var sb strings.Builder
		last := 0
		for _, loc := range m {
			sb.WriteString(n.str[last:loc[0]])
			ref := n.str[loc[2]:loc[3]]
			_, v, ok := f.follow(t, ref, stack)
			if !ok {
				return nil, nil, false
			}
			text, isText := v.(string)
			if num, isNum := v.(number); isNum {
				text, isText = string(num), true
			}
			if !isText {
				f.problems = append(f.problems, newProblem(f.file, t.line, "refer to a token with a single value, or write the value out",
					"%s: {%s} has a composite value, which cannot be put into the text %q", t.path, ref, n.str))
				return nil, nil, false
			}
			sb.WriteString(text)
			if sb.Len() > MaxValueBytes {
				f.problems = append(f.problems, newProblem(f.file, t.line, "write the value out", "%s: the value grows beyond %d bytes when its references are put in", t.path, MaxValueBytes))
				return nil, nil, false
			}
			last = loc[1]
		}
		sb.WriteString(n.str[last:])
		return sb.String(), nil, true
	case 'n':
		return number(n.str), nil, true
	case 'o':
		obj := map[string]any{}
		for i, k := range n.keys {
			v, _, ok := f.value(t, n.vals[i], stack)
			if !ok {
				return nil, nil, false
			}
			obj[k] = v
		}
		return obj, nil, true
	case 'a':
		var list []any
		for _, it := range n.items {
			v, _, ok := f.value(t, it, stack)
			if !ok {
				return nil, nil, false
			}
			list = append(list, v)
		}
		return list, nil, true
	case 'b':
		return n.b, nil, true
	}
	return nil, nil, true
}

// follow resolves the token a reference of token t names.
func (f *jsonFile) follow(t *token, ref string, stack []string) (string, any, bool) {
	target, ok := f.lookup(ref)
	if !ok {
		f.dangling(t, ref)
		return "", nil, false
	}
	v, ok := f.resolve(target, stack)
	return target, v, ok
}

// number is a JSON number's literal.
type number string

func (f *jsonFile) dangling(t *token, ref string) {
	fix := fmt.Sprintf("define %s in the file, or correct the reference", ref)
	if s := f.suggest(ref, f.order); s != "" {
		fix = fmt.Sprintf("did you mean {%s}? Otherwise define %s in the file", s, ref)
	}
	f.problems = append(f.problems, newProblem(f.file, t.line, fix, "%s: {%s} refers to a token the file does not define", t.path, ref))
}

// mapProperties takes each site property from the first of its tokens that
// the file defines. A token of the wrong kind is refused (the next one in
// the list is not tried: the file meant this one).
func (f *jsonFile) mapProperties() *Brand {
	b := mapOnto(f.file, &f.problems, func(p Property) []string { return p.Tokens },
		func(path string) (int, bool) {
			t, ok := f.tokens[path]
			if !ok {
				return 0, false
			}
			return t.line, true
		},
		func(path string) (any, []string, bool) { return f.resolved[path], f.via[path], f.state[path] == done })
	if len(b.Values) == 0 && len(f.problems) == 0 {
		f.problems = append(f.problems, noneRead(f.file,
			"point to a theme's token file with values (e.g. dist/tokens.json of an NL Design System theme package)",
			"the file has none of the tokens the site reads (basis.color.*, basis.text.font-family.default, utrecht.link.color, …)"))
	}
	return b
}

// serialiseValue writes a resolved value (text from CSS; any JSON value) as
// the kind's CSS.
func serialiseValue(k Kind, v any) (string, error) {
	switch x := v.(type) {
	case string:
		return serialise(k, x)
	case number:
		if k == Length {
			return serialise(k, string(x))
		}
	case []any:
		if k == FontFamily {
			var names []string
			for _, it := range x {
				s, ok := it.(string)
				if !ok {
					return "", fmt.Errorf("the font family list holds %v, not a name", it)
				}
				names = append(names, s)
			}
			return parseFontFamilyList(names)
		}
	case map[string]any:
		switch k {
		case Colour: // DTCG: {"colorSpace": "srgb", "components": [r, g, b], "alpha": 1, "hex": "#…"}
			return dtcgColour(x)
		case Length: // DTCG: {"value": 4, "unit": "px"}
			n, okN := x["value"].(number)
			unit, okU := x["unit"].(string)
			if okN && okU {
				var f float64
				if _, err := fmt.Sscan(string(n), &f); err == nil {
					return lengthOf(f, unit)
				}
			}
		}
	}
	return "", fmt.Errorf("the value %s is not %s", describe(v), kindName(k))
}

// dtcgColour reads a DTCG colour object in the sRGB space (or its hex).
func dtcgColour(x map[string]any) (string, error) {
	if a, ok := x["alpha"].(number); ok && string(a) != "1" {
		return "", fmt.Errorf("the colour is not opaque (alpha %s)", a)
	}
	if space, _ := x["colorSpace"].(string); space == "srgb" {
		comps, _ := x["components"].([]any)
		var ch [3]float64
		ok := len(comps) == 3
		for i := 0; ok && i < 3; i++ {
			n, isNum := comps[i].(number)
			_, err := fmt.Sscan(string(n), &ch[i])
			ok = isNum && err == nil
		}
		if ok {
			return fromUnit(ch[0], ch[1], ch[2]).hex(), nil
		}
	}
	if h, ok := x["hex"].(string); ok {
		return serialise(Colour, h)
	}
	return "", fmt.Errorf("the colour object %s is not in the srgb space and has no hex", describe(x))
}

// describe shows a value in a message, shortened.
func describe(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = fmt.Sprintf("%q", x)
	case number:
		s = string(x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s = "an object with " + strings.Join(keys, ", ")
	case []any:
		s = fmt.Sprintf("a list of %d", len(x))
	default:
		s = fmt.Sprint(x)
	}
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}
