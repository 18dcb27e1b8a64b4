package check

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestEveryMessageInEveryLanguage: every interface string the templates
// ask for by name (T "key"), and every message the form's script gets
// (form/site-config.html lists them: form_msg_<key>), exists in every
// language's i18n file. Hugo shows nothing, not an error, for a missing
// one: a reader would see an empty button or status line.
func TestEveryMessageInEveryLanguage(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	wanted := map[string]string{} // key → where it is asked for
	literal := regexp.MustCompile(`\bT "([a-z0-9_]+)"`)
	err := filepath.WalkDir(filepath.Join(root, "layouts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			wanted[m[1]] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(root, "layouts", "_partials", "form", "site-config.html")
	b, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	// The two lists of the form's message keys: `range slice "a" "b" …`
	// followed by `form_msg_%s`.
	lists := regexp.MustCompile(`(?s)range slice((?:\s+"[a-z0-9_]+")+)\s*}}\s*{{-?\s*(?:\$msg|\$key)`).FindAllStringSubmatch(string(b), -1)
	if len(lists) != 2 {
		t.Fatalf("%s: found %d lists of message keys, want 2 (plain and plural): has its shape changed?", config, len(lists))
	}
	for _, l := range lists {
		for _, k := range regexp.MustCompile(`"([a-z0-9_]+)"`).FindAllStringSubmatch(l[1], -1) {
			wanted["form_msg_"+k[1]] = config
		}
	}
	files, _ := filepath.Glob(filepath.Join(root, "i18n", "*.toml"))
	if len(files) < 2 {
		t.Fatalf("found %d i18n files, want one per language", len(files))
	}
	for _, f := range files {
		var strs map[string]any
		if _, err := toml.DecodeFile(f, &strs); err != nil {
			t.Fatal(err)
		}
		var missing []string
		for k, where := range wanted {
			if _, ok := strs[k]; !ok {
				missing = append(missing, k+" (asked for in "+where+")")
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s lacks %s", f, m)
		}
	}
	if len(wanted) < 100 {
		t.Errorf("found only %d message keys in the templates: is the pattern still right?", len(wanted))
	}
}
