package sitecheck

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// The form script's budget: what a phone downloads and parses before the
// form works. Gzip at level 6, what Apache's mod_deflate and most CDNs use.
// The menu's tools (files, merge, follow-ups, calendar) load when the menu
// is opened, and now also hold the checks before printing; the record
// protocol (docs/record.md) made them larger than 12 KB / 5 KB. The
// sign-off is a module of its own (form-sign.js), loaded once a draft is
// signed or the sign-off is reached; SHA-256 without Web Crypto another,
// loaded only where the browser has none. Asking in the page's own dialog
// before a delete and showing messages next to their control (issue 18)
// stay in the form script, as deleting a row needs them before the menu
// was ever opened: 6.5 KB gzipped. A message key the page was not given
// is reported on the console (issue 20: one list of the form's messages,
// data/form_messages.toml), some 30 bytes in each of the two bundles
// that hold form/dom.js: the tools' gzipped budget went from 7,680 to
// 7,808 bytes. Since the tools and the sign-off take form/dom.js and
// form/values.js from the form script's module instead of a copy of
// their own (TestEachModuleOnce), the tools are 13.2 KB and 6.0 KB
// gzipped (were 16.9 KB and 7.4 KB), the form script 130 bytes more
// gzipped (the names it exports for them): budgets of 14 KB and 6,272.
const (
	FormScriptBudget     = 16 * 1024
	FormScriptGzipBudget = 6656
	FormToolsBudget      = 14 * 1024
	FormToolsGzipBudget  = 6272
)

// FormPageBudget is the most a form page may weigh with its CSS and JS,
// uncompressed. It was 56 KB for the desktop-only form with one script of
// 10 KB; the phone layout, the drafts bar, the sign-off, review and
// summary sections, the messages of every new feature and a script of up
// to 16 KB make it 80 KB. The record protocol (docs/record.md: each
// party's state and "sign again", the HR notice and personnel-file
// actions, their print rules and messages) adds about 4 KB: 86 KB. Names
// that say each field's table, row and party (aria-labelledby on every
// cell), the page's own delete dialog and the print rules for two pages
// add about 3 KB: 90 KB.
const FormPageBudget = 90 * 1024

// formPages returns the built form pages of this project by site path.
func formPages(t *testing.T) map[string]*sitetest.Page { return formPagesOf(t, this()) }

// formPagesOf returns a built site's form pages by site path: one per
// method and language of its content.
func formPagesOf(t *testing.T, s siteUnder) map[string]*sitetest.Page {
	t.Helper()
	forms := sitetest.FormPages(t, s.built)
	if want := s.guides(t); len(forms) != want {
		t.Fatalf("found %d form pages, want %d (the content's methods in every language)", len(forms), want)
	}
	return forms
}

// scriptOf returns the built file of a page's module script and its src.
func scriptOf(t *testing.T, p *sitetest.Page) (file, src string) {
	t.Helper()
	s := p.Doc.Find(`script[type="module"][src]`)
	if s.Length() != 1 {
		t.Fatalf("%s: %d module scripts, want 1", p.URL, s.Length())
	}
	src = s.AttrOr("src", "")
	u, _ := sitetest.Resolve(p.URL, src)
	return filepath.Join(built, filepath.FromSlash(u)), src
}

// sizes returns a built file's size and its size gzipped at level 6.
func sizes(t *testing.T, file string) (min, gz int) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return len(b), buf.Len()
}

// TestFormScriptBudget: the form script, as built (bundled by esbuild,
// minified, fingerprinted), is at most 16 KB, and 6 KB gzipped: what a
// phone loads to fill in a form. The menu's tools are a second module,
// loaded when the menu is opened; its size is logged, and held to a
// budget of its own.
func TestFormScriptBudget(t *testing.T) {
	t.Parallel()
	p := formPages(t)[sitetest.NLForm]
	file, src := scriptOf(t, p)
	min, gz := sizes(t, file)
	if min > FormScriptBudget {
		t.Errorf("%s is %d bytes minified, over the budget of %d", src, min, FormScriptBudget)
	}
	if gz > FormScriptGzipBudget {
		t.Errorf("%s is %d bytes gzipped, over the budget of %d", src, gz, FormScriptGzipBudget)
	}
	t.Logf("form script %s: %d bytes minified, %d gzipped", src, min, gz)
	tools := sitetest.ConfigOf(t, p).Tools
	u, _ := sitetest.Resolve(p.URL, tools.Src)
	tmin, tgz := sizes(t, filepath.Join(built, filepath.FromSlash(u)))
	if tmin > FormToolsBudget || tgz > FormToolsGzipBudget {
		t.Errorf("%s is %d bytes minified, %d gzipped, over the budget of %d and %d", tools.Src, tmin, tgz, FormToolsBudget, FormToolsGzipBudget)
	}
	t.Logf("tools %s: %d bytes minified, %d gzipped; both: %d and %d", tools.Src, tmin, tgz, min+tmin, gz+tgz)
	u, _ = sitetest.Resolve(p.URL, sitetest.ConfigOf(t, p).Sign.Src)
	smin, sgz := sizes(t, filepath.Join(built, filepath.FromSlash(u)))
	t.Logf("sign-off: %d bytes minified, %d gzipped; all three: %d and %d", smin, sgz, min+tmin+smin, gz+tgz+sgz)
}

// TestScriptsOnlyWhereNeeded: guides and the other pages load no script;
// agendas and question lists only the print button's; forms and "My
// conversations" their own. Each is a fingerprinted module with its
// integrity hash, and the hash matches the file as served, fetched at low
// priority: the stylesheet the first paint waits for comes first (issue
// 18: a module script is fetched as urgently as the stylesheet, and
// Lighthouse counted it in the form's Largest Contentful Paint).
func TestScriptsOnlyWhereNeeded(t *testing.T) {
	t.Parallel()
	forms := formPages(t)
	prints, _ := sitetest.PagesOfKind(t, built)
	formFile, _ := scriptOf(t, forms[sitetest.NLForm])
	for u, p := range sitetest.Pages(t, built) {
		scripts := p.Doc.Find("script[src]")
		layout := ""
		switch {
		case forms[u] != nil:
			layout = "form"
		case prints[u] != "":
			layout = "print"
		case p.Doc.Find("#conversations").Length() > 0:
			layout = "conversations"
		}
		if layout == "" {
			if scripts.Length() > 0 {
				t.Errorf("%s loads %d scripts, want none", u, scripts.Length())
			}
			continue
		}
		file, src := scriptOf(t, p)
		if !strings.Contains(filepath.Base(file), layout+".") {
			t.Errorf("%s loads %s, want its own script (%s)", u, src, layout)
		}
		if layout != "form" && file == formFile {
			t.Errorf("%s loads the form script", u)
		}
		if prio := scripts.AttrOr("fetchpriority", ""); prio != "low" {
			t.Errorf("%s: the script has fetchpriority %q, want \"low\"", u, prio)
		}
		integrity := p.Doc.Find("script[src]").AttrOr("integrity", "")
		if want := sitetest.SRI(t, file); integrity != want {
			t.Errorf("%s: integrity %q, but the file's hash is %q", u, integrity, want)
		}
		if layout == "form" {
			tools := sitetest.ConfigOf(t, p).Tools
			ref, _ := sitetest.Resolve(u, tools.Src)
			if want := sitetest.SRI(t, filepath.Join(built, filepath.FromSlash(ref))); tools.Integrity != want || !strings.Contains(ref, "form-tools.") {
				t.Errorf("%s: the tools are %s with integrity %q; the file's hash is %q", u, tools.Src, tools.Integrity, want)
			}
		}
	}
}

// TestFormPagesFollowTheirMethod: each method has its form in both
// languages, linked from the guide; every field of the front matter has
// its control; every party signs off (agree or seen, a reaction, a seal)
// or, for signoff = "summary", the summary and who received it are there;
// every party has private notes; the config names the method and its
// form version; the only script is a file; the form links "My
// conversations".
func TestFormPagesFollowTheirMethod(t *testing.T) {
	t.Parallel()
	checkForms(t, this())
}

func checkForms(t *testing.T, s siteUnder) {
	byMethod := s.methods(t)
	forms := formPagesOf(t, s)
	all := sitetest.Pages(t, s.built)
	seen := map[string]bool{}
	for u, p := range forms {
		c := sitetest.ConfigOf(t, p)
		guide := byMethod[c.Lang][c.Method]
		if guide == nil {
			t.Errorf("%s: config names %s/%s, which is not a method", u, c.Lang, c.Method)
			continue
		}
		seen[c.Lang+"/"+c.Method] = true
		params := guide.Front.Params
		if c.Version != params.FormVersion {
			t.Errorf("%s: form version %d, front matter says %d", u, c.Version, params.FormVersion)
		}
		if want := params.Signoff; c.Signoff != want && !(want == "" && c.Signoff == "sign") {
			t.Errorf("%s: signoff %q, front matter says %q", u, c.Signoff, want)
		}
		for key, m := range c.Msg {
			for _, text := range m.Forms() {
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: message %q has an empty form", u, key)
				}
			}
		}
		if len(c.Methods) != len(byMethod[c.Lang]) {
			t.Errorf("%s: the config lists %d methods, the content has %d", u, len(c.Methods), len(byMethod[c.Lang]))
		}
		form := p.Doc.Find("form#gw-form")
		has := func(sel string) bool { return form.Find(sel).Length() > 0 }
		for _, item := range params.Agenda {
			for _, f := range item.Fields {
				want := fmt.Sprintf(`[name="%s"]`, f.ID)
				if f.Kind == "agreements" || f.Kind == "participants" {
					want = fmt.Sprintf(`[data-repeat="%s"]`, f.ID)
				}
				if f.Kind == "signature" {
					continue
				}
				if !has(want) {
					t.Errorf("%s: field %q (%s) has no control %s", u, f.ID, f.Kind, want)
				}
				if f.Kind == "list" && form.Find(want).Length() != f.Items {
					t.Errorf("%s: list %q has %d entries, want %d", u, f.ID, form.Find(want).Length(), f.Items)
				}
				if f.Kind == "rating" {
					checkRating(t, u, form, f)
				}
				if f.Kind == "agreements" && !has(fmt.Sprintf(`[data-repeat="%s"][data-agreements] textarea[data-col="what"]`, f.ID)) {
					t.Errorf("%s: agreements %q are not marked data-agreements, or their \"what\" is not several lines", u, f.ID)
				}
			}
		}
		for _, role := range params.Roles {
			names := []string{"private." + role, "private." + role + ".share"}
			if c.Signoff == "sign" {
				names = append(names, "signoff."+role+".name", "signoff."+role+".date", "signoff."+role+".reaction", "signoff."+role+".seal")
				party := form.Find(fmt.Sprintf(`[data-party="%s"]`, role))
				var verdicts []string
				party.Find(`[data-sign="verdict"] input[type=radio]`).Each(func(_ int, r *goquery.Selection) { verdicts = append(verdicts, r.AttrOr("value", "?")) })
				if fmt.Sprint(verdicts) != "[ agree seen]" {
					t.Errorf("%s: party %s can choose %q, want not yet, agree and seen", u, role, verdicts)
				}
			}
			for _, name := range names {
				if form.Find(fmt.Sprintf(`[name="%s"]`, name)).Length() != 1 {
					t.Errorf("%s: no control %q", u, name)
				}
			}
		}
		if c.Signoff == "summary" {
			if !has(`[name="summary.text"]`) || !has(`[data-repeat="summary.recipients"]`) || has("[data-party]") {
				t.Errorf("%s: signoff = summary, but the form lacks the summary or its recipients, or has signatures", u)
			}
		}
		for _, name := range []string{"meta.date", "meta.previous", "meta.next", "meta.department", "meta.period"} {
			if form.Find(fmt.Sprintf(`[name="%s"]`, name)).Length() != 1 {
				t.Errorf("%s: no control %q", u, name)
			}
		}
		for _, table := range []string{"meta.participants", "meta.review"} {
			if form.Find(fmt.Sprintf(`[data-repeat="%s"]`, table)).Length() != 1 {
				t.Errorf("%s: no table %s", u, table)
			}
		}
		p.Doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if _, src := s.Attr("src"); !src && s.AttrOr("type", "") != "application/json" {
				t.Errorf("%s: an inline script that would run: %.80s", u, s.Text())
			}
		})
		if g := all[guideOf(u)]; g == nil {
			t.Errorf("%s: no guide at %s", u, guideOf(u))
		} else if g.Doc.Find(fmt.Sprintf(`.print-links a[href="%s"]`, u)).Length() != 1 {
			t.Errorf("%s: its guide %s does not link to it", u, guideOf(u))
		}
		overview := 0
		p.Doc.Find(".print-nav a").Each(func(_ int, a *goquery.Selection) {
			if target, _ := sitetest.Resolve(u, a.AttrOr("href", "")); all[target] != nil && all[target].Doc.Find("#conversations").Length() == 1 && all[target].Doc.Find("html").AttrOr("lang", "") == c.Lang {
				overview++
			}
		})
		if overview != 1 {
			t.Errorf("%s: %d links to \"My conversations\" in its language, want 1", u, overview)
		}
	}
	if want := s.guides(t); len(seen) != want {
		t.Errorf("forms for %d method/language pairs, want %d", len(seen), want)
	}
}

// checkRating: a rating offers its levels in order, each a radio button
// whose value is the level's and whose label is its meaning written out.
func checkRating(t *testing.T, u string, form *goquery.Selection, f content.Field) {
	radios := form.Find(fmt.Sprintf(`fieldset.field--rating input[type="radio"][name="%s"]`, f.ID))
	if radios.Length() != len(f.Options) {
		t.Errorf("%s: rating %q has %d levels, want %d", u, f.ID, radios.Length(), len(f.Options))
		return
	}
	radios.Each(func(k int, r *goquery.Selection) {
		o := f.Options[k]
		label := strings.Join(strings.Fields(r.Parent().Text()), " ")
		if r.AttrOr("value", "") != o.Value || label != strings.Join(strings.Fields(o.Label), " ") {
			t.Errorf("%s: rating %q level %d is %q %q, want %q %q", u, f.ID, k+1, r.AttrOr("value", ""), label, o.Value, o.Label)
		}
	})
}

// guideOf returns the guide's path for a child page's path.
func guideOf(u string) string {
	trimmed := strings.TrimSuffix(u, "/")
	return trimmed[:strings.LastIndex(trimmed, "/")+1]
}

// TestFormControlsAreLabelled: every control on a form page has a visible
// label: a <label for>, an enclosing <label>, or aria-labelledby pointing
// at visible text (a table's column label and row number). Messages go to
// one polite and one assertive live region.
func TestFormControlsAreLabelled(t *testing.T) {
	t.Parallel()
	checkFormLabels(t, this())
}

func checkFormLabels(t *testing.T, s siteUnder) {
	for u, p := range formPagesOf(t, s) {
		p.Doc.Find("input:not([type=hidden]), textarea, select").Each(func(_ int, s *goquery.Selection) {
			id := s.AttrOr("id", "")
			what := fmt.Sprintf("%s %s#%s", u, goquery.NodeName(s), id)
			if id == "" {
				t.Errorf("%s: control without id", what)
				return
			}
			if l := p.Doc.Find(fmt.Sprintf(`label[for="%s"]`, id)); l.Length() == 1 && strings.TrimSpace(l.Text()) != "" {
				return
			}
			if s.ParentsFiltered("label").Length() > 0 && strings.TrimSpace(s.ParentsFiltered("label").Text()) != "" {
				return
			}
			refs := strings.Fields(s.AttrOr("aria-labelledby", ""))
			if len(refs) == 0 {
				t.Errorf("%s has no label", what)
				return
			}
			for _, ref := range refs {
				if strings.TrimSpace(p.Doc.Find("#"+ref).Text()) == "" {
					t.Errorf("%s: aria-labelledby %q names no visible text", what, ref)
				}
			}
		})
		if n := p.Doc.Find(`#form-status[role="status"]`).Length(); n != 1 {
			t.Errorf("%s: %d polite live regions for messages, want 1", u, n)
		}
		if n := p.Doc.Find(`#form-alert[role="alert"]`).Length(); n != 1 {
			t.Errorf("%s: %d assertive live regions for failures, want 1", u, n)
		}
	}
}

func TestFormPageBudget(t *testing.T) {
	t.Parallel()
	checkFormBudget(t, this())
}

func checkFormBudget(t *testing.T, s siteUnder) {
	for u, p := range formPagesOf(t, s) {
		total := pageWeight(t, s.built, p)
		if total > FormPageBudget {
			t.Errorf("%s weighs %d bytes with its CSS and JS, over the budget of %d", u, total, FormPageBudget)
		} else {
			t.Logf("%s: %d bytes", u, total)
		}
	}
}
