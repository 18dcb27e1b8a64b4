package variants

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
)

// ownWordsOrg renames every role in both languages, in every form, and
// the site; it names methods and agenda items in German for its German
// question.
const ownWordsOrg = `name = "Eigen Woorden BV"
base_url = "https://intranet.example.org/"
languages = ["nl", "de"]

[title]
nl = "Praatwijzer"
de = "Gesprächskompass"

[brand]
logo = "logo.svg"
primary = "#0b4f8a"
accent = "#f2b705"

[terms.nl]
leidinggevende = "teamcoach"
leidinggevenden = "teamcoaches"
"hogere leidinggevende" = "afdelingshoofd"
"hogere leidinggevenden" = "afdelingshoofden"
medewerker = "collega"
medewerkers = "collega's"
"eigen team" = "eigen afdeling"
klant = "opdrachtgever"
klanten = "opdrachtgevers"
collega-afdeling = "buurafdeling"
collega-afdelingen = "buurafdelingen"

[terms.de]
"Führungskraft" = "Teamleitung"
"Führungskräfte" = "Teamleitungen"
"Führungskräften" = "Teamleitungen"
"übergeordnete Führungskraft" = "Bereichsleitung"
"übergeordneten Führungskraft" = "Bereichsleitung"
"übergeordnete Führungskräfte" = "Bereichsleitungen"
"übergeordneten Führungskräfte" = "Bereichsleitungen"
Mitarbeitende = "Beschäftigte"
Mitarbeitenden = "Beschäftigten"
"eigenes Team" = "eigene Abteilung"
"eigenen Team" = "eigenen Abteilung"
"eigene Team" = "eigene Abteilung"
"Kundin oder Kunde" = "Auftraggebende"
"Kundinnen und Kunden" = "Auftraggebende"
Nachbarbereich = "Partnerbereich"
Nachbarbereiche = "Partnerbereiche"
Nachbarbereichen = "Partnerbereichen"
Nachbarbereichs = "Partnerbereichs"

[[questions]]
method = "kundenjahresgespraech"
agenda = "zufriedenheit"
asks = "team"
nl = "Wat hoort u graag vaker van ons?"
de = "Was hören Sie gern öfter von uns?"
`

// roleWords are the words of every role, each form, as a reader would
// spot them: written here, not taken from the glossary the variant uses,
// so that a form the glossary misses is found.
var roleWords = map[string][]string{
	"nl": {"leidinggevende", "leidinggevenden", "medewerker", "medewerkers", "klant", "klanten", "collega-afdeling", "collega-afdelingen", "eigen team", "gesprekswijzer"},
	"de": {"führungskraft", "führungskräfte", "führungskräften", "mitarbeitende", "mitarbeitenden", "mitarbeitender", "kunde", "kunden", "kundin", "kundinnen",
		"nachbarbereich", "nachbarbereiche", "nachbarbereichen", "nachbarbereichs", "eigenes team", "eigenen team", "eigene team", "gesprekswijzer"},
}

// spotted returns the role words in s, whole words, ignoring case.
func spotted(s, lang string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	var found []string
	for _, w := range roleWords[lang] {
		parts := strings.Fields(w)
		for i := 0; i+len(parts) <= len(words); i++ {
			if slices.Equal(words[i:i+len(parts)], parts) {
				found = append(found, w)
			}
		}
	}
	return found
}

// readerTexts returns what a reader of the page sees or hears: its text
// nodes (not scripts' or styles'), the title, alt, aria-label and
// placeholder attributes, the meta description, and the messages and
// title the form script shows (its JSON configuration).
func readerTexts(t *testing.T, doc *goquery.Document) []string {
	var out []string
	var walk func(n *html.Node)
	// A word the templates hyphenate is split over text nodes by the
	// spans of its soft hyphens ("Klant<span class=shy>&shy;</span>jaar…"):
	// the reader sees one word, so the runs of text between those spans
	// are read as one text, without the soft hyphens.
	shy := func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "span" && slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "class" && a.Val == "shy" })
	}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "title" || a.Key == "alt" || a.Key == "aria-label" || a.Key == "placeholder" || (n.Data == "meta" && a.Key == "content") {
					out = append(out, a.Val)
				}
			}
		}
		var run strings.Builder
		flush := func() {
			if run.Len() > 0 {
				out = append(out, run.String())
				run.Reset()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && n.Data != "script" && n.Data != "style":
				run.WriteString(strings.ReplaceAll(c.Data, "\u00ad", ""))
			case shy(c):
			default:
				flush()
				walk(c)
			}
		}
		flush()
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	doc.Find("script#form-config").Each(func(_ int, s *goquery.Selection) {
		var cfg struct {
			Title string
			Msg   map[string]string
		}
		if err := json.Unmarshal([]byte(s.Text()), &cfg); err != nil {
			t.Fatalf("form config: %v", err)
		}
		out = append(out, cfg.Title)
		for _, m := range cfg.Msg {
			out = append(out, m)
		}
	})
	return out
}

// TestOwnWordsEverywhere: a variant with its own word for every form of
// every role, in both languages, and its own name: on no page of it does
// a reader meet a role word of the site, or the site's name, in any text
// or attribute they see; the organisation's words are there instead
// (guide prose, the lead, facts, agenda purposes, questions, form labels
// and hints, interface strings, page titles); the German home page no
// longer explains the name Gesprekswijzer; the German question named by
// German method and agenda ids is on its question list.
func TestOwnWordsEverywhere(t *testing.T) {
	orgs, out := t.TempDir(), t.TempDir()
	dir := projecttest.NewOrg(t, orgs, "eigen-woorden", ownWordsOrg)
	results, err := Build(Options{Root: root, Orgs: []string{dir}, Out: out})
	if err != nil || results[0].Err != nil {
		t.Fatal(err, results)
	}
	docs := pages(t, filepath.Join(out, "eigen-woorden"))
	if len(docs) < 60 {
		t.Fatalf("only %d pages", len(docs))
	}
	found := map[string][]string{}
	var urls []string
	for u := range docs {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	all := map[string]string{}
	for _, u := range urls {
		lang := docs[u].Find("html").AttrOr("lang", "")
		texts := readerTexts(t, docs[u])
		all[u] = strings.Join(texts, " ¶ ")
		for _, s := range texts {
			for _, w := range spotted(s, lang) {
				found[w] = append(found[w], fmt.Sprintf("%s: …%s…", u, excerpt(s, w)))
			}
		}
	}
	for w, where := range found {
		t.Errorf("%q is still on %d pages, e.g. %s", w, len(where), strings.Join(where[:min(3, len(where))], "; "))
	}
	for _, c := range []struct{ page, sel, want string }{
		{"/gesprekken/planningsgesprek/", "p.lead", "teamcoach en collega"},
		{"/gesprekken/planningsgesprek/", ".facts", "Teamcoach, Collega"},
		{"/gesprekken/planningsgesprek/", ".prose", "teamcoach"},
		{"/gesprekken/planningsgesprek/", "title", "Planningsgesprek – Praatwijzer"},
		{"/gesprekken/planningsgesprek/", ".site-name", "Praatwijzer"},
		{"/gesprekken/klantjaargesprek/", ".facts", "Opdrachtgever"},
		{"/de/gespraeche/kundenjahresgespraech/fragen/", ".own-question", "Was hören Sie gern öfter von uns?"},
		{"/de/", "h1", "Gesprächskompass"},
		{"/de/gespraeche/zielvereinbarungsgespraech/", ".prose", "Teamleitung"},
		{"/de/gespraeche/zielvereinbarungsgespraech/", ".prose", "Beschäftigte"},
	} {
		d := docs[c.page]
		if d == nil {
			t.Errorf("%s is missing", c.page)
			continue
		}
		if got := strings.Join(strings.Fields(d.Find(c.sel).Text()), " "); !strings.Contains(got, c.want) {
			t.Errorf("%s %s: %q does not hold %q", c.page, c.sel, excerpt(got, ""), c.want)
		}
	}
	if home := all["/de/"]; strings.Contains(home, "niederländisch für") || strings.Contains(home, "Gesprächswegweiser") {
		t.Errorf("the renamed German home page still explains the name Gesprekswijzer")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "content", "de", "_index.md")); !strings.Contains(string(b), "niederländisch für") {
		t.Errorf("the site's German home page no longer explains its name: this test checks nothing")
	}
}

func excerpt(s, w string) string {
	i := strings.Index(strings.ToLower(s), w)
	if i < 0 {
		i = 0
	}
	lo, hi := max(0, i-40), min(len(s), i+len(w)+40)
	for lo > 0 && !utf8RuneStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !utf8RuneStart(s[hi]) {
		hi++
	}
	return strings.Join(strings.Fields(s[lo:hi]), " ")
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
