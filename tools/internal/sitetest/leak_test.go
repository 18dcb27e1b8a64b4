package sitetest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLeavesNoProcess: a Chromium started with the options of
// every test's browser leaves no process behind once its allocator is
// cancelled, as Main and Browser's cleanup cancel it. Through Debian's
// /usr/bin/chromium-headless-shell, a script that does not exec the
// browser, the browser lived on: after four runs of go test ./... on one
// machine 89 were left, holding all 128 inotify instances a user may
// have, and the command's preview tests failed (issue 18).
func TestBrowserLeavesNoProcess(t *testing.T) {
	t.Parallel()
	for _, exe := range []string{DrivenChromium(t), "/usr/bin/chromium-headless-shell"} {
		if _, err := os.Stat(exe); err != nil {
			continue // the wrapper is Debian's; elsewhere there is none to try
		}
		profile := t.TempDir()
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(browserOptions(exe), chromedp.UserDataDir(profile))...)
		ctx, cancel := chromedp.NewContext(actx)
		if err := chromedp.Run(ctx); err != nil {
			cancel()
			cancelAlloc()
			Unavailable(t, "Chromium "+exe+" did not start: "+err.Error())
		}
		if len(processesWith(profile)) == 0 {
			t.Fatalf("%s: no process names its profile %s; the test cannot see the browser", exe, profile)
		}
		cancel()
		cancelAlloc()
		// Killed processes go at once, but the kernel reports it when
		// their parent has collected them: poll, 30 s at most.
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			left := processesWith(profile)
			if len(left) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s: 30 s after the browser was stopped, %d of its processes still run: %q", exe, len(left), left)
				break
			}
		}
	}
}

// processesWith lists the command lines of the running processes that
// name profile as their user data directory.
func processesWith(profile string) []string {
	want := []byte("--user-data-dir=" + profile + "\x00")
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var found []string
	for _, f := range cmdlines {
		b, err := os.ReadFile(f)
		if err == nil && bytes.Contains(b, want) {
			found = append(found, string(bytes.ReplaceAll(b, []byte{0}, []byte{' '})))
		}
	}
	return found
}
