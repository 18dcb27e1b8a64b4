package check

import (
	"fmt"
	"unicode/utf8"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/content"
)

// Each party of a method (a role in roles) gets a preparation sheet of
// its own with the questions it answers: those marked prepare = true and
// asked by the other party or by both. The content adapter
// (layouts/_partials/adapter/method-pages.html) and the sheet's layout
// (layouts/preparation.html) choose the same questions: keep them in step
// with OnSheet.
func OnSheet(q content.Question, party string) bool {
	return q.Prepare && q.Asks != party
}

// A sheet must print on one A4 page. Its height is estimated from what it
// holds, in tenths of a millimetre, with sizes measured in Chromium's A4
// print of layouts/preparation.html; that layout computes the lines to
// write on with the same numbers, and a test prints the fullest sheet
// check allows (TestPreparationSheetAtItsLimit). Keep the three in step
// when the sheet's print styles change.
const (
	SheetRoom       = 2080 // below the sheet's header (with the line naming the party), for the agenda items
	SheetItem       = 65   // an agenda item's heading
	SheetTextLine   = 60   // a line of question text
	SheetWriteLine  = 65   // a line to write on
	SheetQuestion   = 15   // the space after a question
	SheetLineChars  = 80   // characters of question text on a line
	SheetAsksChars  = 36   // the role's label before the text, in characters: the longest, "MITARBEITERIN ODER MITARBEITER", in capitals
	SheetMinWriting = 2    // lines to write on under each question, at least
	SheetMaxWriting = 8    // lines to write on under each question, at most
)

// SheetHeight estimates the height of party's preparation sheet with
// writing lines under each question, and returns it with the path of the
// first question that no longer fits one page ("" if all fit).
func SheetHeight(m content.Params, party string, writing int) (height int, overflow string) {
	height = 0
	for i, item := range m.Agenda {
		counted := false
		for j, q := range item.Questions {
			if !OnSheet(q, party) {
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

// checkPreparationSheets: every party has questions to prepare, and what
// is on each party's sheet fits one printed page with the fewest lines to
// write on.
func checkPreparationSheets(r *report, p *content.Page) {
	m := p.Front.Params
	any := false
	for _, item := range m.Agenda {
		for _, q := range item.Questions {
			any = any || q.Prepare
		}
	}
	if !any {
		return // reported by checkMethod: no question is marked at all
	}
	for _, party := range m.Roles {
		n := 0
		for _, item := range m.Agenda {
			for _, q := range item.Questions {
				if OnSheet(q, party) {
					n++
				}
			}
		}
		if n == 0 {
			r.add(p.File, p.Line("params.roles"), fmt.Sprintf("mark prepare = true on a question the %s answers: one asked by the other party or by both", party),
				"the %s has no question to prepare, so gets no preparation sheet", party)
			continue
		}
		height, overflow := SheetHeight(m, party, SheetMinWriting)
		if overflow == "" {
			continue
		}
		r.add(p.File, p.Line(overflow+".prepare"), "mark fewer questions prepare = true, or shorten them: keep the ones a party should think about beforehand",
			"the %s's preparation sheet would not fit one A4 page (about %d mm of questions where %d mm fit); it overflows from this question on", party, height/10, SheetRoom/10)
	}
}
