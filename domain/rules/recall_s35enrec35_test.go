package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS35Enrec35Mechanisms: session 35 (enrec35), English recall by mechanism: the debt told to a
// third party by the collector's side (directly, or to a third party named earlier and reached by
// pronoun), the complainant as the third party asked about a tenant or an employee, a stop request
// then contact in a later sentence, a claimed judgment or title then found false, counts in words.
// Look-alikes: the consumer's own telling, a stop request about something else, the consumer's own
// calls, a claim found true.
func TestS35Enrec35Mechanisms(t *testing.T) {
	fr := domain.ViolationFalseRepresentation
	ec := domain.ViolationExcessiveContact
	cas := domain.ViolationContactAfterStop
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"AndToldTitle", "A man from the agency walked into the clinic and told the receptionist that I owe them money.", third, none},
		{"LetKnow", "They rang the store where I work and let my supervisor know that I have an unpaid loan.", third, none},
		{"ToldSomeOfThem", "She told several of them that I was \"behind on rent\" and would not pay.", third, none},
		{"NamedThenPronoun", "My cousin Ana answered my phone while I was at work. The caller told her that I owe a credit card balance.", privacy, none},
		{"AskedAboutTenant", "A collection agency keeps calling the office asking about one of our tenants and her new number.", third, none},
		{"VerifyEmployment", "We got calls to verify the employment of a former worker of ours.", third, none},
		{"StopThenSince", "I faxed them a formal request to stop calling me. They have phoned five more times since.", cas, none},
		{"StopThenResumed", "I asked the agent in writing not to call my cell again. A month later the calls started up again.", cas, none},
		{"JudgmentThenNone", "The rep said they already have a judgment against me. There is no judgment in the court records.", fr, none},
		{"CountInWords", "That week they called my home phone thirty-one times.", ec, none},
		// look-alikes
		{"OwnAndTold", "I drove to my parents' house and told my father that I owe money on a loan.", none, privacy},
		{"StopOtherThing", "I asked the representative to stop the automatic payment. She called back to confirm it was cancelled.", none, cas},
		{"OwnCallsInWords", "I called them twenty-two times trying to get a payoff letter.", none, ec},
		{"ClaimTrue", "The rep said they already have a judgment against me. I checked and the judgment is real.", none, fr},
	})
}
