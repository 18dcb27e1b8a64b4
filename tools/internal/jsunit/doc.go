// Package jsunit runs the unit tests of the site's pure JavaScript modules
// (storage, merge, fingerprint, calendar, record, backup: assets/js/lib;
// and form/firstframe.js, given fake frames and timers)
// with Node's built-in test runner, from go test. The modules that touch
// the page are tested in a browser (tools/internal/sitetest).
package jsunit
