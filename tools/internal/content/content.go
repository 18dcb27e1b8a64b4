// Package content reads the site's content: the languages from config.toml
// and every Markdown file's TOML front matter, keeping the line of every key
// so that problems can name it. It judges nothing; package check does.
package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlbound"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// Language is one of the site's languages, as config.toml declares it.
type Language struct {
	Code       string
	ContentDir string // relative to the site root
	Weight     int
}

// Limits on what a content folder may hold: far above any real site, far
// below what makes a check take minutes or gigabytes.
const (
	MaxFileBytes = 1 << 20 // a content file, config.toml, an i18n file
	MaxFiles     = 10000   // entries under the content folders and HugoFolders together
)

// Site is everything check needs to know about a site.
type Site struct {
	Root      string
	BaseURL   string     // config.toml's baseURL
	Title     string     // config.toml's title: the site's name
	Languages []Language // by weight: the first is the default
	Config    *Config    // all that is read from config.toml
	Pages     []*Page
	// Adapters are the content adapters (_content.gotmpl), each as the
	// language and the folder it sits in (relative to the language's
	// content dir): they generate a folder's method pages (see Generated).
	Adapters []Adapter
	// Refused lists what Load would not read, each with why: anything
	// that is not a regular file or a folder (a named pipe would hang the
	// check and Hugo, a link could lead out of the project), a file over
	// MaxFileBytes, and everything past MaxFiles.
	Refused []Refused
}

// Adapter is one content adapter file.
type Adapter struct {
	File string // relative to the site root, slash-separated
	Lang string
	Dir  string // folder relative to the language's content dir
}

// AdapterFile is the name Hugo gives a content adapter.
const AdapterFile = "_content.gotmpl"

// Generated are the pages the content adapter of a methods folder builds
// from every method guide in it, by layout; each has the translationKey
// "<method id>/<layout>". They are not files: a method is its _index.md.
// The preparation sheet exists only for a method with a question marked
// prepare = true.
var Generated = []string{"agenda", "questions", "form", "preparation"}

// Refused is a path under a content folder or one of HugoFolders that
// Load did not read.
type Refused struct {
	File string // relative to the site root, slash-separated
	Err  error  // a *safefile.Error, or ErrTooManyFiles
}

// ErrTooManyFiles stops a walk that has seen MaxFiles entries.
var ErrTooManyFiles = fmt.Errorf("the site's folders hold more than %d files and folders; nothing after this was read", MaxFiles)

// Page is one content file.
type Page struct {
	File     string // path relative to the site root, slash-separated
	Lang     string
	Dir      string // folder relative to the language's content dir
	Front    Front
	Body     string
	BodyLine int // file line on which the body starts
	// Undecoded lists front-matter keys that match no known key.
	Undecoded []toml.Key
	// Texts are the front matter's texts that readers see (TextKeys).
	Texts []Text
	// Err is set when the front matter could not be read (a
	// *tomlbound.DepthError when it nests too deeply); ErrLine is its line.
	// A page with Err never leaves the process that read it.
	Err     error `json:"-"`
	ErrLine int
	pos     *tomlpos.Index
}

// Front is the front matter a content file may have.
type Front struct {
	Title          string `toml:"title"`
	LinkTitle      string `toml:"linkTitle"`
	Description    string `toml:"description"`
	TranslationKey string `toml:"translationKey"`
	Weight         int    `toml:"weight"`
	Layout         string `toml:"layout"`
	Params         Params `toml:"params"`
	// Cascade is Hugo's: the methods folder's index gives every method
	// folder in it (a section) the method layout, so that a language's
	// methods are laid out by its own content, not by a list of folder
	// names in config.toml (check.checkMethodsCascade).
	Cascade []Cascade `toml:"cascade"`
}

// Cascade is one [[cascade]] of front matter: what it sets, on which pages.
type Cascade struct {
	Layout string `toml:"layout"`
	Target struct {
		Kind string `toml:"kind"`
		Path string `toml:"path"`
	} `toml:"target"`
}

// Params holds a method's structure. Pages that are not a method's guide
// leave it empty.
type Params struct {
	Method      string   `toml:"method"`
	FormVersion int      `toml:"form_version"`
	Frequency   string   `toml:"frequency"`
	Roles       []string `toml:"roles"`
	BasedOn     string   `toml:"based_on"`
	Signoff     string   `toml:"signoff"` // "sign" (default) or "summary"
	// SignoffTo: who beyond the two parties receives the sign-off
	// (verdicts, names, dates, reactions): see check.Recipients.
	SignoffTo []string     `toml:"signoff_to"`
	Agenda    []AgendaItem `toml:"agenda"`
}

// AgendaItem is one item of a method's agenda.
type AgendaItem struct {
	ID string `toml:"id"`
	// Alias is the item's id in the guide's own language, for org.toml
	// (German HR need not write the Dutch id); optional, unique in the
	// method across languages.
	Alias     string     `toml:"alias"`
	Title     string     `toml:"title"`
	Minutes   int        `toml:"minutes"`
	Purpose   string     `toml:"purpose"`
	Questions []Question `toml:"questions"`
	Fields    []Field    `toml:"fields"`
}

// Question is asked during an agenda item by the role Asks.
type Question struct {
	ID   string `toml:"id"`
	Asks string `toml:"asks"`
	Text string `toml:"text"`
	// Prepare puts the question on the method's preparation sheet.
	Prepare bool `toml:"prepare"`
}

// Field is one field of the method's form, filled in during an agenda item.
type Field struct {
	ID    string `toml:"id"`
	Kind  string `toml:"kind"`
	Label string `toml:"label"`
	Hint  string `toml:"hint"`
	Items int    `toml:"items"`
	// To: who beyond the two parties receives the field's value, by the
	// organisation's rules: see check.Recipients (docs/record.md, 8).
	To []string `toml:"to"`
	// Options are the levels of a rating, in order, each with its meaning
	// written out (kind = "rating" only).
	Options []Option `toml:"options"`
}

// Option is one level of a rating: the value stored in drafts and exports
// (the same in every language) and what it means, in the page's language.
type Option struct {
	Value string `toml:"value"`
	Label string `toml:"label"`
}

// IsMethod reports whether the page is a method's guide.
func (p *Page) IsMethod() bool { return p.Front.Params.Method != "" }

// Line returns the file line of an indexed key path such as
// "params.agenda[1].minutes" (or of its table when the key is missing).
func (p *Page) Line(path string) int {
	if p.pos == nil {
		return 1
	}
	l, _ := p.pos.Line(path)
	return l
}

// Lines returns the file lines of a plain key path (toml.Key form).
func (p *Page) Lines(plainPath string) []int {
	if p.pos == nil {
		return nil
	}
	return p.pos.Lines(plainPath)
}

// HugoFolders are the project's other folders Hugo reads, with the
// largest file each may hold (0: any size; static files and assets may be
// images or PDF documents). config is Hugo's configDir: Hugo merges
// config/_default/*.toml over config.toml even when the config file is
// named, so a file there changes every page; themes is its themesDir.
var HugoFolders = []struct {
	Name  string
	Limit int64
}{{"layouts", MaxFileBytes}, {"i18n", MaxFileBytes}, {"data", MaxFileBytes}, {"archetypes", MaxFileBytes}, {"static", 0}, {"assets", 0},
	{"config", MaxFileBytes}, {"themes", 0}}

// Load reads config.toml and every .md file under the languages' content
// folders. A file whose front matter cannot be read is still returned, with
// Err set, so that every problem can be reported at once.
//
// Nothing is read that could hang or exhaust the process: files are
// listed without being opened, opened without blocking, through an
// os.Root (no link leads out of the site), and only when they are regular
// files within MaxFileBytes; front matter is decoded only when it nests
// within tomlbound.MaxDepth. The other folders Hugo reads (HugoFolders)
// are listed the same way, so that a named pipe or a link there stops a
// build before Hugo would hang on it or publish what it points to. What
// is refused is in Site.Refused.
func Load(root string) (*Site, error) {
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	langs := cfg.Languages
	fsys, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	site := &Site{Root: root, BaseURL: cfg.BaseURL, Title: cfg.Title, Languages: langs, Config: cfg}
	w := &walker{root: root, site: site}
	for _, lang := range langs {
		dir := filepath.Join(root, filepath.FromSlash(lang.ContentDir))
		err := w.walk(dir, MaxFileBytes, func(rel, path string) error {
			inLang, _ := filepath.Rel(dir, filepath.Dir(path))
			if filepath.Base(path) == AdapterFile {
				site.Adapters = append(site.Adapters, Adapter{File: filepath.ToSlash(rel), Lang: lang.Code, Dir: filepath.ToSlash(inLang)})
				return nil
			}
			if filepath.Ext(path) != ".md" {
				return nil
			}
			b, err := safefile.Read(fsys, filepath.ToSlash(rel), MaxFileBytes)
			var refused *safefile.Error
			if errors.As(err, &refused) && refused.Refused() { // it changed since it was listed
				refused.Name = filepath.ToSlash(rel)
				w.refuse(rel, refused)
				return nil
			}
			if err != nil {
				return err
			}
			page := parsePage(b)
			page.File = filepath.ToSlash(rel)
			page.Lang = lang.Code
			page.Dir = filepath.ToSlash(inLang)
			site.Pages = append(site.Pages, page)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, f := range HugoFolders {
		if err := w.walk(filepath.Join(root, f.Name), f.Limit, nil); err != nil {
			return nil, err
		}
	}
	return site, nil
}

// walker lists folders for Load, refusing what must not be read and
// counting entries against MaxFiles.
type walker struct {
	root    string
	site    *Site
	entries int
}

func (w *walker) refuse(rel string, err error) {
	w.site.Refused = append(w.site.Refused, Refused{File: filepath.ToSlash(rel), Err: err})
}

// walk lists dir (if it exists) and calls visit for every regular file
// within limit (0: any size).
func (w *walker) walk(dir string, limit int64, visit func(rel, path string) error) error {
	if w.entries > MaxFiles {
		return nil
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(w.root, path)
		if w.entries++; w.entries > MaxFiles {
			w.refuse(rel, ErrTooManyFiles)
			return filepath.SkipAll
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := safefile.Check(filepath.ToSlash(rel), info, limit); err != nil {
			w.refuse(rel, err)
			return nil
		}
		if visit == nil {
			return nil
		}
		return visit(rel, path)
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// IsRefused reports whether Load refused the file rel (slash-separated,
// relative to the site root).
func (s *Site) IsRefused(rel string) bool {
	for _, r := range s.Refused {
		if r.File == rel {
			return true
		}
	}
	return false
}

// Config is what the tool reads from config.toml, read here only: bounded
// (MaxFileBytes, nesting), with the line of each key for messages.
type Config struct {
	BaseURL   string     // baseURL
	Title     string     // title: the site's name
	Languages []Language // by weight: the first is the default
	CSP       []string   // params.csp: the pages' Content-Security-Policy, a directive each
	lines     *tomlpos.Index
}

// Line is the line of a key in config.toml ("params.csp"), or 0.
func (c *Config) Line(key string) int {
	if c.lines == nil {
		return 0
	}
	l, _ := c.lines.Line(key)
	return l
}

// LoadConfig reads config.toml in root.
func LoadConfig(root string) (*Config, error) {
	var cfg struct {
		BaseURL                string `toml:"baseURL"`
		Title                  string `toml:"title"`
		DefaultContentLanguage string `toml:"defaultContentLanguage"`
		Languages              map[string]struct {
			ContentDir string `toml:"contentDir"`
			Weight     int    `toml:"weight"`
		} `toml:"languages"`
		Params struct {
			CSP []string `toml:"csp"`
		} `toml:"params"`
	}
	path := filepath.Join(root, "config.toml")
	b, err := safefile.ReadPath(path, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	var deep *tomlbound.DepthError
	if errors.As(tomlbound.Check(string(b), tomlbound.MaxDepth), &deep) {
		return nil, fmt.Errorf("%s:%d: %w", path, deep.Line, deep)
	}
	if _, err := toml.Decode(string(b), &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var langs []Language
	for code, l := range cfg.Languages {
		dir := l.ContentDir
		if dir == "" {
			dir = "content"
		}
		langs = append(langs, Language{Code: code, ContentDir: dir, Weight: l.Weight})
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("%s: no [languages] declared", path)
	}
	sort.Slice(langs, func(i, j int) bool {
		if (langs[i].Code == cfg.DefaultContentLanguage) != (langs[j].Code == cfg.DefaultContentLanguage) {
			return langs[i].Code == cfg.DefaultContentLanguage
		}
		if langs[i].Weight != langs[j].Weight {
			return langs[i].Weight < langs[j].Weight
		}
		return langs[i].Code < langs[j].Code
	})
	return &Config{BaseURL: cfg.BaseURL, Title: cfg.Title, Languages: langs, CSP: cfg.Params.CSP, lines: tomlpos.New(string(b), 0)}, nil
}

// readPage reads and parses one content file.
func readPage(path string) (*Page, error) {
	b, err := safefile.ReadPath(path, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return parsePage(b), nil
}

// parsePage parses a content file: TOML front matter between +++ lines,
// then the body.
func parsePage(b []byte) *Page {
	p := &Page{}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	front, body, bodyLine, ok := splitFrontMatter(text)
	if !ok {
		p.Err = errors.New("no TOML front matter: the file must start with a line +++ and the front matter must end with another +++ line")
		p.ErrLine = 1
		p.Body = text
		return p
	}
	p.Body, p.BodyLine = body, bodyLine
	var deep *tomlbound.DepthError
	if errors.As(tomlbound.Check(front, tomlbound.MaxDepth), &deep) {
		p.Err, p.ErrLine = deep, deep.Line+1
		return p
	}
	p.pos = tomlpos.New(front, 1)
	md, err := toml.Decode(front, &p.Front)
	if err != nil {
		p.Err = err
		p.ErrLine = 2
		var perr toml.ParseError
		if errors.As(err, &perr) {
			p.Err = errors.New(perr.Message)
			p.ErrLine = perr.Position.Line + 1
		}
		return p
	}
	p.Undecoded = md.Undecoded()
	var raw map[string]any
	if _, err := toml.Decode(front, &raw); err == nil {
		WalkTexts(raw, func(path, value string) string {
			p.Texts = append(p.Texts, Text{Path: path, Value: value})
			return value
		})
	}
	return p
}

// TextKeys are the front-matter keys whose values readers see (titles,
// the lead, agenda titles and purposes, questions, field labels, hints
// and rating levels), as plain key paths; lists of tables are walked
// through. Every other key is an id, a number or a switch.
var TextKeys = []string{
	"title", "linkTitle", "description",
	"params.frequency", "params.based_on",
	"params.agenda.title", "params.agenda.purpose",
	"params.agenda.questions.text",
	"params.agenda.fields.label", "params.agenda.fields.hint", "params.agenda.fields.options.label",
}

// Text is one text of a page's front matter that readers see.
type Text struct {
	Path  string // indexed, as Page.Line takes it: "params.agenda[1].purpose"
	Value string
}

// WalkTexts calls fn with every text of a decoded front matter (the
// values at TextKeys) and its indexed path, and puts back what fn
// returns, in the order of the keys and the lists.
func WalkTexts(front map[string]any, fn func(path, value string) string) {
	for _, key := range TextKeys {
		walkText(front, strings.Split(key, "."), "", fn)
	}
}

func walkText(table map[string]any, keys []string, at string, fn func(path, value string) string) {
	if len(keys) == 0 {
		return
	}
	path := keys[0]
	if at != "" {
		path = at + "." + keys[0]
	}
	switch v := table[keys[0]].(type) {
	case string:
		if len(keys) == 1 {
			table[keys[0]] = fn(path, v)
		}
	case map[string]any:
		walkText(v, keys[1:], path, fn)
	case []map[string]any:
		for i, t := range v {
			walkText(t, keys[1:], fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case []any: // an inline list of tables
		for i, x := range v {
			if t, ok := x.(map[string]any); ok {
				walkText(t, keys[1:], fmt.Sprintf("%s[%d]", path, i), fn)
			}
		}
	}
}

// SplitFrontMatter splits a content file's text into its TOML front
// matter (between +++ lines) and its body.
func SplitFrontMatter(text string) (front, body string, ok bool) {
	front, body, _, ok = splitFrontMatter(strings.ReplaceAll(text, "\r\n", "\n"))
	return front, body, ok
}

// splitFrontMatter splits "+++\nFRONT\n+++\nBODY".
func splitFrontMatter(text string) (front, body string, bodyLine int, ok bool) {
	if !strings.HasPrefix(text, "+++\n") {
		return "", "", 0, false
	}
	rest := text[len("+++\n"):]
	end := strings.Index(rest, "\n+++\n")
	if end < 0 {
		if strings.HasSuffix(rest, "\n+++") {
			end = len(rest) - len("\n+++")
		} else {
			return "", "", 0, false
		}
	}
	front = rest[:end+1]
	body = strings.TrimPrefix(rest[end+1:], "+++")
	body = strings.TrimPrefix(body, "\n")
	bodyLine = strings.Count(front, "\n") + 3
	return front, body, bodyLine, true
}
