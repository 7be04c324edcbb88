package domain

import (
	"strings"
	"testing"
)

// TestFiledValuesWrittenOtherwiseAreWithheld (session 27, attack): the filed values an institution
// may not read (the debtor's ID number, mobile, contract number and name on a complaint filed
// without consent to share them) were redacted from the narrative however spaced, in full width or
// spelt in Chinese — but not written with ~, ～ or ー between their groups, nor in the digits of
// other scripts and styles (Arabic-Indic, Thai, mathematical bold) that phone keyboards offer.
// Both reached the institution as written. They are withheld now; other numbers are kept.
func TestFiledValuesWrittenOtherwiseAreWithheld(t *testing.T) {
	withheld := []string{"11010519491231002X", "13812345678", "HT-2025-0001", "王小明"}
	for _, c := range []struct{ in, leak string }{
		{"催收员说他的号码是138~1234~5678", "5678"},
		{"号码138～1234～5678", "5678"},
		{"号码138ー1234ー5678", "5678"},
		{"号码١٣٨١٢٣٤٥٦٧٨", "٥٦٧٨"},
		{"号码๑๓๘๑๒๓๔๕๖๗๘", "๕๖๗๘"},
		{"号码𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "𝟓𝟔𝟕𝟖"},
		{"证件110105~19491231~002X", "19491231"},
		{"合同HT~2025~0001", "2025"},
	} {
		if got := redactAll(c.in, withheld); strings.Contains(got, c.leak) {
			t.Errorf("redactAll(%q) = %q: the filed value is still there", c.in, got)
		}
	}
	for _, kept := range []string{"每天打20~30个电话", "欠款5000元", "号码139~1234~5678"} {
		if got := redactAll(kept, withheld); got != kept {
			t.Errorf("redactAll(%q) = %q, want it kept", kept, got)
		}
	}
}
