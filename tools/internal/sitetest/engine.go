package sitetest

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// The forms are meant for every browser a reader may have: Chromium
// (Chrome, Edge), Gecko (Firefox ESR on a locked-down laptop) and WebKit
// (Safari on an iPhone). Tab is the little a test of the form needs from
// a browser, so that one test description runs in all three engines:
// Chromium through the DevTools protocol (chromedp, engine_chromium.go),
// Firefox through WebDriver BiDi (engine_firefox.go) and WebKitGTK
// through W3C WebDriver classic (engine_webkit.go). Clicks and keys are
// real input events (the engine's input pipeline, trusted events), not
// events made up in the page.

// ErrNotSupported is what a Tab returns for something its engine, or its
// automation protocol, cannot do; tests then assert what the page does
// without it, or report the behaviour as not supported.
var ErrNotSupported = errors.New("not supported by this engine")

// Download is a file the page handed to the browser to save.
type Download struct {
	Name string
	Body []byte
	err  error // reading it failed
}

// Tab is one tab of a browser, in a browser context (a profile or a
// private window) of its own unless it was opened with NewTab.
type Tab interface {
	// Navigate loads url and returns after its load event.
	Navigate(url string) error
	// Reload reloads the page and returns after its load event.
	Reload() error
	// Eval evaluates a JavaScript expression in the page, awaits it if it
	// is a promise, and decodes its value (as JSON) into out (nil: none).
	Eval(expr string, out any) error
	// Click clicks the element sel (a CSS selector) with the mouse: the
	// engine scrolls it into view and presses and releases the button
	// over it.
	Click(sel string) error
	// Focus focuses the element sel, as tabbing to it would.
	Focus(sel string) error
	// Keys types text on the keyboard into the element sel (focusing it
	// first if it does not have focus), key by key with no pause.
	Keys(sel, text string) error
	// SetFiles chooses files in the file input sel, as its dialog would.
	SetFiles(sel string, paths []string) error
	// NewTab opens another tab in the same browser context (the same
	// storage), as a person opening the form twice.
	NewTab() (Tab, error)
	// Front brings the tab to the front (a tab in the background may get
	// no frames and no keys).
	Front() error
	// Downloads reports the files the tab's browser context downloads.
	Downloads() *Downloads
	// PrintA4 prints the page to PDF on A4, honouring its @page rules.
	PrintA4() ([]byte, error)
	// SetViewport sets the size of the layout viewport in CSS px.
	SetViewport(w, h int) error
	// AnswerConfirm sets the answer to the page's next confirm().
	AnswerConfirm(accept bool)
	// Dialogs returns the messages of the dialogs the page opened.
	Dialogs() []string
}

// Engine is a browser engine the tests can run in.
type Engine struct {
	Name string // chromium, firefox, webkit
	// open starts a tab in a new browser context (starting the engine the
	// first time), or reports why the engine is not available.
	open func(t *testing.T) (Tab, error)
}

// Engines are the three engines, in the order the tests run them.
var Engines = []Engine{
	{Name: "chromium", open: openChromium},
	{Name: "firefox", open: openFirefox},
	{Name: "webkit", open: openWebKit},
}

// EachEngine runs test once per engine, as subtests named after the
// engine, side by side, each with a form driver in a browser context of
// its own on the site served at base. An engine that is not installed
// skips its subtest with the reason (or fails it where browsers are
// required, see Unavailable).
func EachEngine(t *testing.T, base string, test func(t *testing.T, f *Form)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			defer engineTime(e.Name, time.Now())
			test(t, NewFormIn(t, e, base))
		})
	}
}

// EachEngineOn runs test once per engine, side by side with the other
// parallel tests, on the site built in dir (served for the test).
func EachEngineOn(t *testing.T, dir string, test func(t *testing.T, f *Form)) {
	t.Helper()
	t.Parallel()
	EachEngine(t, Serve(t, dir), test)
}

// NewFormIn drives the forms of a site served at base in engine e, in a
// browser context of its own.
func NewFormIn(t *testing.T, e Engine, base string) *Form {
	t.Helper()
	tab, err := e.open(t)
	if err != nil {
		Unavailable(t, fmt.Sprintf("%s: %v", e.Name, err))
	}
	f := onTab(t, tab, base)
	f.Engine = e
	return f
}

// Fresh returns a driver in a new browser context of the same engine: a
// second person, on another device, with storage of her own.
func (f *Form) Fresh() *Form {
	f.T.Helper()
	return NewFormIn(f.T, f.Engine, f.Base)
}

// mustShare fails a test whose package does not run its tests through
// Main: Firefox and Xvfb are started once for a package and only Main
// stops them.
func mustShare(t *testing.T) {
	if !shared.on {
		t.Fatal("Firefox and WebKit tests need the package's TestMain to run through sitetest.Main (or WithSite), which stops the browsers")
	}
}

// stops are the engines started for a package's tests, stopped by Main.
var stops struct {
	mu  sync.Mutex
	fns []func()
}

func atExit(stop func()) {
	stops.mu.Lock()
	stops.fns = append(stops.fns, stop)
	stops.mu.Unlock()
}

func stopEngines() {
	stops.mu.Lock()
	defer stops.mu.Unlock()
	for _, stop := range stops.fns {
		stop()
	}
	stops.fns = nil
}

// EngineTimes is, for each engine, how long its subtests (EachEngine)
// took in all (Sum, tests side by side counted each) and the span from
// the first one's start to the last one's end (Span), for the package's
// summary.
var EngineTimes = struct {
	sync.Mutex
	M map[string]*EngineTime
}{M: map[string]*EngineTime{}}

type EngineTime struct {
	Sum         time.Duration
	First, Last time.Time
}

func (e *EngineTime) Span() time.Duration { return e.Last.Sub(e.First) }

func engineTime(name string, start time.Time) {
	end := time.Now()
	EngineTimes.Lock()
	defer EngineTimes.Unlock()
	e := EngineTimes.M[name]
	if e == nil {
		e = &EngineTime{First: start}
		EngineTimes.M[name] = e
	}
	e.Sum += end.Sub(start)
	if start.Before(e.First) {
		e.First = start
	}
	if end.After(e.Last) {
		e.Last = end
	}
}

// pollEval waits until expr is true in tab, for timeout at most. An
// evaluation that fails (in a page that is going away) is tried again
// until the deadline; the last error is reported with it. It asks every
// 50 ms: a wait on the page's state with a deadline, not a pause.
func pollEval(tab Tab, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for {
		var ok bool
		err := tab.Eval("!!("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("still not true after %v: %s (last error: %v)", timeout, expr, last)
			}
			return fmt.Errorf("still not true after %v: %s", timeout, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Axe runs axe-core's WCAG 2.1 A and AA rules on the page, in any engine
// (see Axe for Chromium's DevTools way). axe is put in the page from the
// test's side, which the page's Content-Security-Policy does not govern.
func (f *Form) Axe() []AxeViolation {
	f.T.Helper()
	src, err := os.ReadFile(projecttest.NodeModule(f.T, "axe-core/axe.min.js"))
	if err != nil {
		f.T.Fatal(err)
	}
	f.Eval("(() => {\n"+string(src)+"\n;return true })()", nil)
	var violations []AxeViolation
	f.Eval(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => r.violations)`, &violations)
	return violations
}

// SetBase points the driver at another server of the same site (a test
// that serves it in a way of its own): the pages it opens are there, and
// in Chromium requests to it are not another host's.
func (f *Form) SetBase(base string) {
	f.Base = base
	if f.Watch != nil {
		f.Watch.setBase(base)
	}
}

// EngineMain is the TestMain of a package whose tests run in every engine
// (EachEngine): it builds the site once into *built (with build), lets
// three tests run side by side unless -parallel says otherwise (they wait
// on browsers far more than they compute), stops the browsers at the end,
// and prints how long each engine's tests took.
func EngineMain(m *testing.M, built *string, build func(out string) error) int {
	flag.Parse()
	told := false
	flag.Visit(func(f *flag.Flag) { told = told || f.Name == "test.parallel" })
	if !told {
		flag.Set("test.parallel", "3")
	}
	return WithSite(m, built, build, func() {
		t := EngineTimes.M
		for _, e := range slices.Sorted(maps.Keys(t)) {
			fmt.Printf("engine %s: first test start to last test end %.1f s; %.1f s of test time in all (tests side by side each counted)\n", e, t[e].Span().Seconds(), t[e].Sum.Seconds())
		}
	})
}
