package domain

import (
	"unicode"

	"github.com/redline-regulator/redline/domain/charclass"
)

// plainLine reports whether s is one line of text fit to be shown as a name or a label: no control
// characters (C0, DEL, C1), no line or paragraph separators, and no bidirectional embeddings,
// overrides or isolates. A name is shown to staff and institutions, put in CSV exports and (for
// some) in e-mails: a line break in it forged lines of an e-mail (found by hand: register's
// displayName made a phishing e-mail in the regulator's name), and a right-to-left override makes
// "Bob\u202etxt.exe" read as "Bobexe.txt". The marks U+200E, U+200F and U+061C stay allowed.
//
// Nor may it be invisible (session 12, found by hand): a text that is not empty holds a letter or a
// digit, no other format character (tag characters, the word joiner and invisible operators, the
// byte-order mark), no filler that draws nothing (Hangul fillers, the braille blank), and at most
// maxStackedMarks combining marks in a row. A name of "\u3164", "\u2800\u2800" or "\u200f" showed
// staff an empty cell, and "a" followed by tag characters hid text no one could read.
func plainLine(s string) bool {
	visible, marks := s == "", 0
	for _, r := range s {
		switch {
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0x2028, r == 0x2029, charclass.DirectionControl(r):
			return false
		case charclass.DirectionMark(r), r == 0x200c, r == 0x200d: // direction marks, (non-)joiners
		case charclass.Format(r), charclass.Filler(r):
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

// Blank reports whether s shows nothing: it holds only white space, format characters (zero-width
// spaces and joiners, the word joiner, the byte-order mark, tag characters), fillers that draw
// nothing (the Hangul fillers, the braille blank), combining marks, variation selectors and control
// characters. A required reason or text that is blank was accepted (session 26, attack: found by
// hand): revealDebtorIdentity, the reason recorded for reading a debtor's identity, took "\u200b",
// "\u3164" or "\u2800", and the audit trail recorded a reason no one could read; so did closing,
// escalating or reopening a complaint, and a narrative of ten zero-width spaces met the minimum.
func Blank(s string) bool {
	for _, r := range s {
		if !charclass.DrawsNothing(r) {
			return false
		}
	}
	return true
}

// VisibleRunes counts the characters of s that draw something: not format characters (zero-width
// spaces and joiners, direction marks, the byte-order mark, tag characters), fillers that draw
// nothing, or control characters other than white space. The 10-character minimums of a narrative and an institution's
// explanation count these (session 27, attack): "已还\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b"
// met the minimum with two characters one could read. A run of white space counts as one, as a
// reader sees a gap, and a combining mark (nonspacing or enclosing) counts with the character it
// sits on (session 28, attack): "催收" and eight spaces, or "ok" and eight combining accents spread
// over them, met the minimum too.
func VisibleRunes(s string) int {
	n := 0
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if !space {
				n++
			}
			space = true
			continue
		case charclass.Format(r), charclass.Filler(r), unicode.Is(unicode.Cc, r):
			continue // draws nothing, and does not end a run of white space
		case unicode.In(r, unicode.Mn, unicode.Me):
		default:
			n++
		}
		space = false
	}
	return n
}

// maxStackedMarks bounds the combining marks on one character: Vietnamese stacks two, and text
// that stacks dozens ("Zalgo") spills over the lines of the staff's pages.
const maxStackedMarks = 4
