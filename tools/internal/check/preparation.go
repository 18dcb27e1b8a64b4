package check

import (
	"fmt"
	"unicode/utf8"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// The preparation sheet must print on one A4 page. Its height is
// estimated from what it holds, in tenths of a millimetre, with sizes
// measured in Chromium's A4 print of layouts/preparation.html; that
// layout computes the lines to write on with the same numbers, and a test
// prints the fullest sheet check allows (TestPreparationSheetAtItsLimit).
// Keep the three in step when the sheet's print styles change.
const (
	SheetRoom       = 2150 // below the sheet's header, for the agenda items
	SheetItem       = 65   // an agenda item's heading
	SheetTextLine   = 60   // a line of question text
	SheetWriteLine  = 65   // a line to write on
	SheetQuestion   = 15   // the space after a question
	SheetLineChars  = 80   // characters of question text on a line
	SheetAsksChars  = 15   // the role's label before the text, in characters
	SheetMinWriting = 2    // lines to write on under each question, at least
)

// SheetHeight estimates the height of a method's preparation sheet with
// writing lines under each question, and returns it with the path of the
// first question that no longer fits one page ("" if all fit).
func SheetHeight(m content.Params, writing int) (height int, overflow string) {
	height = 0
	for i, item := range m.Agenda {
		counted := false
		for j, q := range item.Questions {
			if !q.Prepare {
				continue
			}
			if !counted {
				height += SheetItem
				counted = true
			}
			height += SheetTextLine*SheetTextLines(q.Text) + SheetWriteLine*writing + SheetQuestion
			if height > SheetRoom && overflow == "" {
				overflow = fmt.Sprintf("params.agenda[%d].questions[%d]", i, j)
			}
		}
	}
	return height, overflow
}

// SheetTextLines is how many lines a question's text takes on the sheet.
func SheetTextLines(text string) int {
	return (utf8.RuneCountInString(text) + SheetAsksChars + SheetLineChars - 1) / SheetLineChars
}

// checkPreparationSheet: what a method marks prepare = true fits one
// printed page with the fewest lines to write on.
func checkPreparationSheet(r *report, p *content.Page) {
	height, overflow := SheetHeight(p.Front.Params, SheetMinWriting)
	if overflow == "" {
		return
	}
	r.add(p.File, p.Line(overflow+".prepare"), "mark fewer questions prepare = true, or shorten them: keep the ones a party should think about beforehand",
		"the preparation sheet would not fit one A4 page (about %d mm of questions where %d mm fit); it overflows from this question on", height/10, SheetRoom/10)
}
