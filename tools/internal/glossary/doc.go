package glossary

import (
	"fmt"
	"strings"
)

// Doc is the page people read: why the names are what they are, written by
// hand, and the glossary's tables, made from File (DocTables).
const Doc = "docs/glossary.md"

// DocUpdate is the command that rewrites Doc's tables from File.
const DocUpdate = "go test ./tools/internal/glossary -run TestDocTables -update"

// docMarkers are the comments a section's table stands between in Doc.
func docMarkers(section string) (begin, end string) {
	return "<!-- " + section + ": made from " + File + ", " + DocUpdate + " -->\n", "<!-- /" + section + " -->\n"
}

// DocTables returns doc (the text of Doc) with each section's table
// between its markers made from g: a column per language, a row per id
// in the file's order, role words separated by commas.
func DocTables(doc string, g *Glossary) (string, error) {
	for _, section := range Sections {
		begin, end := docMarkers(section)
		i := strings.Index(doc, begin)
		j := strings.Index(doc, end)
		if i < 0 || j < i {
			return "", fmt.Errorf("%s has no table between %q and %q", Doc, strings.TrimSpace(begin), strings.TrimSpace(end))
		}
		doc = doc[:i+len(begin)] + g.markdown(section) + doc[j:]
	}
	return doc, nil
}

// markdown is section's table as Markdown.
func (g *Glossary) markdown(section string) string {
	t := g.Tables[section]
	if t == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("| id |")
	for _, lang := range t.Langs {
		b.WriteString(" " + lang + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(t.Langs)) + "\n")
	for _, id := range t.IDs {
		e := t.Entries[id]
		b.WriteString("| " + id + " |")
		for _, lang := range t.Langs {
			b.WriteString(" " + cell(e.Names[lang]) + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// cell escapes what would end a table cell or row.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ").Replace(s)
}
