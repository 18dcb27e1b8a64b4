package sitetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// overviewOf returns the "My conversations" page of a language.
func overviewOf(t *testing.T, lang string) string {
	t.Helper()
	for u, p := range Pages(t, built) {
		if p.Doc.Find("#conversations").Length() == 1 && p.Doc.Find("html").AttrOr("lang", "") == lang {
			return u
		}
	}
	t.Fatalf("no \"My conversations\" page in %s", lang)
	return ""
}

// TestConversationsOverview: drafts in three methods (the first three of
// the content, whichever they are) are listed on "My conversations" in
// both languages with their name, method, date, next date, open
// agreements and last saved; each opens in its own form; export and
// delete work from the list.
func TestConversationsOverview(t *testing.T) {
	f := newFormDriver(t)
	var forms []formConfig
	for _, p := range formPages(t) {
		if c := configOf(t, p); c.Lang == "nl" {
			forms = append(forms, c)
		}
	}
	slices.SortFunc(forms, func(a, b formConfig) int { return strings.Compare(a.Method, b.Method) })
	if len(forms) < 3 {
		t.Fatalf("%d methods with a form, want at least 3", len(forms))
	}
	forms = forms[:3]
	for i, c := range forms {
		var form string
		for _, m := range c.Methods {
			if m.ID == c.Method {
				form = m.Form
			}
		}
		f.open(form)
		f.typeInto("#draft-name", fmt.Sprintf("Medewerker %d", i+1))
		f.setValue("#f-meta-date", fmt.Sprintf("2027-0%d-10", i+1))
		f.setValue("#f-meta-next", fmt.Sprintf("2028-0%d-10", i+1))
		f.typeInto("#f-meta-department", "Overzicht "+c.Method)
		f.waitStored("Overzicht " + c.Method)
	}

	for _, lang := range []string{"nl", "de"} {
		u := overviewOf(t, lang)
		f.openPage(u)
		var rows [][]string
		if err := chromedp.Run(f.ctx, until(`document.querySelectorAll("#conversations tbody tr th a").length == 3`)); err != nil {
			t.Fatalf("%s does not list the 3 drafts: %s", u, f.text("#conversations"))
		}
		f.eval(`[...document.querySelectorAll("#conversations tbody tr")].map(r => [...r.children].map(c => c.firstChild?.nodeName == "SPAN" ? c.lastChild.textContent : c.textContent))`, &rows)
		for i, row := range rows {
			if row[0] != fmt.Sprintf("Medewerker %d", i+1) || row[2] == "" || row[3] == "" || row[4] != "0" || row[5] == "" {
				t.Errorf("%s: row %d is %q, want name, method, date, next date, 0 open agreements and last saved", u, i+1, row)
			}
		}
		var violations []AxeViolation
		f.run(Axe(t, &violations))
		for _, v := range violations {
			t.Errorf("%s: axe: %s", u, v)
		}
	}

	u := overviewOf(t, "nl")
	for i, c := range forms {
		f.openPage(u)
		f.click(fmt.Sprintf(`#conversations tbody tr:nth-child(%d) th a`, i+1))
		f.afterNavigation(fmt.Sprintf(`JSON.parse(document.querySelector("#gw-config").textContent).method == %s && document.querySelector("#draft-name")?.value == %s`,
			jsString(c.Method), jsString(fmt.Sprintf("Medewerker %d", i+1))))
		if v := f.value("#f-meta-department"); v != "Overzicht "+c.Method {
			t.Errorf("opening %d from the overview shows department %q", i+1, v)
		}
	}

	f.openPage(u)
	f.click(`#conversations tbody tr:nth-child(2) button:first-child`)
	name, body := f.dl.Next(t)
	if !strings.Contains(name, "medewerker-2") || !strings.Contains(string(body), "Overzicht "+forms[1].Method) {
		t.Errorf("export from the overview gave %s", name)
	}
	f.answerConfirm(true)
	f.click(`#conversations tbody tr:nth-child(2) button:last-child`)
	f.poll(`document.querySelectorAll("#conversations tbody tr th a").length == 2`)
	for k, v := range f.storage() {
		if strings.Contains(v, "Overzicht "+forms[1].Method) {
			t.Errorf("the draft deleted from the overview is still stored under %s", k)
		}
	}
}
