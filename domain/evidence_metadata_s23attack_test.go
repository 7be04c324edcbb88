package domain

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Attack round 18 (session 23): files embedded in a PDF, Ogg comments and AMR trailers reached
// institutions as stored; files that do not parse were accepted on upload.

const attachedName = "王小明身份证.jpg"

// attachmentPDF is a letter with two embedded files: one in the document's EmbeddedFiles name
// tree, one behind a FileAttachment annotation (its file specification inline, its stream
// without /Type); both are photos with EXIF, compressed. With objStm the name tree and the first
// file specification are in a compressed object stream.
func attachmentPDF(objStm bool) []byte {
	p := newPDF()
	photo := deflate(jpegWithEXIF())
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 6 0 R >> >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Annots [5 0 R] >>")
	p.stream(4, "", []byte("BT /F1 12 Tf ("+pdfKept+") Tj ET"))
	p.obj(5, "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /Contents ("+pdfSecret+" 录音说明) /T (AUTHOR) "+
		"/FS << /Type /Filespec /F (clip.jpg) /UF <FEFF738B5C0F660E> /EF << /F 9 0 R >> >> >>")
	nameTree := "<< /Names [(" + attachedName + ") 7 0 R] /Limits [(" + attachedName + ") (" + attachedName + ")] >>"
	filespec := "<< /Type /Filespec /F (" + attachedName + ") /UF (" + attachedName + ") /Desc (" + pdfSecret + ") /EF << /F 8 0 R /UF 8 0 R >> >>"
	if objStm {
		var head, body strings.Builder
		for i, o := range []string{nameTree, filespec} {
			fmt.Fprintf(&head, "%d %d ", i+6, body.Len())
			body.WriteString(o + "\n")
		}
		p.stream(10, fmt.Sprintf("/Type /ObjStm /N 2 /First %d /Filter /FlateDecode", head.Len()), deflate([]byte(head.String()+body.String())))
	} else {
		p.obj(6, nameTree)
		p.obj(7, filespec)
	}
	p.stream(8, fmt.Sprintf("/Type /EmbeddedFile /Subtype /image#2Fjpeg /Params << /Size %d /ModDate (D:20261201093000+08'00') /CheckSum <0102> >> /Filter /FlateDecode", len(jpegWithEXIF())), photo)
	p.stream(9, "/Filter /FlateDecode", photo)
	p.xref(0, 9, "<< /Size 11 /Root 1 0 R >>")
	return p.b.Bytes()
}

// TestStripPDFBlanksEmbeddedFiles: the institution's copy of a PDF holds neither the files
// embedded in it (their bytes, EXIF, dates, sizes, media types) nor their names and
// descriptions, whether the name tree and file specification are at the top level or in an object
// stream; the page is kept and every object stays where it was.
func TestStripPDFBlanksEmbeddedFiles(t *testing.T) {
	for _, objStm := range []bool{false, true} {
		f := attachmentPDF(objStm)
		if !bytes.Contains(inflateAll(t, f), []byte(pdfGPS)) {
			t.Fatal("the fixture hides nothing")
		}
		got, err := stripPDFBytes(t, f)
		if err != nil {
			t.Fatalf("objStm %v: %v", objStm, err)
		}
		if len(got) != len(f) {
			t.Fatalf("objStm %v: %d bytes, want %d", objStm, len(got), len(f))
		}
		all := inflateAll(t, got)
		for _, s := range []string{attachedName, pdfSecret, pdfGPS, "PICTURE-DATA", "clip.jpg", "FEFF738B", "image#2Fjpeg", "D:2026", "/CheckSum", fmt.Sprintf("/Size %d ", len(jpegWithEXIF()))} {
			if bytes.Contains(all, []byte(s)) {
				t.Errorf("objStm %v: the copy still holds %q", objStm, s)
			}
		}
		for _, s := range []string{pdfKept, "/Type /EmbeddedFile", "/EmbeddedFiles 6 0 R", "/Subtype /FileAttachment"} {
			if !bytes.Contains(all, []byte(s)) {
				t.Errorf("objStm %v: the copy lost %q", objStm, s)
			}
		}
		if !objStm {
			for i := range got {
				if got[i] != f[i] && got[i] != ' ' && got[i] != 0 && got[i] != '(' && got[i] != ')' {
					t.Fatalf("byte %d changed to %q, not blanked", i, got[i])
				}
			}
		}
		re := regexp.MustCompile(`(?m)^(\d{10}) 00000 n`)
		offsets := map[int]int{}
		for i, m := range re.FindAllSubmatch(f[bytes.LastIndex(f, []byte("xref")):], -1) {
			if objStm && (i+1 == 6 || i+1 == 7) {
				continue
			}
			offsets[i+1], _ = strconv.Atoi(string(m[1]))
		}
		xrefOffsetsHold(t, got, offsets)
	}
}

func metadataFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "evidence-metadata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// oggPages splits an Ogg file into its pages, checking each page's checksum.
func oggPages(t *testing.T, f []byte) [][]byte {
	t.Helper()
	var pages [][]byte
	for i := 0; i < len(f); {
		if !bytes.HasPrefix(f[i:], []byte("OggS")) {
			t.Fatalf("no page at %d", i)
		}
		n := int(f[i+26])
		body := 0
		for _, l := range f[i+27 : i+27+n] {
			body += int(l)
		}
		pg := f[i : i+27+n+body]
		if oggPageCRC(pg) != binary.LittleEndian.Uint32(pg[22:]) {
			t.Errorf("page at %d: wrong checksum", i)
		}
		pages = append(pages, pg)
		i += len(pg)
	}
	return pages
}

// TestStripOggBlanksComments: the institution's copy of a Vorbis and two Opus recordings made by
// the real encoders (testdata/evidence-metadata/make-ogg.sh) holds no title, artist, position,
// vendor or cover picture; it has as many bytes and pages, every page's checksum right, and the
// audio pages unchanged (ogginfo and opusinfo read the copies without a warning, and oggdec and
// opusdec decode them to the same samples as the originals, checked by hand).
func TestStripOggBlanksComments(t *testing.T) {
	if oggCRC([]byte("123456789")) != 0x89A1897F { // CRC-32/CKSUM's check value, without its final inversion
		t.Fatalf("Ogg CRC of the check string is %08x", oggCRC([]byte("123456789")))
	}
	for _, name := range []string{"memo.ogg", "memo.opus", "cover.opus"} {
		f := metadataFixture(t, name)
		ty, ok := SniffEvidence(f)
		if !ok || ty.ContentType != "audio/ogg" || !stripsMetadata(ty.ContentType) {
			t.Fatalf("%s: sniffed as %+v %v, or served as stored", name, ty, ok)
		}
		var out bytes.Buffer
		if err := stripImageMetadata(ty.ContentType, bytes.NewReader(f), &out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := out.Bytes()
		for _, s := range []string{"漕溪北路", "王小明", "LOCATION", "+31.1880", "METADATA_BLOCK_PICTURE", "ENCODER", "libopus", "Xiph", "title", "TITLE"} {
			if bytes.Contains(f, []byte(s)) == false && (s == "漕溪北路" || s == "LOCATION") {
				t.Fatalf("%s: the fixture holds no %q", name, s)
			}
			if bytes.Contains(got, []byte(s)) {
				t.Errorf("%s: the copy still holds %q", name, s)
			}
		}
		if len(got) != len(f) {
			t.Fatalf("%s: %d bytes, want %d", name, len(got), len(f))
		}
		before, after := oggPages(t, f), oggPages(t, got)
		if len(before) != len(after) {
			t.Fatalf("%s: %d pages, want %d", name, len(after), len(before))
		}
		changed := 0
		for i := range before {
			if !bytes.Equal(before[i], after[i]) {
				changed++
				if i == 0 {
					t.Errorf("%s: the identification page changed", name)
				}
			}
		}
		if changed == 0 || changed > len(before)/2 {
			t.Errorf("%s: %d of %d pages changed", name, changed, len(before))
		}
		if name == "cover.opus" && changed < 2 {
			t.Errorf("%s: the tags span pages, %d changed", name, changed)
		}
	}
}

// TestStripOggRefusesWhatDoesNotParse: a wrong checksum, junk between pages or no page at all is
// not served (and refused on upload); a codec whose tags are not known is not served but is no
// broken file; a last page cut short or bytes after the last page are cut.
func TestStripOggRefusesWhatDoesNotParse(t *testing.T) {
	f := metadataFixture(t, "memo.opus")
	pages := oggPages(t, f)
	second := len(pages[0]) + len(pages[1])
	strip := func(b []byte) ([]byte, error) {
		var out bytes.Buffer
		err := stripImageMetadata("audio/ogg", bytes.NewReader(b), &out)
		return out.Bytes(), err
	}
	bad := bytes.Clone(f)
	bad[second+40] ^= 0xFF
	unknown := bytes.Clone(f[:len(pages[0])])
	copy(unknown[28:], "fishead\x00")
	binary.LittleEndian.PutUint32(unknown[22:], oggPageCRC(unknown))
	for name, c := range map[string]struct {
		b    []byte
		want error
	}{
		"checksum":      {bad, errNoImage},
		"junk between":  {append(append(bytes.Clone(f[:second]), "junk"...), f[second:]...), errNoImage},
		"no page":       {[]byte("OggS but nothing"), errNoImage},
		"unknown codec": {unknown, errUnblankable},
	} {
		if _, err := strip(c.b); !errors.Is(err, c.want) || (c.want == errNoImage && errors.Is(err, errUnblankable)) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	for name, b := range map[string][]byte{
		"cut short": f[:len(f)-10],
		"appended":  append(bytes.Clone(f), "PK\x03\x04 "+pdfSecret...),
	} {
		got, err := strip(b)
		if err != nil || bytes.Contains(got, []byte(pdfSecret)) || len(got) > len(f) || len(got) < second {
			t.Errorf("%s: %d bytes, %v", name, len(got), err)
		}
	}
}

// TestStripAMRChecksFramesAndCutsTags: an AMR file's frames are kept, an appended ID3v1 tag is
// cut and a last frame cut short dropped; a frame with its padding bits set or of a reserved type
// is no AMR file.
func TestStripAMRChecksFramesAndCutsTags(t *testing.T) {
	frame := append([]byte{0x3C}, bytes.Repeat([]byte{0x55}, 31)...) // 12.2 kbit/s, 32 bytes
	amr := append([]byte("#!AMR\n"), bytes.Repeat(frame, 5)...)
	tag := append([]byte("TAG"+pdfSecret), make([]byte, 128-3-len(pdfSecret))...)
	strip := func(ct string, b []byte) ([]byte, error) {
		var out bytes.Buffer
		err := stripImageMetadata(ct, bytes.NewReader(b), &out)
		return out.Bytes(), err
	}
	if ty, ok := SniffEvidence(amr); !ok || !stripsMetadata(ty.ContentType) {
		t.Fatalf("sniffed as %+v, or served as stored", ty)
	}
	for name, b := range map[string][]byte{
		"as is":     amr,
		"ID3v1":     append(bytes.Clone(amr), tag...),
		"ID3v2":     append(bytes.Clone(amr), "ID3\x04\x00\x00\x00\x00\x00\x10"+pdfSecret...),
		"cut short": append(bytes.Clone(amr), frame[:10]...),
	} {
		got, err := strip("audio/amr", b)
		if err != nil || !bytes.Equal(got, amr) {
			t.Errorf("%s: %d bytes, %v; want the %d of the frames", name, len(got), err, len(amr))
		}
	}
	for name, b := range map[string][]byte{
		"padding bit":   append(bytes.Clone(amr), 0x3D),
		"reserved type": append(bytes.Clone(amr), 0x64),
		"no magic":      frame,
		"junk inside":   append(append(bytes.Clone(amr[:6+32]), "<html>"...), amr[6+32:]...),
	} {
		if _, err := strip("audio/amr", b); !errors.Is(err, errNoImage) {
			t.Errorf("%s: %v, want errNoImage", name, err)
		}
	}
	wbFrame := append([]byte{0x44}, make([]byte, 60)...) // AMR-WB mode 8 (23.85 kbit/s), 61 bytes
	awb := append([]byte("#!AMR-WB\n"), bytes.Repeat(wbFrame, 3)...)
	if got, err := strip("audio/amr-wb", append(bytes.Clone(awb), tag...)); err != nil || !bytes.Equal(got, awb) {
		t.Errorf("AMR-WB with a tag: %d bytes, %v", len(got), err)
	}
}

// TestStripPDFBoundsObjectStreamInflation: a PDF of twenty small object streams, each a "deflate
// bomb" inflating to 4 MB (80 MB in all, past the 64 MB the file may inflate to), is not served to
// institutions rather than inflated whole; on main each stream had its own 64 MB, so a 19 MB file
// of 300 of them kept a core busy for minutes on the institution's first read of the complaint.
func TestStripPDFBoundsObjectStreamInflation(t *testing.T) {
	p := newPDF()
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	bomb := deflate(append([]byte("9 0 << /Type /Font >>"), make([]byte, 4<<20)...))
	for i := range 20 {
		p.stream(10+i, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb)
	}
	p.xref(0, 2, "<< /Size 30 /Root 1 0 R >>")
	if _, err := stripPDFBytes(t, p.b.Bytes()); !errors.Is(err, errUnblankable) {
		t.Errorf("80 MB of object streams: %v, want errUnblankable", err)
	}
}

// TestInstitutionIsToldWhyAFileIsNotServed: a complainant's file that cannot be given to an
// institution without its metadata was refused as a failed "integrity check" with "the incident
// has been logged"; it is refused as what it is (NOT_SERVED_TO_INSTITUTION), pointing to the
// regulator's staff, who read it.
func TestInstitutionIsToldWhyAFileIsNotServed(t *testing.T) {
	for name, f := range map[string][]byte{"broken": []byte("%PDF-1.7\n<html>("), "encrypted object stream": objectStreamPDF(true)} {
		ev := &Evidence{ID: "e", ComplaintID: "c", ContentType: "application/pdf"}
		_, _, err := withoutMetadata(t.Context(), ev, io.NopCloser(bytes.NewReader(f)))
		var de *Error
		if !errors.As(err, &de) || de.Code != CodeConflict || de.Reason != "NOT_SERVED_TO_INSTITUTION" || strings.Contains(de.Message, "integrity") {
			t.Errorf("%s: %v, want CONFLICT NOT_SERVED_TO_INSTITUTION", name, err)
		}
	}
}
