package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionsReadNoIDNumberWithOtherSeparators (session 31, secmend; review of attack26): a
// valid unfiled ID number still reached the institution when its groups were parted by a newline,
// a tab, a dot, a slash, a comma, a dash, a thin or zero-width space or three spaces, when written
// in financial numerals digit by digit, or with a Chinese numeral glued in front. Each is now
// redacted; contract, card, date and amount numbers and a wrong check digit stay.
func TestInstitutionsReadNoIDNumberWithOtherSeparators(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	read := func(text string) string {
		c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded, Narrative: text}
		return domain.Disclose(agent, c).Narrative
	}
	for _, tc := range []struct{ text, id string }{
		{"身份证\n110105\n19900101\n1232", "1232"},
		{"身份证\t110105\t19900101\t1232", "1232"},
		{"身份证 110105\r\n19900101\r\n1232", "1232"},
		{"身份证 110105.19900101.1232", "1232"},
		{"身份证 110105/19900101/1232", "1232"},
		{"身份证 110105,19900101,1232", "1232"},
		{"身份证 110105，19900101，1232", "1232"},
		{"身份证 110105–19900101–1232", "1232"},
		{"身份证 110105—19900101—1232", "1232"},
		{"身份证 110105 - 19900101 - 1232", "1232"},
		{"身份证 110105\u200919900101\u20091232", "1232"},
		{"身份证 110105\u200b19900101\u200b1232", "1232"},
		{"身份证 1101\u200b0519\u200d900101\ufeff1232", "1232"},
		{"身份证 110105   19900101   1232", "1232"},
		{"身份证壹壹零壹零伍壹玖玖零零壹零壹壹贰叁贰", "贰叁贰"},
		{"身份证壹壹〇壹〇伍1990零壹零壹1232", "1232"},
		{"第一110105199001011232", "110105199001011232"},
		{"身份证号码为一110105199001011232号", "110105199001011232"},
	} {
		if got := read(tc.text); strings.Contains(got, tc.id) {
			t.Errorf("the institution reads %q (from %q)", got, tc.text)
		}
	}
	for _, kept := range []string{
		"合同号 3214.5678.9012.3456.78",       // 18 digits, no valid birth date
		"卡号 6222/0212/3456/7890/123",       // 19 digits
		"单号 1110105199001011232",           // 19 digits glued
		"金额 1,234,567.89 元，还款日 1990/01/01", // an amount and a date
		"编号 110105.19900101.1233",          // a wrong check digit
		"编号 110105\n19900101\n1233",        // a wrong check digit
		"贰零贰陆年叁月伍日还款伍仟元",                   // financial numerals that are no ID
		"第一笔 3214 5678 9012 3456 78",       // a contract number after a numeral word
	} {
		if got := read(kept); got != kept {
			t.Errorf("%q became %q", kept, got)
		}
	}
}
