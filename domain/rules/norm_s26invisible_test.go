package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestHiddenFormatCharactersDoNotHideAThreat: a threat with a format character that carries no text
// between each of its characters (tags U+E0000–E007F, invisible operators U+2061–2064, bidirectional
// marks and isolates, annotation marks, shorthand format controls) is judged as the plain threat —
// URGENT with a police referral. Intake refuses most of them since session 26 (attack), but texts
// stored before, imported or reassessed reach the engine unfiltered. On main (before session 26)
// each of these was NORMAL with nothing found.
func TestHiddenFormatCharactersDoNotHideAThreat(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []sevText{
		{CN, "催收说再不还钱就砍死你全家"},
		{US, "The collector said he would kill me if I did not pay."},
	} {
		plain := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if plain.Severity != domain.PriorityUrgent || plain.SuggestedReferral != domain.ReferPolice {
			t.Fatalf("%q: plain text is %s %q; the test needs a plain threat", c.text, plain.Severity, plain.SuggestedReferral)
		}
		for _, hide := range []rune{0xE0041, 0xE0020, 0x2063, 0x2062, 0x200E, 0x202E, 0x2066, 0xFFF9, 0x1BCA1, 0x180E} {
			hidden := strings.Join(strings.Split(c.text, ""), string(hide))
			a := mustPack(t, c.j).Judge(Facts{Narrative: hidden}, "", now)
			if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
				t.Errorf("%q with U+%04X between characters: %s %q; want URGENT, POLICE as the plain text", c.text, hide, a.Severity, a.SuggestedReferral)
			}
		}
	}
}
