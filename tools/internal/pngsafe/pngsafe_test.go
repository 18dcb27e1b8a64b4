package pngsafe

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// Logo encodes a small image with a gradient, so that pixels can be
// compared.
func Logo(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 7), uint8(y * 11), 0x4f, 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// WithChunk inserts a chunk before the image's last chunk (IEND).
func WithChunk(data []byte, typ string, body []byte) []byte {
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, uint32(len(body)))
	c.WriteString(typ)
	c.Write(body)
	binary.Write(&c, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), body...)))
	iend := len(data) - 12
	return append(append(append([]byte{}, data[:iend]...), c.Bytes()...), data[iend:]...)
}

const payload = `<script>alert(document.domain)</script>`

func TestReencode(t *testing.T) {
	logo := Logo(t, 64, 48)
	for name, in := range map[string][]byte{
		"plain":                   logo,
		"HTML after the image":    append(append([]byte{}, logo...), []byte("<!doctype html><title>x</title>"+payload)...),
		"HTML in a text chunk":    WithChunk(logo, "tEXt", []byte("Comment\x00"+payload)),
		"HTML in a private chunk": WithChunk(logo, "htMl", []byte(payload)),
	} {
		out, err := Reencode(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bytes.Contains(out, []byte("script")) || bytes.Contains(out, []byte("doctype")) {
			t.Errorf("%s: the payload survived", name)
		}
		a, _ := png.Decode(bytes.NewReader(logo))
		b, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("%s: the output does not decode: %v", name, err)
		}
		if a.Bounds() != b.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, b.Bounds(), a.Bounds())
		}
		for y := range 48 {
			for x := range 64 {
				if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
					t.Fatalf("%s: pixel %d,%d differs", name, x, y)
				}
			}
		}
	}
}

func TestRefused(t *testing.T) {
	logo := Logo(t, 16, 16)
	// A decompression bomb: 4096 × 4096 grey pixels in a file of a few KB.
	var bomb bytes.Buffer
	png.Encode(&bomb, image.NewGray(image.Rect(0, 0, 4096, 4096)))
	if bomb.Len() > 200<<10 {
		t.Fatalf("the bomb is %d bytes: not a small file", bomb.Len())
	}
	// A header that claims 100000 × 100000 pixels.
	huge := append([]byte{}, logo...)
	binary.BigEndian.PutUint32(huge[16:], 100000)
	binary.BigEndian.PutUint32(huge[20:], 100000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	for name, tt := range map[string]struct {
		in   []byte
		want error
	}{
		"decompression bomb":   {bomb.Bytes(), ErrTooLarge},
		"header of 10^10 px":   {huge, ErrTooLarge},
		"one pixel too wide":   {Logo(t, MaxSide+1, 1), ErrTooLarge},
		"truncated":            {logo[:len(logo)-30], ErrNotPNG},
		"SVG named .png":       {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), ErrNotPNG},
		"damaged pixel data":   {corrupt(logo), ErrNotPNG},
		"HTML with PNG header": {[]byte("\x89PNG\r\n\x1a\n<!doctype html>" + payload), ErrNotPNG},
	} {
		out, err := Reencode(tt.in)
		if !errors.Is(err, tt.want) || out != nil {
			t.Errorf("%s: got %v, want %v", name, err, tt.want)
		}
	}
}

// corrupt flips a byte of the compressed pixels (after IHDR).
func corrupt(data []byte) []byte {
	c := append([]byte{}, data...)
	c[45] ^= 0xff
	return c
}
