package domain_test

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// validID builds a valid identity card number from 17 digits.
func validID(first17 string) string { return first17 + string(domain.IDCheckChar(first17)) }

func TestIDNumberProblem(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	good := validID("11010519491231002") // the GB 11643 example number: check character X
	if good != "11010519491231002X" {
		t.Fatalf("check character of the standard's example = %q, want X", good[17:])
	}
	wrongCheck := good[:17] + "1"
	for _, tc := range []struct{ name, id, want string }{
		{"OK", good, ""},
		{"OKDigitCheck", validID("44030419900101123"), ""},
		{"ErrChecksum", wrongCheck, "checksum"},
		{"ErrTooShort", good[:17], "format"},
		{"ErrLetterInside", "1101051949123100AX", "format"},
		{"ErrLowercaseCheckIsFormat", good[:17] + "x", "format"},
		{"ErrNoSuchProvince", validID("99010519491231002"), "region"},
		{"ErrMonth13", validID("11010519491331002"), "birthDate"},
		{"ErrFeb30", validID("11010520000230002"), "birthDate"},
		{"ErrBornInFuture", validID("11010520300101002"), "birthDate"},
		{"ErrBefore1900", validID("11010518891231002"), "birthDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.IDNumberProblem(tc.id, now); got != tc.want {
				t.Errorf("IDNumberProblem(%q) = %q, want %q", tc.id, got, tc.want)
			}
		})
	}
}

func TestValidMobile(t *testing.T) {
	for s, want := range map[string]bool{
		"13812345678": true, "19912345678": true, "12812345678": false, "1381234567": false,
		"138123456789": false, "23812345678": false, "1381234567a": false, "": false,
	} {
		if got := domain.ValidMobile(s); got != want {
			t.Errorf("ValidMobile(%q) = %v, want %v", s, got, want)
		}
	}
	if got := domain.NormalizeMobile("+86 138-1234-5678"); got != "13812345678" {
		t.Errorf("NormalizeMobile = %q", got)
	}
}

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want domain.Amount
		ok   bool
	}{
		{"12800.5", "12800.50", true}, {"0", "0.00", true}, {"007.10", "7.10", true},
		{"999999999999.99", "999999999999.99", true},
		{"-1", "", false}, {"1.234", "", false}, {"1e5", "", false}, {"", "", false}, {"1,000", "1000.00", true},
		{"1234567890123", "", false}, {".5", "", false},
	} {
		got, en, _ := domain.ParseAmount(tc.in)
		if (en == "") != tc.ok || got != tc.want {
			t.Errorf("ParseAmount(%q) = %q, %q; want %q ok=%v", tc.in, got, en, tc.want, tc.ok)
		}
	}
}
