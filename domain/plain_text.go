package domain

// plainLine reports whether s is one line of text fit to be shown as a name or a label: no control
// characters (C0, DEL, C1), no line or paragraph separators, and no bidirectional embeddings,
// overrides or isolates. A name is shown to staff and institutions, put in CSV exports and (for
// some) in e-mails: a line break in it forged lines of an e-mail (found by hand: register's
// displayName made a phishing e-mail in the regulator's name), and a right-to-left override makes
// "Bob\u202etxt.exe" read as "Bobexe.txt". The marks U+200E, U+200F and U+061C stay allowed.
func plainLine(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0x2028, r == 0x2029,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return false
		}
	}
	return true
}
