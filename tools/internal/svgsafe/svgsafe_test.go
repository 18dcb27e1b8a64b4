package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
)

const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">`

// TestRefused: everything that could run or load something is refused,
// naming the element or attribute and its line.
func TestRefused(t *testing.T) {
	tests := []struct {
		name, svg string
		line      int
		what      string // in Refusal.What
		reason    string // in Refusal.Reason
	}{
		{"script in a DTD entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n" + head + "&x;</svg>", 2, "<!DOCTYPE>", "entities"},
		{"external entity", "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + head + "&x;</svg>", 1, "<!DOCTYPE>", "DOCTYPE"},
		{"undeclared entity", head + "\n<text>&x;</text></svg>", 2, "entity", "entities"},
		{"stylesheet instruction", "<?xml-stylesheet href=\"https://evil.example/x.css\"?>\n" + head + "</svg>", 1, "<?xml-stylesheet?>", "stylesheet"},
		{"script", head + "\n\n<script>alert(1)</script></svg>", 3, "<script>", "run code"},
		{"onload", head + "<rect\n width=\"1\"\n onload=\"alert(1)\"/></svg>", 3, "attribute onload of <rect>", "event handler"},
		{"upper-case event", `<svg xmlns="http://www.w3.org/2000/svg" ONCLICK="x()"></svg>`, 1, "ONCLICK", "event handler"},
		{"foreignObject", head + "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject></svg>", 1, "<foreignObject>", "HTML"},
		{"namespaced script", head + "\n<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></svg>", 2, "<script>", "another namespace"},
		{"default namespace switched to XHTML", head + "<g xmlns=\"http://www.w3.org/1999/xhtml\"><b>x</b></g></svg>", 1, "<g>", "another namespace"},
		{"editor attribute", head + "<g xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:label=\"x\"/></svg>", 1, "inkscape", "another namespace"},
		{"external href", head + "\n<use href=\"other.svg#logo\"/></svg>", 2, "attribute href of <use>", "other.svg#logo"},
		{"external xlink:href", head + "<use xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"https://evil.example/x.svg#a\"/></svg>", 1, "href of <use>", "not an element of this image"},
		{"href spelt with character references", head + "<use href=\"&#104;ttps://evil.example/x.svg#a\"/></svg>", 1, "href of <use>", "https://evil.example"},
		{"javascript href on a link", head + "<a href=\"javascript:alert(1)\"><rect/></a></svg>", 1, "<a>", "link"},
		{"image", head + "<image href=\"https://evil.example/x.png\"/></svg>", 1, "<image>", "loads"},
		{"animation changing a link", head + "<set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>", 1, "<set>", "change attributes"},
		{"url in a style attribute", head + "\n<rect style=\"fill: url(http://evil.example/x)\"/></svg>", 2, "attribute style of <rect>", "url(http://evil.example/x)"},
		{"url in a presentation attribute", head + "<rect fill=\"url('//evil.example/p#x')\"/></svg>", 1, "attribute fill of <rect>", "url("},
		{"url spelt with a CSS escape", head + "<rect fill=\"u\\72l(http://evil.example/x)\"/></svg>", 1, "attribute fill", "backslash"},
		{"url spelt with a character reference", head + "<rect fill=\"&#117;rl(http://evil.example/x)\"/></svg>", 1, "attribute fill", "url(http://evil.example/x)"},
		{"@import in style", head + "<style>\n@import url(https://evil.example/x.css);\n.a{fill:red}</style></svg>", 2, "@import", "@-rules"},
		{"url in a style element", head + "<style>\n\n.a { background: url(https://evil.example/x) }</style></svg>", 3, "<style> (background: url(https://evil.example/x))", "not an element of this image"},
		{"image-set in a style element", head + "<style>.a{background-image:image-set(\"https://evil.example/x\" 1x)}</style></svg>", 1, "<style>", "image-set"},
		{"@font-face", head + "<style>@font-face{font-family:x;src:url(#a)}</style></svg>", 1, "@font-face", "@-rules"},
		{"unclosed string in style", head + "<style>.a{font-family:\"x</style></svg>", 1, "<style> (font-family)", "not closed"},
		{"unclosed string in style attribute", head + "<rect style=\"font-family:'x;fill:red\"/></svg>", 1, "attribute style of <rect>", "not closed"},
		{"unclosed url", head + "<rect style=\"fill:url(#a\"/></svg>", 1, "attribute style of <rect>", "without closing it"},
		{"attribute selector", head + "<style>[href^=x]{fill:red}</style></svg>", 1, "selector", "not allowed"},
		{"element inside style", head + "<style><script>alert(1)</script></style></svg>", 1, "<script>", "run code"},
		{"HTML instead of SVG", "<html><body><script>alert(1)</script></body></html>", 1, "<html>", "not an SVG"},
		{"not XML", "GIF89a\x01\x00", 1, "the file", "XML"},
		{"second root", head + "</svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 2, "<svg>", "after the end"},
		{"empty", "", 1, "the file", "no <svg>"},
		{"use of a use", head + "<defs><g id=\"a\"><rect/></g><g id=\"b\"><use href=\"#a\"/><use href=\"#a\"/></g></defs>\n<use href=\"#b\"/></svg>", 2, `<use href="#b">`, "multiply"},
		{"use of itself", head + "<g id=\"a\">\n<use href=\"#a\"/></g></svg>", 2, `<use href="#a">`, "multiply"},
		{"nested too deep", head + strings.Repeat("<g>", MaxDepth) + strings.Repeat("</g>", MaxDepth) + "</svg>", 1, "<g>", "deep"},
		{"Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + head + "</svg>", 1, "the file", "XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Sanitize([]byte(tt.svg))
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("not refused: %v, wrote %s", err, out)
			}
			if r.Line != tt.line || !strings.Contains(r.What, tt.what) || !strings.Contains(r.Reason, tt.reason) || r.Fix == "" {
				t.Errorf("got line %d, %q %q (fix %q)\nwant line %d, what with %q, reason with %q", r.Line, r.What, r.Reason, r.Fix, tt.line, tt.what, tt.reason)
			}
		})
	}
}

// TestWrittenOut: what a logo may hold is written out again from what
// was parsed; what cannot act is left out.
func TestWrittenOut(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"simple", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"><rect width="40" height="40" rx="6" fill="#ffffff"/><path d="M8 30 L20 8 L32 30 Z" fill="#00594f"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"><rect width="40" height="40" rx="6" fill="#ffffff"/><path d="M8 30 L20 8 L32 30 Z" fill="#00594f"/></svg>`},
		{"declaration, comments, metadata and editor attributes left out",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <script>alert(1)</script> -->\n<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" data-name=\"Laag 1\"><metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><script>x</script></rdf:RDF></metadata><g xml:space=\"preserve\">stray <!-- c --> text<circle r=\"1\"/></g></svg>",
			`<svg xmlns="http://www.w3.org/2000/svg"><g xml:space="preserve"><circle r="1"/></g></svg>`},
		{"local references kept, xlink:href written as href",
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0h1"/></defs><use xlink:href="#p" fill="url(#g)" style="stroke: url( '#g' ); background: red; --x: 1"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0h1"/></defs><use href="#p" fill="url(#g)" style="stroke:url( &#39;#g&#39; )"/></svg>`},
		{"text escaped",
			`<svg xmlns="http://www.w3.org/2000/svg"><title>A &amp; B &lt;script&gt;</title><text x="1">"Zn" &lt;b&gt;</text></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg"><title>A &amp; B &lt;script&gt;</title><text x="1">&#34;Zn&#34; &lt;b&gt;</text></svg>`},
		{"Illustrator style element",
			"<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><style>/* c */ .cls-1,.cls-2 g > path{fill:#1d1d1b;stroke-width:2px}.cls-3{fill:url(#a);mix-blend-mode:multiply}<![CDATA[ .x{opacity:.5} ]]></style></defs><path class=\"cls-1\" d=\"M0 0\"/></svg>",
			`<svg xmlns="http://www.w3.org/2000/svg"><defs><style>.cls-1,.cls-2 g&gt;path{fill:#1d1d1b;stroke-width:2px}.cls-3{fill:url(#a);mix-blend-mode:multiply}.x{opacity:.5}</style></defs><path class="cls-1" d="M0 0"/></svg>`},
		{"svg without namespace gets it", `<svg><rect transform="matrix(1 0 0 1 2 3) rotate(45)" fill="rgb(10%, 20%, 30%)"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg"><rect transform="matrix(1 0 0 1 2 3) rotate(45)" fill="rgb(10%, 20%, 30%)"/></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Sanitize([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
			assertSafe(t, out)
		})
	}
}

// assertSafe checks, independently of the sanitiser's code paths, that
// an SVG written by it holds nothing that can run or load: parsed again,
// every element and attribute is on the allow-list, there is no event
// attribute, no DOCTYPE, processing instruction or comment, no href but
// #id, no url() but url(#id), no @-rule and no CSS escape. Sanitising it
// again gives the same bytes.
func assertSafe(t *testing.T, out []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	depth := 0
	inStyle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the output is not XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 && (tok.Name.Local != "svg" || tok.Name.Space != NS) {
				t.Errorf("root %v", tok.Name)
			}
			depth++
			if tok.Name.Space != NS || !elements[tok.Name.Local] || forbiddenElement.MatchString(tok.Name.Local) {
				t.Errorf("element %v in the output", tok.Name)
			}
			inStyle = tok.Name.Local == "style"
			for _, a := range tok.Attr {
				name := a.Name.Local
				switch {
				case a.Name.Space == "xmlns" || name == "xmlns" && depth > 1:
					t.Errorf("namespace declaration %v in the output", a.Name)
				case name == "xmlns":
					if a.Value != NS {
						t.Errorf("root namespace %q", a.Value)
					}
					continue
				case a.Name.Space == xmlNS && (name == "space" || name == "lang"):
				case a.Name.Space != "":
					t.Errorf("attribute %v of another namespace", a.Name)
				case strings.HasPrefix(strings.ToLower(name), "on"):
					t.Errorf("event attribute %s", name)
				case name == "href":
					if !regexp.MustCompile(`^#[A-Za-z_][\w.:-]*$`).MatchString(a.Value) {
						t.Errorf("href %q", a.Value)
					}
				case !presentation[name] && !geometry[name]:
					t.Errorf("attribute %s not on the allow-list", name)
				}
				assertNoReference(t, a.Value)
			}
		case xml.EndElement:
			depth--
			inStyle = false
		case xml.CharData:
			if inStyle {
				assertNoReference(t, string(tok))
			}
		default:
			t.Errorf("%T in the output: %v", tok, tok)
		}
	}
	if bytes.Contains(out, []byte("<!")) || bytes.Contains(out, []byte("<?")) {
		t.Errorf("a declaration or instruction in the output")
	}
	again, err := Sanitize(out)
	if err != nil || !bytes.Equal(again, out) {
		t.Errorf("sanitising the output again: %v\n%s\n%s", err, out, again)
	}
}

var (
	forbiddenElement = regexp.MustCompile(`(?i)^(script|foreignobject|a|image|feimage|iframe|animate.*|set|handler|listener)$`)
	anyURL           = regexp.MustCompile(`(?i)url\s*\(([^)]*)\)?`)
	localURL         = regexp.MustCompile(`^\s*['"]?#[A-Za-z_][\w.:-]*['"]?\s*$`)
)

func assertNoReference(t *testing.T, v string) {
	t.Helper()
	for _, m := range anyURL.FindAllStringSubmatch(v, -1) {
		if !localURL.MatchString(m[1]) {
			t.Errorf("reference %q in the output", m[0])
		}
	}
	lower := strings.ToLower(v)
	for _, bad := range []string{"@", "\\", "javascript:", "expression(", "image-set(", "src("} {
		if strings.Contains(lower, bad) {
			t.Errorf("%q in an output value: %q", bad, v)
		}
	}
}

// FuzzSanitize: whatever the sanitiser writes, parsed again, passes the
// allow-list and holds no script, event attribute or reference outside
// the image. Run it with
//
//	go test -fuzz FuzzSanitize ./tools/internal/svgsafe
func FuzzSanitize(f *testing.F) {
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#fff"/></svg>`)
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/><path id="p" d="M0 0"/></defs><use xlink:href="#p" fill="url(#g)" style="stroke:url(#g)"/></svg>`)
	f.Add(`<svg><style>.a,.b g>path{fill:#000;stroke:url(#x)}</style><text>a &amp; b</text><title>t</title></svg>`)
	f.Add(`<svg><rect style="fill: url(http://x)" onload="x"/><script>alert(1)</script></svg>`)
	f.Add(`<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>`)
	f.Add(`<svg><use href="&#104;ttp://x/#a"/><g xmlns="http://www.w3.org/1999/xhtml"><script/></g></svg>`)
	f.Add(`<svg><metadata><x:y xmlns:x="u"/></metadata><g xml:space="preserve" data-name="x">t</g></svg>`)
	f.Add(`<svg><rect fill="u\72l(x)" transform="rotate(4) url (x)"/></svg>`)
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Sanitize([]byte(in))
		if err != nil {
			var r *Refusal
			if !errors.As(err, &r) || r.Line < 1 || r.Fix == "" {
				t.Fatalf("a refusal without line or fix: %#v", err)
			}
			return
		}
		assertSafe(t, out)
	})
}

// BenchmarkSanitize measures a logo at the size limit (200 KB) of many
// small elements, the worst case for the work per byte.
func BenchmarkSanitize(b *testing.B) {
	var svg strings.Builder
	svg.WriteString(head + "\n<style>.a{fill:#000}\n.b{stroke:url(#g)}</style>\n")
	for svg.Len() < 200<<10-100 {
		svg.WriteString(`<rect class="a" x="1" y="2" width="3" height="4" style="fill:#fff"/>` + "\n")
	}
	svg.WriteString("</svg>")
	in := []byte(svg.String())
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Sanitize(in); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSize(t *testing.T) {
	for svg, want := range map[string][2]float64{
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 50"/>`:                          {250, 50},
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,40,80" width="20" height="40"/>`:    {20, 40},
		`<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="30px"/>`:                   {120, 30},
		`<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="50%" viewBox="0 0 10 20"/>`: {10, 20},
		`<svg xmlns="http://www.w3.org/2000/svg" width="30mm" height="10" viewBox="0 0 3 1"/>`:    {3, 1},
	} {
		w, h, err := Size([]byte(svg))
		if err != nil || w != want[0] || h != want[1] {
			t.Errorf("Size(%s) = %v × %v, %v; want %v", svg, w, h, err, want)
		}
	}
	for _, svg := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"/>`,
	} {
		if _, _, err := Size([]byte(svg)); err == nil {
			t.Errorf("Size(%s): no error for an image without a shape", svg)
		}
	}
}
