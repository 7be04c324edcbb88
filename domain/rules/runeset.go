package rules

import "unicode/utf8"

// runeSet is a fixed set of runes for strings.ContainsAny's test on hot paths: strings.ContainsAny
// with a non-ASCII set looks up each rune of the text in the set's string (IndexRune), which the
// times, counts and amounts parsers paid for at every sentence.
type runeSet struct {
	ascii  [2]uint64 // bit r for ASCII r
	bloom  uint64    // firstBit of each non-ASCII member
	others []rune    // the non-ASCII members
}

func newRuneSet(chars string) *runeSet {
	s := &runeSet{}
	for _, r := range chars {
		if r < utf8.RuneSelf {
			s.ascii[r/64] |= 1 << (r % 64)
			continue
		}
		s.bloom |= uint64(firstBit(r))
		s.others = append(s.others, r)
	}
	return s
}

// in reports whether text holds a member: strings.ContainsAny(text, chars).
func (s *runeSet) in(text string) bool {
	for i := 0; i < len(text); {
		if b := text[i]; b < utf8.RuneSelf {
			if s.ascii[b/64]&(1<<(b%64)) != 0 {
				return true
			}
			i++
			continue
		}
		r, w := decode3(text, i)
		if w == 0 {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		i += w
		if s.bloom&uint64(firstBit(r)) == 0 {
			continue
		}
		for _, o := range s.others {
			if o == r {
				return true
			}
		}
	}
	return false
}

// inRunes is in for text's runes, already decoded: in(string(rs)) for runes that string keeps.
func (s *runeSet) inRunes(rs []rune) bool {
	for _, r := range rs {
		if r < utf8.RuneSelf {
			if r >= 0 && s.ascii[r/64]&(1<<(r%64)) != 0 {
				return true
			}
			continue
		}
		if s.bloom&uint64(firstBit(r)) == 0 {
			continue
		}
		for _, o := range s.others {
			if o == r {
				return true
			}
		}
	}
	return false
}

// The sets of the parsers' first tests: an amount's digits and units, a time's separators, a
// count's measure words, and any numeral.
var (
	amountRunes  = newRuneSet("0123456789万千元块")
	clockRunes   = newRuneSet("点時时:：.")
	measureRunes = newRuneSet("个通次条遍回")
	numeralRunes = newRuneSet("0123456789零一二两三四五六七八九十百几半")
)

// decode3 decodes the three-byte rune (a Chinese character) at s[i], inline in the hot loops that
// read the runes of a text, where range (or utf8.DecodeRuneInString) calls a decoder of ~50
// instructions a rune (session 21); w is 0 when s[i:] does not start with one (another length, or
// not UTF-8): the caller then decodes it with utf8.DecodeRuneInString.
func decode3(s string, i int) (r rune, w int) {
	if i+2 < len(s) {
		b0, c1, c2 := s[i], s[i+1]^0x80, s[i+2]^0x80 // continuation bytes are below 0x40 after ^0x80
		// at least 0x800 (no overlong form) and no surrogate, as the decoder requires
		if r = rune(b0&0x0F)<<12 | rune(c1)<<6 | rune(c2); b0&0xF0 == 0xE0 && c1|c2 < 0x40 && r >= 0x800 && r&0xF800 != 0xD800 {
			return r, 3
		}
	}
	return 0, 0
}
