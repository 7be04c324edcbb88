package domain

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Attack round 17 (session 22): PDFs reached institutions with their writer's name (/Author in
// the document information, dc:creator in XMP), the program, and an embedded photo's EXIF.

const (
	pdfSecret = "王小明 Wang Xiaoming"
	pdfGPS    = "31,11.28N"
	pdfKept   = "PAGE-TEXT-KEPT"
)

// pdfBuilder writes a PDF object by object and its cross-reference table.
type pdfBuilder struct {
	b       bytes.Buffer
	offsets map[int]int
}

func newPDF() *pdfBuilder {
	p := &pdfBuilder{offsets: map[int]int{}}
	p.b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return p
}

func (p *pdfBuilder) obj(n int, body string) {
	p.offsets[n] = p.b.Len()
	fmt.Fprintf(&p.b, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (p *pdfBuilder) stream(n int, dict string, data []byte) {
	p.offsets[n] = p.b.Len()
	fmt.Fprintf(&p.b, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	p.b.Write(data)
	p.b.WriteString("\nendstream\nendobj\n")
}

// xref writes a classic table of objects from..to and a trailer, and returns the table's offset.
func (p *pdfBuilder) xref(from, to int, trailer string) {
	at := p.b.Len()
	fmt.Fprintf(&p.b, "xref\n%d %d\n", from, to-from+1)
	for n := from; n <= to; n++ {
		if n == 0 {
			p.b.WriteString("0000000000 65535 f\r\n")
			continue
		}
		fmt.Fprintf(&p.b, "%010d 00000 n\r\n", p.offsets[n])
	}
	fmt.Fprintf(&p.b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, at)
}

// jpegWithEXIF is a small JPEG whose APP1 segment names the place and whose comment the owner.
func jpegWithEXIF() []byte {
	seg := func(code byte, body string) []byte {
		return append([]byte{0xFF, code, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	j := []byte{0xFF, 0xD8}
	j = append(j, seg(0xE1, "Exif\x00\x00GPS "+pdfGPS)...)
	j = append(j, seg(0xFE, "owner "+pdfSecret)...)
	j = append(j, seg(0xDB, "QUANT")...)
	j = append(j, seg(0xDA, "SCAN")...)
	j = append(j, "PICTURE-DATA"...)
	return append(j, 0xFF, 0xD9)
}

const xmpWithCreator = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:creator="` +
	pdfSecret + `" exif:GPSLatitude="` + pdfGPS + `"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

// classicPDF is a word processor's PDF: an information dictionary, an XMP stream, a photo with its
// EXIF, then an incremental update with a new information dictionary (the old one stays in the
// file) and junk appended after the last %%EOF.
func classicPDF() []byte {
	p := newPDF()
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /Im1 7 0 R >> >> >>")
	p.stream(4, "", []byte("BT /F1 12 Tf ("+pdfKept+") Tj ET"))
	p.stream(5, "/Type /Metadata /Subtype /XML", []byte(xmpWithCreator))
	p.obj(6, "<< /Author ("+pdfSecret+") /Creator (Microsoft\\256 Word for Microsoft 365) /Title <FEFF738B5C0F660E> /CreationDate (D:20261201093000+08'00') >>")
	p.stream(7, "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /DCTDecode", jpegWithEXIF())
	p.obj(8, "<< /Type /Annot /Subtype /Highlight /Rect [0 0 1 1] /T ("+pdfSecret+") /Contents (COMMENT-KEPT) >>")
	p.obj(9, "<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [0 0 1 1] /T (FIELD-NAME-KEPT) >>")
	p.xref(0, 9, "<< /Size 10 /Root 1 0 R /Info 6 0 R /ID [<01> <01>] >>")
	first := p.b.Len()
	p.obj(10, "<< /Author ("+pdfSecret+" edited) /Producer (WPS Office) /ModDate (D:20261202) >>")
	p.b.WriteString("xref\n0 1\n0000000000 65535 f\r\n10 1\n")
	fmt.Fprintf(&p.b, "%010d 00000 n\r\n", p.offsets[10])
	fmt.Fprintf(&p.b, "trailer\n<< /Size 11 /Root 1 0 R /Info 10 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", first, first)
	p.b.WriteString("PK\x03\x04 appended " + pdfSecret)
	return p.b.Bytes()
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, _ = w.Write(b)
	_ = w.Close()
	return z.Bytes()
}

// objectStreamPDF keeps its information dictionary in a compressed object stream, with a
// cross-reference stream, and its XMP compressed.
func objectStreamPDF(encrypt bool) []byte {
	p := newPDF()
	p.stream(1, "/Type /Metadata /Subtype /XML /Filter /FlateDecode", deflate([]byte(xmpWithCreator)))
	objs := []string{
		"<< /Type /Catalog /Pages 3 0 R /Metadata 1 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 /Note (" + pdfKept + ") >>",
		"<< /Author (" + pdfSecret + ") /Producer (pdfTeX-1.40.26) /Custom (" + pdfGPS + ") >>",
		"<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /T <FEFF738B5C0F660E> /Contents (COMMENT-KEPT) >>",
	}
	var head, body strings.Builder
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", i+2, body.Len())
		body.WriteString(o + "\n")
	}
	data := head.String() + body.String()
	p.stream(5, fmt.Sprintf("/Type /ObjStm /N 4 /First %d /Filter /FlateDecode", head.Len()), deflate([]byte(data)))
	enc := ""
	if encrypt {
		p.obj(6, "<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>")
		enc = "/Encrypt 6 0 R"
	}
	at := p.b.Len()
	p.stream(7, "/Type /XRef /Size 8 /Root 2 0 R /Info 4 0 R "+enc+" /W [1 4 2]", []byte("xref-stream-entries"))
	fmt.Fprintf(&p.b, "startxref\n%d\n%%%%EOF\n", at)
	return p.b.Bytes()
}

// inflateAll is the file with every Flate stream inflated, as anyone reading it could.
func inflateAll(t *testing.T, f []byte) []byte {
	t.Helper()
	all := bytes.Clone(f)
	re := regexp.MustCompile(`/Length (\d+)\s*>>\s*stream\r?\n`)
	for _, m := range re.FindAllSubmatchIndex(f, -1) {
		n, _ := strconv.Atoi(string(f[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(f[m[1] : m[1]+n]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Errorf("a stream does not inflate: %v", err)
		}
		all = append(all, b...)
	}
	return all
}

// xrefOffsetsHold checks that every offset of the classic tables still names its object.
func xrefOffsetsHold(t *testing.T, f []byte, offsets map[int]int) {
	t.Helper()
	for n, at := range offsets {
		if !bytes.HasPrefix(f[at:], fmt.Appendf(nil, "%d 0 obj", n)) {
			t.Errorf("object %d is no longer at %d", n, at)
		}
	}
}

func stripPDFBytes(t *testing.T, f []byte) ([]byte, error) {
	t.Helper()
	var out bytes.Buffer
	err := stripImageMetadata("application/pdf", bytes.NewReader(f), &out)
	return out.Bytes(), err
}

// TestStripPDFMetadataBlanksInPlace: the institution's copy of a word processor's PDF holds no
// author, creator, XMP creator or position, in this revision or the earlier one, nor the embedded
// photo's EXIF, nor a comment's author, nor what was appended after the end; everything else (a
// form field's name too) is where it was.
func TestStripPDFMetadataBlanksInPlace(t *testing.T) {
	f := classicPDF()
	if ty, ok := SniffEvidence(f); !ok || ty.ContentType != "application/pdf" || !stripsMetadata(ty.ContentType) {
		t.Fatalf("sniffed as %+v %v, or served as stored", ty, ok)
	}
	got, err := stripPDFBytes(t, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{pdfSecret, pdfGPS, "Microsoft", "WPS", "FEFF738B", "D:2026", "PK\x03\x04"} {
		if bytes.Contains(got, []byte(s)) {
			t.Errorf("the copy still holds %q", s)
		}
	}
	end := bytes.LastIndex(f, []byte("%%EOF")) + len("%%EOF")
	if len(got) != end {
		t.Fatalf("%d bytes, want the %d up to the last %%%%EOF", len(got), end)
	}
	xmp := bytes.Index(got, []byte("<?xpacket"))
	for i := range got {
		if got[i] != f[i] && got[i] != ' ' && got[i] != 0 && got[i] != '(' && got[i] != ')' && (i < xmp || i >= xmp+len(emptyXMP)) {
			t.Fatalf("byte %d changed to %q, not blanked", i, got[i])
		}
	}
	for _, s := range []string{pdfKept, "PICTURE-DATA", "/Type /Catalog", emptyXMP, "Exif", "/Info 6 0 R", "/Info 10 0 R", "COMMENT-KEPT", "(FIELD-NAME-KEPT)"} {
		if s == "Exif" {
			if bytes.Contains(got, []byte(s)) {
				t.Errorf("the photo's EXIF segment was kept")
			}
			continue
		}
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("the copy lost %q", s)
		}
	}
	re := regexp.MustCompile(`(?m)^(\d{10}) 00000 n`)
	offsets := map[int]int{}
	for i, m := range re.FindAllSubmatch(f[:bytes.Index(f, []byte("trailer"))], -1) {
		offsets[i+1], _ = strconv.Atoi(string(m[1]))
	}
	xrefOffsetsHold(t, got, offsets)
}

// TestStripPDFMetadataInObjectStreams: an information dictionary and a comment's author in a
// compressed object stream are blanked there, the stream compressed again into its room; a compressed XMP stream is replaced
// and read as it is. An encrypted one that cannot be read is not served.
func TestStripPDFMetadataInObjectStreams(t *testing.T) {
	f := objectStreamPDF(false)
	if !bytes.Contains(inflateAll(t, f), []byte(pdfSecret)) {
		t.Fatal("the fixture hides nothing")
	}
	got, err := stripPDFBytes(t, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(f) {
		t.Fatalf("%d bytes, want %d", len(got), len(f))
	}
	all := inflateAll(t, got)
	if regexp.MustCompile(`/Subtype /XML\s*/Filter`).Match(got) {
		t.Error("the XMP stream still says it is compressed")
	}
	for _, s := range []string{pdfSecret, pdfGPS, "pdfTeX", "FEFF738B"} {
		if bytes.Contains(all, []byte(s)) {
			t.Errorf("the copy still holds %q", s)
		}
	}
	for _, s := range []string{pdfKept, "/Type /Catalog", emptyXMP, "/Type /ObjStm", "COMMENT-KEPT"} {
		if !bytes.Contains(all, []byte(s)) {
			t.Errorf("the copy lost %q", s)
		}
	}
	if !regexp.MustCompile(`endstream\s*endobj\s*7 0 obj`).Match(got) {
		t.Error("the object after the object stream moved")
	}
	if _, err := stripPDFBytes(t, objectStreamPDF(true)); !errors.Is(err, errNoImage) {
		t.Errorf("an encrypted object stream with the information: %v, want errNoImage", err)
	}
}

// TestStripPDFMetadataRefusesWhatDoesNotParse: what is no PDF, or has junk inside, is not served.
func TestStripPDFMetadataRefusesWhatDoesNotParse(t *testing.T) {
	good := classicPDF()
	mid := bytes.Index(good, []byte("5 0 obj"))
	for name, f := range map[string][]byte{
		"no header":       []byte("hello %PDF-1.7"),
		"junk inside":     append(append(bytes.Clone(good[:mid]), "\x00\x01garbage ("...), good[mid:]...),
		"unclosed string": append(bytes.Clone(good[:mid]), "9 0 obj\n<< /Author (never closed >>\nendobj\n"...),
		"deep nesting":    []byte("%PDF-1.7\n1 0 obj\n" + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\nendobj\n"),
	} {
		if _, err := stripPDFBytes(t, f); err != errNoImage {
			t.Errorf("%s: %v, want errNoImage", name, err)
		}
	}
}
