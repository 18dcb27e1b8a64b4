// Package a11y holds no code: its three sub-packages run axe-core over
// every page of the built site, one family of pages each (reading pages,
// printouts, pages with drafts), so that go test runs them side by side
// and none of them takes the minutes that one package over all pages did.
package a11y
