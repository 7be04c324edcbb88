package pii

import (
	"strings"
	"testing"
)

// TestScrubSeesNumbersWrittenOtherwise (session 27, attack; found by hand): Scrub, which writes
// the narratives of the public dataset, left personal data whole or in part when it was written in
// a form a phone or a person produces: an ID number or a card number in groups after its label
// (身份证 110105 19491231 002X kept the birth date and the rest; 卡号6222 0212 3456 7890 123 kept
// 15 digits of the card), a card number in groups without a label, a full-width Ｘ at the end of an
// ID number, an e-mail with a full-width ＠, a mobile number with ~ or ー between its groups, digit
// by digit with spaces, or in Thai, Arabic-Indic or mathematical digits. Each is removed now;
// dates, amounts, times and short numbers are kept.
func TestScrubSeesNumbersWrittenOtherwise(t *testing.T) {
	for _, c := range []struct{ in, leak string }{
		{"身份证 110105 19491231 002X，催收员念出来了", "19491231"},
		{"身份证 110105 19491231 002X", "002X"},
		{"身份证１１０１０５１９４９１２３１００２Ｘ", "Ｘ"},
		{"卡号6222 0212 3456 7890 123", "7890"},
		{"还款卡 6222 0212 3456 7890 123 被冻结", "0212"},
		{"还款卡 6222-0212-3456-7890 被冻结", "3456"},
		{"邮箱wang＠example.com", "example"},
		{"电话138~1234~5678", "5678"},
		{"电话138～1234～5678", "5678"},
		{"电话138ー1234ー5678", "5678"},
		{"电话1 3 8 1 2 3 4 5 6 7 8", "5 6 7 8"},
		{"电话๑๓๘๑๒๓๔๕๖๗๘", "๕๖๗๘"},
		{"电话١٣٨١٢٣٤٥٦٧٨", "٥٦٧٨"},
		{"电话 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "𝟓𝟔𝟕𝟖"},
		{"电话 ١٣٨ ١٢٣٤ ٥٦٧٨", "٥٦٧٨"},
	} {
		if got := Scrub(c.in); strings.Contains(got, c.leak) || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q: %q left", c.in, got, c.leak)
		}
	}
	for _, kept := range []string{
		"2023-12-01催收员上门",
		"2023 12 01 晚上 10:30 打来电话",
		"欠款 10 000 元，分 12 期",
		"每天打 20 30 40 次电话",
		"第 1 2 3 次",
		"借了 5000 元，已还 3000",
		"从 2023-01-05 到 2023-03-05",
	} {
		if got := Scrub(kept); got != kept {
			t.Errorf("Scrub(%q) = %q, want it kept", kept, got)
		}
	}
}
