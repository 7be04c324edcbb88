package rules

import (
	"github.com/redline-regulator/redline/domain"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestS38En38Mechanisms: session 38 (en38), the US pack read by mechanism across thirteen writers
// and real CFPB text. Flags: the spouse reached at their own workplace (the workplace is a third
// party); a negation cue inside a "when" clause that a new subject ends ("when I didnt answer they
// knocked…"); a stop request whose stop verb stands words or clauses after the request verb, then
// "calls continue"; the call's required statement left out (not said it was an attempt to collect a
// debt, what the debt is); a legal step claimed then found not to exist ("there has never been any
// court case", "an unpaid judgment … there is no judgment"); counts of calls per day in any order of
// the sentence's parts. Look-alikes: the same facts negated, the stop honoured, the statements made,
// a real judgment, few calls, a per-day sum that is no call, a notice that gave the dispute right.
// Rules alone (the model is off in tests).
func TestS38En38Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"SpouseAtOffice", "My attorney sent them a letter of representation. Then they called my husband at his office and asked him to have me call them.", third, none},
		{"SpouseAtWork", "they called my wife at work about my account", third, none},
		{"WhenClauseEnds", "When I didnt answer they knocked on my neighbor's door and told him I owe money.", third, none},
		{"RequestFarStop", "I mailed XXXX a written request to stop calling me and communicate only by mail. The calls did not stop.", stop, none},
		{"ToldAndToStop", "I told a live person this isnt me and to stop calling. It's been three weeks and calls continue.", stop, none},
		{"ThatTheyMustStop", "I sent a letter stating that the number is not theirs, and that they must stop calling. They continued calling.", stop, none},
		{"NotSaidAttempt", "The caller would not say what company he was with or that this was an attempt to collect a debt.", missing, none},
		{"NotSaidWhatDebt", "She refused to say what company she was with or what the debt was.", missing, none},
		{"NeverAnyCourtCase", "The letter says a judgment has been entered against me. There has never been any court case.", falseRep, none},
		{"UnpaidJudgmentNone", "He said I have an unpaid judgment and should pay today. There is no judgment against me.", falseRep, none},
		{"RangeOfTheseADay", "I get 5-10 of these calls a day.", excess, none},
		{"EveryDayRange", "Every day there are 10 to 25 calls from rotating numbers.", excess, none},
		{"SomeDaysOrMore", "On some days there are 10 or more calls.", excess, none},
		{"CalledTimesSince", "Since then they have called 23 times.", excess, none},
		{"OnAveragePerDay", "The calls continued, on average 5 per day.", excess, none},
		// look-alikes
		{"SpouseNegated", "They never called my wife at her job.", none, third},
		{"NegatedNoWhen", "They did not knock on my neighbor's door.", none, third},
		{"WhenCommaNegated", "When I did not pay, they never called my boss.", none, third},
		{"StopHonoured", "I asked them to stop calling. They stopped and now only write.", none, stop},
		{"StatementsMade", "The collector told me what the debt was and that it was an attempt to collect a debt.", none, missing},
		{"RealJudgment", "The court entered a judgment against me last year after I was served. I am paying it.", none, falseRep},
		{"FewCalls", "They called me twice last month.", none, excess},
		{"FeesPerDay", "I pay about 5 a day in fees.", none, excess},
		{"NoticeGaveDisputeRight", "The letter named the finance company, showed the balance and explained that I could dispute the debt in writing by a certain date. I am setting up a payment plan.", none, dispute},
	})
}

// TestS38En38ModelBar: a letter the complainant says gave two of the notice's items bars the
// model's MISSING_DISCLOSURE (ModelBar); a statement with a negation cue inside does not.
func TestS38En38ModelBar(t *testing.T) {
	p := mustPack(t, US)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"I got a letter from a collection agency for an old medical bill. It has the amount, the hospital name and says I have 30 days to dispute. How do I know it is real?", true},
		{"which includes the original creditor's name, the balance, and a notice explaining how to dispute", true},
		{"It has the amount but it does not say anything about my right to dispute.", false},
		{"I never got a letter from them about the debt.", false},
	} {
		if got := p.modelBarred(missing, c.text); got != c.want {
			t.Errorf("modelBarred(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestS38En38ModelBarJudged: with the built-in model, as the default judges, the complete letter
// told above is no MISSING_DISCLOSURE (main: the model flagged it on "letter", "collection", "to
// dispute").
func TestS38En38ModelBarJudged(t *testing.T) {
	u, err := ModelFromSetting("builtin")
	if err != nil {
		t.Fatal(err)
	}
	before := UseModel(u)
	t.Cleanup(func() { UseModel(before) })
	p := mustPack(t, US)
	text := "I got a letter from a collection agency for an old medical bill. It has the amount, the hospital name and says I have 30 days to dispute. How do I know it is real?"
	if got := p.JudgeText("bar", text, time.Now()).Flagged(); slices.Contains(got, missing) {
		t.Errorf("flagged %v, want no %s", got, missing)
	}
	// the barred model n-grams are kept among the dismissed, for the reviewer to see (merge, session 38)
	a := p.Judge(Facts{Narrative: text}, "", time.Now())
	if !slices.ContainsFunc(a.Dismissed, func(d domain.DismissedEvidence) bool {
		return d.Type == missing && d.Reason == modelBarReason && strings.HasPrefix(d.Evidence.Rule, ModelRule)
	}) {
		t.Errorf("no model n-gram dismissed by the bar: %+v", a.Dismissed)
	}
}
