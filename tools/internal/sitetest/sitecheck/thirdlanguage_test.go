package sitecheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/check"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/projecttest"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/scaffold"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestThirdLanguage: a language is configuration and content. In a copy
// of the project, English is added the way an editor would add it, with
// no change to Go code, templates or scripts: a [languages.en] block in
// config.toml, i18n/en.toml, an en key in each entry of the glossary, the
// skeleton new writes from (skeletons/en.md), and content/en, every page
// of the default language with placeholder text (the Dutch, as it
// stands, is the placeholder: the test is about the machinery, not the
// translation), its agenda items given an alias (their id in the
// language) as check asks. Then the content check passes, new starts a
// method in all three languages, the site builds and the built-site
// tests pass with three languages, and every page has its English
// alternate.
func TestThirdLanguage(t *testing.T) {
	t.Parallel()
	root := projecttest.CopyProject(t)
	addLanguage(t, root, "nl", "en", "English", "en-GB")
	if problems, err := check.Site(root); err != nil || len(problems) > 0 {
		t.Fatalf("check with a third language: %v %v", err, problems)
	}
	if _, err := scaffold.Method(root, scaffold.Options{ID: "proefgesprek",
		Slugs: map[string]string{"nl": "proefgesprek", "de": "probegespraech", "en": "trial-conversation"}}); err != nil {
		t.Fatalf("new with three languages: %v", err)
	}
	// The glossary's page shows the new language, made from the data:
	// its columns in the order the entries give the languages.
	if doc, _ := os.ReadFile(filepath.Join(root, "docs/glossary.md")); !strings.Contains(string(doc), "| id | nl | en | de |\n") ||
		!strings.Contains(string(doc), "| proefgesprek | Proefgesprek | Trial conversation | Probegespraech |\n") {
		t.Errorf("docs/glossary.md after new does not show the English names:\n%s", doc)
	}
	s := checkAndBuild(t, root) // the content check again, after new
	langs := map[string]int{}
	for _, p := range sitetest.Pages(t, s.built) {
		langs[p.Doc.Find("html").AttrOr("lang", "")]++
	}
	if langs["en"] == 0 || langs["en"] != langs["nl"] || langs["en"] != langs["de"] {
		t.Errorf("pages by language: %v, want as many in English as in Dutch and German", langs)
	}
	checkBuiltSite(t, s)
}

// addLanguage adds language to the project at root as an editor would,
// from language from: its configuration, interface strings, glossary
// keys, skeleton and content (from's, as placeholder text).
func addLanguage(t *testing.T, root, from, lang, label, locale string) {
	t.Helper()
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(rel, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// config.toml: from's block, renamed, after the last language.
	cfg := read("config.toml")
	block := regexp.MustCompile(`(?s)\n  \[languages\.` + from + `\]\n.*?\n  \[languages\.`).FindString(cfg)
	if block == "" {
		t.Fatalf("config.toml has no [languages.%s] block followed by another", from)
	}
	block = strings.TrimSuffix(block, "\n  [languages.")
	block = strings.NewReplacer("languages."+from, "languages."+lang, "content/"+from, "content/"+lang).Replace(block)
	block = regexp.MustCompile(`label = "[^"]*"`).ReplaceAllString(block, `label = "`+label+`"`)
	block = regexp.MustCompile(`locale = "[^"]*"`).ReplaceAllString(block, `locale = "`+locale+`"`)
	block = regexp.MustCompile(`\n    weight = \d+`).ReplaceAllString(block, "\n    weight = 99")
	end := strings.Index(cfg, "\n[sitemap]")
	if end < 0 {
		t.Fatal("config.toml: no [sitemap] after [languages]")
	}
	write("config.toml", cfg[:end]+block+"\n"+cfg[end:])

	write("i18n/"+lang+".toml", read("i18n/"+from+".toml"))
	id := regexp.MustCompile(`(?m)^(\s*)id = "([a-z0-9-]+)"\n`)
	// The skeleton: from's, its agenda items with an alias as in the
	// guides of every language after the first.
	write("skeletons/"+lang+".md", agendaAliases(read("skeletons/"+from+".md"), id))

	// The glossary: a key for the language in every entry, with from's
	// names (written one to a line, as the project writes them).
	value := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(from) + ` = (.*)$`)
	glossary := read("data/glossary.toml")
	if !value.MatchString(glossary) {
		t.Fatalf("data/glossary.toml has no line %s = …", from)
	}
	write("data/glossary.toml", value.ReplaceAllString(glossary, "$0\n"+lang+" = $1"))

	// The content: every file of from's, with its own content folder
	// named in its adapter, and an alias on every agenda item.
	src := filepath.Join(root, "content", from)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := strings.ReplaceAll(string(b), "content/"+from+"/", "content/"+lang+"/")
		if strings.Contains(s, "[[params.agenda]]") {
			front, body, _ := strings.Cut(strings.TrimPrefix(s, "+++\n"), "\n+++\n")
			front = agendaAliases(front, id)
			s = "+++\n" + front + "\n+++\n" + body
		}
		write(filepath.Join("content", lang, rel), s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// agendaAliases gives every agenda item of a guide's front matter its id
// as alias (the item's id "in the language", for org.toml).
func agendaAliases(front string, id *regexp.Regexp) string {
	var out []string
	inAgenda := false
	for _, line := range strings.SplitAfter(front, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") {
			inAgenda = trimmed == "[[params.agenda]]"
		}
		out = append(out, line)
		if m := id.FindStringSubmatch(line); inAgenda && m != nil {
			out = append(out, m[1]+`alias = "`+m[2]+"\"\n")
		}
	}
	return strings.Join(out, "")
}
