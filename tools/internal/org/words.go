package org

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/terms"
)

// maxUsesShown bounds the places a message lists.
const maxUsesShown = 5

// terms reads [terms.<language>]: the organisation's own word for forms
// of the site's role words. A role renamed in one form must be renamed in
// every form the variant's pages use, or the pages would mix the two
// words ("teamleider" beside "leidinggevenden"): each missing form is a
// problem that lists where it is used.
func (v *validator) terms(raw map[string]any, o *Org, site Site) {
	o.Words = map[string][]terms.Word{}
	for _, l := range o.Languages {
		o.Words[l] = site.Words[l]
	}
	t, ok := v.table(raw, "", "terms", false)
	if !ok {
		return
	}
	o.Terms = map[string]map[string]string{}
	for _, lang := range sortedKeys(t) {
		path := "terms." + lang
		if !slices.Contains(site.Languages, lang) {
			v.add(path, problem.DidYouMean(lang, site.Languages, "[terms.<language>]"), "[terms.%s]: unknown language", lang)
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
		if len(words) > MaxTerms {
			v.add(path, fmt.Sprintf("keep at most %d words per language (only the site's role words can be replaced)", MaxTerms), "[terms.%s] has %d words", lang, len(words))
			continue
		}
		roleOf := map[string]string{}
		var forms []string
		for _, w := range site.Words[lang] {
			roleOf[terms.Key(w.Form)] = w.Role
			forms = append(forms, w.Form)
		}
		o.Terms[lang] = map[string]string{}
		given := map[string]string{} // role → the path of its first form given
		for _, word := range sortedKeys(words) {
			wpath := path + "." + word
			s, isText := words[word].(string)
			key := terms.Key(word)
			role, known := roleOf[key]
			switch {
			case !isText:
				v.add(wpath, fmt.Sprintf(`write %s = "your word"`, quoteKey(word)), "terms.%s.%s must be text", lang, word)
			case !known:
				v.add(wpath, problem.DidYouMean(word, forms, fmt.Sprintf("[terms.%s], the role words of data/glossary.toml", lang)), "%q is not one of the site's role words in %s", word, lang)
			case strings.TrimSpace(s) == "" || strings.ContainsAny(s, "<>"):
				v.add(wpath, "write a word or a few words, without < or >", "terms.%s.%s: %q cannot replace a word", lang, word, s)
			default:
				if t := v.text(wpath, strings.TrimSpace(s), MaxTerm); t != "" {
					o.Terms[lang][key] = t
					if _, ok := given[role]; !ok {
						given[role] = wpath
					}
				}
			}
		}
		v.uncovered(lang, o, site, given)
	}
}

// uncovered reports, for each role the organisation renames in lang, the
// forms it does not give that the variant's pages use.
func (v *validator) uncovered(lang string, o *Org, site Site, given map[string]string) {
	for _, role := range sortedRoles(given) {
		var all []string
		for _, w := range site.Words[lang] {
			if w.Role == role {
				all = append(all, w.Form)
			}
		}
		for _, form := range all {
			key := terms.Key(form)
			if _, ok := o.Terms[lang][key]; ok {
				continue
			}
			var uses []string
			n := 0
			for _, u := range site.Uses[lang][key] {
				if u.Method != "" && !slices.Contains(o.Methods, u.Method) {
					continue // a page the variant leaves out
				}
				if n++; n <= maxUsesShown {
					uses = append(uses, fmt.Sprintf("%s:%d", u.File, u.Line))
				}
			}
			if n == 0 {
				continue
			}
			if n > maxUsesShown {
				uses = append(uses, "…")
			}
			v.add(given[role], fmt.Sprintf("add %s = \"…\" to [terms.%s]: give every form of the word (%s)", quoteKey(form), lang, strings.Join(all, ", ")),
				"[terms.%s] renames %q but not %q, another form of the same word, which the variant's pages use %d times (%s): they would mix the two words",
				lang, role, form, n, strings.Join(uses, ", "))
		}
	}
}

func sortedRoles(m map[string]string) []string {
	var roles []string
	for r := range m {
		roles = append(roles, r)
	}
	slices.Sort(roles)
	return roles
}

// title reads [title]: the site's name in each language the organisation
// renames it in, instead of the site's own (Gesprekswijzer).
func (v *validator) title(raw map[string]any, o *Org, site Site) {
	t, ok := v.table(raw, "", "title", false)
	if !ok {
		return
	}
	o.Title = map[string]string{}
	for _, lang := range sortedKeys(t) {
		path := "title." + lang
		switch {
		case !slices.Contains(site.Languages, lang):
			v.add(path, problem.DidYouMean(lang, site.Languages, "[title], a name per language"), "[title]: unknown language %q", lang)
		case !slices.Contains(o.Languages, lang) && len(o.Languages) > 0:
			v.add(path, fmt.Sprintf("remove it, or add %q to languages", lang), "title.%s is for a language this variant does not have", lang)
		default:
			if s := v.text(path, strings.TrimSpace(v.str(t, "title", lang, true)), MaxName); s != "" {
				o.Title[lang] = s
			}
		}
	}
}
