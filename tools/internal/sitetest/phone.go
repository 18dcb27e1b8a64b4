package sitetest

import (
	"context"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Viewport emulates a phone (or a desktop window at zoom) of w × h CSS px:
// mobile, so the page's viewport meta applies as on a phone.
func Viewport(w, h int64) chromedp.Action {
	return emulation.SetDeviceMetricsOverride(w, h, 1, true)
}

// Sideways returns how far a page scrolls sideways: the document's width
// beyond the viewport, in CSS px (0 is right).
func Sideways(ctx context.Context) (int, error) {
	var over int
	// innerWidth grows with the content on an emulated phone; the layout
	// viewport (clientWidth) is the screen's width.
	err := chromedp.Evaluate(`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth`, &over).Do(ctx)
	return over, err
}
