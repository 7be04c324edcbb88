package domain

import (
	"strings"
	"testing"
	"time"
)

// TestNamesAreOneLineOfText: every name a person types — a filing's debtor, lender, agency and
// incident caller, an account's display name, an institution's name and alias, a saved view — is
// refused with a control character, a line break or a bidirectional override, or when it shows
// nothing (BAD_USER_INPUT on its field); ordinary names in any script, with emoji, pass.
func TestNamesAreOneLineOfText(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	valid := func() FileComplaint {
		return FileComplaint{Relation: RelationSelf, LenderName: "招行信用卡", Product: ProductCreditCard, Province: "310000", City: "310100",
			Debtor: Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"}, ContractNumber: "HT-1",
			Narrative:  "催收员每天打二十多个电话，还给我父母打电话。",
			Incidents:  []Incident{{OccurredAt: now.Add(-time.Hour), Channel: ChannelPhoneCall, From: "17012345678", Count: 1}},
			Violations: []ViolationType{ViolationExcessiveContact}, OutcomesWanted: []Outcome{OutcomeStopHarassment}}
	}
	if f := valid(); f.Validate(now) != nil {
		t.Fatalf("the valid filing is refused: %v", f.Validate(now))
	}
	bad := []string{"王\n五", "王\r五", "王\u0007五", "王\u007f五", "王\u0085五", "王\u2028五", "王\u2029五", "Bob\u202etxt.exe", "王\u2066五"}
	// Invisible (session 12): fillers, marks or format characters alone, tag characters, stacked marks.
	invisible := []string{"\u3164", "\u2800\u2800", "\u115f", "\u200f\u200f", "\u200d", "\ufe0f", "a\U000e0041\U000e0042", "王\u2063五",
		"\ufeff王五", "王" + strings.Repeat("\u0300", 20)}
	good := []string{"王五", "欧阳娜娜", "John O'Neil", "Zoë 😀", "محمد\u200f", "Jean-Luc Picard", "Nguyễn Thị Ánh", "क्\u200dष"}
	fields := map[string]func(*FileComplaint, string){
		"input.debtor.name":      func(f *FileComplaint, s string) { f.Debtor.Name = s },
		"input.lenderName":       func(f *FileComplaint, s string) { f.LenderName = s },
		"input.agencyName":       func(f *FileComplaint, s string) { f.AgencyName = s },
		"input.incidents.0.from": func(f *FileComplaint, s string) { f.Incidents[0].From = s },
		"input.contractNumber":   func(f *FileComplaint, s string) { f.ContractNumber = s },
	}
	for field, set := range fields {
		for _, s := range append(bad, invisible...) {
			f := valid()
			set(&f, s)
			if err, ok := f.Validate(now).(*Error); !ok || err.Code != CodeInvalid || err.Field != field {
				t.Errorf("%s = %q: %v, want BAD_USER_INPUT on it", field, s, f.Validate(now))
			}
		}
		for _, s := range invisible {
			if _, _, err := checkNewAccount("a@example.cn", "correct-horse-42", s); err == nil || err.(*Error).Field != "displayName" {
				t.Errorf("displayName %q: %v, want BAD_USER_INPUT on displayName", s, err)
			}
			if _, err := cleanAlias("alias", s); err == nil {
				t.Errorf("alias %q accepted", s)
			}
			if _, err := cleanName("name", s); err == nil {
				t.Errorf("institution name %q accepted", s)
			}
		}
		for _, s := range good {
			f := valid()
			set(&f, s)
			if err := f.Validate(now); err != nil {
				t.Errorf("%s = %q refused: %v", field, s, err)
			}
		}
	}
	for _, s := range bad {
		if _, _, err := checkNewAccount("a@example.cn", "correct-horse-42", s); err == nil || err.(*Error).Field != "displayName" {
			t.Errorf("displayName %q: %v, want BAD_USER_INPUT on displayName", s, err)
		}
		// An institution's name and alias fold white space (line breaks too) into one space.
		_, errAlias := cleanAlias("alias", s)
		_, errName := cleanName("name", s+"银行")
		if folded := len(strings.Fields(s)) > 1; !folded && (errAlias == nil || errName == nil) {
			t.Errorf("alias or institution name %q accepted: %v, %v", s, errAlias, errName)
		}
	}
	for _, s := range good {
		if _, _, err := checkNewAccount("a@example.cn", "correct-horse-42", s); err != nil {
			t.Errorf("displayName %q refused: %v", s, err)
		}
	}
}
