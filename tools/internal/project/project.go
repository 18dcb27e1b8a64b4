// Package project loads what the commands work from, once: config.toml
// and the content (package content, bounded, checked by package check),
// the glossary, and the organisation folders a command names (package
// org, which reads an untrusted folder confined and bounded). variants,
// serve -org and server-config all take their organisations from here,
// so that one folder is accepted or refused by all three alike.
package project

import (
	"path/filepath"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Project is a loaded, checked project.
type Project struct {
	Site     *content.Site
	Glossary *glossary.Glossary
	Orgs     []*org.Org // the folders named, in their order, each validated
}

// Load reads the project at root and validates the organisations in
// dirs: the site's content, every org.toml and that no two organisations
// share a slug. Problems come as a problem.List error: then nothing may
// be written. err is also for a project that cannot be read at all.
func Load(root string, dirs []string) (*Project, error) {
	loaded, err := content.Load(root)
	if err != nil {
		return nil, err
	}
	// The content check and the organisations' validation read the
	// loaded site and share nothing else: they run side by side (the
	// check is half of a one-organisation run's time before Hugo).
	checked := make(chan problem.List, 1)
	go func() { checked <- check.Content(loaded) }()
	g, err := glossary.Read(root, content.MaxFileBytes)
	if err != nil {
		<-checked
		return nil, err
	}
	var problems problem.List
	p := &Project{Site: loaded, Glossary: g}
	info := org.SiteOf(loaded, g)
	bySlug := map[string]string{}
	for _, dir := range dirs {
		file := filepath.ToSlash(filepath.Join(dir, org.FileName))
		if rel, err := filepath.Rel(root, filepath.Join(dir, org.FileName)); err == nil && filepath.IsLocal(rel) {
			file = filepath.ToSlash(rel)
		}
		o, ps := org.Load(dir, file, info)
		problems.Append(ps...)
		if len(ps) > 0 {
			continue
		}
		if other, dup := bySlug[o.Slug]; dup {
			problems.Add(file, 1, `give one of them its own slug = "…"`, "slug %q is also the slug of %s", o.Slug, other)
			continue
		}
		bySlug[o.Slug] = file
		p.Orgs = append(p.Orgs, o)
	}
	// The content's problems first, in the order the check reports them.
	all := <-checked
	all.Append(problems...)
	if err := all.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// Org loads the project and validates the one organisation in dir.
func Org(root, dir string) (*Project, *org.Org, error) {
	p, err := Load(root, []string{dir})
	if err != nil {
		return nil, nil, err
	}
	return p, p.Orgs[0], nil
}
