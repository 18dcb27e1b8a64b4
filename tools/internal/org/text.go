package org

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// text checks a text that reaches pages (a name, a word, a question): at
// most max characters, and none of the characters that make text look
// different from what it is (control characters, bidirectional
// overrides and isolates, line separators). It returns s, or "" after
// reporting what is wrong with it. The text itself is never interpreted:
// templates, shortcodes and Markdown in it stay text (see package variants).
func (v *validator) text(at, s string, max int) string {
	if s == "" {
		return ""
	}
	ok := true
	if n := utf8.RuneCountInString(s); n > max {
		v.add(at, fmt.Sprintf("shorten it to at most %d characters", max), "%s is %d characters long; at most %d", at, n, max)
		ok = false
	}
	for i, r := range []rune(s) {
		if what := invisible(r); what != "" {
			fix := "remove it: such characters make a text read differently from how it is stored"
			if r == '\n' || r == '\r' || r == '\t' {
				fix = "write it on one line, with spaces only"
			}
			v.add(at, fix, "%s holds %s (U+%04X) at character %d", at, what, r, i+1)
			ok = false
			break
		}
	}
	if ok && strings.TrimFunc(s, blank) == "" {
		v.add(at, "write the text, or leave the key out", "%s is blank: it shows as nothing", at)
		ok = false
	}
	if !ok {
		return ""
	}
	return s
}

// invisible names a character a text may not hold, or returns "".
func invisible(r rune) string {
	switch {
	case r == '\n', r == '\r':
		return "a line break"
	case r == '\t':
		return "a tab"
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return "a control character"
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return "a bidirectional mark"
	case r >= 0x202a && r <= 0x202e:
		return "a bidirectional embedding or override"
	case r >= 0x2066 && r <= 0x2069:
		return "a bidirectional isolate"
	case r == 0x2028, r == 0x2029:
		return "a line or paragraph separator"
	case r == 0xfeff, r >= 0xfff9 && r <= 0xfffb:
		return "an invisible formatting character"
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return "a noncharacter"
	case r == 0x3164, r == 0x115f, r == 0x1160, r == 0xffa0:
		return "a Hangul filler, which displays as nothing"
	case unicode.Is(unicode.Cf, r):
		// Soft hyphen, zero-width space and joiners, word joiner, tags…:
		// invisible, yet they make two texts that look the same differ.
		return "an invisible formatting character (Unicode category Cf)"
	case r == 0x034f, r == 0x17b4, r == 0x17b5, r >= 0x180b && r <= 0x180f:
		return "a character that displays as nothing"
	}
	return ""
}

// blank: a character that shows as empty space (the braille blank too).
func blank(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || r == 0x2800
}

var (
	hostLabel = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	pathPart  = regexp.MustCompile(`^([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*$`)
)

// checkURL says what is wrong with an address the site links to or lives
// at, or returns "": it must be an absolute http(s) address with a host
// and no user name or password (https://intranet@evil.example/ reads as
// the intranet but is not), no "." or ".." segment, also not percent-
// encoded, no encoded slash and, if !query, neither query nor fragment.
func checkURL(s string, query bool) string {
	const notAbsolute = "is not an absolute http(s) address"
	if len(s) > MaxURL {
		return fmt.Sprintf("is longer than %d characters", MaxURL)
	}
	for _, r := range s {
		if r <= ' ' || r >= 0x7f {
			return "holds a space, a control character or a character outside ASCII (write it percent-encoded, and the host in punycode)"
		}
	}
	if strings.Contains(s, `\`) {
		return "holds a backslash"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" {
		return notAbsolute
	}
	if u.User != nil {
		return "holds a user name or password (…@): the address would not lead where it seems to"
	}
	if u.Host == "" {
		return notAbsolute
	}
	if problem := checkHost(u.Host); problem != "" {
		return problem
	}
	if !query && (u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(s, "?#")) {
		return "has a query (?…) or fragment (#…), which a site's address cannot have"
	}
	raw := u.EscapedPath()
	for seg := range strings.SplitSeq(strings.TrimPrefix(raw, "/"), "/") {
		dec, err := url.PathUnescape(seg)
		switch {
		case !pathPart.MatchString(seg) || err != nil:
			return fmt.Sprintf("has the path segment %q, which is not plainly written", seg)
		case dec == "." || dec == "..":
			return fmt.Sprintf("has the path segment %q, which climbs out of the path", seg)
		case strings.ContainsAny(dec, `/\`):
			return fmt.Sprintf("has the path segment %q, which hides a slash", seg)
		}
	}
	return ""
}

func checkHost(host string) string {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, ""
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("has the port %q, which is not a port", port)
		}
	}
	if strings.HasPrefix(name, "[") || strings.Contains(name, ":") {
		if ip := net.ParseIP(strings.Trim(name, "[]")); ip == nil {
			return fmt.Sprintf("has the host %q, which is not a host name", name)
		}
		return ""
	}
	for label := range strings.SplitSeq(strings.TrimSuffix(name, "."), ".") {
		if !hostLabel.MatchString(label) {
			return fmt.Sprintf("has the host %q, which is not a host name", name)
		}
	}
	return ""
}
