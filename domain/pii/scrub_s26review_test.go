package pii

import (
	"strings"
	"testing"
)

// TestScrubSeesThroughInvisibleSeparators: a phone number split by a zero-width space, a direction
// mark, a no-break, narrow or ideographic space or a non-breaking hyphen is scrubbed as the plain
// number is (each came back whole before session 26's review, reaching public narratives); an
// emoji's joiners and text without digits are left as written.
func TestScrubSeesThroughInvisibleSeparators(t *testing.T) {
	for _, s := range []string{
		"催收从138\u200b1234\u200b5678打给我妈",
		"催收从138\u200e1234\u200e5678打给我妈",
		"催收从138\u00a01234\u00a05678打给我妈",
		"催收从138\u30001234\u30005678打给我妈",
		"催收从138\u20111234\u20115678打给我妈",
		"催收从1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8打给我妈",
		"催收从\u202a+86 138 1234 5678\u202c打给我妈",
		"They called from 555\u00a0123\u00a04567 at night.",
	} {
		got := Scrub(s)
		if !strings.Contains(got, Redacted) || strings.Contains(got, "5678") || strings.Contains(got, "4567") {
			t.Errorf("Scrub(%q) = %q; want the number redacted", s, got)
		}
	}
	for _, s := range []string{"我们一家👨\u200d👩\u200d👧都被吓坏了", "催收说\u200b你等着"} {
		if got := Scrub(s); got != s {
			t.Errorf("Scrub(%q) = %q; want it unchanged", s, got)
		}
	}
	if got := Scrub("欠款 3\u00a0000 元"); strings.Contains(got, Redacted) {
		t.Errorf("an amount was redacted: %q", got)
	}
}
