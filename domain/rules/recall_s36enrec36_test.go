package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS36Enrec36Mechanisms: session 36 (enrec36), English recall by mechanism across eleven writers:
// who the collector is withheld (a refusal with the item as a word class, an evasive answer, the
// item asked for then refused), what a message leaves out as a list of items, a night visit as
// contact at an improper hour, a conversation then calls on the following weekdays. Look-alikes:
// the collector who gave the company name, a letter that states everything, the consumer's own calls.
func TestS36Enrec36Mechanisms(t *testing.T) {
	uc := domain.ViolationUnidentifiedCollector
	md := domain.ViolationMissingDisclosure
	ih := domain.ViolationImproperHours
	ec := domain.ViolationExcessiveContact
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"WithheldAgency", "The caller would not tell me the name of his agency, only a first name.", uc, none},
		{"WhichBank", "She said she was with the bank but wouldn't say which bank.", uc, none},
		{"EvasiveAnswer", "I asked who sent them and he said \"you know who we're with.\"", uc, none},
		{"AskedThenRefused", "I asked for his bar number and the name of his law firm. He refused and hung up.", uc, none},
		{"ItemsList", "The text doesn't say which creditor, which account, or how much.", md, none},
		{"NightVisit", "Around 10:30 at night a man from the finance company came to my house and banged on the door.", ih, none},
		{"TalkThenDays", "I spoke with their agent on Monday and agreed to a plan. They called again on Tuesday, Wednesday and twice on Thursday.", ec, none},
		// look-alikes
		{"GaveCompany", "The agent gave her full name and the name of her company and mailed me a letter.", none, uc},
		{"LetterComplete", "The letter named the original creditor, the account number and the amount.", none, md},
		{"OwnCalls", "I called the agency on Tuesday and Wednesday trying to get a payoff amount.", none, ec},
	})
}
