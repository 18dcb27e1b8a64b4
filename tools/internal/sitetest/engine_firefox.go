package sitetest

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Firefox (Debian's firefox-esr) is driven through WebDriver BiDi, which
// it speaks itself when started with --remote-debugging-port: no
// geckodriver. One Firefox serves a package's tests; each test gets a
// user context of its own (browser.createUserContext: storage and
// downloads of its own, as a container or a private window), so tests run
// side by side as in Chromium. The protocol is JSON over a websocket
// (gorilla/websocket, already in the module graph through Hugo); the few
// commands used here are written out rather than pulling in a client
// library, of which none in Go is well kept.

// Firefox returns the Firefox to drive, from $FIREFOX or the usual names,
// or "" when there is none.
func Firefox() string {
	if p := os.Getenv("FIREFOX"); p != "" {
		return p
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// firefox is the Firefox of a package's tests, started by the first test
// that asks for it.
var firefox struct {
	once sync.Once
	b    *bidi
	err  error
}

func openFirefox(t *testing.T) (Tab, error) {
	exe := Firefox()
	if exe == "" {
		return nil, fmt.Errorf("no Firefox found (apt-get install firefox-esr, or set FIREFOX)")
	}
	mustShare(t)
	firefox.once.Do(func() {
		firefox.b, firefox.err = startFirefox(exe)
	})
	if firefox.err != nil {
		return nil, fmt.Errorf("Firefox %s did not start: %w", exe, firefox.err)
	}
	// Firefox runs: from here on an error is the test's failure, not a
	// missing engine.
	b := firefox.b
	var uc struct{ UserContext string }
	if err := b.call("browser.createUserContext", map[string]any{}, &uc); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.call("browser.removeUserContext", map[string]any{"userContext": uc.UserContext}, nil) })
	dl := newDownloads()
	dir := t.TempDir()
	err := b.call("browser.setDownloadBehavior", map[string]any{
		"downloadBehavior": map[string]any{"type": "allowed", "destinationFolder": dir},
		"userContexts":     []string{uc.UserContext},
	}, nil)
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	b.downloadsTo(dir, dl)
	tab, err := newFirefoxTab(t, b, uc.UserContext, dl)
	if err != nil {
		t.Fatal(err)
	}
	return tab, nil
}

// newFirefoxTab opens a tab in a window of its own: tests side by side
// each have the front tab of a window, as people do (Firefox slows the
// timers of a tab in the background, and may unload it), and a second
// tab of a test is beside the first, not behind it.
func newFirefoxTab(t *testing.T, b *bidi, userContext string, dl *Downloads) (*firefoxTab, error) {
	// A tab of a new user context may move to another content process
	// while it opens, and Firefox then answers that the context it made
	// "no longer exists" (DiscardedBrowsingContextError), on a busy
	// machine now and then: the tab is asked for again, three times at most.
	var c struct{ Context string }
	for try := 1; ; try++ {
		err := b.call("browsingContext.create", map[string]any{"type": "window", "userContext": userContext}, &c)
		if err == nil {
			break
		}
		if try == 3 || !strings.Contains(err.Error(), "no such frame") {
			return nil, err
		}
	}
	f := &firefoxTab{t: t, b: b, id: c.Context, userContext: userContext, dl: dl}
	b.addTab(f)
	// Errors the page logs (an exception, a CSP violation) fail the test,
	// as in Chromium (Watch).
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, p := range f.problems {
			t.Errorf("firefox reported: %s", p)
		}
	})
	return f, nil
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// startFirefox starts a headless Firefox with a fresh profile and opens a
// BiDi session on it.
func startFirefox(exe string) (*bidi, error) {
	profile, err := os.MkdirTemp("", "gesprekswijzer-firefox-")
	if err != nil {
		return nil, err
	}
	// What Firefox would otherwise do on a first start: nothing of it
	// matters to the tests, and some of it would go to the network.
	prefs := `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("app.update.disabledForTesting", true);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
`
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "--remote-debugging-port=0", "-headless", "--no-remote", "--profile", profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its content processes go with it
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	stop := func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
		os.RemoveAll(profile)
	}
	// Firefox says on stderr where it listens.
	found := make(chan string, 1)
	var said strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := bidiListening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
			if said.Len() < 2000 {
				said.WriteString(sc.Text() + "\n")
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var url string
	select {
	case url = <-found:
	case <-time.After(60 * time.Second):
		stop()
		return nil, fmt.Errorf("no BiDi endpoint announced within 60 s:\n%s", said.String())
	}
	b, err := dialBiDi(url + "/session")
	if err != nil {
		stop()
		return nil, err
	}
	b.stop = func() { b.conn.Close(); stop() }
	atExit(b.stop)
	if err := b.call("session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		b.stop()
		return nil, fmt.Errorf("session.new: %w", err)
	}
	err = b.call("session.subscribe", map[string]any{"events": []string{
		"browsingContext.userPromptOpened",
		"browsingContext.downloadWillBegin",
		"browsingContext.downloadEnd",
		"log.entryAdded",
	}}, nil)
	if err != nil {
		b.stop()
		return nil, fmt.Errorf("session.subscribe: %w", err)
	}
	return b, nil
}

// bidi is a WebDriver BiDi connection: commands with ids, answered in
// any order, and events.
type bidi struct {
	conn *websocket.Conn
	stop func()

	wmu sync.Mutex // one writer at a time

	mu        sync.Mutex
	next      int
	waiting   map[int]chan bidiMessage
	tabs      map[string]*firefoxTab // by browsing context id
	downloads map[string]*Downloads  // by download folder
	names     map[string]string      // download's URL → suggested file name (see downloadKey)
	dead      error
}

type bidiMessage struct {
	Type    string          `json:"type"`
	ID      *int            `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

func dialBiDi(url string) (*bidi, error) {
	d := websocket.Dialer{HandshakeTimeout: 30 * time.Second}
	conn, _, err := d.Dial(url, nil)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", url, err)
	}
	conn.SetReadLimit(256 << 20) // a printed PDF comes in one message
	b := &bidi{conn: conn, waiting: map[int]chan bidiMessage{}, tabs: map[string]*firefoxTab{},
		downloads: map[string]*Downloads{}, names: map[string]string{}}
	go b.read()
	return b, nil
}

func (b *bidi) read() {
	for {
		var m bidiMessage
		if err := b.conn.ReadJSON(&m); err != nil {
			b.mu.Lock()
			b.dead = err
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		if m.ID != nil {
			b.mu.Lock()
			ch := b.waiting[*m.ID]
			delete(b.waiting, *m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		if m.Type == "event" {
			b.event(m.Method, m.Params)
		}
	}
}

// call sends a command and decodes its result into out (nil: none).
func (b *bidi) call(method string, params any, out any) error {
	ch := make(chan bidiMessage, 1)
	b.mu.Lock()
	if b.dead != nil {
		b.mu.Unlock()
		return fmt.Errorf("%s: the connection to Firefox is gone: %w", method, b.dead)
	}
	b.next++
	id := b.next
	b.waiting[id] = ch
	b.mu.Unlock()
	b.wmu.Lock()
	err := b.conn.WriteJSON(map[string]any{"id": id, "method": method, "params": params})
	b.wmu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: the connection to Firefox closed", method)
		}
		if m.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, m.Error, m.Message)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-time.After(2 * time.Minute):
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: no answer within 2 minutes", method)
	}
}

func (b *bidi) addTab(f *firefoxTab) {
	b.mu.Lock()
	b.tabs[f.id] = f
	b.mu.Unlock()
}

// downloadKey tells one download from another between its start and its
// end: by its URL (a form's export is a blob: URL, unique to the page and
// the file), else by its navigation. Firefox gives a download from a
// blob: URL no navigation id, so keyed by that alone, every test's
// downloads shared one entry, and a test side by side with another was
// handed the other's file name (seen in CI: TestOneStatusNote/firefox
// got "…-export-test-2027-02-11.json", a name of TestExportImport's).
func downloadKey(url, navigation string) string {
	if url != "" {
		return "url " + url
	}
	return "navigation " + navigation
}

// downloadsTo sends the files saved in dir (a user context's download
// folder) to d. Downloads are told apart by where they were saved, not by
// the context the event names: with tests side by side, Firefox 153 named
// another test's context for a download now and then.
func (b *bidi) downloadsTo(dir string, d *Downloads) {
	b.mu.Lock()
	b.downloads[dir] = d
	b.mu.Unlock()
}

func (b *bidi) event(method string, params json.RawMessage) {
	var p struct {
		Context           string
		Navigation        string
		SuggestedFilename string
		Status            string
		Filepath          string
		URL               string
		Type              string
		Message           string
		Level             string
		Text              string
		Source            struct{ Context string }
	}
	if json.Unmarshal(params, &p) != nil {
		return
	}
	b.mu.Lock()
	tab := b.tabs[p.Context]
	if tab == nil {
		tab = b.tabs[p.Source.Context]
	}
	dl := b.downloads[filepath.Dir(p.Filepath)]
	switch method {
	case "browsingContext.downloadWillBegin":
		b.names[downloadKey(p.URL, p.Navigation)] = p.SuggestedFilename
	case "browsingContext.downloadEnd":
		key := downloadKey(p.URL, p.Navigation)
		name := b.names[key]
		delete(b.names, key)
		b.mu.Unlock()
		if dl != nil && p.Status == "complete" {
			go func() {
				body, err := os.ReadFile(p.Filepath)
				if name == "" {
					name = filepath.Base(p.Filepath)
				}
				dl.done <- Download{Name: name, Body: body, err: err}
			}()
		}
		return
	}
	b.mu.Unlock()
	if tab == nil {
		return
	}
	switch method {
	case "browsingContext.userPromptOpened":
		tab.mu.Lock()
		tab.dialogs = append(tab.dialogs, p.Message)
		accept := tab.accept
		tab.mu.Unlock()
		go b.call("browsingContext.handleUserPrompt", map[string]any{"context": p.Context, "accept": accept}, nil)
	case "log.entryAdded":
		if p.Level == "error" {
			tab.mu.Lock()
			tab.problems = append(tab.problems, fmt.Sprintf("%s %s: %s", p.Type, p.Level, p.Text))
			tab.mu.Unlock()
		}
	}
}

// firefoxInput is held while a test brings its window to the front,
// clicks or types. Headless Firefox has one focused window, as a desktop
// has: tests side by side would otherwise take the focus from each other
// in the middle of typing, and the page sees focus events no person
// causes (the draft name selects itself on focus, and the keys after it
// replace what was typed).
var firefoxInput sync.Mutex

// firefoxTab is a BiDi browsing context (a tab).
type firefoxTab struct {
	t           *testing.T
	b           *bidi
	id          string
	userContext string
	dl          *Downloads

	mu       sync.Mutex
	dialogs  []string
	accept   bool
	problems []string
}

func (f *firefoxTab) Navigate(url string) error {
	return f.b.call("browsingContext.navigate", map[string]any{"context": f.id, "url": url, "wait": "complete"}, nil)
}

func (f *firefoxTab) Reload() error {
	return f.b.call("browsingContext.reload", map[string]any{"context": f.id, "wait": "complete"}, nil)
}

func (f *firefoxTab) Front() error {
	firefoxInput.Lock()
	defer firefoxInput.Unlock()
	return f.front()
}

func (f *firefoxTab) front() error {
	return f.b.call("browsingContext.activate", map[string]any{"context": f.id}, nil)
}

func (f *firefoxTab) Downloads() *Downloads { return f.dl }

// remoteValue is the part of a BiDi RemoteValue these tests read.
type remoteValue struct {
	Type     string          `json:"type"`
	Value    json.RawMessage `json:"value"`
	SharedID string          `json:"sharedId"`
}

// evaluate evaluates expr in the page, awaiting a promise.
func (f *firefoxTab) evaluate(expr string) (remoteValue, error) {
	var r struct {
		Type             string
		Result           remoteValue
		ExceptionDetails struct {
			Text string
		}
	}
	err := f.b.call("script.evaluate", map[string]any{
		"expression":      expr,
		"target":          map[string]any{"context": f.id},
		"awaitPromise":    true,
		"resultOwnership": "none",
	}, &r)
	if err != nil {
		return remoteValue{}, err
	}
	if r.Type == "exception" {
		return remoteValue{}, fmt.Errorf("evaluating %s: %s", short(expr), r.ExceptionDetails.Text)
	}
	return r.Result, nil
}

// Eval has the page turn the value into JSON (BiDi's own serialisation
// of values is typed, and richer than these tests need).
func (f *firefoxTab) Eval(expr string, out any) error {
	v, err := f.evaluate(jsonOf(expr))
	if err != nil || out == nil {
		return err
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return fmt.Errorf("evaluating %s: %v", short(expr), err)
	}
	return json.Unmarshal([]byte(s), out)
}

// jsonOf is an expression that yields expr's value (awaited) as JSON
// text; undefined becomes null.
func jsonOf(expr string) string {
	return "Promise.resolve((\n" + expr + "\n)).then(v => JSON.stringify(v === undefined ? null : v))"
}

func short(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// element finds sel, scrolled into the middle of the screen, as a
// reference for the input commands.
func (f *firefoxTab) element(sel string, scroll bool) (map[string]any, error) {
	v, err := f.evaluate(fmt.Sprintf(`(() => { const el = document.querySelector(%s);
		if (el && %t) el.scrollIntoView({block: "center", inline: "center"});
		return el })()`, JSString(sel), scroll))
	if err != nil {
		return nil, err
	}
	if v.SharedID == "" {
		return nil, fmt.Errorf("no element %s", sel)
	}
	return map[string]any{"sharedId": v.SharedID}, nil
}

// Click moves the mouse to the middle of the element and presses and
// releases the left button: input.performActions, real input events.
// BiDi does not scroll for a pointer move: the element is scrolled into
// view first. If the page has scrolled it away again before the move
// (seen in CI: a move target 1,061 px above the viewport, the page back
// where the last field typed into was), Firefox refuses the move with
// "move target out of bounds" and nothing was pressed: it is scrolled
// into view again and the click tried again, three times at most.
func (f *firefoxTab) Click(sel string) error {
	var err error
	for try := 0; try < 3; try++ {
		if err = f.click(sel); err == nil || !strings.Contains(err.Error(), "move target out of bounds") {
			return err
		}
	}
	return err
}

func (f *firefoxTab) click(sel string) error {
	el, err := f.element(sel, true)
	if err != nil {
		return err
	}
	firefoxInput.Lock()
	defer firefoxInput.Unlock()
	if err := f.front(); err != nil {
		return err
	}
	return f.b.call("input.performActions", map[string]any{"context": f.id, "actions": []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": 0, "y": 0, "origin": map[string]any{"type": "element", "element": el}},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		},
	}}}, nil)
}

func (f *firefoxTab) Focus(sel string) error {
	firefoxInput.Lock()
	defer firefoxInput.Unlock()
	if err := f.front(); err != nil {
		return err
	}
	return f.Eval(fmt.Sprintf(`document.querySelector(%s).focus()`, JSString(sel)), nil)
}

// Keys focuses the element unless it has focus and types text as key
// presses, all in one input.performActions: no pause between keys.
func (f *firefoxTab) Keys(sel, text string) error {
	firefoxInput.Lock()
	defer firefoxInput.Unlock()
	if err := f.front(); err != nil {
		return err
	}
	if err := f.Eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s); if (document.activeElement !== el) el.focus() })()`, JSString(sel)), nil); err != nil {
		return err
	}
	return f.b.call("input.performActions", map[string]any{"context": f.id, "actions": []any{keyActions(text)}}, nil)
}

// keyActions is a key input source that presses and releases each
// character of text in turn.
func keyActions(text string) map[string]any {
	var keys []any
	for _, r := range text {
		k := string(r)
		if r == '\n' {
			k = "\uE007" // Enter
		}
		keys = append(keys, map[string]any{"type": "keyDown", "value": k}, map[string]any{"type": "keyUp", "value": k})
	}
	return map[string]any{"type": "key", "id": "keyboard", "actions": keys}
}

func (f *firefoxTab) SetFiles(sel string, paths []string) error {
	el, err := f.element(sel, false)
	if err != nil {
		return err
	}
	return f.b.call("input.setFiles", map[string]any{"context": f.id, "element": el, "files": paths}, nil)
}

func (f *firefoxTab) NewTab() (Tab, error) {
	return newFirefoxTab(f.t, f.b, f.userContext, f.dl)
}

// PrintA4 is browsingContext.print on A4 with no margins of its own: the
// page's @page rules set them.
func (f *firefoxTab) PrintA4() ([]byte, error) {
	var r struct{ Data string }
	err := f.b.call("browsingContext.print", map[string]any{
		"context":    f.id,
		"background": true,
		"page":       map[string]any{"width": 21.0, "height": 29.7},
		"margin":     map[string]any{"top": 0, "bottom": 0, "left": 0, "right": 0},
	}, &r)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(r.Data)
}

func (f *firefoxTab) SetViewport(w, h int) error {
	return f.b.call("browsingContext.setViewport", map[string]any{"context": f.id, "viewport": map[string]any{"width": w, "height": h}}, nil)
}

func (f *firefoxTab) AnswerConfirm(accept bool) {
	f.mu.Lock()
	f.accept = accept
	f.mu.Unlock()
}

func (f *firefoxTab) Dialogs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.dialogs...)
}

var _ Tab = (*firefoxTab)(nil)
