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
// (data/form_messages.toml lists them: form_msg_<key>), exists in every
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
	// The form's messages: data/form_messages.toml, the one list.
	var form struct{ Plain, Counted []string }
	listFile := filepath.Join(root, "data", "form_messages.toml")
	if _, err := toml.DecodeFile(listFile, &form); err != nil {
		t.Fatal(err)
	}
	if len(form.Plain) < 50 || len(form.Counted) < 5 {
		t.Fatalf("%s lists %d plain and %d counted messages: has its shape changed?", listFile, len(form.Plain), len(form.Counted))
	}
	for _, k := range append(form.Plain, form.Counted...) {
		wanted["form_msg_"+k] = listFile
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
