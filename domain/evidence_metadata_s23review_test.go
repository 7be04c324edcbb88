package domain

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// Review after attack round 18 (session 23): the PDF and Ogg readers that now run at upload.

// allocated is how many bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// zeroArray is an array of n zeros, "[0 0 … 0]".
func zeroArray(n int) string { return "[" + strings.Repeat("0 ", n) + "]" }

// objStmPDF is a PDF whose one object stream holds the entries (object number, offset) given
// over body.
func objStmPDF(entries [][2]int, body string) []byte {
	p := newPDF()
	p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	p.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	var head strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&head, "%d %d ", e[0], e[1])
	}
	p.stream(3, fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode", len(entries), head.Len()), deflate([]byte(head.String()+body)))
	p.xref(0, 3, "<< /Size 4 /Root 1 0 R >>")
	return p.b.Bytes()
}

// TestStripPDFObjectStreamEntriesAreReadOnce: an object stream whose entries all name one large
// array, or point inside one another, parsed the array again for each entry (a 1,259-byte file
// took 28 s and 4.2 GB); such a stream is no well-formed PDF, refused at upload, and reading it
// allocates little.
func TestStripPDFObjectStreamEntriesAreReadOnce(t *testing.T) {
	same, inside := make([][2]int, 400), make([][2]int, 400)
	for i := range same {
		same[i] = [2]int{10 + i, 0}
		inside[i] = [2]int{10 + i, 2 * i}
	}
	for name, f := range map[string][]byte{"same offset": objStmPDF(same, zeroArray(100_000)), "inside one another": objStmPDF(inside, zeroArray(100_000))} {
		if len(f) > 4000 {
			t.Fatalf("%s: the fixture is %d bytes", name, len(f))
		}
		var err error
		n := allocated(func() { _, err = stripPDFBytes(t, f) })
		t.Logf("%s: %d MB allocated", name, n>>20)
		if n > 200<<20 {
			t.Errorf("%s: %d MB allocated", name, n>>20)
		}
		if !errors.Is(err, errNoImage) || errors.Is(err, errUnblankable) {
			t.Errorf("%s: %v, want errNoImage", name, err)
		}
	}
	// Well-formed entries still read, and are blanked.
	f := objStmPDF([][2]int{{10, 0}, {11, 40}}, fmt.Sprintf("%-40s%s", "<< /Author (AUTHOR-SECRET) >>", "<< /Note (KEPT) >>"))
	if got, err := stripPDFBytes(t, f); err != nil || bytes.Contains(inflateAll(t, got), []byte("AUTHOR-SECRET")) {
		t.Errorf("well-formed object stream: %v", err)
	}
}

// TestStripPDFBoundsParsedValues: a PDF of a few megabytes of zeros in an array parsed into
// gigabytes of values; past maxPDFValues it is not served (errUnblankable, accepted at upload),
// at the top level and in an object stream, within a bounded allocation.
func TestStripPDFBoundsParsedValues(t *testing.T) {
	top := newPDF()
	top.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	top.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	top.obj(3, zeroArray(maxPDFValues+500_000))
	top.xref(0, 3, "<< /Size 4 /Root 1 0 R >>")
	for name, f := range map[string][]byte{
		"top level":     top.b.Bytes(),
		"object stream": objStmPDF([][2]int{{10, 0}}, zeroArray(maxPDFValues+500_000)),
	} {
		var err error
		n := allocated(func() { _, err = stripPDFBytes(t, f) })
		t.Logf("%s: %d MB allocated", name, n>>20)
		if n > 200<<20 {
			t.Errorf("%s: %d MB allocated", name, n>>20)
		}
		if !errors.Is(err, errUnblankable) {
			t.Errorf("%s: %v, want errUnblankable", name, err)
		}
	}
}

// TestStripOggCutInsideLastPageHeader: a recording cut short within its last page's first 27
// bytes is trimmed like any other cut, not refused as junk between pages.
func TestStripOggCutInsideLastPageHeader(t *testing.T) {
	f := metadataFixture(t, "memo.opus")
	pages := oggPages(t, f)
	last := len(f) - len(pages[len(pages)-1])
	var want bytes.Buffer
	if err := stripImageMetadata("audio/ogg", bytes.NewReader(f[:last]), &want); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := stripImageMetadata("audio/ogg", bytes.NewReader(f[:last+10]), &out); err != nil {
		t.Fatalf("cut 10 bytes into the last page: %v", err)
	}
	if !bytes.Equal(out.Bytes(), want.Bytes()) {
		t.Errorf("cut 10 bytes into the last page: %d bytes, want %d", out.Len(), want.Len())
	}
}

// TestStripPDFBlanksEveryNameTreeLimits: in an EmbeddedFiles name tree of three levels the
// middle node's /Limits, which hold file names, are blanked too, at the top level and in an
// object stream.
func TestStripPDFBlanksEveryNameTreeLimits(t *testing.T) {
	limits := "/Limits [(" + attachedName + ") (" + attachedName + ")]"
	nodes := []string{
		"<< /Kids [7 0 R] >>",
		"<< /Kids [8 0 R] " + limits + " >>",
		"<< /Names [(" + attachedName + ") 9 0 R] " + limits + " >>",
	}
	for _, objStm := range []bool{false, true} {
		p := newPDF()
		p.obj(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 6 0 R >> >>")
		p.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
		if objStm {
			var head, body strings.Builder
			for i, o := range nodes {
				fmt.Fprintf(&head, "%d %d ", i+6, body.Len())
				body.WriteString(o + "\n")
			}
			p.stream(5, fmt.Sprintf("/Type /ObjStm /N 3 /First %d /Filter /FlateDecode", head.Len()), deflate([]byte(head.String()+body.String())))
		} else {
			for i, o := range nodes {
				p.obj(i+6, o)
			}
		}
		p.obj(9, "<< /Type /Filespec /F (clip.jpg) /EF << /F 10 0 R >> >>")
		p.stream(10, "/Type /EmbeddedFile", []byte("PHOTO"))
		p.xref(0, 10, "<< /Size 11 /Root 1 0 R >>")
		got, err := stripPDFBytes(t, p.b.Bytes())
		if err != nil {
			t.Fatalf("objStm %v: %v", objStm, err)
		}
		if bytes.Contains(inflateAll(t, got), []byte(attachedName)) {
			t.Errorf("objStm %v: the copy still holds the file's name", objStm)
		}
	}
}

// TestStripPDFRefusesAttachmentsInUnreadObjectStreams: in an encrypted PDF a file specification
// inside an object stream cannot be read, nor blanked; a file with such a stream and any embedded
// file or FileAttachment is not served. One with no attachment still is, as before.
func TestStripPDFRefusesAttachmentsInUnreadObjectStreams(t *testing.T) {
	build := func(annot bool) []byte {
		p := newPDF()
		p.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		p.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		annots := ""
		if annot {
			annots = "/Annots [4 0 R]"
			p.obj(4, "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 1 1] /FS 11 0 R >>")
		}
		p.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] "+annots+" >>")
		body := "<< /Type /Filespec /F (" + attachedName + ") /EF << /F 5 0 R >> >>"
		p.stream(10, "/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode", deflate([]byte("11 0 "+body)))
		if annot {
			p.stream(5, "/Length1 5", []byte("PHOTO"))
		}
		p.obj(6, "<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>")
		p.xref(0, 11, "<< /Size 12 /Root 1 0 R /Encrypt 6 0 R >>")
		return p.b.Bytes()
	}
	if _, err := stripPDFBytes(t, build(true)); !errors.Is(err, errUnblankable) {
		t.Errorf("FileAttachment with its file specification in an encrypted object stream: %v, want errUnblankable", err)
	}
	if _, err := stripPDFBytes(t, build(false)); err != nil {
		t.Errorf("encrypted object stream, no attachment: %v", err)
	}
}
