package sitetest

import (
	"context"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumTab is a tab of the shared headless Chromium (see Browser),
// driven through the DevTools protocol with chromedp: clicks and keys go
// through Input.dispatchMouseEvent and Input.dispatchKeyEvent, the
// browser's own input pipeline.
type chromiumTab struct {
	t        *testing.T
	ctx      context.Context
	watch    *Watch
	dl       *Downloads
	contexts chan struct{} // told when a page's script context is created

	mu      sync.Mutex
	dialogs []string // confirm() messages seen
	accept  bool     // the answer to the next confirm()
}

func openChromium(t *testing.T) (Tab, error) {
	ctx := Browser(t) // skips or fails the test itself when Chromium is missing
	tab := newChromiumTab(t, ctx)
	tab.dl = CatchDownloads(t, ctx)
	return tab, nil
}

func newChromiumTab(t *testing.T, ctx context.Context) *chromiumTab {
	t.Helper()
	c := &chromiumTab{t: t, ctx: ctx, contexts: make(chan struct{}, 1)}
	c.watch = NewWatch(ctx, "")
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*runtime.EventExecutionContextCreated); ok {
			select {
			case c.contexts <- struct{}{}:
			default:
			}
		}
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			c.mu.Lock()
			c.dialogs = append(c.dialogs, e.Message)
			accept := c.accept
			c.mu.Unlock()
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(accept))
		}
	})
	if err := chromedp.Run(ctx, Enable()); err != nil {
		t.Fatal(err)
	}
	return c
}

// run runs actions with the tab brought to the front: a tab in the
// background gets no frames, and typing into it would wait forever.
func (c *chromiumTab) run(actions ...chromedp.Action) error {
	return chromedp.Run(c.ctx, append([]chromedp.Action{page.BringToFront()}, actions...)...)
}

func (c *chromiumTab) Navigate(url string) error { return c.run(chromedp.Navigate(url)) }
func (c *chromiumTab) Reload() error             { return c.run(chromedp.Reload()) }
func (c *chromiumTab) Front() error              { return c.run() }
func (c *chromiumTab) Downloads() *Downloads     { return c.dl }

func (c *chromiumTab) Eval(expr string, out any) error {
	return c.run(chromedp.Evaluate(expr, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

func (c *chromiumTab) Click(sel string) error { return c.run(chromedp.Click(sel, chromedp.ByQuery)) }
func (c *chromiumTab) Focus(sel string) error { return c.run(chromedp.Focus(sel, chromedp.ByQuery)) }

func (c *chromiumTab) Keys(sel, text string) error {
	return c.run(chromedp.SendKeys(sel, text, chromedp.ByQuery))
}

func (c *chromiumTab) SetFiles(sel string, paths []string) error {
	return c.run(chromedp.SetUploadFiles(sel, paths, chromedp.ByQuery))
}

// NewTab opens a tab in the same browser context (chromedp.NewContext
// from this tab's context); its downloads are the first tab's to catch.
func (c *chromiumTab) NewTab() (Tab, error) {
	ctx, cancel := chromedp.NewContext(c.ctx)
	c.t.Cleanup(cancel)
	return newChromiumTab(c.t, ctx), nil
}

func (c *chromiumTab) PrintA4() ([]byte, error) {
	var pdf []byte
	err := c.run(PrintA4(&pdf))
	return pdf, err
}

// SetViewport emulates a phone of w × h CSS px: mobile, so the page's
// viewport meta applies as on a phone.
func (c *chromiumTab) SetViewport(w, h int) error {
	return c.run(emulation.SetDeviceMetricsOverride(int64(w), int64(h), 1, true))
}

func (c *chromiumTab) AnswerConfirm(accept bool) {
	c.mu.Lock()
	c.accept = accept
	c.mu.Unlock()
}

func (c *chromiumTab) Dialogs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.dialogs...)
}

var _ Tab = (*chromiumTab)(nil)
