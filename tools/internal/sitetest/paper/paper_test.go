package paper

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"
)

// typical fills a form as a conversation typically leaves it: a name or a
// few words in each short field, two sentences in each long one, one in
// each agreement (what is to be done, in a line), the rows
// the form starts with filled in, a choice made in each group, and both
// parties' signatures. Private notes stay private (they do not print).
const typical = `(() => {
	const one = "Cursus plannen en volgen voor de zomer.";
	const two = "We bespraken hoe het werk verliep en wat beter kan. De afspraak is dat we over drie maanden kijken of het gelukt is.";
	for (const el of document.querySelectorAll("#gw-form input:not([type=hidden]), #gw-form textarea, #gw-form select")) {
		if (el.closest(".private")) continue;
		if (el.tagName == "SELECT") el.selectedIndex = 1;
		else if (el.type == "radio") { if (el.value == "agree" || !el.closest("[data-sign]") && el.matches(".choice-options > :nth-child(2) input")) el.checked = true; }
		else if (el.type == "checkbox") el.checked = true;
		else if (el.type == "date") el.value = "2027-03-15";
		else if (el.tagName == "TEXTAREA") el.value = el.closest("td") ? one : two;
		else el.value = "Jan de Vries";
		el.dispatchEvent(new Event(el.type == "radio" ? "change" : "input", {bubbles: true}));
	}
	return [...document.querySelectorAll("main h1, main h2, main h3")].map(h => h.textContent.trim().replace(/\s+/g, " "));
})()`

// TestFilledFormsPrintWell: a typically filled appraisal form, in both
// languages, prints on at most two A4 pages, and no page ends with a
// heading whose content went to the next page.
func TestFilledFormsPrintWell(t *testing.T) {
	t.Parallel()
	base := sitetest.Serve(t, built)
	for _, u := range []string{"/gesprekken/functioneringsgesprek/formulier/", "/gesprekken/beoordelingsgesprek/formulier/",
		"/de/gespraeche/mitarbeitergespraech/formular/", "/de/gespraeche/beurteilungsgespraech/formular/"} {
		t.Run(strings.Trim(u, "/"), func(t *testing.T) {
			t.Parallel()
			f := sitetest.NewForm(t, base)
			f.Open(u)
			var headings []string
			f.Eval(typical, &headings)
			f.WaitSaved("Jan de Vries")
			var pdf []byte
			f.Run(sitetest.PrintA4(&pdf))
			pages := sitetest.PDFPageTexts(t, pdf)
			if dir := os.Getenv("GESPREKSWIJZER_KEEP_PDF"); dir != "" {
				os.WriteFile(filepath.Join(dir, strings.ReplaceAll(strings.Trim(u, "/"), "/", "_")+".pdf"), pdf, 0o644)
			}
			if len(pages) > 2 {
				t.Errorf("%s filled prints on %d A4 pages, want at most 2", u, len(pages))
			}
			for i, text := range pages[:len(pages)-1] {
				if h := endsWithHeading(text, headings); h != "" {
					t.Errorf("%s: page %d ends with the heading %q; its content is on the next page", u, i+1, h)
				}
			}
		})
	}
}

// endsWithHeading returns the heading among the last two lines of a
// page's text, if any.
func endsWithHeading(page string, headings []string) string {
	var lines []string
	for _, l := range strings.Split(page, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	for _, l := range lines[max(0, len(lines)-2):] {
		for _, h := range headings {
			if l == h {
				return h
			}
		}
	}
	return ""
}

// TestBlankFormPrintsLines: a blank form's choices from a list (the
// status of last time's agreements) and its dates print as lines to
// write on, not as a control cut off at its box ("Nog niet b ⌄").
func TestBlankFormPrintsLines(t *testing.T) {
	t.Parallel()
	base := sitetest.Serve(t, built)
	for _, c := range []struct{ form, option string }{
		{sitetest.NLForm, "Nog niet b"},
		{sitetest.DEForm, "Noch nicht b"},
	} {
		f := sitetest.NewForm(t, base)
		f.Open(c.form)
		var pdf []byte
		f.Run(sitetest.PrintA4(&pdf))
		if text := sitetest.PDFText(t, pdf); strings.Contains(text, c.option) {
			t.Errorf("%s: the blank printout shows the list's first option %q: a select printed", c.form, c.option)
		}
		var lines int
		f.Eval(`document.querySelectorAll(".repeat-table select + .print-value, .field input[type=date] ~ .print-value").length`, &lines)
		if lines == 0 {
			t.Errorf("%s: no writing line stands in for a list or a date", c.form)
		}
	}
}
