package pii

import (
	"strings"
	"testing"
)

// TestScrubS29ListOfShortGroupsOnly: more than five groups whose first five never fall are read as a
// list of numbers only when every group is short; "1 3 5 67 89 1234" (11 digits of a mobile, its
// first groups rising) was published (the final review of session 29).
func TestScrubS29ListOfShortGroupsOnly(t *testing.T) {
	for _, in := range []string{"我的手机 1 3 5 67 89 1234 有事打", "电话：1 3 5 67 89 1234"} {
		if got := Scrub(in); strings.Contains(got, "1234") {
			t.Errorf("Scrub(%q) = %q; the mobile is published", in, got)
		}
	}
	for _, in := range []string{"第 13 15 17 19 21 3 期都按时还了"} {
		if got := Scrub(in); got != in {
			t.Errorf("Scrub(%q) = %q; a list of short numbers is no mobile", in, got)
		}
	}
}
