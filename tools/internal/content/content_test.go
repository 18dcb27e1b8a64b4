package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, text  string
		ok          bool
		front, body string
		bodyLine    int
	}{
		{"ordinary", "+++\ntitle = \"x\"\n+++\nHallo\n", true, "title = \"x\"\n", "Hallo\n", 4},
		{"empty body at end of file", "+++\ntitle = \"x\"\n+++", true, "title = \"x\"\n", "", 4},
		{"no opening line", "title = \"x\"\n+++\n", false, "", "", 0},
		{"YAML is not ours", "---\ntitle: x\n---\n", false, "", "", 0},
		{"never closed", "+++\ntitle = \"x\"\n", false, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, ok := splitFrontMatter(tt.text)
			if ok != tt.ok || front != tt.front || body != tt.body || line != tt.bodyLine {
				t.Errorf("got (%q, %q, %d, %v), want (%q, %q, %d, %v)", front, body, line, ok, tt.front, tt.body, tt.bodyLine, tt.ok)
			}
		})
	}
}

// Windows line endings from an editor must not shift line numbers or
// break the front matter.
func TestReadPageWithCRLF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.md")
	text := "+++\r\ntitle = \"Agenda\"\r\nlayout = \"agenda\"\r\nminuts = 3\r\n+++\r\nTekst\r\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := readPage(path)
	if err != nil || p.Err != nil {
		t.Fatalf("readPage: %v / %v", err, p.Err)
	}
	if p.Front.Title != "Agenda" || p.Front.Layout != "agenda" {
		t.Errorf("front matter = %+v", p.Front)
	}
	if len(p.Undecoded) != 1 || p.Undecoded[0].String() != "minuts" {
		t.Fatalf("Undecoded = %v, want [minuts]", p.Undecoded)
	}
	if lines := p.Lines("minuts"); len(lines) != 1 || lines[0] != 4 {
		t.Errorf("minuts on lines %v, want [4]", lines)
	}
	if p.BodyLine != 6 {
		t.Errorf("BodyLine = %d, want 6", p.BodyLine)
	}
}

func TestLoadOrdersDefaultLanguageFirst(t *testing.T) {
	root := t.TempDir()
	cfg := "defaultContentLanguage = \"nl\"\n[languages.de]\nweight = 1\ncontentDir = \"content/de\"\n[languages.nl]\nweight = 2\ncontentDir = \"content/nl\"\n"
	os.WriteFile(filepath.Join(root, "config.toml"), []byte(cfg), 0o644)
	os.MkdirAll(filepath.Join(root, "content", "nl"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "nl", "_index.md"), []byte("+++\ntitle = \"Start\"\n+++\n"), 0o644)
	site, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if site.Languages[0].Code != "nl" {
		t.Errorf("languages = %+v, want nl (the default) first", site.Languages)
	}
	if len(site.Pages) != 1 || site.Pages[0].File != "content/nl/_index.md" || site.Pages[0].Lang != "nl" {
		t.Errorf("pages = %+v", site.Pages)
	}
}

func TestTexts(t *testing.T) {
	p := parsePage([]byte("+++\ntitle = \"T\"\ndescription = \"D\"\n[params]\nmethod = \"m\"\nfrequency = \"F\"\n[[params.agenda]]\nid = \"a\"\ntitle = \"A\"\npurpose = \"P\"\n  [[params.agenda.questions]]\n  id = \"q\"\n  asks = \"manager\"\n  text = \"Q\"\n  [[params.agenda.fields]]\n  id = \"f\"\n  kind = \"rating\"\n  label = \"L\"\n  hint = \"H\"\n  options = [{value = \"1\", label = \"O\"}]\n+++\nbody\n"))
	var got []string
	for _, x := range p.Texts {
		got = append(got, x.Path+"="+x.Value+"@"+fmt.Sprint(p.Line(x.Path)))
	}
	want := "title=T@2 description=D@3 params.frequency=F@6 params.agenda[0].title=A@9 params.agenda[0].purpose=P@10 params.agenda[0].questions[0].text=Q@14 params.agenda[0].fields[0].label=L@18 params.agenda[0].fields[0].hint=H@19 params.agenda[0].fields[0].options[0].label=O@20"
	if strings.Join(got, " ") != want {
		t.Errorf("texts:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}
