package tokens

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2/css"
)

// Bounds on font family lists.
const (
	maxFamilies   = 12
	maxFamilyName = 64
)

// familyName is the allow-list for a font family's name: letters, digits,
// spaces, hyphens, dots and underscores. No quote, backslash, semicolon or
// brace can reach the stylesheet.
var familyName = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._-]*$`)

// generic are the generic font families, written without quotes.
var generic = []string{"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui",
	"ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "-apple-system"}

// parseFontFamilies reads a CSS font-family list ("Noto Sans", Arial,
// sans-serif) and writes it anew: names in double quotes, generic families
// bare, sans-serif added when the list has no generic family to fall back
// on. The fonts are named, not loaded: the site makes no request to
// another host.
func parseFontFamilies(s string) (string, error) {
	if len(s) > maxFamilies*(maxFamilyName+4) {
		return "", errors.New("the font family list is too long")
	}
	var families [][]string // each: its parts (one quoted string, or idents)
	var quoted []bool
	cur, curQuoted := []string(nil), false
	flush := func() error {
		if len(cur) == 0 {
			return errors.New("an empty font family name (two commas in a row?)")
		}
		families, quoted = append(families, cur), append(quoted, curQuoted)
		cur, curQuoted = nil, false
		return nil
	}
	for _, t := range lexAll(s) {
		switch t.TokenType {
		case css.StringToken:
			if len(cur) > 0 {
				return "", fmt.Errorf("%q: a quoted name must stand alone between commas", s)
			}
			cur, curQuoted = []string{unquote(string(t.Data))}, true
		case css.IdentToken:
			if curQuoted {
				return "", fmt.Errorf("%q: a quoted name must stand alone between commas", s)
			}
			cur = append(cur, string(t.Data))
		case css.CommaToken:
			if err := flush(); err != nil {
				return "", err
			}
		default:
			return "", fmt.Errorf("%q is not a list of font families (unexpected %q)", s, t.Data)
		}
	}
	if err := flush(); err != nil {
		return "", err
	}
	return writeFamilies(families, quoted)
}

// parseFontFamilyList reads a DTCG font family array.
func parseFontFamilyList(names []string) (string, error) {
	var families [][]string
	var quoted []bool
	for _, n := range names {
		families, quoted = append(families, []string{n}), append(quoted, !slices.Contains(generic, n))
	}
	return writeFamilies(families, quoted)
}

func writeFamilies(families [][]string, quoted []bool) (string, error) {
	if len(families) > maxFamilies {
		return "", fmt.Errorf("%d font families; at most %d", len(families), maxFamilies)
	}
	var out []string
	hasGeneric := false
	for i, parts := range families {
		name := strings.Join(parts, " ")
		if !quoted[i] && len(parts) == 1 && slices.Contains(generic, strings.ToLower(name)) {
			out = append(out, strings.ToLower(name))
			hasGeneric = true
			continue
		}
		if len([]rune(name)) > maxFamilyName || !familyName.MatchString(name) {
			return "", fmt.Errorf("%q is not a font family name this site accepts (letters, digits, spaces, hyphens, dots; at most %d characters)", name, maxFamilyName)
		}
		out = append(out, `"`+name+`"`)
	}
	if !hasGeneric {
		out = append(out, "sans-serif")
	}
	return strings.Join(out, ", "), nil
}

// unquote strips a CSS string's quotes. Escapes are not decoded; a name
// with a backslash then fails the allow-list.
func unquote(s string) string {
	if len(s) >= 2 {
		return s[1 : len(s)-1]
	}
	return s
}

// Bounds on lengths: corners larger than this would turn fields and cards
// into pills.
var maxLength = map[string]float64{"px": 16, "rem": 1, "em": 1}

// parseLength reads a small length (0, or a number with px, rem or em) and
// writes it anew.
func parseLength(s string) (string, error) {
	toks := lexAll(s)
	if len(toks) != 1 {
		return "", fmt.Errorf("%q is not a length", s)
	}
	t := toks[0]
	switch t.TokenType {
	case css.NumberToken:
		if n, err := strconv.ParseFloat(string(t.Data), 64); err == nil && n == 0 {
			return "0", nil
		}
		return "", fmt.Errorf("%q has no unit (write e.g. %spx)", s, t.Data)
	case css.DimensionToken:
		n, unit := splitDimension(string(t.Data))
		return lengthOf(n, unit)
	}
	return "", fmt.Errorf("%q is not a length", s)
}

func lengthOf(n float64, unit string) (string, error) {
	unit = strings.ToLower(unit)
	limit, ok := maxLength[unit]
	if !ok {
		return "", fmt.Errorf("the unit %q is not one of px, rem, em", unit)
	}
	if math.IsNaN(n) || n < 0 || n > limit {
		return "", fmt.Errorf("%g%s is outside 0 to %g%s", n, unit, limit, unit)
	}
	if n == 0 {
		return "0", nil
	}
	return strconv.FormatFloat(math.Round(n*1e4)/1e4, 'f', -1, 64) + unit, nil
}
