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
