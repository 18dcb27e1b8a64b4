package drafts

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// TestFormDraftNameSelectedOnFocus: the draft name comes filled in
// ("Concept 1"); a click or tap into it, or reaching it by keyboard,
// selects it whole, so that what is typed replaces it (a phone user
// cannot easily select the text by touch). The keys are sent straight
// after focusing, without selecting anything first.
func TestFormDraftNameSelectedOnFocus(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	selected := `(() => { const el = document.querySelector("#draft-name");
		return document.activeElement == el && el.value != "" && el.selectionStart == 0 && el.selectionEnd == el.value.length })()`
	for i, focus := range []chromedp.Action{
		chromedp.Click("#draft-name", chromedp.ByQuery), // mouse down and up, as a click or tap
		chromedp.Focus("#draft-name", chromedp.ByQuery), // as Tab would
	} {
		f.Reveal("#draft-name")
		f.Eval(`document.activeElement.blur(), true`, nil)
		f.Run(focus)
		f.Poll(selected)
		name := fmt.Sprintf("Gesprek %d", i+1)
		f.Run(chromedp.KeyEvent(name))
		f.WaitSaved(name)
		if v := f.Value("#draft-name"); v != name {
			t.Errorf("focus %d: typing into the focused name gave %q, want %q", i+1, v, name)
		}
	}
}
