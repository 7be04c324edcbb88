package domain

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"io"
	"slices"
)

// Attack round 16 (session 21): JPEG and PNG were served to institutions without their metadata
// since round 15, but the complainant's other recordings and photos were not. Phones write where
// and what into them too: an iPhone voice memo is named after the street it was recorded in (the
// title, ©nam, in moov/udta/meta), a phone video carries the GPS position (©xyz in udta, or
// com.apple.quicktime.location.ISO6709 in moov/meta), an iPhone photo (HEIC, the iPhone's default)
// its EXIF GPS in an Exif item, a WebP its EXIF and XMP chunks, a recorder's WAV or MP3 its title
// in a LIST chunk or an ID3 tag. Found by hand: a voice memo
// uploaded to a complaint whose identity is withheld, downloaded by the collection agency with
// the street address and the position in it.
//
// These containers hold absolute file offsets (an ISO media file's sample tables and item
// locations point into mdat), so the metadata is not cut out but blanked in place: its boxes
// become `free` boxes of the same size filled with zeros, HEIF's Exif and XMP items are zeroed
// where they lie, WebP's EXIF and XMP chunks and WAV's LIST, ID3, bext and iXML chunks become JUNK
// chunks of zeros and VP8X stops announcing EXIF and XMP. MP3 holds no offsets: its ID3 tags are
// cut out. The file keeps its size and every offset; players and decoders skip what is
// blanked. A file that does not parse is errNoImage, as for JPEG and PNG.

// isoMediaTypes are the ISO base media types (sniffMagic's isoMedia) whose metadata an institution
// is not served.
var isoMediaTypes = map[string]bool{
	"audio/mp4": true, "video/quicktime": true, "video/3gpp": true, "video/mp4": true,
	"image/heic": true, "image/heif": true,
}

// maxItemMeta bounds the HEIF meta box read into memory to find the Exif and XMP items (a photo's
// is a few kilobytes).
const maxItemMeta = 16 << 20

// maxMetadataExtents bounds the extents of a HEIF image's Exif and XMP items read (a photo's
// have one each): 16 MB of iloc could list eight million, each kept in memory (round 29).
const maxMetadataExtents = 1024

// xmpUUID is the uuid box type of XMP in ISO media files (Adobe's XMP specification, part 3).
var xmpUUID = []byte{0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC}

// blanker writes through to w, zeroing the bytes at the file offsets of its ranges, and counts the
// offset it has reached.
type blanker struct {
	w      io.Writer
	pos    int64
	ranges [][2]int64 // [start, end) file offsets to write as zeros
}

// addRanges adds ranges to blank, keeping them sorted by start: Write passes over the ones behind
// it and stops at the first one ahead, so a write costs the ranges it touches, not all of them
// (round 29: each write compared itself with every range, a quarter of a million extents and a
// hundred thousand small boxes after them kept a core busy for minutes).
// A file holds at most maxMetadataExtents of them in all (a HEIF has one meta box; a file of many
// would otherwise add a thousand each): false when rs would pass that.
func (b *blanker) addRanges(rs [][2]int64) bool {
	if len(b.ranges)+len(rs) > maxMetadataExtents {
		return false
	}
	b.ranges = append(b.ranges, rs...)
	slices.SortFunc(b.ranges, func(x, y [2]int64) int { return cmp.Compare(x[0], y[0]) })
	return true
}

func (b *blanker) Write(p []byte) (int, error) {
	var cp []byte
	for len(b.ranges) > 0 && b.ranges[0][1] <= b.pos {
		b.ranges = b.ranges[1:] // behind: the position only moves on
	}
	for _, r := range b.ranges {
		if r[0] >= b.pos+int64(len(p)) {
			break // sorted: the rest begin further on
		}
		s, e := max(r[0], b.pos), min(r[1], b.pos+int64(len(p)))
		if s >= e {
			continue
		}
		if cp == nil {
			cp = bytes.Clone(p)
		}
		clear(cp[s-b.pos : e-b.pos])
	}
	if cp == nil {
		cp = p
	}
	n, err := b.w.Write(cp)
	b.pos += int64(n)
	return n, err
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// isoBox is a box header as read: its type, the header's bytes and the length of its body (-1: to
// the end of the file).
type isoBox struct {
	typ  string
	head []byte
	body int64
}

// readBox reads a box header from r within room bytes (-1: unbounded). io.EOF at a clean end.
func readBox(r *bufio.Reader, room int64) (isoBox, error) {
	if room >= 0 && room < 8 {
		return isoBox{}, errNoImage
	}
	head := make([]byte, 8, 16)
	if _, err := io.ReadFull(r, head); err != nil {
		if err == io.EOF && room < 0 {
			return isoBox{}, io.EOF
		}
		return isoBox{}, errNoImage
	}
	size := int64(binary.BigEndian.Uint32(head))
	b := isoBox{typ: string(head[4:8])}
	switch size {
	case 0: // to the end of the file: only at the top
		if room >= 0 {
			return isoBox{}, errNoImage
		}
		b.head, b.body = head, -1
		return b, nil
	case 1: // a 64-bit size follows
		head = head[:16]
		if _, err := io.ReadFull(r, head[8:]); err != nil {
			return isoBox{}, errNoImage
		}
		size = int64(binary.BigEndian.Uint64(head[8:]))
		if size < 0 {
			return isoBox{}, errNoImage
		}
	}
	if size < int64(len(head)) || (room >= 0 && size > room) {
		return isoBox{}, errNoImage
	}
	b.head, b.body = head, size-int64(len(head))
	return b, nil
}

// blank writes box b, whose header was read, as a free box of the same size full of zeros, and
// skips its body in r.
func blank(r *bufio.Reader, w io.Writer, b isoBox) error {
	head := bytes.Clone(b.head)
	copy(head[4:8], "free")
	if _, err := w.Write(head); err != nil {
		return err
	}
	if n, err := r.Discard(int(b.body)); err != nil || int64(n) != b.body {
		return errNoImage
	}
	_, err := io.CopyN(w, zeros{}, b.body)
	return err
}

// isXMP says whether the body of the uuid box b, about to be read from r, is XMP.
func isXMP(r *bufio.Reader, b isoBox) bool {
	if b.typ != "uuid" || b.body < 16 {
		return false
	}
	p, err := r.Peek(16)
	return err == nil && bytes.Equal(p, xmpUUID)
}

// stripISOMedia copies an ISO base media file (MP4, MOV, 3GP, M4A, HEIC) from r to w with its
// metadata blanked: udta and meta boxes of the movie and its tracks, XMP uuid boxes, and a HEIF
// image's Exif and XMP items.
func stripISOMedia(r *bufio.Reader, w io.Writer) error {
	bw := &blanker{w: w}
	first := true
	for {
		b, err := readBox(r, -1)
		if err == io.EOF && !first {
			return nil
		}
		if err != nil {
			return errNoImage
		}
		if first && b.typ != "ftyp" {
			return errNoImage
		}
		first = false
		switch {
		case b.body < 0 && (b.typ == "moov" || b.typ == "meta" || b.typ == "udta" || b.typ == "uuid"):
			return errUnblankable // a box of metadata "to the end of the file": not read, not served
		case b.body < 0:
			if _, err := bw.Write(b.head); err != nil {
				return err
			}
			return copyBlanking(r, bw, -1, "")
		case b.typ == "udta" || isXMP(r, b):
			err = blank(r, bw, b)
		case b.typ == "moov":
			if _, err = bw.Write(b.head); err == nil {
				err = copyBlanking(r, bw, b.body, "moov")
			}
		case b.typ == "meta":
			err = itemMeta(r, bw, b)
		default:
			if _, err = bw.Write(b.head); err == nil {
				err = copyN(bw, r, b.body)
			}
		}
		if err != nil {
			return err
		}
	}
}

// copyBlanking copies the n bytes of boxes inside a box of type parent ("" at the top, n -1 to the
// end of the file), blanking the movie's and the tracks' user data and metadata.
func copyBlanking(r *bufio.Reader, w io.Writer, n int64, parent string) error {
	if parent == "" {
		_, err := io.Copy(w, r)
		return err
	}
	for n > 0 {
		b, err := readBox(r, n)
		if err != nil {
			return errNoImage
		}
		n -= int64(len(b.head)) + b.body
		switch {
		case b.typ == "udta" || b.typ == "meta" || isXMP(r, b):
			err = blank(r, w, b)
		case parent == "moov" && b.typ == "trak":
			if _, err = w.Write(b.head); err == nil {
				err = copyBlanking(r, w, b.body, "trak")
			}
		default:
			if _, err = w.Write(b.head); err == nil {
				err = copyN(w, r, b.body)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func copyN(w io.Writer, r io.Reader, n int64) error {
	c, err := io.CopyN(w, r, n)
	if c < n {
		return errNoImage
	}
	return err
}

// itemMeta writes a top-level meta box. A HEIF image's (handler pict) holds the picture's items:
// it is kept, and its Exif items and MIME items (XMP) are zeroed where they lie — in the meta
// box's idat, or further in the file (bw blanks those offsets as they pass). Any other top-level
// meta box is metadata and blanked.
func itemMeta(r *bufio.Reader, bw *blanker, b isoBox) error {
	if b.body < 4 || b.body > maxItemMeta {
		return errNoImage
	}
	start := bw.pos
	body := make([]byte, b.body)
	if _, err := io.ReadFull(r, body); err != nil {
		return errNoImage
	}
	kids, ok := childBoxes(body[4:]) // meta is a full box: version and flags first
	if !ok {
		return errNoImage
	}
	if h := kids["hdlr"]; len(h) < 12 || string(h[8:12]) != "pict" {
		head := bytes.Clone(b.head)
		copy(head[4:8], "free")
		if _, err := bw.Write(head); err != nil {
			return err
		}
		_, err := bw.Write(make([]byte, len(body)))
		return err
	}
	hidden, ok := metadataItems(kids["iinf"])
	if !ok {
		return errNoImage
	}
	extents, ok := itemExtents(kids["iloc"], hidden)
	if !ok {
		return errNoImage
	}
	idat, idatAt := kids["idat"], int64(-1)
	if idat != nil {
		// The slice's own place in body, from its capacity: not where its bytes first occur
		// (a box before it may hold the same bytes, round 17).
		idatAt = int64(cap(body) - cap(idat))
	}
	var ranges [][2]int64
	for _, e := range extents {
		switch e.method {
		case 0: // file offsets
			if e.off < start || e.off+e.n < e.off {
				return errUnblankable // data before this box was already written
			}
			ranges = append(ranges, [2]int64{e.off, e.off + e.n})
		case 1: // offsets in idat
			if idat == nil || e.off+e.n > int64(len(idat)) || e.off+e.n < e.off {
				return errNoImage
			}
			clear(body[idatAt+e.off : idatAt+e.off+e.n])
		default:
			return errNoImage
		}
	}
	if !bw.addRanges(ranges) {
		return errNoImage
	}
	if _, err := bw.Write(b.head); err != nil {
		return err
	}
	_, err := bw.Write(body)
	return err
}

// childBoxes splits p into boxes, each child's body by its type (the first of a type); false if p
// is not a sequence of whole boxes.
func childBoxes(p []byte) (map[string][]byte, bool) {
	out := map[string][]byte{}
	for len(p) > 0 {
		if len(p) < 8 {
			return nil, false
		}
		size, hl := uint64(binary.BigEndian.Uint32(p)), uint64(8)
		if size == 1 {
			if len(p) < 16 {
				return nil, false
			}
			size, hl = binary.BigEndian.Uint64(p[8:]), 16
		}
		if size < hl || size > uint64(len(p)) {
			return nil, false
		}
		typ := string(p[4:8])
		if _, dup := out[typ]; !dup {
			out[typ] = p[hl:size]
		}
		p = p[size:]
	}
	return out, true
}

// metadataItems reads an iinf box's body and returns the ids of its Exif and MIME items (XMP is a
// MIME item, application/rdf+xml): what an image item never is.
func metadataItems(iinf []byte) (map[uint32]bool, bool) {
	hidden := map[uint32]bool{}
	if iinf == nil {
		return hidden, true
	}
	if len(iinf) < 6 {
		return nil, false
	}
	p := iinf[6:]
	if iinf[0] != 0 { // version 1+: a 32-bit entry count
		if len(iinf) < 8 {
			return nil, false
		}
		p = iinf[8:]
	}
	for len(p) > 0 {
		if len(p) < 12 {
			return nil, false
		}
		size := binary.BigEndian.Uint32(p)
		if size < 12 || uint64(size) > uint64(len(p)) || string(p[4:8]) != "infe" {
			return nil, false
		}
		e := p[8:size]
		p = p[size:]
		switch v := e[0]; {
		case v >= 2:
			idSize := map[bool]int{true: 2, false: 4}[v == 2]
			if len(e) < 4+idSize+6 {
				return nil, false
			}
			id, rest := uint32(binary.BigEndian.Uint16(e[4:])), e[4+idSize:]
			if idSize == 4 {
				id = binary.BigEndian.Uint32(e[4:])
			}
			if t := string(rest[2:6]); t == "Exif" || t == "mime" {
				hidden[id] = true
			}
		default: // versions 0 and 1: id, protection, name, content type (a MIME item when given)
			if len(e) < 8 {
				return nil, false
			}
			id := uint32(binary.BigEndian.Uint16(e[4:]))
			_, ct, _ := bytes.Cut(e[8:], []byte{0}) // after the item's name
			if ct, _, _ = bytes.Cut(ct, []byte{0}); len(ct) > 0 {
				hidden[id] = true
			}
		}
	}
	return hidden, true
}

// extent is a stretch of an item's data: n bytes at off, a file offset (method 0) or an offset in
// the meta box's idat (method 1).
type extent struct {
	method int
	off, n int64
}

// beReader reads big-endian numbers of 0, 2, 4 or 8 bytes from a box body; ok turns false, and
// stays so, when the body is too short or a size is not one of those.
type beReader struct {
	p  []byte
	ok bool
}

func (b *beReader) num(size int) int64 {
	if !b.ok || (size != 0 && size != 2 && size != 4 && size != 8) || len(b.p) < size {
		b.ok = false
		return 0
	}
	var x uint64
	for _, c := range b.p[:size] {
		x = x<<8 | uint64(c)
	}
	b.p = b.p[size:]
	if x >= 1<<62 {
		b.ok = false
	}
	return int64(x)
}

// itemExtents reads an iloc box's body (ISO/IEC 14496-12, versions 0 to 2) and returns the extents
// of the items in want.
func itemExtents(iloc []byte, want map[uint32]bool) ([]extent, bool) {
	if len(want) == 0 {
		return nil, true
	}
	if len(iloc) < 6 {
		return nil, false
	}
	v := iloc[0]
	if v > 2 {
		return nil, false
	}
	offSize, lenSize, baseSize, idxSize := int(iloc[4]>>4), int(iloc[4]&15), int(iloc[5]>>4), 0
	if v > 0 {
		idxSize = int(iloc[5] & 15)
	}
	r := &beReader{p: iloc[6:], ok: true}
	wide := map[bool]int{true: 4, false: 2}[v == 2]
	var out []extent
	for count := r.num(wide); r.ok && count > 0; count-- {
		id := r.num(wide)
		method := 0
		if v > 0 {
			method = int(r.num(2) & 15)
		}
		r.num(2) // data reference index
		base := r.num(baseSize)
		for n := r.num(2); r.ok && n > 0; n-- {
			r.num(idxSize)
			off, length := r.num(offSize), r.num(lenSize)
			if !r.ok || !want[uint32(id)] {
				continue
			}
			if length == 0 { // the rest of the file (or of idat): not what metadata is
				return nil, false
			}
			if len(out) == maxMetadataExtents {
				return nil, false
			}
			out = append(out, extent{method: method, off: base + off, n: length})
		}
	}
	return out, r.ok
}

// riffMetadata are the chunks of metadata in the RIFF forms accepted: WebP's EXIF and XMP, WAV's
// LIST (INFO: title, artist, comments, creation date and software), ID3 tags, broadcast extension
// (originator, date) and iXML.
var riffMetadata = map[string]map[string]bool{
	"WEBP": {"EXIF": true, "XMP ": true},
	"WAVE": {"LIST": true, "id3 ": true, "ID3 ": true, "bext": true, "iXML": true},
}

// stripRIFF copies a RIFF file of the given form (WEBP, WAVE) from r to w with its metadata chunks
// turned into JUNK chunks of zeros of the same size, and WebP's VP8X flags for EXIF and XMP
// cleared: the RIFF sizes stay right. What follows the RIFF chunk is dropped.
func stripRIFF(r *bufio.Reader, w io.Writer, form string) error {
	var head [12]byte
	if _, err := io.ReadFull(r, head[:]); err != nil || string(head[:4]) != "RIFF" || string(head[8:]) != form {
		return errNoImage
	}
	if _, err := w.Write(head[:]); err != nil {
		return err
	}
	left := int64(binary.LittleEndian.Uint32(head[4:])) - 4
	for left > 0 {
		var ch [8]byte
		if left < 8 {
			return errNoImage
		}
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			return errNoImage
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		padded := n + n&1
		if padded > left-8 {
			return errNoImage
		}
		left -= 8 + padded
		switch id := string(ch[:4]); {
		case riffMetadata[form][id]:
			copy(ch[:4], "JUNK")
			if _, err := w.Write(ch[:]); err != nil {
				return err
			}
			if c, err := r.Discard(int(padded)); err != nil || int64(c) != padded {
				return errNoImage
			}
			if _, err := io.CopyN(w, zeros{}, padded); err != nil {
				return err
			}
		case form == "WEBP" && id == "VP8X":
			// Streamed, never read into a buffer of the size the chunk claims: a few hundred
			// bytes claiming 4 GB made every check of the file allocate and zero 4 GB (round 29).
			if padded < 1 {
				return errNoImage
			}
			flags, err := r.ReadByte()
			if err != nil {
				return errNoImage
			}
			flags &^= 0x08 | 0x04 // EXIF and XMP metadata present
			if _, err := w.Write(append(ch[:], flags)); err != nil {
				return err
			}
			if err := copyN(w, r, padded-1); err != nil {
				return err
			}
		default:
			if _, err := w.Write(ch[:]); err != nil {
				return err
			}
			if err := copyN(w, r, padded); err != nil {
				return err
			}
		}
	}
	return nil
}

// stripMP3 copies an MP3 recording from r to w without its tags: ID3v2 tags at the start (a
// recorder's title, artist, comments, pictures), an ID3v1 tag (and its extended TAG+ block) at the
// end. An MP3's frames hold no file offsets, so the tags are cut out.
func stripMP3(r *bufio.Reader, w io.Writer) error {
	for {
		p, err := r.Peek(10)
		if err != nil || string(p[:3]) != "ID3" {
			break
		}
		size := int64(0)
		for _, b := range p[6:10] {
			if b&0x80 != 0 {
				return errNoImage
			}
			size = size<<7 | int64(b)
		}
		size += 10
		if p[5]&0x10 != 0 { // a footer follows the tag
			size += 10
		}
		if c, err := r.Discard(int(size)); err != nil || int64(c) != size {
			return errNoImage
		}
	}
	if p, err := r.Peek(4); err != nil || !mp3Frame(p) {
		return errNoImage
	}
	// Hold back the last 355 bytes (TAG+ and TAG) until the end is known.
	const tail = 227 + 128
	held := make([]byte, 0, 64<<10)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		held = append(held, buf[:n]...)
		if len(held) > tail+32<<10 {
			if _, werr := w.Write(held[:len(held)-tail]); werr != nil {
				return werr
			}
			held = append(held[:0], held[len(held)-tail:]...)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if len(held) >= 128 && string(held[len(held)-128:len(held)-125]) == "TAG" {
		held = held[:len(held)-128]
		if len(held) >= 227 && string(held[len(held)-227:len(held)-223]) == "TAG+" {
			held = held[:len(held)-227]
		}
	}
	_, err := w.Write(held)
	return err
}
