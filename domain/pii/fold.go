package pii

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Letters and digits that a reader reads as ASCII ones (session 33, scrub33): full-width letters,
// digits and the marks of an address (Ｊｏｈｎ Ｓｍｉｔｈ, ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ, （０１０）１２３４ ５６７８
// were published: the rules of names, North American numbers and landlines read ASCII only), the
// mathematical and circled letters (𝐉𝐨𝐡𝐧, ⓙⓞⓗⓝ), and Latin letters with accents or tone marks
// (Wáng Xiǎomíng, José García: the name rules stopped at the first mark, and José was cut to
// XXXXé). The fold is NFKC's (or, for the accented letters, NFD's base letter), taken only where it
// gives one ASCII letter or digit; the text is still returned as written but for what is redacted.
var asciiFolds = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(lo, hi rune, f norm.Form) {
		for r := lo; r <= hi; r++ {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '＠' && r != '．' && r != '＿' {
				continue
			}
			s := f.String(string(r))
			b, size := utf8.DecodeRuneInString(s)
			if b >= utf8.RuneSelf || b == r {
				continue
			}
			rest := s[size:]
			ok := true
			for _, x := range rest {
				if !unicode.In(x, unicode.Mn) {
					ok = false
				}
			}
			if ok && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '@' || b == '.' || b == '_') {
				m[r] = b
			}
		}
	}
	add(0xFF01, 0xFF5E, norm.NFKC)   // full-width forms
	add(0x1D400, 0x1D7FF, norm.NFKC) // mathematical letters and digits
	add(0x24B6, 0x24E9, norm.NFKC)   // circled letters (category So: added below, scrubmend33)
	add(0x00C0, 0x024F, norm.NFD)    // Latin-1 and Latin Extended-A/B with marks (ǎ ǐ ǒ ǔ ǚ)
	add(0x1E00, 0x1EFF, norm.NFD)    // Latin Extended Additional (ế ạ)
	// Letters Go does not count as letters (category So; scrubmend33: ⓙⓞⓗⓝ@gmail.com and
	// Ⓙⓞⓗⓝ Ⓢⓜⓘⓣⓗ were published): circled Ⓐ-Ⓩ ⓐ-ⓩ, parenthesised ⒜-⒵, squared 🄰-🅉,
	// negative circled 🅐-🅩 and negative squared 🅰-🆉 letters.
	for i := rune(0); i < 26; i++ {
		m[0x24B6+i] = 'A' + i
		m[0x24D0+i] = 'a' + i
		m[0x249C+i] = 'a' + i
		m[0x1F130+i] = 'A' + i
		m[0x1F150+i] = 'A' + i
		m[0x1F170+i] = 'A' + i
	}
	return m
}()

// foldsToASCII reports a rune asciiFoldRune folds.
func foldsToASCII(r rune) bool { _, ok := asciiFoldRune(r); return ok }

// asciiFoldRune returns the ASCII letter, digit or address mark r is read as, and whether it folds.
func asciiFoldRune(r rune) (rune, bool) {
	if r < 0xC0 || r > 0x1D7FF && (r < 0x1F130 || r > 0x1F189) || r > 0x24F && r < 0x1E00 || r > 0x1EFF && r < 0x249C || r > 0x24E9 && r < 0xFF01 || r > 0xFF5E && r < 0x1D400 {
		return 0, false
	}
	b, ok := asciiFolds[r]
	return b, ok
}

// latinLetter reports a letter that is part of a word of a Latin, Greek or Cyrillic script, which a
// redaction must take whole (no XXXXé, XXXXø).
func latinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) || unicode.In(r, unicode.Mn) && r < 0x370
}

// wholeWord widens a redaction text[start:end] to the whole word of a Latin, Greek or Cyrillic
// script that it begins or ends inside (Mr. Smithø, XXXXé: a rule's ASCII classes stop at a letter
// no fold reads; session 33, scrub33), never before last (the end of the redaction before it).
// Only non-ASCII letters and marks are taken: an ASCII letter glued on is a rule's own decision.
func wholeWord(text string, start, end, last int) (int, int) {
	if r, _ := utf8.DecodeLastRuneInString(text[start:end]); latinLetter(r) {
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if r < utf8.RuneSelf || !latinLetter(r) {
				break
			}
			end += size
		}
	}
	if r, _ := utf8.DecodeRuneInString(text[start:end]); latinLetter(r) {
		for start > last {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if r < utf8.RuneSelf || !latinLetter(r) {
				break
			}
			start -= size
		}
	}
	return start, end
}
