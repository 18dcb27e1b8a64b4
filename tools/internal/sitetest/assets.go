package sitetest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// fingerprinted is a file name that carries its content's hash, as Hugo's
// resources.Fingerprint writes it (SHA-256, -384 or -512 in hex).
var fingerprinted = regexp.MustCompile(`\.([0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})\.(css|js)$`)

// AssetsOf returns, for every page of a built site served under base
// ("/" or a variant's base path), the stylesheets and scripts it loads:
// their path in dir → integrity.
func AssetsOf(t testing.TB, dir, base string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for u, p := range Pages(t, dir) {
		out[u] = map[string]string{}
		p.Doc.Find(`link[rel=stylesheet], script[src]`).Each(func(_ int, s *goquery.Selection) {
			ref := s.AttrOr("href", s.AttrOr("src", ""))
			target, external := Resolve(u, ref)
			if external {
				t.Errorf("%s loads %s from another host", u, ref)
				return
			}
			out[u][strings.TrimPrefix(target, strings.TrimSuffix(base, "/"))] = s.AttrOr("integrity", "")
		})
	}
	return out
}

// CheckAssets asserts that every stylesheet and script every page of the
// built site in dir (served under base) loads has a fingerprinted name and
// an integrity that matches the file, and that no page has inline style.
func CheckAssets(t testing.TB, dir, base string) {
	t.Helper()
	sheets := 0
	for u, assets := range AssetsOf(t, dir, base) {
		for target, integrity := range assets {
			if !fingerprinted.MatchString(target) {
				t.Errorf("%s loads %s, whose name carries no fingerprint", u, target)
			}
			if strings.HasSuffix(target, ".css") {
				sheets++
			}
			if want := SRI(t, filepath.Join(dir, filepath.FromSlash(target))); integrity != want {
				t.Errorf("%s: %s has integrity %q, the file's hash is %q", u, target, integrity, want)
			}
		}
	}
	if sheets == 0 {
		t.Fatal("no page loads a stylesheet: this test checks nothing")
	}
	for u, p := range Pages(t, dir) {
		if n := p.Doc.Find("style, [style]").Length(); n > 0 {
			t.Errorf("%s has %d inline styles", u, n)
		}
	}
}
