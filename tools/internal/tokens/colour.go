package tokens

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"golang.org/x/image/colornames"
)

// rgb is an opaque sRGB colour with 8-bit channels: the colour exactly as
// #rrggbb will give it, so contrast is computed on what the reader sees.
type rgb struct{ r, g, b uint8 }

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// luminance is WCAG 2.1's relative luminance.
func (c rgb) luminance() float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrastRatio is WCAG 2.1's contrast ratio of two colours, from 1 to 21.
func contrastRatio(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Contrast is the WCAG 2.1 contrast ratio of two CSS colours in any form
// this package reads (so org.toml's colours can be checked the same way).
func Contrast(a, b string) (float64, error) {
	ca, err := parseColour(a)
	if err != nil {
		return 0, err
	}
	cb, err := parseColour(b)
	if err != nil {
		return 0, err
	}
	return contrastRatio(ca, cb), nil
}

// maxColourText bounds what is lexed as one colour.
const maxColourText = 256

// parseColour reads a CSS colour: #rgb, #rrggbb (and their alpha forms when
// opaque), a named colour, rgb(), rgba(), hsl(), hsla(), oklch() or oklab().
// A colour that is not opaque is refused: contrast cannot be known.
func parseColour(s string) (rgb, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxColourText {
		return rgb{}, fmt.Errorf("%q… is not a colour", s[:40])
	}
	toks := lexAll(s)
	if len(toks) == 0 {
		return rgb{}, errors.New("the value is empty, not a colour")
	}
	t := toks[0]
	switch {
	case len(toks) == 1 && t.TokenType == css.HashToken:
		return parseHex(string(t.Data))
	case len(toks) == 1 && t.TokenType == css.IdentToken:
		name := strings.ToLower(string(t.Data))
		switch name {
		case "transparent":
			return rgb{}, errors.New(`"transparent" is not an opaque colour`)
		case "currentcolor", "inherit", "initial", "unset", "revert":
			return rgb{}, fmt.Errorf("%q is not a fixed colour", string(t.Data))
		}
		if c, ok := colornames.Map[name]; ok {
			return rgb{c.R, c.G, c.B}, nil
		}
	case t.TokenType == css.FunctionToken && toks[len(toks)-1].TokenType == css.RightParenthesisToken:
		fn := strings.ToLower(strings.TrimSuffix(string(t.Data), "("))
		c, err := parseColourFunction(fn, toks[1:len(toks)-1])
		if err != nil {
			return rgb{}, fmt.Errorf("%q: %w", s, err)
		}
		return c, nil
	}
	return rgb{}, fmt.Errorf("%q is not a colour", s)
}

// lexAll returns the CSS tokens of s without whitespace and comments.
func lexAll(s string) []css.Token {
	l := css.NewLexer(parse.NewInputString(s))
	var toks []css.Token
	for {
		tt, data := l.Next()
		switch tt {
		case css.ErrorToken:
			return toks
		case css.WhitespaceToken, css.CommentToken:
			continue
		}
		toks = append(toks, css.Token{TokenType: tt, Data: append([]byte(nil), data...)})
	}
}

func parseHex(h string) (rgb, error) {
	d := strings.TrimPrefix(h, "#")
	for _, r := range d {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return rgb{}, fmt.Errorf("%q is not a colour", h)
		}
	}
	switch len(d) {
	case 3, 4:
		d = string([]byte{d[0], d[0], d[1], d[1], d[2], d[2]}) + strings.Repeat(d[3:], 2)
	case 6, 8:
	default:
		return rgb{}, fmt.Errorf("%q is not a colour (write #rgb or #rrggbb)", h)
	}
	if len(d) == 8 && !strings.EqualFold(d[6:], "ff") {
		return rgb{}, fmt.Errorf("%q is not opaque (its alpha is %s)", h, d[6:])
	}
	v, _ := strconv.ParseUint(d[:6], 16, 32)
	return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// component is one argument of a colour function.
type component struct {
	n       float64
	percent bool
	unit    string // of a dimension (deg, rad, grad, turn)
	none    bool
}

// parseColourFunction reads the arguments of rgb(), hsl(), oklch() … in
// the modern (space, "/ alpha") and the legacy (comma) syntax.
func parseColourFunction(fn string, args []css.Token) (rgb, error) {
	var comps []component
	var alpha *component
	slash := false
	for _, t := range args {
		var c component
		switch t.TokenType {
		case css.CommaToken:
			continue
		case css.DelimToken:
			if string(t.Data) != "/" || slash {
				return rgb{}, fmt.Errorf("unexpected %q", t.Data)
			}
			slash = true
			continue
		case css.NumberToken:
			c.n, _ = strconv.ParseFloat(string(t.Data), 64)
		case css.PercentageToken:
			c.n, _ = strconv.ParseFloat(strings.TrimSuffix(string(t.Data), "%"), 64)
			c.percent = true
		case css.DimensionToken:
			num, unit := splitDimension(string(t.Data))
			c.n, c.unit = num, strings.ToLower(unit)
		case css.IdentToken:
			if !strings.EqualFold(string(t.Data), "none") {
				return rgb{}, fmt.Errorf("unexpected %q", t.Data)
			}
			c.none = true
		default:
			return rgb{}, fmt.Errorf("unexpected %q (references and calculations must be resolved first)", t.Data)
		}
		if math.IsNaN(c.n) || math.IsInf(c.n, 0) {
			return rgb{}, errors.New("a number is out of range")
		}
		if slash {
			if alpha != nil {
				return rgb{}, errors.New("more than one alpha value")
			}
			alpha = &c
			continue
		}
		comps = append(comps, c)
	}
	legacyAlpha := (fn == "rgba" || fn == "hsla" || fn == "rgb" || fn == "hsl") && len(comps) == 4 && alpha == nil
	if legacyAlpha {
		alpha, comps = &comps[3], comps[:3]
	}
	if len(comps) != 3 {
		return rgb{}, fmt.Errorf("%s() needs three components, found %d", fn, len(comps))
	}
	if alpha != nil && !alpha.none {
		a := alpha.n
		if alpha.percent {
			a /= 100
		}
		if a < 1 {
			return rgb{}, fmt.Errorf("the colour is not opaque (alpha %g)", a)
		}
	}
	switch fn {
	case "rgb", "rgba":
		var ch [3]float64
		for i, c := range comps {
			if c.unit != "" {
				return rgb{}, fmt.Errorf("rgb() takes numbers or percentages")
			}
			ch[i] = c.n
			if c.percent {
				ch[i] = c.n * 255 / 100
			}
		}
		return fromUnit(ch[0]/255, ch[1]/255, ch[2]/255), nil
	case "hsl", "hsla":
		h, err := hue(comps[0])
		if err != nil {
			return rgb{}, err
		}
		s, l := comps[1].n/100, comps[2].n/100
		return fromHSL(h, clamp01(s), clamp01(l)), nil
	case "oklch":
		l := okLightness(comps[0])
		c := comps[1].n
		if comps[1].percent {
			c = c * 0.4 / 100
		}
		h, err := hue(comps[2])
		if err != nil {
			return rgb{}, err
		}
		rad := h * math.Pi / 180
		return fromOKLab(l, math.Max(c, 0)*math.Cos(rad), math.Max(c, 0)*math.Sin(rad)), nil
	case "oklab":
		ab := func(c component) float64 {
			if c.percent {
				return c.n * 0.4 / 100
			}
			return c.n
		}
		return fromOKLab(okLightness(comps[0]), ab(comps[1]), ab(comps[2])), nil
	}
	return rgb{}, fmt.Errorf("%s() is not supported: give the colour as #rrggbb, rgb(), hsl() or oklch()", fn)
}

func okLightness(c component) float64 {
	if c.percent {
		return clamp01(c.n / 100)
	}
	return clamp01(c.n)
}

// hue reads an angle in degrees.
func hue(c component) (float64, error) {
	switch c.unit {
	case "", "deg":
		return c.n, nil
	case "rad":
		return c.n * 180 / math.Pi, nil
	case "grad":
		return c.n * 0.9, nil
	case "turn":
		return c.n * 360, nil
	}
	return 0, fmt.Errorf("%q is not an angle", c.unit)
}

func splitDimension(s string) (float64, string) {
	i := strings.LastIndexAny(s, "0123456789.")
	n, _ := strconv.ParseFloat(s[:i+1], 64)
	return n, s[i+1:]
}

func clamp01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

// fromUnit rounds sRGB channels in 0…1 (clipped: a colour outside the sRGB
// gamut is shown at the nearest the screen can show) to 8 bits.
func fromUnit(r, g, b float64) rgb {
	to8 := func(v float64) uint8 { return uint8(math.Round(clamp01(v) * 255)) }
	return rgb{to8(r), to8(g), to8(b)}
}

func fromHSL(h, s, l float64) rgb {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	f := func(n float64) float64 {
		k := math.Mod(n+h/30, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(k-3, math.Min(9-k, 1)))
	}
	return fromUnit(f(0), f(8), f(4))
}

// fromOKLab converts OKLab to sRGB (Björn Ottosson's matrices, as CSS
// Color 4 specifies them).
func fromOKLab(L, a, b float64) rgb {
	l := math.Pow(L+0.3963377774*a+0.2158037573*b, 3)
	m := math.Pow(L-0.1055613458*a-0.0638541728*b, 3)
	s := math.Pow(L-0.0894841775*a-1.2914855480*b, 3)
	gamma := func(v float64) float64 {
		if v <= 0.0031308 {
			return 12.92 * v
		}
		return 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return fromUnit(
		gamma(+4.0767416621*l-3.3077115913*m+0.2309699292*s),
		gamma(-1.2684380046*l+2.6097574011*m-0.3413193965*s),
		gamma(-0.0041960863*l-0.7034186147*m+1.7076147010*s),
	)
}
