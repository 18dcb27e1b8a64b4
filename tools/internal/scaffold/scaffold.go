// Package scaffold starts a new method: the guide of each language, with
// every section and a small, valid structure (an agenda of three items,
// questions for the preparation sheet, form fields), and the method's names
// in the glossary (data/glossary.toml, and the tables of docs/glossary.md
// made from it). It passes check and builds as it is; an editor then
// replaces the text. A method is one file per language: the content
// adapter of its folder generates its agenda, question list, form and
// preparation sheet.
//
// Everything is validated before anything is written, and a failure while
// writing removes what was written: a refused or failed run leaves the site
// as it was.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
)

// skeletonFile is the skeleton of a new guide in lang, relative to the
// site root: content like the guides, so that a language is added with
// configuration and files, not code. A text/template.
func skeletonFile(lang string) string { return "skeletons/" + lang + ".md" }

// MaxTitle is the longest name a method may have, in characters.
const MaxTitle = 80

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Options says what to create.
type Options struct {
	ID    string            // the method id, the same in every language
	Slugs map[string]string // by language code: the folder's name, which is the URL
	// Titles are the method's names by language. Optional: a name the
	// glossary already has is used; otherwise one is made from the slug.
	Titles map[string]string
}

// Arguments is the "file" of a problem with what the command was given
// (an id, a folder name, a title) rather than with a file.
const Arguments = "the command line"

type plan struct {
	files    map[string][]byte // relative path → contents, to create
	glossary []byte            // the glossary's new text, or nil
	oldGloss []byte            // its text before, to put back if the page cannot be written
	doc      []byte            // glossary.Doc's new text, or nil when the site has no such page
}

// Method creates the method described by o in the site at root and
// returns the files it wrote or changed, relative to root. An error that
// is a problem.List says every reason it would not, each with its file
// (or Arguments), line and fix; nothing was written then.
func Method(root string, o Options) ([]string, error) {
	site, err := content.Load(root)
	if err != nil {
		return nil, err
	}
	p, err := planMethod(site, o)
	if err != nil {
		return nil, err
	}
	return p.write(root)
}

func planMethod(site *content.Site, o Options) (*plan, error) {
	var problems problem.List
	refuse := problems.Add

	if !idPattern.MatchString(o.ID) {
		refuse(Arguments, 0, "use lower-case letters, digits and single hyphens, e.g. functioneringsgesprek", "method id %q is not valid", o.ID)
	}
	weight, usedBy := 0, false
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		weight = max(weight, p.Front.Weight)
		if p.Front.Params.Method == o.ID && !usedBy {
			usedBy = true
			refuse(p.File, p.Line("params.method"), "choose another id", "method id %q is already used by %s", o.ID, p.File)
		}
	}
	for code := range o.Slugs {
		if !slices.ContainsFunc(site.Languages, func(l content.Language) bool { return l.Code == code }) {
			refuse(Arguments, 0, "give -lang for the site's languages only: "+languageCodes(site), "the site has no language %q (it has %s)", code, languageCodes(site))
		}
	}

	gb, gerr := os.ReadFile(filepath.Join(site.Root, filepath.FromSlash(glossary.File)))
	var g *glossary.Glossary
	if gerr != nil {
		refuse(glossary.File, 0, "restore it (git checkout "+glossary.File+"): the new method's names go into it", "%s cannot be read: %v", glossary.File, gerr)
	} else {
		var ps []problem.Problem
		g, ps = glossary.Parse(string(gb))
		problems.Append(ps...)
	}

	p := &plan{files: map[string][]byte{}}
	titles := map[string]string{}
	listed := false
	for _, l := range site.Languages {
		slug, ok := o.Slugs[l.Code]
		if !ok {
			refuse(Arguments, 0, fmt.Sprintf("give -lang %s=SLUG", l.Code), "no folder name for %s", l.Code)
			continue
		}
		if !idPattern.MatchString(slug) {
			refuse(Arguments, 0, "use lower-case letters, digits and single hyphens (it is the page's address)", "%s folder name %q is not valid", l.Code, slug)
			continue
		}
		section, err := methodsFolder(site, l)
		if err != nil {
			refuse(l.ContentDir, 0, fmt.Sprintf("put the methods folder's content adapter (%s) back (see docs/content-model.md)", content.AdapterFile), "%v", err)
			continue
		}
		dir := path.Join(l.ContentDir, section, slug)
		for _, taken := range []string{dir, dir + ".md"} {
			if _, err := os.Lstat(filepath.Join(site.Root, filepath.FromSlash(taken))); err == nil {
				refuse(taken, 0, fmt.Sprintf("choose another %s folder name", l.Code), "%s already exists", taken)
			}
		}

		title := o.Titles[l.Code]
		if g != nil {
			if e, name, ok := g.Name(glossary.Methods, o.ID, l.Code); ok && name != "" {
				listed = true
				if title != "" && title != name {
					refuse(glossary.File, e.LangLine(l.Code), "leave out the title or change the glossary", "the glossary names %q %q in %s, not %q", o.ID, name, l.Code, title)
				}
				title = name
			}
		}
		if title == "" {
			title = titleFromSlug(slug)
		}
		if err := validTitle(title); err != nil {
			refuse(Arguments, 0, err.Error(), "%s title %q is not usable", l.Code, title)
		}
		titles[l.Code] = title

		text, err := render(site.Root, l.Code, skeletonData{ID: o.ID, Title: title, Weight: weight + 10})
		if err != nil {
			refuse(skeletonFile(l.Code), 0, fmt.Sprintf("write the skeleton of a %s guide there (see the other languages')", l.Code), "%v", err)
			continue
		}
		p.files[path.Join(dir, "_index.md")] = text
	}
	if g != nil && !listed && len(problems) == 0 {
		text, err := g.WithMethod(o.ID, titles)
		if err != nil {
			refuse(glossary.File, 0, "add the method's names to the glossary by hand", "%v", err)
		} else {
			p.glossary, p.oldGloss = []byte(text), gb
			p.doc = docTables(site.Root, text)
		}
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// methodsFolder is the folder, relative to a language's content dir, that
// holds its methods: the one with a content adapter.
func methodsFolder(site *content.Site, l content.Language) (string, error) {
	var dirs []string
	for _, a := range site.Adapters {
		if a.Lang == l.Code {
			dirs = append(dirs, a.Dir)
		}
	}
	if len(dirs) == 1 {
		return dirs[0], nil
	}
	// Several adapters: the folder that already holds this language's methods.
	for _, p := range site.Pages {
		if p.Err == nil && p.IsMethod() && p.Lang == l.Code && slices.Contains(dirs, path.Dir(p.Dir)) {
			return path.Dir(p.Dir), nil
		}
	}
	return "", fmt.Errorf("%s has no methods folder with a content adapter (%s) to put the method in (see docs/content-model.md)", l.ContentDir, content.AdapterFile)
}

func languageCodes(site *content.Site) string {
	var codes []string
	for _, l := range site.Languages {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}

// titleFromSlug makes a name from a folder name: "mijn-gesprek" → "Mijn gesprek".
func titleFromSlug(slug string) string {
	s := strings.ReplaceAll(slug, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func validTitle(t string) error {
	switch {
	case strings.TrimSpace(t) != t || t == "":
		return errors.New("give a name without spaces around it")
	case utf8.RuneCountInString(t) > MaxTitle:
		return fmt.Errorf("give a name of at most %d characters", MaxTitle)
	case strings.ContainsFunc(t, func(r rune) bool { return unicode.IsControl(r) || strings.ContainsRune("|<>{}", r) }):
		return errors.New("give a name without line breaks or any of | < > { }")
	}
	return nil
}

type skeletonData struct {
	ID, Title string
	Weight    int
}

// render fills in a language's skeleton; toml quotes a string as a TOML
// basic string (Go's quoting is a subset of TOML's for valid UTF-8).
func render(root, lang string, d skeletonData) ([]byte, error) {
	src, err := safefile.ReadPath(filepath.Join(root, filepath.FromSlash(skeletonFile(lang))), content.MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("the skeleton of a %s guide cannot be read: %v", lang, err)
	}
	t, err := template.New(lang).Funcs(template.FuncMap{"toml": strconv.Quote}).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// write creates the planned files, each only if it does not exist yet, and
// replaces the glossary and its page through temporary files. On any
// failure it removes what it created and puts the glossary back.
func (p *plan) write(root string) (written []string, err error) {
	var created []string // files and then folders to remove on failure
	defer func() {
		if err != nil {
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
			written = nil
		}
	}()
	for _, rel := range slices.Sorted(maps.Keys(p.files)) {
		file := filepath.Join(root, filepath.FromSlash(rel))
		for _, d := range missingDirs(filepath.Dir(file)) {
			if err := os.Mkdir(d, 0o755); err != nil {
				return nil, err
			}
			created = append(created, d)
		}
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		created = append(created, file)
		_, werr := f.Write(p.files[rel])
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return nil, werr
		}
		written = append(written, rel)
	}
	if p.glossary != nil {
		if err := replace(filepath.Join(root, filepath.FromSlash(glossary.File)), p.glossary); err != nil {
			return nil, err
		}
		written = append(written, glossary.File)
	}
	if p.doc != nil {
		if err := replace(filepath.Join(root, filepath.FromSlash(glossary.Doc)), p.doc); err != nil {
			// Best effort: what could not write one file may not write
			// the other either, and the error to report is the first.
			_ = replace(filepath.Join(root, filepath.FromSlash(glossary.File)), p.oldGloss)
			return nil, err
		}
		written = append(written, glossary.Doc)
	}
	return written, nil
}

// replace writes file anew through a temporary file beside it, so that
// it is never half written.
func replace(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+"-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), file)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// docTables is the text of the site's glossary.Doc with its tables made
// from the glossary text, or nil when the site has no such page or it has
// lost its markers (the page is for people; TestDocTables says what is
// wrong with it, and the method is added all the same).
func docTables(root, text string) []byte {
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(glossary.Doc)))
	if err != nil {
		return nil
	}
	g, _ := glossary.Parse(text)
	doc, err := glossary.DocTables(string(b), g)
	if err != nil {
		return nil
	}
	return []byte(doc)
}

// missingDirs lists the folders of dir that do not exist yet, outermost first.
func missingDirs(dir string) []string {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	return missing
}
