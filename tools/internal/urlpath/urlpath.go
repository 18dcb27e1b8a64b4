// Package urlpath holds the one rule for a site's base path: the path of
// its address (config.toml's baseURL, an org.toml's base_url), which the
// built site's links and every web server's configuration carry. It is
// one rule so that an address one command accepts no other refuses: org
// validation (variants, serve -org) and server-config both use it.
package urlpath

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// A base path: segments of unreserved URL characters, ending in "/".
// Anything else (quotes, spaces, "%", "$", "{") could break out of a
// server's syntax, so it is refused rather than escaped.
var basePathPattern = regexp.MustCompile(`^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$`)

// BasePath returns the path of a base URL ("https://host/a/b/" or "/a/b")
// as "/a/b/", or an error if it is not a safe, plain path.
func BasePath(baseURL string) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("base URL %q does not parse: %v", baseURL, err)
	}
	if u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("base URL %q is not an http(s) address", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
		return "", fmt.Errorf("base URL %q has a query, fragment, user or opaque part", baseURL)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("base path %q has a %q segment", p, seg)
		}
	}
	if !basePathPattern.MatchString(p) {
		return "", fmt.Errorf("base path %q may hold only letters, digits and . _ ~ - in its segments", p)
	}
	return p, nil
}

// Fix is what to do about an address BasePath refused.
const Fix = `write the site's address with a plain path (letters, digits and . _ ~ - in its segments), e.g. "https://intranet.example.org/gesprekken/" or "/"`
