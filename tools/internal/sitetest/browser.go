package sitetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// Browser returns a context for a fresh tab of headless Chromium for one
// test. In a package whose TestMain runs through Main, every test shares
// one browser, started when a test first asks for it: each test gets a new
// browser context of its own (its own storage and downloads, as a private
// window), so tests that do not share storage can run in parallel
// (t.Parallel). Elsewhere each test starts its own browser, and chromedp
// gives it a fresh profile directory and removes it afterwards. The flags
// keep Chromium off the network: this machine has none, and a site that
// needs it fails its tests anyway.
func Browser(t testing.TB) context.Context {
	t.Helper()
	exe := DrivenChromium(t)
	var parent context.Context
	if shared.on {
		b, err := sharedBrowser(exe)
		if err != nil {
			Unavailable(t, fmt.Sprintf("Chromium %s did not start: %v", exe, err))
		}
		ctx, err := newPrivateTab(t, b)
		if err != nil {
			Unavailable(t, fmt.Sprintf("Chromium %s opened no new browser context: %v", exe, err))
		}
		parent = ctx
	} else {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(exe)...)
		ctx, cancel := chromedp.NewContext(actx)
		parent = ctx
		t.Cleanup(func() { cancel(); cancelAlloc() })
	}
	ctx, cancelTimeout := context.WithTimeout(parent, 5*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Run(ctx); err != nil {
		Unavailable(t, fmt.Sprintf("Chromium %s did not start: %v", exe, err))
	}
	return ctx
}

func browserOptions(exe string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
		chromedp.ModifyCmdFunc(ownProcessGroup),
	)
}

// ownProcessGroup starts the browser in a process group of its own and,
// when its allocator is cancelled, kills the whole group: the browser,
// its zygotes, renderers and GPU process, and the browser behind a
// wrapper script that does not exec it ($CHROMIUM may name one), which
// would otherwise outlive the tests (see DrivenChromium). Pdeathsig, as
// chromedp sets it by default, takes the started process along should
// the test binary die first.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

// shared is the browser of a package whose tests run through Main.
var shared struct {
	on      bool
	once    sync.Once
	browser context.Context
	stop    func()
	err     error
}

func sharedBrowser(exe string) (context.Context, error) {
	shared.once.Do(func() {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(exe)...)
		ctx, cancel := chromedp.NewContext(actx)
		shared.browser, shared.stop = ctx, func() { cancel(); cancelAlloc() }
		shared.err = chromedp.Run(ctx)
	})
	return shared.browser, shared.err
}

// newPrivateTab opens a tab in a new browser context of the shared
// browser b, in a window of its own (headless Chromium opens no tab in a
// context that has no window), and closes both when the test ends. A
// second tab opened from the returned context (chromedp.NewContext) is in
// the same browser context, with the same storage.
func newPrivateTab(t testing.TB, b context.Context) (context.Context, error) {
	var id cdp.BrowserContextID
	var tab target.ID
	err := chromedp.Run(b, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		browser := cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser)
		if id, err = target.CreateBrowserContext().WithDisposeOnDetach(true).Do(browser); err != nil {
			return err
		}
		tab, err = target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(browser)
		return err
	}))
	if err != nil {
		return nil, err
	}
	ctx, cancel := chromedp.NewContext(b, chromedp.WithTargetID(tab))
	chromedp.FromContext(ctx).BrowserContextID = id // for the tabs opened from this one
	t.Cleanup(func() {
		cancel()
		chromedp.Run(b, chromedp.ActionFunc(func(ctx context.Context) error {
			return target.DisposeBrowserContext(id).Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
		}))
	})
	return ctx, nil
}

// Main runs a test package's tests (m.Run) with one browser shared by all
// of them (see Browser), and stops it after the last. It returns the exit
// code for os.Exit.
func Main(m *testing.M) int {
	shared.on = true
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	stopEngines()
	return code
}

// Watch records, for the browser in ctx, every request that leaves base
// and every console error or browser log error (CSP violations among them).
type Watch struct {
	mu       sync.Mutex
	base     string
	Foreign  []string
	Problems []string
	news     chan struct{} // closed when something is recorded
}

// NewWatch starts watching ctx's page.
func NewWatch(ctx context.Context, base string) *Watch {
	w := &Watch{base: base, news: make(chan struct{})}
	chromedp.ListenTarget(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		n := len(w.Foreign) + len(w.Problems)
		defer func() {
			if len(w.Foreign)+len(w.Problems) != n {
				close(w.news)
				w.news = make(chan struct{})
			}
		}()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			u, base := e.Request.URL, w.base
			if !strings.HasPrefix(u, base+"/") && u != base && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "about:") {
				w.Foreign = append(w.Foreign, u)
			}
		case *runtime.EventExceptionThrown:
			w.Problems = append(w.Problems, "exception: "+e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value))
				}
				w.Problems = append(w.Problems, fmt.Sprintf("console %s: %s", e.Type, strings.Join(parts, " ")))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError || e.Entry.Level == log.LevelWarning {
				w.Problems = append(w.Problems, fmt.Sprintf("%s %s: %s (%s)", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	return w
}

// setBase sets the site whose requests are not foreign.
func (w *Watch) setBase(base string) {
	w.mu.Lock()
	w.base = base
	w.mu.Unlock()
}

// Take returns and clears what was recorded.
func (w *Watch) Take() (foreign, problems []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	foreign, problems = w.Foreign, w.Problems
	w.Foreign, w.Problems = nil, nil
	return
}

// Await waits until a problem recorded since the last Take satisfies
// match, for d at most, and reports whether one did. It wakes on each
// thing recorded, not on a timer.
func (w *Watch) Await(d time.Duration, match func(problem string) bool) bool {
	timeout := time.After(d)
	for {
		w.mu.Lock()
		found := slices.ContainsFunc(w.Problems, match)
		news := w.news
		w.mu.Unlock()
		if found {
			return true
		}
		select {
		case <-news:
		case <-timeout:
			return false
		}
	}
}

// Enable turns on the domains Watch listens to.
func Enable() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := network.Enable().Do(ctx); err != nil {
			return err
		}
		if err := log.Enable().Do(ctx); err != nil {
			return err
		}
		return runtime.Enable().Do(ctx)
	})
}

// A4 in inches, as the DevTools protocol wants it.
const a4Width, a4Height = 8.27, 11.69

// PrintA4 prints the current page to PDF on A4, honouring the page's own
// @page rules, as a person pressing Ctrl+P would.
func PrintA4(pdf *[]byte) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		buf, _, err := page.PrintToPDF().
			WithPaperWidth(a4Width).WithPaperHeight(a4Height).
			WithPreferCSSPageSize(true).
			Do(ctx)
		*pdf = buf
		return err
	})
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// PDFPages counts the pages of a PDF as Chromium writes it.
func PDFPages(pdf []byte) int { return len(pdfPage.FindAll(pdf, -1)) }

// AxeViolation is one rule axe-core found broken.
type AxeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func (v AxeViolation) String() string {
	var targets []string
	for i, n := range v.Nodes {
		if i == 3 {
			targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
			break
		}
		targets = append(targets, fmt.Sprint(n.Target))
	}
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
}

// Axe runs axe-core's WCAG 2.1 A and AA rules on the current page. axe is
// injected through DevTools, which the page's Content-Security-Policy does
// not govern, so the page itself keeps its strict policy.
func Axe(t testing.TB, violations *[]AxeViolation) chromedp.Action {
	src, err := os.ReadFile(projecttest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Evaluate(string(src), nil).Do(ctx); err != nil {
			return fmt.Errorf("inject axe-core: %w", err)
		}
		var raw json.RawMessage
		run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => r.violations)`
		err := chromedp.Evaluate(run, &raw, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}).Do(ctx)
		if err != nil {
			return fmt.Errorf("run axe-core: %w", err)
		}
		return json.Unmarshal(raw, violations)
	})
}

// Downloads catches the files a page downloads (exports, calendar files)
// as a person's browser would save them, and hands them to Next one by
// one, in the order they finished.
type Downloads struct {
	done chan Download
	// pull, for an engine whose automation protocol reports no downloads,
	// takes the files the page handed over since it last asked.
	pull  func() ([]Download, error)
	queue []Download
}

func newDownloads() *Downloads { return &Downloads{done: make(chan Download, 16)} }

// CatchDownloads lets the browser in ctx download into a fresh directory
// and reports each finished download to Next.
func CatchDownloads(t testing.TB, ctx context.Context) *Downloads {
	t.Helper()
	dir := t.TempDir()
	d := newDownloads()
	var mu sync.Mutex
	names := map[string]string{} // download id → the file name the page suggested
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *browser.EventDownloadWillBegin:
			mu.Lock()
			names[e.GUID] = e.SuggestedFilename
			mu.Unlock()
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				mu.Lock()
				name := names[e.GUID]
				mu.Unlock()
				// read outside the listener, which must not block
				go func() {
					body, err := os.ReadFile(filepath.Join(dir, e.GUID))
					d.done <- Download{Name: name, Body: body, err: err}
				}()
			}
		}
	})
	// In a browser context of its own (see Browser) the downloads are
	// that context's, so tests running side by side catch only their own.
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		return browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
			WithDownloadPath(dir).WithEventsEnabled(true).
			WithBrowserContextID(chromedp.FromContext(ctx).BrowserContextID).Do(ctx)
	}))
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	return d
}

// Next waits for the next finished download and returns its suggested
// file name and its contents.
func (d *Downloads) Next(t testing.TB) (name string, body []byte) {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		if d.pull != nil {
			got, err := d.pull()
			if err != nil {
				t.Fatalf("reading the downloads: %v", err)
			}
			d.queue = append(d.queue, got...)
			if len(d.queue) > 0 {
				dl := d.queue[0]
				d.queue = d.queue[1:]
				return dl.Name, dl.Body
			}
		}
		select {
		case dl := <-d.done:
			if dl.err != nil {
				t.Fatal(dl.err)
			}
			return dl.Name, dl.Body
		case <-timeout:
			t.Fatal("no download finished within 15 s")
			return "", nil
		case <-d.tick():
		}
	}
}

// tick paces the asking of an engine whose downloads are pulled; for
// the others Next waits on the downloads themselves.
func (d *Downloads) tick() <-chan time.Time {
	if d.pull == nil {
		return nil
	}
	return time.After(50 * time.Millisecond)
}

// PDFText extracts the text of a PDF with poppler-utils' pdftotext, in
// reading order.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		Unavailable(t, "pdftotext is missing (apt-get install poppler-utils)")
	}
	cmd := exec.Command(exe, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// PDFPageTexts is PDFText page by page (pdftotext ends each page with a
// form feed).
func PDFPageTexts(t testing.TB, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(PDFText(t, pdf), "\f")
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// CheckAccessibility runs axe-core over the given pages of the site built
// in dir and watches what
// they request and log; it returns the pages it checked.
func CheckAccessibility(t *testing.T, dir string, urls []string) map[string]bool {
	ctx := Browser(t)
	base := Serve(t, dir)
	watch := NewWatch(ctx, base)
	if err := chromedp.Run(ctx, Enable()); err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, u := range urls {
		var violations []AxeViolation
		err := chromedp.Run(ctx, chromedp.Navigate(base+u), chromedp.WaitReady("body"), Axe(t, &violations))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe: %s", u, v)
		}
		foreign, problems := watch.Take()
		for _, f := range foreign {
			t.Errorf("%s: requested another host: %s", u, f)
		}
		for _, p := range problems {
			if strings.Contains(p, "404") && strings.HasSuffix(u, "404.html") {
				continue
			}
			t.Errorf("%s: %s", u, p)
		}
		checked[u] = true
	}
	return checked
}

// CheckFamily runs CheckAccessibility over every page of one family of
// the site built in dir, shared out over two browser contexts that work
// side by side, and fails for any page of must that was not checked (a
// family that lost its pages must not pass for having nothing to check).
func CheckFamily(t *testing.T, dir, family string, must []string) {
	all := PagesOfFamily(t, dir, family)
	const shares = 2
	var mu sync.Mutex
	checked := map[string]bool{}
	t.Run(family, func(t *testing.T) {
		for i := range shares {
			t.Run(fmt.Sprint(i+1, "of", shares), func(t *testing.T) {
				t.Parallel()
				var share []string
				for j := i; j < len(all); j += shares {
					share = append(share, all[j])
				}
				got := CheckAccessibility(t, dir, share)
				mu.Lock()
				maps.Copy(checked, got)
				mu.Unlock()
			})
		}
	})
	for _, u := range must {
		if !checked[u] {
			t.Errorf("%s was not checked as one of the %s pages: is it built, and of that family?", u, family)
		}
	}
}
