package check

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/glossary"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/safefile"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
)

// readGlossary reads data/glossary.toml and reports what is wrong in it
// as a file; nil when it could not be read at all.
func readGlossary(r *report, site *content.Site) *glossary.Glossary {
	if site.IsRefused(glossary.File) {
		return nil // reported with what was refused
	}
	b, err := safefile.ReadPath(filepath.Join(site.Root, filepath.FromSlash(glossary.File)), content.MaxFileBytes)
	var fe *safefile.Error
	if errors.As(err, &fe) && fe.Refused() {
		r.add(glossary.File, 0, fe.Fix(), "%s: it was not read", fe.Reason())
		return nil
	}
	if err != nil {
		r.add(glossary.File, 1, "create it with a table [methods.<id>] per method and [roles.<id>] per role, each with its name in every language: nl = \"…\" (see docs/content-model.md)",
			"the glossary is missing: every method and role needs its one name in each language")
		return nil
	}
	g, problems := glossary.Parse(string(b))
	for _, p := range problems {
		r.add(glossary.File, p.Line, p.Fix, "%s", p.Message)
	}
	if len(g.Tables) == 0 {
		return nil // not read at all (its problems say why): nothing to hold the content to
	}
	return g
}

// roleIDs are the glossary's role ids, in its order; nil without a
// glossary or its roles (that problem is reported by itself).
func roleIDs(g *glossary.Glossary) []string {
	if g == nil || g.Tables[glossary.Roles] == nil {
		return nil
	}
	return slices.Clone(g.Tables[glossary.Roles].IDs)
}

// checkGlossary: every method's title (and linkTitle) and every role's
// interface string is the one name data/glossary.toml gives it in that
// language, so a method or a role is called the same on every page.
func checkGlossary(r *report, site *content.Site, i18n []i18nFile, g *glossary.Glossary) {
	if g == nil {
		return
	}
	var codes []string
	for _, l := range site.Languages {
		codes = append(codes, l.Code)
	}
	for _, p := range g.CheckLanguages(codes) {
		r.add(p.File, p.Line, p.Fix, "%s", p.Message)
	}
	if t := g.Tables[glossary.Roles]; t != nil && !slices.Contains(t.IDs, Both) {
		r.add(glossary.File, t.Line, fmt.Sprintf("add [roles.%s] with the name of both parties in each language: nl = \"…\"", Both),
			"the glossary has no role %q: a question both parties ask is shown with that name", Both)
	}
	for _, p := range site.Pages {
		if p.Err != nil || !p.IsMethod() {
			continue
		}
		id := p.Front.Params.Method
		e, want, ok := g.Name(glossary.Methods, id, p.Lang)
		switch {
		case g.Tables[glossary.Methods] == nil:
		case !ok:
			r.add(p.File, p.Line("params.method"), fmt.Sprintf("add [methods.%s] with its name in each language (nl = \"…\") to %s", id, glossary.File),
				"method %q is not in the glossary", id)
		case want == "":
		default:
			for _, k := range []struct{ key, value string }{{"title", p.Front.Title}, {"linkTitle", p.Front.LinkTitle}} {
				if k.value != "" && k.value != want {
					r.add(p.File, p.Line(k.key), fmt.Sprintf("set %s = %q, or rename the method in %s:%d and on every page", k.key, want, glossary.File, e.LangLine(p.Lang)),
						"%s %q is not the method's name in the glossary (%q)", k.key, k.value, want)
				}
			}
		}
	}
	checkRoleNames(r, i18n, g)
	checkRoleWords(r, site, g)
}

// termMark is a word marked in a guide for organisations' own words.
var termMark = regexp.MustCompile(`\{\{<\s*term\s+"([^"]+)"\s*>\}\}`)

// checkRoleWords: role_words gives every role but "both" its
// forms in every language, the role's name among them, no form to two
// roles; and every word the content marks {{< term "…" >}} is one of
// them, so that an organisation's own word can replace it.
func checkRoleWords(r *report, site *content.Site, g *glossary.Glossary) {
	t := g.Tables[glossary.RoleWords]
	if t == nil {
		r.add(glossary.File, 1, "add a table [role_words.<id>] per role giving the forms of its word in each language: nl = [\"…\", \"…\"] (see docs/glossary.md)",
			"the glossary has no role_words: organisations could not rename roles")
		return
	}
	roles := rules{roles: roleIDs(g)}.parties()
	for _, id := range t.IDs {
		if !slices.Contains(roles, id) {
			r.add(glossary.File, t.Entries[id].Line, "use one of the role ids: "+strings.Join(roles, ", "), "unknown role id %q in role_words", id)
		}
	}
	for _, role := range roles {
		if _, ok := t.Entries[role]; !ok {
			r.add(glossary.File, t.Line, fmt.Sprintf("add [role_words.%s] with the forms of its word in each language: nl = [\"…\", \"…\"]", role), "role %q has no role_words", role)
		}
	}
	for _, l := range site.Languages {
		forms := g.Forms(l.Code)
		owner := map[string]string{}
		for _, role := range roles {
			e, ok := t.Entries[role]
			if !ok {
				continue
			}
			for _, f := range forms[role] {
				k := terms.Key(f)
				if other, dup := owner[k]; dup && other != role {
					r.add(glossary.File, e.LangLine(l.Code), "give each role words of its own, so that an organisation's word never lands on two roles",
						"%q is a form of both %q and %q in %s", f, other, role, l.Code)
				}
				owner[k] = role
			}
			if _, name, listed := g.Name(glossary.Roles, role, l.Code); listed && name != "" && !slices.ContainsFunc(forms[role], func(f string) bool { return terms.Key(f) == terms.Key(name) }) {
				r.add(glossary.File, e.LangLine(l.Code), fmt.Sprintf("add %q to the %s forms of %q", strings.ToLower(name), l.Code, role),
					"the role's name %q is not among its %s forms in role_words", name, l.Code)
			}
		}
		for _, p := range site.Pages {
			if p.Err != nil || p.Lang != l.Code {
				continue
			}
			for _, m := range termMark.FindAllStringSubmatchIndex(p.Body, -1) {
				word := p.Body[m[2]:m[3]]
				if _, ok := owner[terms.Key(word)]; !ok {
					line := p.BodyLine + strings.Count(p.Body[:m[0]], "\n")
					r.add(p.File, line, fmt.Sprintf("add %q to its role's %s forms in role_words in %s, or remove the mark", strings.ToLower(word), l.Code, glossary.File),
						"%q is marked as a role word, but the glossary lists no such form in %s", word, l.Code)
				}
			}
		}
	}
}

// checkRoleNames compares each role_<id> interface string with the
// glossary's name for the role.
func checkRoleNames(r *report, i18n []i18nFile, g *glossary.Glossary) {
	if g.Tables[glossary.Roles] == nil {
		return
	}
	for _, f := range i18n {
		for _, role := range roleIDs(g) {
			entry, _ := f.strs["role_"+role].(map[string]any)
			got, has := entry["other"].(string)
			e, want, listed := g.Name(glossary.Roles, role, f.lang)
			if has && listed && want != "" && got != want {
				line, _ := f.pos.Line("role_" + role + ".other")
				r.add(f.path, line, fmt.Sprintf("set other = %q, or rename the role in %s:%d and on every page", want, glossary.File, e.LangLine(f.lang)),
					"role %q is called %q here but %q in the glossary", role, got, want)
			}
		}
	}
}
