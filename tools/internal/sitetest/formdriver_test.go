package sitetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The forms are driven in Chromium the way people use them: typing,
// clicking, choosing files, answering the delete question. These helpers
// keep the tests about what the user does and sees.

const (
	nlForm = "/gesprekken/planningsgesprek/formulier/"
	deForm = "/de/gespraeche/zielvereinbarungsgespraech/formular/"
)

// formDriver is one browser with one tab on the built site.
type formDriver struct {
	t     *testing.T
	ctx   context.Context
	base  string
	watch *Watch
	dl    *Downloads

	mu      sync.Mutex
	dialogs []string // confirm() messages seen
	accept  bool     // the answer to the next confirm()
}

func newFormDriver(t *testing.T) *formDriver {
	return newFormDriverOn(t, Serve(t, built))
}

// newFormDriverOn drives a site served at base.
func newFormDriverOn(t *testing.T, base string) *formDriver {
	t.Helper()
	f := drive(t, Browser(t), base)
	f.dl = CatchDownloads(t, f.ctx)
	return f
}

// newTab opens a second tab of the same browser on the same site: the
// same storage, as when a person opens the form twice. Downloads are the
// first tab's to catch.
func (f *formDriver) newTab() *formDriver {
	f.t.Helper()
	ctx, cancel := chromedp.NewContext(f.ctx)
	f.t.Cleanup(cancel)
	return drive(f.t, ctx, f.base)
}

func drive(t *testing.T, ctx context.Context, base string) *formDriver {
	t.Helper()
	f := &formDriver{t: t, ctx: ctx, base: base}
	f.watch = NewWatch(f.ctx, f.base)
	chromedp.ListenTarget(f.ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			f.mu.Lock()
			f.dialogs = append(f.dialogs, e.Message)
			accept := f.accept
			f.mu.Unlock()
			go chromedp.Run(f.ctx, page.HandleJavaScriptDialog(accept))
		}
	})
	if err := chromedp.Run(f.ctx, Enable()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.clean)
	return f
}

// clean fails the test for any request to another host and any console
// error or CSP violation seen while it ran.
func (f *formDriver) clean() {
	foreign, problems := f.watch.Take()
	for _, u := range foreign {
		f.t.Errorf("requested another host: %s", u)
	}
	for _, p := range problems {
		f.t.Errorf("browser reported: %s", p)
	}
}

// run runs actions in this tab, brought to the front first: a tab in the
// background gets no frames, and typing into it would wait forever.
func (f *formDriver) run(actions ...chromedp.Action) {
	f.t.Helper()
	if err := chromedp.Run(f.ctx, append([]chromedp.Action{page.BringToFront()}, actions...)...); err != nil {
		f.t.Fatal(err)
	}
}

// scriptReady is true once the form's script has opened a draft (the
// page shows its controls from the start, invisible until then).
const scriptReady = `document.documentElement.hasAttribute("data-js") && document.querySelectorAll("#draft-select option").length > 0`

// open loads a form page and waits until its script has set it up.
func (f *formDriver) open(path string) {
	f.t.Helper()
	f.run(chromedp.Navigate(f.base + path))
	f.afterNavigation(scriptReady)
}

// openPage loads a page other than a form and waits for its script. Like
// every wait after a navigation it is retried: loading the page that is
// open already may leave the first poll in the page that goes away.
func (f *formDriver) openPage(path string) {
	f.t.Helper()
	f.run(chromedp.Navigate(f.base + path))
	f.afterNavigation(`document.documentElement.hasAttribute("data-js")`)
}

// reload reloads the page and waits for its script. The wait may start
// in the page that is going away ("Cannot find context with specified
// id"), so it is retried as after any navigation.
func (f *formDriver) reload() {
	f.t.Helper()
	f.run(chromedp.Reload())
	f.afterNavigation(scriptReady)
}

func (f *formDriver) ready() chromedp.Action {
	return until(scriptReady)
}

// until waits (10 s at most) until a JavaScript expression is true. It
// polls on a timer, not on animation frames, which a tab in the
// background does not get.
func until(expr string) chromedp.Action {
	var ok bool
	return chromedp.Poll(expr, &ok, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))
}

// afterNavigation waits until the page the tab navigated to makes a
// JavaScript expression true (polling a page that goes away fails, so
// each failure is retried for 10 s).
func (f *formDriver) afterNavigation(expr string) {
	f.t.Helper()
	var err error
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if err = chromedp.Run(f.ctx, until(expr)); err == nil {
			return
		}
	}
	f.t.Fatalf("after navigating: %v", err)
}

// poll waits until a JavaScript expression is true in this tab.
func (f *formDriver) poll(expr string) {
	f.t.Helper()
	f.run(until(expr))
}

// eval runs a JavaScript expression in the page and decodes its result.
func (f *formDriver) eval(expr string, out any) {
	f.t.Helper()
	f.run(chromedp.Evaluate(expr, out))
}

func (f *formDriver) text(sel string) string {
	var s string
	f.eval(fmt.Sprintf(`document.querySelector(%s)?.textContent ?? ""`, jsString(sel)), &s)
	return strings.TrimSpace(s)
}

// textWhen waits up to 10 s for the element's text to contain want (an
// action may load its script first) and returns the text it has then.
func (f *formDriver) textWhen(sel, want string) string {
	f.t.Helper()
	chromedp.Run(f.ctx, until(fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").includes(%s)`, jsString(sel), jsString(want))))
	return f.text(sel)
}

func (f *formDriver) value(sel string) string {
	var s string
	f.eval(fmt.Sprintf(`document.querySelector(%s).value`, jsString(sel)), &s)
	return s
}

// click clicks an element as a person would, opening the drafts menu
// first when the element is in it.
func (f *formDriver) click(sel string) {
	f.t.Helper()
	f.reveal(sel)
	f.run(chromedp.Click(sel, chromedp.ByQuery))
}

// reveal opens the closed <details> (the drafts menu) an element is in.
func (f *formDriver) reveal(sel string) {
	f.t.Helper()
	f.eval(fmt.Sprintf(`(() => { for (let d = document.querySelector(%s)?.closest("details:not([open])"); d; d = d.parentElement?.closest("details:not([open])")) d.open = true; return true })()`, jsString(sel)), nil)
}

// typeInto clears a field and types into it, key by key.
func (f *formDriver) typeInto(sel, text string) {
	f.t.Helper()
	f.reveal(sel)
	f.eval(fmt.Sprintf(`document.querySelector(%s).value = ""`, jsString(sel)), nil)
	f.run(chromedp.SendKeys(sel, text, chromedp.ByQuery))
}

// setValue sets a field's value as a date picker would, and tells the page.
func (f *formDriver) setValue(sel, value string) {
	f.t.Helper()
	f.eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s); el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true})); return el.value })()`, jsString(sel), jsString(value)), nil)
}

// upload chooses a file in a file input, as the file dialog would.
func (f *formDriver) upload(sel, path string) {
	f.t.Helper()
	f.reveal(sel)
	f.run(chromedp.SetUploadFiles(sel, []string{path}, chromedp.ByQuery))
}

// answerConfirm sets the answer to the next confirm() question.
func (f *formDriver) answerConfirm(accept bool) {
	f.mu.Lock()
	f.accept = accept
	f.mu.Unlock()
}

func (f *formDriver) lastDialog() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.dialogs) == 0 {
		return ""
	}
	return f.dialogs[len(f.dialogs)-1]
}

// waitStored waits until some record in localStorage holds text: the
// autosave has written everything typed before it.
func (f *formDriver) waitStored(text string) {
	f.t.Helper()
	f.poll(fmt.Sprintf(`Object.keys(localStorage).some(k => localStorage.getItem(k).includes(%s))`, jsString(text)))
}

// waitSaved waits until the open draft's own record holds text. Unlike
// waitStored it cannot be satisfied by another draft that happens to hold
// the same text, so once it returns, the autosave of this page has run,
// and with it the sign-off's seal.
func (f *formDriver) waitSaved(text string) {
	f.t.Helper()
	f.poll(fmt.Sprintf(`Object.keys(localStorage).some(k => k.endsWith(":" + document.querySelector("#draft-select").value) && localStorage.getItem(k).includes(%s))`, jsString(text)))
}

// seals returns each sign-off party's seal, by party, as the page holds it.
func (f *formDriver) seals() map[string]string {
	f.t.Helper()
	var m map[string]string
	f.eval(`Object.fromEntries([...document.querySelectorAll("#gw-form [data-party]")].map(p => [p.dataset.party, p.querySelector("[data-sign=seal]").value]))`, &m)
	return m
}

// sealChecked waits, on a form whose parties all signed, until the page
// has checked their seals against the content it opened with: each
// party's state no longer reads as served (not signed yet) but says
// signed, or withdrawn.
func (f *formDriver) sealChecked(p *Page) {
	f.t.Helper()
	served := p.Doc.Find("#gw-form [data-sign-state]").First().Text()
	f.poll(fmt.Sprintf(`[...document.querySelectorAll("#gw-form [data-sign-state]")].every(s => s.textContent != %s)`, jsString(served)))
}

// storage returns everything in localStorage.
func (f *formDriver) storage() map[string]string {
	var m map[string]string
	f.eval(`Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]))`, &m)
	return m
}

// snapshot reads every visible control of the form straight from the
// DOM: value, or checked for ticks and radio buttons, keyed by id.
func (f *formDriver) snapshot() map[string]any {
	var m map[string]any
	f.eval(`Object.fromEntries([...document.querySelectorAll("#gw-form input:not([type=hidden]), #gw-form textarea, #gw-form select")]
		.map(el => [el.id, el.type == "checkbox" || el.type == "radio" ? el.checked : el.value]))`, &m)
	return m
}

// fillAll fills every control of the form with a value derived from seed
// and its position (texts with markup and non-ASCII letters, real dates,
// ticks, a choice in every list, one radio button per group that is not
// the first), after adding one row to every table; it returns the last
// text written.
func (f *formDriver) fillAll(seed string) string {
	f.t.Helper()
	var last string
	f.eval(fmt.Sprintf(`(() => {
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
	})()`, jsString(seed)), &last)
	return last
}

// exportDraft presses export and returns the downloaded file.
func (f *formDriver) exportDraft() (name string, body []byte) {
	f.t.Helper()
	f.click(`[data-action="export"]`)
	return f.dl.Next(f.t)
}

// writeFile writes a file for the file dialog and returns its path.
func writeFile(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// serveWithFormVersion serves the built site, but with one form page
// claiming a higher form version: the site as it is after a method's form
// changed, for drafts and files made before.
func serveWithFormVersion(t *testing.T, path string, version int) string {
	t.Helper()
	files := http.FileServer(http.Dir(built))
	block := regexp.MustCompile(`(<script type="?application/json"? id="?gw-config"?>)(.*?)(</script>)`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			files.ServeHTTP(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(built, filepath.FromSlash(path), "index.html"))
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
