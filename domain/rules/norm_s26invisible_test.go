package rules

import "testing"

// TestHiddenFormatCharactersDoNotHideAThreat: a threat with a format character that carries no text
// between each of its characters (tags U+E0000–E007F, invisible operators U+2061–2064, bidirectional
// marks and isolates, annotation marks, shorthand format controls) is judged as the plain threat —
// URGENT with a police referral. Intake refuses most of them since session 26 (attack), but texts
// stored before, imported or reassessed reach the engine unfiltered. On main (before session 26)
// each of these was NORMAL with nothing found.
func TestHiddenFormatCharactersDoNotHideAThreat(t *testing.T) {
	threatsStayUrgentWith(t, []sevText{
		{CN, "催收说再不还钱就砍死你全家"},
		{US, "The collector said he would kill me if I did not pay."},
	}, []rune{0xE0041, 0xE0020, 0x2063, 0x2062, 0x200E, 0x202E, 0x2066, 0xFFF9, 0x1BCA1, 0x180E})
}
