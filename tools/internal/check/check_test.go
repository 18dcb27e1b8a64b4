package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	nlGuide = "content/nl/gesprekken/proefgesprek/_index.md"
	deGuide = "content/de/gespraeche/probegespraech/_index.md"
)

// copyValid copies testdata/valid into a temporary site to break.
func copyValid(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, root, file, old, new string) {
	t.Helper()
	path := filepath.Join(root, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("fixture %s does not contain %q", file, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestValidFixtureHasNoProblems(t *testing.T) {
	problems, err := Site("testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
}

func TestSeededFaults(t *testing.T) {
	type want struct {
		file    string
		line    int
		message string // a part of the message
		fix     string // a part of the fix
	}
	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		want   []want
	}{
		{
			name: "missing German page",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, deGuide))
			},
			want: []want{{nlGuide, 8, `method "proefgesprek" has no de version`, "content/de/gespraeche/<slug>/_index.md"}},
		},
		{
			name: "agenda item missing in one language",
			break_: func(t *testing.T, root string) {
				b, _ := os.ReadFile(filepath.Join(root, deGuide))
				s := string(b)
				start := strings.Index(s, "[[params.agenda]]\nid = \"afspraken\"")
				end := strings.Index(s, "+++\n## ")
				os.WriteFile(filepath.Join(root, deGuide), []byte(s[:start]+s[end:]), 0o644)
			},
			want: []want{{deGuide, 12, `agenda item "afspraken" is missing`, "as item 2"}},
		},
		{
			name: "duplicate id",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `id = "successen"`, `id = "afspraken"`)
			},
			want: []want{{nlGuide, 40, `duplicate field id "afspraken" (first at line 35)`, "its own id"}},
		},
		{
			name: "unknown field kind",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, `kind = "list"`, `kind = "lsit"`)
			},
			want: []want{
				{deGuide, 41, `field "successen" has unknown kind "lsit"`, `did you mean "list"?`},
				{deGuide, 39, `field "successen" has kind = lsit, items = 3 here but kind = list, items = 3`, "set kind = list"},
			},
		},
		{
			name: "bad TOML",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `minutes = 20`, `minutes = `)
			},
			want: []want{{nlGuide, 26, "front matter is not valid TOML", "valid TOML"}},
		},
		{
			name: "misspelt key",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `minutes = 20`, `minuts = 20`)
			},
			want: []want{
				{nlGuide, 26, `unknown key "params.agenda.minuts"`, `did you mean "minutes"?`},
				{nlGuide, 23, `agenda item "afspraken" has 0 minutes`, "1 to 240"},
			},
		},
		{
			name: "unknown role",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `asks = "both"`, `asks = "boss"`)
			},
			want: []want{{nlGuide, 31, `unknown role "boss"`, "manager, employee"}},
		},
		{
			name: "guide section missing",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "## Verloop {#course}\n", "")
			},
			want: []want{{deGuide, 45, "the guide has no section {#course}", `"## … {#course}"`}},
		},
		{
			name: "question list page missing",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, "content/de/gespraeche/probegespraech/fragen.md"))
			},
			want: []want{{deGuide, 1, `method "proefgesprek" has no questions page`, `translationKey = "proefgesprek/questions"`}},
		},
		{
			name: "form page missing",
			break_: func(t *testing.T, root string) {
				os.Remove(filepath.Join(root, "content/nl/gesprekken/proefgesprek/formulier.md"))
			},
			want: []want{{nlGuide, 1, `method "proefgesprek" has no form page`, `translationKey = "proefgesprek/form"`}},
		},
		{
			name: "unknown signoff mode",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `form_version = 1`, "form_version = 1\nsignoff = \"sing\"")
			},
			want: []want{{nlGuide, 10, `unknown signoff "sing"`, `signoff = "summary"`}},
		},
		{
			name: "records section before the follow-up",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, "## Vastleggen {#followup}\n## Dossier {#records}", "## Dossier {#records}\n## Vastleggen {#followup}")
			},
			want: []want{{nlGuide, 45, "the guide's sections are out of order", "followup, records"}},
		},
		{
			name: "no records section",
			break_: func(t *testing.T, root string) {
				edit(t, root, deGuide, "## Dossier {#records}\n", "")
			},
			want: []want{{deGuide, 45, "the guide has no section {#records}", `"## … {#records}"`}},
		},
		{
			name: "question asked by someone who is not in the conversation",
			break_: func(t *testing.T, root string) {
				edit(t, root, nlGuide, `asks = "manager"`, `asks = "customer"`)
			},
			want: []want{{nlGuide, 20, `is asked by "customer", who does not take part`, "(manager, employee) or both"}},
		},
		{
			name: "interface string missing in one language",
			break_: func(t *testing.T, root string) {
				edit(t, root, "i18n/de.toml", `greeting = "x"`, ``)
			},
			want: []want{{"i18n/de.toml", 1, `interface string "greeting" is missing`, "i18n/nl.toml:1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyValid(t)
			tt.break_(t, root)
			problems, err := Site(root)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				found := false
				for _, p := range problems {
					if p.File == w.file && p.Line == w.line && strings.Contains(p.Message, w.message) && strings.Contains(p.Fix, w.fix) {
						found = true
					}
				}
				if !found {
					t.Errorf("want %s:%d: …%s… (fix: …%s…); got:\n%s", w.file, w.line, w.message, w.fix, list(problems))
				}
			}
		})
	}
}

// TestOptionalSchema: a signoff mode and a question for the preparation
// sheet are both accepted.
func TestOptionalSchema(t *testing.T) {
	root := copyValid(t)
	edit(t, root, nlGuide, `form_version = 1`, "form_version = 1\nsignoff = \"summary\"")
	edit(t, root, nlGuide, `text = "Wat verwacht je?"`, "text = \"Wat verwacht je?\"\n  prepare = true")
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("unexpected problem: %s", p)
	}
}

// TestAllProblemsAtOnce: several faults in several files are all reported.
func TestAllProblemsAtOnce(t *testing.T) {
	root := copyValid(t)
	edit(t, root, nlGuide, `kind = "list"`, `kind = "lsit"`)
	edit(t, root, deGuide, `asks = "manager"`, `asks = "chef"`)
	edit(t, root, "content/de/_index.md", `title = "Start"`, `title = `)
	problems, err := Site(root)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, p := range problems {
		files[p.File] = true
	}
	for _, f := range []string{nlGuide, deGuide, "content/de/_index.md"} {
		if !files[f] {
			t.Errorf("no problem reported in %s; got:\n%s", f, list(problems))
		}
	}
}

func list(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}
