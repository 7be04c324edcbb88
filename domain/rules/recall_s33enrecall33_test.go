package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS33Enrecall33Mechanisms: session 33 (enrecall33), the US pack's recall by mechanism on what
// independent writers label (blind-s32 en). Insults as a vocative after a comma, quoted as a
// predicate or paraphrased, mocking; the collector as an officer by title, the DA said to review
// the account, charges said prepared; ten or more calls counted; a stop request told as the time
// after which contact came (one sentence), an opt-out then a count; third parties asked to confirm
// an employee or where the people next door work, the debt told in a
// partial quotation ("owes almost five grand"). Look-alikes: the consumer's own self-reproach, the
// consumer's own calls counted, the consumer's own charges, a request honoured, one's own telling.
func TestS33Enrecall33Mechanisms(t *testing.T) {
	fr := domain.ViolationFalseRepresentation
	ec := domain.ViolationExcessiveContact
	cas := domain.ViolationContactAfterStop
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"VocativeAfterComma", "I said I could pay on Friday and the man said \"sure you will, you moron\" and laughed.", abuse, none},
		{"QuotedPredicate", "They phoned my uncle about a phone bill and said that I was \"a con artist\" hiding from them.", abuse, none},
		{"ParaphraseLazy", "The agent asked whether I was just too lazy to find a job like everyone else.", abuse, none},
		{"MilkingSystem", "She told me people on benefits are milking the system and I should be ashamed.", abuse, none},
		{"Mocked", "The collector mocked me for stuttering during the whole call.", abuse, none},
		{"OfficerByTitle", "The caller said he was \"Sergeant Miller\" and that I had to settle the matter today.", fr, none},
		{"DAReviewing", "The rep claimed the district attorney's office was reviewing my file for theft.", fr, none},
		{"ChargesPrepared", "The collector said the company was getting ready to press criminal charges over the bounced payment.", fr, none},
		{"CountTenPlus", "Last month I received over twenty calls from the agency on my work phone.", ec, none},
		{"AfterWrittenRequest", "Even after my written request to stop calling they called my cell two more times.", cas, none},
		{"AfterLetterComma", "After I mailed a letter asking them to stop contacting me, a collector texted me the next morning.", cas, none},
		{"OptOutThenCount", "I opted out of phone calls on their website on May 2. Since then I got six more calls.", cas, none},
		{"ConfirmOurEmployee", "A collection agency keeps asking us to confirm that one of our drivers still works here.", third, none},
		{"WhereNeighboursWork", "A man came to my door asking where the couple next door work and when they leave.", third, none},
		{"PartialQuoteOwes", "They called my brother and told him I \"owe over three thousand dollars\" and should pay.", privacy, none},
		// look-alikes
		{"OwnSelfReproach", "I felt like an idiot for missing the due date, but the agent was polite.", none, abuse},
		{"OwnCallsCounted", "I have made over 15 calls to them trying to get a payoff letter.", none, ec},
		{"OwnCharges", "I am going to press charges against the collector if this continues.", none, fr},
		{"RequestHonoured", "I sent a letter asking them to stop calling, and since then they have only written to me.", none, cas},
		{"OwnTellingNeighbour", "I told my neighbor myself that I was behind on a loan because I needed advice.", none, privacy},
	})
}
