package sitetest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// WebKit, the engine of Safari, is driven as WebKitGTK: Debian's
// webkit2gtk-driver (WebKitWebDriver, a W3C WebDriver classic server)
// starts WebKitGTK's MiniBrowser in automation mode. MiniBrowser has no
// headless mode, so it draws on a virtual X display (Xvfb), one for a
// package's tests. WebKitWebDriver holds one session at a time, and a
// session is one browser: each test gets a driver and a browser of its
// own, with a home directory of its own so that no storage is shared.
//
// What WebDriver classic lacks, and what stands in for it here:
//   - no download API: the page's download (an <a download> on a blob:
//     URL, see assets/js/form/dom.js) is caught in the page, by wrapping
//     URL.createObjectURL and HTMLAnchorElement.prototype.click before
//     each click (webkitDownloadHook), and read from there;
//   - no printing: WebKitGTK's driver answers POST /print with "unknown
//     command", so PrintA4 reports ErrNotSupported;
//   - no viewport below the window's least width (MiniBrowser's window is
//     at least 447 px wide): SetViewport reports ErrNotSupported for
//     sizes the window cannot take.

// WebKitDriver returns WebKitWebDriver and MiniBrowser, from
// $WEBKIT_WEBDRIVER and $WEBKIT_MINIBROWSER or where Debian puts them, or
// why there are none.
func WebKitDriver() (driver, browser string, err error) {
	driver = os.Getenv("WEBKIT_WEBDRIVER")
	if driver == "" {
		if driver, err = exec.LookPath("WebKitWebDriver"); err != nil {
			return "", "", fmt.Errorf("no WebKitWebDriver found (apt-get install webkit2gtk-driver, or set WEBKIT_WEBDRIVER)")
		}
	}
	browser = os.Getenv("WEBKIT_MINIBROWSER")
	if browser == "" {
		for _, pattern := range []string{"/usr/lib/*/webkit2gtk-4.1/MiniBrowser", "/usr/lib/*/webkit2gtk-4.0/MiniBrowser", "/usr/libexec/webkit2gtk-4.*/MiniBrowser"} {
			if m, _ := filepath.Glob(pattern); len(m) > 0 {
				browser = m[0]
				break
			}
		}
		if browser == "" {
			return "", "", fmt.Errorf("no WebKitGTK MiniBrowser found (apt-get install webkit2gtk-driver, or set WEBKIT_MINIBROWSER)")
		}
	}
	return driver, browser, nil
}

// xvfb is the virtual display of a package's WebKit tests.
var xvfb struct {
	once    sync.Once
	display string
	err     error
}

// startXvfb starts Xvfb on a display it picks itself (-displayfd: no
// race with other X servers on the machine) and returns ":N".
func startXvfb() (string, error) {
	exe, err := exec.LookPath("Xvfb")
	if err != nil {
		return "", fmt.Errorf("no Xvfb found (apt-get install xvfb)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	cmd := exec.Command(exe, "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return "", err
	}
	w.Close()
	atExit(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); cmd.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			return "", fmt.Errorf("xvfb: gave no display number")
		}
		return ":" + n, nil
	case <-time.After(30 * time.Second):
		return "", fmt.Errorf("xvfb: gave no display number within 30 s")
	}
}

func openWebKit(t *testing.T) (Tab, error) {
	driver, browser, err := WebKitDriver()
	if err != nil {
		return nil, err
	}
	mustShare(t)
	xvfb.once.Do(func() { xvfb.display, xvfb.err = startXvfb() })
	if xvfb.err != nil {
		return nil, xvfb.err
	}
	s := webkitIdle()
	if s == nil {
		if s, err = startWebKit(t, driver, browser, xvfb.display); err != nil {
			return nil, fmt.Errorf("WebKitWebDriver %s: %w", driver, err)
		}
	}
	if err := s.lease(t); err != nil {
		s.stop()
		t.Fatalf("WebKitWebDriver %s: a browser that started does not answer: %v", driver, err)
	}
	return s.tab(s.first), nil
}

// Starting a MiniBrowser and loading its first page takes seconds (its
// web and network processes start), so a test that is done hands its
// browser on to the next (webkitPool) rather than closing it. What the
// next test must not see of it: its other windows are closed, its window
// size is reset, its downloads and dialogs are its own, and its storage
// is per origin, and each test serves the site on a port of its own;
// should a port come round again, the storage of that origin is cleared
// before the test sees it (Navigate).
var webkitPool struct {
	mu   sync.Mutex
	idle []*webkitSession
}

func webkitIdle() *webkitSession {
	webkitPool.mu.Lock()
	defer webkitPool.mu.Unlock()
	if n := len(webkitPool.idle); n > 0 {
		s := webkitPool.idle[n-1]
		webkitPool.idle = webkitPool.idle[:n-1]
		return s
	}
	return nil
}

// lease makes the session the test's, and hands it back when the test
// ends (or closes it if it cannot be made clean).
func (s *webkitSession) lease(t *testing.T) error {
	s.mu.Lock()
	s.leases++
	s.tabs = nil
	s.dl = newDownloads()
	s.dl.pull = s.pull
	s.mu.Unlock()
	if err := s.send("POST", s.url+"/window/rect", map[string]any{"width": 1280, "height": 900}, nil); err != nil {
		return err
	}
	t.Cleanup(func() {
		if err := s.clean(); err != nil {
			s.stop()
			return
		}
		webkitPool.mu.Lock()
		webkitPool.idle = append(webkitPool.idle, s)
		webkitPool.mu.Unlock()
	})
	return nil
}

// clean closes every window but the first and leaves that on a blank page.
func (s *webkitSession) clean() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var handles []string
	if err := s.send("GET", s.url+"/window/handles", nil, &handles); err != nil {
		return err
	}
	for _, h := range handles {
		if h == s.first {
			continue
		}
		if err := s.send("POST", s.url+"/window", map[string]any{"handle": h}, nil); err != nil {
			return err
		}
		if err := s.send("DELETE", s.url+"/window", nil, nil); err != nil {
			return err
		}
	}
	if err := s.send("POST", s.url+"/window", map[string]any{"handle": s.first}, nil); err != nil {
		return err
	}
	s.current = s.first
	return s.send("POST", s.url+"/url", map[string]any{"url": "about:blank"}, nil)
}

// webkitSession is one WebDriver session: one MiniBrowser, its tabs
// (windows, in WebDriver's words) sharing its storage. WebDriver sends
// commands to the current window, so each command of a tab first makes
// its window the current one.
type webkitSession struct {
	url     string // http://127.0.0.1:PORT/session/ID
	client  *http.Client
	first   string // the first window's handle
	dl      *Downloads
	mu      sync.Mutex
	current string
	tabs    []*webkitTab
	stop    func()
	leases  int            // tests that had this browser
	origins map[string]int // where its pages were, by the lease they were in
}

func startWebKit(t *testing.T, driver, browser, display string) (*webkitSession, error) {
	port := projecttest.FreePort(t)
	home, err := os.MkdirTemp("", "gesprekswijzer-webkit-") // storage, caches and settings of this browser alone
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(driver, "--port="+strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "WAYLAND_DISPLAY=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // MiniBrowser and its web processes go with it
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		os.RemoveAll(home)
		return nil, err
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	s := &webkitSession{client: &http.Client{Timeout: 2 * time.Minute}, origins: map[string]int{}}
	var session string
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			if session != "" {
				s.send("DELETE", base+"/session/"+session, nil, nil)
			}
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			cmd.Wait()
			os.RemoveAll(home)
		})
	}
	atExit(s.stop)
	// The driver is ready when it answers /status.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var st struct{ Ready bool }
		if err := s.send("GET", base+"/status", nil, &st); err == nil && st.Ready {
			break
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("not ready within 30 s: %s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	var created struct {
		SessionID string
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": browser, "args": []string{"--automation"}},
		// a confirm() stays open until the test answers it (Click)
		"unhandledPromptBehavior": "ignore",
	}}}
	if err := s.send("POST", base+"/session", caps, &created); err != nil {
		s.stop()
		return nil, fmt.Errorf("new session: %w (%s)", err, out.String())
	}
	session = created.SessionID
	s.url = base + "/session/" + session
	if err := s.send("GET", s.url+"/window", nil, &s.first); err != nil {
		s.stop()
		return nil, err
	}
	s.current = s.first
	return s, nil
}

// webdriverError is an error WebDriver answered with.
type webdriverError struct {
	Code, Message string
}

func (e *webdriverError) Error() string { return e.Code + ": " + e.Message }

// send makes one WebDriver request and decodes the "value" of its answer.
func (s *webkitSession) send(method, url string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var v struct{ Value json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, url, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(v.Value, &e)
		return &webdriverError{e.Error, e.Message}
	}
	if out != nil {
		return json.Unmarshal(v.Value, out)
	}
	return nil
}

func (s *webkitSession) tab(handle string) *webkitTab {
	w := &webkitTab{s: s, handle: handle}
	s.mu.Lock()
	s.tabs = append(s.tabs, w)
	s.mu.Unlock()
	return w
}

// webkitTab is one window of a session.
type webkitTab struct {
	s      *webkitSession
	handle string

	mu      sync.Mutex
	dialogs []string
	accept  bool
}

// do makes a request of the session's path p with this tab's window as
// the current one.
func (w *webkitTab) do(method, p string, body, out any) error {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	if w.s.current != w.handle {
		if err := w.s.send("POST", w.s.url+"/window", map[string]any{"handle": w.handle}, nil); err != nil {
			return fmt.Errorf("switch to window %s: %w", w.handle, err)
		}
		w.s.current = w.handle
	}
	return w.s.send(method, w.s.url+p, body, out)
}

func (w *webkitTab) Navigate(url string) error {
	if err := w.do("POST", "/url", map[string]any{"url": url}, nil); err != nil {
		return err
	}
	o := origin(url)
	w.s.mu.Lock()
	lease, seen := w.s.origins[o]
	w.s.origins[o] = w.s.leases
	earlier := seen && lease != w.s.leases
	w.s.mu.Unlock()
	if !earlier {
		return nil
	}
	// An earlier test's server had this port: its storage goes, and the
	// page loads again without it.
	if err := w.Eval(`localStorage.clear(), sessionStorage.clear()`, nil); err != nil {
		return err
	}
	return w.do("POST", "/url", map[string]any{"url": url}, nil)
}

// origin is scheme://host:port of an address.
func origin(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.IndexByte(u[i+3:], '/'); j >= 0 {
			return u[:i+3+j]
		}
	}
	return u
}

func (w *webkitTab) Reload() error { return w.do("POST", "/refresh", map[string]any{}, nil) }
func (w *webkitTab) Front() error  { return w.do("GET", "/title", nil, nil) } // switches to it

// Eval runs the expression as the body of WebDriver's script function,
// which awaits a promise it returns.
func (w *webkitTab) Eval(expr string, out any) error {
	var s *string
	if err := w.do("POST", "/execute/sync", map[string]any{"script": "return " + jsonOf(expr), "args": []any{}}, &s); err != nil {
		return fmt.Errorf("evaluating %s: %w", short(expr), err)
	}
	if out == nil || s == nil {
		return nil
	}
	return json.Unmarshal([]byte(*s), out)
}

// element finds sel and returns WebDriver's reference to it.
func (w *webkitTab) element(sel string) (map[string]any, error) {
	var el map[string]any
	if err := w.do("POST", "/element", map[string]any{"using": "css selector", "value": sel}, &el); err != nil {
		return nil, fmt.Errorf("find %s: %w", sel, err)
	}
	return el, nil
}

func elementID(el map[string]any) string {
	for _, v := range el {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

// webkitDownloadHook catches the page's downloads: a click on an
// <a download> whose address is a blob: URL the page made puts the
// blob's name and text in window.__gwDownloads instead of saving it.
const webkitDownloadHook = `(() => {
	if (window.__gwDownloads) return true;
	window.__gwDownloads = [];
	const blobs = new Map(), make = URL.createObjectURL, click = HTMLAnchorElement.prototype.click;
	URL.createObjectURL = function (b) { const u = make.call(URL, b); blobs.set(u, b); return u; };
	HTMLAnchorElement.prototype.click = function () {
		const b = this.download && blobs.get(this.href);
		if (!b) return click.call(this);
		const d = {name: this.download, body: null};
		__gwDownloads.push(d);
		b.text().then(s => { d.body = s; });
	};
	return true;
})()`

// Click clicks the element with WebDriver's element click: the driver
// scrolls it into view and clicks its middle with the mouse (and fails
// if something else would get the click). A confirm() it opens is
// answered as AnswerConfirm said.
func (w *webkitTab) Click(sel string) error {
	if err := w.Eval(webkitDownloadHook, nil); err != nil {
		return err
	}
	el, err := w.element(sel)
	if err != nil {
		return err
	}
	if err := w.do("POST", "/element/"+elementID(el)+"/click", map[string]any{}, nil); err != nil {
		return fmt.Errorf("click %s: %w", sel, err)
	}
	var text string
	if w.do("GET", "/alert/text", nil, &text) == nil {
		w.mu.Lock()
		w.dialogs = append(w.dialogs, text)
		answer := map[bool]string{true: "/alert/accept", false: "/alert/dismiss"}[w.accept]
		w.mu.Unlock()
		return w.do("POST", answer, map[string]any{}, nil)
	}
	return nil
}

func (w *webkitTab) Focus(sel string) error {
	return w.Eval(fmt.Sprintf(`document.querySelector(%s).focus()`, JSString(sel)), nil)
}

// Keys types with WebDriver's actions (real key events), not with
// element send keys, which would put the caret at the end of the field
// instead of typing over what is selected.
func (w *webkitTab) Keys(sel, text string) error {
	if err := w.Eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s); if (document.activeElement !== el) el.focus() })()`, JSString(sel)), nil); err != nil {
		return err
	}
	if err := w.do("POST", "/actions", map[string]any{"actions": []any{keyActions(text)}}, nil); err != nil {
		return err
	}
	return w.do("DELETE", "/actions", nil, nil)
}

// SetFiles sends the file's path to the file input, WebDriver's way of
// choosing a file.
func (w *webkitTab) SetFiles(sel string, paths []string) error {
	el, err := w.element(sel)
	if err != nil {
		return err
	}
	return w.do("POST", "/element/"+elementID(el)+"/value", map[string]any{"text": strings.Join(paths, "\n")}, nil)
}

func (w *webkitTab) NewTab() (Tab, error) {
	var win struct{ Handle string }
	if err := w.do("POST", "/window/new", map[string]any{"type": "tab"}, &win); err != nil {
		return nil, err
	}
	return w.s.tab(win.Handle), nil
}

// Downloads reads what webkitDownloadHook caught, in any tab of the
// session: the downloads whose text has been read, in order.
func (w *webkitTab) Downloads() *Downloads { return w.s.dl }

func (s *webkitSession) pull() ([]Download, error) {
	s.mu.Lock()
	tabs := append([]*webkitTab(nil), s.tabs...)
	s.mu.Unlock()
	var all []Download
	for _, w := range tabs {
		var got []struct{ Name, Body string }
		err := w.Eval(`(() => { const q = window.__gwDownloads || []; let n = 0;
			while (n < q.length && q[n].body !== null) n++;
			return q.splice(0, n); })()`, &got)
		if err != nil {
			return nil, err
		}
		for _, d := range got {
			all = append(all, Download{Name: d.Name, Body: []byte(d.Body)})
		}
	}
	return all, nil
}

func (w *webkitTab) PrintA4() ([]byte, error) {
	var data string
	err := w.do("POST", "/print", map[string]any{"page": map[string]any{"width": 21.0, "height": 29.7}}, &data)
	if e, ok := err.(*webdriverError); ok && e.Code == "unknown command" {
		return nil, ErrNotSupported
	}
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	return base64.StdEncoding.DecodeString(data)
}

// SetViewport sizes the window; where the window cannot be as small as
// asked (MiniBrowser's is at least 447 px wide), it reports
// ErrNotSupported.
func (w *webkitTab) SetViewport(width, height int) error {
	if err := w.do("POST", "/window/rect", map[string]any{"width": width, "height": height}, nil); err != nil {
		return err
	}
	var got int
	if err := w.Eval(`document.documentElement.clientWidth`, &got); err != nil {
		return err
	}
	if got != width {
		return fmt.Errorf("%w: the window is %d px wide at the least, asked for %d", ErrNotSupported, got, width)
	}
	return nil
}

func (w *webkitTab) AnswerConfirm(accept bool) {
	w.mu.Lock()
	w.accept = accept
	w.mu.Unlock()
}

func (w *webkitTab) Dialogs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.dialogs...)
}

var _ Tab = (*webkitTab)(nil)
