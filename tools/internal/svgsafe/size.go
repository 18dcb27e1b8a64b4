package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Size returns the intrinsic size of an SVG image as Sanitize wrote it:
// the width and height of its <svg> element when both are absolute
// lengths in one unit, else the width and height of its viewBox. Pages
// write it into the image's width and height attributes, so the browser
// reserves the logo's box before the image arrives and nothing moves.
// An image with neither has no shape a page can reserve, and is an error.
func Size(svg []byte) (width, height float64, err error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, 0, errors.New("there is no <svg> element")
		}
		if err != nil {
			return 0, 0, err
		}
		root, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range root.Attr {
			if a.Name.Space == "" {
				attr[a.Name.Local] = a.Value
			}
		}
		w, wu, wok := length(attr["width"])
		h, hu, hok := length(attr["height"])
		if wok && hok && wu == hu {
			return w, h, nil
		}
		if vb := strings.FieldsFunc(attr["viewBox"], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' }); len(vb) == 4 {
			w, errW := strconv.ParseFloat(vb[2], 64)
			h, errH := strconv.ParseFloat(vb[3], 64)
			if errW == nil && errH == nil && w > 0 && h > 0 {
				return w, h, nil
			}
		}
		return 0, 0, fmt.Errorf("the <svg> element has neither a viewBox nor a width and height in one unit, so its shape is unknown")
	}
}

// length reads an absolute SVG length ("250", "250px", "12mm") and its
// unit; a percentage or anything else is not one.
func length(s string) (float64, string, bool) {
	s = strings.TrimSpace(s)
	unit := strings.TrimLeft(s, "0123456789.+-eE")
	num := strings.TrimSuffix(s, unit)
	switch unit {
	case "", "px", "pt", "pc", "mm", "cm", "in":
	default:
		return 0, "", false
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n <= 0 {
		return 0, "", false
	}
	if unit == "" {
		unit = "px"
	}
	return n, unit, true
}
