// Package org reads and validates an organisation's variant file,
// orgs/<slug>/org.toml: its name, address, languages, methods, brand,
// contact, own words and own questions.
//
// Validation comes before anything is built and reports every problem at
// once, each with the file, the line and the fix. The file is decoded into
// plain values first and checked key by key (rather than decoded into a
// struct, which stops at the first wrong type), so one run shows them all.
package org

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// FileName is the name of an organisation's file inside its folder.
const FileName = "org.toml"

// Org is one organisation's variant, validated.
type Org struct {
	Dir       string   // the folder holding org.toml
	File      string   // org.toml as named in messages
	Name      string   // shown in the header, on printouts, in titles
	Slug      string   // the output folder; a-z, 0-9 and hyphens
	BaseURL   string   // absolute http(s), ends in /
	Languages []string // the first is the default
	Methods   []string // method ids, in the site's order
	Brand     Brand
	Contact   Contact
	Terms     map[string]map[string]string // language → the site's word → the organisation's
	Questions []Question
}

// Brand holds the colours (#rrggbb) and image files (absolute paths).
type Brand struct {
	Logo, Favicon                        string
	Primary, OnPrimary, Accent, OnAccent string
}

// Contact is who to ask; every part is optional.
type Contact struct{ Name, Email, Phone, URL string }

// Question is one of the organisation's own questions.
type Question struct {
	Method, Agenda, Asks string
	Text                 map[string]string // language → text
}

// Site is what validation needs to know about the site being varied.
type Site struct {
	Languages []string
	Methods   []Method
	Words     map[string][]string // language → words marked {{< term "…" >}}
}

// Method is one method's id, agenda item ids and roles.
type Method struct {
	ID     string
	Agenda []string
	Roles  []string
}

// Limits on what a file may bring.
const (
	MaxImageBytes = 200 << 10
	maxName       = 100
	maxQuestion   = 300
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	termMark    = regexp.MustCompile(`\{\{<\s*term\s+"([^"]+)"\s*>\}\}`)
)

// SiteOf describes a loaded site for validation.
func SiteOf(s *content.Site) Site {
	site := Site{Words: map[string][]string{}}
	for _, l := range s.Languages {
		site.Languages = append(site.Languages, l.Code)
	}
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if p.Err != nil {
			continue
		}
		for _, m := range termMark.FindAllStringSubmatch(p.Body, -1) {
			w := strings.ToLower(m[1])
			if !slices.Contains(site.Words[p.Lang], w) {
				site.Words[p.Lang] = append(site.Words[p.Lang], w)
			}
		}
		id := p.Front.Params.Method
		if id == "" || seen[id] || p.Lang != site.Languages[0] {
			continue
		}
		seen[id] = true
		m := Method{ID: id, Roles: p.Front.Params.Roles}
		for _, a := range p.Front.Params.Agenda {
			m.Agenda = append(m.Agenda, a.ID)
		}
		site.Methods = append(site.Methods, m)
	}
	slices.SortFunc(site.Methods, func(a, b Method) int { return strings.Compare(weightKey(s, a.ID), weightKey(s, b.ID)) })
	for _, w := range site.Words {
		slices.Sort(w)
	}
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

func (s Site) method(id string) (Method, bool) {
	for _, m := range s.Methods {
		if m.ID == id {
			return m, true
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

// Load reads and validates dir/org.toml. The problems are everything wrong
// with it; the Org is only meaningful when there are none. file is how
// messages name the file (e.g. relative to the repository).
func Load(dir, file string, site Site) (*Org, []check.Problem) {
	text, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		fix := "create it (see orgs/README.md and the examples in orgs/)"
		if !errors.Is(err, os.ErrNotExist) {
			fix = "make the file readable"
		}
		return nil, []check.Problem{{File: file, Line: 1, Message: fmt.Sprintf("cannot read %s: %v", FileName, err), Fix: fix}}
	}
	return Parse(dir, file, string(text), site)
}

// Parse validates the text of an org.toml that lives in dir.
func Parse(dir, file, text string, site Site) (*Org, []check.Problem) {
	v := &validator{file: file, pos: tomlpos.New(text, 0), dir: dir}
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		line := 1
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = pe.Message
		}
		return nil, []check.Problem{{File: file, Line: line, Message: "not valid TOML: " + msg, Fix: "correct the syntax on this line (text goes in \"quotes\", lists in [ ])"}}
	}
	o := &Org{Dir: dir, File: file}
	v.keys(raw, "", []string{"name", "slug", "base_url", "languages", "methods", "brand", "contact", "terms", "questions"})

	o.Name = strings.TrimSpace(v.str(raw, "", "name", true))
	if len([]rune(o.Name)) > maxName {
		v.add("name", fmt.Sprintf("shorten it to at most %d characters", maxName), "the name is %d characters long", len([]rune(o.Name)))
	}

	o.Slug = v.str(raw, "", "slug", false)
	if o.Slug == "" {
		o.Slug = filepath.Base(dir)
		if !slugPattern.MatchString(o.Slug) {
			v.add("name", `add slug = "…" with only a-z, 0-9 and single hyphens, or rename the folder that way`, "the folder name %q cannot be the slug (the output folder)", o.Slug)
		}
	} else if !slugPattern.MatchString(o.Slug) {
		v.add("slug", `use only a-z, 0-9 and single hyphens, e.g. slug = "provincie-voorbeeld"`, "slug %q is not safe as a folder name", o.Slug)
	}

	o.BaseURL = v.str(raw, "", "base_url", true)
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			v.add("base_url", `write the full address the site will have, e.g. base_url = "https://intranet.example.org/gesprekken/"`, "base_url %q is not an absolute http(s) address", o.BaseURL)
		} else if !strings.HasSuffix(o.BaseURL, "/") {
			o.BaseURL += "/"
		}
	}

	langs, present := v.strs(raw, "", "languages")
	switch {
	case !present:
		v.add("languages", fmt.Sprintf("add languages = [%s] (the first is the default)", quoteList(site.Languages)), "languages is missing")
	case langs != nil && len(langs) == 0:
		v.add("languages", fmt.Sprintf("name at least one of %s", quoteList(site.Languages)), "the language list is empty")
	}
	for _, l := range langs {
		switch {
		case !slices.Contains(site.Languages, l):
			v.add("languages", didYouMean(l, site.Languages, "languages"), "unknown language %q", l)
		case slices.Contains(o.Languages, l):
			v.add("languages", "name each language once", "language %q is listed twice", l)
		default:
			o.Languages = append(o.Languages, l)
		}
	}

	methods, present := v.strs(raw, "", "methods")
	if methods != nil && len(methods) == 0 {
		v.add("methods", "leave methods out for all of them, or name at least one", "the method list is empty")
	}
	for _, m := range methods {
		switch {
		case !slices.Contains(site.methodIDs(), m):
			v.add("methods", didYouMean(m, site.methodIDs(), "methods"), "unknown method %q", m)
			v.badMethods = true
		case slices.Contains(o.Methods, m):
			v.add("methods", "name each method once", "method %q is listed twice", m)
		default:
			o.Methods = append(o.Methods, m)
		}
	}
	if !present {
		o.Methods = site.methodIDs()
	}
	// The site's order, not the file's: menus and lists stay the same.
	slices.SortStableFunc(o.Methods, func(a, b string) int {
		return slices.Index(site.methodIDs(), a) - slices.Index(site.methodIDs(), b)
	})

	v.brand(raw, o)
	v.contact(raw, o)
	v.terms(raw, o, site)
	v.questions(raw, o, site)
	return o, v.problems
}

func (v *validator) brand(raw map[string]any, o *Org) {
	b, ok := v.table(raw, "", "brand", true)
	if !ok {
		return
	}
	v.keys(b, "brand", []string{"logo", "favicon", "primary", "on_primary", "accent", "on_accent"})
	o.Brand.Logo = v.image(b, "logo", true)
	o.Brand.Favicon = v.image(b, "favicon", false)
	col := func(key, def string, required bool) (string, colour, bool) {
		s := v.str(b, "brand", key, required)
		if s == "" {
			s = def
		}
		if s == "" {
			return "", colour{}, false
		}
		c, err := parseColour(s)
		if err != nil {
			v.add("brand."+key, fmt.Sprintf(`write it as #rrggbb, e.g. %s = "#0b4f8a"`, key), "brand.%s: %v", key, err)
			return s, c, false
		}
		return strings.ToLower(s), c, true
	}
	var p, op, a, oa colour
	var ok1, ok2, ok3, ok4 bool
	o.Brand.Primary, p, ok1 = col("primary", "", true)
	o.Brand.OnPrimary, op, ok2 = col("on_primary", "#ffffff", false)
	o.Brand.Accent, a, ok3 = col("accent", "", true)
	o.Brand.OnAccent, oa, ok4 = col("on_accent", "#1a1a1a", false)
	white := colour{255, 255, 255}
	onWhiteFails := false
	if ok1 {
		if r := contrast(p, white); r < AA {
			v.add("brand.primary", "choose a darker primary colour: links and headings use it on white", "brand.primary %s has a contrast of %.2f:1 with the white page, below WCAG AA's %.1f:1", o.Brand.Primary, r, AA)
			onWhiteFails = true
		}
	}
	// White text on a primary that fails on white fails the same way: one
	// message is enough unless on_primary was chosen.
	if ok1 && ok2 && !(onWhiteFails && !v.written("brand.on_primary")) {
		if r := contrast(p, op); r < AA {
			v.add(firstWritten(v, "brand.on_primary", "brand.primary"), "set on_primary to a colour that stands out on primary (often #ffffff or #1a1a1a)", "text in %s on %s (the header) has a contrast of %.2f:1, below WCAG AA's %.1f:1", o.Brand.OnPrimary, o.Brand.Primary, r, AA)
		}
	}
	if ok3 && ok4 {
		if r := contrast(a, oa); r < AA {
			v.add(firstWritten(v, "brand.on_accent", "brand.accent"), "set on_accent to a colour that stands out on accent (often #1a1a1a or #ffffff)", "text in %s on %s (the skip link) has a contrast of %.2f:1, below WCAG AA's %.1f:1", o.Brand.OnAccent, o.Brand.Accent, r, AA)
		}
	}
}

// firstWritten returns the first path that the file actually has, so a
// message points at the key to change.
func firstWritten(v *validator, paths ...string) string {
	for _, p := range paths {
		if _, ok := v.pos.Line(p); ok && v.written(p) {
			return p
		}
	}
	return paths[len(paths)-1]
}

func (v *validator) contact(raw map[string]any, o *Org) {
	c, ok := v.table(raw, "", "contact", false)
	if !ok {
		return
	}
	v.keys(c, "contact", []string{"name", "email", "phone", "url"})
	o.Contact.Name = v.str(c, "contact", "name", false)
	o.Contact.Email = v.str(c, "contact", "email", false)
	o.Contact.Phone = v.str(c, "contact", "phone", false)
	o.Contact.URL = v.str(c, "contact", "url", false)
	if e := o.Contact.Email; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e || a.Name != "" {
			v.add("contact.email", `write only the address, e.g. email = "hr@example.org"`, "contact.email %q is not an e-mail address", e)
		}
	}
	if p := o.Contact.Phone; p != "" && !regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`).MatchString(p) {
		v.add("contact.phone", `use digits, spaces, hyphens and an optional leading +, e.g. phone = "+31 30 123 45 67"`, "contact.phone %q is not a phone number", p)
	}
	if s := o.Contact.URL; s != "" {
		if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.add("contact.url", `write the full address, e.g. url = "https://intranet.example.org/hr"`, "contact.url %q is not an absolute http(s) address", s)
		}
	}
}

func (v *validator) terms(raw map[string]any, o *Org, site Site) {
	t, ok := v.table(raw, "", "terms", false)
	if !ok {
		return
	}
	o.Terms = map[string]map[string]string{}
	for _, lang := range sortedKeys(t) {
		path := "terms." + lang
		if !slices.Contains(site.Languages, lang) {
			v.add(path, didYouMean(lang, site.Languages, "[terms.<language>]"), "[terms.%s]: unknown language", lang)
			continue
		}
		if !slices.Contains(o.Languages, lang) && len(o.Languages) > 0 {
			v.add(path, fmt.Sprintf("remove [terms.%s], or add %q to languages", lang, lang), "[terms.%s] is for a language this variant does not have", lang)
			continue
		}
		words, ok := v.table(t, "terms", lang, true)
		if !ok {
			continue
		}
		o.Terms[lang] = map[string]string{}
		for _, word := range sortedKeys(words) {
			wpath := path + "." + word
			s, isText := words[word].(string)
			switch {
			case !isText:
				v.add(wpath, fmt.Sprintf(`write %s = "your word"`, quoteKey(word)), "terms.%s.%s must be text", lang, word)
			case !slices.Contains(site.Words[lang], strings.ToLower(word)):
				v.add(wpath, didYouMean(word, site.Words[lang], fmt.Sprintf("[terms.%s]", lang)), "%q is not one of the site's words in %s", word, lang)
			case strings.TrimSpace(s) == "" || strings.ContainsAny(s, "<>\n"):
				v.add(wpath, "write a word or a few words, without < > or line breaks", "terms.%s.%s: %q cannot replace a word", lang, word, s)
			default:
				o.Terms[lang][strings.ToLower(word)] = strings.TrimSpace(s)
			}
		}
	}
}

func (v *validator) questions(raw map[string]any, o *Org, site Site) {
	val, present := raw["questions"]
	if !present {
		return
	}
	list, ok := val.([]map[string]any)
	if !ok {
		v.add("questions", "write each question as a [[questions]] table", "questions must be a list of [[questions]] tables")
		return
	}
	for i, q := range list {
		at := fmt.Sprintf("questions[%d]", i)
		v.keys(q, at, append([]string{"method", "agenda", "asks"}, site.Languages...))
		qq := Question{Text: map[string]string{}}
		qq.Method = v.str(q, at, "method", true)
		qq.Agenda = v.str(q, at, "agenda", true)
		qq.Asks = v.str(q, at, "asks", true)
		m, known := site.method(qq.Method)
		switch {
		case qq.Method == "":
		case !known:
			v.add(at+".method", didYouMean(qq.Method, site.methodIDs(), "method"), "question %d: unknown method %q", i+1, qq.Method)
		case !slices.Contains(o.Methods, qq.Method) && !v.badMethods:
			v.add(at+".method", fmt.Sprintf("add %q to methods, or remove this question", qq.Method), "question %d is for method %q, which this variant leaves out", i+1, qq.Method)
		}
		if known && qq.Agenda != "" && !slices.Contains(m.Agenda, qq.Agenda) {
			v.add(at+".agenda", didYouMean(qq.Agenda, m.Agenda, "agenda items of "+m.ID), "question %d: %q is not an agenda item of %s", i+1, qq.Agenda, m.ID)
		}
		if known && qq.Asks != "" {
			roles := append(slices.Clone(m.Roles), "both")
			if !slices.Contains(roles, qq.Asks) {
				v.add(at+".asks", didYouMean(qq.Asks, roles, "asks (who asks)"), "question %d: %q does not take part in %s", i+1, qq.Asks, m.ID)
			}
		}
		for _, l := range o.Languages {
			s := strings.TrimSpace(v.str(q, at, l, true))
			if n := len([]rune(s)); n > maxQuestion {
				v.add(at+"."+l, fmt.Sprintf("shorten it to at most %d characters", maxQuestion), "question %d is %d characters long in %s", i+1, n, l)
			}
			qq.Text[l] = s
		}
		o.Questions = append(o.Questions, qq)
	}
}

// image checks a logo or favicon file beside org.toml and returns its
// absolute path: it must exist inside the organisation's folder, be an SVG
// or PNG that is what its name says, at most MaxImageBytes, and an SVG may
// not run script or load anything.
func (v *validator) image(b map[string]any, key string, required bool) string {
	name := v.str(b, "brand", key, required)
	if name == "" {
		return ""
	}
	path := "brand." + key
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".svg" && ext != ".png" {
		v.add(path, "use an .svg or .png file", "brand.%s %q is neither SVG nor PNG", key, name)
		return ""
	}
	if filepath.IsAbs(name) || !filepath.IsLocal(filepath.FromSlash(name)) {
		v.add(path, fmt.Sprintf("put the file in %s and give its name only", v.dir), "brand.%s %q is outside the organisation's folder", key, name)
		return ""
	}
	full := filepath.Join(v.dir, filepath.FromSlash(name))
	info, err := os.Stat(full)
	if err != nil {
		v.add(path, fmt.Sprintf("put %s beside %s, or correct the name", name, FileName), "brand.%s: %s does not exist", key, name)
		return ""
	}
	if info.Size() > MaxImageBytes {
		v.add(path, fmt.Sprintf("make it smaller than %d KB (an SVG, or a PNG of at most 512 pixels)", MaxImageBytes>>10), "brand.%s: %s is %d KB", key, name, info.Size()>>10)
		return ""
	}
	data, err := os.ReadFile(full)
	if err != nil {
		v.add(path, "make the file readable", "brand.%s: %v", key, err)
		return ""
	}
	if ext == ".png" && !strings.HasPrefix(string(data), "\x89PNG\r\n\x1a\n") {
		v.add(path, "export the image as PNG, or give it the extension of what it is", "brand.%s: %s is not a PNG file", key, name)
		return ""
	}
	if ext == ".svg" {
		lower := strings.ToLower(string(data))
		switch {
		case !strings.Contains(lower, "<svg"):
			v.add(path, "export the image as SVG, or give it the extension of what it is", "brand.%s: %s is not an SVG file", key, name)
			return ""
		case strings.Contains(lower, "<script") || strings.Contains(lower, "foreignobject") || regexp.MustCompile(`\son[a-z]+\s*=`).MatchString(lower):
			v.add(path, "remove scripts and event attributes from the SVG (export it as plain SVG)", "brand.%s: %s contains script", key, name)
			return ""
		case regexp.MustCompile(`(href|src)\s*=\s*["']\s*(https?:|//)`).MatchString(lower) || strings.Contains(lower, "@import"):
			v.add(path, "embed fonts and images in the SVG instead of linking them", "brand.%s: %s loads something from another host", key, name)
			return ""
		}
	}
	return full
}

// --- the validator's plumbing -------------------------------------------

type validator struct {
	file     string
	dir      string
	pos      *tomlpos.Index
	problems []check.Problem
	// guessed holds the key paths a misspelt key was taken for: such a key
	// is not also reported missing (one mistake, one message).
	guessed map[string]bool
	// badMethods: an entry of methods was wrong, so questions are not
	// measured against the (incomplete) list.
	badMethods bool
}

func (v *validator) add(path, fix, format string, args ...any) {
	line, _ := v.pos.Line(path)
	v.problems = append(v.problems, check.Problem{File: v.file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// written reports whether path itself (not just its table) is in the file.
func (v *validator) written(path string) bool {
	return len(v.pos.Lines(path)) > 0
}

// join makes the key path tomlpos looks up (quotes are not part of it).
func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// keys reports every key of table that is not one of known.
func (v *validator) keys(table map[string]any, path string, known []string) {
	for _, k := range sortedKeys(table) {
		if slices.Contains(known, k) {
			continue
		}
		where := "the top level"
		if path != "" {
			where = "[" + path + "]"
		}
		fix := fmt.Sprintf("remove it (allowed in %s: %s)", where, strings.Join(known, ", "))
		if s := check.Closest(k, known); s != "" {
			fix = fmt.Sprintf("did you mean %s? (allowed in %s: %s)", s, where, strings.Join(known, ", "))
			if v.guessed == nil {
				v.guessed = map[string]bool{}
			}
			v.guessed[join(path, s)] = true
		}
		v.add(join(path, k), fix, "unknown key %q", k)
	}
}

func (v *validator) str(table map[string]any, path, key string, required bool) string {
	val, ok := table[key]
	if !ok {
		if required && !v.guessed[join(path, key)] {
			v.add(join(path, key), fmt.Sprintf(`add %s = "…"`, key), "%s is missing", strings.TrimPrefix(join(path, key), "."))
		}
		return ""
	}
	s, ok := val.(string)
	if !ok {
		v.add(join(path, key), fmt.Sprintf(`write it as text in quotes: %s = "…"`, key), "%s must be text, not %s", join(path, key), typeName(val))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		v.add(join(path, key), fmt.Sprintf(`fill in %s`, key), "%s is empty", join(path, key))
	}
	return s
}

// strs reads a list of text. present is false when the key is not
// written, or (after reporting it) is not a list.
func (v *validator) strs(table map[string]any, path, key string) (list []string, present bool) {
	val, ok := table[key]
	if !ok {
		if v.guessed[join(path, key)] {
			return nil, true // reported as misspelt
		}
		return nil, false
	}
	items, ok := val.([]any)
	if !ok {
		v.add(join(path, key), fmt.Sprintf(`write a list: %s = ["…", "…"]`, key), "%s must be a list of text, not %s", join(path, key), typeName(val))
		return nil, true
	}
	if len(items) == 0 {
		return []string{}, true
	}
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			v.add(join(path, key), `put every entry in quotes`, "%s: %v is not text", join(path, key), it)
			continue
		}
		list = append(list, s)
	}
	return list, true
}

func (v *validator) table(table map[string]any, path, key string, required bool) (map[string]any, bool) {
	val, ok := table[key]
	if !ok {
		if required {
			v.add(join(path, key), fmt.Sprintf("add a [%s] table", strings.TrimPrefix(join(path, key), ".")), "[%s] is missing", join(path, key))
		}
		return nil, false
	}
	t, ok := val.(map[string]any)
	if !ok {
		v.add(join(path, key), fmt.Sprintf("write it as a table: [%s]", join(path, key)), "%s must be a table, not %s", join(path, key), typeName(val))
		return nil, false
	}
	return t, true
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64, float64:
		return "a number"
	case bool:
		return "true/false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

func didYouMean(got string, allowed []string, what string) string {
	if s := check.Closest(got, allowed); s != "" {
		return fmt.Sprintf("did you mean %q? (%s: %s)", s, what, quoteList(allowed))
	}
	return fmt.Sprintf("use one of %s", quoteList(allowed))
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func quoteKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return fmt.Sprintf("%q", k)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
