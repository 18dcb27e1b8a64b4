package tokens

import (
	"fmt"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
)

// Contrast WCAG 2.1 AA asks for.
const (
	AA        = 4.5 // text (1.4.3)
	NonTextAA = 3.0 // borders of controls, focus indicators (1.4.11)
)

// Pair is two properties the stylesheet paints one on the other, and the
// contrast they need.
type Pair struct {
	Fore, Back string
	Min        float64
	Where      string
}

// Pairs are the combinations assets/css/site.css paints. org.toml's own
// checks cover the first four kinds (primary on white, on_primary on
// primary, on_accent on accent); a token file sets more properties, so
// more combinations can fail.
var Pairs = []Pair{
	{"--gw-text", "--gw-bg", AA, "body text on the page"},
	{"--gw-muted", "--gw-bg", AA, "secondary text (hints, captions) on the page"},
	{"--gw-text", "--gw-surface", AA, "text in panels (facts box, notices, table headers)"},
	{"--gw-muted", "--gw-surface", AA, "labels in the facts box"},
	{"--gw-primary", "--gw-bg", AA, "links and outlined buttons on the page"},
	{"--gw-primary", "--gw-surface", AA, "links in panels"},
	{"--gw-on-primary", "--gw-primary", AA, "the header and filled buttons"},
	{"--gw-on-accent", "--gw-accent", AA, "the skip link"},
	{"--gw-accent", "--gw-text", NonTextAA, "the focus ring against its dark edge"},
	{"--gw-border", "--gw-bg", NonTextAA, "borders of form fields"},
	{"--gw-line", "--gw-bg", NonTextAA, "writing lines on printouts"},
}

// Failure is a pair of the brand's colours whose contrast is below what
// the pair needs.
type Failure struct {
	Pair
	Fore, Back Value
	Ratio      float64
}

// At is the value a problem should point at: the foreground, or the
// background when the foreground is the site's default.
func (f Failure) At() Value {
	if f.Fore.Source == "" {
		return f.Back
	}
	return f.Fore
}

// Failures applies the contrast checks to the brand's colours, with the
// site's defaults for the properties it does not set. Call it after the
// values written in org.toml have been Set, so the final combination is
// checked.
func (b *Brand) Failures() []Failure {
	var out []Failure
	for _, p := range Pairs {
		fg, bg := b.Get(p.Fore), b.Get(p.Back)
		if fg.Source == "" && bg.Source == "" {
			continue // the site's own defaults pass (tested)
		}
		f, errF := parseColour(fg.CSS)
		g, errG := parseColour(bg.CSS)
		if errF != nil || errG != nil {
			continue // not reachable: values are re-serialised colours
		}
		if r := contrastRatio(f, g); r < p.Min {
			out = append(out, Failure{Pair: p, Fore: fg, Back: bg, Ratio: r})
		}
	}
	return out
}

// Problem describes the failure: both colours and where each came from,
// at the value At points to.
func (f Failure) Problem() problem.Problem {
	at := f.At()
	return problem.Problem{
		File: at.File, Line: max(at.Line, 1),
		Message: fmt.Sprintf("%s %s (%s) on %s %s (%s), %s: contrast %.2f:1, below WCAG AA's %.1f:1",
			f.Fore.Property, f.Fore.CSS, f.Fore.from(), f.Back.Property, f.Back.CSS, f.Back.from(), f.Where, f.Ratio, f.Min),
		Fix: "choose tokens that contrast more, or set the colour in org.toml's [brand] (its keys win over the token file)",
	}
}

// Check returns a problem for every failing pair (see Failures and
// Failure.Problem).
func (b *Brand) Check() []problem.Problem {
	var out []problem.Problem
	for _, f := range b.Failures() {
		out = append(out, f.Problem())
	}
	return out
}
