package sitetest

import "fmt"

// Confirm answers the page's own yes/no dialog (form/confirm.html), which
// an action such as delete opens: it waits until the dialog is open,
// clicks yes or cancel as a person would, waits until it has closed, and
// returns the question it asked.
func (f *Form) Confirm(yes bool) string {
	f.T.Helper()
	f.Poll(`document.querySelector("#confirm-dialog")?.open === true`)
	question := f.Text("#confirm-question")
	answer := "no"
	if yes {
		answer = "yes"
	}
	f.Click(fmt.Sprintf(`#confirm-dialog button[value=%s]`, answer))
	f.Poll(`!document.querySelector("#confirm-dialog").open`)
	return question
}
