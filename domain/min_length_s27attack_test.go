package domain

import (
	"strings"
	"testing"
	"time"
)

// TestTenCharacterMinimumsCountWhatShows (session 27, attack; round 21's leftover): a narrative
// and an institution's explanation must be at least 10 characters, and the count took invisible
// characters: two characters and eight zero-width spaces (or word joiners, direction marks, Hangul
// fillers) were a narrative, and "已处理" and seven of them were an answer to the complainant. Now
// only what shows counts; white space counts as it always did, and ordinary texts of ten
// characters pass.
func TestTenCharacterMinimumsCountWhatShows(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	filing := func(narrative string) FileComplaint {
		return FileComplaint{Relation: RelationSelf, LenderName: "招行信用卡", Product: ProductCreditCard, Province: "310000", City: "310100",
			Debtor: Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"}, ContractNumber: "HT-1",
			Narrative:  narrative,
			Incidents:  []Incident{{OccurredAt: now.Add(-time.Hour), Channel: ChannelPhoneCall, From: "17012345678", Count: 1}},
			Violations: []ViolationType{ViolationExcessiveContact}, OutcomesWanted: []Outcome{OutcomeStopHarassment}}
	}
	s := &Complaints{}
	answer := func(text string) error {
		return s.validateResponse(&ResponseInput{Category: ClosedWithExplanation, Explanation: text})
	}
	padded := []string{
		"骚扰" + strings.Repeat("\u200b", 8),
		"已处理" + strings.Repeat("\u2060", 7),
		"催收" + strings.Repeat("\u200e\u200f", 4),
		"bad" + strings.Repeat("\ufeff", 7),
		"打电话" + strings.Repeat("\u3164", 7),
		"骚扰" + strings.Repeat("\u2800", 8),
		"催收" + strings.Repeat("\U000E0041", 8),
		"骚扰\u0007\u0007\u0007\u0007\u0007\u0007\u0007\u0007",
	}
	for _, text := range padded {
		f := filing(text)
		if err := f.Validate(now); err == nil || CodeOf(err) != CodeInvalid || err.(*Error).Field != "input.narrative" {
			t.Errorf("a narrative of %q (%d runes, %d shown): %v, want BAD_USER_INPUT on input.narrative", text, len([]rune(text)), VisibleRunes(text), err)
		}
		if err := answer(text); err == nil || err.(*Error).Field != "input.explanation" {
			t.Errorf("an explanation of %q: %v, want BAD_USER_INPUT on input.explanation", text, err)
		}
	}
	kept := []string{
		"催收员每天打二十多个电话",
		"I was hit.",
		"催收员\u200b每天打\u200b二十多个电话", // pasted text with zero-width spaces between words
		"已核实并停止催收，致歉。",
		"Ngân hàng gọi tôi mỗi ngày", // combining marks count with their letters
		"📞📞📞📞📞📞📞📞📞📞",
		"催收 员 每天\n打电话",
	}
	for _, text := range kept {
		f := filing(text)
		if err := f.Validate(now); err != nil {
			t.Errorf("a narrative of %q is refused: %v", text, err)
		}
		if err := answer(text); err != nil {
			t.Errorf("an explanation of %q is refused: %v", text, err)
		}
	}
}
