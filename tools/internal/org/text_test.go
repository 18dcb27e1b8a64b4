package org

import (
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		url   string
		query bool   // as contact.url (query and fragment allowed)
		want  string // in the problem; "" for none
	}{
		{"https://intranet.example.org/gesprekken/", false, ""},
		{"http://intranet:8080/a/b-c_d.e~f/", false, ""},
		{"https://intranet.example.org/gespr%C3%A4che/", false, ""},
		{"https://[2001:db8::1]/x/", false, ""},
		{"https://intranet.example.org/hr?q=1#top", true, ""},
		{"https://intranet.example.org", false, ""},
		{"https://user:pw@intranet.example.org/", false, "user name or password"},
		{"https://intranet.example.org@evil.example/", false, "user name or password"},
		{"https://intranet.example.org:hr@evil.example/", true, "user name or password"},
		{"https://intranet.example.org/a/../b/", false, `".."`},
		{"https://intranet.example.org/a/./b/", false, `"."`},
		{"https://intranet.example.org/%2e%2e/", false, `"%2e%2e", which climbs`},
		{"https://intranet.example.org/.%2E/", false, "climbs"},
		{"https://intranet.example.org/a%2fb/", false, "hides a slash"},
		{"https://intranet.example.org/a%5cb/", false, "hides a slash"},
		{"https://intranet.example.org/?x", false, "query"},
		{"https://intranet.example.org/?", false, "query"},
		{"https://intranet.example.org/#", false, "fragment"},
		{"https://intranet.example.org/a b/", false, "space"},
		{"https://intranet.example.org/\u202e/", false, "outside ASCII"},
		{`https://intranet.example.org\@evil.example/`, false, "backslash"},
		{"javascript:alert(1)", true, "not an absolute"},
		{"ftp://example.org/", false, "not an absolute"},
		{"//example.org/", false, "not an absolute"},
		{"/gesprekken/", false, "not an absolute"},
		{"https:///x", false, "not an absolute"},
		{"https://exa_mple.org/", false, "not a host name"},
		{"https://example.org:99999/", false, "not a port"},
		{"https://example.org/" + strings.Repeat("a", MaxURL), false, "longer than"},
	} {
		got := checkURL(tt.url, tt.query)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("checkURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

// TestTexts: every text that reaches pages is bounded and free of
// characters that make it read differently from how it is stored;
// markup and template syntax are not refused (they stay text).
func TestTexts(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		line     int
		want     string // "" for no problem
	}{
		{`name = "Provincie Voorbeeld"`, `name = '{{ printf "%s" "x" }} <b>*x*</b>'`, 0, ""},
		{`name = "Provincie Voorbeeld"`, `name = "` + strings.Repeat("é", MaxName) + `"`, 0, ""},
		{`name = "Provincie Voorbeeld"`, `name = "` + strings.Repeat("é", MaxName+1) + `"`, 1, "name is 121 characters long; at most 120"},
		{`name = "Provincie Voorbeeld"`, `name = "A\u200fB"`, 1, "bidirectional mark (U+200F) at character 2"},
		{`name = "Provincie Voorbeeld"`, `name = "A\u2028B"`, 1, "line or paragraph separator"},
		{`name = "Provincie Voorbeeld"`, `name = "A\tB"`, 1, "a tab"},
		{`name = "Provincie Voorbeeld"`, `name = "A\u0085B"`, 1, "control character (U+0085)"},
		{`name = "HR"`, `name = "HR\u2066"`, 12, "contact.name holds a bidirectional isolate"},
		{`email = "hr@example.nl"`, `email = "` + strings.Repeat("a", 250) + `@example.nl"`, 13, "contact.email is 261 characters long"},
		{`url = "https://intranet.example.nl/hr"`, `url = "https://intranet.example.nl/hr?q={{.}}"`, 0, ""},
		{`leidinggevende = "teamleider"`, `leidinggevende = "` + strings.Repeat("t", MaxTerm+1) + `"`, 18, "terms.nl.leidinggevende is 61 characters long"},
		{`leidinggevende = "teamleider"`, `leidinggevende = "team\rleider"`, 18, "line break"},
		{`nl = "Waar krijg je energie van?"`, `nl = "` + strings.Repeat("v", MaxQuestion+1) + `"`, 24, "questions[0].nl is 301 characters long"},
		{`nl = "Waar krijg je energie van?"`, `nl = """` + "\nWaar?\nNu.\"\"\"", 24, "line break"},
		// Texts that show as nothing, or differ from how they look.
		{`name = "Provincie Voorbeeld"`, `name = "\u3164"`, 1, "name holds a Hangul filler, which displays as nothing (U+3164)"},
		{`name = "Provincie Voorbeeld"`, `name = "\u115f\u1160"`, 1, "Hangul filler"},
		{`name = "Provincie Voorbeeld"`, `name = "HR\uffa0"`, 1, "Hangul filler, which displays as nothing (U+FFA0) at character 3"},
		{`name = "Provincie Voorbeeld"`, `name = "Provincie\u200bVoorbeeld"`, 1, "name holds an invisible formatting character (Unicode category Cf) (U+200B) at character 10"},
		{`name = "Provincie Voorbeeld"`, `name = "Provin\u00adcie"`, 1, "(Unicode category Cf) (U+00AD)"},
		{`name = "Provincie Voorbeeld"`, `name = "A\u2060B"`, 1, "(U+2060)"},
		{`name = "Provincie Voorbeeld"`, `name = "A\U000E0041"`, 1, "(U+E0041)"},
		{`name = "Provincie Voorbeeld"`, `name = "A\u034fB"`, 1, "displays as nothing (U+034F)"},
		{`name = "Provincie Voorbeeld"`, `name = "\u2800\u2800"`, 1, "name is blank: it shows as nothing"},
		{`name = "HR"`, `name = "\u00a0 \u3000"`, 12, "contact.name is blank"},
		{`nl = "Waar krijg je energie van?"`, `nl = "Waar\u200c?"`, 24, "questions[0].nl holds an invisible formatting character"},
		{`leidinggevende = "teamleider"`, `leidinggevende = "team\u200dleider"`, 18, "terms.nl.leidinggevende holds an invisible formatting character"},
		// contact.email becomes a mailto: link: nothing that adds to it.
		{`email = "hr@example.nl"`, `email = "hr?cc=spy%40evil.example&subject=x@intranet.example.org"`, 13, `holds '?', which in the mailto: link would add a query`},
		{`email = "hr@example.nl"`, `email = "hr%2540x@example.nl"`, 13, `holds '%'`},
		{`email = "hr@example.nl"`, `email = "a&b@example.nl"`, 13, `holds '&'`},
		{`email = "hr@example.nl"`, `email = "a=b#c@example.nl"`, 13, `holds '='`},
		{`email = "hr@example.nl"`, `email = "hr.team+gw@example.nl"`, 0, ""},
		// The slug names a folder and may name a host: a DNS label.
		{`name = "Provincie Voorbeeld"`, "name = \"Provincie Voorbeeld\"\nslug = \"" + strings.Repeat("a", 63) + "\"", 0, ""},
		{`name = "Provincie Voorbeeld"`, "name = \"Provincie Voorbeeld\"\nslug = \"" + strings.Repeat("a", 64) + "\"", 2, "slug is 64 characters long; at most 63, the length of a DNS label"},
		{`name = "Provincie Voorbeeld"`, "name = \"Provincie Voorbeeld\"\nslug = \"" + strings.Repeat("ab-", 80) + "c\"", 2, "slug is 241 characters long"},
	} {
		text := strings.Replace(validFile, tt.old, tt.new, 1)
		if text == validFile {
			t.Fatalf("%q is not in the valid file", tt.old)
		}
		_, problems := Parse(orgDir(t, "provincie-voorbeeld"), "org.toml", text, site)
		switch {
		case tt.want == "" && len(problems) > 0:
			t.Errorf("%s: unexpected %v", tt.new, problems)
		case tt.want != "" && (len(problems) != 1 || problems[0].Line != tt.line || !strings.Contains(problems[0].Message, tt.want)):
			t.Errorf("%s: got %v, want one problem on line %d with %q", tt.new, problems, tt.line, tt.want)
		}
	}
}
