package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS31Enrecall31Mechanisms: session 31 (enrecall31), the US pack's recall on what independent
// writers label by mechanism. Flags: the debt told to a third party in a partial quotation (told
// her I 'owe …', said I had 'an unpaid loan'), a coworker by role who answered and was told, word
// left with the receptionist, the collector walking in and asking the cashier for the consumer, the
// spouse's relatives called, HR put through, a knock on a neighbour's door then the debt told, the
// debt shouted in quotes then the neighbours came outside, the consequence (asked me if I was
// having money problems), a third-party contact joined across sentences now anchoring the
// disclosure that follows. Look-alikes: a relative who only answered,
// the consumer's own telling, a location call with no debt, the consumer's own humiliation, a
// neighbour's own shouting.
func TestS31Enrecall31Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"PartialQuoteOwe", "The agency called my uncle and told him I 'owe a lot of money on a credit card' and should stop hiding.", privacy, none},
		{"RoleAnsweredAndTold", "Our office manager answered the line and the caller told her he was collecting a debt from me.", third, none},
		{"RoleAnsweredDebtTold", "Our office manager answered the line and the caller told her he was collecting a debt from me.", privacy, none},
		{"WordWithReceptionist", "They left word with the receptionist at my clinic that I had to call back about my overdue account.", privacy, none},
		{"WalkedInAskedCashier", "A man from the agency walked into the shop and asked the cashier for me. He told her I was 'dodging a debt' with his company.", third, none},
		{"SpouseRelative", "A collector called my wife's brother looking for me.", third, none},
		{"TransferredToHR", "A collector called the switchboard and asked to be transferred to Human Resources about me.", third, none},
		{"KnockOnHerDoorThenDebt", "My neighbour downstairs is 70. A man knocked on her door asking about me and said 'tell her she needs to take care of her debt with us.'", privacy, none},
		{"ShoutThenNeighbours", "Two men stood at my gate yelling \"pay what you owe, we know you are home.\" My neighbours next door came outside to watch.", privacy, none},
		{"MoneyProblemsAsked", "The collector reached my supervisor and said I had 'an unpaid loan' with them. The next day my supervisor asked me if I was having money problems.", privacy, none},
		// look-alikes
		{"SonOnlyAnswered", "My son answered the phone when the agency called and handed it to me.", none, third},
		{"OwnTellingSupervisor", "I told my supervisor myself that a collector might call, and I explained to him that I was behind on a loan.", none, privacy},
		{"LocationCallAunt", "They called my aunt once to ask for my address and did not say why.", none, privacy},
		{"OwnHumiliationAlone", "I was so humiliated and ashamed when I realized how far behind I was on my bills.", none, abuse},
		{"NeighbourOwnShout", "My neighbor yelled at his dog all morning and the whole street heard it.", none, privacy},
	})
	_ = domain.ViolationThirdPartyContact
}
