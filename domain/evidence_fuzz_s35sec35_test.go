package domain

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The parsers of uploaded files (attack round 30, session 34's leftover: round 29 fuzzed them by
// hand for two minutes and kept no target). Every upload of a type in stripsMetadata is read by
// stripImageMetadata at the upload check (a registered complainant or an institution's agent
// chooses the bytes), and SniffEvidence reads the first bytes of every upload. The seeds run as
// ordinary tests under `go test` (short and deterministic); `deploy/local.sh test` fuzzes each
// target for a bounded number of inputs as it does the GraphQL document path.

// fuzzTypes are the content types stripImageMetadata rewrites, indexed by the fuzzer's byte.
var fuzzTypes = []string{"image/jpeg", "image/png", "image/webp", "audio/wav", "audio/mpeg", "application/pdf",
	"audio/ogg", "audio/amr", "audio/amr-wb", "audio/mp4", "video/quicktime", "video/3gpp", "video/mp4", "image/heic", "image/heif"}

func fuzzTypeIndex(ct string) uint8 {
	for i, t := range fuzzTypes {
		if t == ct {
			return uint8(i)
		}
	}
	panic(ct)
}

// fuzzFileSeeds are well-formed files of each type (the round 16–29 fixtures) and hostile ones:
// sizes that claim more than the file, boxes and chunks nested or repeated, truncations.
func fuzzFileSeeds(t testing.TB) map[string][][]byte {
	seeds := map[string][][]byte{}
	add := func(ct string, b ...[]byte) { seeds[ct] = append(seeds[ct], b...) }
	byExt := map[string]string{".mp3": "audio/mpeg", ".opus": "audio/ogg", ".ogg": "audio/ogg", ".m4a": "audio/mp4",
		".wav": "audio/wav", ".heic": "image/heic", ".webp": "image/webp", ".mov": "video/quicktime"}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "evidence-metadata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		ct := byExt[filepath.Ext(name)]
		if ct == "" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 8<<10 { // a large fixture seeds its head and its tail
			add(ct, b[:4<<10], b[len(b)-4<<10:])
			continue
		}
		add(ct, b, b[:len(b)/2])
	}
	png := []byte("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) []byte {
		var b bytes.Buffer
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		b.Write([]byte{0, 0, 0, 0})
		return b.Bytes()
	}
	add("image/jpeg", jpegWithEXIF(), []byte("\xff\xd8\xff\xe1\xff\xff"), []byte("\xff\xd8\xff\xd9"))
	add("image/png", append(append(append([]byte{}, png...), chunk("IHDR", make([]byte, 13))...), chunk("IEND", nil)...),
		append(append([]byte{}, png...), []byte("\xff\xff\xff\xf0tEXt")...))
	add("image/webp", []byte("RIFF\xf0\xff\xff\xffWEBPVP8X\x00\xff\xff\xff"+strings.Repeat("\x00", 40)))
	add("audio/wav", []byte("RIFF\x24\x00\x00\x00WAVELIST\xff\xff\xff\x7fINFO"))
	add("audio/mpeg", []byte("ID3\x04\x00\x00\x7f\x7f\x7f\x7f"), []byte("\xff\xfb\x90\x00"+strings.Repeat("\x00", 60)+"TAG"))
	add("application/pdf", classicPDF(), objectStreamPDF(false), objectStreamPDF(true), attachmentPDF(true),
		[]byte("%PDF-1.4\n1 0 obj <<"+strings.Repeat("<<", 300)+">> endobj"))
	add("audio/amr", []byte("#!AMR\n\x3c"+strings.Repeat("\x00", 31)+"TAG"))
	add("audio/amr-wb", []byte("#!AMR-WB\n\x04"+strings.Repeat("\x00", 17)))
	add("image/heic", heicWithEXIFInIdat(), heicWithManyExtents(1, 2, 40, 4), heicWithManyExtents(3, 1, 3, 2))
	add("video/mp4", []byte("\x00\x00\x00\x01ftypisom\xff\xff\xff\xff\xff\xff\xff\xff"))
	return seeds
}

// FuzzStripMetadata copies any bytes as each type. The properties: no panic, an answer within a
// second, and a copy no larger than the file (metadata is blanked in place or dropped, never added:
// round 29's WebP allocated what its header claimed, its HEIC spent minutes on extents).
func FuzzStripMetadata(f *testing.F) {
	for ct, bs := range fuzzFileSeeds(f) {
		for _, b := range bs {
			f.Add(fuzzTypeIndex(ct), b)
		}
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		ct := fuzzTypes[int(kind)%len(fuzzTypes)]
		var out bytes.Buffer
		start := time.Now()
		err := stripImageMetadata(ct, bytes.NewReader(data), &out)
		if took := time.Since(start); took > time.Second {
			t.Fatalf("%s of %d bytes took %v", ct, len(data), took)
		}
		if err == nil && out.Len() > len(data) {
			t.Fatalf("%s: a copy of %d bytes from a file of %d", ct, out.Len(), len(data))
		}
		if typ, ok := SniffEvidence(data); ok && typ.ContentType == "" {
			t.Fatalf("sniffed a type without a content type: %+v", typ)
		}
	})
}
