// Package engines holds no code: its sub-packages run what a reader does
// with a form once in each browser engine, Chromium, Firefox ESR and
// WebKit (sitetest.EachEngine): drafts (reload, two tabs, fast typing,
// storage kept), files (export and import, merge, sign-off, calendar,
// "My conversations", backup and restore) and pages (print, reflow,
// axe-core, layout shift). Three packages, so that go test runs them side
// by side and none nears its time limit. The other browser test packages
// run in Chromium only, with DevTools; these use only what all three
// engines can be driven to do, and where an engine lacks something the
// page uses or the test measures, they assert what the page does without
// it, or say that it cannot be measured there.
package engines
