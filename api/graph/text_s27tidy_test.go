package graph

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/charclass"
)

// The intake check's own lists as they stood before session 27 (text.go's hidingFormat, the
// direction controls of badText and the openers and closers of wrappedNumber), kept here to hold
// the check through domain/charclass to them.

func hidingFormatBefore27(r rune) bool {
	return r >= 0xE0000 && r <= 0xE007F || r >= 0xFFF9 && r <= 0xFFFB || r >= 0x2061 && r <= 0x2064 ||
		r >= 0x206A && r <= 0x206F || r >= 0x1BCA0 && r <= 0x1BCA3
}

func wrappedNumberBefore27(s string) int {
	open, size := utf8.DecodeRuneInString(s)
	var closer rune
	switch {
	case open == 0x202A || open == 0x202B || open == 0x202D || open == 0x202E:
		closer = 0x202C
	case open >= 0x2066 && open <= 0x2068:
		closer = 0x2069
	default:
		return 0
	}
	n := 0
	for i, r := range s[size:] {
		switch {
		case r == closer && n > 0:
			return size + i + utf8.RuneLen(r)
		case n < 32 && (r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("+()-./ \u00a0", r)):
			n++
		default:
			return 0
		}
	}
	return 0
}

func badTextBefore27(s string) (en, zh string) {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "the text contains a NUL character (\\u0000), which is not allowed", "文本含有不允许的空字符（\\u0000）"
	case !utf8.ValidString(s):
		return "the text is not valid UTF-8", "文本不是有效的UTF-8编码"
	}
	skip := 0
	for i, r := range s {
		if skip > 0 {
			skip -= utf8.RuneLen(r)
			continue
		}
		if n := wrappedNumberBefore27(s[i:]); n > 0 {
			skip = n - utf8.RuneLen(r)
			continue
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			code := fmt.Sprintf("U+%04X", r)
			return "the text contains a control character or a bidirectional override (" + code + "), which is not allowed",
				"文本含有不允许的控制字符或文字方向控制符（" + code + "）"
		}
		if r == 0x1F3F4 {
			skip = flagTags(s[i+utf8.RuneLen(r):])
			continue
		}
		if hidingFormatBefore27(r) {
			code := fmt.Sprintf("U+%04X", r)
			return "the text contains an invisible format character (" + code + "), which is not allowed; remove it and send the text again",
				"文本含有不允许的不可见格式字符（" + code + "），请删除后重新提交"
		}
	}
	return "", ""
}

// TestIntakeCheckKeepsItsOldLists (session 27, tidy): with its lists in domain/charclass, the API's
// check of free text refuses and accepts what it did, for every code point alone, after a letter,
// and as the opener of a wrapped number closed either way.
func TestIntakeCheckKeepsItsOldLists(t *testing.T) {
	fails := 0
	check := func(s string) {
		en, zh := badText(s)
		wantEn, wantZh := badTextBefore27(s)
		if (en != wantEn || zh != wantZh) && fails < 20 {
			fails++
			t.Errorf("badText(%+q) = %q; before %q", s, en, wantEn)
		}
		if got, want := wrappedNumber(s), wrappedNumberBefore27(s); got != want && fails < 20 {
			fails++
			t.Errorf("wrappedNumber(%+q) = %d; before %d", s, got, want)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := charclass.HidingFormat(r), hidingFormatBefore27(r); got != want {
			t.Errorf("charclass.HidingFormat(U+%04X) = %v; hidingFormat said %v", r, got, want)
		}
		if !utf8.ValidRune(r) {
			continue
		}
		c := string(r)
		check(c)
		check("a" + c + "b")
		check(c + "138 1234\u00a05678\u202c")
		check(c + "+86\u2069 ")
		check(c + "12" + c)
	}
}
