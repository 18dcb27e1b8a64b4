package terms

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// markdown parses as Hugo's Goldmark does (its default extensions, and
// attribute blocks such as {#records}), so that what counts as text here
// is what Hugo renders as text.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.DefinitionList, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// shortcode is a Hugo shortcode call, {{< … >}} or {{% … %}}: never text.
var shortcode = regexp.MustCompile(`(?s)\{\{[<%].*?[%>]\}\}`)

// proseMask marks the bytes of a Markdown body that readers see as text:
// the text of paragraphs, headings, lists, tables, emphasis and link
// labels; not code, link and image targets, autolinks, HTML, attribute
// blocks or shortcode calls.
func proseMask(body []byte) []bool {
	mask := make([]bool, len(body))
	doc := markdown.Parser().Parse(text.NewReader(body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			for i := n.Segment.Start; i < n.Segment.Stop && i < len(mask); i++ {
				mask[i] = true
			}
		}
		return ast.WalkContinue, nil
	})
	for _, loc := range shortcode.FindAllIndex(body, -1) {
		for i := loc[0]; i < loc[1]; i++ {
			mask[i] = false
		}
	}
	return mask
}

// FindInMarkdown returns the occurrences in a Markdown body that readers
// see as text (see Find).
func (v *Vocabulary) FindInMarkdown(body string) []Match {
	mask := proseMask([]byte(body))
	var out []Match
	for _, m := range v.Find(body) {
		if inProse(body, mask, m) {
			out = append(out, m)
		}
	}
	return out
}

// inProse: every byte of the match but the white space between its words
// is text.
func inProse(body string, mask []bool, m Match) bool {
	for i := m.Start; i < m.End; i++ {
		if !mask[i] && !isSpace(body[i]) {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ReplaceInMarkdown is Replace for a Markdown body: only what readers see
// as text is replaced.
func (v *Vocabulary) ReplaceInMarkdown(body string, own map[string]string, encode func(Match, string) string) string {
	return v.replaceMatches(body, v.FindInMarkdown(body), own, encode)
}
