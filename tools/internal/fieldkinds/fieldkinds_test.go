package fieldkinds

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestProjectFile: the project's own file reads without a problem, and
// its kinds are those the content model documents.
func TestProjectFile(t *testing.T) {
	r, problems := Load("../../..")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(r.Kinds) < 2 {
		t.Fatalf("%d kinds", len(r.Kinds))
	}
	for _, k := range r.Kinds {
		if k.Line < 1 {
			t.Errorf("kind %q has no line", k.Name)
		}
	}
}

// TestParseProblems: each mistake is named with its line and a fix, and
// nothing is returned to build from.
func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name, text string
		line       int
		message    string
		fix        string
	}{
		{"unknown key", "[text]\nwhat = \"x\"\nitem = [1, 2]\n", 3, "unknown key text.item", "may have items or options"},
		{"no what", "[text]\n\n[date]\nwhat = \"d\"\n", 1, `kind "text" says not what it is`, `add what = "…"`},
		{"range backwards", "[list]\nwhat = \"l\"\nitems = [10, 1]\n", 3, "items = [10 1] is no range", "least first"},
		{"range of one", "[list]\nwhat = \"l\"\noptions = [3]\n", 3, "options = [3] is no range", "[least, most]"},
		{"negative", "[list]\nwhat = \"l\"\nitems = [-1, 3]\n", 3, "is no range", "whole numbers"},
		{"not a name", "[Free-Text]\nwhat = \"x\"\n", 1, `kind "Free-Text" is not a valid name`, "lower-case letters"},
		// the line of the unclosed [date, not the one after it
		{"not TOML", "[text]\nwhat = \"x\"\n\n[date\n", 4, "not valid TOML", "one [<kind>] table per kind"},
		{"wrong type", "[text]\nwhat = 3\n", 2, "what is not text", "in quotes"},
		{"not a table", "text = \"x\"\n", 1, "text is not a table", "make it a table"},
		{"range of text", "[list]\nwhat = \"l\"\nitems = [\"1\", \"3\"]\n", 3, "is no range", "two whole numbers"},
		{"empty", "# nothing\n", 1, "no field kinds", "add one [<kind>] table"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, problems := Parse(c.text)
			if r != nil {
				t.Errorf("a registry was returned beside problems")
			}
			for _, p := range problems {
				if p.File == File && p.Line == c.line && strings.Contains(p.Message, c.message) && strings.Contains(p.Fix, c.fix) {
					return
				}
			}
			t.Errorf("want %s:%d: …%s… (fix …%s…); got %v", File, c.line, c.message, c.fix, problems)
		})
	}
}

// TestRoundTrip: over generated registries, what is written is what is
// read: the kinds in the file's order, each with its ranges and line.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 12))
	letters := "abcdefghijklmnopqrstuvwxyz"
	for range 300 {
		var want []Kind
		var b strings.Builder
		b.WriteString("# generated\n")
		line := 1
		seen := map[string]bool{}
		for range 1 + rng.IntN(8) {
			var name []byte
			for range 1 + rng.IntN(9) {
				name = append(name, letters[rng.IntN(len(letters))])
			}
			if seen[string(name)] {
				continue
			}
			seen[string(name)] = true
			k := Kind{Name: string(name), What: fmt.Sprintf("kind %d", len(want))}
			line += 2
			fmt.Fprintf(&b, "\n[%s]\nwhat = %q\n", k.Name, k.What)
			k.Line = line
			line++
			if rng.IntN(3) == 0 {
				least := rng.IntN(5)
				k.Items = &Range{least, least + rng.IntN(9)}
				fmt.Fprintf(&b, "items = [%d, %d]\n", k.Items.Least, k.Items.Most)
				line++
			}
			if rng.IntN(3) == 0 {
				least := rng.IntN(5)
				k.Options = &Range{least, least + rng.IntN(9)}
				fmt.Fprintf(&b, "options = [%d, %d]\n", k.Options.Least, k.Options.Most)
				line++
			}
			want = append(want, k)
		}
		r, problems := Parse(b.String())
		if len(problems) > 0 {
			t.Fatalf("%s\n%v", b.String(), problems)
		}
		if !slices.EqualFunc(r.Kinds, want, sameKind) {
			t.Fatalf("%s\nread %+v\nwant %+v", b.String(), r.Kinds, want)
		}
	}
}

func sameKind(a, b Kind) bool {
	sameRange := func(x, y *Range) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Name == b.Name && a.What == b.What && a.Line == b.Line && sameRange(a.Items, b.Items) && sameRange(a.Options, b.Options)
}

var update = flag.Bool("update", false, "rewrite docs/content-model.md's table of field kinds from data/fieldkinds.toml")

// TestDocsTable: the content model's table of field kinds is made from
// data/fieldkinds.toml (-update rewrites it), so the two never differ.
func TestDocsTable(t *testing.T) {
	const doc = "../../../docs/content-model.md"
	const begin, end = "<!-- fieldkinds: made from data/fieldkinds.toml; go test ./tools/internal/fieldkinds -run TestDocsTable -update -->\n", "<!-- /fieldkinds -->\n"
	r, problems := Load("../../..")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no table between %q and %q", doc, begin, end)
	}
	want := DocsTable(r)
	if got := text[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(doc, []byte(text[:i+len(begin)]+want+text[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s's table of field kinds is not data/fieldkinds.toml's; run with -update. Want:\n%s", doc, want)
	}
}
