package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestParseAmountAsWritten: amounts as people type them (session 29 walk: a borrower's "8,600" sent
// her back from the filing wizard's last step to its first) are read; what is not an amount is
// still refused.
func TestParseAmountAsWritten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want domain.Amount
	}{
		{"8,600", "8600.00"}, {"12,800.50", "12800.50"}, {"1,234,567", "1234567.00"},
		{"１２，８００．５", "12800.50"}, {"8600元", "8600.00"}, {"¥ 8,600", "8600.00"}, {"￥300", "300.00"},
		{"12 800", "12800.00"},
		{"1,00", ""}, {"12,34,567", ""}, {"1,0000", ""}, {",100", ""}, {"8,600.123", ""}, {"-8,600", ""}, {"元", ""}, {"8600美元", ""},
	} {
		got, en, zh := domain.ParseAmount(tc.in)
		if got != tc.want || (tc.want == "") != (en != "" && zh != "") {
			t.Errorf("ParseAmount(%q) = %q (%q, %q), want %q", tc.in, got, en, zh, tc.want)
		}
	}
}

// TestParseAmountReviewed (session 29 review): the wizard let through every JavaScript space and
// the server stripped three, so "12\u202f800" passed the first step and was refused after the last;
// spaces anywhere were deleted, so "1 2 3 4" read 1234 without the three-digit grouping; "¥￥5"
// passed the server and not the wizard. Spaces are the one list AmountSpaces, at the ends, beside
// the sign, or one between groups of three; one currency sign at most.
func TestParseAmountReviewed(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want domain.Amount
	}{
		{"12\u202f800", "12800.00"}, {"12\u2009800", "12800.00"}, {"12\u00a0800.50", "12800.50"}, {"\ufeff8600", "8600.00"},
		{"\t8600\t", "8600.00"}, {"1 234 567", "1234567.00"}, {"\u30008,600 元", "8600.00"}, {"¥ 12 800", "12800.00"},
		{"1 2 3 4", ""}, {"1,00 0", ""}, {"1 , 0 0 0", ""}, {"1,234 567", ""}, {"12  800", ""}, {"12 800 .5", ""}, {"12.5 0", ""},
		{"¥￥5", ""}, {"￥¥5", ""}, {"¥¥5", ""}, {"¥ ¥5", ""}, {"5元元", ""}, {"12\u200b800", ""},
	} {
		got, en, zh := domain.ParseAmount(tc.in)
		if got != tc.want || (tc.want == "") != (en != "" && zh != "") {
			t.Errorf("ParseAmount(%q) = %q (%q, %q), want %q", tc.in, got, en, zh, tc.want)
		}
	}
	for _, r := range domain.AmountSpaces {
		if got, _, _ := domain.ParseAmount("12" + string(r) + "800"); got != "12800.00" {
			t.Errorf("ParseAmount(12 %U 800) = %q", r, got)
		}
	}
}
