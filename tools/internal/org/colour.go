package org

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
)

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// colour is an sRGB colour.
type colour struct{ r, g, b float64 }

// parseColour reads #rgb or #rrggbb, the forms CSS custom properties and
// people copying from a style guide use.
func parseColour(s string) (colour, error) {
	if !hexColour.MatchString(s) {
		return colour{}, fmt.Errorf("%q is not a colour", s)
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, _ := strconv.ParseUint(h, 16, 32)
	return colour{float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)}, nil
}

// luminance is WCAG 2.1's relative luminance.
func (c colour) luminance() float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is WCAG 2.1's contrast ratio of two colours, from 1 to 21.
func contrast(a, b colour) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// AA is the contrast WCAG 2.1 AA asks of normal text.
const AA = 4.5
