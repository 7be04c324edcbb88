package pii

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// seeThroughNumbersBefore27 is seeThroughNumbers with its own test for format characters
// (unicode.Cf), as attack round 22 (session 27) left it, kept here to hold it through
// domain/charclass to what it was.
func seeThroughNumbersBefore27(text string) string {
	if isASCII(text) {
		return text
	}
	rs := []rune(text)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && unicode.IsDigit(rs[i]) }
	prevReal := func(i int) int {
		for i--; i >= 0 && unicode.Is(unicode.Cf, rs[i]); i-- {
		}
		return i
	}
	nextReal := func(i int) int {
		for i++; i < len(rs) && unicode.Is(unicode.Cf, rs[i]); i++ {
		}
		return i
	}
	changed := false
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		switch {
		case unicode.Is(unicode.Cf, r) && (digit(prevReal(i)) || digit(nextReal(i))):
			changed = true
			continue
		case r > 0x7f && (unicode.Is(unicode.Zs, r)) && digit(prevReal(i)) && digit(nextReal(i)):
			r, changed = ' ', true
		case (r >= 0x2010 && r <= 0x2015 || strings.ContainsRune("~～ー－_·・", r)) && digit(prevReal(i)) && digit(nextReal(i)):
			r, changed = '-', true
		case unicode.IsDigit(r) && !(r >= '０' && r <= '９'):
			r, changed = ASCIIDigit(r), true
		}
		out = append(out, r)
	}
	if !changed {
		return text
	}
	return string(out)
}

// TestSeeThroughNumbersKeepsItsOldList (session 27, tidy): with its test for format characters in
// domain/charclass, seeThroughNumbers writes what it wrote for every code point between two digits,
// doubled between two digits, after a digit, before one and between two letters (but for styled
// digits and combining marks, which session 28's attack made it read; TestScrubSeesStyledDigitsAndMarkedDigits).
func TestSeeThroughNumbersKeepsItsOldList(t *testing.T) {
	fails := 0
	for r := rune(0); r <= 0x10FFFF && fails < 20; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if _, styled := StyledDigit(r); styled || unicode.In(r, unicode.Mn, unicode.Me) {
			continue // session 28 (attack): styled digits read as digits, marks on a digit dropped
		}
		if isFiller(r) || r == '、' || r == '､' {
			continue // session 30 (pii): emoji, symbols and dashes between digits read as a hyphen, 、 as a comma
		}
		if _, ok := digitHomoglyph(r); ok {
			continue // session 31 (scrub31): a letter that looks like a digit, against digits, read as one
		}
		if foldsToASCII(r) {
			continue // session 33 (scrub33): full-width, mathematical, circled and accented letters read as ASCII
		}
		c := string(r)
		for _, s := range []string{"1" + c + "2", "1" + c + c + "2", "1" + c + "a", "a" + c + "1", "a" + c + "b", "1" + c + "\u200b2"} {
			// session 31 (scrub31): a format character between two letters is dropped too
			if got, want := seeThroughNumbers(s), dropFormatBetweenWordsS31(seeThroughNumbersBefore27(s)); got != want {
				fails++
				t.Errorf("seeThroughNumbers(%+q) = %+q; before %+q", s, got, want)
			}
		}
	}
}
