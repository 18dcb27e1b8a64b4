package drafts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestDraftReload: what a person types into a form (the draft's name, a
// line, a long text, a cell of the agreements table) is saved as she
// types and is all there again after a reload.
func TestDraftReload(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		fields := []string{"#draft-name", "#f-meta-department", "#f-competenties", "#f-resultaatafspraken-1-what"}
		want := map[string]string{
			"#draft-name":                  "Gesprek met Fatma",
			"#f-meta-department":           "Klantcontact – één team",
			"#f-competenties":              "Plannen en prioriteren; Grüße aus Köln",
			"#f-resultaatafspraken-1-what": "Wachttijd halveren",
		}
		for _, sel := range fields {
			f.TypeInto(sel, want[sel])
		}
		f.WaitSaved("Wachttijd halveren")
		f.Reload()
		for sel, v := range want {
			if got := f.Value(sel); got != v {
				t.Errorf("after a reload %s holds %q, want %q", sel, got, v)
			}
		}
	})
}

// TestTwoTabs: the form open twice in one browser works on one draft: an
// edit in either tab arrives in the other (through the storage event),
// and after a reload both edits are there.
func TestTwoTabs(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, one *sitetest.Form) {
		one.Open(sitetest.NLForm)
		one.TypeInto("#draft-name", "Twee tabbladen")
		one.WaitSaved("Twee tabbladen")
		two := one.NewTab()
		two.Open(sitetest.NLForm)
		if v := two.Value("#draft-name"); v != "Twee tabbladen" {
			t.Fatalf("the second tab opened draft %q, want the same draft", v)
		}
		one.TypeInto("#f-meta-department", "Afdeling uit tab 1")
		one.WaitSaved("Afdeling uit tab 1")
		two.WaitValue("#f-meta-department", "Afdeling uit tab 1")
		two.TypeInto("#f-competenties", "Competenties uit tab 2")
		two.WaitSaved("Competenties uit tab 2")
		one.WaitValue("#f-competenties", "Competenties uit tab 2")
		for i, tab := range []*sitetest.Form{one, two} {
			tab.Reload()
			for sel, want := range map[string]string{"#f-meta-department": "Afdeling uit tab 1", "#f-competenties": "Competenties uit tab 2"} {
				if v := tab.Value(sel); v != want {
					t.Errorf("tab %d, after a reload: %s is %q, want %q", i+1, sel, v, want)
				}
			}
		}
	})
}

// TestNoLostKeystrokes: text typed at full speed (no pause between keys,
// none between fields) into five fields, three of them cells of the
// agreements tables, is all kept: on the screen once the autosave has
// run, in storage, and after a reload. The race it guards against (a
// save putting back a value read before the last keys) lost text in
// Chromium in three tries of three (the drafts package tries twice, in
// Chromium, with a second tab).
func TestNoLostKeystrokes(t *testing.T) {
	fields := []string{
		"#f-meta-department",
		"#f-resultaatafspraken-1-what",
		"#f-resultaatafspraken-1-who",
		"#f-competenties",
		"#f-ontwikkelafspraken-1-what",
	}
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		{
			const try = 1
			f.TypeInto("#draft-name", fmt.Sprintf("Snel typen %d", try))
			want := map[string]string{}
			// One key command per field, straight after each other: each
			// types its text with no pause between keys, focusing its
			// field first.
			for i, sel := range fields {
				text := fmt.Sprintf("Poging %d veld %d: snel getypt, zonder pauze", try, i+1)
				want[sel] = text
				if err := f.Tab.Keys(sel, text); err != nil {
					t.Fatal(err)
				}
			}
			for sel, text := range want {
				f.WaitSaved(text)
				if v := f.Value(sel); v != text {
					t.Errorf("try %d: after saving, %s holds %q, typed %q", try, sel, v, text)
				}
			}
			f.Reload()
			for sel, text := range want {
				if v := f.Value(sel); v != text {
					t.Errorf("try %d: after a reload, %s holds %q, typed %q", try, sel, v, text)
				}
			}
		}
	})
}

// TestStorageKept: the page says whether this browser keeps the drafts
// when space runs low (navigator.storage.persist). Where the browser has
// no such API the page does not pretend: it says nothing about it, and
// the notice that browsers may delete the drafts (export or print to
// keep them) is there, as everywhere.
func TestStorageKept(t *testing.T) {
	sitetest.EachEngineOn(t, built, func(t *testing.T, f *sitetest.Form) {
		f.Open(sitetest.NLForm)
		var has bool
		f.Eval(`!!navigator.storage?.persist`, &has)
		f.Reveal(".storage-notice") // in the drafts menu
		notice := f.Text(".storage-notice")
		if !strings.Contains(notice, "Exporteer of print daarom wat je wilt bewaren") {
			t.Errorf("the storage notice says %q, want the advice to export or print", notice)
		}
		var visible bool
		f.Eval(`document.querySelector(".storage-notice").checkVisibility()`, &visible)
		if !visible {
			t.Errorf("the storage notice is not shown")
		}
		if !has {
			if s := f.Text("#persist-state"); s != "" {
				t.Errorf("without navigator.storage.persist the page says %q about keeping the drafts", s)
			}
			t.Logf("%s: no navigator.storage.persist: degraded (the page says only that browsers may delete drafts)", f.Engine.Name)
			return
		}
		f.TypeInto("#draft-name", "Blijft het?")
		f.WaitSaved("Blijft het?")
		s := f.TextWhen("#persist-state", "Deze browser")
		if !strings.Contains(s, "Deze browser bewaart") && !strings.Contains(s, "Deze browser mag") {
			t.Errorf("the page says %q about keeping the drafts, want whether this browser keeps them", s)
		}
		t.Logf("%s: navigator.storage.persist: %q", f.Engine.Name, s)
	})
}
