package domain

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"time"
)

// heicWithManyExtents is a HEIC of metas meta boxes, each giving its Exif item in items×extents
// two-byte extents past the end of the file, followed by boxes small boxes: every extent was kept as a range that each later
// write of the copy compared itself with, so the check of one 3 MB upload cost items×65535×boxes
// comparisons (minutes of a core), and a 16 MB meta box held 16 million extents (640 MB).
func heicWithManyExtents(metas, items, extents, boxes int) []byte {
	hdlr := isoFullBox("hdlr", 0, append([]byte("\x00\x00\x00\x00pict"), make([]byte, 13)...))
	infe := isoFullBox("infe", 2, []byte("\x00\x01\x00\x00Exif\x00"))
	iinf := isoFullBox("iinf", 0, append([]byte{0, 1}, infe...))
	// version 1: no offsets, lengths of 2 bytes, base offsets of 4 bytes, no index
	loc := append([]byte{0x02, 0x40}, binary.BigEndian.AppendUint16(nil, uint16(items))...)
	for range items {
		loc = append(loc, 0, 1, 0, 0, 0, 0) // item 1, method 0 (file offsets), data reference 0
		loc = binary.BigEndian.AppendUint32(loc, 0x7FFFFFF0)
		loc = binary.BigEndian.AppendUint16(loc, uint16(extents))
		loc = append(loc, bytes.Repeat([]byte{0, 1}, extents)...)
	}
	meta := isoFullBox("meta", 0, bytes.Join([][]byte{hdlr, isoFullBox("iloc", 1, loc), iinf}, nil))
	tail := bytes.Repeat(isoBoxOf("free", nil), boxes)
	return bytes.Join([][]byte{isoBoxOf("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), bytes.Repeat(meta, metas), tail, isoBoxOf("mdat", []byte(mediaKept))}, nil)
}

// TestHEICExtentsCostWhatTheFileIs (attack round 29): a HEIC with a quarter of a million metadata
// extents in one meta box, or three hundred thousand over many, and a hundred thousand boxes after
// them, is refused as no well-formed image at once (on main: still being read after 5 s). A file
// holds at most maxMetadataExtents of them; the ranges are kept sorted and passed over.
func TestHEICExtentsCostWhatTheFileIs(t *testing.T) {
	for name, f := range map[string][]byte{
		"one meta box":    heicWithManyExtents(1, 4, 0xFFFF, 100_000),
		"many meta boxes": heicWithManyExtents(300, 1, 1000, 100_000),
	} {
		if ty, ok := SniffEvidence(f); !ok || ty.ContentType != "image/heic" {
			t.Fatalf("%s: sniffed as %+v", name, ty)
		}
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- stripImageMetadata("image/heic", bytes.NewReader(f), io.Discard) }()
		select {
		case err := <-done:
			if !errors.Is(err, errNoImage) {
				t.Errorf("%s: %v, want it refused as no well-formed image", name, err)
			}
			t.Logf("%s: %d bytes read in %s: %v", name, len(f), time.Since(start), err)
		case <-time.After(5 * time.Second):
			t.Errorf("%s: a %d-byte HEIC still being read after 5 s", name, len(f))
		}
	}
}
