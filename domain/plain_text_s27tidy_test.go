package domain

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// plainLine and Blank as they stood before session 27, with their own list of fillers, kept here
// to hold them through domain/charclass to what they were.

func plainLineBefore27(s string) bool {
	visible, marks := s == "", 0
	for _, r := range s {
		switch {
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0x2028, r == 0x2029,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return false
		case r == 0x200e, r == 0x200f, r == 0x061c, r == 0x200c, r == 0x200d:
		case unicode.Is(unicode.Cf, r), invisibleFillerBefore27(r):
			return false
		}
		if unicode.In(r, unicode.Mn, unicode.Me) {
			if marks++; marks > maxStackedMarks {
				return false
			}
			continue
		}
		marks = 0
		visible = visible || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
	}
	return visible
}

func blankBefore27(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.Is(unicode.Cf, r), invisibleFillerBefore27(r), unicode.In(r, unicode.Mn, unicode.Me, unicode.Cc):
		default:
			return false
		}
	}
	return true
}

func invisibleFillerBefore27(r rune) bool {
	switch r {
	case 0x115f, 0x1160, 0x3164, 0xffa0, 0x2800:
		return true
	}
	return false
}

// TestNamesAndBlankKeepTheirOldLists (session 27, tidy): with their lists in domain/charclass,
// plainLine and Blank answer as they did for every code point alone, after a letter, and stacked
// after a letter past maxStackedMarks.
func TestNamesAndBlankKeepTheirOldLists(t *testing.T) {
	fails := 0
	for r := rune(0); r <= 0x10FFFF && fails < 20; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		c := string(r)
		for _, s := range []string{c, "a" + c, c + " ", "a" + c + c + c + c + c} {
			if got, want := plainLine(s), plainLineBefore27(s); got != want {
				fails++
				t.Errorf("plainLine(%+q) = %v; before %v", s, got, want)
			}
			if got, want := Blank(s), blankBefore27(s); got != want {
				fails++
				t.Errorf("Blank(%+q) = %v; before %v", s, got, want)
			}
		}
	}
}
