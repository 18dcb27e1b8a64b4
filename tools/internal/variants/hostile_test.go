//go:build unix

package variants

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// hostileBase is a valid organisation; each hostile case changes one
// thing in it. Its line numbers are the ones the cases expect.
const hostileBase = `name = "Hostile"
base_url = "https://intranet.example.org/gesprekken/"
languages = ["nl"]
methods = ["planningsgesprek"]

[brand]
logo = "logo.svg"
primary = "#0b4f8a"
accent = "#f2b705"

[contact]
name = "Team HR"
email = "hr@example.org"
url = "https://intranet.example.org/hr"

[terms.nl]
leidinggevende = "teamleider"

[[questions]]
method = "planningsgesprek"
agenda = "resultaten"
asks = "manager"
nl = "Wat wil je dit jaar leren?"
`

const hostileLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#0b4f8a"/></svg>`

// hostileCase is one organisation folder written by someone careless or
// hostile. It is either refused (message set: a problem with that file,
// line, message and fix, and nothing written), or built, and then proven
// safe: none of absent appears in any byte of the output, and shown
// checks that the text arrived as text.
type hostileCase struct {
	name  string
	edit  []string          // pairs: replace old by new in hostileBase
	files map[string][]byte // files to write into the folder
	setup func(t *testing.T, dir string)

	file          string // the refused file, relative to the folder ("" the folder itself)
	line          int
	message, fix  string
	absent        []string // in no byte of the output
	markup        string   // in no element but as text (see noMarkup)
	shown         func(t *testing.T, docs map[string]*goquery.Document)
	alsoBilingual bool
}

func svgFile(body string) map[string][]byte {
	return map[string][]byte{"logo.svg": []byte(body)}
}

func pngLogo(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 13)
	}
	img.Set(0, 0, color.NRGBA{1, 2, 3, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngChunk inserts a chunk before IEND.
func pngChunk(data []byte, typ, body string) []byte {
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, uint32(len(body)))
	c.WriteString(typ + body)
	binary.Write(&c, binary.BigEndian, crc32.ChecksumIEEE([]byte(typ+body)))
	end := len(data) - 12
	return slices.Concat(data[:end], c.Bytes(), data[end:])
}

func hostileCases(t *testing.T) []hostileCase {
	logo := pngLogo(t)
	var bomb bytes.Buffer
	png.Encode(&bomb, image.NewGray(image.Rect(0, 0, 8000, 8000)))
	pngOrg := []string{`logo = "logo.svg"`, `logo = "logo.png"`}
	textIn := func(sel, want string) func(*testing.T, map[string]*goquery.Document) {
		return func(t *testing.T, docs map[string]*goquery.Document) {
			found := false
			for u, d := range docs {
				d.Find(sel).Each(func(_ int, s *goquery.Selection) {
					if strings.Contains(s.Text(), want) {
						found = true
					}
				})
				_ = u
			}
			if !found {
				t.Errorf("%q is not shown as text in %s on any page", want, sel)
			}
		}
	}
	allOf := func(checks ...func(*testing.T, map[string]*goquery.Document)) func(*testing.T, map[string]*goquery.Document) {
		return func(t *testing.T, docs map[string]*goquery.Document) {
			for _, c := range checks {
				c(t, docs)
			}
		}
	}
	fifo := func(name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, name))
			if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return []hostileCase{
		// --- SVG: parsed and written out again; what can act is refused.
		{name: "SVG: script in a DTD entity", files: svgFile("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;alert('PWNED')&#60;/script&#62;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>"),
			file: "logo.svg", line: 2, message: "<!DOCTYPE> is not allowed", fix: "remove the <!DOCTYPE"},
		{name: "SVG: external entity reading a file", files: svgFile("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>"),
			file: "logo.svg", line: 1, message: "<!DOCTYPE> is not allowed", fix: "remove the <!DOCTYPE"},
		{name: "SVG: url() to another host in a style attribute", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"4\" height=\"4\"\n style=\"fill: url(https://evil.example/PWNED)\"/></svg>"),
			file: "logo.svg", line: 3, message: "attribute style of <rect> refers to url(https://evil.example/PWNED)", fix: "url(#id)"},
		{name: "SVG: @import in a style element", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>\n@import 'https://evil.example/PWNED.css';</style></svg>"),
			file: "logo.svg", line: 2, message: "@import in <style> is not allowed", fix: "without @-rules"},
		{name: "SVG: href written with character references", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<use href=\"&#x68;&#x74;tps://evil.example/PWNED.svg#a\"/></svg>"),
			file: "logo.svg", line: 2, message: `attribute href of <use> refers to "https://evil.example/PWNED.svg#a"`, fix: `href="#id"`},
		{name: "SVG: <use> of another file", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\n<use xlink:href=\"sprites.svg#PWNED\"/></svg>"),
			file: "logo.svg", line: 3, message: "refers to \"sprites.svg#PWNED\", which is not an element of this image", fix: `href="#id"`},
		{name: "SVG: script in the XHTML namespace", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:h=\"http://www.w3.org/1999/xhtml\">\n<h:script>alert('PWNED')</h:script></svg>"),
			file: "logo.svg", line: 2, message: "<script> belongs to another namespace (http://www.w3.org/1999/xhtml)", fix: "plain SVG"},
		{name: "SVG: script element", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('PWNED')</script></svg>"),
			file: "logo.svg", line: 1, message: "<script> can run code", fix: "cannot run code"},
		{name: "SVG: event attribute", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"\n onload=\"alert('PWNED')\"/>"),
			file: "logo.svg", line: 2, message: "attribute onload of <svg> is an event handler", fix: "cannot run code"},
		{name: "SVG: foreignObject with HTML", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example/PWNED\"/></foreignObject></svg>"),
			file: "logo.svg", line: 1, message: "<foreignObject> can embed HTML", fix: "shapes, paths"},
		{name: "SVG: image from another host", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://evil.example/PWNED.png\"/></svg>"),
			file: "logo.svg", line: 1, message: "<image> loads or embeds another file", fix: "PNG itself"},
		{name: "SVG: url() spelt with a CSS escape", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"u\\72l(https://evil.example/PWNED)\"/></svg>"),
			file: "logo.svg", line: 1, message: "attribute fill of <rect> holds a backslash", fix: "without \\ escapes"},
		{name: "SVG: stylesheet processing instruction", files: svgFile("<?xml-stylesheet href=\"https://evil.example/PWNED.css\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
			file: "logo.svg", line: 1, message: "processing instruction <?xml-stylesheet?> is not allowed", fix: "remove it"},
		{name: "SVG: an HTML page named logo.svg", files: svgFile("<html><script>alert('PWNED')</script></html>"),
			file: "logo.svg", line: 1, message: "<html> is the first element: this is not an SVG image", fix: "export the image as SVG"},
		{name: "SVG: script hidden in a comment and in metadata (published without it)",
			files:  svgFile("<!-- <script>alert('PWNED1')</script> -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\" data-name=\"PWNED2\"><metadata><x:s xmlns:x=\"urn:x\">PWNED3</x:s></metadata><rect width=\"4\" height=\"4\"/></svg>"),
			absent: []string{"PWNED1", "PWNED2", "PWNED3"}},

		// --- PNG: decoded completely and encoded again.
		{name: "PNG with an HTML page after it (published without it)", edit: pngOrg,
			files:  map[string][]byte{"logo.png": append(slices.Clone(logo), []byte("<!doctype html><script>alert('PWNED4')</script>")...)},
			absent: []string{"PWNED4", "<!doctype html><script>"}},
		{name: "PNG with HTML in a text chunk (published without it)", edit: pngOrg,
			files:  map[string][]byte{"logo.png": pngChunk(logo, "tEXt", "Comment\x00<script>alert('PWNED5')</script>")},
			absent: []string{"PWNED5"}},
		{name: "PNG: decompression bomb", edit: pngOrg, files: map[string][]byte{"logo.png": bomb.Bytes()},
			file: "org.toml", line: 7, message: "logo.png has 8000 × 8000 pixels, at most 1024 × 1024", fix: "scale the image down"},
		{name: "PNG: an HTML page named logo.png", edit: pngOrg, files: map[string][]byte{"logo.png": []byte("<!doctype html><script>alert('PWNED')</script>")},
			file: "org.toml", line: 7, message: "logo.png is not a PNG file", fix: "export the image as PNG"},
		{name: "PNG: truncated", edit: pngOrg, files: map[string][]byte{"logo.png": logo[:len(logo)/2]},
			file: "org.toml", line: 7, message: "logo.png is not a PNG file that can be read completely", fix: "export the image as PNG"},

		// --- Files: read through os.Root, regular files only, bounded.
		{name: "logo: a link to a file outside the folder",
			setup: func(t *testing.T, dir string) {
				relink(t, filepath.Join(dir, "logo.svg"), filepath.Join(filepath.Dir(dir), "secret.svg"))
			},
			file: "org.toml", line: 7, message: "logo.svg is a symbolic link", fix: "put the file logo.svg itself"},
		{name: "logo: in a linked folder", edit: []string{`logo = "logo.svg"`, `logo = "art/logo.svg"`},
			setup: func(t *testing.T, dir string) { relink(t, filepath.Join(dir, "art"), filepath.Dir(dir)) },
			file:  "org.toml", line: 7, message: "art/logo.svg is reached through a symbolic link (art)", fix: "itself"},
		{name: "organisation folder: a link to another organisation's folder",
			setup: func(t *testing.T, dir string) {
				elsewhere := filepath.Join(filepath.Dir(filepath.Dir(dir)), "elsewhere-"+filepath.Base(dir))
				if err := os.Rename(dir, elsewhere); err != nil {
					t.Fatal(err)
				}
				relink(t, dir, elsewhere)
			},
			file: "", line: 0, message: "is a symbolic link", fix: "put the folder itself here"},
		{name: "logo: a FIFO", setup: fifo("logo.svg"),
			file: "org.toml", line: 7, message: "logo.svg is a named pipe (FIFO)", fix: "ordinary file"},
		{name: "org.toml: a FIFO", setup: fifo("org.toml"),
			file: "org.toml", line: 1, message: "org.toml is a named pipe (FIFO)", fix: "ordinary file"},
		{name: "org.toml: a link to a file outside the folder",
			setup: func(t *testing.T, dir string) { relink(t, filepath.Join(dir, "org.toml"), "/etc/hostname") },
			file:  "org.toml", line: 1, message: "org.toml is a symbolic link", fix: "itself"},
		{name: "logo: a link to a device", setup: func(t *testing.T, dir string) { relink(t, filepath.Join(dir, "logo.svg"), "/dev/zero") },
			file: "org.toml", line: 7, message: "logo.svg is a symbolic link", fix: "itself"},
		{name: "logo: a folder", setup: func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "logo.svg"))
			os.Mkdir(filepath.Join(dir, "logo.svg"), 0o755)
		},
			file: "org.toml", line: 7, message: "logo.svg is a folder", fix: "ordinary file"},
		{name: "logo: oversized", files: svgFile("<svg xmlns=\"http://www.w3.org/2000/svg\">" + strings.Repeat("<g/>", 60<<10) + "</svg>"),
			file: "org.toml", line: 7, message: "logo.svg is 241 KB, more than 200 KB", fix: "smaller than 200 KB"},
		{name: "org.toml: oversized", edit: []string{`name = "Hostile"`, "name = \"Hostile\"\n" + strings.Repeat("# padding\n", 27<<10)},
			file: "org.toml", line: 1, message: "org.toml is 271 KB, more than 256 KB", fix: "smaller than 256 KB"},
		{name: "org.toml: 60,000 nested inline tables", edit: []string{`name = "Hostile"`, "name = \"Hostile\"\nx = " + strings.Repeat("{a=", 60000) + "1" + strings.Repeat("}", 60000)},
			file: "org.toml", line: 2, message: "the TOML nests more than 8 levels deep", fix: "not nested"},
		{name: "logo: outside the folder by ..", edit: []string{`logo = "logo.svg"`, `logo = "../secret.svg"`},
			file: "org.toml", line: 7, message: "is outside the organisation's folder", fix: "give its name only"},

		// --- static/: not an overlay any more.
		{name: "static/: an HTML page with script", files: map[string][]byte{"static/index.html": []byte("<script>alert('PWNED')</script>")},
			file: "static/", message: "static/ would not be published", fix: "remove static/"},
		{name: "static/: an SVG with script", files: map[string][]byte{"static/x.svg": []byte("<svg onload=\"alert('PWNED')\"/>")},
			file: "static/", message: "static/ would not be published", fix: "remove static/"},
		{name: "static/: replacing the site's logo and brand.css", files: map[string][]byte{"static/org/logo.svg": []byte("<svg onload=\"alert('PWNED')\"/>"), "static/org/brand.css": []byte("@import url(https://evil.example/PWNED.css);")},
			file: "static/", message: "static/ would not be published", fix: "remove static/"},

		// --- Text: shown as text, never run as template, shortcode or Markdown.
		{name: "name: template syntax", edit: []string{`name = "Hostile"`, `name = 'Acme {{ printf "%s%d" "PWN" 11 }}'`},
			absent: []string{"PWN11"}, shown: textIn(".site-org", `Acme {{ printf "%s%d" "PWN" 11 }}`)},
		{name: "name: shortcode syntax", edit: []string{`name = "Hostile"`, `name = 'Acme {{< term "leidinggevende" >}} {{% term "medewerker" %}}'`},
			shown: textIn(".site-org", `Acme {{< term "leidinggevende" >}} {{% term "medewerker" %}}`)},
		{name: "name: HTML", edit: []string{`name = "Hostile"`, `name = 'Acme <script>alert("PWN12")</script>'`},
			markup: "PWN12", shown: textIn(".site-org", `Acme <script>alert("PWN12")</script>`)},
		{name: "contact.name: Markdown", edit: []string{`name = "Team HR"`, `name = '**PWN13** [klik](javascript:alert(13))'`},
			markup: "PWN13", shown: textIn(".contact", `**PWN13** [klik](javascript:alert(13))`)},
		{name: "contact.name: template syntax", edit: []string{`name = "Team HR"`, `name = '{{ printf "%s%d" "PWN" 14 }}'`},
			absent: []string{"PWN14"}, shown: textIn(".contact", `{{ printf "%s%d" "PWN" 14 }}`)},
		{name: "contact.email: template syntax", edit: []string{`email = "hr@example.org"`, `email = "{{.}}@example.org"`},
			shown: textIn(".contact a", `{{.}}@example.org`)},
		{name: "contact.url: template syntax in the query", edit: []string{`url = "https://intranet.example.org/hr"`, `url = "https://intranet.example.org/hr?q={{.Site.Title}}"`},
			shown: func(t *testing.T, docs map[string]*goquery.Document) {
				for u, d := range docs {
					href, ok := d.Find(".site-footer .contact a[href^='https:']").Attr("href")
					if parsed, err := url.Parse(href); !ok || err != nil || parsed.Query().Get("q") != "{{.Site.Title}}" {
						t.Errorf("%s: contact link %q, want the query as written", u, href)
					}
				}
			}},
		{name: "term: template syntax", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '{{ printf "%s%d" "PWN" 15 }}'`},
			absent: []string{"PWN15"}, shown: allOf(textIn(".asks", `{{ printf "%s%d" "PWN" 15 }}`), textIn(".lead", `{{ printf "%s%d" "PWN" 15 }}`), textIn(".prose", `{{ printf "%s%d" "PWN" 15 }}`))},
		{name: "term: shortcode syntax in the front matter and the prose", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '{{% site-title %}}'`},
			shown: allOf(textIn(".lead", `{{% site-title %}}`), textIn(".prose", `{{% site-title %}}`))},
		{name: "title: template syntax", edit: []string{"[brand]", "[title]\nnl = '{{ printf \"%s%d\" \"PWN\" 21 }}'\n\n[brand]"},
			absent: []string{"PWN21"}, shown: allOf(textIn(".site-name", `{{ printf "%s%d" "PWN" 21 }}`), textIn("title", `{{ printf "%s%d" "PWN" 21 }}`))},
		{name: "title: HTML and a shortcode", edit: []string{"[brand]", "[title]\nnl = '<b>PWN22</b> {{< term \"medewerker\" >}}'\n\n[brand]"},
			markup: "PWN22", shown: allOf(textIn(".site-name", `<b>PWN22</b> {{< term "medewerker" >}}`), textIn("h1", `<b>PWN22</b> {{< term "medewerker" >}}`))},
		{name: "term: a template that multiplies the site", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '{{ range 20000 }}PW{{ end }}'`},
			absent: []string{"PWPW"}, shown: textIn(".asks", `{{ range 20000 }}PW{{ end }}`)},
		{name: "term: shortcode syntax", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '{{% term "medewerker" %}}'`},
			shown: textIn(".prose", `{{% term "medewerker" %}}`)},
		{name: "term: shortcode syntax with < >", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '{{< term "medewerker" >}}'`},
			file: "org.toml", line: 17, message: "cannot replace a word", fix: "without < or >"},
		{name: "term: Markdown and quotes", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = '**PWN16** "}} \ [x](javascript:x)'`},
			markup: "PWN16", shown: textIn(".asks", `**PWN16** "}} \ [x](javascript:x)`)},
		{name: "term and question in German: template syntax", alsoBilingual: true,
			edit:   []string{`languages = ["nl"]`, `languages = ["nl", "de"]`, "[terms.nl]", "[terms.de]\n\"Führungskraft\" = '{{ printf \"%s%d\" \"PWN\" 17 }}'\n\n[terms.nl]", `nl = "Wat wil je dit jaar leren?"`, "nl = \"Wat wil je dit jaar leren?\"\nde = '{{ printf \"%s%d\" \"PWN\" 18 }}'"},
			absent: []string{"PWN17", "PWN18"}, shown: textIn(".own-question", `{{ printf "%s%d" "PWN" 18 }}`)},
		{name: "question: template syntax", edit: []string{`nl = "Wat wil je dit jaar leren?"`, `nl = 'Wat {{ printf "%s%d" "PWN" 19 }}?'`},
			absent: []string{"PWN19"}, shown: textIn(".own-question", `Wat {{ printf "%s%d" "PWN" 19 }}?`)},
		{name: "question: shortcode, Markdown and HTML", edit: []string{`nl = "Wat wil je dit jaar leren?"`, `nl = '{{< term "x" >}} **PWN20** <img src=x onerror=alert(20)> [x](javascript:alert(20))'`},
			markup: "PWN20", shown: textIn(".own-question", `{{< term "x" >}} **PWN20** <img src=x onerror=alert(20)> [x](javascript:alert(20))`)},

		// --- Text: bounded, without control or bidi formatting characters.
		{name: "name: too long", edit: []string{`name = "Hostile"`, `name = "` + strings.Repeat("n", 121) + `"`},
			file: "org.toml", line: 1, message: "name is 121 characters long; at most 120", fix: "at most 120 characters"},
		{name: "term: too long", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = "` + strings.Repeat("t", 61) + `"`},
			file: "org.toml", line: 17, message: "is 61 characters long; at most 60", fix: "at most 60 characters"},
		{name: "question: too long", edit: []string{`nl = "Wat wil je dit jaar leren?"`, `nl = "` + strings.Repeat("v", 301) + `"`},
			file: "org.toml", line: 23, message: "questions[0].nl is 301 characters long; at most 300", fix: "at most 300 characters"},
		{name: "questions: more than 40", edit: []string{"[[questions]]", strings.Repeat("[[questions]]\nmethod = \"planningsgesprek\"\nagenda = \"resultaten\"\nasks = \"manager\"\nnl = \"Nog een vraag?\"\n\n", 40) + "[[questions]]"},
			file: "org.toml", line: 19, message: "41 own questions", fix: "at most 40 questions"},
		{name: "terms: more than 100", edit: []string{"leidinggevende = \"teamleider\"", manyTerms(101)},
			file: "org.toml", line: 16, message: "[terms.nl] has 101 words", fix: "at most 100 words"},
		{name: "name: a right-to-left override", edit: []string{`name = "Hostile"`, "name = \"Acme \u202egpj.exe\""},
			file: "org.toml", line: 1, message: "name holds a bidirectional embedding or override (U+202E) at character 6", fix: "remove it"},
		{name: "question: a bidirectional isolate", edit: []string{`nl = "Wat wil je dit jaar leren?"`, "nl = \"Wat \u2067wil\u2069 je?\""},
			file: "org.toml", line: 23, message: "holds a bidirectional isolate (U+2067)", fix: "remove it"},
		{name: "contact.name: a control character", edit: []string{`name = "Team HR"`, `name = "Team \u001b[31mHR"`},
			file: "org.toml", line: 12, message: "contact.name holds a control character (U+001B)", fix: "remove it"},
		{name: "term: a line break", edit: []string{`leidinggevende = "teamleider"`, `leidinggevende = "team\nleider"`},
			file: "org.toml", line: 17, message: "holds a line break (U+000A)", fix: "on one line"},
		{name: "name: only a Hangul filler", edit: []string{`name = "Hostile"`, "name = \"\u3164\""},
			file: "org.toml", line: 1, message: "name holds a Hangul filler, which displays as nothing (U+3164)", fix: "remove it"},
		{name: "name: a zero-width space", edit: []string{`name = "Hostile"`, "name = \"Host\u200bile\""},
			file: "org.toml", line: 1, message: "invisible formatting character (Unicode category Cf) (U+200B)", fix: "remove it"},
		{name: "name: a soft hyphen", edit: []string{`name = "Hostile"`, "name = \"Hos\u00adtile\""},
			file: "org.toml", line: 1, message: "(Unicode category Cf) (U+00AD)", fix: "remove it"},
		{name: "contact.name: only blanks", edit: []string{`name = "Team HR"`, "name = \"\u00a0\u2800 \""},
			file: "org.toml", line: 12, message: "contact.name is blank", fix: "write the text"},
		{name: "question: a filler", edit: []string{`nl = "Wat wil je dit jaar leren?"`, "nl = \"Wat\uffa0?\""},
			file: "org.toml", line: 23, message: "Hangul filler", fix: "remove it"},

		// --- contact.email: a plain address, nothing a mailto: link adds.
		{name: "contact.email: a CC in the query", edit: []string{`email = "hr@example.org"`, `email = "hr?cc=spy%40evil.example&subject=x@intranet.example.org"`},
			file: "org.toml", line: 13, message: `holds '?', which in the mailto: link would add a query`, fix: "plain address"},
		{name: "contact.email: a percent escape", edit: []string{`email = "hr@example.org"`, `email = "hr%3Fcc%3Dspy@example.org"`},
			file: "org.toml", line: 13, message: `holds '%'`, fix: "plain address"},

		// --- slug: at most a DNS label.
		{name: "slug: 240 characters", edit: []string{`name = "Hostile"`, "name = \"Hostile\"\nslug = \"" + strings.Repeat("lang-", 47) + "slug\""},
			file: "org.toml", line: 2, message: "slug is 239 characters long; at most 63, the length of a DNS label", fix: "at most 63 characters"},

		// --- base_url and contact.url: plain http(s) addresses.
		{name: "base_url: user info", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org@evil.example/gesprekken/"`},
			file: "org.toml", line: 2, message: "holds a user name or password", fix: "full address"},
		{name: "base_url: .. segment", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org/gesprekken/../../"`},
			file: "org.toml", line: 2, message: `has the path segment ".."`, fix: "full address"},
		{name: "base_url: percent-encoded .. segment", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org/%2e%2E/x/"`},
			file: "org.toml", line: 2, message: `has the path segment "%2e%2E", which climbs out`, fix: "full address"},
		{name: "base_url: encoded slash", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org/a%2f..%2fb/"`},
			file: "org.toml", line: 2, message: "hides a slash", fix: "full address"},
		{name: "base_url: query", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org/gesprekken/?x=1"`},
			file: "org.toml", line: 2, message: "has a query (?…) or fragment", fix: "full address"},
		{name: "base_url: fragment", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "https://intranet.example.org/gesprekken/#"`},
			file: "org.toml", line: 2, message: "has a query (?…) or fragment", fix: "full address"},
		{name: "base_url: javascript:", edit: []string{`base_url = "https://intranet.example.org/gesprekken/"`, `base_url = "javascript:alert(1)//"`},
			file: "org.toml", line: 2, message: "is not an absolute http(s) address", fix: "full address"},
		{name: "contact.url: user info", edit: []string{`url = "https://intranet.example.org/hr"`, `url = "https://intranet.example.org:hr@evil.example/"`},
			file: "org.toml", line: 14, message: "holds a user name or password", fix: "full address"},
	}
}

// manyTerms writes n words for [terms.nl]; they need not be the site's,
// as their number is refused first.
func manyTerms(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "woord%d = \"x\"\n", i)
	}
	return b.String()
}

func relink(t *testing.T, link, target string) {
	t.Helper()
	os.RemoveAll(link)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestHostileOrganisations: every hostile folder is refused with its
// file, line and fix, or built and proven safe; and no file outside the
// output folder is written, or changed, by either.
func TestHostileOrganisations(t *testing.T) {
	parent := t.TempDir()
	orgs, out, tmp := filepath.Join(parent, "orgs"), filepath.Join(parent, "out"), filepath.Join(parent, "tmp")
	for _, d := range []string{orgs, out, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// What a link in a hostile folder points at, beside the folders.
	if err := os.WriteFile(filepath.Join(orgs, "secret.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"><title>SECRET</title></svg>`), 0o600); err != nil {
		t.Fatal(err)
	}
	// Temporary files (the overlay) go under parent, where they are seen.
	t.Setenv("TMPDIR", tmp)

	cases := hostileCases(t)
	var refused, safe []string
	slugOf := map[string]int{}
	for i, c := range cases {
		slug := fmt.Sprintf("case-%02d", i)
		dir := filepath.Join(orgs, slug)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		text := hostileBase
		for j := 0; j < len(c.edit); j += 2 {
			if !strings.Contains(text, c.edit[j]) {
				t.Fatalf("%s: %q is not in the base file", c.name, c.edit[j])
			}
			text = strings.Replace(text, c.edit[j], c.edit[j+1], 1)
		}
		files := map[string][]byte{"org.toml": []byte(text), "logo.svg": []byte(hostileLogo)}
		for name, b := range c.files {
			files[name] = b
		}
		for name, b := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if c.setup != nil {
			c.setup(t, dir)
		}
		slugOf[slug] = i
		if c.message != "" {
			refused = append(refused, dir)
		} else {
			safe = append(safe, dir)
		}
	}
	if len(cases) < 30 {
		t.Fatalf("%d hostile cases, want at least 30", len(cases))
	}

	before := snapshot(t, parent, root)

	// The refused: all in one run, which must stop before writing.
	_, err := Build(Options{Root: root, Orgs: refused, Out: out})
	var invalid problem.List
	if !errors.As(err, &invalid) {
		t.Fatalf("the refused folders were not refused: %v", err)
	}
	bySlug := map[string][]problem.Problem{}
	for _, p := range invalid {
		slug := ""
		for s := range slugOf {
			if strings.Contains(p.File, "/"+s+"/") {
				slug = s
			}
		}
		if slug == "" {
			t.Errorf("a problem of no case: %s", p)
			continue
		}
		bySlug[slug] = append(bySlug[slug], p)
	}
	for _, dir := range refused {
		slug := filepath.Base(dir)
		c := cases[slugOf[slug]]
		ps := bySlug[slug]
		wantFile := filepath.ToSlash(dir) + "/" + c.file
		if len(ps) != 1 || ps[0].File != wantFile || ps[0].Line != c.line || !strings.Contains(ps[0].Message, c.message) || !strings.Contains(ps[0].Fix, c.fix) {
			t.Errorf("%s (%s):\n got %v\nwant one problem in %s:%d with %q, fix with %q", c.name, slug, ps, wantFile, c.line, c.message, c.fix)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused run wrote %d entries into the output", len(entries))
	}

	// The rest: built, then proven safe.
	results, err := Build(Options{Root: root, Orgs: safe, Out: out})
	if err != nil {
		t.Fatalf("the folders to publish: %v", err)
	}
	sizes := map[string]int64{}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s (%s): %v", cases[slugOf[r.Slug]].name, r.Slug, r.Err)
		}
		sizes[r.Slug] = r.Bytes
	}
	baseline := int64(0)
	for _, dir := range safe {
		slug := filepath.Base(dir)
		c := cases[slugOf[slug]]
		if c.alsoBilingual {
			continue
		}
		if baseline == 0 || sizes[slug] < baseline {
			baseline = sizes[slug]
		}
	}
	for _, dir := range safe {
		slug := filepath.Base(dir)
		c := cases[slugOf[slug]]
		t.Run(slug, func(t *testing.T) {
			t.Log(c.name)
			variant := filepath.Join(out, slug)
			filepath.WalkDir(variant, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range c.absent {
					if bytes.Contains(b, []byte(a)) {
						t.Errorf("%s holds %q", p, a)
					}
				}
				return nil
			})
			// No text multiplies the site: every variant of these has the
			// size of the smallest, give or take its own words.
			if !c.alsoBilingual && sizes[slug] > baseline+8<<10 {
				t.Errorf("%d bytes, the smallest %d: the text multiplied the output", sizes[slug], baseline)
			}
			docs := pages(t, variant)
			if c.markup != "" {
				noMarkup(t, docs, c.markup)
			}
			if c.shown != nil {
				c.shown(t, docs)
			}
		})
	}

	// Nothing outside the output folder was written: the folders around
	// it (the organisations, the temporary folder) and the site.
	after := snapshot(t, parent, root)
	for p, h := range after {
		// Hugo makes an (empty) cache folder in the temporary folder; a
		// file in it would be listed on its own.
		hugoCache := p == filepath.ToSlash(filepath.Join(tmp, "hugo_cache")) && h == fs.ModeDir.String()
		if before[p] != h && !strings.HasPrefix(p, filepath.ToSlash(out)+"/") && !hugoCache {
			t.Errorf("%s was written (%s, before %q)", p, h, before[p])
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// noMarkup checks that text holding marker became no markup on any page:
// no script or style holds it (a JSON data block, which the browser never
// runs, may hold it as a string value: the form's messages name roles in
// the organisation's words), no element holds it in an attribute's name,
// no strong or emphasis (Markdown) holds it alone, and no page has an
// event attribute or a javascript: link.
func noMarkup(t *testing.T, docs map[string]*goquery.Document, marker string) {
	t.Helper()
	for u, d := range docs {
		d.Find("script, style").Each(func(_ int, s *goquery.Selection) {
			if goquery.NodeName(s) == "script" && s.AttrOr("type", "") == "application/json" {
				if err := onlyInJSONStrings(s.Text(), marker); err != nil {
					t.Errorf("%s: the JSON data block %s", u, err)
				}
				return
			}
			if strings.Contains(s.Text(), marker) {
				t.Errorf("%s: <%s> holds %q", u, goquery.NodeName(s), marker)
			}
		})
		// The content's own bold may hold a word, and so the marker
		// among its text; **marker** rendered would hold only it.
		d.Find("strong, em, b, i").Each(func(_ int, s *goquery.Selection) {
			if strings.TrimSpace(s.Text()) == marker {
				t.Errorf("%s: <%s>%s</%[2]s>: Markdown was rendered", u, goquery.NodeName(s), marker)
			}
		})
		d.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				if strings.HasPrefix(a.Key, "on") || strings.Contains(a.Key, strings.ToLower(marker)) || strings.HasPrefix(strings.TrimSpace(strings.ToLower(a.Val)), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", u, goquery.NodeName(s), a.Key, a.Val)
				}
			}
		})
	}
}

// onlyInJSONStrings checks that a JSON data block is data: it parses, it
// holds nothing an HTML parser would end the block at ("</" or "<!--";
// Hugo writes < as \u003c), and every marker in it lies inside a string
// value.
func onlyInJSONStrings(block, marker string) error {
	if strings.Contains(block, "</") || strings.Contains(block, "<!--") {
		return fmt.Errorf("holds markup that could end it")
	}
	var v any
	if err := json.Unmarshal([]byte(block), &v); err != nil {
		return fmt.Errorf("does not parse: %v", err)
	}
	inStrings := 0
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case string:
			inStrings += strings.Count(x, marker)
		case []any:
			for _, y := range x {
				walk(y)
			}
		case map[string]any:
			for k, y := range x {
				walk(k)
				walk(y)
			}
		}
	}
	walk(v)
	if n := strings.Count(block, marker); n != inStrings {
		return fmt.Errorf("holds %q %d times, %d of them in strings", marker, n, inStrings)
	}
	return nil
}

// snapshot describes every file under dirs: its type and, for a regular
// file, a hash of its content (links, FIFOs and folders by type alone,
// without opening them).
func snapshot(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			switch d.Name() {
			case ".git", "node_modules":
				return filepath.SkipDir
			case ".hugo_build.lock":
				return nil // Hugo's own lock file in the site, opened by every build
			}
			key := filepath.ToSlash(p)
			switch {
			case d.Type().IsRegular():
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				m[key] = fmt.Sprintf("file %x", sha256.Sum256(b))
			default:
				m[key] = d.Type().String()
			}
			return nil
		})
	}
	return m
}
