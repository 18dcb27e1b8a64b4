package sitetest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// The tests of this package that drive forms (sign-off, merge, shared
// summary) were written against an unexported driver; formDriver keeps
// that vocabulary over Form, the driver the other test packages share, so
// that those files did not need to change when the browser suite was
// split into packages.

// formDriver is a Form with the names these tests use.
type formDriver struct {
	*Form
	t *testing.T
}

const (
	nlForm = NLForm
	deForm = DEForm
)

func newFormDriver(t *testing.T) *formDriver { return newFormDriverOn(t, Serve(t, built)) }

func newFormDriverOn(t *testing.T, base string) *formDriver {
	return &formDriver{NewForm(t, base), t}
}

// formPages returns the built form pages by site path.
func formPages(t *testing.T) map[string]*Page { return FormPages(t, built) }

func jsString(s string) string { return JSString(s) }

func writeFile(t *testing.T, name string, body []byte) string { return WriteFile(t, name, body) }

func (f *formDriver) run(actions ...chromedp.Action)          { f.Run(actions...) }
func (f *formDriver) open(path string)                        { f.Open(path) }
func (f *formDriver) reload()                                 { f.Reload() }
func (f *formDriver) poll(expr string)                        { f.Poll(expr) }
func (f *formDriver) eval(expr string, out any)               { f.Eval(expr, out) }
func (f *formDriver) text(sel string) string                  { return f.Text(sel) }
func (f *formDriver) value(sel string) string                 { return f.Value(sel) }
func (f *formDriver) click(sel string)                        { f.Click(sel) }
func (f *formDriver) typeInto(sel, text string)               { f.TypeInto(sel, text) }
func (f *formDriver) setValue(sel, value string)              { f.SetValue(sel, value) }
func (f *formDriver) upload(sel, path string)                 { f.Upload(sel, path) }
func (f *formDriver) waitStored(text string)                  { f.WaitStored(text) }
func (f *formDriver) waitSaved(text string)                   { f.WaitSaved(text) }
func (f *formDriver) seals() map[string]string                { return f.Seals() }
func (f *formDriver) sealChecked(p *Page)                     { f.SealChecked(p) }
func (f *formDriver) exportDraft() (name string, body []byte) { return f.ExportDraft() }
func (f *formDriver) ours() map[string]string                 { return f.Ours() }

func (f *formDriver) reveal(sel string)                          { f.Reveal(sel) }
func (f *formDriver) openPage(path string)                       { f.OpenPage(path) }
func (f *formDriver) seed(method, id string, rec map[string]any) { f.Seed(method, id, rec) }

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
