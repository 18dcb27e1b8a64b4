package variants

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scratch"
)

// Overlay is what one variant adds to the site for Hugo: a config file
// merged over config.toml, and the generated files it mounts.
type Overlay struct {
	Dir    string // temporary; remove with os.RemoveAll when done
	Config string // the config file to pass after config.toml
}

// Prepare writes the overlay of o into a new temporary directory:
//   - config.toml: base URL, languages, the organisation's params (name,
//     logo, colours, contact, terms, own questions) and module mounts that
//     leave out the methods the organisation does not use;
//   - static/org/: logo and favicon (as package org sanitised them);
//   - assets/css/brand.css: the brand's custom properties as package org
//     resolved them from its token file and colours, each value written
//     anew (the only way to theme under a strict CSP), bundled after
//     site.css and fingerprinted by the templates;
//   - i18n/: the interface strings with the organisation's words;
//   - content/<lang>/: the pages whose texts hold the site's role words or
//     name, in the organisation's words (words.go), mounted over the
//     site's content.
//
// Everything written comes from validated values and is encoded by a TOML
// or CSS writer; the organisation's words enter the interface strings
// (which Hugo runs as templates) only as quoted string constants.
func Prepare(site *content.Site, o *org.Org) (ov *Overlay, err error) {
	root, err := filepath.Abs(site.Root)
	if err != nil {
		return nil, err
	}
	// Named with this process's id: a later run removes it if this
	// process is killed before it can (scratch.Sweep).
	dir, err := scratch.Make(scratch.Variant, o.Slug)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	params := map[string]any{
		"variant":      o.Slug,
		"slug":         o.Slug,
		"organisation": o.Name,
	}
	if err := writeBrand(dir, o, params); err != nil {
		return nil, err
	}
	contact := map[string]any{}
	for k, v := range map[string]string{"name": o.Contact.Name, "email": o.Contact.Email, "phone": o.Contact.Phone, "url": o.Contact.URL} {
		if v != "" {
			contact[k] = v
		}
	}
	if len(contact) > 0 {
		params["contact"] = contact
	}
	var questions []map[string]any
	for _, q := range o.Questions {
		m := map[string]any{"method": q.Method, "agenda": q.Agenda, "asks": q.Asks}
		for l, t := range q.Text {
			m[l] = t
		}
		questions = append(questions, m)
	}
	if len(questions) > 0 {
		params["extra_questions"] = questions
	}

	// Pages in the organisation's words, mounted over the site's.
	ownContent, err := writeContent(site, o, dir)
	if err != nil {
		return nil, err
	}
	languages := map[string]any{}
	var disabled []string
	var mounts []map[string]any
	for _, l := range site.Languages {
		if !slices.Contains(o.Languages, l.Code) {
			disabled = append(disabled, l.Code)
			continue
		}
		lang := map[string]any{"weight": slices.Index(o.Languages, l.Code) + 1}
		langParams := map[string]any{}
		if terms := o.Terms[l.Code]; len(terms) > 0 {
			langParams["terms"] = terms
		}
		// The site's own name in this language (title), and that it is
		// not Gesprekswijzer, so pages leave out what explains that name.
		if title := o.Title[l.Code]; title != "" {
			lang["title"] = title
			langParams["own_title"] = true
		}
		if len(langParams) > 0 {
			lang["params"] = langParams
		}
		languages[l.Code] = lang
		if own := ownContent[l.Code]; own != "" {
			mounts = append(mounts, map[string]any{
				"source": own, "target": "content",
				"sites": map[string]any{"matrix": map[string]any{"languages": []string{l.Code}}},
			})
		}
		mount := map[string]any{
			"source": filepath.Join(root, l.ContentDir), "target": "content",
			"sites": map[string]any{"matrix": map[string]any{"languages": []string{l.Code}}},
		}
		if out := leftOut(site, l.Code, o.Methods); len(out) > 0 {
			mount["files"] = out
		}
		mounts = append(mounts, mount)
	}
	// Later mounts lose to earlier ones: generated files first, then the
	// site's. Nothing of the organisation's folder is mounted: what it
	// brings reaches the site only as validated values and sanitised
	// images, written above.
	mounts = append(mounts,
		map[string]any{"source": filepath.Join(dir, "assets"), "target": "assets"},
		map[string]any{"source": filepath.Join(root, "assets"), "target": "assets"},
		map[string]any{"source": filepath.Join(dir, "i18n"), "target": "i18n"},
		map[string]any{"source": filepath.Join(dir, "static"), "target": "static"},
		map[string]any{"source": filepath.Join(root, "static"), "target": "static"})

	config := map[string]any{
		"baseURL":                o.BaseURL,
		"defaultContentLanguage": o.Languages[0],
		"params":                 params,
		"languages":              languages,
		"module":                 map[string]any{"mounts": mounts},
	}
	if len(disabled) > 0 {
		config["disableLanguages"] = disabled
	}
	if err := writeI18n(site, o, filepath.Join(dir, "i18n")); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("# Generated by gesprekswijzer variants from " + o.File + "; do not edit.\n")
	if err := toml.NewEncoder(&buf).Encode(config); err != nil {
		return nil, err
	}
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, buf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return &Overlay{Dir: dir, Config: cfg}, nil
}

// leftOut lists, as exclusion globs ("! dir/**") under a language's
// content folder, the folders of the methods the organisation does not
// use: Hugo never sees them, so no page, link, menu entry or sitemap entry
// can point at them.
func leftOut(site *content.Site, lang string, keep []string) []string {
	var globs []string
	for _, p := range site.Pages {
		if p.Lang == lang && p.IsMethod() && !slices.Contains(keep, p.Front.Params.Method) {
			globs = append(globs, "! "+p.Dir+"/**")
		}
	}
	slices.Sort(globs)
	return globs
}

// writeI18n writes every language's interface strings with the
// organisation's words in place of the site's.
func writeI18n(site *content.Site, o *org.Org, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, lang := range o.Languages {
		var strs map[string]any
		src := filepath.Join(site.Root, "i18n", lang+".toml")
		if _, err := toml.DecodeFile(src, &strs); err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		if w := wordsOf(site, o, lang); w != nil {
			replaceAll(strs, w)
		}
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(strs); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, lang+".toml"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// replaceAll puts the organisation's words into every interface string.
func replaceAll(m map[string]any, w *ownWords) {
	for k, v := range m {
		switch x := v.(type) {
		case string:
			m[k] = w.template(x)
		case map[string]any:
			replaceAll(x, w)
		}
	}
}
