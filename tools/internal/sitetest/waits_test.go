package sitetest

import (
	"strings"
	"testing"
	"time"
)

// TestWaitSurvivesAThrowingExpression: a wait whose expression throws
// on one try (a page half parsed: JSON.parse of a config script whose
// text has not all arrived) goes on polling and ends when the expression
// is true. chromedp's poll alone stopped on such a throw and never
// answered, so a test hung until its deadline. An expression that always
// throws ends at the wait's timeout with what it throws.
func TestWaitSurvivesAThrowingExpression(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.open(nlForm)
	waited := make(chan error, 1)
	go func() {
		waited <- f.Form.poll(`(window.gwTries = (window.gwTries || 0) + 1) == 2 ? JSON.parse("") : window.gwTries > 3`)
	}()
	select {
	case err := <-waited:
		if err != nil {
			t.Fatalf("the wait ended without the expression coming true: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the wait still had not ended after 60 s: an expression that threw once stopped the polling")
	}
	err := f.Form.poll(`JSON.parse("")`)
	if err == nil || !strings.Contains(err.Error(), "throws") || !strings.Contains(err.Error(), "JSON") {
		t.Errorf("a wait on an expression that always throws ended with %v, want a timeout that says what it throws", err)
	}
}
