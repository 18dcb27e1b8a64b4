package ergonomics

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// fieldRoles are the roles of what a person fills in, and of the groups
// that hold choices. A radio button's own name ("Agree") may repeat, as
// its group's name says what it answers; a date field's day, month and
// year parts are named by the browser alone and are not among them.
var fieldRoles = []string{"textbox", "combobox", "checkbox", "date", "DateTime", "InputTime", "radiogroup", "group", "listbox", "slider"}

// fieldNames returns, for each accessible name of a field or group on
// the page as the browser computes it, how many fields carry it; and the
// fields that have none.
func fieldNames(ctx context.Context) (names map[string]int, nameless []string, err error) {
	nodes, err := accessibility.GetFullAXTree().Do(ctx)
	if err != nil {
		return nil, nil, err
	}
	names = map[string]int{}
	for _, n := range nodes {
		if n.Ignored || n.Role == nil {
			continue
		}
		var role string
		json.Unmarshal(n.Role.Value, &role)
		if !slices.Contains(fieldRoles, role) {
			continue
		}
		var name string
		if n.Name != nil {
			json.Unmarshal(n.Name.Value, &name)
		}
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			if role != "group" { // a group without a name is only a box
				nameless = append(nameless, fmt.Sprintf("%s %s", role, n.NodeID))
			}
			continue
		}
		names[role+": "+name]++
	}
	return names, nameless, nil
}

// TestFieldNamesAreUnique: on every form page, in both languages, every
// field's accessible name is its own, so that jumping from field to field
// with a screen reader says where one is: "Agreements, Agreement 2, What",
// "Manager Name", not "What 1" four times and "Name" twice. Rows added by
// the script are named the same way.
func TestFieldNamesAreUnique(t *testing.T) {
	t.Parallel()
	base := sitetest.Serve(t, built)
	ctx := sitetest.Browser(t)
	for _, u := range sitetest.PagesOfFamily(t, built, sitetest.Drafts) {
		var names map[string]int
		var nameless []string
		err := chromedp.Run(ctx, chromedp.Navigate(base+u), sitetest.Until(sitetest.ScriptReady+` || !!document.querySelector("#conversations")`),
			// Every table gets a row more, added as a person adds one.
			chromedp.Evaluate(`document.querySelectorAll("[data-add-row]").forEach(b => b.click()); true`, nil),
			chromedp.ActionFunc(func(ctx context.Context) (err error) {
				names, nameless, err = fieldNames(ctx)
				return err
			}))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		for name, n := range names {
			if n > 1 {
				t.Errorf("%s: %d fields are called %q", u, n, name)
			}
		}
		if len(nameless) > 0 {
			t.Errorf("%s: fields without a name: %v", u, nameless)
		}
		if u == sitetest.NLForm && names["textbox: Resultaatafspraken Afspraak 2 Wat"] != 1 {
			t.Errorf("%s: the second agreement's first field is not called \"Resultaatafspraken Afspraak 2 Wat\"; names: %v", u, names)
		}
	}
}
