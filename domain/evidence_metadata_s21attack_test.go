package domain

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Attack round 16 (session 21): the metadata of the complainant's recordings and videos and of HEIC
// and WebP photos is blanked in place for institutions (an MP3's tags cut out). The files are made by
// testdata/evidence-metadata/make.py.

const (
	mediaSecret = "漕溪北路88号 +31.1880+121.4370/ iPhone of Wang"
	mediaKept   = "RECORDING-OR-PICTURE-DATA"
)

// mediaTypes are the fixtures and the types the upload detects for them.
var mediaTypes = map[string]string{"memo.m4a": "audio/mp4", "video.mov": "video/quicktime", "photo.heic": "image/heic",
	"photo.webp": "image/webp", "memo.wav": "audio/wav", "call.mp3": "audio/mpeg"}

func mediaFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStripMediaMetadataBlanksInPlace: each file comes back the same size with the recording or
// picture where it was, the metadata gone, and every byte that differs zero or a box or chunk
// name; the types are those the upload detects.
func TestStripMediaMetadataBlanksInPlace(t *testing.T) {
	for name, typ := range mediaTypes {
		f := mediaFixture(t, name)
		if got, ok := SniffEvidence(f); !ok || got.ContentType != typ {
			t.Fatalf("%s: sniffed as %+v %v, want %s", name, got, ok, typ)
		}
		if !stripsMetadata(typ) {
			t.Fatalf("%s: %s is served as stored", name, typ)
		}
		if !bytes.Contains(f, []byte(mediaSecret)) {
			t.Fatalf("%s: the fixture holds no metadata", name)
		}
		var out bytes.Buffer
		if err := stripImageMetadata(typ, bytes.NewReader(f), &out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := out.Bytes()
		if typ == "audio/mpeg" { // no offsets in an MP3: the tags are cut out, the frames kept whole
			frames := f[bytes.Index(f, []byte{0xFF, 0xFB}):bytes.LastIndex(f, []byte("TAG"))]
			if !bytes.Equal(got, frames) {
				t.Errorf("%s: %d bytes, want the %d bytes of the frames", name, len(got), len(frames))
			}
			continue
		}
		if bytes.Contains(got, []byte(mediaSecret)) || bytes.Contains(got, []byte("+31.1880")) || bytes.Contains(got, []byte("Exif\x00\x00MM")) {
			t.Errorf("%s: the institution's copy holds the metadata", name)
		}
		if len(got) != len(f) || bytes.Index(got, []byte(mediaKept)) != bytes.Index(f, []byte(mediaKept)) || !bytes.Contains(f, []byte(mediaKept)) {
			t.Errorf("%s: %d bytes, want %d, with the data at its place", name, len(got), len(f))
			continue
		}
		for i := range got {
			if got[i] != f[i] && got[i] != 0 && !bytes.Contains([]byte("freeJUNK"), got[i:i+1]) {
				t.Errorf("%s: byte %d changed to %#x, neither zero nor a box name", name, i, got[i])
				break
			}
		}
	}
	// WebP: VP8X no longer announces EXIF and XMP.
	var out bytes.Buffer
	if err := stripImageMetadata("image/webp", bytes.NewReader(mediaFixture(t, "photo.webp")), &out); err != nil {
		t.Fatal(err)
	}
	if flags := out.Bytes()[20]; flags&0x0C != 0 {
		t.Errorf("VP8X flags %#x still announce EXIF or XMP", flags)
	}
}

// TestStripMediaMetadataRefusesWhatDoesNotParse: cut-off files, foreign bytes and HEIC items
// placed before their meta box are errNoImage, not served to an institution.
func TestStripMediaMetadataRefusesWhatDoesNotParse(t *testing.T) {
	for name, typ := range mediaTypes {
		f := mediaFixture(t, name)
		bad := [][]byte{f[:30], f[:3], []byte("%PDF-1.4"), nil}
		if typ != "audio/mpeg" { // an MP3 cut short is frames, and a tag cut short no tag
			bad = append(bad, f[:len(f)-5])
		}
		for _, bad := range bad {
			if err := stripImageMetadata(typ, bytes.NewReader(bad), io.Discard); !errors.Is(err, errNoImage) {
				t.Errorf("%s: %d bytes that do not parse: %v, want errNoImage", name, len(bad), err)
			}
		}
	}
	// A movie box whose size says "to the end of the file" (its udta would be copied unread).
	m := mediaFixture(t, "memo.m4a")
	j := bytes.Index(m, []byte("moov")) - 4
	toEnd := slices.Concat(m[:j], []byte{0, 0, 0, 0}, m[j+4:])
	if err := stripImageMetadata("audio/mp4", bytes.NewReader(toEnd), io.Discard); !errors.Is(err, errNoImage) {
		t.Errorf("a movie box to the end of the file: %v, want errNoImage", err)
	}
	// The Exif item's extent moved to offset 0 (the ftyp box, written before meta is read).
	f := mediaFixture(t, "photo.heic")
	i := bytes.Index(f, []byte("iloc"))
	back := bytes.Clone(f)
	// item 2's extent offset: iloc header (4+2), count (2), item 1 (2+2+2+4+2+4+4), item 2's fields before the offset (2+2+2+4+2)
	copy(back[i+4+4+2+2+20+12:], []byte{0, 0, 0, 0})
	if err := stripImageMetadata("image/heic", bytes.NewReader(back), io.Discard); !errors.Is(err, errNoImage) {
		t.Errorf("an Exif item before its meta box: %v, want errNoImage", err)
	}
}
