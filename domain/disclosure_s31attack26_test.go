package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionsReadNoIDNumberInGroupsOrNumerals (session 31, attack26; round 25's leftover b): an
// unfiled resident ID number reached the institution when it was written in spaced or hyphenated
// groups, in Chinese numerals digit by digit, or as a first-generation 15-digit number. Each is now
// redacted; numbers that are no valid ID (a contract, a card, an amount, a date, a mobile) stay.
func TestInstitutionsReadNoIDNumberInGroupsOrNumerals(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	read := func(text string) string {
		c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded, Narrative: text}
		return domain.Disclose(agent, c).Narrative
	}
	for _, tc := range []struct{ text, id string }{
		{"身份证 110105 19900101 1232，请核实", "1232"},
		{"身份证 110105 1990 0101 1232", "0101 1232"},
		{"证件号110105-19900101-1232", "19900101-1232"},
		{"证件号 110 105 199 001 011 232", "011 232"},
		{"身份证：１１０１０５　１９９００１０１　１２３２", "１２３２"},
		{"身份证 11010519491231002 X 号", "002 X"},
		{"身份证 110105 19491231 002X", "002X"},
		{"我的身份证是一一〇一〇五一九九〇〇一〇一一二三二。", "一二三二"},
		{"身份证幺幺零幺零五幺九九零零幺零幺幺二三二", "幺二三二"},
		{"身份证一一〇一〇五1990〇一〇一1232", "1990〇一〇一"},
		{"老身份证 110105900101123 还在用", "900101123"},
		{"老身份证 110105 900101 123", "900101 123"},
		{"身份证 110105199001011232 13812345678", "110105199001011232"},
		{"手机 138 1234 5678 身份证 110105 19900101 1232", "19900101 1232"},
	} {
		if got := read(tc.text); strings.Contains(got, tc.id) {
			t.Errorf("the institution reads %q (from %q)", got, tc.text)
		}
	}
	for _, kept := range []string{
		"合同号 3214 5678 9012 3456 78",   // 18 digits, no valid birth date
		"卡号 6222 0212 3456 7890 123",   // 19 digits
		"流水号 123456789012345",          // 15 digits, month 90
		"还款日 2026-01-05，共 5000 元",      // a date and an amount
		"二〇二六年三月五日打了一二三次",              // numerals that are no number
		"编号 110105 19900101 1233",      // a wrong check digit
		"号 11010519900101123X5",        // an X glued to a digit
		"老号码 110105900101123 4567 还在用", // 15 valid digits inside a longer run of groups
	} {
		if got := read(kept); got != kept {
			t.Errorf("%q became %q", kept, got)
		}
	}
}
