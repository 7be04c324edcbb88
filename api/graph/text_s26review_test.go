package graph

import "testing"

// TestWrappedNumbersAreAccepted: a phone number wrapped in one bidirectional embedding or isolate, as
// phones and messaging apps copy it, is accepted (refused before session 26's review: "bidirectional
// override … not allowed" for a borrower pasting the collector's number); an override around letters,
// a lone closer or opener, and a wrapped number that does not close stay refused.
func TestWrappedNumbersAreAccepted(t *testing.T) {
	for _, s := range []string{
		"催收电话是\u202a+86 138 1234 5678\u202c，一天打二十次",
		"He called from \u202d(555) 123-4567\u202c at 11 pm.",
		"号码\u2066010-12345678\u2069打到我单位",
		"\u202b13812345678\u202c",
		"两个号码 \u202a138 1234 5678\u202c 和 \u202a139 8765 4321\u202c",
	} {
		if en, _ := badText(s); en != "" {
			t.Errorf("%q refused: %s", s, en)
		}
	}
	for _, s := range []string{
		"a\u202eb",                // an override around letters reads backwards
		"\u202e+86 138 1234 5678", // not closed
		"138\u202c1234",           // a lone closer
		"\u202a138 abc\u202c",     // letters inside
		"\u2066138\u202c",         // the wrong closer
		"\u202a\u202c",            // nothing inside
	} {
		if en, _ := badText(s); en == "" {
			t.Errorf("%q accepted; want refused", s)
		}
	}
}
