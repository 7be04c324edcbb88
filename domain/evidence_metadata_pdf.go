package domain

import (
	"bytes"
	"compress/zlib"
	"io"
	"maps"
	"regexp"
	"strconv"
)

// Attack round 17 (session 22): a PDF the complainant uploads — a letter written in a word
// processor and saved as PDF, a bank statement, a page printed to PDF — names its writer: the
// document information dictionary (/Author, /Creator, /Producer, /Title, dates, and any key a
// program adds), and the XMP metadata streams (dc:creator, xmp:CreatorTool, and for a page printed
// from a photo viewer the photo's GPS position as exif:GPSLatitude). A photo placed in the page
// keeps its own EXIF inside the PDF (a DCTDecode image stream is a JPEG file). Rounds 15 and 16
// served images and recordings to institutions without their metadata; PDFs went byte for byte.
//
// A PDF is a web of byte offsets (the cross-reference tables and streams), so its metadata is
// blanked in place, as round 16 did for ISO media: every top-level object is read in turn (what
// does not parse is not served); the dictionary named /Info by any trailer or cross-reference
// stream, of this revision or an earlier one kept in the file by an incremental update, and any
// other dictionary that looks like one (/Author, /Creator or /Producer, no /Type or /Subtype),
// keeps its << >> and becomes spaces inside; a comment's author (a markup annotation's /T) becomes
// an empty string; every /Metadata stream's data becomes an empty XMP
// packet padded with spaces (its /Filter and /DecodeParms entries spaces too, so that a reader
// reads it as it is); a JPEG image stream keeps its picture with its APP1–APP15 segments (EXIF,
// XMP, IPTC) and comments zeroed; and an information dictionary kept inside a compressed object
// stream is blanked in the inflated stream, which is compressed again into no more room than it
// had (its /Length rewritten with as many characters, the room left after endstream as spaces;
// a stream that no longer fits, or that is encrypted, is not served). Anything after the last
// %%EOF that does not parse is cut. Every object stays at its offset, the file keeps its size but
// for what is cut at the end.

// maxPDF bounds the PDF held in memory to blank it, and what its object streams inflate to.
const maxPDF = 64 << 20

// emptyXMP is what a blanked metadata stream holds, when it has room for it.
const emptyXMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta><?xpacket end="w"?>`

// pdfValue is a parsed PDF object with the span [start, end) it was read from.
type pdfValue struct {
	kind       byte // 'd' dictionary, 'a' array, 'n' name, 'i' integer, 'r' reference, 'o' anything else
	start, end int
	name       string              // a name's text, without the slash
	num        int64               // an integer, or a reference's object number
	gen        int64               // a reference's generation
	dict       map[string]pdfEntry // a dictionary's entries
	arr        []*pdfValue
}

// pdfEntry is a dictionary entry: its value and where the key began.
type pdfEntry struct {
	keyStart int
	v        *pdfValue
}

func (v *pdfValue) get(key string) *pdfValue {
	if v == nil || v.kind != 'd' {
		return nil
	}
	return v.dict[key].v
}

func (v *pdfValue) isName(key, name string) bool {
	x := v.get(key)
	return x != nil && x.kind == 'n' && x.name == name
}

// maxPDFValues bounds the values parsed in one PDF, at the top level and in its object streams
// together. Review after round 18: a 50 MB array of zeros parsed into about 3.7 GB of values, and
// an object stream whose entries all pointed at one large array was parsed again for each entry;
// a document with a million values (every number, name and string counted) is far past any
// letter, statement or scan a complainant holds, and past it the file is not served to
// institutions (errUnblankable).
const maxPDFValues = 1_000_000

// pdfParser reads PDF objects from p; values, shared by the parsers of one file, is how many
// values they may still parse (nil: no bound).
type pdfParser struct {
	p      []byte
	values *int
}

// exhausted says whether the parser's file ran out of values to parse.
func (q *pdfParser) exhausted() bool { return q.values != nil && *q.values <= 0 }

func pdfSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func pdfDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

// skip passes white space and comments from i.
func (q *pdfParser) skip(i int) int {
	for i < len(q.p) {
		switch c := q.p[i]; {
		case pdfSpace(c):
			i++
		case c == '%':
			for i < len(q.p) && q.p[i] != '\n' && q.p[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// word returns the regular characters (a number or a keyword) at i.
func (q *pdfParser) word(i int) string {
	j := i
	for j < len(q.p) && !pdfSpace(q.p[j]) && !pdfDelim(q.p[j]) {
		j++
	}
	return string(q.p[i:j])
}

// integer reads an unsigned integer at i: its value and end, or ok false.
func (q *pdfParser) integer(i int) (int64, int, bool) {
	w := q.word(i)
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || w == "" || w[0] < '0' || w[0] > '9' {
		return 0, i, false
	}
	return n, i + len(w), true
}

// value parses the object at i (after white space); depth bounds nesting.
func (q *pdfParser) value(i, depth int) (*pdfValue, bool) {
	i = q.skip(i)
	if i >= len(q.p) || depth > 64 {
		return nil, false
	}
	if q.values != nil {
		if *q.values <= 0 {
			return nil, false
		}
		*q.values--
	}
	v := &pdfValue{start: i, kind: 'o'}
	switch c := q.p[i]; {
	case c == '<' && i+1 < len(q.p) && q.p[i+1] == '<':
		v.kind, v.dict = 'd', map[string]pdfEntry{}
		j := i + 2
		for {
			j = q.skip(j)
			if j+1 < len(q.p) && q.p[j] == '>' && q.p[j+1] == '>' {
				v.end = j + 2
				return v, true
			}
			key, ok := q.value(j, depth+1)
			if !ok || key.kind != 'n' {
				return nil, false
			}
			val, ok := q.value(key.end, depth+1)
			if !ok {
				return nil, false
			}
			v.dict[key.name] = pdfEntry{keyStart: key.start, v: val}
			j = val.end
		}
	case c == '[':
		v.kind = 'a'
		j := i + 1
		for {
			j = q.skip(j)
			if j < len(q.p) && q.p[j] == ']' {
				v.end = j + 1
				return v, true
			}
			el, ok := q.value(j, depth+1)
			if !ok {
				return nil, false
			}
			v.arr = append(v.arr, el)
			j = el.end
		}
	case c == '(':
		nest := 0
		for j := i; j < len(q.p); j++ {
			switch q.p[j] {
			case '\\':
				j++
			case '(':
				nest++
			case ')':
				if nest--; nest == 0 {
					v.end = j + 1
					return v, true
				}
			}
		}
		return nil, false
	case c == '<':
		j := bytes.IndexByte(q.p[i:], '>')
		if j < 0 {
			return nil, false
		}
		v.end = i + j + 1
		return v, true
	case c == '/':
		w := q.word(i + 1)
		v.kind, v.name, v.end = 'n', w, i+1+len(w)
		return v, true
	case pdfDelim(c):
		return nil, false
	}
	w := q.word(i)
	if w == "" {
		return nil, false
	}
	v.end = i + len(w)
	if n, end, ok := q.integer(i); ok {
		v.kind, v.num = 'i', n
		// "n g R" is a reference.
		if j := q.skip(end); j > end {
			if g, gend, ok := q.integer(j); ok {
				if k := q.skip(gend); k > gend && q.word(k) == "R" {
					v.kind, v.gen, v.end = 'r', g, k+1
				}
			}
		}
	}
	return v, true
}

// pdfObject is a top-level object "n g obj … endobj", and its stream's data if it has one.
type pdfObject struct {
	num, gen                      int64
	v                             *pdfValue
	dataStart, dataEnd, streamEnd int // the stream's data [dataStart, dataEnd), and the end of "endstream"; 0 without a stream
}

// blankSpan writes spaces over p[s:e].
func blankSpan(p []byte, s, e int) {
	for i := s; i < e; i++ {
		p[i] = ' '
	}
}

// blankDict keeps a dictionary's << and >> and writes spaces between them.
func blankDict(p []byte, d *pdfValue) { blankSpan(p, d.start+2, d.end-2) }

// infoLike says whether a dictionary looks like document information: it names an author,
// creator or producer and is no typed object (an annotation, a page, a font).
func infoLike(d *pdfValue) bool {
	if d == nil || d.kind != 'd' || d.dict["Type"].v != nil || d.dict["Subtype"].v != nil {
		return false
	}
	return d.dict["Author"].v != nil || d.dict["Creator"].v != nil || d.dict["Producer"].v != nil
}

// markupAnnots are the annotations whose /T names their author (ISO 32000-1, 12.5.6.2): the
// person who wrote the comment. A widget's /T is a form field's name and is kept.
var markupAnnots = map[string]bool{"Text": true, "FreeText": true, "Line": true, "Square": true, "Circle": true,
	"Polygon": true, "PolyLine": true, "Highlight": true, "Underline": true, "Squiggly": true, "StrikeOut": true,
	"Stamp": true, "Caret": true, "Ink": true, "FileAttachment": true, "Sound": true, "Redact": true}

// blankPersonal blanks in p what of the dictionary d names a person: the whole of a document
// information dictionary (or one that looks like it, or info when the trailer names it so), a
// comment's author. It says whether it changed anything.
func blankPersonal(p []byte, d *pdfValue, info bool) bool {
	if d == nil || d.kind != 'd' {
		return false
	}
	if info || infoLike(d) {
		blankDict(p, d)
		return true
	}
	if st := d.get("Subtype"); st != nil && st.kind == 'n' && markupAnnots[st.name] {
		if t := d.get("T"); t != nil && t.kind == 'o' && t.end-t.start >= 2 && (p[t.start] == '(' || p[t.start] == '<') {
			copy(p[t.start:], "()")
			blankSpan(p, t.start+2, t.end)
			return true
		}
	}
	return false
}

var pdfLengthObject = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj`)

// stripPDF copies the PDF r to w with its metadata blanked (see above).
func stripPDF(r io.Reader, w io.Writer) error {
	p, err := io.ReadAll(io.LimitReader(r, maxPDF+1))
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(p, []byte("%PDF-")) {
		return errNoImage
	}
	if len(p) > maxPDF {
		return errUnblankable
	}
	values := maxPDFValues
	q := &pdfParser{p: p, values: &values}
	// Lengths given as references: objects holding a bare integer.
	lengths := map[[2]int64][2]int{} // object → the integer's span
	for _, m := range pdfLengthObject.FindAllSubmatchIndex(p, -1) {
		n, _ := strconv.ParseInt(string(p[m[2]:m[3]]), 10, 64)
		g, _ := strconv.ParseInt(string(p[m[4]:m[5]]), 10, 64)
		lengths[[2]int64{n, g}] = [2]int{m[6], m[7]}
	}
	var objs []*pdfObject
	var trailers []*pdfValue
	end := len(p) // where the copy ends: after the last %%EOF if junk follows it
	lastEOF := -1
	i := 0
scan:
	for {
		// White space and comments, noting where the last %%EOF ends.
		for i < len(p) {
			if c := p[i]; pdfSpace(c) {
				i++
				continue
			} else if c != '%' {
				break
			}
			j := i
			for j < len(p) && p[j] != '\n' && p[j] != '\r' {
				j++
			}
			if bytes.HasPrefix(p[i:j], []byte("%%EOF")) {
				lastEOF = j
			}
			i = j
		}
		if i >= len(p) {
			break
		}
		switch word := q.word(i); {
		case word == "xref":
			t := bytes.Index(p[i:], []byte("trailer"))
			if t < 0 {
				break scan
			}
			i += t
			fallthrough
		case q.word(i) == "trailer":
			d, ok := q.value(i+len("trailer"), 0)
			if !ok || d.kind != 'd' {
				break scan
			}
			trailers = append(trailers, d)
			i = d.end
		case word == "startxref":
			_, e, ok := q.integer(q.skip(i + len(word)))
			if !ok {
				break scan
			}
			i = e
		default:
			o, e, ok := q.object(i, lengths)
			if !ok {
				break scan
			}
			objs = append(objs, o)
			i = e
		}
	}
	if q.exhausted() {
		return errUnblankable
	}
	if i < len(p) { // something that is no PDF syntax: cut it if it follows an end of file
		if lastEOF < 0 {
			return errNoImage
		}
		end = lastEOF
	}
	encrypted := false
	infos := map[[2]int64]bool{}
	for _, o := range objs {
		if o.v.isName("Type", "XRef") {
			trailers = append(trailers, o.v)
		}
	}
	for _, t := range trailers {
		if t.get("Encrypt") != nil {
			encrypted = true
		}
		switch info := t.get("Info"); {
		case info == nil:
		case info.kind == 'r':
			infos[[2]int64{info.num, info.gen}] = true
		case info.kind == 'd':
			blankDict(p, info)
		}
	}
	// The information dictionaries not found at the top level may be in an object stream.
	missing := maps.Clone(infos)
	for _, o := range objs {
		if o.dataStart == 0 && o.v.kind == 'd' {
			delete(missing, [2]int64{o.num, o.gen})
		}
	}
	out := bytes.Clone(p[:end])
	// Embedded files (round 18): first every file specification with an /EF and the streams it
	// names, at the top level and inside the object streams that can be read.
	att := &pdfAttachments{filespecs: map[int64]bool{}, streams: map[[2]int64]bool{}, values: map[int64][]*pdfValue{}, treeNodes: map[*pdfValue]bool{}}
	objStms := &objStmCache{budget: maxPDF, values: &values, done: map[*pdfObject]objStmInflated{}}
	unreadObjStm := false // an object stream that cannot be read: encrypted, or another filter
	for _, o := range objs {
		if max(o.v.end, o.streamEnd) > end {
			continue
		}
		att.note(o.num, o.v)
		if o.dataStart != 0 && o.v.isName("Type", "EmbeddedFile") {
			att.found = true
		}
		if o.v.isName("Type", "ObjStm") {
			if encrypted || !onlyFilter(o.v, "FlateDecode") || o.v.get("DecodeParms") != nil {
				unreadObjStm = true
			} else if _, entries, err := objStms.inflate(out, o); err == nil {
				for _, e := range entries {
					att.note(e.num, e.v)
				}
			}
		}
	}
	// Review after round 18: a file specification inside an object stream that cannot be read
	// keeps its names (/F, /UF, /Desc); a file that has one and any sign of an embedded file is
	// not served to institutions.
	if unreadObjStm && att.any() {
		return errUnblankable
	}
	att.markTrees()
	for _, o := range objs {
		if max(o.v.end, o.streamEnd) > end {
			continue
		}
		switch {
		case o.dataStart == 0:
			blankPersonal(out, o.v, infos[[2]int64{o.num, o.gen}])
			att.blank(out, o.v)
		case o.v.isName("Type", "EmbeddedFile") || att.streams[[2]int64{o.num, o.gen}]:
			blankEmbeddedFile(out, o)
		case o.v.isName("Type", "Metadata") || o.v.isName("Subtype", "XML"):
			blankMetadataStream(out, o)
		case onlyFilter(o.v, "DCTDecode") && !encrypted:
			blankJPEGSegments(out[o.dataStart:o.dataEnd])
		case o.v.isName("Type", "ObjStm"):
			if err := blankObjectStream(out, o, missing, encrypted, lengths, att, objStms); err != nil {
				return err
			}
		}
	}
	_, err = w.Write(out)
	return err
}

// object reads the top-level object at i: "n g obj", its value, its stream if any, "endobj".
func (q *pdfParser) object(i int, lengths map[[2]int64][2]int) (*pdfObject, int, bool) {
	p := q.p
	n, e, ok := q.integer(i)
	if !ok {
		return nil, i, false
	}
	g, e2, ok := q.integer(q.skip(e))
	if !ok {
		return nil, i, false
	}
	k := q.skip(e2)
	if q.word(k) != "obj" {
		return nil, i, false
	}
	o := &pdfObject{num: n, gen: g}
	if o.v, ok = q.value(k+3, 0); !ok {
		return nil, i, false
	}
	j := q.skip(o.v.end)
	if o.v.kind == 'd' && q.word(j) == "stream" {
		j += len("stream")
		if j < len(p) && p[j] == '\r' {
			j++
		}
		if j < len(p) && p[j] == '\n' {
			j++
		}
		o.dataStart = j
		length := int64(-1)
		switch l := o.v.get("Length"); {
		case l == nil:
		case l.kind == 'i':
			length = l.num
		case l.kind == 'r':
			if s, ok := lengths[[2]int64{l.num, l.gen}]; ok {
				length, _ = strconv.ParseInt(string(p[s[0]:s[1]]), 10, 64)
			}
		}
		if length >= 0 && length <= int64(len(p)-j) && q.word(q.skip(j+int(length))) == "endstream" {
			o.dataEnd = j + int(length)
		} else { // a wrong or unknown length: the data ends before the keyword, as readers find it
			x := bytes.Index(p[j:], []byte("endstream"))
			if x < 0 {
				return nil, i, false
			}
			o.dataEnd = j + x
			for o.dataEnd > j && (p[o.dataEnd-1] == '\n' || p[o.dataEnd-1] == '\r') {
				o.dataEnd--
			}
		}
		o.streamEnd = q.skip(o.dataEnd) + len("endstream")
		j = o.streamEnd
	}
	j = q.skip(j)
	if q.word(j) == "endobj" {
		j += len("endobj")
	}
	return o, j, true
}

// onlyFilter says whether a stream's one filter is the one named (/Filter /F or [/F]).
func onlyFilter(d *pdfValue, name string) bool {
	f := d.get("Filter")
	if f != nil && f.kind == 'a' && len(f.arr) == 1 {
		f = f.arr[0]
	}
	return f != nil && f.kind == 'n' && f.name == name
}

// blankMetadataStream writes an empty XMP packet, padded with spaces, over a metadata stream's
// data, and spaces over its /Filter, /DecodeParms and /DL entries so that it is read as it is.
func blankMetadataStream(p []byte, o *pdfObject) {
	for _, k := range []string{"Filter", "DecodeParms", "DL"} {
		if e, ok := o.v.dict[k]; ok {
			blankSpan(p, e.keyStart, e.v.end)
		}
	}
	blankSpan(p, o.dataStart, o.dataEnd)
	if o.dataEnd-o.dataStart >= len(emptyXMP) {
		copy(p[o.dataStart:], emptyXMP)
	}
}

// blankJPEGSegments zeroes, in place, the payload of a JPEG's APP1–APP15 segments (but ICC
// profiles and Adobe's colour transform) and comments, up to the start of the scan: decoders skip
// such a segment, and nothing moves. A stream that is no JPEG is left as it is.
func blankJPEGSegments(j []byte) {
	if !bytes.HasPrefix(j, []byte{0xFF, 0xD8}) {
		return
	}
	i := 2
	for i+4 <= len(j) && j[i] == 0xFF {
		code := j[i+1]
		if code == 0xDA || code == 0xD9 {
			return
		}
		if code == 0x01 || (code >= 0xD0 && code <= 0xD7) || code == 0xFF {
			i += 2
			if code == 0xFF {
				i--
			}
			continue
		}
		n := int(j[i+2])<<8 | int(j[i+3])
		if n < 2 || i+2+n > len(j) {
			return
		}
		if seg := j[i+4 : i+2+n]; !keepJPEGSegment(code, seg) {
			clear(seg)
		}
		i += 2 + n
	}
}

// blankObjectStream blanks, inside a compressed object stream, the document information
// dictionaries (those in infos, not found at the top level, and any that look like one) and
// comments' authors, then compresses the stream again into
// the room it had. A stream that needs it and cannot be read (encrypted, another filter) or no
// longer fits is errNoImage.
func blankObjectStream(p []byte, o *pdfObject, infos map[[2]int64]bool, encrypted bool, lengths map[[2]int64][2]int, att *pdfAttachments, objStms *objStmCache) error {
	if !onlyFilter(o.v, "FlateDecode") || o.v.get("DecodeParms") != nil || encrypted {
		if len(infos) > 0 { // an information dictionary may be in it, unread: not served
			return errUnblankable
		}
		return nil
	}
	data, entries, err := objStms.inflate(p, o)
	if err != nil {
		return err
	}
	changed := false
	for _, e := range entries {
		personal := blankPersonal(data, e.v, infos[[2]int64{e.num, 0}])
		if att.blank(data, e.v) || personal {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = zw.Write(data)
	_ = zw.Close()
	// The new /Length, written over the old one with as many characters.
	ls, le := -1, -1
	switch l := o.v.get("Length"); {
	case l != nil && l.kind == 'i':
		ls, le = l.start, l.end
	case l != nil && l.kind == 'r':
		if s, ok := lengths[[2]int64{l.num, l.gen}]; ok {
			ls, le = s[0], s[1]
		}
	}
	newLen := strconv.Itoa(z.Len())
	room := o.streamEnd - o.dataStart - len("\nendstream")
	if ls < 0 || len(newLen) > le-ls || z.Len() > room {
		return errUnblankable
	}
	copy(p[ls:le], newLen)
	blankSpan(p, ls+len(newLen), le)
	at := o.dataStart + copy(p[o.dataStart:], z.Bytes())
	at += copy(p[at:], "\nendstream")
	blankSpan(p, at, o.streamEnd)
	return nil
}

// objStmEntry is one object of an object stream, parsed in its inflated data.
type objStmEntry struct {
	num int64
	v   *pdfValue
}

// objStmCache inflates each object stream of a PDF once, within one budget for the whole file:
// a PDF of a few megabytes can hold hundreds of object streams each inflating to the most one
// stream may (a "deflate bomb"); without a budget for the file, each cost a full inflation, and
// one 19 MB upload kept a core busy for minutes (round 18: found while making the upload read every
// PDF). Past the budget the file is not served to institutions (errUnblankable).
type objStmCache struct {
	budget int
	values *int // the values the file's parsers may still parse (maxPDFValues)
	done   map[*pdfObject]objStmInflated
}

type objStmInflated struct {
	data    []byte
	entries []objStmEntry
	err     error
}

func (c *objStmCache) inflate(p []byte, o *pdfObject) ([]byte, []objStmEntry, error) {
	if d, ok := c.done[o]; ok {
		return d.data, d.entries, d.err
	}
	data, entries, err := inflateObjectStream(p, o, &c.budget, c.values)
	c.done[o] = objStmInflated{data, entries, err}
	return data, entries, err
}

// inflateObjectStream inflates the FlateDecode object stream o of p, within what is left of
// *budget, and parses its objects, within what is left of *values.
//
// Review after round 18: the entries' offsets were not checked, so that all of a stream's N
// entries could name one large array, parsed again for each (a 1,259-byte file of 400 entries
// took 28 s and 4.2 GB). As ISO 32000-1 (7.5.7) requires, the offsets must now increase, and each
// object is read only up to the next one's offset: a stream's objects are parsed once in all. A
// stream that breaks this is no well-formed PDF (errNoImage, as its other faults).
func inflateObjectStream(p []byte, o *pdfObject, budget *int, values *int) ([]byte, []objStmEntry, error) {
	zr, err := zlib.NewReader(bytes.NewReader(p[o.dataStart:o.dataEnd]))
	if err != nil {
		return nil, nil, errNoImage
	}
	data, err := io.ReadAll(io.LimitReader(zr, int64(*budget)+1))
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, nil, errNoImage
	}
	if len(data) > *budget {
		*budget = 0
		return nil, nil, errUnblankable
	}
	*budget -= len(data)
	first, count := o.v.get("First"), o.v.get("N")
	if first == nil || first.kind != 'i' || count == nil || count.kind != 'i' || first.num > int64(len(data)) {
		return nil, nil, errNoImage
	}
	head := &pdfParser{p: data[:first.num]}
	type entryAt struct{ num, off int64 }
	var offs []entryAt
	at := 0
	for k := int64(0); k < count.num; k++ {
		n, e, ok := head.integer(head.skip(at))
		if !ok {
			return nil, nil, errNoImage
		}
		off, e2, ok := head.integer(head.skip(e))
		if !ok || first.num+off > int64(len(data)) || (len(offs) > 0 && off <= offs[len(offs)-1].off) {
			return nil, nil, errNoImage
		}
		at = e2
		offs = append(offs, entryAt{n, off})
	}
	entries := make([]objStmEntry, 0, len(offs))
	for k, x := range offs {
		limit := len(data)
		if k+1 < len(offs) {
			limit = int(first.num + offs[k+1].off)
		}
		q := &pdfParser{p: data[:limit], values: values}
		v, ok := q.value(int(first.num+x.off), 0)
		if !ok {
			if q.exhausted() {
				return nil, nil, errUnblankable
			}
			return nil, nil, errNoImage
		}
		entries = append(entries, objStmEntry{x.num, v})
	}
	return data, entries, nil
}

// Round 18 (session 23): a PDF may carry whole files inside it — the document's attachments
// (the catalog's EmbeddedFiles name tree) and FileAttachment annotations (a paper clip on a
// page) — each an embedded file stream with its own bytes and metadata: a photo with its EXIF
// GPS, a letter with its author, under a file name that may be the complainant's own ("王小明身份证.jpg").
// Round 17 blanked the PDF's own metadata and served those files as stored. Now, for
// institutions, an embedded file stream (/Type /EmbeddedFile, or any stream a file
// specification's /EF names) keeps its length and becomes zeros, its /Filter, /DecodeParms, /DL,
// /Params (size, dates, checksum) and /Subtype (media type) entries spaces, so that a reader
// extracts a file of zeros; a file specification with an /EF loses its names and description
// (/F, /UF, /DOS, /Mac, /Unix, /Desc become empty strings), a FileAttachment annotation its
// /Contents (the file's description), and a name tree's keys that name such a file specification
// (and its /Limits) become empty strings. The page the complainant wrote or printed is kept.

// pdfAttachments are the embedded files of a PDF: the object numbers of the file specifications
// with an /EF, and the streams their /EF names.
type pdfAttachments struct {
	filespecs map[int64]bool
	streams   map[[2]int64]bool
	// Review after round 18: the values of the file's objects by number, the nodes of its
	// EmbeddedFiles name trees, their roots, and whether anything names an embedded file.
	values    map[int64][]*pdfValue
	treeNodes map[*pdfValue]bool
	roots     []*pdfValue
	found     bool
}

// any says whether the file shows any sign of an embedded file.
func (a *pdfAttachments) any() bool {
	return a.found || len(a.filespecs) > 0 || len(a.streams) > 0 || len(a.roots) > 0
}

// markTrees marks every node of the EmbeddedFiles name trees, following /Kids from their roots.
func (a *pdfAttachments) markTrees() {
	queue := append([]*pdfValue(nil), a.roots...)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		var nodes []*pdfValue
		switch v.kind {
		case 'r':
			nodes = a.values[v.num]
		case 'd':
			nodes = []*pdfValue{v}
		}
		for _, d := range nodes {
			if d.kind != 'd' || a.treeNodes[d] {
				continue
			}
			a.treeNodes[d] = true
			if kids := d.get("Kids"); kids != nil && kids.kind == 'a' {
				queue = append(queue, kids.arr...)
			}
		}
	}
}

// note records, from the value v of object num and the values inside it, the file specifications
// with an /EF and the streams they name.
func (a *pdfAttachments) note(num int64, v *pdfValue) {
	if v == nil {
		return
	}
	a.values[num] = append(a.values[num], v)
	if ef := v.get("EF"); ef != nil {
		a.filespecs[num] = true
		if ef.kind == 'd' {
			for _, e := range ef.dict {
				if e.v.kind == 'r' {
					a.streams[[2]int64{e.v.num, e.v.gen}] = true
				}
			}
		}
	}
	a.walk(v, func(d *pdfValue) {
		if d.isName("Subtype", "FileAttachment") {
			a.found = true
		}
		if root := d.get("EmbeddedFiles"); root != nil {
			a.roots = append(a.roots, root)
		}
		if ef := d.get("EF"); ef != nil && ef.kind == 'd' {
			for _, e := range ef.dict {
				if e.v.kind == 'r' {
					a.streams[[2]int64{e.v.num, e.v.gen}] = true
				}
			}
		}
	})
}

// walk calls fn for every dictionary in v, v included.
func (a *pdfAttachments) walk(v *pdfValue, fn func(d *pdfValue)) {
	switch v.kind {
	case 'd':
		fn(v)
		for _, e := range v.dict {
			a.walk(e.v, fn)
		}
	case 'a':
		for _, e := range v.arr {
			a.walk(e, fn)
		}
	}
}

// isFilespec says whether v is, or refers to, a file specification with an embedded file.
func (a *pdfAttachments) isFilespec(v *pdfValue) bool {
	return v != nil && ((v.kind == 'r' && a.filespecs[v.num]) || (v.kind == 'd' && v.get("EF") != nil))
}

// blank blanks in p what of v, and of the values inside it, describes an embedded file (see
// above), and says whether it changed anything.
func (a *pdfAttachments) blank(p []byte, v *pdfValue) bool {
	changed := false
	a.walk(v, func(d *pdfValue) {
		if d.get("EF") != nil {
			for _, k := range []string{"F", "UF", "DOS", "Mac", "Unix", "Desc"} {
				changed = blankPDFString(p, d.get(k)) || changed
			}
		}
		if d.isName("Subtype", "FileAttachment") {
			changed = blankPDFString(p, d.get("Contents")) || changed
		}
		tree := a.treeNodes[d] // a node of an EmbeddedFiles name tree: every key names a file
		named := tree
		if names := d.get("Names"); names != nil && names.kind == 'a' {
			for i := 0; i+1 < len(names.arr); i += 2 {
				if tree || a.isFilespec(names.arr[i+1]) {
					changed = blankPDFString(p, names.arr[i]) || changed
					named = true
				}
			}
		}
		if l := d.get("Limits"); named && l != nil && l.kind == 'a' {
			for _, e := range l.arr {
				changed = blankPDFString(p, e) || changed
			}
		}
	})
	return changed
}

// blankPDFString makes the string v an empty string followed by spaces; a value that is no
// string is left alone.
func blankPDFString(p []byte, v *pdfValue) bool {
	if v == nil || v.kind != 'o' || v.end-v.start < 2 || (p[v.start] != '(' && p[v.start] != '<') {
		return false
	}
	if v.end-v.start == 2 {
		return false // already empty
	}
	copy(p[v.start:], "()")
	blankSpan(p, v.start+2, v.end)
	return true
}

// blankEmbeddedFile zeroes an embedded file stream's data and writes spaces over the entries
// that say how to decode it and what it was.
func blankEmbeddedFile(p []byte, o *pdfObject) {
	for _, k := range []string{"Filter", "DecodeParms", "DL", "Params", "Subtype"} {
		if e, ok := o.v.dict[k]; ok {
			blankSpan(p, e.keyStart, e.v.end)
		}
	}
	clear(p[o.dataStart:o.dataEnd])
}
