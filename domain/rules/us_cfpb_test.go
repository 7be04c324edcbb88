package rules

import (
	"slices"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestUSPhrasingsSession6: how CFPB consumers state repeated calls, omissions and disputes (session 6, found
// from train errors and written anew here), and the texts that must stay clear.
func TestUSPhrasingsSession6(t *testing.T) {
	const none = domain.ViolationType("")
	for _, tc := range []struct {
		name   string
		text   string
		want   domain.ViolationType
		not    domain.ViolationType
		phrase string
	}{
		{"DailyAfterObjectEN", "Since March the agency has been calling me about this account every single day.", domain.ViolationExcessiveContact, none, ""},
		{"HarassedDailyEN", "They keep harassing me and my elderly parents daily over a bill I never owed.", domain.ViolationExcessiveContact, none, ""},
		{"MaskedCountEN", "The collector called more than XXXX times in two weeks.", domain.ViolationExcessiveContact, none, "called more than XXXX times"},
		{"ComplainantCallsEN", "I called them more than 10 times to get a payoff letter.", none, domain.ViolationExcessiveContact, ""},
		{"NotValidatedEN", "They put a collection on my report for a debt they have not validated.", domain.ViolationMissingDisclosure, none, "have not validated"},
		{"WithoutProperNoticeEN", "The account was placed with them without proper notification to me.", domain.ViolationMissingDisclosure, none, ""},
		{"NorDidTheySendEN", "I do not recognise this account, nor did they send me a letter about it.", domain.ViolationMissingDisclosure, none, ""},
		{"StillNothingInWritingEN", "Two months later I have still not received anything in writing.", domain.ViolationMissingDisclosure, none, ""},
		{"FailToShowProofEN", "They sued me but fail to show proof that I owe anything.", domain.ViolationMissingDisclosure, none, ""},
		{"NotRecognisedEN", "I do not recognize the account number or the balance they list.", domain.ViolationDebtDispute, none, ""},
		{"NoAccountWithThemEN", "I told the caller I didn't have any account with them.", domain.ViolationDebtDispute, none, ""},
		{"NotIncurredEN", "They demand payment of a debt that I did not incur.", domain.ViolationDebtDispute, none, ""},
		{"KnewNothingEN", "I knew nothing about the account until the letter came.", domain.ViolationDebtDispute, none, ""},
		{"IllegallyOpenedEN", "The card was illegally opened by my former roommate.", domain.ViolationDebtDispute, none, ""},
		{"InsurancePaidEN", "My insurance company paid the ambulance bill in 2021.", domain.ViolationDebtDispute, none, ""},
		{"OwnAccountEN", "I have an account with them and pay it every month.", none, domain.ViolationDebtDispute, ""},
		{"ValidatedEN", "The debt was validated and I agreed to a payment plan.", none, domain.ViolationMissingDisclosure, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := mustPack(t, US).Assess(Facts{Narrative: tc.text})
			if tc.want != "" {
				f, ok := a.Find(tc.want)
				if !ok || f.Confidence < 0.5 {
					t.Fatalf("%q: want %s with confidence ≥ 0.5, got %+v", tc.text, tc.want, a.Violations)
				}
				if tc.phrase != "" && !slices.ContainsFunc(f.Evidence, func(e Evidence) bool { return e.Phrase == tc.phrase }) {
					t.Errorf("evidence %+v lacks the phrase %q", f.Evidence, tc.phrase)
				}
			}
			if tc.not != "" {
				if f, ok := a.Find(tc.not); ok && f.Confidence >= 0.5 {
					t.Errorf("%q: found %s, want none: %+v", tc.text, tc.not, f)
				}
			}
		})
	}
}
