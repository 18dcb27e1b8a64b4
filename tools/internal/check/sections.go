package check

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/readability"
)

// A SectionRule says which guides must have a section that not every
// guide has. The rule reads the method's own data (its front matter),
// never a list of files, so a new method gets the section exactly when
// its data says it needs one.
type SectionRule struct {
	// Applies reports whether the guide of this method needs the section.
	Applies func(p *content.Page) bool
	// Why is said in the problem: what in the method's data asks for it.
	Why string
	// Subsections is how many ### subsections the section has at least,
	// one for each situation or topic it must cover; What names them.
	Subsections int
	What        string
}

// SectionRules are the sections of GuideSections a guide has only where
// its method needs them; every other section of GuideSections is in every
// guide. A guide may have such a section where it does not apply.
var SectionRules = map[string]SectionRule{
	// The parties sign the record ("agree" or "seen"): they can disagree
	// with it, and the guide says, per country, what happens then.
	"disagreement": {
		Applies: func(p *content.Page) bool { return cmp.Or(p.Front.Params.Signoff, "sign") == "sign" },
		Why:     `its parties sign the record (signoff = "sign"), so the guide says what they can do when they disagree`,
	},
	// The conversation is about one employee's work: part-time work,
	// working at a distance, long leave, probation, joining mid-year and
	// a new manager each change it, and the guide says how.
	"special": {
		Applies:     func(p *content.Page) bool { return slices.Contains(p.Front.Params.Roles, "employee") },
		Why:         `an employee takes part (roles has "employee"), so the guide says how part-time work, a conversation at a distance, long leave, probation, joining mid-year and a new manager change it`,
		Subsections: 6,
		What:        "part-time work, a conversation at a distance, long sickness or leave, probation, joining mid-year, a new manager",
	},
	// The method judges (a rating field): the guide says how the judgement
	// is kept fair: calibration, the common rater biases, and adjustments
	// for people with a disability or chronic illness.
	"fair": {
		Applies: func(p *content.Page) bool {
			for _, item := range p.Front.Params.Agenda {
				if slices.ContainsFunc(item.Fields, func(f content.Field) bool { return f.Kind == "rating" }) {
					return true
				}
			}
			return false
		},
		Why:         `its form holds a rating (kind = "rating"), a judgement, so the guide says how it is kept fair: calibration, rater biases, adjustments for a disability`,
		Subsections: 3,
		What:        "calibration, the common rater biases, adjustments for a disability or chronic illness",
	},
}

// checkSubsections: a section a rule asks for has a ### subsection for
// each situation or topic it must cover. start and end are the body's
// line indexes of the section (end exclusive).
func checkSubsections(r *report, p *content.Page, id string, lines []string, start, end int) {
	rule, ok := SectionRules[id]
	if !ok || rule.Subsections == 0 || !rule.Applies(p) {
		return
	}
	n := 0
	for _, l := range lines[start+1 : end] {
		if strings.HasPrefix(l, "### ") {
			n++
		}
	}
	if n < rule.Subsections {
		r.add(p.File, p.BodyLine+start, fmt.Sprintf("give the section a \"### …\" subsection for each of: %s", rule.What),
			"the section {#%s} has %d subsections, not the %d it must cover", id, n, rule.Subsections)
	}
}

// required reports whether the guide p must have section id.
func required(id string, p *content.Page) bool {
	rule, ok := SectionRules[id]
	return !ok || rule.Applies(p)
}

// The in-brief box opens the records section: InBriefLines lines, each a
// list item, every sentence in them under MaxInBriefWords words, so that a
// reader who reads nothing else knows the three things that matter.
const (
	InBriefSection  = "records"
	InBriefOpen     = "{{< in-brief >}}"
	InBriefClose    = "{{< /in-brief >}}"
	InBriefLines    = 3
	MaxInBriefWords = 19 // "under 20 words"
)

var (
	shortcodeArg = regexp.MustCompile(`\{\{[<%]\s*[\w-]+\s+"([^"]*)"\s*[>%]\}\}`)
	shortcodeAny = regexp.MustCompile(`\{\{[<%].*?[>%]\}\}`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// checkInBrief: the records section opens with the in-brief box of
// InBriefLines list items whose sentences each have fewer than 20 words.
// start and end are the body's line indexes of the section (end exclusive).
func checkInBrief(r *report, p *content.Page, lines []string, start, end int) {
	heading := p.BodyLine + start
	i := start + 1
	for i < end && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	example := fmt.Sprintf("%s, then %d lines \"- …\" (each sentence under %d words), then %s", InBriefOpen, InBriefLines, MaxInBriefWords+1, InBriefClose)
	if i >= end || strings.TrimSpace(lines[i]) != InBriefOpen {
		r.add(p.File, heading, "open the section with "+example,
			"the section {#%s} does not open with the in-brief box", InBriefSection)
		return
	}
	open := i
	var items []int
	closed := false
	for i = open + 1; i < end; i++ {
		t := strings.TrimSpace(lines[i])
		if t == InBriefClose {
			closed = true
			break
		}
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "- ") {
			r.add(p.File, p.BodyLine+i, "write each line of the box as a list item \"- …\"", "a line of the in-brief box is not a list item")
			continue
		}
		items = append(items, i)
	}
	if !closed {
		r.add(p.File, p.BodyLine+open, "close the box with "+InBriefClose, "the in-brief box is not closed")
		return
	}
	if len(items) != InBriefLines {
		r.add(p.File, p.BodyLine+open, fmt.Sprintf("give the box exactly %d lines \"- …\": what matters most, in plain words", InBriefLines),
			"the in-brief box has %d lines, not %d", len(items), InBriefLines)
	}
	for _, k := range items {
		for _, s := range Sentences(strings.TrimPrefix(strings.TrimSpace(lines[k]), "- ")) {
			if n := len(Words(s)); n > MaxInBriefWords {
				r.add(p.File, p.BodyLine+k, fmt.Sprintf("split the sentence or say less: at most %d words", MaxInBriefWords),
					"a sentence in the in-brief box has %d words: %q", n, s)
			}
		}
	}
}

// plain turns a line of Markdown into the text a reader reads: a
// shortcode with an argument ({{< term "Führungskraft" >}}) becomes its
// argument, other shortcodes and emphasis go, a link becomes its text.
func plain(s string) string {
	// The patterns are only run where they can match: this runs for
	// every line of every page on every build.
	if strings.Contains(s, "{{") {
		s = shortcodeArg.ReplaceAllString(s, "$1")
		s = shortcodeAny.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	return emphasis.Replace(s)
}

// emphasis drops Markdown's emphasis and code marks.
var emphasis = strings.NewReplacer("**", "", "__", "", "*", "", "`", "")

// Sentences splits a line of Markdown into its sentences, as a reader
// reads them.
func Sentences(line string) []string { return readability.Split(plain(line)) }

// Words are the words of a sentence: what is separated by spaces and
// holds a letter or a digit (a dash or a § alone is no word).
func Words(sentence string) []string { return readability.Words(sentence) }

// A GuideLink is a page every method's guide links to, in its own
// language. The page is found by its translationKey, not by its file, so
// a language names it as it likes; a guide's link counts when its target's
// last path segment is the page's slug (a fragment is allowed).
type GuideLink struct {
	Key  string // the page's translationKey
	What string // what the page is, for messages
}

// GuideLinks are the pages every method's guide links to.
var GuideLinks = []GuideLink{
	{Key: "difficult", What: "the guide to difficult conversations (bad news, strong emotion, a strained relationship, a conversation that must stop)"},
}

var linkTarget = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// checkGuideLinks: every method's guide links to each page of GuideLinks
// in its language, and that page exists.
func checkGuideLinks(r *report, site *content.Site) {
	for _, gl := range GuideLinks {
		for _, l := range site.Languages {
			var target *content.Page
			for _, p := range site.Pages {
				if p.Err == nil && p.Lang == l.Code && !p.IsMethod() && p.Front.TranslationKey == gl.Key {
					target = p
					break
				}
			}
			for _, p := range site.Pages {
				if p.Err != nil || p.Lang != l.Code || !p.IsMethod() {
					continue
				}
				if target == nil {
					r.add(p.File, p.BodyLine, fmt.Sprintf("add a page to %s with translationKey = %q, and link to it from every guide", l.ContentDir, gl.Key),
						"the guide cannot link to %s: the %s site has no page with translationKey = %q", gl.What, l.Code, gl.Key)
					continue
				}
				slug := pageSlug(target.File)
				if !linksTo(p.Body, slug) {
					r.add(p.File, p.BodyLine, fmt.Sprintf("link to it, e.g. in the section {#pitfalls}: [%s](…/%s/)", target.Front.Title, slug),
						"the guide does not link to %s (%s)", gl.What, target.File)
				}
			}
		}
	}
}

// pageSlug is the last part of a page's URL made from its file: the file's
// name without .md, or its folder's for an _index.md or index.md.
func pageSlug(file string) string {
	base := path.Base(file)
	if base == "_index.md" || base == "index.md" {
		return path.Base(path.Dir(file))
	}
	return strings.TrimSuffix(base, path.Ext(base))
}

// linksTo reports whether body has a Markdown link whose target's last
// path segment is slug.
func linksTo(body, slug string) bool {
	for _, m := range linkTarget.FindAllStringSubmatch(body, -1) {
		t, _, _ := strings.Cut(m[1], "#")
		t = strings.TrimSuffix(t, "/")
		if t == slug || strings.HasSuffix(t, "/"+slug) {
			return true
		}
	}
	return false
}
