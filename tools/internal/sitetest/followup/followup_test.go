package followup

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/sitetest"

	"github.com/emersion/go-ical"
)

// TestFormFollowUp: a follow-up draft, from this draft or from a file,
// takes the dates (this conversation's becomes the previous one, the
// planned next one becomes this one's), unit, period and participants,
// and every agreement to review, with "achieved" where it was done; the
// agreements tables themselves start empty, and nothing else comes along.
func TestFormFollowUp(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.FillAll("Vorig jaar")
	f.SetValue("#f-meta-date", "2026-02-01")
	f.SetValue("#f-meta-next", "2027-02-03")
	// Mark the second agreement of each table done.
	f.Eval(`(() => { for (const t of document.querySelectorAll('[data-agreements]')) {
		const boxes = t.querySelectorAll('[data-col="done"]');
		boxes.forEach((b, i) => { b.checked = i == 1; });
		boxes[0].dispatchEvent(new Event("change", {bubbles: true})); } return true })()`, nil)
	f.TypeInto("#draft-name", "Gesprek 2026")
	f.WaitStored("Gesprek 2026")
	old := f.Snapshot()
	var agreements []map[string]any
	f.Eval(`[...document.querySelectorAll('[data-agreements] tbody tr')].map(r => Object.fromEntries(
		[...r.querySelectorAll("[data-col]")].map(el => [el.dataset.col, el.type == "checkbox" ? el.checked : el.value])))`, &agreements)
	_, file := f.ExportDraft()

	check := func(how string) {
		t.Helper()
		if v := f.Value("#draft-name"); v != "Vervolg op Gesprek 2026" {
			t.Errorf("%s: the follow-up draft is called %q", how, v)
		}
		for id, want := range map[string]any{
			"f-meta-previous": "2026-02-01", "f-meta-date": "2027-02-03", "f-meta-next": "",
			"f-meta-department": old["f-meta-department"], "f-meta-period": old["f-meta-period"],
			"f-competenties": "", "f-vastlegger": "", "f-private-manager": "",
		} {
			if got := f.Snapshot()[id]; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: %s is %q, want %q", how, id, got, want)
			}
		}
		for id, v := range old {
			if strings.HasPrefix(id, "f-meta-participants-") {
				if got := f.Snapshot()[id]; got != v {
					t.Errorf("%s: participant %s is %q, want %q", how, id, got, v)
				}
			}
		}
		var review []map[string]any
		f.Eval(`[...document.querySelectorAll('[data-review] tbody tr')].map(r => Object.fromEntries(
			[...r.querySelectorAll("[data-col]")].map(el => [el.dataset.col, el.value])))`, &review)
		if len(review) != len(agreements) {
			t.Fatalf("%s: %d agreements to review, want all %d of last time", how, len(review), len(agreements))
		}
		for i, a := range agreements {
			status := ""
			if a["done"] == true {
				status = "achieved"
			}
			if r := review[i]; r["what"] != a["what"] || r["who"] != a["who"] || r["due"] != a["due"] || r["status"] != status {
				t.Errorf("%s: review row %d is %v, want %v with status %q", how, i+1, r, a, status)
			}
		}
		var open int
		f.Eval(`[...document.querySelectorAll('[data-agreements] [data-col]')].filter(el => el.type == "checkbox" ? el.checked : el.value).length`, &open)
		if open != 0 {
			t.Errorf("%s: the new agreements tables hold %d values, want none", how, open)
		}
		participants := 0
		for id, v := range old {
			if strings.HasPrefix(id, "f-meta-participants-") && strings.HasSuffix(id, "-name") && v != "" {
				participants++
			}
		}
		// Each count in its own plural form: "1 afspraak", "2 afspraken".
		counted := func(n int, one, other string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, other)
		}
		want := counted(len(agreements), "afspraak", "afspraken") + " om op terug te kijken en " + counted(participants, "deelnemer", "deelnemers")
		if s := f.Text("#form-status"); !strings.Contains(s, want) {
			t.Errorf("%s: status %q, want it to say %q", how, s, want)
		}
	}
	f.Click(`[data-action="follow"]`)
	check("follow-up from this draft")

	f.Upload("#carry-file", sitetest.WriteFile(t, "gesprek-2026.json", file))
	f.Poll(`document.querySelectorAll("#draft-select option").length == 3`)
	check("follow-up from a file")
}

// TestFormPrints: a filled form prints its values and leaves private notes
// out unless allowed; a blank form prints its labels and signature lines;
// the toolbar never prints.
func TestFormPrints(t *testing.T) {
	t.Parallel()
	f := newFormDriver(t)
	f.Open(sitetest.NLForm)
	f.TypeInto("#f-meta-department", "Klantcontactcentrum")
	f.SetValue("#f-meta-date", "2027-03-14")
	f.TypeInto("#f-competenties", "Gesprekstechniek en planning")
	f.TypeInto("#f-resultaatafspraken-1-what", "Wachttijd halveren")
	f.TypeInto("#f-private-manager", "Geheimnotitie")
	f.TypeInto("#f-signoff-employee-name", "Fatma Yilmaz")
	f.TypeInto("#f-signoff-employee-reaction", "Ik teken voor gezien: de planning is krap.")
	f.WaitStored("Fatma Yilmaz")
	var pdf []byte
	f.Run(sitetest.PrintA4(&pdf))
	text := sitetest.PDFText(t, pdf)
	for _, want := range []string{"Klantcontactcentrum", "14-3-2027", "Gesprekstechniek en planning", "Wachttijd halveren", "Fatma Yilmaz", "Ik teken voor gezien", "Formulier: Planningsgesprek", "Handtekening"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed form lacks %q", want)
		}
	}
	for _, never := range []string{"Geheimnotitie", "Concepten en bestanden", "Exporteren", "Afdrukken", "Nog niet getekend", "Vingerafdruk"} {
		if strings.Contains(text, never) {
			t.Errorf("the printed form shows %q", never)
		}
	}
	f.Click("#f-private-manager-share")
	f.Run(sitetest.PrintA4(&pdf))
	if text := sitetest.PDFText(t, pdf); !strings.Contains(text, "Geheimnotitie") {
		t.Errorf("the private note, allowed to print, is not on paper")
	}

	f.Open(sitetest.DEForm)
	f.Run(sitetest.PrintA4(&pdf))
	text = sitetest.PDFText(t, pdf)
	for _, want := range []string{"Formular: Zielvereinbarungsgespräch", "Datum dieses Gesprächs", "Teilnehmende", "Unterschrift", "Einverstanden", "Zur Kenntnis genommen", "Stellungnahme"} {
		if !strings.Contains(text, want) {
			t.Errorf("the blank German form prints without %q", want)
		}
	}
	t.Logf("blank German form: %d A4 pages; filled Dutch form printed", sitetest.PDFPages(pdf))
}

// TestFormCalendar: the .ics file is valid RFC 5545 and holds each open
// deadline and the next conversation's date, every event titled with the
// draft's name and the method and carrying a reminder a week before; its
// file name reads well; with no dates, the page says so.
func TestFormCalendar(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		form, name, due, next, method, empty string
	}{
		{sitetest.NLForm, "Jan de Vries 2027", "Afspraak: ", "Volgend gesprek: ", "Planningsgesprek", "nog geen datums"},
		{sitetest.DEForm, "Jürgen Groß 2027", "Vereinbarung: ", "Nächstes Gespräch: ", "Zielvereinbarungsgespräch", "noch keine Termine"},
	} {
		f := newFormDriver(t)
		f.Open(c.form)
		f.Click(`[data-action="ics"]`)
		if s := f.TextWhen("#error-summary", c.empty); !strings.Contains(s, c.empty) {
			t.Errorf("%s: a calendar of an empty form: the page says %q", c.form, s)
		}
		f.TypeInto("#draft-name", c.name)
		long := "Verbeterplan voor de klantenservice opstellen, met één duidelijke eigenaar; afstemmen met Zuid-Holland en de ondernemingsraad"
		f.TypeInto("#f-resultaatafspraken-1-what", long)
		f.TypeInto("#f-resultaatafspraken-1-who", "Fatma")
		f.SetValue("#f-resultaatafspraken-1-due", "2027-03-15")
		f.TypeInto("#f-resultaatafspraken-2-what", "Al gedaan")
		f.SetValue("#f-resultaatafspraken-2-due", "2027-02-01")
		f.Click("#f-resultaatafspraken-2-done")
		f.TypeInto("#f-ontwikkelafspraken-1-what", "Training feedback geven")
		f.SetValue("#f-ontwikkelafspraken-1-due", "2027-05-20")
		f.SetValue("#f-meta-next", "2028-01-10")
		f.SetValue("#f-meta-date", "2027-01-12")
		f.WaitStored("2028-01-10")
		f.Click(`[data-action="ics"]`)
		name, body := f.DL.Next(t)
		if want := regexp.MustCompile(`^[a-z]+-j(an-de-vries|urgen-gross)-2027-2027-01-12\.ics$`); !want.MatchString(name) {
			t.Errorf("calendar file name %q", name)
		}
		// RFC 5545: CRLF line ends, no line longer than 75 octets.
		if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) {
			t.Errorf("lines do not all end in CRLF")
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Errorf("line %d is %d octets, over 75: %q", i+1, len(line), line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
		if err != nil {
			t.Fatalf("the calendar does not parse: %v\n%s", err, body)
		}
		got := map[string]string{}
		for _, ev := range cal.Events() {
			for _, prop := range []string{ical.PropUID, ical.PropDateTimeStamp} {
				if ev.Props.Get(prop) == nil {
					t.Errorf("an event lacks %s", prop)
				}
			}
			start, err := ev.Props.Get(ical.PropDateTimeStart).DateTime(nil)
			if err != nil {
				t.Fatalf("DTSTART: %v", err)
			}
			summary, _ := ev.Props.Text(ical.PropSummary)
			got[start.Format("2006-01-02")] = summary
			alarms := 0
			for _, child := range ev.Children {
				if child.Name == ical.CompAlarm {
					alarms++
					if trigger := child.Props.Get(ical.PropTrigger); trigger == nil || trigger.Value != "-P6DT15H" {
						t.Errorf("%s: the reminder of %q is %v, want a week before at 9:00 (-P6DT15H)", c.form, summary, trigger)
					}
				}
			}
			if alarms != 1 {
				t.Errorf("%s: event %q has %d reminders, want 1", c.form, summary, alarms)
			}
			if !strings.Contains(summary, c.name) || !strings.Contains(summary, c.method) {
				t.Errorf("%s: event %q does not name the draft %q and the method", c.form, summary, c.name)
			}
		}
		want := map[string]string{
			"2027-03-15": c.due + long + " – " + c.name + " (" + c.method + ")",
			"2027-05-20": c.due + "Training feedback geven – " + c.name + " (" + c.method + ")",
			"2028-01-10": c.next + c.method + " – " + c.name,
		}
		if !maps.Equal(got, want) {
			t.Errorf("calendar events:\n got %q\nwant %q", got, want)
		}
	}
}
