package check

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
)

// A Text is one text a reader reads as a whole, of one kind of
// readability.Kinds: a page's guide body, its records section, a method's
// agenda purposes, its questions, or one party's preparation sheet.
type Text struct {
	File      string // the page it belongs to
	Lang      string
	Kind      string
	Name      string // what it is, for check -v: "records", "preparation (employee)"
	Sentences []readability.Sentence
}

// Measured is a text with its figures and its budget, for check -v.
type Measured struct {
	Text
	Figures readability.Figures
	Budget  readability.Budget
}

var (
	listMark  = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+`)
	quoteMark = regexp.MustCompile(`^\s*>\s?`)
)

// Texts are the texts of every page of the site, in the order of the
// pages. intro gives, per language, the preparation sheet's interface
// string and where it is written (its sentences head every sheet).
func Texts(site *content.Site, intro map[string]readability.Sentence) []Text {
	var out []Text
	for _, p := range site.Pages {
		if p.Err != nil {
			continue
		}
		body, records := bodySentences(p)
		if len(body) > 0 {
			out = append(out, Text{p.File, p.Lang, "guide", "guide", body})
		}
		if !p.IsMethod() {
			continue
		}
		if len(records) > 0 {
			out = append(out, Text{p.File, p.Lang, "records", "records", records})
		}
		m := p.Front.Params
		var purposes, questions []readability.Sentence
		for i, item := range m.Agenda {
			purposes = append(purposes, textSentences(item.Purpose, p.File, p.Line(fmt.Sprintf("params.agenda[%d].purpose", i)))...)
			for j, q := range item.Questions {
				questions = append(questions, textSentences(q.Text, p.File, p.Line(fmt.Sprintf("params.agenda[%d].questions[%d].text", i, j)))...)
			}
		}
		out = append(out, Text{p.File, p.Lang, "purposes", "agenda purposes", purposes})
		out = append(out, Text{p.File, p.Lang, "questions", "questions", questions})
		for _, party := range m.Roles {
			var sheet []readability.Sentence
			for i, item := range m.Agenda {
				for j, q := range item.Questions {
					if OnSheet(q, party) {
						sheet = append(sheet, textSentences(q.Text, p.File, p.Line(fmt.Sprintf("params.agenda[%d].questions[%d].text", i, j)))...)
					}
				}
			}
			if len(sheet) == 0 {
				continue
			}
			if s, ok := intro[p.Lang]; ok {
				sheet = append(textSentences(s.Text, s.File, s.Line), sheet...)
			}
			out = append(out, Text{p.File, p.Lang, "preparation", "preparation (" + party + ")", sheet})
		}
	}
	return out
}

// textSentences splits a text of the front matter or the interface
// strings, all written on one line.
func textSentences(text, file string, line int) []readability.Sentence {
	var out []readability.Sentence
	for _, s := range Sentences(text) {
		out = append(out, readability.Sentence{Text: s, File: file, Line: line})
	}
	return out
}

// bodySentences splits a page's Markdown body into its sentences, those
// of its records section apart. Headings, table rows and lines that are
// only a shortcode are no sentences; a paragraph is one line.
func bodySentences(p *content.Page) (body, records []readability.Sentence) {
	inRecords := false
	fence := false
	for i, line := range strings.Split(p.Body, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") {
			fence = !fence
			continue
		}
		if m := headingPattern.FindStringSubmatch(t); m != nil {
			inRecords = m[2] == InBriefSection
			continue
		}
		if fence || t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") {
			continue
		}
		t = quoteMark.ReplaceAllString(listMark.ReplaceAllString(t, ""), "")
		for _, s := range Sentences(t) {
			sen := readability.Sentence{Text: s, File: p.File, Line: p.BodyLine + i}
			if inRecords {
				records = append(records, sen)
			} else {
				body = append(body, sen)
			}
		}
	}
	return body, records
}

// Readability measures every text of the site against its kind's budget.
// budgets is nil when they could not be read (a problem of its own).
func Readability(site *content.Site, budgets *readability.Budgets, intro map[string]readability.Sentence) ([]Measured, []readability.Finding) {
	if budgets == nil {
		return nil, nil
	}
	var measured []Measured
	var findings []readability.Finding
	for _, t := range Texts(site, intro) {
		f, found := budgets.Judge(t.Kind, t.Sentences)
		measured = append(measured, Measured{t, f, budgets.Kinds[t.Kind]})
		findings = append(findings, found...)
	}
	return measured, findings
}

// checkReadability: every text is within its kind's budget.
func checkReadability(r *report, site *content.Site, i18n []i18nFile) {
	budgets, err := readability.Load(site.Root)
	if err != nil {
		r.add(readability.File, 1, "write it as docs/readability.md describes", "the readability budgets cannot be used: %v", err)
		return
	}
	_, findings := Readability(site, budgets, Intros(i18n))
	for _, f := range findings {
		r.add(f.At.File, f.At.Line, f.Fix, "%s", f.Message)
	}
}

// Intros are the preparation sheet's introduction per language, from the
// interface strings, with where each is written.
func Intros(i18n []i18nFile) map[string]readability.Sentence {
	out := map[string]readability.Sentence{}
	for _, f := range i18n {
		if s, ok := f.strs["preparation_intro"].(string); ok {
			line, _ := f.pos.Line("preparation_intro")
			out[f.lang] = readability.Sentence{Text: s, File: f.path, Line: line}
		}
	}
	return out
}

// Figures measures the site's texts for check -v: every text with its
// figures and budget, by kind and file. It reads the interface strings
// and budgets itself; what cannot be read is left out (check reports it).
func Figures(site *content.Site) []Measured {
	budgets, err := readability.Load(site.Root)
	if err != nil {
		return nil
	}
	r := &report{}
	measured, _ := Readability(site, budgets, Intros(readI18n(r, site)))
	slices.SortStableFunc(measured, func(a, b Measured) int {
		return cmp.Or(cmp.Compare(slices.Index(readability.Kinds, a.Kind), slices.Index(readability.Kinds, b.Kind)), cmp.Compare(a.File, b.File))
	})
	return measured
}
