// Package pngsafe turns a PNG image from an untrusted source into one
// that holds nothing but its pixels: it is decoded completely with the
// standard library's decoder and encoded again, so trailing bytes (an
// HTML page glued to the image), text and other ancillary chunks never
// reach the site. Its dimensions are read and bounded before the pixels
// are decoded, so a small file that unpacks to gigabytes is refused
// without being unpacked.
package pngsafe

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
)

// MaxSide is the largest width or height accepted, in pixels: a logo is
// shown at 40 CSS pixels, so 1024 is sharp on any screen or printer, and
// decoding it takes at most 1024 × 1024 × 8 bytes (8 MB).
const MaxSide = 1024

// Errors Reencode can return, for errors.Is.
var (
	ErrNotPNG   = errors.New("not a PNG image")
	ErrTooLarge = errors.New("too many pixels")
)

// Reencode decodes data as a PNG and returns the image encoded again.
func Reencode(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, ErrNotPNG
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPNG, err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxSide || cfg.Height > MaxSide {
		return nil, fmt.Errorf("%w: %d × %d pixels, at most %d × %d", ErrTooLarge, cfg.Width, cfg.Height, MaxSide, MaxSide)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPNG, err)
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, img); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
