package urlpath_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/urlpath"
)

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                                   "/",
		"":                                    "/",
		"https://intranet.example.org":        "/",
		"https://intranet.example.org/":       "/",
		"https://intranet.example.org/hr":     "/hr/",
		"http://host:8080/a/b-c/d_e.f~g/":     "/a/b-c/d_e.f~g/",
		"/gesprekken":                         "/gesprekken/",
		"https://intranet.example.org/Hr/Gw/": "/Hr/Gw/",
	} {
		got, err := urlpath.BasePath(in)
		if err != nil || got != want {
			t.Errorf("BasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"https://host/a/../b/", "https://host/./", "https://host/a b/", "https://host/a%20b/",
		`https://host/a"b/`, "https://host/a'b/", "https://host/$x/", "https://host/{x}/",
		"https://host/a;b/", "https://host/a/?q=1", "https://host/a/#top", "ftp://host/a/",
		"https://user@host/a/", "javascript:alert(1)", "https://host//a/", "https://host/.hidden/",
		"https://host/a\\b/", "https://host/%0a/",
	} {
		if got, err := urlpath.BasePath(in); err == nil {
			t.Errorf("BasePath(%q) = %q, want an error", in, got)
		}
	}
}

// FuzzBasePath: whatever base URL comes in, an accepted path holds only
// characters no server syntax gives a meaning to, and no dot segment.
func FuzzBasePath(f *testing.F) {
	for _, s := range []string{"/", "https://h/a/b/", "/a/../b", "https://h/a%2e%2e/", `/"x`} {
		f.Add(s)
	}
	safe := regexp.MustCompile(`^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$`)
	f.Fuzz(func(t *testing.T, in string) {
		p, err := urlpath.BasePath(in)
		if err != nil {
			return
		}
		if !safe.MatchString(p) || strings.Contains(p, "/../") || strings.Contains(p, "/./") {
			t.Fatalf("BasePath(%q) accepted %q", in, p)
		}
	})
}
