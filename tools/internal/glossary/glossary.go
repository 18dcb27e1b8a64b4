// Package glossary reads data/glossary.toml, the one name of every method
// and every role in each language and every form of each role's word, and
// adds a method to it.
//
// The file is data, so that no edit of prose can break a build: three
// tables, methods, roles and role_words, each holding one table per id
// whose keys are language codes:
//
//	[methods.planningsgesprek]
//	nl = "Planningsgesprek"
//	de = "Zielvereinbarungsgespräch"
//
//	[role_words.manager]
//	nl = ["leidinggevende", "leidinggevenden"]
//	de = ["Führungskraft", "Führungskräfte", "Führungskräften"]
//
// A third language is one more key in each entry. docs/glossary.md, the
// page people read, shows the same tables: they are made from this file
// (DocTables) between marker comments, and its prose is written by hand.
package glossary

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlbound"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// File is where the glossary lives, relative to the site root. Hugo reads
// it as site data as well (site.Data.glossary), which no template uses.
const File = "data/glossary.toml"

// The tables read, by their key in File.
const (
	Methods = "methods"
	Roles   = "roles"
	// RoleWords lists, per role and language, every form of the role's
	// word (singular, plural, declined) that pages use: the words an
	// organisation may replace ([terms] in org.toml). Parse does not
	// require it; the content check does.
	RoleWords = "role_words"
)

// Sections are the tables of File, in the order the file and the page
// show them.
var Sections = []string{Methods, Roles, RoleWords}

// Entry is one id and its name per language (its forms, in RoleWords).
type Entry struct {
	ID    string
	Names map[string]string   // by language code; in RoleWords, the forms joined by ", "
	Forms map[string][]string // RoleWords only: by language code, as written
	Line  int                 // of its table header, [section.id]
	lines map[string]int      // of each language's key
	langs []string            // its language keys, as Langs lists them
}

// LangLine is the line of the entry's value in lang, or of the entry
// where it has none: where a fix goes.
func (e Entry) LangLine(lang string) int {
	if l, ok := e.lines[lang]; ok {
		return l
	}
	return e.Line
}

// Langs are the language keys of the entry, in the order written (keys
// written on one line, in an inline table, alphabetically).
func (e Entry) Langs() []string { return slices.Clone(e.langs) }

// Table is one section's entries.
type Table struct {
	Langs   []string // every language its entries name, in the order first written
	Entries map[string]Entry
	IDs     []string // in the file's order
	Line    int      // of its first entry
}

// Glossary is the file's tables.
type Glossary struct {
	Tables map[string]*Table // by section: Methods, Roles, RoleWords
	text   string
	pos    *tomlpos.Index
}

// idPattern is the form of every id: a method's is its pages' method
// parameter, and ids are written as bare keys.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads the glossary's text. It returns what it could read and every
// problem, each with its line; which languages an entry must have is the
// site's (CheckLanguages).
func Parse(text string) (*Glossary, []problem.Problem) {
	g := &Glossary{Tables: map[string]*Table{}, text: text, pos: tomlpos.New(text, 0)}
	var problems problem.List
	add := func(line int, fix, format string, args ...any) { problems.Add(File, line, fix, format, args...) }
	var deep *tomlbound.DepthError
	if errors.As(tomlbound.Check(text, tomlbound.MaxDepth), &deep) {
		add(deep.Line, deep.Fix(), "%v", deep)
		return g, problems
	}
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		line, msg := tomlpos.SyntaxError(text, err)
		add(line, "correct the syntax on this line: [methods.<id>] with nl = \"…\", role words as lists, nl = [\"…\", \"…\"]", "not valid TOML: %s", msg)
		return g, problems
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if !slices.Contains(Sections, key) {
			add(g.firstLine(key, raw[key]), problem.DidYouMean(key, Sections, "the glossary's tables"), "unknown table %q", key)
		}
	}
	for _, section := range Sections {
		v, present := raw[section]
		if !present {
			continue
		}
		ids, ok := v.(map[string]any)
		if !ok {
			add(g.firstLine(section, v), fmt.Sprintf("write one table per id: [%s.<id>]", section), "%s is %s, not a table", section, tomlpos.TypeName(v))
			continue
		}
		t := &Table{Entries: map[string]Entry{}}
		g.Tables[section] = t
		for _, id := range g.inFileOrder(section, ids) {
			v := ids[id]
			path := section + "." + id
			if !idPattern.MatchString(id) {
				add(g.line(path), "use lower-case letters, digits and single hyphens", "id %q is not usable", id)
				continue
			}
			names, ok := v.(map[string]any)
			if !ok {
				add(g.line(path), fmt.Sprintf("write [%s] with one key per language, e.g. nl = %s", path, example(section)), "%s is %s, not a table", path, tomlpos.TypeName(v))
				continue
			}
			e := Entry{ID: id, Names: map[string]string{}, Line: g.firstLine(path, v), lines: map[string]int{}}
			if section == RoleWords {
				e.Forms = map[string][]string{}
			}
			for _, lang := range g.inFileOrder(path, names) {
				v := names[lang]
				line := g.line(path + "." + lang)
				e.lines[lang] = line
				e.langs = append(e.langs, lang)
				if section != RoleWords {
					name, ok := v.(string)
					switch {
					case !ok:
						add(line, fmt.Sprintf("write the name as text: %s = %q", lang, "…"), "%s.%s is %s, not text", path, lang, tomlpos.TypeName(v))
					case strings.TrimSpace(name) == "":
						add(line, fmt.Sprintf("write its %s name", lang), "%q has no %s name", id, lang)
					case strings.ContainsAny(name, "\r\n"):
						add(line, "write the name on one line", "the %s name of %q has a line break", lang, id)
					}
					e.Names[lang] = name
					continue
				}
				list, ok := v.([]any)
				if !ok {
					add(line, fmt.Sprintf("write the forms as a list: %s = [\"…\", \"…\"]", lang), "%s.%s is %s, not a list of words", path, lang, tomlpos.TypeName(v))
					continue
				}
				for _, f := range list {
					form, ok := f.(string)
					switch {
					case !ok:
						add(line, "write each form as text in quotes", "a form of %q in %s is %s, not text", id, lang, tomlpos.TypeName(f))
						continue
					case strings.TrimSpace(form) == "":
						add(line, "remove the empty form", "a form of %q in %s is empty", id, lang)
						continue
					case strings.ContainsAny(form, "\r\n"):
						add(line, "write each form on one line", "a form of %q in %s has a line break", id, lang)
					}
					e.Forms[lang] = append(e.Forms[lang], form)
				}
				if len(e.Forms[lang]) == 0 {
					add(line, fmt.Sprintf("give the forms of its word: %s = [\"…\", \"…\"]", lang), "%q has no %s forms", id, lang)
				}
				e.Names[lang] = strings.Join(e.Forms[lang], ", ")
			}
			t.Entries[id] = e
			t.IDs = append(t.IDs, id)
		}
		for _, id := range t.IDs {
			for _, lang := range t.Entries[id].Langs() {
				if !slices.Contains(t.Langs, lang) {
					t.Langs = append(t.Langs, lang)
				}
			}
		}
		if len(t.IDs) > 0 {
			t.Line = t.Entries[t.IDs[0]].Line
		}
		if section != RoleWords {
			problems.Append(sameNames(section, t)...)
		}
	}
	for _, s := range []string{Methods, Roles} {
		if g.Tables[s] == nil {
			add(1, fmt.Sprintf("add a table [%s.<id>] for each %s, with its name in each language: nl = %s", s, strings.TrimSuffix(s, "s"), example(s)), "no %s in the glossary", s)
		}
	}
	return g, problems
}

// sameNames: two methods, or two roles, never share a name in a language,
// or a reader could not tell them apart.
func sameNames(section string, t *Table) []problem.Problem {
	var problems problem.List
	for _, lang := range t.Langs {
		first := map[string]string{}
		for _, id := range t.IDs {
			e := t.Entries[id]
			name := strings.TrimSpace(e.Names[lang])
			if name == "" {
				continue
			}
			if other, dup := first[strings.ToLower(name)]; dup {
				problems.Add(File, e.LangLine(lang), "give each its own name: one name, one "+strings.TrimSuffix(section, "s"),
					"%q and %q are both called %q in %s (first on line %d)", other, id, name, lang, t.Entries[other].LangLine(lang))
				continue
			}
			first[strings.ToLower(name)] = id
		}
	}
	return problems
}

// CheckLanguages returns a problem for every entry that has no value in
// one of langs (the site's languages) and for every key that is no
// language of the site, each on its line.
func (g *Glossary) CheckLanguages(langs []string) []problem.Problem {
	var problems problem.List
	for _, section := range Sections {
		t := g.Tables[section]
		if t == nil {
			continue
		}
		for _, id := range t.IDs {
			e := t.Entries[id]
			for _, lang := range e.Langs() {
				if !slices.Contains(langs, lang) {
					problems.Add(File, e.lines[lang], problem.DidYouMean(lang, langs, "the site's languages in config.toml"),
						"[%s.%s] has a key %q, which is no language of the site", section, id, lang)
				}
			}
			for _, lang := range langs {
				if _, ok := e.lines[lang]; !ok {
					problems.Add(File, e.Line, fmt.Sprintf("add %s = %s under [%s.%s]", lang, example(section), section, id),
						"[%s.%s] has no %s %s", section, id, lang, map[bool]string{true: "forms", false: "name"}[section == RoleWords])
				}
			}
		}
	}
	return problems
}

// example is a value as section holds it, for a fix.
func example(section string) string {
	if section == RoleWords {
		return `["…", "…"]`
	}
	return `"…"`
}

// line is the line of a key path, or of the nearest table that holds it.
func (g *Glossary) line(path string) int {
	l, _ := g.pos.Line(path)
	return l
}

// firstLine is the line of a key path whose value v may be a table that
// is never written as one ([role.manager] makes role): then the first
// line of its keys.
func (g *Glossary) firstLine(path string, v any) int {
	if l, ok := g.pos.Line(path); ok {
		return l
	}
	first := 0
	if m, ok := v.(map[string]any); ok {
		for k, v := range m {
			if l := g.firstLine(path+"."+k, v); l > 1 && (first == 0 || l < first) {
				first = l
			}
		}
	}
	return max(first, 1)
}

// inFileOrder is the keys of the table at path, m, in the order they are
// written, alphabetically where they share a line: problems are
// reported, and entries listed, that way, the same on every run.
func (g *Glossary) inFileOrder(path string, m map[string]any) []string {
	keys := slices.Sorted(maps.Keys(m))
	lines := map[string]int{}
	for _, k := range keys {
		lines[k] = g.firstLine(path+"."+k, m[k])
	}
	slices.SortStableFunc(keys, func(a, b string) int { return lines[a] - lines[b] })
	return keys
}

// Read reads and parses the glossary of the site at root, as content is
// read (package safefile: never blocking, at most limit bytes). Its
// problems are the content check's to report; Read returns what it could
// read.
func Read(root string, limit int64) (*Glossary, error) {
	b, err := safefile.ReadPath(filepath.Join(root, filepath.FromSlash(File)), limit)
	if err != nil {
		return nil, err
	}
	g, _ := Parse(string(b))
	return g, nil
}

// Forms returns, for lang, each role's word forms from the role_words
// table (role id → forms, as written), or nil without the table.
func (g *Glossary) Forms(lang string) map[string][]string {
	t := g.Tables[RoleWords]
	if t == nil {
		return nil
	}
	forms := map[string][]string{}
	for id, e := range t.Entries {
		for _, f := range e.Forms[lang] {
			if f = strings.Join(strings.Fields(f), " "); f != "" {
				forms[id] = append(forms[id], f)
			}
		}
	}
	return forms
}

// Name is the name of id in lang in section's table, and whether it is there.
func (g *Glossary) Name(section, id, lang string) (Entry, string, bool) {
	t := g.Tables[section]
	if t == nil {
		return Entry{}, "", false
	}
	e, ok := t.Entries[id]
	return e, e.Names[lang], ok
}
