package domain

import (
	"strings"
	"testing"
	"time"
)

// TestTenCharacterMinimumsCountNeitherMarksNorEachSpace (session 28, attack; round 22's leftover):
// VisibleRunes counted every combining mark as a character and every space of a run, so a
// narrative or an institution's explanation of "骚扰" and eight accents spread over its two
// characters, of enclosing circles, or of two words with runs of spaces between them met the
// 10-character minimum. A mark counts with the character it sits on, a run of white space as one.
func TestTenCharacterMinimumsCountNeitherMarksNorEachSpace(t *testing.T) {
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
		"骚\u0301\u0301\u0301\u0301扰\u0301\u0301\u0301\u0301",
		"已\u20dd\u20dd\u20dd处\u20dd\u20dd\u20dd理\u20dd",
		"ok\u0300\u0301\u0302\u0303 no\u0300\u0301\u0302",
		"催收" + strings.Repeat(" ", 4) + "骚扰" + strings.Repeat(" ", 4) + "了",
		"已处理" + strings.Repeat("\u3000", 4) + "好" + strings.Repeat("\n", 4) + "的",
		"a" + strings.Repeat(" \u200b ", 5) + "b",
	}
	for _, text := range padded {
		f := filing(text)
		if err := f.Validate(now); err == nil || CodeOf(err) != CodeInvalid || err.(*Error).Field != "input.narrative" {
			t.Errorf("a narrative of %q (%d shown): %v, want BAD_USER_INPUT on input.narrative", text, VisibleRunes(text), err)
		}
		if err := answer(text); err == nil || err.(*Error).Field != "input.explanation" {
			t.Errorf("an explanation of %q: %v, want BAD_USER_INPUT on input.explanation", text, err)
		}
	}
	kept := []string{
		"Ngân hàng gọi tôi mỗi ngày",                // decomposed: the marks count with their letters
		"Nga\u0302n ha\u0300ng go\u0323i to\u0302i", // 16 letters and spaces shown
		"催收 员 每天 打 电话",                              // single spaces between words count
		"I was hit by them.",                        // 18
		"❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f❤\ufe0f", // ten hearts
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
