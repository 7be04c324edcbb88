// Package charclass names, in one place, the characters a reader of redline's pages does not see,
// and says which part of redline does what with each class. Text reaches redline from phones, chat
// apps and copied web pages, and carries characters that draw nothing; some of them are harmless
// (a zero-width space a chat app put between digits), some hide text from staff or from the rule
// engine (tag characters that spell words no one sees, an override that makes text read
// backwards). Every check that treats them asks this package rather than a list of its own
// (session 27: the engine, the API's intake check, names and blank reasons and the redaction of
// personal data each held their own list, and they had drifted apart).
//
// Who uses what:
//   - the rule engine (domain/rules) drops Invisible before it matches a narrative;
//   - free text sent to the API (api/graph) may not hold a HidingFormat character nor a
//     DirectionControl, except a phone number wrapped in one pair of them (DirectionCloser);
//   - a name or label (domain.plainLine) may hold no Format character but a DirectionMark and the
//     (non-)joiners, nor a DirectionControl or a Filler;
//   - a required reason or text that DrawsNothing in every character is blank (domain.Blank);
//   - the redaction of personal data (domain/pii) and the search of filed values see a number
//     through the Format characters that touch its digits.
//
// The package is a leaf (the standard library only), so that domain, domain/pii (which domain
// imports), domain/rules and the API can all use it.
package charclass

import "unicode"

// ZeroWidth reports the characters pasted text carries between letters and digits without meaning
// to: the zero-width space (U+200B), non-joiner and joiner (U+200C, U+200D), the word joiner
// (U+2060), the byte-order mark (U+FEFF) and the soft hyphen (U+00AD). The API accepts them in free
// text, and the engine and the redaction see through them.
func ZeroWidth(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
		return true
	}
	return false
}

// DirectionMark reports the marks that set the direction of the text around them without
// reordering any of it: the left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic
// letter mark (U+061C). Names and free text may hold them.
func DirectionMark(r rune) bool { return r == 0x200E || r == 0x200F || r == 0x061C }

// DirectionControl reports the bidirectional embeddings, overrides and their closer (U+202A–U+202E)
// and the isolates and their closer (U+2066–U+2069): "Bob\u202etxt.exe" reads as "Bobexe.txt", and
// an evidence description "a\u202eb" reads backwards to the reviewer. Names and free text refuse
// them (but for a wrapped phone number, DirectionCloser).
func DirectionControl(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }

// DirectionCloser is the character that closes the direction control open: U+202C (pop
// directional formatting) after an embedding or override (U+202A, U+202B, U+202D, U+202E), U+2069
// (pop directional isolate) after an isolate (U+2066–U+2068); 0 when open opens nothing.
func DirectionCloser(open rune) rune {
	switch {
	case open == 0x202A || open == 0x202B || open == 0x202D || open == 0x202E:
		return 0x202C
	case open >= 0x2066 && open <= 0x2068:
		return 0x2069
	}
	return 0
}

// HidingFormat reports the invisible format characters that can carry or hide text a reader does
// not see: the tag characters (U+E0000–U+E007F, which spell ASCII invisibly: "a" followed by tags
// reads as "a" to staff while a machine reads more), the interlinear annotation marks
// (U+FFF9–U+FFFB, which hide the annotation they enclose), the invisible operators
// (U+2061–U+2064), the deprecated format characters (U+206A–U+206F) and the shorthand format
// controls (U+1BCA0–U+1BCA3). Free text sent to the API refuses them (session 26, attack), but for
// the tag sequence of a subdivision flag after U+1F3F4 (🏴 of Scotland, Wales, England).
func HidingFormat(r rune) bool {
	return r >= 0xE0000 && r <= 0xE007F || r >= 0xFFF9 && r <= 0xFFFB || r >= 0x2061 && r <= 0x2064 ||
		r >= 0x206A && r <= 0x206F || r >= 0x1BCA0 && r <= 0x1BCA3
}

// VariationSelector reports the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), which choose
// how the character before them is drawn (⚰️ is ⚰ and U+FE0F) and add no text.
func VariationSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// Invisible reports the characters that carry no text, which the rule engine drops before it
// matches: every Format character (the ZeroWidth characters, the direction marks and controls, the
// HidingFormat characters, the Mongolian vowel separator, the Arabic letter mark and number signs,
// the musical format controls…), the code points Unicode reserves as default-ignorable (drawn as
// nothing even where unassigned: U+2065, U+FFF0–U+FFF8, the tag block's rest), the Fillers, the
// variation selectors and the keycap U+20E3 that 5️⃣ draws around its digit. Session 26 (attack
// round 21): a tag character U+E0041 or an invisible separator U+2063 between the characters of a
// threat hid it from the engine; session 27 (tidy): so did U+061C, U+0600, U+1D173 and U+2065,
// which the engine's list of its own did not hold.
//
// The engine asks it of every character of a narrative: the characters below U+00AD and from
// U+2100 to U+FDFF (Latin, Chinese, CJK punctuation), none of them invisible but the braille blank
// U+2800 and the Hangul filler U+3164, are answered first.
func Invisible(r rune) bool {
	return !(r < 0xAD || r >= 0x2100 && r < 0xFE00 && r != 0x2800 && r != 0x3164) && invisible(r)
}

// invisible is Invisible past its first test.
func invisible(r rune) bool {
	return ZeroWidth(r) || DirectionMark(r) || DirectionControl(r) || HidingFormat(r) ||
		r == 0x180E || r == 0x20E3 || VariationSelector(r) || Filler(r) ||
		unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// Format reports Unicode's format characters (general category Cf): among them the ZeroWidth
// characters, the DirectionMarks, the DirectionControl characters, the assigned HidingFormat
// characters and the Mongolian vowel separator, and others besides (the Arabic number signs
// U+0600–U+0605). Names refuse them but for the marks and joiners; the redaction of personal data
// and the search of filed values see through them next to digits; a spreadsheet cell that starts
// with one is quoted.
func Format(r rune) bool { return unicode.Is(unicode.Cf, r) }

// Filler reports the letters and symbols that draw nothing: the Hangul fillers (U+115F, U+1160,
// U+3164, U+FFA0) and the braille pattern blank (U+2800). A name of "\u3164" showed staff an empty
// cell.
func Filler(r rune) bool {
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800:
		return true
	}
	return false
}

// DrawsNothing reports the characters that show nothing on their own: white space, Format
// characters, Fillers, combining marks (which draw on the character before them, the variation
// selectors among them) and control characters. A required reason of nothing else is no reason
// (domain.Blank).
func DrawsNothing(r rune) bool {
	return unicode.IsSpace(r) || Format(r) || Filler(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cc)
}

// NotACharacter reports the code points that are no character of any script: the noncharacters
// (U+FDD0–U+FDEF and the last two of every plane, U+xFFFE and U+xFFFF, which Unicode keeps for a
// program's own use and never assigns), the private-use code points (U+E000–U+F8FF and planes 15
// and 16, whose glyph depends on the font each reader has), the surrogates and the code points not
// yet assigned in the Unicode version Go knows. An institution's name, English name or alias holding
// one (attack round 33) showed staff and the public a box or nothing, and two names that read the
// same differed by it. The registry refuses them (domain.cleanLine).
func NotACharacter(r rune) bool {
	switch {
	case r < 0 || r > unicode.MaxRune:
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	case unicode.In(r, unicode.Co, unicode.Cs):
		return true
	}
	return !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf)
}
