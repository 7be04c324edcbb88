package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// TestSession20CFPBCountedContact: session 20 (cfpb). More than 7 contacts in 7 days (Regulation F
// 1006.14(b)(2)) as CFPB consumers count them: the week named before the count, compound number
// words, counts by weekday or in one day with the count first, "several times daily", "inundated with
// calls". Guards: a count at or under the presumption, and the complainant's own counted calls.
func TestSession20CFPBCountedContact(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"WeekBeforeCountEN", "In the past week alone I counted twenty-two calls from the agency about a phone bill.", excess, none, ""},
		{"CompoundWordsEN", "I have received thirty-five calls in the last week about an old gym membership.", excess, none, ""},
		{"WeekdayCountsEN", "They called me 9 times on Monday, 6 times on Tuesday and 11 times on Wednesday.", excess, none, ""},
		{"CountInOneDayEN", "The agency phoned my cell twelve times in one day last month.", excess, none, ""},
		{"SeveralTimesDailyEN", "Automated calls from the collector come in multiple times daily to my home phone.", excess, none, ""},
		{"InundatedEN", "For two months I have been inundated with calls and texts from this agency.", excess, none, ""},
		// after batch B: a count over the last seven days with the verb first, twice every morning, over
		// and over every day
		{"SevenDaysVerbCountEN", "Over the last seven days they have contacted me 16 times by phone and 10 times by text.", excess, none, ""},
		{"TwiceEveryMorningEN", "The collector calls twice every morning and twice every afternoon, Monday through Saturday.", excess, none, ""},
		{"OverAndOverEveryDayEN", "They call my cell, my office and my sister, over and over every day.", excess, none, ""},
		// guards
		{"TwoCallsLastWeekEN", "Last week the agency called me two times about the bill and I paid it.", none, excess, ""},
		{"OwnCountedCallsEN", "I called them 10 times in 3 days to get a payoff letter and nobody answered.", none, excess, ""},
		{"OwnWeekdayCallsEN", "I called them 9 times on Monday trying to set up a payment plan.", none, excess, ""},
	})
}

// TestSession20CFPBOmissionOnTheObject: session 20 (cfpb). The omission stated on what was given
// ("they have provided no proof"), a letter missing the required disclaimer, no mini-Miranda
// (1692e(11)). Guards: a validation notice received with its disclosures, no proof of the consumer's
// own payment.
func TestSession20CFPBOmissionOnTheObject(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"ProvidedNoProofEN", "I asked three times for a copy of the contract. They have provided no proof at all but keep saying I owe it.", missing, none, ""},
		{"SentNoValidationEN", "The agency sent me no validation and no statement, only a demand to pay.", missing, none, ""},
		{"MissingDisclaimerEN", "The letter was missing the required disclaimer that it came from a debt collector.", missing, none, ""},
		{"NoMiniMirandaEN", "The agent did not give me the mini-Miranda warning at any point in the call.", missing, none, ""},
		// guards
		{"NoticeReceivedEN", "The validation notice I received listed the creditor and my right to dispute and had every required disclosure.", none, missing, ""},
		// after batch B: a notice of the right to dispute listed among what a letter held is the
		// disclosure given; guard: the same notice never received
		{"ListedRightToDisputeEN", "The letter came with the balance, the creditor's name and a notice of my right to dispute. I want a payment plan.", none, missing, ""},
		{"NeverReceivedRightToDisputeEN", "I never received a notice of my right to dispute before they reported the account.", missing, none, ""},
		{"NoProofOfPaymentEN", "The collector said I had provided no proof of payment, so I sent them my bank statement.", none, missing, ""},
	})
}

// TestSession20CFPBModelHonoursExceptions: session 20 (cfpb). The type's exceptions dismiss the
// model's n-grams as they dismiss the rules' phrases: a model that learned "validation letter" as an
// omission does not flag "they sent me a validation letter", and keeps the n-gram among the dismissed;
// the same n-grams outside an exception still flag.
func TestSession20CFPBModelHonoursExceptions(t *testing.T) {
	p, _ := Default(US)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	withModel(t, letterModel(t))
	sent := p.Judge(Facts{Narrative: "Good news at last. They sent me a validation letter today."}, "", now)
	if sent.Has(missing) {
		t.Errorf("excepted model flag: %+v", sent.Violations)
	}
	if !slices.ContainsFunc(sent.Dismissed, func(d domain.DismissedEvidence) bool {
		return d.Type == missing && strings.HasPrefix(d.Evidence.Rule, ModelRule) && strings.HasPrefix(d.Reason, "exception: ")
	}) {
		t.Errorf("the excepted model n-gram is not kept as dismissed: %+v", sent.Dismissed)
	}
	// guard: no exception, the model's flag stands
	if got := p.Judge(Facts{Narrative: "Good news at last. A validation letter from the agency today."}, "", now); !got.Has(missing) {
		t.Errorf("model flag lost outside an exception: %+v", got.Violations)
	}
}

// letterModel is an English model trained on made-up narratives where "a validation letter" marks
// MISSING_DISCLOSURE, so that its flags rest on those n-grams.
func letterModel(t *testing.T) *model.Model {
	t.Helper()
	fillers := []string{"the weather was cold", "my neighbour has a dog", "the bus was late again", "we had soup for dinner",
		"the store closed early", "my cousin moved to Ohio", "the printer is broken", "I read a long book",
		"the garden needs water", "our team lost the game", "the train was crowded", "I bought new shoes"}
	return markedModel(t, missing, madeUp{id: "l", n: 80, fillers: fillers, join: " and ", plain: "%s. Day %d.", marked: "%s, a validation letter today. Day %d."})
}
