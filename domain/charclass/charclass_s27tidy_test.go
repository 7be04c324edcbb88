package charclass

import "testing"

// TestClassesFitTogether (session 27, tidy): over every code point, Invisible's first test skips no
// invisible character, what the engine drops holds every character the API refuses as hiding text
// or reordering it and every zero-width one, and DirectionCloser pairs direction controls only.
func TestClassesFitTogether(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if Invisible(r) != invisible(r) {
			t.Errorf("U+%04X: Invisible %v, past its first test %v", r, Invisible(r), invisible(r))
		}
		if (HidingFormat(r) || DirectionControl(r) || ZeroWidth(r) || VariationSelector(r)) && !Invisible(r) {
			t.Errorf("U+%04X: not Invisible, but hiding, directing, zero-width or a variation selector", r)
		}
		if c := DirectionCloser(r); c != 0 && (!DirectionControl(r) || !DirectionControl(c) || DirectionCloser(c) != 0) {
			t.Errorf("U+%04X: DirectionCloser U+%04X", r, c)
		}
		if Filler(r) && !DrawsNothing(r) || Format(r) && !DrawsNothing(r) {
			t.Errorf("U+%04X: a Filler or Format character that draws something", r)
		}
	}
}
