package pii

import (
	"strings"
	"testing"
)

// A single styled digit (a footnote mark, an exponent) against a plain number is a break, not a
// digit of it: read as a digit it joined the number, which then no longer stood alone and reached the
// public dataset whole (session 28, the review of attack round 23). A styled digit inside a number is
// still read as a digit: Scrub reads styled digits both ways.
func TestFootnoteDigitAfterANumberIsABreak(t *testing.T) {
	for _, c := range []struct{ in, gone string }{
		{"+1 555 123 4567² x", "4567"},
		{"him at 555.123.4567¹", "4567"},
		{"tel: 555 123 4567₁", "4567"},
		{"(555) 123-4567①", "555"},
		{"call 5551234567³ now", "5551234567"},
		{"电话13812345678²", "13812345678"},
		{"手机①③⑧①②③④⑤⑥⑦⑧", "⑧①②③"},
		{"手机138①②③④5678", "5678"},
		// inside a number a styled digit is a digit of it (the second review: read as a break, these
		// were published whole or in part)
		{"号码 1381②345678", "345678"},
		{"号码 1³8¹2³4⁵6⁷8", "⁵6⁷8"},
		{"电话 ①38 1234 5678", "5678"},
		{"1101⓪5199001011234", "5199001011234"},
		{"1381234567⑧", "1381234567"},
		// two numbers needing different readings, side by side (the third review)
		{"号码 155 9320 1₅61 555 123 4567²", "9320"},
		{"手机15593201₅61。美国电话 555 123 4567²", "123 4567"},
		{"号码 183 5972 ①191 555 123 4567²", "5972"},
	} {
		got := Scrub(c.in)
		if strings.Contains(got, c.gone) {
			t.Errorf("Scrub(%q) = %q, still holds %q", c.in, got, c.gone)
		}
	}
	for _, keep := range []string{"10⁶元", "利率24%³", "第①步", "x²+y²", "见注释¹", "2024年³月"} {
		if got := Scrub(keep); got != keep {
			t.Errorf("Scrub(%q) = %q, want it unchanged", keep, got)
		}
	}
}

// The third review of session 28's scrub: an address at a provider's subdomain spelt out is an
// address; a sentence's full stop after "at Costco" or "@john" is not the dot of one.
func TestSpeltAddressesAndFullStops(t *testing.T) {
	for _, in := range []string{"zhangsan at vip dot qq dot com", "zhangsan at mail dot 163 dot com",
		// a dot with a space after it is an address's when the @ is written between, or at a provider
		"zhangsan@qq. com", "zhangsan @ qq. com", "zhangsan at qq. com", "zhangsan@mail. qq. com", "write to zhangsan at gmail. com"} {
		if got := Scrub(in); strings.Contains(got, "zhangsan") {
			t.Errorf("Scrub(%q) = %q, the address stays", in, got)
		}
	}
	for _, keep := range []string{"I paid 300 at Costco. Me and my husband", "thanks @john. Co-founders agreed", "I paid 300 at costco. Co-signed"} {
		if got := Scrub(keep); got != keep {
			t.Errorf("Scrub(%q) = %q, want it unchanged", keep, got)
		}
	}
}
