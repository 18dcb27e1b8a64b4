// Package glossary reads docs/glossary.md, the one name of every method and
// every role in each language, and adds a method to it.
//
// The file is Markdown for people to read; the parts this package reads are
// three sections, "## Methods", "## Roles" and "## Role words", each
// holding a table whose header is "| id | <lang> | <lang> |" (one column
// per language) and whose rows give an id and its name in each language —
// in "Role words", every form of the role's word that pages use, separated
// by commas. Anything else in the file (prose, other sections, other
// tables) is left alone.
package glossary

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
)

// File is where the glossary lives, relative to the site root.
const File = "docs/glossary.md"

// The sections read, by heading.
const (
	Methods = "Methods"
	Roles   = "Roles"
	// RoleWords lists, per role and language, every form of the role's
	// word (singular, plural, declined) that pages use: the words an
	// organisation may replace ([terms] in org.toml). Parse does not
	// require it; the content check does.
	RoleWords = "Role words"
)

// Entry is one row: an id and its name per language.
type Entry struct {
	ID    string
	Names map[string]string // by language code
	Line  int
}

// Table is one section's table.
type Table struct {
	Langs   []string // the columns after id, in order
	Entries map[string]Entry
	Line    int // of its header row; 0 if the section has no table
	end     int // index of the line after its last row
}

// Glossary is the file's two tables.
type Glossary struct {
	Tables map[string]*Table // by section: Methods, Roles
	lines  []string
}

var (
	heading   = regexp.MustCompile(`^##\s+(.+?)\s*$`)
	separator = regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+\s*$`)
)

// Parse reads the glossary's text. It returns what it could read and every
// problem, each with its line.
func Parse(text string) (*Glossary, []problem.Problem) {
	g := &Glossary{Tables: map[string]*Table{}, lines: strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")}
	var problems []problem.Problem
	var section string
	var table *Table
	for i, line := range g.lines {
		n := i + 1
		if m := heading.FindStringSubmatch(line); m != nil {
			if table != nil && table.end == 0 {
				table.end = i
			}
			section, table = "", nil
			if m[1] == Methods || m[1] == Roles || m[1] == RoleWords {
				section = m[1]
				if g.Tables[section] != nil {
					problems = append(problems, problem.Problem{File: File, Line: n, Message: fmt.Sprintf("a second section %q", section), Fix: "keep one ## " + section + " section"})
					section = ""
				}
			}
			continue
		}
		if section == "" || !strings.HasPrefix(strings.TrimSpace(line), "|") {
			if table != nil && table.end == 0 {
				table.end = i
			}
			continue
		}
		cells := splitRow(line)
		switch {
		case table == nil && g.Tables[section] == nil:
			if len(cells) < 2 || cells[0] != "id" {
				problems = append(problems, problem.Problem{File: File, Line: n, Message: "the table's header is not | id | nl | de |", Fix: "start the table with the row | id | nl | de |"})
				section = ""
				continue
			}
			table = &Table{Langs: cells[1:], Entries: map[string]Entry{}, Line: n}
			g.Tables[section] = table
		case table == nil:
			// a second table in the section: not ours to read
		case separator.MatchString(strings.TrimSpace(line)):
		default:
			if len(cells) != len(table.Langs)+1 {
				problems = append(problems, problem.Problem{File: File, Line: n, Message: fmt.Sprintf("a row with %d cells in a table with %d columns", len(cells), len(table.Langs)+1), Fix: "write | id | " + strings.Join(table.Langs, " name | ") + " name |"})
				continue
			}
			e := Entry{ID: cells[0], Names: map[string]string{}, Line: n}
			if first, dup := table.Entries[e.ID]; dup {
				problems = append(problems, problem.Problem{File: File, Line: n, Message: fmt.Sprintf("%q is listed twice (first on line %d)", e.ID, first.Line), Fix: "keep one row per id"})
				continue
			}
			for k, lang := range table.Langs {
				e.Names[lang] = cells[k+1]
				if cells[k+1] == "" {
					problems = append(problems, problem.Problem{File: File, Line: n, Message: fmt.Sprintf("%q has no %s name", e.ID, lang), Fix: "write its " + lang + " name in the " + lang + " column"})
				}
			}
			table.Entries[e.ID] = e
		}
	}
	for _, t := range g.Tables {
		if t.end == 0 {
			t.end = len(g.lines)
		}
	}
	for _, s := range []string{Methods, Roles} {
		if g.Tables[s] == nil {
			problems = append(problems, problem.Problem{File: File, Line: 1, Message: fmt.Sprintf("no ## %s section with a table | id | nl | de |", s), Fix: "add the section ## " + s + " and its table"})
		}
	}
	return g, problems
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

// splitRow splits "| a | b |" into its trimmed cells.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	cells := strings.Split(line, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// Forms returns, for lang, each role's word forms from the Role words
// table (role id → forms, as written), or nil without the table.
func (g *Glossary) Forms(lang string) map[string][]string {
	t := g.Tables[RoleWords]
	if t == nil {
		return nil
	}
	forms := map[string][]string{}
	for id, e := range t.Entries {
		for _, f := range strings.Split(e.Names[lang], ",") {
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

// WithMethod returns the glossary's text with a row for a new method added
// after the last row of the Methods table. names must hold a name for
// every language of the table; a name may not contain "|" or a line break.
func (g *Glossary) WithMethod(id string, names map[string]string) (string, error) {
	t := g.Tables[Methods]
	if t == nil {
		return "", fmt.Errorf("%s has no ## %s table to add %q to", File, Methods, id)
	}
	if _, dup := t.Entries[id]; dup {
		return "", fmt.Errorf("%s already lists %q", File, id)
	}
	row := []string{id}
	for _, lang := range t.Langs {
		name := names[lang]
		if name == "" || strings.ContainsAny(name, "|\r\n") || !slices.Contains(t.Langs, lang) {
			return "", fmt.Errorf("no usable %s name for %q (one line, without |)", lang, id)
		}
		row = append(row, name)
	}
	lines := slices.Concat(g.lines[:t.end], []string{"| " + strings.Join(row, " | ") + " |"}, g.lines[t.end:])
	return strings.Join(lines, "\n"), nil
}
