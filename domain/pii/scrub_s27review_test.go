package pii

import (
	"strings"
	"testing"
)

// TestScrubKeepsDatesSideBySide (review of session 27): the rule for card numbers in groups, new in
// attack round 22, took the days of the calls written side by side for a card number; a public
// narrative lost its dates. Card numbers in groups are still removed.
func TestScrubKeepsDatesSideBySide(t *testing.T) {
	for _, keep := range []string{"called on 2024-01-15 2024-01-16", "他在 01-15 01-16 01-17 都打了电话", "2023-12-30 2023-12-31 2024-01-01 连续打了三天"} {
		if got := Scrub(keep); got != keep {
			t.Errorf("Scrub(%q) = %q; the dates are no personal data", keep, got)
		}
	}
	for _, card := range []string{"卡号6222 0212 3456 7890 123", "my card 4111 1111 1111 1111 was charged", "6222-0212-3456-7890", "2024 0115 2024 0116 12"} {
		if got := Scrub(card); !strings.Contains(got, "XXXX") {
			t.Errorf("Scrub(%q) = %q; the card number stays", card, got)
		}
	}
}
