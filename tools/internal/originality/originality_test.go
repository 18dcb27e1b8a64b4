package originality

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/testenv"
)

func TestSharedRuns(t *testing.T) {
	source := "Het planningsgesprek vindt in de regel aan het begin van het jaar plaats."
	tests := []struct {
		name, text string
		want       []string
	}{
		{"own words", "Plan het gesprek in januari of februari, aan de start van de cyclus.", nil},
		{"six shared words are allowed", "Dat vindt in de regel aan het eind plaats.", nil},
		{"seven shared words are copied", "Ons gesprek vindt, in de regel, aan het begin plaats.",
			[]string{"vindt in de regel aan het begin"}},
		{"case and punctuation do not hide a copy", "VINDT IN DE REGEL AAN HET BEGIN!",
			[]string{"vindt in de regel aan het begin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SharedRuns(tt.text, source, Limit); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SharedRuns = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestContentIsOwnWords checks every content file against every seed text.
func TestContentIsOwnWords(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	seedDir := filepath.Join(root, "..", "shared", "seeds")
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(seeds) == 0 {
		testenv.Unavailable(t, fmt.Sprintf("no seed texts in %s: the originality check needs the shared/ folder beside the repository", seedDir))
	}
	var sources []string
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(b))
	}
	checked := 0
	err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for i, source := range sources {
			for _, run := range SharedRuns(string(b), source, Limit) {
				t.Errorf("%s shares %d words in a row with %s: %q; say it in your own words",
					path, Limit, filepath.Base(seeds[i]), run)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no content files found to check")
	}
}
