package domain

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// Attack round 17 (session 22): a HEIC photo's EXIF kept in the meta box's idat was zeroed where
// the idat's bytes first occurred in the meta box, not where the idat is: a box before it holding
// the same bytes (a copy an editor keeps, or a crafted one) was zeroed and the EXIF served.

func isoBoxOf(typ string, payload []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(8+len(payload))), append([]byte(typ), payload...)...)
}

func isoFullBox(typ string, version byte, payload []byte) []byte {
	return isoBoxOf(typ, append([]byte{version, 0, 0, 0}, payload...))
}

// heicWithEXIFInIdat is a HEIC whose only item is its EXIF, in idat, after a box holding the same
// bytes.
func heicWithEXIFInIdat() []byte {
	exif := []byte("\x00\x00\x00\x06Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08GPS " + pdfGPS)
	hdlr := isoFullBox("hdlr", 0, append([]byte("\x00\x00\x00\x00pict"), make([]byte, 13)...))
	infe := isoFullBox("infe", 2, []byte("\x00\x01\x00\x00Exif\x00"))
	iinf := isoFullBox("iinf", 0, append([]byte{0, 1}, infe...))
	// version 1: offsets and lengths of 4 bytes, no base offset; item 1 in idat (method 1)
	ent := binary.BigEndian.AppendUint16(nil, 1)
	ent = append(ent, 0, 1, 0, 0, 0, 1)
	ent = binary.BigEndian.AppendUint32(ent, 0)
	ent = binary.BigEndian.AppendUint32(ent, uint32(len(exif)))
	iloc := isoFullBox("iloc", 1, append([]byte{0x44, 0x00, 0, 1}, ent...))
	decoy := isoBoxOf("skip", exif)
	meta := isoFullBox("meta", 0, bytes.Join([][]byte{hdlr, iloc, iinf, decoy, isoBoxOf("idat", exif)}, nil))
	return bytes.Join([][]byte{isoBoxOf("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), meta, isoBoxOf("mdat", []byte(mediaKept))}, nil)
}

// TestStripHEICBlanksTheIdatItWasToldOf: the EXIF in idat is zeroed, wherever its bytes also are.
func TestStripHEICBlanksTheIdatItWasToldOf(t *testing.T) {
	f := heicWithEXIFInIdat()
	var out bytes.Buffer
	if err := stripImageMetadata("image/heic", bytes.NewReader(f), &out); err != nil {
		t.Fatal(err)
	}
	got := out.Bytes()
	idat := bytes.Index(got, []byte("idat")) + 4
	if len(got) != len(f) || bytes.Contains(got[idat:], []byte(pdfGPS)) || !bytes.Contains(got, []byte(mediaKept)) {
		t.Errorf("the idat's EXIF was not zeroed, or the picture lost:\n%q", got)
	}
}
