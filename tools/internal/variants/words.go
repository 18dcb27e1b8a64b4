package variants

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
)

// ownWords is what an organisation renames in one language: the
// vocabulary to find (every role word form, and the site's name) and the
// organisation's word for each form it gives (by terms.Key).
type ownWords struct {
	vocab *terms.Vocabulary
	own   map[string]string
}

// wordsOf returns o's own words in lang, or nil when it renames nothing.
func wordsOf(site *content.Site, o *org.Org, lang string) *ownWords {
	own := map[string]string{}
	for k, w := range o.Terms[lang] {
		own[k] = w
	}
	words := slices.Clone(o.Words[lang])
	if title := o.Title[lang]; title != "" && site.Title != "" {
		words = append(words, terms.Word{Form: site.Title})
		own[terms.Key(site.Title)] = title
	}
	if len(own) == 0 {
		return nil
	}
	return &ownWords{vocab: terms.New(words), own: own}
}

// text is s with the organisation's words, as plain text: for data
// (front matter), which Hugo never runs.
func (w *ownWords) text(s string) string {
	return w.vocab.Replace(s, w.own, func(_ terms.Match, word string) string { return word })
}

// template is s with the organisation's words, for the source of a Go
// template (interface strings): each a quoted constant (templateText).
func (w *ownWords) template(s string) string {
	return w.vocab.Replace(s, w.own, func(_ terms.Match, word string) string { return templateText(word) })
}

// markdown is a guide's body with every occurrence readers see marked
// for the organisation's word: a role word as {{< term "…" >}} naming the
// site's own form (as written), the site's name as {{< site-title >}}.
// The organisation's word itself is never written into the Markdown,
// where a shortcode or template in it could run: the shortcodes print
// it from the site's params, escaped.
func (w *ownWords) markdown(body string) string {
	marked := w.vocab.ReplaceInMarkdown(body, w.own, func(m terms.Match, _ string) string {
		if m.Role == "" {
			return "{{< site-title >}}"
		}
		return fmt.Sprintf("{{< term %q >}}", strings.Join(strings.Fields(m.Text), " "))
	})
	return keepHeadingIDs(body, marked)
}

// atxHeading is a Markdown heading line: its text, and an {#id} of its
// own if it has one.
var atxHeading = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t]*(\{#[^}]*\})?[ \t]*$`)

// keepHeadingIDs gives every heading that marked changed the id the site
// gives it (from its text as written), as an {#id} attribute. Without
// it, Hugo makes the id from the text with the shortcode in it, as its
// internal placeholder ("een-nieuwe-hahahugoshortcode12s9hbhb"): a
// number that differs from build to build, so a link to the heading
// broke with every build and no two builds of a variant were alike.
// With it, the headings of a variant have the site's ids.
func keepHeadingIDs(body, marked string) string {
	before, after := strings.Split(body, "\n"), strings.Split(marked, "\n")
	if len(before) != len(after) {
		return marked // a replacement never adds a line; if it did, leave it
	}
	for i, line := range after {
		if line == before[i] {
			continue
		}
		if m := atxHeading.FindStringSubmatch(before[i]); m != nil && m[3] == "" {
			after[i] = strings.TrimRight(line, " \t") + " {#" + anchor(m[2]) + "}"
		}
	}
	return strings.Join(after, "\n")
}

// anchor is the id Hugo gives a heading of this text (its default,
// autoHeadingIDType "github"): letters and digits in lower case, a
// hyphen for each space, hyphens and underscores kept, the rest left
// out; emphasis marks are not text.
func anchor(text string) string {
	var b strings.Builder
	for _, r := range strings.NewReplacer("**", "", "__", "", "*", "").Replace(text) {
		switch {
		case unicode.IsSpace(r):
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// writeContent writes, for each language of the variant with own words,
// every page of the variant whose texts they change, into
// dir/content/<lang>/ at the page's place: front matter with every text
// readers see (content.TextKeys) in the organisation's words, as TOML
// data; the guide's prose marked (markdown). It returns the folders
// written, by language, to mount over the site's content.
func writeContent(site *content.Site, o *org.Org, dir string) (map[string]string, error) {
	folders := map[string]string{}
	for _, l := range site.Languages {
		if !slices.Contains(o.Languages, l.Code) {
			continue
		}
		w := wordsOf(site, o, l.Code)
		if w == nil {
			continue
		}
		langDir := filepath.Join(dir, "content", l.Code)
		for _, p := range site.Pages {
			if p.Lang != l.Code || p.Err != nil || (p.IsMethod() && !slices.Contains(o.Methods, p.Front.Params.Method)) {
				continue
			}
			text, changed, err := w.page(filepath.Join(site.Root, filepath.FromSlash(p.File)))
			if err != nil {
				return nil, err
			}
			if !changed {
				continue
			}
			rel, err := filepath.Rel(filepath.Join(site.Root, filepath.FromSlash(l.ContentDir)), filepath.Join(site.Root, filepath.FromSlash(p.File)))
			if err != nil || !filepath.IsLocal(rel) {
				return nil, fmt.Errorf("%s is not inside %s", p.File, l.ContentDir)
			}
			out := filepath.Join(langDir, rel)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(out, text, 0o644); err != nil {
				return nil, err
			}
			folders[l.Code] = langDir
		}
	}
	return folders, nil
}

// page reads a content file (checked by the content check when the run
// began) and returns it with the organisation's words, and whether they
// changed anything.
func (w *ownWords) page(path string) ([]byte, bool, error) {
	b, err := safefile.ReadPath(path, content.MaxFileBytes)
	if err != nil {
		return nil, false, err
	}
	front, body, ok := content.SplitFrontMatter(string(b))
	if !ok {
		return nil, false, fmt.Errorf("%s: no front matter", path)
	}
	var m map[string]any
	if _, err := toml.Decode(front, &m); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	changed := false
	content.WalkTexts(m, func(_, s string) string {
		r := w.text(s)
		changed = changed || r != s
		return r
	})
	newBody := w.markdown(body)
	if !changed && newBody == body {
		return nil, false, nil
	}
	var out bytes.Buffer
	out.WriteString("+++\n")
	if err := toml.NewEncoder(&out).Encode(m); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	out.WriteString("+++\n")
	out.WriteString(newBody)
	return out.Bytes(), true, nil
}

// templateText encodes s for the source of a Go template: Hugo evaluates
// an interface string as a template, so an organisation's word pasted
// into one would be code ({{ printf … }} would run, {{ range 20000 }}
// would multiply every page). As the constant {{ "…" }} it is printed as
// it is; the page's own escaping then applies to it like to any text.
func templateText(s string) string {
	return "{{ " + strconv.Quote(s) + " }}"
}
