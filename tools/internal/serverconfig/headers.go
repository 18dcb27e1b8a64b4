package serverconfig

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Class is a kind of response that gets its own policy and caching. Every
// file falls in exactly one class, by its path, in this order.
type Class int

const (
	// Fingerprinted assets carry a hash of their content in their name and
	// never change: cached for a year without asking again.
	Fingerprinted Class = iota
	// SVG images: a document of their own when opened directly, so they
	// get a policy that allows nothing but their own inline styles.
	SVG
	// HTML pages (a path ending in "/" or ".html"): the pages' policy and
	// frame-ancestors 'none', revalidated on every use.
	HTML
	// Other files (CSS, JS, JSON, XML, text, images): nothing to run,
	// nothing to frame, revalidated on every use.
	Other
)

var classNames = [...]string{"fingerprinted asset", "SVG image", "HTML page", "other file"}

func (c Class) String() string { return classNames[c] }

// Classes lists every class in matching order.
var Classes = []Class{Fingerprinted, SVG, HTML, Other}

// Path patterns of the classes, as regular expressions over the URL path
// (the same syntax for PCRE, RE2 and ECMAScript). A fingerprinted name is
// what Hugo's resources.Fingerprint writes: name.<hex digest>.css or .js,
// 64 hex digits for SHA-256, 96 for SHA-384 (what the site uses, as its
// integrity attributes do), 128 for SHA-512. Widen the extensions here when
// other assets get fingerprinted; every server's configuration follows.
const (
	FingerprintedPattern = `\.(?:[0-9a-f]{32}){2,4}\.(?:css|js)$`
	SVGPattern           = `\.svg$`
	HTMLPattern          = `(?:/|\.html)$`
	// HiddenPattern matches a path with a segment that starts with a dot:
	// the output's marker (.gesprekswijzer-output.json, which lists every
	// file and the digest of the inputs), lock files and anything an
	// editor or a copy left hidden. None is part of the site, and every
	// server answers 404 for them, as for a page that does not exist.
	// .well-known is not excepted: the site publishes nothing there.
	HiddenPattern = `/\.`
)

// ClassOf returns the class of a URL path, as every server decides it.
func ClassOf(path string) Class {
	for _, c := range []struct {
		re    *regexp.Regexp
		class Class
	}{{fingerprintedRE, Fingerprinted}, {svgRE, SVG}, {htmlRE, HTML}} {
		if c.re.MatchString(path) {
			return c.class
		}
	}
	return Other
}

var (
	fingerprintedRE = regexp.MustCompile(FingerprintedPattern)
	svgRE           = regexp.MustCompile(SVGPattern)
	htmlRE          = regexp.MustCompile(HTMLPattern)
)

// Cache-Control values.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
	otherPolicy     = "default-src 'none'; frame-ancestors 'none'; sandbox"
	svgPolicy       = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
	frameAncestors  = "frame-ancestors 'none'"
)

// Denied lists the browser features the site never uses; the
// Permissions-Policy turns each off for the site and any frame in it.
// Only names current browsers know: interest-cohort (FLoC, withdrawn in
// 2022) protects nothing any more and shows as a header error in
// developer tools; browsing-topics is its successor. TestPoliciesInChromium
// loads pages with this header and fails on any console error.
var Denied = []string{
	"accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
	"encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
	"idle-detection", "magnetometer", "microphone", "midi", "payment",
	"picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
	"serial", "usb", "xr-spatial-tracking",
}

// PermissionsPolicy is the Permissions-Policy header's value.
func PermissionsPolicy() string {
	parts := make([]string, len(Denied))
	for i, f := range Denied {
		parts[i] = f + "=()"
	}
	return strings.Join(parts, ", ")
}

// Header is one response header.
type Header struct{ Name, Value string }

// PagePolicyHeader is the pages' policy as the header sends it: the meta
// tag's directives plus frame-ancestors 'none'.
func (s *Site) PagePolicyHeader() string {
	return strings.Join(append(slices.Clone(s.PagePolicy), frameAncestors), "; ")
}

// Common are the headers of every response.
func Common() []Header {
	return []Header{
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
		{"Permissions-Policy", PermissionsPolicy()},
		{"Cross-Origin-Opener-Policy", "same-origin"},
		{"Cross-Origin-Resource-Policy", "same-origin"},
		{"X-Frame-Options", "DENY"}, // frame-ancestors for browsers that predate it
	}
}

// ClassHeaders are the headers that differ by class: the policy and caching.
func (s *Site) ClassHeaders(c Class) []Header {
	policy, cache := otherPolicy, CacheRevalidate
	switch c {
	case Fingerprinted:
		cache = CacheImmutable
	case SVG:
		policy = svgPolicy
	case HTML:
		policy = s.PagePolicyHeader()
	}
	return []Header{{"Content-Security-Policy", policy}, {"Cache-Control", cache}}
}

// Headers are all headers of a class.
func (s *Site) Headers(c Class) []Header { return append(Common(), s.ClassHeaders(c)...) }

// MediaType is the type a file extension is served with.
type MediaType struct {
	Ext, Type string
	Text      bool // sent with "; charset=utf-8"
}

// Types are the media types of every kind of file the site has or may
// get, set by the configuration rather than left to the host's defaults
// (Debian's mime.types calls .js application/javascript; many hosts know
// no .ics or .webmanifest).
var Types = []MediaType{
	{"html", "text/html", true},
	{"css", "text/css", true},
	{"js", "text/javascript", true},
	{"mjs", "text/javascript", true},
	{"json", "application/json", false},
	{"webmanifest", "application/manifest+json", false},
	{"svg", "image/svg+xml", false},
	{"png", "image/png", false},
	{"jpg", "image/jpeg", false},
	{"jpeg", "image/jpeg", false},
	{"webp", "image/webp", false},
	{"ico", "image/x-icon", false},
	{"woff2", "font/woff2", false},
	{"ics", "text/calendar", true},
	{"xml", "application/xml", false},
	{"txt", "text/plain", true},
}

// ContentType is the full Content-Type of a media type.
func (m MediaType) ContentType() string {
	if m.Text {
		return m.Type + "; charset=utf-8"
	}
	return m.Type
}

// TypeOf returns the media type of a file name, if the site knows it.
func TypeOf(name string) (MediaType, bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return MediaType{}, false
	}
	ext := strings.ToLower(name[i+1:])
	for _, t := range Types {
		if t.Ext == ext {
			return t, true
		}
	}
	return MediaType{}, false
}

// Options say what to write.
type Options struct {
	Server  string // one of Servers
	Root    string // the folder of the site's files on the server; "" for the placeholder
	Command string // the command line that wrote it, for the header comment
}

// Write writes the configuration for o.Server.
func Write(w io.Writer, s *Site, o Options) error {
	if o.Root == "" {
		o.Root = s.DefaultRoot()
	}
	o.Root = strings.TrimSuffix(o.Root, "/")
	if o.Root == "" {
		o.Root = "/"
	}
	if err := CheckRoot(o.Root); err != nil {
		return err
	}
	var out string
	var err error
	switch o.Server {
	case "nginx":
		out, err = nginx(s, o)
	case "apache":
		out, err = apache(s, o)
	case "caddy":
		out, err = caddy(s, o)
	case "iis":
		out, err = iis(s, o)
	default:
		return fmt.Errorf("unknown server %q: choose one of %s", o.Server, strings.Join(Servers, ", "))
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out)
	return err
}

// notFound lists the 404 pages: for each folder (the base path, then
// each language's folder), the page's URL path. Longer folders first, so
// that a server that takes the first match finds the language's page.
func (s *Site) notFound() (folders, pages []string) {
	for _, l := range s.Languages {
		folders = append(folders, s.BasePath+l+"/")
		pages = append(pages, s.BasePath+l+"/404.html")
	}
	return append(folders, s.BasePath), append(pages, s.BasePath+"404.html")
}

// intro is the header comment shared by every server's file, each line
// to be prefixed with the server's comment marker.
func intro(s *Site, o Options, server, install string) []string {
	lines := []string{
		"Gesprekswijzer: " + server + " configuration, generated by",
		"  " + o.Command,
		"from " + strings.Join(s.Sources, " and ") + ". Generate it again after changing those files.",
		"",
	}
	if server != "IIS" {
		lines = append(lines,
			"Serves the site under "+s.BasePath+" from "+o.Root+",",
			"the folder holding the built site's index.html (from `build -o` or",
			"`variants -o`; -root sets it). Its files must be readable by the server.",
			"")
	}
	lines = append(lines, strings.Split(install, "\n")...)
	lines = append(lines, "",
		"Every response: X-Content-Type-Options, Referrer-Policy, Permissions-Policy,",
		"Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy, X-Frame-Options.",
		"By path, first match wins:",
		"  pages (*/, *.html):      the pages' Content-Security-Policy (config.toml",
		"                           params.csp) + frame-ancestors 'none'; no-cache",
		"  fingerprinted (name.<hex digest>.css|js): immutable, cached for a year",
		"  SVG (*.svg):             "+svgPolicy+"; no-cache",
		"  everything else:         "+otherPolicy+"; no-cache",
		"Unknown paths get the site's 404 page with status 404; no directory listings.",
	)
	return lines
}

// comment prefixes each line with marker. A control character (a line
// break in a folder's name) becomes "?": a comment must not end early.
func comment(lines []string, marker string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 {
				return '?'
			}
			return r
		}, l)
		b.WriteString(strings.TrimRight(marker+" "+l, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// quote double-quotes v for a configuration syntax. Quoted strings
// differ: nginx reads \\ as one backslash, Apache and Caddy only \",
// and each gives its own runes a meaning inside quotes (forbidden: nginx's
// "$" variables, Caddy's "{}" placeholders, Apache's "%" and "${}"). So a
// value holding a quote, a backslash, a control character or a forbidden
// rune is refused rather than escaped: the values were allow-listed before,
// and this is the last guard.
func quote(v, forbidden string) (string, error) {
	for _, r := range v {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' || strings.ContainsRune(forbidden, r) {
			return "", fmt.Errorf("value %q cannot be written safely (it holds %q)", v, r)
		}
	}
	return `"` + v + `"`, nil
}
