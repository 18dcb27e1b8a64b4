package sitetest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// FormScriptBudget is the most the form script may weigh once minified.
const FormScriptBudget = 10 * 1024

// FormPageBudget is the most a form page may weigh with its CSS and JS.
const FormPageBudget = 56 * 1024

// formConfig is the #form-config data block of a form page.
type formConfig struct {
	Method  string            `json:"method"`
	Version int               `json:"version"`
	Lang    string            `json:"lang"`
	Title   string            `json:"title"`
	Store   string            `json:"store"`
	Msg     map[string]string `json:"msg"`
}

// formPages returns the built form pages of this project by site path.
func formPages(t *testing.T) map[string]*Page { return formPagesOf(t, this()) }

// formPagesOf returns a built site's form pages by site path: one per
// method and language of its content.
func formPagesOf(t *testing.T, s siteUnder) map[string]*Page {
	t.Helper()
	forms := map[string]*Page{}
	for u, p := range Pages(t, s.built) {
		if p.Doc.Find("form#gw-form").Length() > 0 {
			forms[u] = p
		}
	}
	if want := s.guides(t); len(forms) != want {
		t.Fatalf("found %d form pages, want %d (the content's methods in every language)", len(forms), want)
	}
	return forms
}

func configOf(t *testing.T, p *Page) formConfig {
	t.Helper()
	var c formConfig
	if err := json.Unmarshal([]byte(p.Doc.Find("script#form-config").Text()), &c); err != nil {
		t.Fatalf("%s: #form-config is not JSON: %v", p.URL, err)
	}
	return c
}

func TestFormScriptBudget(t *testing.T) {
	info, err := os.Stat(filepath.Join(built, "js", "form.js"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > FormScriptBudget {
		t.Errorf("js/form.js is %d bytes minified, over the budget of %d", info.Size(), FormScriptBudget)
	}
	t.Logf("js/form.js: %d bytes minified", info.Size())
}

// TestFormPagesFollowTheirMethod: each method has its form in both
// languages, linked from the guide; every field of the front matter has
// its control; every party signs off and has private notes; the config
// names the method and its form version; the only script is a file.
func TestFormPagesFollowTheirMethod(t *testing.T) { checkForms(t, this()) }

func checkForms(t *testing.T, s siteUnder) {
	byMethod := s.methods(t)
	forms := formPagesOf(t, s)
	all := Pages(t, s.built)
	seen := map[string]bool{}
	for u, p := range forms {
		c := configOf(t, p)
		guide := byMethod[c.Lang][c.Method]
		if guide == nil {
			t.Errorf("%s: config names %s/%s, which is not a method", u, c.Lang, c.Method)
			continue
		}
		seen[c.Lang+"/"+c.Method] = true
		if c.Version != guide.Front.Params.FormVersion {
			t.Errorf("%s: form version %d, front matter says %d", u, c.Version, guide.Front.Params.FormVersion)
		}
		for _, key := range []string{"saved", "confirm_delete", "too_big", "not_json", "other_method", "newer"} {
			if strings.TrimSpace(c.Msg[key]) == "" {
				t.Errorf("%s: message %q is missing", u, key)
			}
		}
		form := p.Doc.Find("form#gw-form")
		for _, item := range guide.Front.Params.Agenda {
			for _, f := range item.Fields {
				want := fmt.Sprintf(`[name="%s"]`, f.ID)
				if f.Kind == "agreements" || f.Kind == "participants" {
					want = fmt.Sprintf(`[data-repeat="%s"]`, f.ID)
				}
				if f.Kind == "signature" {
					continue
				}
				if form.Find(want).Length() == 0 {
					t.Errorf("%s: field %q (%s) has no control %s", u, f.ID, f.Kind, want)
				}
				if f.Kind == "list" && form.Find(want).Length() != f.Items {
					t.Errorf("%s: list %q has %d entries, want %d", u, f.ID, form.Find(want).Length(), f.Items)
				}
				if f.Kind == "rating" {
					checkRating(t, u, form, f)
				}
			}
		}
		for _, role := range guide.Front.Params.Roles {
			for _, name := range []string{"signoff." + role + ".name", "signoff." + role + ".date", "signoff." + role + ".agreed", "private." + role, "private." + role + ".share"} {
				if form.Find(fmt.Sprintf(`[name="%s"]`, name)).Length() != 1 {
					t.Errorf("%s: no control %q", u, name)
				}
			}
		}
		for _, name := range []string{"meta.date", "meta.previous", "meta.next", "meta.department", "meta.period", "signoff.view"} {
			if form.Find(fmt.Sprintf(`[name="%s"]`, name)).Length() != 1 {
				t.Errorf("%s: no control %q", u, name)
			}
		}
		if form.Find(`[data-repeat="meta.participants"]`).Length() != 1 {
			t.Errorf("%s: no participants table", u)
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
// at visible text (a table's column header and row number).
func TestFormControlsAreLabelled(t *testing.T) { checkFormLabels(t, this()) }

func checkFormLabels(t *testing.T, s siteUnder) {
	for u, p := range formPagesOf(t, s) {
		p.Doc.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
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
			t.Errorf("%s: %d live regions for messages, want 1", u, n)
		}
	}
}

func TestFormPageBudget(t *testing.T) { checkFormBudget(t, this()) }

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
