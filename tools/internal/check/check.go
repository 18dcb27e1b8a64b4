package check

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/fieldkinds"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/hyphenation"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlbound"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// The roles are data: the ids of data/glossary.toml's [roles.<id>], each
// with its name in every language there and an interface string
// role_<id>. A method's roles and a question's asks name them. Both is
// one of them, the one that is no party: a question both parties ask, never
// one of a method's roles.
const Both = "both"

// rules are what the content is held to that is not content itself: the
// field kinds (data/fieldkinds.toml) and the role ids (the glossary's).
// nil where their file could not be read: that is then the problem
// reported, not every page that uses them.
type rules struct {
	kinds *fieldkinds.Registry
	roles []string // Both among them
}

// parties are the roles a method may take part as: every role but Both.
func (x rules) parties() []string {
	return slices.DeleteFunc(slices.Clone(x.roles), func(r string) bool { return r == Both })
}

// An option of a field (a level of a rating) has its meaning written out
// in at most MaxOptionLabel characters: few enough to read on one printed
// form. How many options a kind takes is in data/fieldkinds.toml.
const MaxOptionLabel = 300

// GuideSections are the ids of the second-level headings of a guide, in
// this order, so that both languages share anchors and no guide skips a
// part a reader needs. Every guide has each of them, except a section
// SectionRules names: that one only where its rule applies (sections.go).
var GuideSections = []string{"purpose", "when", "who", "preparation", "course", "fair", "special", "pitfalls", "followup", "records", "disagreement"}

// SignoffModes are the values of a method's signoff: the parties sign the
// record ("agree" or "seen", with a reaction), or share a summary instead
// (customers and colleague departments do not sign our records).
var SignoffModes = []string{"sign", "summary"}

// Recipients are who may receive a field beyond the two parties, who
// always hold the whole record (docs/record.md, section 8): the personnel
// file ("file") and HR development's notice that the conversation took
// place ("hr").
var Recipients = []string{"file", "hr"}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	headingPattern = regexp.MustCompile(`^##\s+(.*?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*$`)
)

// Site loads the site at root and returns every problem in it, sorted by
// file and line. An error means the site could not be read at all.
func Site(root string) (problem.List, error) {
	site, err := content.Load(root)
	if err != nil {
		return nil, err
	}
	return Content(site), nil
}

// Content returns every problem in a loaded site, sorted by file and line.
func Content(site *content.Site) problem.List {
	r := &report{}
	checkRefused(r, site)
	g := readGlossary(r, site)
	x := rules{kinds: checkFieldKinds(r, site.Root), roles: roleIDs(g)}
	for _, p := range site.Pages {
		checkPage(r, p, x)
	}
	checkMethodsAcrossLanguages(r, site)
	checkAliases(r, site)
	checkGeneratedPages(r, site)
	checkGuideLinks(r, site)
	checkTranslations(r, site)
	i18n := readI18n(r, site)
	checkI18n(r, i18n, x.roles)
	checkGlossary(r, site, i18n, g)
	checkReadability(r, site, i18n)
	checkHyphenation(r, site)
	return r.sorted()
}

// checkRefused: what the loader would not read is a problem, never a
// silent gap in what was checked.
func checkRefused(r *report, site *content.Site) {
	for _, x := range site.Refused {
		var fe *safefile.Error
		switch {
		case errors.As(x.Err, &fe):
			r.add(x.File, 0, fe.Fix(), "%s: it was not read", fe.Reason())
		default:
			r.add(x.File, 0, "move what does not belong to the site out of its folders", "%v", x.Err)
		}
	}
}

func checkPage(r *report, p *content.Page, x rules) {
	var deep *tomlbound.DepthError
	if errors.As(p.Err, &deep) {
		r.add(p.File, p.ErrLine, deep.Fix(), "front matter: %v", deep)
		return
	}
	if p.Err != nil {
		r.add(p.File, p.ErrLine, "write valid TOML between two +++ lines (strings in double quotes, one key per line)",
			"front matter is not valid TOML: %v", p.Err)
		return
	}
	for _, key := range p.Undecoded {
		name := key[len(key)-1]
		fix := "remove it, or move it to where the content model (docs/content-model.md) puts it"
		if s := closest(name, knownKeys(key[:len(key)-1])); s != "" {
			fix = fmt.Sprintf("did you mean %q?", s)
		}
		// A key inside an inline table has no line of its own: name the
		// line of the nearest key around it.
		var lines []int
		for k := key; len(k) > 0 && len(lines) == 0; k = k[:len(k)-1] {
			lines = p.Lines(k.String())
		}
		if len(lines) == 0 {
			lines = []int{1}
		}
		for _, l := range lines {
			r.add(p.File, l, fix, "unknown key %q", key.String())
		}
	}
	if strings.TrimSpace(p.Front.Title) == "" {
		r.add(p.File, p.Line("title"), `add title = "…"`, "the page has no title")
	}
	if p.IsMethod() {
		checkMethod(r, p, x)
	}
}

func checkMethod(r *report, p *content.Page, x rules) {
	m := p.Front.Params
	if !idPattern.MatchString(m.Method) {
		r.add(p.File, p.Line("params.method"), "use lower-case letters, digits and single hyphens, e.g. planningsgesprek",
			"method id %q is not a valid id", m.Method)
	}
	if p.Front.TranslationKey != m.Method {
		r.add(p.File, p.Line("translationKey"), fmt.Sprintf("set translationKey = %q", m.Method),
			"translationKey %q differs from the method id %q; the languages are linked by it", p.Front.TranslationKey, m.Method)
	}
	if strings.TrimSpace(p.Front.Description) == "" {
		r.add(p.File, p.Line("description"), `add description = "…" (one or two sentences)`, "the method has no description")
	}
	if m.FormVersion < 1 {
		r.add(p.File, p.Line("params.form_version"), "set form_version = 1 (raise it when the form's fields change)",
			"form_version must be 1 or more, not %d", m.FormVersion)
	}
	if len(m.Roles) == 0 {
		r.add(p.File, p.Line("params.roles"), `list who takes part, e.g. roles = ["manager", "employee"]`, "the method names no roles")
	}
	for _, role := range m.Roles {
		if x.roles != nil && !slices.Contains(x.parties(), role) {
			r.add(p.File, p.Line("params.roles"), "use one of: "+strings.Join(x.parties(), ", ")+" (the roles of data/glossary.toml)", "unknown role %q in roles", role)
		}
	}
	if m.Signoff != "" && !slices.Contains(SignoffModes, m.Signoff) {
		r.add(p.File, p.Line("params.signoff"), `use signoff = "sign" (the parties sign the record) or signoff = "summary" (a shared summary, no signatures)`,
			"unknown signoff %q", m.Signoff)
	}
	checkRecipients(r, p, "params.signoff_to", "the sign-off", m.SignoffTo)
	if len(m.SignoffTo) > 0 && m.Signoff == "summary" {
		r.add(p.File, p.Line("params.signoff_to"), `remove signoff_to: a shared summary has no signatures`, "signoff_to on a method without signatures")
	}
	if len(m.Agenda) == 0 {
		r.add(p.File, p.Line("params"), "add [[params.agenda]] items with id, title, minutes and purpose", "the method has no agenda")
	}
	agendaIDs, questionIDs, fieldIDs := map[string]string{}, map[string]string{}, map[string]string{}
	prepare := 0
	for i, item := range m.Agenda {
		at := fmt.Sprintf("params.agenda[%d]", i)
		checkID(r, p, at, item.ID, "agenda item", agendaIDs)
		if strings.TrimSpace(item.Title) == "" {
			r.add(p.File, p.Line(at+".title"), `add title = "…"`, "agenda item %q has no title", item.ID)
		}
		if strings.TrimSpace(item.Purpose) == "" {
			r.add(p.File, p.Line(at+".purpose"), `add purpose = "…" (one sentence)`, "agenda item %q has no purpose", item.ID)
		}
		if item.Minutes < 1 || item.Minutes > 240 {
			r.add(p.File, p.Line(at+".minutes"), "set minutes to a whole number from 1 to 240",
				"agenda item %q has %d minutes", item.ID, item.Minutes)
		}
		for j, q := range item.Questions {
			qat := fmt.Sprintf("%s.questions[%d]", at, j)
			checkID(r, p, qat, q.ID, "question", questionIDs)
			switch {
			case x.roles != nil && !slices.Contains(x.roles, q.Asks):
				r.add(p.File, p.Line(qat+".asks"), "use one of: "+strings.Join(x.roles, ", ")+" (the roles of data/glossary.toml)", "question %q: unknown role %q in asks", q.ID, q.Asks)
			case q.Asks != Both && len(m.Roles) > 0 && !slices.Contains(m.Roles, q.Asks):
				// A question is asked by someone at the table.
				r.add(p.File, p.Line(qat+".asks"), fmt.Sprintf("use one of the method's roles (%s) or both", strings.Join(m.Roles, ", ")),
					"question %q is asked by %q, who does not take part in this conversation", q.ID, q.Asks)
			}
			if strings.TrimSpace(q.Text) == "" {
				r.add(p.File, p.Line(qat+".text"), `add text = "…"`, "question %q has no text", q.ID)
			}
			if q.Prepare {
				prepare++
			}
		}
		for j, f := range item.Fields {
			fat := fmt.Sprintf("%s.fields[%d]", at, j)
			checkID(r, p, fat, f.ID, "field", fieldIDs)
			if strings.TrimSpace(f.Label) == "" {
				r.add(p.File, p.Line(fat+".label"), `add label = "…"`, "field %q has no label", f.ID)
			}
			if x.kinds != nil {
				checkField(r, p, fat, f, x.kinds)
			}
			checkRecipients(r, p, fat+".to", fmt.Sprintf("field %q", f.ID), f.To)
		}
	}
	if prepare == 0 {
		r.add(p.File, p.Line("params.agenda[0]"), "mark the questions a party should think about beforehand with prepare = true",
			"no question is marked for the preparation sheet, so the method has none")
	}
	checkPreparationSheets(r, p)
	checkGuideSections(r, p)
}

// checkRecipients: each recipient is known, and named once.
func checkRecipients(r *report, p *content.Page, at, what string, to []string) {
	for i, x := range to {
		if !slices.Contains(Recipients, x) || slices.Index(to, x) != i {
			r.add(p.File, p.Line(at), `use to = ["file"], ["hr"] or ["file", "hr"]: the personnel file and HR development's notice (the two parties always hold everything)`,
				"%s: unknown or repeated recipient %q", what, x)
		}
	}
}

func checkID(r *report, p *content.Page, at, id, what string, seen map[string]string) {
	line := p.Line(at + ".id")
	switch {
	case id == "":
		r.add(p.File, line, `add id = "…" (lower-case letters, digits, hyphens)`, "%s without an id", what)
	case !idPattern.MatchString(id):
		r.add(p.File, line, "use lower-case letters, digits and single hyphens", "%s id %q is not a valid id", what, id)
	case seen[id] != "":
		r.add(p.File, line, "give each "+what+" of a method its own id", "duplicate %s id %q (first at line %s)", what, id, seen[id])
	default:
		seen[id] = fmt.Sprint(line)
	}
}

// checkField holds a field to its kind (data/fieldkinds.toml): the kind
// exists, and the field gives items and options where its kind takes them,
// as many as it allows, and not where it does not.
func checkField(r *report, p *content.Page, fat string, f content.Field, kinds *fieldkinds.Registry) {
	k := kinds.Kind(f.Kind)
	if k == nil {
		names := kinds.Names()
		fix := "use one of: " + strings.Join(names, ", ")
		if s := closest(f.Kind, names); s != "" {
			fix = fmt.Sprintf("did you mean %q? (kinds: %s)", s, strings.Join(names, ", "))
		}
		r.add(p.File, p.Line(fat+".kind"), fix, "field %q has unknown kind %q", f.ID, f.Kind)
		return
	}
	switch {
	case k.Items != nil && !k.Items.Has(f.Items):
		r.add(p.File, p.Line(fat+".items"), fmt.Sprintf("set items to a number from %d to %d", k.Items.Least, k.Items.Most),
			"%s field %q needs items (how many entries), not %d", f.Kind, f.ID, f.Items)
	case k.Items == nil && f.Items != 0:
		r.add(p.File, p.Line(fat+".items"), "remove items, or use a kind that has them: "+strings.Join(kinds.With(func(k fieldkinds.Kind) bool { return k.Items != nil }), ", "),
			"field %q of kind %q cannot have items", f.ID, f.Kind)
	}
	checkOptions(r, p, fat, f, k, kinds)
}

// checkOptions: a kind with options (a rating) has its levels, each with
// a value that is an id (the same in every language: it is what a draft
// stores) and its meaning written out; no other kind has options.
func checkOptions(r *report, p *content.Page, fat string, f content.Field, k *fieldkinds.Kind, kinds *fieldkinds.Registry) {
	line := p.Line(fat + ".options")
	if k.Options == nil {
		if len(f.Options) > 0 {
			r.add(p.File, line, "remove options, or use a kind that has them: "+strings.Join(kinds.With(func(k fieldkinds.Kind) bool { return k.Options != nil }), ", "),
				"field %q of kind %q cannot have options", f.ID, f.Kind)
		}
		return
	}
	if !k.Options.Has(len(f.Options)) {
		r.add(p.File, line, fmt.Sprintf(`give the %s %d to %d levels: options = [{value = "…", label = "…"}, …], lowest or first level first`, f.Kind, k.Options.Least, k.Options.Most),
			"%s %q has %d options", f.Kind, f.ID, len(f.Options))
	}
	seen := map[string]int{}
	for k, o := range f.Options {
		switch {
		case !idPattern.MatchString(o.Value):
			r.add(p.File, line, `use lower-case letters, digits and single hyphens, e.g. value = "3" or value = "boven-verwachting"`,
				"rating %q: option %d has value %q, which is not a valid id", f.ID, k+1, o.Value)
		case seen[o.Value] > 0:
			r.add(p.File, line, "give each option its own value", "rating %q: options %d and %d share the value %q", f.ID, seen[o.Value], k+1, o.Value)
		default:
			seen[o.Value] = k + 1
		}
		if label := strings.TrimSpace(o.Label); label == "" || len([]rune(label)) > MaxOptionLabel {
			r.add(p.File, line, fmt.Sprintf(`write what the level means in label = "…" (at most %d characters)`, MaxOptionLabel),
				"rating %q: option %d (%q) needs a label of 1 to %d characters", f.ID, k+1, o.Value, MaxOptionLabel)
		}
	}
}

// checkGuideSections checks the guide's ## headings against GuideSections
// and SectionRules, and, when they are all there in order, the in-brief
// box that opens the records section.
func checkGuideSections(r *report, p *content.Page) {
	var ids []string
	lines := map[string]int{}
	body := strings.Split(p.Body, "\n")
	index := map[string]int{} // section id → its heading's index in body
	var order []int
	for i, line := range body {
		m := headingPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		order = append(order, i)
		if m[2] == "" {
			r.add(p.File, p.BodyLine+i, "end the heading with one of {#"+strings.Join(GuideSections, "} {#")+"}",
				"heading %q has no section id", m[1])
			continue
		}
		ids = append(ids, m[2])
		lines[m[2]] = p.BodyLine + i
		index[m[2]] = i
	}
	// The sections this guide must have, and those it has, in order.
	var want []string
	for _, id := range GuideSections {
		_, present := lines[id]
		if required(id, p) || present {
			want = append(want, id)
		}
	}
	complete := true
	for _, id := range GuideSections {
		if _, ok := lines[id]; ok || !required(id, p) {
			continue
		}
		complete = false
		fix := fmt.Sprintf("add a heading \"## … {#%s}\" (order: %s)", id, strings.Join(GuideSections, ", "))
		if rule, ok := SectionRules[id]; ok {
			r.add(p.File, p.BodyLine, fix, "the guide has no section {#%s}, which it needs: %s", id, rule.Why)
			continue
		}
		r.add(p.File, p.BodyLine, fix, "the guide has no section {#%s}", id)
	}
	k := 0
	for _, id := range ids {
		if k < len(want) && id == want[k] {
			k++
			continue
		}
		if !slices.Contains(GuideSections, id) {
			r.add(p.File, lines[id], "use one of {#"+strings.Join(GuideSections, "} {#")+"}, or a ### heading for a subsection",
				"unknown section id {#%s}", id)
		}
	}
	// Reported only when nothing is missing: one mistake, one message.
	if !complete {
		return
	}
	if k < len(want) {
		r.add(p.File, p.BodyLine, "order the sections: "+strings.Join(GuideSections, ", "), "the guide's sections are out of order")
		return
	}
	// end is where the section that starts at body line start ends.
	end := func(start int) int {
		for _, i := range order {
			if i > start {
				return i
			}
		}
		return len(body)
	}
	for id := range SectionRules {
		if i, ok := index[id]; ok {
			checkSubsections(r, p, id, body, i, end(i))
		}
	}
	start := index[InBriefSection]
	checkInBrief(r, p, body, start, end(start))
}

// checkMethodsAcrossLanguages: every method in every language, with the
// same agenda, question and field ids, kinds and order.
func checkMethodsAcrossLanguages(r *report, site *content.Site) {
	by := map[string]map[string]*content.Page{}
	for _, l := range site.Languages {
		by[l.Code] = map[string]*content.Page{}
	}
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		id := p.Front.Params.Method
		if first, dup := by[p.Lang][id]; dup {
			r.add(p.File, p.Line("params.method"), "give each method its own id",
				"method id %q is already used by %s", id, first.File)
			continue
		}
		by[p.Lang][id] = p
	}
	def := site.Languages[0]
	// Where a language keeps its methods, to say where a missing one goes.
	sectionOf := map[string]string{}
	for _, p := range site.Pages {
		switch {
		case p.Err != nil:
		case p.IsMethod():
			sectionOf[p.Lang] = path.Dir(p.Dir)
		case p.Front.TranslationKey == "methods":
			sectionOf[p.Lang] = p.Dir
		}
	}
	for _, l := range site.Languages[1:] {
		for id, ref := range by[def.Code] {
			other, ok := by[l.Code][id]
			if !ok {
				r.add(ref.File, ref.Line("params.method"),
					fmt.Sprintf("add %s/%s/<slug>/_index.md with method = %q and the same agenda, questions and fields", l.ContentDir, cmp.Or(sectionOf[l.Code], "<section>"), id),
					"method %q has no %s version", id, l.Code)
				continue
			}
			compareStructure(r, ref, other)
		}
		for id, p := range by[l.Code] {
			if _, ok := by[def.Code][id]; !ok {
				r.add(p.File, p.Line("params.method"),
					fmt.Sprintf("add the %s version under %s, or correct the method id", def.Code, def.ContentDir),
					"method %q has no %s version", id, def.Code)
			}
		}
	}
}

// checkAliases: every agenda item of a guide in a language after the
// first has an alias, its id in that language, so that an organisation
// writing org.toml in German names it in German (the ids are Dutch); an
// alias names one item of its method, in every language: it is not
// another item's id or alias.
func checkAliases(r *report, site *content.Site) {
	type owner struct{ item, file string }
	byMethod := map[string]map[string]owner{}
	def := site.Languages[0].Code
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		names := byMethod[p.Front.Params.Method]
		if names == nil {
			names = map[string]owner{}
			byMethod[p.Front.Params.Method] = names
		}
		for _, item := range p.Front.Params.Agenda {
			names[item.ID] = owner{item.ID, p.File}
		}
	}
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		names := byMethod[p.Front.Params.Method]
		for i, item := range p.Front.Params.Agenda {
			at := fmt.Sprintf("params.agenda[%d]", i)
			switch o, taken := names[item.Alias]; {
			case item.Alias == "" && p.Lang != def:
				r.add(p.File, p.Line(at+".id"), fmt.Sprintf(`add alias = "…" under id = %q: the item's id in %s, e.g. made from its title`, item.ID, p.Lang),
					"agenda item %q has no alias: an organisation writing org.toml in %s would have to use the %s id", item.ID, p.Lang, def)
			case item.Alias == "":
			case !idPattern.MatchString(item.Alias):
				r.add(p.File, p.Line(at+".alias"), "use lower-case letters, digits and single hyphens (ae, oe, ue, ss for ä, ö, ü, ß)", "alias %q of agenda item %q is not a valid id", item.Alias, item.ID)
			case taken && o.item != item.ID:
				r.add(p.File, p.Line(at+".alias"), "choose an alias no other item of the method has as id or alias", "alias %q of agenda item %q is also the id or alias of agenda item %q (%s)", item.Alias, item.ID, o.item, o.file)
			default:
				names[item.Alias] = owner{item.ID, p.File}
			}
		}
	}
}

// compareStructure reports, in other, every difference from ref.
func compareStructure(r *report, ref, other *content.Page) {
	a, b := ref.Front.Params, other.Front.Params
	if a.FormVersion != b.FormVersion {
		r.add(other.File, other.Line("params.form_version"), fmt.Sprintf("set form_version = %d, as in %s", a.FormVersion, ref.File),
			"form_version %d differs from %s (%d)", b.FormVersion, ref.File, a.FormVersion)
	}
	if !slices.Equal(a.Roles, b.Roles) {
		r.add(other.File, other.Line("params.roles"), fmt.Sprintf("set roles = %q, as in %s", a.Roles, ref.File),
			"roles %q differ from %s", b.Roles, ref.File)
	}
	if !slices.Equal(a.SignoffTo, b.SignoffTo) {
		r.add(other.File, other.Line("params.signoff_to"), fmt.Sprintf("set signoff_to = %q, as in %s", a.SignoffTo, ref.File),
			"signoff_to %q differs from %s", b.SignoffTo, ref.File)
	}
	for i := 0; i < max(len(a.Agenda), len(b.Agenda)); i++ {
		at := fmt.Sprintf("params.agenda[%d]", i)
		switch {
		case i >= len(b.Agenda):
			r.add(other.File, other.Line(lastElem("params.agenda", len(b.Agenda))), fmt.Sprintf("add agenda item %q as item %d, translated from %s:%d", a.Agenda[i].ID, i+1, ref.File, ref.Line(at)),
				"agenda item %q is missing", a.Agenda[i].ID)
			continue
		case i >= len(a.Agenda):
			r.add(other.File, other.Line(at), fmt.Sprintf("remove it, or add it to %s too", ref.File),
				"agenda item %q does not exist in %s", b.Agenda[i].ID, ref.File)
			continue
		case a.Agenda[i].ID != b.Agenda[i].ID:
			r.add(other.File, other.Line(at+".id"), fmt.Sprintf("agenda items must have the same ids in the same order as %s:%d (id = %q)", ref.File, ref.Line(at+".id"), a.Agenda[i].ID),
				"agenda item %d is %q here but %q in %s", i+1, b.Agenda[i].ID, a.Agenda[i].ID, ref.File)
			continue
		}
		ai, bi := a.Agenda[i], b.Agenda[i]
		if ai.Minutes != bi.Minutes {
			r.add(other.File, other.Line(at+".minutes"), fmt.Sprintf("set minutes = %d, as in %s", ai.Minutes, ref.File),
				"agenda item %q takes %d minutes here but %d in %s", ai.ID, bi.Minutes, ai.Minutes, ref.File)
		}
		compareList(r, ref, other, at+".questions", "question", len(ai.Questions), len(bi.Questions), func(j int, side int) (id, shape string) {
			q := ai.Questions
			if side == 1 {
				q = bi.Questions
			}
			shape = "asks = " + q[j].Asks
			if q[j].Prepare {
				shape += ", prepare = true"
			}
			return q[j].ID, shape
		})
		compareList(r, ref, other, at+".fields", "field", len(ai.Fields), len(bi.Fields), func(j int, side int) (id, shape string) {
			f := ai.Fields
			if side == 1 {
				f = bi.Fields
			}
			shape = "kind = " + f[j].Kind
			if f[j].Items != 0 {
				shape += fmt.Sprintf(", items = %d", f[j].Items)
			}
			if len(f[j].To) > 0 {
				shape += ", to = " + strings.Join(f[j].To, " ")
			}
			if len(f[j].Options) > 0 {
				values := make([]string, len(f[j].Options))
				for k, o := range f[j].Options {
					values[k] = fmt.Sprintf("%q", o.Value)
				}
				shape += ", option values " + strings.Join(values, ", ")
			}
			return f[j].ID, shape
		})
	}
}

// compareList compares one agenda item's questions or fields by id and
// shape (asks, or kind and items) in order.
func compareList(r *report, ref, other *content.Page, at, what string, na, nb int, get func(j, side int) (id, shape string)) {
	for j := 0; j < max(na, nb); j++ {
		jat := fmt.Sprintf("%s[%d]", at, j)
		switch {
		case j >= nb:
			id, shape := get(j, 0)
			r.add(other.File, other.Line(lastElem(at, nb)),
				fmt.Sprintf("add %s %q (%s), translated from %s:%d", what, id, shape, ref.File, ref.Line(jat)),
				"%s %q is missing", what, id)
		case j >= na:
			id, _ := get(j, 1)
			r.add(other.File, other.Line(jat), fmt.Sprintf("remove it, or add it to %s too", ref.File),
				"%s %q does not exist in %s", what, id, ref.File)
		default:
			ida, sa := get(j, 0)
			idb, sb := get(j, 1)
			if ida != idb {
				r.add(other.File, other.Line(jat+".id"), fmt.Sprintf("use the same ids in the same order as %s:%d (id = %q)", ref.File, ref.Line(jat+".id"), ida),
					"%s %d is %q here but %q in %s", what, j+1, idb, ida, ref.File)
			} else if sa != sb {
				r.add(other.File, other.Line(jat), fmt.Sprintf("set %s, as in %s:%d", sa, ref.File, ref.Line(jat)),
					"%s %q has %s here but %s in %s", what, ida, sb, sa, ref.File)
			}
		}
	}
}

// lastElem is the indexed path of an array's last element, or of the
// array's table when it is empty: where a missing element should go.
func lastElem(array string, n int) string {
	if n == 0 {
		return array[:max(strings.LastIndex(array, "."), 0)]
	}
	return fmt.Sprintf("%s[%d]", array, n-1)
}

// checkGeneratedPages: a method is its guide alone. The content adapter
// (_content.gotmpl) of the folder that holds it generates its agenda,
// question list, form and preparation sheet, so that folder must have one,
// and no file may stand in for a generated page (it would collide with it).
func checkGeneratedPages(r *report, site *content.Site) {
	checkMethodsCascade(r, site)
	type key struct{ lang, dir string }
	methods := map[key]*content.Page{}
	for _, p := range site.Pages {
		if p.Err == nil && p.IsMethod() {
			methods[key{p.Lang, p.Dir}] = p
		}
	}
	adapters := map[key]bool{}
	for _, a := range site.Adapters {
		adapters[key{a.Lang, a.Dir}] = true
	}
	reported := map[key]bool{}
	for _, p := range site.Pages {
		if p.Err != nil {
			continue
		}
		if p.IsMethod() {
			folder := key{p.Lang, path.Dir(p.Dir)}
			if !adapters[folder] && !reported[folder] {
				reported[folder] = true
				r.add(p.File, 1, fmt.Sprintf("add %s (a copy of another language's, with this folder and its URL words; see docs/content-model.md)", languageFile(site, p.Lang, folder.dir, content.AdapterFile)),
					"the folder of method %q has no content adapter, so the method has no agenda, question list, form or preparation sheet", p.Front.Params.Method)
			}
			continue
		}
		var inside *content.Page
		for dir := p.Dir; dir != "." && dir != "/" && inside == nil; dir = path.Dir(dir) {
			inside = methods[key{p.Lang, dir}]
		}
		if inside != nil {
			r.add(p.File, 1, "delete this file: a method is its _index.md alone, and its agenda, question list, form and preparation sheet are generated from it (docs/content-model.md)",
				"a page inside the folder of method %q", inside.Front.Params.Method)
		} else if slices.Contains(content.Generated, p.Front.Layout) {
			r.add(p.File, p.Line("layout"), "delete the page (every method gets it from its guide), or remove layout",
				"layout %q is for the page generated from a method's guide", p.Front.Layout)
		}
	}
}

// methodsCascade is what a methods folder's _index.md holds, so that its
// method folders take the method layout.
// (A cascade reaches the page that declares it too: the path, a section
// two levels down, keeps it to the method folders.)
const methodsCascade = "[[cascade]]\n  layout = \"method\"\n  [cascade.target]\n    kind = \"section\"\n    path = \"/*/*\""

// checkMethodsCascade: every folder with a content adapter (a language's
// methods) has an _index.md whose front matter gives the sections in it
// the method layout, and no other page has a cascade (it would lay out
// pages it does not own). This is what lets a language bring its own
// methods folder with content alone.
func checkMethodsCascade(r *report, site *content.Site) {
	type key struct{ lang, dir string }
	adapters := map[key]bool{}
	for _, a := range site.Adapters {
		adapters[key{a.Lang, a.Dir}] = true
	}
	found := map[key]bool{}
	for _, p := range site.Pages {
		if p.Err != nil || len(p.Front.Cascade) == 0 {
			continue
		}
		k := key{p.Lang, p.Dir}
		c := p.Front.Cascade
		if path.Base(p.File) != "_index.md" || !adapters[k] {
			r.add(p.File, p.Line("cascade[0]"), "remove [[cascade]]: only a methods folder's _index.md has one", "a cascade outside a methods folder's index")
			continue
		}
		found[k] = true
		if len(c) != 1 || c[0].Layout != "method" || c[0].Target.Kind != "section" || c[0].Target.Path != "/*/*" {
			r.add(p.File, p.Line("cascade[0]"), "write it as:\n"+methodsCascade, "the methods folder's cascade does not give its method folders the method layout")
		}
	}
	for _, a := range site.Adapters {
		if k := (key{a.Lang, a.Dir}); !found[k] {
			r.add(languageFile(site, a.Lang, a.Dir, "_index.md"), 1, "add to its front matter:\n"+methodsCascade,
				"the methods folder %s does not give its methods the method layout (they would be shown as plain lists)", languageFile(site, a.Lang, a.Dir, ""))
		}
	}
}

// languageFile is the path of name in a folder of a language's content.
func languageFile(site *content.Site, lang, dir, name string) string {
	for _, l := range site.Languages {
		if l.Code == lang {
			return path.Join(l.ContentDir, dir, name)
		}
	}
	return path.Join(dir, name)
}

// checkTranslations: every other page with a translationKey, and the home
// page, exists in every language.
func checkTranslations(r *report, site *content.Site) {
	keys := map[string]map[string]*content.Page{}
	for _, p := range site.Pages {
		if p.Err != nil || p.IsMethod() {
			continue
		}
		k := p.Front.TranslationKey
		if k == "" {
			k = "path:" + p.Dir + "/" + filepath.Base(p.File)
		}
		if keys[k] == nil {
			keys[k] = map[string]*content.Page{}
		}
		keys[k][p.Lang] = p
	}
	for k, byLang := range keys {
		for _, l := range site.Languages {
			if _, ok := byLang[l.Code]; ok {
				continue
			}
			for _, p := range byLang {
				fix := fmt.Sprintf("add the %s page under %s with translationKey = %q", l.Code, l.ContentDir, k)
				if strings.HasPrefix(k, "path:") {
					fix = fmt.Sprintf("add %s/%s, or give both pages the same translationKey", l.ContentDir, strings.TrimPrefix(p.File, strings.SplitN(p.File, "/"+p.Dir, 2)[0]+"/"))
				}
				r.add(p.File, 1, fix, "this page has no %s version", l.Code)
				break
			}
		}
	}
}

// i18nFile is one language's interface strings, read and decoded once
// for every check that needs them.
type i18nFile struct {
	path string // relative to the site root
	lang string
	strs map[string]any
	pos  *tomlpos.Index
}

// readI18n reads every language's interface strings the way content is
// read (never blocking, bounded, nesting checked before decoding) and
// reports what cannot be read; it returns the files that could.
func readI18n(r *report, site *content.Site) []i18nFile {
	var files []i18nFile
	for _, l := range site.Languages {
		rel := "i18n/" + l.Code + ".toml"
		if site.IsRefused(rel) {
			continue // reported with what was refused
		}
		b, err := safefile.ReadPath(filepath.Join(site.Root, rel), content.MaxFileBytes)
		var fe *safefile.Error
		switch {
		case errors.As(err, &fe) && fe.Refused():
			r.add(rel, 0, fe.Fix(), "%s: it was not read", fe.Reason())
			continue
		case err != nil:
			r.add(rel, 1, "create it with the same keys as the other languages' files", "the %s interface strings are missing", l.Code)
			continue
		}
		var deep *tomlbound.DepthError
		if errors.As(tomlbound.Check(string(b), tomlbound.MaxDepth), &deep) {
			r.add(rel, deep.Line, deep.Fix(), "%v", deep)
			continue
		}
		var v map[string]any
		if _, err := toml.Decode(string(b), &v); err != nil {
			line := 1
			if perr, ok := err.(toml.ParseError); ok {
				line = perr.Position.Line
			}
			r.add(rel, line, "write valid TOML", "not valid TOML: %v", err)
			continue
		}
		files = append(files, i18nFile{path: rel, lang: l.Code, strs: v, pos: tomlpos.New(string(b), 0)})
	}
	return files
}

// checkI18n: every interface string in every language, and a name for
// every role.
func checkI18n(r *report, files []i18nFile, roles []string) {
	for _, f := range files {
		for _, role := range roles {
			if _, ok := f.strs["role_"+role]; !ok {
				r.add(f.path, 1, fmt.Sprintf("add [role_%s] with other = \"…\"", role), "no name for role %q", role)
			}
		}
	}
	for i, a := range files {
		for j, b := range files {
			if i == j {
				continue
			}
			for k := range a.strs {
				if _, ok := b.strs[k]; !ok {
					line, _ := a.pos.Line(k)
					r.add(b.path, 1, fmt.Sprintf("add %q, translated from %s:%d", k, a.path, line), "interface string %q is missing", k)
				}
			}
		}
	}
}

// checkHyphenation holds the break points of long words
// (data/hyphenation.toml) to their rules: the site's languages, letters
// with | between parts of at least two.
func checkHyphenation(r *report, site *content.Site) {
	var langs []string
	for _, l := range site.Languages {
		langs = append(langs, l.Code)
	}
	_, problems := hyphenation.Load(site.Root, langs)
	r.problems = append(r.problems, problems...)
}

// checkFieldKinds reads the field kinds (data/fieldkinds.toml) and, in a
// project with the form's templates, checks that there is a partial for
// each. nil when they cannot be read (then that is the problem reported,
// not every field).
func checkFieldKinds(r *report, root string) *fieldkinds.Registry {
	kinds, problems := fieldkinds.Load(root)
	r.problems = append(r.problems, problems...)
	if kinds == nil {
		return nil
	}
	partials := filepath.Join(root, "layouts", "_partials", "form")
	if _, err := os.Stat(filepath.Join(partials, "field.html")); err != nil {
		// Content without the site's templates (a fixture, a content
		// repository checked on its own): nothing renders it here.
		return kinds
	}
	for _, k := range kinds.Kinds {
		partial := filepath.Join(root, "layouts", "_partials", filepath.FromSlash(fieldkinds.Partials), k.Name+".html")
		if _, err := os.Stat(partial); err != nil {
			r.add(fieldkinds.File, k.Line, fmt.Sprintf("add layouts/_partials/%s/%s.html, which renders a field of this kind (its context: the field)", fieldkinds.Partials, k.Name),
				"kind %q has no partial: the form cannot render it", k.Name)
		}
	}
	return kinds
}
