package rules

import (
	"testing"
	"unicode"

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

// TestInvisibleIsTheEnginesOldList (session 27, tidy): the engine drops every character it
// dropped before its list moved to domain/charclass, and besides only characters that draw nothing
// — Format characters, Unicode's other default-ignorable code points and the fillers (session 27:
// U+061C, U+0600, U+1D173 and U+2065 between a threat's characters hid it) — over every code point.
func TestInvisibleIsTheEnginesOldList(t *testing.T) {
	added := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		got, before := charclass.Invisible(r), invisibleBefore27(r)
		switch {
		case before && !got:
			t.Errorf("charclass.Invisible(U+%04X) = false; the engine's list dropped it", r)
		case got && !before:
			added++
			if !(unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || charclass.Filler(r)) {
				t.Errorf("charclass.Invisible(U+%04X) = true; it is no format, default-ignorable or filler character", r)
			}
		}
	}
	if added == 0 {
		t.Error("Invisible drops nothing the engine's old list did not")
	}
	for _, r := range []rune{0x061C, 0x0600, 0x1D173, 0x2065, 0x3164, 0x2800, 0xFFA0, 0x115F, 0x034F, 0xFFF0} {
		if !charclass.Invisible(r) {
			t.Errorf("U+%04X draws nothing between a threat's characters; the engine keeps it", r)
		}
	}
}
