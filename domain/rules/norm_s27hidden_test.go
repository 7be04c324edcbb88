package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestMoreFormatCharactersDoNotHideAThreat (session 27, tidy's finding): the Arabic letter mark
// U+061C, the Arabic number sign U+0600, a musical format control U+1D173, the unassigned but
// default-ignorable U+2065, the Hangul filler U+3164, the braille blank U+2800 and the combining
// grapheme joiner U+034F between every two characters of a threat left it NORMAL: the engine's list
// of invisible characters held none of them, and the API's intake accepts them.
func TestMoreFormatCharactersDoNotHideAThreat(t *testing.T) {
	threatsStayUrgentWith(t, []sevText{
		{CN, "催收说要弄死我全家"},
		{US, "The collector said he would kill me if I did not pay."},
	}, []rune{0x061C, 0x0600, 0x1D173, 0x2065, 0x3164, 0x2800, 0x034F, 0xFFA0, 0xFFF0, 0x110BD})
}

// TestFillerInsideAWordDoesNotHideAThreat (review of session 27): a filler read as a space hid an
// English threat with one filler inside a word ("k\u2800ill"); fillers are dropped as other
// characters that draw nothing.
func TestFillerInsideAWordDoesNotHideAThreat(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, gap := range []rune{0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160, 0x180E} {
		for _, c := range []sevText{
			{US, "The collector said he would k" + string(gap) + "ill me if I did not pay."},
			{CN, "催收说要弄" + string(gap) + "死我全家"},
		} {
			a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
			if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
				t.Errorf("%+q: %s %q; want URGENT, POLICE", c.text, a.Severity, a.SuggestedReferral)
			}
		}
	}
}

// threatsStayUrgentWith checks that each threat, URGENT with a police referral as it stands, stays so
// with each of the characters hide written between every two of its characters.
func threatsStayUrgentWith(t *testing.T, threats []sevText, hide []rune) {
	t.Helper()
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range threats {
		plain := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if plain.Severity != domain.PriorityUrgent || plain.SuggestedReferral != domain.ReferPolice {
			t.Fatalf("%q: plain text is %s %q; the test needs a plain threat", c.text, plain.Severity, plain.SuggestedReferral)
		}
		for _, h := range hide {
			hidden := strings.Join(strings.Split(c.text, ""), string(h))
			a := mustPack(t, c.j).Judge(Facts{Narrative: hidden}, "", now)
			if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
				t.Errorf("%q with U+%04X between characters: %s %q; want URGENT, POLICE as the plain text", c.text, h, a.Severity, a.SuggestedReferral)
			}
		}
	}
}
