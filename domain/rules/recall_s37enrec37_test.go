package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS37Enrec37Mechanisms: session 37 (enrec37), English recall by mechanism across twelve writers:
// the third party by place and role (the workplace's switchboard, the pharmacy where I work, staff
// asked to fetch the debtor, an employee asked for by name, relatives who all received calls,
// neighbours asked door to door, the contact list), the writer who names themself as the third
// party, the debt told to them, insults as people write them, a process service that is none,
// workplace visits and fees named by the collector. Look-alikes: the consumer's own manager,
// neighbour or sister, a co-signed loan, a failure felt, a relative called a liar by the writer,
// a courthouse closed.
func TestS37Enrec37Mechanisms(t *testing.T) {
	tp := domain.ViolationThirdPartyContact
	pd := domain.ViolationPrivacyDisclosure
	ab := domain.ViolationAbusiveLanguage
	fr := domain.ViolationFalseRepresentation
	vh := domain.ViolationVisitHarassment
	uf := domain.ViolationUnlawfulFees
	runTypeCases(t, mustPack(t, US), []typeCase{
		{"Switchboard", "Since then they have called our main switchboard six times asking for me.", tp, true},
		{"PharmacyWhereIWork", "A collector phoned the pharmacy where I work and asked for me twice this week.", tp, true},
		{"StaffFetch", "The collector asked my foreman to pull me off the line so he could talk about my loan.", tp, true},
		{"EmployeeByName", "A man came in and asked for our mechanic by name in front of the customers.", tp, true},
		{"AllReceived", "My aunt and my pastor have both received calls from them this month.", tp, true},
		{"CalledByAgency", "My cousin and my old college roommate were all called by the same agency.", tp, true},
		// written without apostrophes, as people text (TestPerturbationRetention's no-apostrophes set lost the
		// writer-as-third-party flag: "debtors" did not match "debtor's")
		{"SelfThirdNoApostrophes", "Im the debtors cousin and they keep calling me at my work asking me to get him to pay.", tp, true},
		{"ListedNoApostrophes", "Ive been listed as a reference on his loan and now the agency keeps texting me every day.", tp, true},
		{"DoorToDoor", "A man went door to door asking about me in my building.", tp, true},
		{"NeighboursAsked", "Two men were asking my neighbors whether I still live here.", tp, true},
		{"ContactList", "Dozens of people from my contact list received the same message.", tp, true},
		{"SelfThird", "I'm his former landlord. A collection agency now phones me twice a week asking where he went.", tp, true},
		{"DebtorIsMyFather", "The alleged debtor is my father. Last week I received a call on my cell from a collector.", tp, true},
		{"WasTold", "My sister was told the balance.", pd, true},
		{"ToldDispatcher", "The collector rang the warehouse. He told the dispatcher I was three months behind on my truck note.", pd, true},
		{"HeardEveryWord", "Four clients were in the salon. My clients heard every word.", pd, true},
		{"ToldTwoOfThem", "He told two of them that I was behind on a car loan.", pd, true},
		{"LikeGarbage", "The rep talked to me like garbage the whole call.", ab, true},
		{"PeopleLikeYou", "She said people like you are trash and hung up.", ab, true},
		{"SaidMyHusbandIs", "He said my husband is a lying cheat.", ab, true},
		{"MaskedB", "The text said: stupid b****, pay up.", ab, true},
		{"ProcessService", "I got a voicemail from the process service department about papers for me.", fr, true},
		{"CameIntoSalon", "A collector came into my salon while I had clients in the chairs.", vh, true},
		{"SentSomeone", "They sent someone to my mother's house, where I live, to demand payment.", vh, true},
		{"NamedFee", "The statement included a $180 \"account placement fee\" on top of the balance.", uf, true},
		{"QuotedFee", "The bill was $200 and now they want $310 with an $85 \"file transfer fee\".", uf, true},
		{"ReinstatementFee", "My account was sent to a new agency and a $70 reinstatement fee appeared.", uf, true},
		// look-alikes
		{"OwnManager", "I asked my manager to get me a day off next week.", tp, false},
		{"OwnNeighbour", "I went to my neighbor's house for dinner and we talked about her cat.", tp, false},
		{"CoSigner", "I am the borrower and my mother co-signed. The lender called me about the payment.", tp, false},
		{"ToldSisterMyself", "I told my sister that I owe about $900 on my card.", pd, false},
		{"FeelFailure", "I feel like a failure because I fell behind on my bills.", ab, false},
		{"BrotherLiar", "My brother is a liar, he never paid me back.", ab, false},
		{"CourthouseClosed", "The lender said the courthouse was closed on Monday.", fr, false},
	})
}
