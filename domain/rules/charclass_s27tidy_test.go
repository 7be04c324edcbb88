package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain/charclass"
)

// invisibleBefore27 is the engine's own list of invisible characters as it stood before session 27
// (norm.go's invisible), kept here to hold charclass.Invisible to it.
func invisibleBefore27(r rune) bool {
	switch {
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD:
		return true
	case r == 0x180E, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2061 && r <= 0x2064, r >= 0x2066 && r <= 0x206F, r >= 0xFFF9 && r <= 0xFFFB,
		r >= 0x1BCA0 && r <= 0x1BCA3, r >= 0xE0000 && r <= 0xE007F:
		return true
	case r == 0x20E3: // the keycap that 5️⃣ draws around its digit
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// TestInvisibleIsTheEnginesOldList (session 27, tidy): the engine drops exactly the characters it
// dropped before its list moved to domain/charclass, over every code point.
func TestInvisibleIsTheEnginesOldList(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := charclass.Invisible(r), invisibleBefore27(r); got != want {
			t.Errorf("charclass.Invisible(U+%04X) = %v; the engine's list said %v", r, got, want)
		}
	}
}
