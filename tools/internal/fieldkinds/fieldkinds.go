// Package fieldkinds reads data/fieldkinds.toml, the one list of the kinds
// of form field a method may use and what each allows. package check holds
// every field to it; the form's templates read the same file as site data
// (hugo.Data.fieldkinds) and render a field of kind K with the partial
// form/kind/K.html.
package fieldkinds

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// File is where the kinds are, relative to the project.
const File = "data/fieldkinds.toml"

// Partials is the folder, under layouts/_partials, of the partial that
// renders each kind (form/kind/<kind>.html).
const Partials = "form/kind"

// maxBytes bounds the file: ten kinds take 2 KB.
const maxBytes = 64 << 10

// A Kind is what a field of one kind is and may have.
type Kind struct {
	Name    string
	What    string
	Items   *Range // nil: the kind takes no items
	Options *Range // nil: the kind takes no options
	Line    int    // of its table in File
}

// A Range is the least and most of something a field must give.
type Range struct{ Least, Most int }

// Has reports whether n is within the range.
func (r Range) Has(n int) bool { return r.Least <= n && n <= r.Most }

// Registry is the kinds, in the file's order.
type Registry struct {
	Kinds []Kind
}

// Names are the kinds' names, in the file's order.
func (r *Registry) Names() []string {
	var out []string
	for _, k := range r.Kinds {
		out = append(out, k.Name)
	}
	return out
}

// With are the names of the kinds for which has is true.
func (r *Registry) With(has func(Kind) bool) []string {
	var out []string
	for _, k := range r.Kinds {
		if has(k) {
			out = append(out, k.Name)
		}
	}
	return out
}

// Kind returns the kind called name, or nil.
func (r *Registry) Kind(name string) *Kind {
	for i := range r.Kinds {
		if r.Kinds[i].Name == name {
			return &r.Kinds[i]
		}
	}
	return nil
}

// Load reads File under root. Its problems name the file, the line and
// the fix.
func Load(root string) (*Registry, problem.List) {
	b, err := safefile.ReadPath(filepath.Join(root, filepath.FromSlash(File)), maxBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, one(1, "create it with one [<kind>] table per kind of form field (docs/content-model.md)", "the field kinds are missing")
	}
	if err != nil {
		return nil, one(1, "make it a readable file of at most 64 KB", "the field kinds cannot be read: %v", err)
	}
	return Parse(string(b))
}

// Parse reads the kinds from the text of File. The file is decoded as
// plain TOML values and each is checked here, so that a value of the
// wrong type is named at its own line, as every other mistake.
func Parse(text string) (*Registry, problem.List) {
	var tables map[string]any
	md, err := toml.Decode(text, &tables)
	if err != nil {
		line, msg := tomlpos.SyntaxError(text, err)
		return nil, one(line, "write it as TOML: one [<kind>] table per kind", "not valid TOML: %s", msg)
	}
	pos := tomlpos.New(text, 0)
	var problems problem.List
	line := func(key string) int {
		if l, ok := pos.Line(key); ok {
			return l
		}
		return 1
	}
	// The file's order is the kinds' order (messages list them so); the
	// decoder gives a map.
	var names []string
	for _, k := range md.Keys() {
		if len(k) == 1 {
			names = append(names, k[0])
		}
	}
	r := &Registry{}
	for _, name := range names {
		t, ok := tables[name].(map[string]any)
		if !ok {
			problems.Add(File, line(name), "make it a table: [<kind>] with what = \"…\" under it", "%s is not a table", name)
			continue
		}
		if !validName(name) {
			problems.Add(File, line(name), "name it with lower-case letters a–z", "kind %q is not a valid name: it names a partial and is written in front matter", name)
		}
		k := Kind{Name: name, Line: line(name)}
		for key, v := range t {
			at := line(name + "." + key)
			switch key {
			case "what":
				if k.What, ok = v.(string); !ok {
					problems.Add(File, at, `write what = "…" in quotes`, "kind %q: what is not text", name)
				}
			case "items", "options":
				rg, ps := rangeOf(v, name, key, at)
				problems.Append(ps...)
				if key == "items" {
					k.Items = rg
				} else {
					k.Options = rg
				}
			default:
				problems.Add(File, at, "a kind has what, and may have items or options", "unknown key %s.%s", name, key)
			}
		}
		if strings.TrimSpace(k.What) == "" {
			problems.Add(File, k.Line, `add what = "…": what it is, for people`, "kind %q says not what it is", name)
		}
		r.Kinds = append(r.Kinds, k)
	}
	if len(r.Kinds) == 0 && len(problems) == 0 {
		problems.Add(File, 1, "add one [<kind>] table per kind of form field", "no field kinds")
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	return r, nil
}

// rangeOf reads [least, most].
func rangeOf(v any, kind, key string, line int) (*Range, problem.List) {
	fix := fmt.Sprintf("write %s = [least, most], two whole numbers, least first", key)
	list, ok := v.([]any)
	if !ok || len(list) != 2 {
		return nil, one(line, fix, "kind %q: %s = %v is no range", kind, key, v)
	}
	least, ok1 := list[0].(int64)
	most, ok2 := list[1].(int64)
	if !ok1 || !ok2 || least < 0 || least > most || most > 1000 {
		return nil, one(line, fix, "kind %q: %s = %v is no range", kind, key, v)
	}
	return &Range{int(least), int(most)}, nil
}

func validName(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' })
}

// one is a list of one problem in File.
func one(line int, fix, format string, args ...any) problem.List {
	var l problem.List
	l.Add(File, line, fix, format, args...)
	return l
}

// DocsTable is the kinds as the Markdown table of docs/content-model.md.
func DocsTable(r *Registry) string {
	var b strings.Builder
	b.WriteString("| kind | what it is | takes |\n|---|---|---|\n")
	for _, k := range r.Kinds {
		var takes []string
		if k.Items != nil {
			takes = append(takes, fmt.Sprintf("`items`, %d to %d", k.Items.Least, k.Items.Most))
		}
		if k.Options != nil {
			takes = append(takes, fmt.Sprintf("`options`, %d to %d", k.Options.Least, k.Options.Most))
		}
		if len(takes) == 0 {
			takes = append(takes, "–")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", k.Name, k.What, strings.Join(takes, "; "))
	}
	return b.String()
}
