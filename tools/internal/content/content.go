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

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// Language is one of the site's languages, as config.toml declares it.
type Language struct {
	Code       string
	ContentDir string // relative to the site root
	Weight     int
}

// Site is everything check needs to know about a site.
type Site struct {
	Root      string
	Languages []Language // by weight: the first is the default
	Pages     []*Page
	// Adapters are the content adapters (_content.gotmpl), each as the
	// language and the folder it sits in (relative to the language's
	// content dir): they generate a folder's method pages (see Generated).
	Adapters []Adapter
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
	// Err is set when the front matter could not be read; Line is its line.
	Err     error
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
}

// Params holds a method's structure. Pages that are not a method's guide
// leave it empty.
type Params struct {
	Method      string       `toml:"method"`
	FormVersion int          `toml:"form_version"`
	Frequency   string       `toml:"frequency"`
	Roles       []string     `toml:"roles"`
	BasedOn     string       `toml:"based_on"`
	Signoff     string       `toml:"signoff"` // "sign" (default) or "summary"
	Agenda      []AgendaItem `toml:"agenda"`
}

// AgendaItem is one item of a method's agenda.
type AgendaItem struct {
	ID        string     `toml:"id"`
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

// Load reads config.toml and every .md file under the languages' content
// folders. A file whose front matter cannot be read is still returned, with
// Err set, so that every problem can be reported at once.
func Load(root string) (*Site, error) {
	langs, err := loadLanguages(root)
	if err != nil {
		return nil, err
	}
	site := &Site{Root: root, Languages: langs}
	for _, lang := range langs {
		dir := filepath.Join(root, filepath.FromSlash(lang.ContentDir))
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, path)
			inLang, _ := filepath.Rel(dir, filepath.Dir(path))
			if d.Name() == AdapterFile {
				site.Adapters = append(site.Adapters, Adapter{File: filepath.ToSlash(rel), Lang: lang.Code, Dir: filepath.ToSlash(inLang)})
				return nil
			}
			if filepath.Ext(path) != ".md" {
				return nil
			}
			page, err := readPage(path)
			if err != nil {
				return err
			}
			page.File = filepath.ToSlash(rel)
			page.Lang = lang.Code
			page.Dir = filepath.ToSlash(inLang)
			site.Pages = append(site.Pages, page)
			return nil
		})
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return site, nil
}

func loadLanguages(root string) ([]Language, error) {
	var cfg struct {
		DefaultContentLanguage string `toml:"defaultContentLanguage"`
		Languages              map[string]struct {
			ContentDir string `toml:"contentDir"`
			Weight     int    `toml:"weight"`
		} `toml:"languages"`
	}
	path := filepath.Join(root, "config.toml")
	if _, err := toml.DecodeFile(path, &cfg); err != nil {
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
	return langs, nil
}

func readPage(path string) (*Page, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := &Page{}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	front, body, bodyLine, ok := splitFrontMatter(text)
	if !ok {
		p.Err = errors.New("no TOML front matter: the file must start with a line +++ and the front matter must end with another +++ line")
		p.ErrLine = 1
		p.Body = text
		return p, nil
	}
	p.Body, p.BodyLine = body, bodyLine
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
		return p, nil
	}
	p.Undecoded = md.Undecoded()
	return p, nil
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
