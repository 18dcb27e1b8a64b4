// Package org reads and validates an organisation's variant file,
// orgs/<slug>/org.toml: its name, address, languages, methods, brand,
// contact, own words and own questions.
//
// Validation comes before anything is built and reports every problem at
// once, each with the file, the line and the fix. The file is decoded into
// plain values first and checked key by key (rather than decoded into a
// struct, which stops at the first wrong type), so one run shows them all.
//
// An organisation's folder is untrusted ground: its files are data, never
// code. They are read confined to the folder (package safefile: no link,
// FIFO, device or oversized file), the logo and favicon are parsed and
// written out again (packages svgsafe and pngsafe) and only those bytes
// are published, every text is bounded and free of control and bidi
// formatting characters, and addresses are plain http(s) URLs.
package org

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"net/mail"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/pngsafe"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/svgsafe"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlbound"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/urlpath"
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
	// Terms are the organisation's own words: language → a form of a
	// role word (terms.Key) → the organisation's word for it.
	Terms map[string]map[string]string
	// Words are the site's words that may be replaced, per language of
	// the variant (every role word form, from data/glossary.toml): the
	// overlay finds them with package terms.
	Words map[string][]terms.Word
	// Title is the site's name in each language that renames it ([title]).
	Title     map[string]string
	Questions []Question
}

// Brand holds the images and the colours, font and corners: the values
// of the site's custom properties that the organisation sets, from its
// token file and the colours written in org.toml (which win).
type Brand struct {
	Logo, Favicon *Image // nil: none
	// LogoShowsName: the logo is a wordmark that holds the organisation's
	// name, so pages show it instead of the name (with the name as its
	// text alternative) rather than beside it.
	LogoShowsName bool
	// The four colours org.toml can write, as the variant has them
	// (#rrggbb), whether written, read from the token file or the site's.
	Primary, OnPrimary, Accent, OnAccent string
	// CSS is the brand stylesheet: one :root rule with every property
	// the brand sets, each value parsed and written anew (package tokens).
	CSS string
}

// Image is a logo or favicon ready to publish: what the sanitiser wrote
// out, never the bytes of the organisation's file, and its intrinsic size
// (pixels of a PNG; an SVG's width and height, or its viewBox's), whose
// ratio pages reserve for it.
type Image struct {
	Ext           string // ".svg" or ".png"
	Data          []byte
	Width, Height float64
}

// Ratio is the image's width over its height.
func (i *Image) Ratio() float64 { return i.Width / i.Height }

// MaxLogoRatio bounds how much wider than high (or higher than wide) a
// logo may be: at the header's height, a logo ten times as wide as high
// already fills a phone's width, and anything wider would have to shrink
// below legibility.
const MaxLogoRatio = 10

// Contact is who to ask; every part is optional.
type Contact struct{ Name, Email, Phone, URL string }

// Question is one of the organisation's own questions.
type Question struct {
	Method, Agenda, Asks string
	Text                 map[string]string // language → text
}

// Limits on what a folder may bring. Texts are counted in characters.
const (
	MaxFileBytes  = 256 << 10 // org.toml
	MaxImageBytes = 200 << 10 // a logo or favicon
	MaxName       = 120       // name, contact.name
	MaxTerm       = 60        // one of the organisation's own words
	MaxTerms      = 100       // own words per language
	MaxQuestion   = 300       // one own question, in one language
	MaxQuestions  = 40        // own questions in all
	MaxURL        = 2000      // base_url, contact.url
	MaxNesting    = 8         // lists and tables in each other, counted as package tomlbound counts: [terms.nl] and its words reach 5
	maxEmail      = 254       // RFC 5321's limit on a forward path
	// MaxSlug is a DNS label's limit (RFC 1035): a slug names the output
	// folder and may name a host (slug.intranet.example.org); longer ones
	// failed only at build time, with a half-made output's lock left.
	MaxSlug = 63
)

// mailtoSpecial are the characters an e-mail address's local part may
// hold but that have a meaning in a mailto: URL (RFC 6068).
const mailtoSpecial = "?%&=#/:;,\\"

var (
	slugPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`)
)

// Load reads and validates dir/org.toml. The problems are everything wrong
// with it; the Org is only meaningful when there are none. file is how
// messages name the file (e.g. relative to the repository). Every file of
// the folder is read through package safefile.
func Load(dir, file string, site Site) (*Org, []problem.Problem) {
	folder := path.Dir(file) + "/"
	d, err := safefile.Open(dir)
	if err != nil {
		fix := "name the organisation's folder, the one holding " + FileName
		switch {
		case errors.Is(err, safefile.ErrLink):
			fix = "put the folder itself here, not a link to it: a link would let one organisation's name publish another folder's files"
		case errors.Is(err, fs.ErrNotExist):
			fix = "create it (see orgs/README.md and the examples in orgs/)"
		}
		return nil, []problem.Problem{{File: folder, Message: "cannot read the organisation's folder: " + err.Error(), Fix: fix}}
	}
	defer d.Close()
	var problems []problem.Problem
	if _, err := d.Lstat("static"); err == nil {
		problems = append(problems, problem.Problem{File: folder + "static/", Message: "static/ would not be published: a variant takes only org.toml and the images named in [brand] from an organisation's folder",
			Fix: "remove static/ from the folder; name the logo and favicon in [brand] (see orgs/README.md)"})
	}
	text, err := d.ReadFile(FileName, MaxFileBytes)
	if err != nil {
		return nil, append(problems, problem.Problem{File: file, Line: 1, Message: "cannot read " + FileName + ": " + err.Error(), Fix: readFix(err, FileName, MaxFileBytes, "")})
	}
	o, ps := parse(d, dir, file, string(text), site)
	return o, append(problems, ps...)
}

// DeclaredSlug is the slug dir/org.toml declares, read as Load reads the
// file (confined, bounded, nesting bounded) but not validated; "" if it
// declares none or cannot be read. variants -prune keeps the outputs of
// the organisations a run was not asked to build by it.
func DeclaredSlug(dir string) string {
	d, err := safefile.Open(dir)
	if err != nil {
		return ""
	}
	defer d.Close()
	text, err := d.ReadFile(FileName, MaxFileBytes)
	if err != nil || tomlbound.Check(string(text), MaxNesting) != nil {
		return ""
	}
	var decl struct{ Slug string }
	if _, err := toml.Decode(string(text), &decl); err != nil {
		return ""
	}
	return decl.Slug
}

// readFix says how to repair a file safefile.ReadFile refused.
func readFix(err error, name string, limit int64, tooLarge string) string {
	switch {
	case errors.Is(err, safefile.ErrLink):
		return fmt.Sprintf("put the file %s itself in the organisation's folder, not a link to it", name)
	case errors.Is(err, safefile.ErrNotRegular):
		return fmt.Sprintf("make %s an ordinary file", name)
	case errors.Is(err, safefile.ErrTooLarge):
		if tooLarge != "" {
			return tooLarge
		}
		return fmt.Sprintf("make it smaller than %d KB", limit>>10)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("put %s beside %s, or correct the name", name, FileName)
	}
	return "make the file readable"
}

// Parse validates the text of an org.toml that lives in dir (whose logo
// and favicon it reads).
func Parse(dir, file, text string, site Site) (*Org, []problem.Problem) {
	d, err := safefile.Open(dir)
	if err == nil {
		defer d.Close()
	}
	return parse(d, dir, file, text, site)
}

// parse validates text; d is the folder, or nil if it cannot be opened.
func parse(d *safefile.Dir, dir, file, text string, site Site) (*Org, []problem.Problem) {
	// The TOML decoder's time grows faster than the square of the nesting;
	// an org.toml needs few levels, so its bound is far below the content's.
	var deep *tomlbound.DepthError
	if errors.As(tomlbound.Check(text, MaxNesting), &deep) {
		return nil, []problem.Problem{{File: file, Line: deep.Line, Message: deep.Error(), Fix: "write the file as orgs/README.md shows: tables and lists of text, not nested in each other"}}
	}
	v := &validator{file: file, pos: tomlpos.New(text, 0), dir: dir, folder: d}
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		line, msg := tomlpos.SyntaxError(text, err)
		return nil, []problem.Problem{{File: file, Line: line, Message: "not valid TOML: " + msg, Fix: "correct the syntax on this line (text goes in \"quotes\", lists in [ ])"}}
	}
	o := &Org{Dir: dir, File: file}
	v.keys(raw, "", []string{"name", "title", "slug", "base_url", "languages", "methods", "brand", "contact", "terms", "questions"})

	o.Name = v.text("name", strings.TrimSpace(v.str(raw, "", "name", true)), MaxName)

	o.Slug = v.str(raw, "", "slug", false)
	if o.Slug == "" {
		o.Slug = filepath.Base(dir)
		switch {
		case !slugPattern.MatchString(o.Slug):
			v.add("name", `add slug = "…" with only a-z, 0-9 and single hyphens, or rename the folder that way`, "the folder name %q cannot be the slug (the output folder)", o.Slug)
		case len(o.Slug) > MaxSlug:
			v.add("name", fmt.Sprintf(`add a shorter slug = "…" (at most %d characters), or rename the folder`, MaxSlug), "the folder name, the slug, is %d characters long; at most %d, the length of a DNS label, so that it can name a host and a folder anywhere", len(o.Slug), MaxSlug)
		}
	} else if !slugPattern.MatchString(o.Slug) {
		v.add("slug", `use only a-z, 0-9 and single hyphens, e.g. slug = "provincie-voorbeeld"`, "slug %q is not safe as a folder name", o.Slug)
	} else if len(o.Slug) > MaxSlug {
		v.add("slug", fmt.Sprintf("shorten it to at most %d characters, e.g. an abbreviation of the name", MaxSlug), "slug is %d characters long; at most %d, the length of a DNS label, so that it can name a host and a folder anywhere", len(o.Slug), MaxSlug)
	}

	o.BaseURL = v.str(raw, "", "base_url", true)
	if o.BaseURL != "" {
		if why := checkURL(o.BaseURL, false); why != "" {
			v.add("base_url", `write the full address the site will have, e.g. base_url = "https://intranet.example.org/gesprekken/"`, "base_url %q %s", o.BaseURL, why)
		} else if _, err := urlpath.BasePath(o.BaseURL); err != nil {
			// The path goes into every web server's configuration
			// (server-config): the same rule, so no command accepts an
			// address another refuses.
			v.add("base_url", urlpath.Fix, "base_url: %v", err)
		} else if !strings.HasSuffix(o.BaseURL, "/") {
			o.BaseURL += "/"
		}
	}

	langs, present := v.strs(raw, "", "languages")
	switch {
	case !present:
		v.add("languages", fmt.Sprintf("add languages = [%s] (the first is the default)", problem.QuoteList(site.Languages)), "languages is missing")
	case langs != nil && len(langs) == 0:
		v.add("languages", fmt.Sprintf("name at least one of %s", problem.QuoteList(site.Languages)), "the language list is empty")
	}
	for _, l := range langs {
		switch {
		case !slices.Contains(site.Languages, l):
			v.add("languages", problem.DidYouMean(l, site.Languages, "languages"), "unknown language %q", l)
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
	for _, name := range methods {
		m, known := site.method(name)
		switch {
		case !known:
			v.add("methods", problem.DidYouMean(name, site.methodNames(langs), "methods, by id or by the folder name of a language"), "unknown method %q", name)
			v.badMethods = true
		case slices.Contains(o.Methods, m.ID):
			v.add("methods", "name each method once", "method %q is listed twice", name)
		default:
			o.Methods = append(o.Methods, m.ID)
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
	v.title(raw, o, site)
	v.terms(raw, o, site)
	v.questions(raw, o, site)
	return o, v.problems
}

func (v *validator) contact(raw map[string]any, o *Org) {
	c, ok := v.table(raw, "", "contact", false)
	if !ok {
		return
	}
	v.keys(c, "contact", []string{"name", "email", "phone", "url"})
	o.Contact.Name = v.text("contact.name", v.str(c, "contact", "name", false), MaxName)
	o.Contact.Email = v.text("contact.email", v.str(c, "contact", "email", false), maxEmail)
	o.Contact.Phone = v.str(c, "contact", "phone", false)
	o.Contact.URL = v.text("contact.url", v.str(c, "contact", "url", false), MaxURL)
	if e := o.Contact.Email; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e || a.Name != "" {
			v.add("contact.email", `write only the address, e.g. email = "hr@example.org"`, "contact.email %q is not an e-mail address", e)
		} else if i := strings.IndexAny(e, mailtoSpecial); i >= 0 {
			// The address becomes a mailto: link, where these start a
			// query (?cc=…&bcc=…), an escape or a second address: a
			// CC nobody sees in the text.
			v.add("contact.email", `write a plain address, e.g. email = "hr@example.org" (no ? % & = # / : ; , in it)`, "contact.email %q holds %q, which in the mailto: link would add a query, an escape or another address", e, e[i])
		}
	}
	if p := o.Contact.Phone; p != "" && !phonePattern.MatchString(p) {
		v.add("contact.phone", `use digits, spaces, hyphens and an optional leading +, e.g. phone = "+31 30 123 45 67"`, "contact.phone %q is not a phone number", p)
	}
	if s := o.Contact.URL; s != "" {
		if why := checkURL(s, true); why != "" {
			v.add("contact.url", `write the full address, e.g. url = "https://intranet.example.org/hr"`, "contact.url %q %s", s, why)
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
	if len(list) > MaxQuestions {
		v.add("questions[0]", fmt.Sprintf("keep at most %d questions of your own: the question lists are for the conversation, not a survey", MaxQuestions), "%d own questions", len(list))
		list = list[:MaxQuestions]
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
			v.add(at+".method", problem.DidYouMean(qq.Method, site.methodNames(o.Languages), "method, by id or folder name"), "question %d: unknown method %q", i+1, qq.Method)
		case !slices.Contains(o.Methods, m.ID) && !v.badMethods:
			v.add(at+".method", fmt.Sprintf("add %q to methods, or remove this question", qq.Method), "question %d is for method %q, which this variant leaves out", i+1, qq.Method)
		}
		if known {
			qq.Method = m.ID
		}
		if known && qq.Agenda != "" {
			if id, ok := m.agendaItem(qq.Agenda); ok {
				qq.Agenda = id
			} else {
				v.add(at+".agenda", problem.DidYouMean(qq.Agenda, m.agendaNames(), "agenda items of "+m.ID+", by id or alias"), "question %d: %q is not an agenda item of %s", i+1, qq.Agenda, m.ID)
			}
		}
		if known && qq.Asks != "" {
			roles := append(slices.Clone(m.Roles), "both")
			if !slices.Contains(roles, qq.Asks) {
				v.add(at+".asks", problem.DidYouMean(qq.Asks, roles, "asks (who asks)"), "question %d: %q does not take part in %s", i+1, qq.Asks, m.ID)
			}
		}
		for _, l := range o.Languages {
			qq.Text[l] = v.text(at+"."+l, strings.TrimSpace(v.str(q, at, l, true)), MaxQuestion)
		}
		o.Questions = append(o.Questions, qq)
	}
	v.readable(o, site)
}

// readable holds the organisation's own questions, per language, to the
// site's readability budget for questions: they stand on the same
// question lists and preparation sheets as the site's own.
func (v *validator) readable(o *Org, site Site) {
	if site.Readability == nil {
		return
	}
	for _, l := range o.Languages {
		var sentences []readability.Sentence
		for i, q := range o.Questions {
			line, _ := v.pos.Line(fmt.Sprintf("questions[%d].%s", i, l))
			for _, s := range readability.Split(q.Text[l]) {
				sentences = append(sentences, readability.Sentence{Text: s, File: v.file, Line: line})
			}
		}
		_, found := site.Readability.Judge("questions", sentences)
		for _, f := range found {
			v.problems = append(v.problems, problem.Problem{File: v.file, Line: f.At.Line, Message: "your own questions (" + l + "): " + f.Message, Fix: f.Fix})
		}
	}
}

// image reads a logo or favicon beside org.toml and returns it as it will
// be published: an SVG written out again by svgsafe, a PNG decoded and
// encoded again by pngsafe. The file must be a regular file inside the
// organisation's folder, at most MaxImageBytes.
func (v *validator) image(b map[string]any, key string, required bool) *Image {
	name := v.str(b, "brand", key, required)
	if name == "" {
		return nil
	}
	at := "brand." + key
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".svg" && ext != ".png" {
		v.add(at, "use an .svg or .png file", "brand.%s %q is neither SVG nor PNG", key, name)
		return nil
	}
	if strings.Contains(name, `\`) || !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name {
		v.add(at, fmt.Sprintf("put the file in %s and give its name only", v.dir), "brand.%s %q is outside the organisation's folder", key, name)
		return nil
	}
	if v.folder == nil {
		v.add(at, fmt.Sprintf("put %s beside %s, or correct the name", name, FileName), "brand.%s: %s does not exist", key, name)
		return nil
	}
	data, err := v.folder.ReadFile(name, MaxImageBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		v.add(at, readFix(err, name, 0, ""), "brand.%s: %s does not exist", key, name)
		return nil
	case err != nil:
		v.add(at, readFix(err, name, MaxImageBytes, fmt.Sprintf("make it smaller than %d KB (an SVG, or a PNG of at most 512 pixels)", MaxImageBytes>>10)), "brand.%s: %v", key, err)
		return nil
	}
	if ext == ".png" {
		out, err := pngsafe.Reencode(data)
		switch {
		case errors.Is(err, pngsafe.ErrTooLarge):
			v.add(at, "scale the image down to at most 512 × 512 pixels", "brand.%s: %s has %v", key, name, strings.TrimPrefix(err.Error(), pngsafe.ErrTooLarge.Error()+": "))
			return nil
		case err != nil:
			v.add(at, "export the image as PNG again, or give it the extension of what it is", "brand.%s: %s is not a PNG file that can be read completely (%v)", key, name, err)
			return nil
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(out))
		if err != nil {
			v.add(at, "export the image as PNG again", "brand.%s: %s cannot be measured (%v)", key, name, err)
			return nil
		}
		return v.shaped(at, key, name, &Image{Ext: ext, Data: out, Width: float64(cfg.Width), Height: float64(cfg.Height)})
	}
	out, err := svgsafe.Sanitize(data)
	if err != nil {
		var r *svgsafe.Refusal
		if !errors.As(err, &r) {
			r = &svgsafe.Refusal{Line: 1, What: "the file", Reason: err.Error(), Fix: "export the image as plain SVG again"}
		}
		v.problems = append(v.problems, problem.Problem{
			File:    path.Join(path.Dir(v.file), name),
			Line:    r.Line,
			Message: fmt.Sprintf("%s %s (the %s named in %s)", r.What, r.Reason, strings.TrimPrefix(at, "brand."), FileName),
			Fix:     r.Fix,
		})
		return nil
	}
	w, h, err := svgsafe.Size(out)
	if err != nil {
		v.add(at, `give the <svg> element a viewBox with the drawing's size, e.g. viewBox="0 0 200 40" (or width and height in pixels)`, "brand.%s: %s: %v", key, name, err)
		return nil
	}
	return v.shaped(at, key, name, &Image{Ext: ext, Data: out, Width: w, Height: h})
}

// shaped refuses an image too wide or too tall to read at the header's
// height on a phone.
func (v *validator) shaped(at, key, name string, img *Image) *Image {
	if r := img.Ratio(); r > MaxLogoRatio || r < 1/MaxLogoRatio {
		v.add(at, fmt.Sprintf("use a version of the logo at most %d times as wide as it is high, or as high as it is wide (a stacked or short form)", MaxLogoRatio),
			"brand.%s: %s is %g × %g, a ratio of %.1f:1; at the header's height it could not be read on a phone", key, name, img.Width, img.Height, max(r, 1/r))
		return nil
	}
	return img
}

// --- the validator's plumbing -------------------------------------------

type validator struct {
	file     string
	dir      string
	folder   *safefile.Dir // nil if the folder cannot be opened
	pos      *tomlpos.Index
	problems []problem.Problem
	// guessed holds the key paths a misspelt key was taken for: such a key
	// is not also reported missing (one mistake, one message).
	guessed map[string]bool
	// badMethods: an entry of methods was wrong, so questions are not
	// measured against the (incomplete) list.
	badMethods bool
}

func (v *validator) add(path, fix, format string, args ...any) {
	line, _ := v.pos.Line(path)
	v.problems = append(v.problems, problem.Problem{File: v.file, Line: line, Message: fmt.Sprintf(format, args...), Fix: fix})
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
		if s := problem.Closest(k, known); s != "" {
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
		v.add(join(path, key), fmt.Sprintf(`write it as text in quotes: %s = "…"`, key), "%s must be text, not %s", join(path, key), tomlpos.TypeName(val))
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
		v.add(join(path, key), fmt.Sprintf(`write a list: %s = ["…", "…"]`, key), "%s must be a list of text, not %s", join(path, key), tomlpos.TypeName(val))
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
		v.add(join(path, key), fmt.Sprintf("write it as a table: [%s]", join(path, key)), "%s must be a table, not %s", join(path, key), tomlpos.TypeName(val))
		return nil, false
	}
	return t, true
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
