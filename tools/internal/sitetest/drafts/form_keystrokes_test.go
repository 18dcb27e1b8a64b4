package drafts

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormNoLostKeystrokes: text typed at full speed (0 ms between keys,
// no pause between fields) into five fields, three of them cells of the
// agreements tables, is all kept: on the screen once the autosave has
// run, in storage, in a second tab open on the same draft (where each
// save arrives through the storage event and is written into the
// fields), and after a reload. Two tries, each in a new draft: the race
// it guards against (a save or a change from storage putting back a value
// read before the last keys) lost text in three tries of three.
func TestFormNoLostKeystrokes(t *testing.T) {
	t.Parallel()
	fields := []string{
		"#f-meta-department",
		"#f-resultaatafspraken-1-what",
		"#f-resultaatafspraken-1-who",
		"#f-competenties",
		"#f-ontwikkelafspraken-1-what",
	}
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	other := f.NewTab()
	for try := 1; try <= 2; try++ {
		if try > 1 {
			f.Click(`[data-action="new"]`)
			f.Poll(`document.querySelector("#f-meta-department").value == ""`)
		}
		// The draft is stored under its name, and the second tab opens it.
		name := fmt.Sprintf("Snel typen %d", try)
		f.TypeInto("#draft-name", name)
		f.WaitSaved(name)
		other.Open(sitetest.NLForm)
		if v := other.Value("#draft-name"); v != name {
			t.Fatalf("try %d: the second tab opened draft %q, want %q", try, v, name)
		}
		f.Run() // back to the first tab, which gets the keys
		want := map[string]string{}
		var keys []chromedp.Action
		for i, sel := range fields {
			text := fmt.Sprintf("Poging %d veld %d: snel getypt, zonder pauze", try, i+1)
			want[sel] = text
			keys = append(keys, chromedp.SendKeys(sel, text, chromedp.ByQuery))
		}
		f.Run(keys...)
		for sel, text := range want {
			f.WaitSaved(text)
			if v := f.Value(sel); v != text {
				t.Errorf("try %d: after saving, %s holds %q, typed %q", try, sel, v, text)
			}
		}
		for sel, text := range want {
			other.WaitValue(sel, text)
		}
		f.Reload()
		for sel, text := range want {
			if v := f.Value(sel); v != text {
				t.Errorf("try %d: after a reload, %s holds %q, typed %q", try, sel, v, text)
			}
		}
	}
}
