package domain

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"testing"
)

// TestStripImageMetadataRefusesWhatDoesNotParse: cut-off and foreign files are errNoImage (not
// served to an institution), and a clean image comes back as the same picture.
func TestStripImageMetadataRefusesWhatDoesNotParse(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range 64 {
		img.Set(i, 63-i, color.RGBA{G: 180, A: 255})
	}
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	for typ, f := range map[string][]byte{"image/jpeg": j.Bytes(), "image/png": p.Bytes()} {
		var out bytes.Buffer
		if err := stripImageMetadata(typ, bytes.NewReader(f), &out); err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if _, _, err := image.Decode(&out); err != nil {
			t.Errorf("%s: the stripped copy does not decode: %v", typ, err)
		}
		for _, bad := range [][]byte{f[:len(f)/2], f[:3], []byte("%PDF-1.4"), nil} {
			if err := stripImageMetadata(typ, bytes.NewReader(bad), io.Discard); !errors.Is(err, errNoImage) {
				t.Errorf("%s: %d bytes that do not parse: %v, want errNoImage", typ, len(bad), err)
			}
		}
	}
}
