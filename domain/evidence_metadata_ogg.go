package domain

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// Attack round 18 (session 23): Ogg recordings carry tags as round 16's formats did — a Vorbis
// comment packet or Opus's OpusTags (TITLE, ARTIST, LOCATION, a recorder app's device name, an
// encoder's vendor string; a cover picture as METADATA_BLOCK_PICTURE), Speex's and Theora's
// comment packets alike, an Ogg FLAC stream's VORBIS_COMMENT and PICTURE blocks — and were served
// to institutions as stored. WhatsApp's and many Android recorders' voice notes are Ogg Opus.
//
// Ogg holds no byte offsets, but its pages carry a checksum and their packets' lengths in lacing
// values, so the tags are blanked in place: the comment packet keeps its length and becomes an
// empty comment list (no vendor, no comment) followed by zeros — which Vorbis and Theora decoders
// stop reading at, and which OpusTags defines as padding (its first byte's low bit 0) — a FLAC
// block other than STREAMINFO, SEEKTABLE and CUESHEET becomes PADDING of zeros, and every page
// whose bytes changed gets its checksum again. Every page is checked on the way (capture pattern,
// version, checksum); a stream of a codec not named here is not served (errUnblankable); bytes
// after the last whole page (a transfer cut short, an appended file) are cut.
//
// AMR and AMR-WB files (RFC 4867, section 5) are a magic line and speech frames, and the format
// has no tags; their frames are checked (padding bits zero, no reserved frame type), a last frame
// cut short is dropped, and an ID3 or APE tag some tools append is cut.

const maxOgg = 64 << 20

// maxOggStreams bounds the logical streams (chained or multiplexed) of an Ogg file read.
const maxOggStreams = 256

var oggCRCTable = func() (t [256]uint32) {
	for i := range t {
		r := uint32(i) << 24
		for range 8 {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04c11db7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

func oggCRC(p []byte) uint32 {
	var c uint32
	for _, b := range p {
		c = c<<8 ^ oggCRCTable[byte(c>>24)^b]
	}
	return c
}

// oggPageCRC is the checksum of the page p, its own checksum field counted as zeros.
func oggPageCRC(p []byte) uint32 {
	var c uint32
	for i, b := range p {
		if i >= 22 && i < 26 {
			b = 0
		}
		c = c<<8 ^ oggCRCTable[byte(c>>24)^b]
	}
	return c
}

// oggStream is one logical stream's state while its header packets pass.
type oggStream struct {
	codec   string
	packets int      // whole packets seen
	spans   [][3]int // the current packet's segments: start, end, page index
	done    bool     // past the header packets
}

// stripOgg copies the Ogg file r to w with its comment packets blanked (see above).
func stripOgg(r io.Reader, w io.Writer) error {
	p, err := io.ReadAll(io.LimitReader(r, maxOgg+1))
	if err != nil {
		return err
	}
	if len(p) > maxOgg {
		return errUnblankable
	}
	var pages [][2]int // start, end
	dirty := map[int]bool{}
	streams := map[uint32]*oggStream{}
	end, started := 0, 0
	for i := 0; ; {
		if i+27 > len(p) || !bytes.HasPrefix(p[i:], []byte("OggS")) {
			// Review after round 18: a recording cut short inside its last page's header (fewer
			// than 27 bytes left, starting "OggS") is a page cut short, not junk between pages.
			cutHeader := i+27 > len(p) && bytes.HasPrefix(p[i:], []byte("OggS"))
			if len(pages) == 0 || (!cutHeader && bytes.Contains(p[i:], []byte("OggS"))) {
				return errNoImage // no page, or junk between pages
			}
			break // the rest is no page, or a page cut short: cut
		}
		if p[i+4] != 0 {
			return errNoImage
		}
		nseg := int(p[i+26])
		if i+27+nseg > len(p) {
			break // cut short
		}
		lacing := p[i+27 : i+27+nseg]
		body := 0
		for _, l := range lacing {
			body += int(l)
		}
		pe := i + 27 + nseg + body
		if pe > len(p) {
			break // cut short
		}
		if oggPageCRC(p[i:pe]) != binary.LittleEndian.Uint32(p[i+22:]) {
			return errNoImage
		}
		idx := len(pages)
		pages = append(pages, [2]int{i, pe})
		serial := binary.LittleEndian.Uint32(p[i+14:])
		st := streams[serial]
		if p[i+5]&2 != 0 || st == nil { // beginning of a stream
			if started++; started > maxOggStreams {
				return errUnblankable // a recording has one or a few; a file of thousands is not read on
			}
			st = &oggStream{}
			streams[serial] = st
		}
		at := i + 27 + nseg
		for _, l := range lacing {
			if !st.done {
				st.spans = append(st.spans, [3]int{at, at + int(l), idx})
			}
			at += int(l)
			if l < 255 && !st.done { // a packet ends
				if err := st.packet(p, dirty); err != nil {
					return err
				}
			}
		}
		end = pe
		i = pe
	}
	if len(pages) == 0 {
		return errNoImage
	}
	for _, st := range streams {
		if !st.done && st.packets > 0 && st.codec != "" && len(st.spans) > 0 {
			return errNoImage // its comment packet never ends
		}
	}
	out := p[:end]
	for idx := range dirty {
		pg := out[pages[idx][0]:pages[idx][1]]
		binary.LittleEndian.PutUint32(pg[22:], oggPageCRC(pg))
	}
	_, err = w.Write(out)
	return err
}

// packet handles the stream's packet just ended (its spans): the first names the codec, the
// header packets holding tags are blanked in place.
func (st *oggStream) packet(p []byte, dirty map[int]bool) error {
	var pkt []byte
	for _, s := range st.spans {
		pkt = append(pkt, p[s[0]:s[1]]...)
	}
	n := st.packets
	st.packets++
	blanked := []byte(nil)
	if n == 0 {
		switch {
		case bytes.HasPrefix(pkt, []byte("\x01vorbis")):
			st.codec = "vorbis"
		case bytes.HasPrefix(pkt, []byte("OpusHead")):
			st.codec = "opus"
		case bytes.HasPrefix(pkt, []byte("Speex   ")):
			st.codec = "speex"
		case bytes.HasPrefix(pkt, []byte("\x80theora")):
			st.codec = "theora"
		case bytes.HasPrefix(pkt, []byte("\x7fFLAC")) && len(pkt) >= 13 && string(pkt[9:13]) == "fLaC":
			st.codec = "flac"
		default:
			return errUnblankable // a codec whose tags are not known here
		}
		st.spans = st.spans[:0]
		return nil
	}
	switch st.codec {
	case "vorbis", "theora", "opus", "speex":
		if n != 1 {
			st.done = true
			break
		}
		prefix := map[string]string{"vorbis": "\x03vorbis", "theora": "\x81theora", "opus": "OpusTags", "speex": ""}[st.codec]
		if !bytes.HasPrefix(pkt, []byte(prefix)) || len(pkt) < len(prefix)+9 {
			return errNoImage
		}
		blanked = make([]byte, len(pkt))
		copy(blanked, prefix) // then a vendor of length 0 and no comment: zeros
		if st.codec == "vorbis" {
			blanked[len(prefix)+8] = 1 // the framing bit
		}
		if st.codec != "vorbis" && st.codec != "theora" {
			st.done = true
		}
	case "flac":
		if len(pkt) < 4 {
			return errNoImage
		}
		last, typ := pkt[0]&0x80 != 0, pkt[0]&0x7f
		if typ != 0 && typ != 3 && typ != 5 { // but STREAMINFO, SEEKTABLE, CUESHEET: PADDING
			blanked = make([]byte, len(pkt))
			copy(blanked, pkt[:4])
			blanked[0] = pkt[0]&0x80 | 1
		}
		st.done = last
	}
	if st.codec == "vorbis" || st.codec == "theora" {
		st.done = st.done || n >= 2
	}
	if blanked != nil {
		at := 0
		for _, s := range st.spans {
			at += copy(p[s[0]:s[1]], blanked[at:])
			dirty[s[2]] = true
		}
	}
	st.spans = st.spans[:0]
	return nil
}

// amrFrameSizes are the sizes of AMR and AMR-WB frames by frame type, header included; 0 is a
// reserved type.
var (
	amrFrameSizes   = [16]int{13, 14, 16, 18, 20, 21, 27, 32, 6, 6, 6, 6, 0, 0, 0, 1}
	amrWBFrameSizes = [16]int{18, 24, 33, 37, 41, 47, 51, 59, 61, 6, 0, 0, 0, 0, 1, 1}
)

// stripAMR copies an AMR or AMR-WB file, checking its frames (see above).
func stripAMR(r *bufio.Reader, w io.Writer, wb bool) error {
	magic, sizes := "#!AMR\n", amrFrameSizes
	if wb {
		magic, sizes = "#!AMR-WB\n", amrWBFrameSizes
	}
	head, err := r.Peek(len(magic))
	if err != nil || string(head) != magic {
		return errNoImage
	}
	bw := bufio.NewWriter(w)
	if _, err := io.CopyN(bw, r, int64(len(magic))); err != nil {
		return err
	}
	frame := make([]byte, 61)
	for {
		b, err := r.Peek(1)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if tail, _ := r.Peek(10); bytes.HasPrefix(tail, []byte("ID3")) || bytes.HasPrefix(tail, []byte("APETAGEX")) ||
			(bytes.HasPrefix(tail, []byte("TAG")) && isEOFAfter(r, 128)) {
			break // a tag appended by a tagging tool: cut
		}
		h := b[0]
		size := sizes[(h>>3)&0xF]
		if h&0x83 != 0 || size == 0 {
			return errNoImage
		}
		n, err := io.ReadFull(r, frame[:size])
		if errors.Is(err, io.ErrUnexpectedEOF) {
			break // the last frame cut short: dropped
		}
		if err != nil {
			return err
		}
		if _, err := bw.Write(frame[:n]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// isEOFAfter says whether r holds exactly n more bytes.
func isEOFAfter(r *bufio.Reader, n int) bool {
	b, err := r.Peek(n + 1)
	return len(b) == n && err != nil
}
