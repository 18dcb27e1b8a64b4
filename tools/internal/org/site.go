package org

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
)

// Site is what validation needs to know about the site being varied.
type Site struct {
	Languages []string
	Methods   []Method
	// Words are, per language, the words an organisation may replace:
	// every form of every role's word (data/glossary.toml, role_words).
	Words map[string][]terms.Word
	// Uses are, per language and form (terms.Key), the places the
	// site's texts use it: guide prose and front matter.
	Uses map[string]map[string][]Use
	// Title is the site's name (config.toml): a variant may rename it.
	Title string
	// Readability are the site's readability budgets: an organisation's
	// own questions are held to those of questions. nil when they could
	// not be read (check reports that).
	Readability *readability.Budgets
}

// Use is one place a page uses a word.
type Use struct {
	File   string
	Line   int
	Method string // the method whose guide it is; "" for other pages
}

// Method is one method's id, its folder in each language, its agenda
// items (with their aliases) and its roles.
type Method struct {
	ID      string
	Slugs   map[string]string // language → folder name (its URL)
	Agenda  []string
	Aliases map[string]string // an agenda item's alias (any language) → its id
	Roles   []string
}

// SiteOf describes a loaded site for validation: its methods in the
// site's order, and the words organisations may replace (from the
// glossary g) with where the pages use them.
func SiteOf(s *content.Site, g *glossary.Glossary) Site {
	site := Site{Words: map[string][]terms.Word{}, Uses: map[string]map[string][]Use{}, Title: s.Title}
	if b, err := readability.Load(s.Root); err == nil {
		site.Readability = b
	}
	vocab := map[string]*terms.Vocabulary{}
	for _, l := range s.Languages {
		site.Languages = append(site.Languages, l.Code)
		for role, forms := range g.Forms(l.Code) {
			for _, f := range forms {
				site.Words[l.Code] = append(site.Words[l.Code], terms.Word{Form: f, Role: role})
			}
		}
		slices.SortFunc(site.Words[l.Code], func(a, b terms.Word) int {
			return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.Form, b.Form))
		})
		vocab[l.Code] = terms.New(site.Words[l.Code])
		site.Uses[l.Code] = map[string][]Use{}
	}
	byID := map[string]*Method{}
	for _, p := range s.Pages {
		if p.Err != nil || vocab[p.Lang] == nil {
			continue
		}
		id := p.Front.Params.Method
		use := func(m terms.Match, line int) {
			site.Uses[p.Lang][m.Key] = append(site.Uses[p.Lang][m.Key], Use{File: p.File, Line: line, Method: id})
		}
		for _, t := range p.Texts {
			for _, m := range vocab[p.Lang].Find(t.Value) {
				use(m, p.Line(t.Path))
			}
		}
		for _, m := range vocab[p.Lang].FindInMarkdown(p.Body) {
			use(m, p.BodyLine+strings.Count(p.Body[:m.Start], "\n"))
		}
		if id == "" {
			continue
		}
		m := byID[id]
		if m == nil {
			m = &Method{ID: id, Slugs: map[string]string{}, Aliases: map[string]string{}, Roles: p.Front.Params.Roles}
			byID[id] = m
		}
		m.Slugs[p.Lang] = path.Base(p.Dir)
		for _, a := range p.Front.Params.Agenda {
			if p.Lang == site.Languages[0] {
				m.Agenda = append(m.Agenda, a.ID)
			}
			if a.Alias != "" {
				m.Aliases[a.Alias] = a.ID
			}
		}
	}
	for _, m := range byID {
		site.Methods = append(site.Methods, *m)
	}
	slices.SortFunc(site.Methods, func(a, b Method) int { return strings.Compare(weightKey(s, a.ID), weightKey(s, b.ID)) })
	return site
}

// weightKey orders methods as the site lists them (by weight, then id).
func weightKey(s *content.Site, id string) string {
	for _, p := range s.Pages {
		if p.Front.Params.Method == id {
			return fmt.Sprintf("%06d %s", p.Front.Weight, id)
		}
	}
	return id
}

// method finds a method by its id or by its folder name in any
// language, so that org.toml may name it as its language's pages do.
func (s Site) method(name string) (Method, bool) {
	for _, m := range s.Methods {
		if m.ID == name {
			return m, true
		}
	}
	for _, m := range s.Methods {
		for _, slug := range m.Slugs {
			if slug == name {
				return m, true
			}
		}
	}
	return Method{}, false
}

func (s Site) methodIDs() []string {
	var ids []string
	for _, m := range s.Methods {
		ids = append(ids, m.ID)
	}
	return ids
}

// methodNames are the names a method may be given by: ids, and the
// folder names of languages.
func (s Site) methodNames(langs []string) []string {
	names := s.methodIDs()
	for _, m := range s.Methods {
		for _, l := range langs {
			if slug := m.Slugs[l]; slug != "" && !slices.Contains(names, slug) {
				names = append(names, slug)
			}
		}
	}
	return names
}

// agendaItem finds an agenda item by its id or its alias.
func (m Method) agendaItem(name string) (string, bool) {
	if slices.Contains(m.Agenda, name) {
		return name, true
	}
	id, ok := m.Aliases[name]
	return id, ok
}

// agendaNames are the names of the method's agenda items: ids and
// aliases, sorted.
func (m Method) agendaNames() []string {
	names := slices.Clone(m.Agenda)
	for alias := range m.Aliases {
		if !slices.Contains(names, alias) {
			names = append(names, alias)
		}
	}
	slices.Sort(names)
	return names
}
