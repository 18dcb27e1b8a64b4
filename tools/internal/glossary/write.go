package glossary

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// WithMethod returns the glossary's text with a table for a new method
// added after the last method's, before any comment that leads into what
// follows: every other line stays as it was, comments and order too.
// names gives its name in each language: at least every language the
// methods already have, each one line of text.
func (g *Glossary) WithMethod(id string, names map[string]string) (string, error) {
	t := g.Tables[Methods]
	if t == nil {
		return "", fmt.Errorf("%s has no [%s.…] tables to add %q to", File, Methods, id)
	}
	if _, dup := t.Entries[id]; dup {
		return "", fmt.Errorf("%s already lists %q", File, id)
	}
	if !idPattern.MatchString(id) {
		return "", fmt.Errorf("%q is no usable id: lower-case letters, digits and single hyphens", id)
	}
	langs := slices.Clone(t.Langs)
	for _, lang := range slices.Sorted(maps.Keys(names)) {
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	for _, lang := range langs {
		if name := names[lang]; strings.TrimSpace(name) == "" || strings.ContainsAny(name, "\r\n") {
			return "", fmt.Errorf("no usable %s name for %q (one line of text)", lang, id)
		}
	}

	lines := strings.Split(g.text, "\n")
	last := 0 // the line of the last method's header, or of [methods]
	if len(t.IDs) > 0 {
		last = t.Entries[t.IDs[len(t.IDs)-1]].Line
	} else if l, ok := g.pos.Line(Methods); ok {
		last = l
	}
	// The method's lines end where the next table begins; comments and
	// blank lines just before that table lead into it.
	end := len(lines)
	for _, section := range Sections {
		if next := g.Tables[section]; next != nil {
			for _, e := range next.Entries {
				if e.Line > last && e.Line-1 < end {
					end = e.Line - 1
				}
			}
		}
		if l, ok := g.pos.Line(section); ok && l > last && l-1 < end {
			end = l - 1
		}
	}
	for end > last && end > 0 {
		if s := strings.TrimSpace(lines[end-1]); s != "" && !strings.HasPrefix(s, "#") {
			break
		}
		end--
	}
	entry := strings.Split(tableText(Methods, id, langs, names), "\n")
	if end > 0 {
		entry = append([]string{""}, entry...) // a blank line after the table before it
	}
	rest := lines[end:]
	if len(rest) == 0 || strings.TrimSpace(rest[0]) != "" {
		rest = append([]string{""}, rest...)
	}
	text := strings.Join(slices.Concat(lines[:end], entry, rest), "\n")

	// What was inserted as text must read back as the glossary before,
	// plus the method.
	after, problems := Parse(text)
	if len(problems) > 0 {
		return "", fmt.Errorf("the glossary with %q added does not read: %v", id, problems[0])
	}
	for _, section := range Sections {
		before, now := g.Tables[section], after.Tables[section]
		if before == nil {
			continue
		}
		for oldID, e := range before.Entries {
			if now == nil || !maps.Equal(now.Entries[oldID].Names, e.Names) {
				return "", fmt.Errorf("adding %q would change [%s.%s]: add it to %s by hand", id, section, oldID, File)
			}
		}
	}
	if _, name, ok := after.Name(Methods, id, langs[0]); !ok || name != names[langs[0]] {
		return "", fmt.Errorf("%q does not read back from %s: add it by hand", id, File)
	}
	return text, nil
}

// tableText is the table of one entry of section (not RoleWords), its
// names in langs' order.
func tableText(section, id string, langs []string, names map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s.%s]", section, id)
	for _, lang := range langs {
		fmt.Fprintf(&b, "\n%s = %s", lang, quote(names[lang]))
	}
	return b.String()
}

// quote writes s as a TOML basic string: quotes, backslashes and control
// characters escaped, anything else as it is.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
