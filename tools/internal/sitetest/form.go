package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The forms are driven the way people use them: typing, clicking,
// choosing files, answering the delete question. These helpers keep the
// tests about what the user does and sees. They run over a Tab, so the
// same test runs in Chromium, Firefox and WebKit (see EachEngine).

const (
	NLForm = "/gesprekken/planningsgesprek/formulier/"
	DEForm = "/de/gespraeche/zielvereinbarungsgespraech/formular/"
)

// Form drives one tab of a browser on a built site's forms.
type Form struct {
	T      *testing.T
	Base   string
	Tab    Tab
	Engine Engine
	DL     *Downloads // the browser context's downloads (nil in a second Chromium tab)

	// In Chromium only (nil elsewhere): the chromedp context of the tab,
	// for tests that need DevTools, and what it requests and logs.
	Ctx      context.Context
	Watch    *Watch
	contexts chan struct{} // told when a page's script context is created
}

// NewForm drives the forms of a site served at base in Chromium, in a
// browser context of its own (see Browser).
func NewForm(t *testing.T, base string) *Form {
	t.Helper()
	return NewFormIn(t, Engines[0], base)
}

// NewTab opens a second tab of the same browser on the same site: the
// same storage, as when a person opens the form twice. In Chromium,
// downloads are the first tab's to catch.
func (f *Form) NewTab() *Form {
	f.T.Helper()
	tab, err := f.Tab.NewTab()
	if err != nil {
		f.T.Fatalf("open a second tab: %v", err)
	}
	g := onTab(f.T, tab, f.Base)
	g.Engine = f.Engine
	return g
}

func onTab(t *testing.T, tab Tab, base string) *Form {
	f := &Form{T: t, Base: base, Tab: tab, DL: tab.Downloads()}
	if c, ok := tab.(*chromiumTab); ok {
		f.Ctx, f.Watch, f.contexts = c.ctx, c.watch, c.contexts
		f.Watch.setBase(base)
		t.Cleanup(f.clean)
	}
	// The page asks in dialogs of its own (see Confirm): a dialog of the
	// browser's (alert, confirm), in any engine, fails the test.
	t.Cleanup(func() {
		for _, d := range tab.Dialogs() {
			t.Errorf("the page opened a browser dialog, not its own: %q", d)
		}
	})
	// Registered last, so it runs first: the tab is not closed under a
	// script still on its way (see settle).
	t.Cleanup(func() {
		if !t.Failed() {
			f.settle()
		}
	})
	return f
}

// scriptsArrived is true once every script element of the page, and of
// its frames of the same origin, has its resource timing entry: the
// script has arrived (or failed) and is no longer in flight.
const scriptsArrived = `(() => {
	const done = (w) => { let d; try { d = w.document } catch { return true }
		return [...d.querySelectorAll("script[src]")].every(s => w.performance.getEntriesByName(s.src).length > 0) && Array.from({ length: w.frames.length }, (_, i) => w.frames[i]).every(done) };
	return done(window) })()`

// settle waits until no script the page asked for is in flight, before
// the harness navigates away or closes the tab. A test that opens the
// form's menu starts loading its tools; leaving the page while that
// script is half-way cut it off, which Firefox reports as a script whose
// integrity hash does not match (seen in CI: TestPhoneReflow/firefox).
// Waiting for what the test itself set going is not a wait on the page:
// if it never arrives, that is logged and the navigation goes ahead.
func (f *Form) settle() {
	f.T.Helper()
	if err := pollEval(f.Tab, scriptsArrived, 10*time.Second); err != nil {
		f.T.Logf("%s: a script the page asked for had not arrived before leaving it: %v", f.Engine.Name, err)
	}
}

// Navigate loads url (any address, not only one of the site under
// test) once what the current page asked for has arrived.
func (f *Form) Navigate(url string) {
	f.T.Helper()
	f.settle()
	f.do(f.Tab.Navigate(url))
}

// clean fails the test for any request to another host and any console
// error or CSP violation seen while it ran.
func (f *Form) clean() {
	foreign, problems := f.Watch.Take()
	for _, u := range foreign {
		f.T.Errorf("requested another host: %s", u)
	}
	for _, p := range problems {
		f.T.Errorf("browser reported: %s", p)
	}
}

// Run runs chromedp actions in this tab, brought to the front first: a
// tab in the background gets no frames, and typing into it would wait
// forever. It is for tests that need Chromium's DevTools.
func (f *Form) Run(actions ...chromedp.Action) {
	f.T.Helper()
	if f.Ctx == nil {
		f.T.Fatalf("%s: Run takes DevTools actions, which only Chromium has", f.Engine.Name)
	}
	if err := chromedp.Run(f.Ctx, append([]chromedp.Action{page.BringToFront()}, actions...)...); err != nil {
		f.T.Fatal(err)
	}
}

// do fails the test on err.
func (f *Form) do(err error) {
	f.T.Helper()
	if err != nil {
		f.T.Fatalf("%s: %v", f.Engine.Name, err)
	}
}

// ScriptReady is true once the form's script has opened a draft (the
// page shows its controls from the start, invisible until then).
const ScriptReady = `document.documentElement.hasAttribute("data-js") && document.querySelectorAll("#draft-select option").length > 0`

// Open loads a form page and waits until its script has set it up.
func (f *Form) Open(path string) {
	f.T.Helper()
	f.Navigate(f.Base + path)
	f.AfterNavigation(ScriptReady)
}

// OpenPage loads a page other than a form and waits for its script. Like
// every wait after a navigation it is retried: loading the page that is
// open already may leave the first poll in the page that goes away.
func (f *Form) OpenPage(path string) {
	f.T.Helper()
	f.Navigate(f.Base + path)
	f.AfterNavigation(`document.documentElement.hasAttribute("data-js")`)
}

// Reload reloads the page and waits for its script. The wait may start
// in the page that is going away ("Cannot find context with specified
// id"), so it is retried as after any navigation.
func (f *Form) Reload() {
	f.T.Helper()
	f.settle()
	f.do(f.Tab.Reload())
	f.AfterNavigation(ScriptReady)
}

func (f *Form) Ready() chromedp.Action {
	return Until(ScriptReady)
}

// Until waits (10 s at most) until a JavaScript expression is true. It
// polls on a timer, not on animation frames, which a tab in the
// background does not get.
//
// An expression that throws counts as not true yet, as in pollEval: a
// page still being parsed may have half an element (the config script's
// text, cut off). chromedp's poll stops on a throw after its first try
// and its promise then never settles, so the wait went on until the
// test's own deadline (seen in CI: TestFormFollowUpIntoAnotherMethod
// hung 300 s on "Unexpected end of JSON input"). Should it still not be
// true at the end, the error says what the expression throws, if it does.
func Until(expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		// the page's own timeout ends the poll; this one ends a poll
		// whose page never answers
		bounded, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		var ok bool
		err := chromedp.Poll(notThrowing(expr), &ok, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second)).Do(bounded)
		if err == nil {
			return nil
		}
		var v any
		if why := chromedp.Evaluate(expr, &v).Do(ctx); why != nil && ctx.Err() == nil {
			return fmt.Errorf("%w (the expression throws: %v)", err, why)
		}
		return err
	})
}

// notThrowing is expr as an expression that is false where expr throws.
func notThrowing(expr string) string {
	return "(() => { try { return !!(" + expr + "\n) } catch { return false } })()"
}

// AfterNavigation waits until the page the tab navigated to makes a
// JavaScript expression true (polling a page that goes away fails, so
// each failure is retried, in the next page's context, for 10 s).
func (f *Form) AfterNavigation(expr string) {
	f.T.Helper()
	if f.Ctx == nil {
		// pollEval retries a failed evaluation until its deadline
		f.do(pollEval(f.Tab, expr, 10*time.Second))
		return
	}
	timeout := time.After(10 * time.Second)
	for {
		err := chromedp.Run(f.Ctx, Until(expr))
		if err == nil {
			return
		}
		// The poll ran in the page that went away: try again as soon as
		// the next page's context is there, and at least every 100 ms
		// (chromedp may still have run it in the old one: the poll
		// interval, not a wait for the outcome).
		select {
		case <-f.contexts:
		case <-time.After(100 * time.Millisecond):
		case <-timeout:
			f.T.Fatalf("after navigating: %v", err)
		}
	}
}

// Poll waits until a JavaScript expression is true in this tab.
func (f *Form) Poll(expr string) {
	f.T.Helper()
	f.do(f.poll(expr))
}

func (f *Form) poll(expr string) error {
	if f.Ctx == nil {
		if err := f.Tab.Front(); err != nil {
			return err
		}
		return pollEval(f.Tab, expr, 10*time.Second)
	}
	return chromedp.Run(f.Ctx, page.BringToFront(), Until(expr))
}

// Eval runs a JavaScript expression in the page and decodes its result.
func (f *Form) Eval(expr string, out any) {
	f.T.Helper()
	f.do(f.Tab.Eval(expr, out))
}

func (f *Form) Text(sel string) string {
	var s string
	f.Eval(fmt.Sprintf(`document.querySelector(%s)?.textContent ?? ""`, JSString(sel)), &s)
	return strings.TrimSpace(s)
}

// TextWhen waits up to 10 s for the element's text to contain want (an
// action may load its script first) and returns the text it has then.
func (f *Form) TextWhen(sel, want string) string {
	f.T.Helper()
	f.poll(fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").includes(%s)`, JSString(sel), JSString(want)))
	return f.Text(sel)
}

func (f *Form) Value(sel string) string {
	var s string
	f.Eval(fmt.Sprintf(`document.querySelector(%s).value`, JSString(sel)), &s)
	return s
}

// Click clicks an element as a person would, opening the drafts menu
// first when the element is in it.
func (f *Form) Click(sel string) {
	f.T.Helper()
	f.Reveal(sel)
	f.do(f.Tab.Click(sel))
}

// Reveal opens the closed <details> (the drafts menu) an element is in.
func (f *Form) Reveal(sel string) {
	f.T.Helper()
	f.Eval(fmt.Sprintf(`(() => { for (let d = document.querySelector(%s)?.closest("details:not([open])"); d; d = d.parentElement?.closest("details:not([open])")) d.open = true; return true })()`, JSString(sel)), nil)
}

// TypeInto types text over what a field holds, key by key, as a person
// does: focus the field (the draft name then selects itself), select what
// it holds if it is not selected yet (Ctrl+A), and type. The field is
// never emptied behind the page's back: an autosave that ran between
// such a clearing and the first key would put the old value back, and
// the typing would be appended to it.
func (f *Form) TypeInto(sel, text string) {
	f.T.Helper()
	f.Reveal(sel)
	f.do(f.Tab.Focus(sel))
	f.Eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s);
		if (el.value && (el.selectionStart !== 0 || el.selectionEnd !== el.value.length)) el.select();
		return true })()`, JSString(sel)), nil)
	f.do(f.Tab.Keys(sel, text))
	if err := f.poll(fmt.Sprintf(`document.querySelector(%s).value == %s`, JSString(sel), JSString(text))); err != nil {
		f.T.Fatalf("%s: typed %q into %s, which holds %q: %v", f.Engine.Name, text, sel, f.Value(sel), err)
	}
}

// SetValue sets a field's value as a date picker would, and tells the page.
func (f *Form) SetValue(sel, value string) {
	f.T.Helper()
	f.Eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return el.value })()`, JSString(sel), JSString(value)), nil)
}

// Upload chooses a file in a file input, as a person does: the input has
// focus (it was clicked), then the file dialog fills it.
func (f *Form) Upload(sel, path string) {
	f.T.Helper()
	f.Reveal(sel)
	f.do(f.Tab.Focus(sel))
	f.do(f.Tab.SetFiles(sel, []string{path}))
}

// PrintA4 prints the page to PDF on A4, or reports that the engine
// cannot (ErrNotSupported).
func (f *Form) PrintA4() ([]byte, error) { return f.Tab.PrintA4() }

// WaitStored waits until some record in localStorage holds text: the
// autosave has written everything typed before it.
func (f *Form) WaitStored(text string) {
	f.T.Helper()
	f.Poll(fmt.Sprintf(`Object.keys(localStorage).some(k => localStorage.getItem(k).includes(%s))`, JSString(text)))
}

// WaitSaved waits until the open draft's own record holds text. Unlike
// waitStored it cannot be satisfied by another draft that happens to hold
// the same text, so once it returns, the autosave of this page has run,
// and with it the sign-off's seal.
func (f *Form) WaitSaved(text string) {
	f.T.Helper()
	f.Poll(fmt.Sprintf(`Object.keys(localStorage).some(k => k.endsWith(":" + document.querySelector("#draft-select").value) && localStorage.getItem(k).includes(%s))`, JSString(text)))
}

// Seals returns each sign-off party's seal, by party, as the page holds it.
func (f *Form) Seals() map[string]string {
	f.T.Helper()
	var m map[string]string
	f.Eval(`Object.fromEntries([...document.querySelectorAll("#gw-form [data-party]")].map(p => [p.dataset.party, p.querySelector("[data-sign=seal]").value]))`, &m)
	return m
}

// SealChecked waits, on a form whose parties all signed, until the page
// has checked their seals against the content it opened with: each
// party's state no longer reads as served (not signed yet) but says
// signed, or withdrawn.
func (f *Form) SealChecked(p *Page) {
	f.T.Helper()
	served := p.Doc.Find("#gw-form [data-sign-state]").First().Text()
	f.Poll(fmt.Sprintf(`[...document.querySelectorAll("#gw-form [data-sign-state]")].every(s => s.textContent != %s)`, JSString(served)))
}

// Storage returns everything in localStorage.
func (f *Form) Storage() map[string]string {
	var m map[string]string
	f.Eval(`Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))`, &m)
	return m
}

// Snapshot reads every visible control of the form straight from the
// DOM: value, or checked for ticks and radio buttons, keyed by id.
func (f *Form) Snapshot() map[string]any {
	var m map[string]any
	f.Eval(`Object.fromEntries([...document.querySelectorAll("#gw-form input:not([type=hidden]), #gw-form textarea, #gw-form select")]
		.map(el => [el.id, el.type == "checkbox" || el.type == "radio" ? el.checked : el.value]))`, &m)
	return m
}

// FillAll fills every control of the form with a value derived from seed
// and its position (texts with markup and non-ASCII letters, real dates,
// ticks, a choice in every list, one radio button per group that is not
// the first), after adding one row to every table; it returns the last
// text written.
func (f *Form) FillAll(seed string) string {
	f.T.Helper()
	var last string
	f.Eval(fmt.Sprintf(`(() => {
		const seed = %s;
		for (const b of document.querySelectorAll("#gw-form [data-add-row]")) b.click();
		const els = [...document.querySelectorAll("#gw-form input:not([type=hidden]), #gw-form textarea, #gw-form select")];
		let i = 0, last = "";
		for (const el of els) {
			i++;
			if (el.type == "radio") continue;
			if (el.tagName == "SELECT") el.selectedIndex = 1 + i %% (el.options.length - 1);
			else if (el.type == "checkbox") el.checked = i %% 3 != 0;
			else if (el.type == "date") el.value = "2027-" + String(1 + i %% 12).padStart(2, "0") + "-" + String(10 + i %% 18);
			else el.value = last = seed + " " + i + " «" + (el.name || el.dataset.col) + "» é ü ß <b>";
			el.dispatchEvent(new Event("input", {bubbles: true}));
		}
		for (const name of new Set(els.filter(e => e.type == "radio").map(e => e.name))) {
			const group = els.filter(e => e.name == name);
			group[group.length - 2].checked = true;
			group[0].dispatchEvent(new Event("change", {bubbles: true}));
		}
		return last;
	})()`, JSString(seed)), &last)
	return last
}

// ExportDraft presses export and returns the downloaded file.
func (f *Form) ExportDraft() (name string, body []byte) {
	f.T.Helper()
	f.Click(`[data-action="export"]`)
	return f.DL.Next(f.T)
}

// WriteFile writes a file for the file dialog and returns its path.
func WriteFile(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// JSString quotes s as a JavaScript string.
func JSString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// ServeWithFormVersion serves the site built in dir, but with one form
// page claiming a higher form version: the site as it is after a method's
// form changed, for drafts and files made before.
func ServeWithFormVersion(t testing.TB, dir, path string, version int) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	block := regexp.MustCompile(`(<script type="?application/json"? id="?gw-config"?>)(.*?)(</script>)`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			files.ServeHTTP(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path), "index.html"))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		m := block.FindSubmatchIndex(b)
		if m == nil {
			http.Error(w, "no #gw-config", 500)
			return
		}
		var cfg map[string]any
		if err := json.Unmarshal(b[m[4]:m[5]], &cfg); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		cfg["version"] = version
		for _, x := range cfg["methods"].([]any) {
			if mm := x.(map[string]any); mm["id"] == cfg["method"] {
				mm["version"] = version
			}
		}
		js, _ := json.Marshal(cfg)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b[:m[4]])
		w.Write(js)
		w.Write(b[m[5]:])
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Seed stores a draft as the form would, straight into localStorage.
func (f *Form) Seed(method, id string, rec map[string]any) {
	f.T.Helper()
	rec["id"] = id
	b, _ := json.Marshal(rec)
	f.Eval(fmt.Sprintf(`localStorage.setItem(%s, %s)`, JSString("gesprekswijzer:/:"+method+":"+id), JSString(string(b))), nil)
}

// FillStorage fills localStorage until it takes not one more character,
// with keys that are not the site's.
func (f *Form) FillStorage() {
	f.T.Helper()
	var n int
	f.Eval(`(() => {
		let i = 0;
		for (let size = 1 << 20; size >= 1; size >>= 1) {
			const chunk = "x".repeat(size);
			for (;;) { try { localStorage.setItem("filler-" + i, chunk); i++; } catch { break; } }
		}
		return i;
	})()`, &n)
	if n == 0 {
		f.T.Fatal("could not fill localStorage")
	}
}

// Ours returns the site's records in localStorage.
func (f *Form) Ours() map[string]string {
	f.T.Helper()
	// Read in the page: a full storage holds megabytes of filler.
	var m map[string]string
	f.Eval(`Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith("gesprekswijzer:")).map(k => [k, localStorage.getItem(k)]))`, &m)
	return m
}

// WaitValue waits until a field shows a value (a change from another tab
// arrives through the storage event).
func (f *Form) WaitValue(sel, want string) {
	f.T.Helper()
	expr := fmt.Sprintf(`document.querySelector(%s)?.value == %s`, JSString(sel), JSString(want))
	if err := f.poll(expr); err != nil {
		f.T.Fatalf("%s never showed %q (it shows %q): %v", sel, want, f.Value(sel), err)
	}
}

// ExportFile is the JSON document a draft is exported as.
type ExportFile struct {
	App     string         `json:"app"`
	Method  string         `json:"method"`
	Version int            `json:"version"`
	Lang    string         `json:"lang"`
	Name    string         `json:"name"`
	SavedAt string         `json:"savedAt"`
	Values  map[string]any `json:"values"`
	Earlier map[string]any `json:"earlier"`
}

// DecodeExport reads an exported draft, or fails the test.
func DecodeExport(t testing.TB, body []byte) ExportFile {
	t.Helper()
	var e ExportFile
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("the export is not JSON: %v\n%s", err, body)
	}
	return e
}

// Without returns m without the entries whose key starts with prefix.
func Without(m map[string]any, prefix string) map[string]any {
	out := maps.Clone(m)
	maps.DeleteFunc(out, func(k string, _ any) bool { return strings.HasPrefix(k, prefix) })
	return out
}

// Diff fails the test for each value that got and want hold differently,
// as text (the first ten by name, then how many in all).
func Diff(t testing.TB, what string, got, want map[string]any) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(want))
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	n := 0
	for _, k := range keys {
		if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
			if n < 10 {
				t.Errorf("%s: %s is %q, want %q", what, k, fmt.Sprint(got[k]), fmt.Sprint(want[k]))
			}
			n++
		}
	}
	if n > 10 {
		t.Errorf("%s: … %d differences in all", what, n)
	}
}
