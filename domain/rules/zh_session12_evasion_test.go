package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession12Evasion: session 12's evasions, scopes and veiled threats in Chinese (docs/RULES.md
// "Session 12: evasions, scope and veiled threats, both languages"), phrased anew for the test: a
// weapon or coffin sent as an emoji or a picture, an accident that "may" happen, the way a child
// takes to school, 曝通讯录, a count over a span of night hours; hearsay without a cue word (a
// friend's own loan, a classmate's own threat), fears of contact, a lawful reminder, recipients
// counted, and an announced act that then happened.
func TestZHSession12Evasion(t *testing.T) {
	p := mustPack(t, CN)
	threat, contact, privacy := domain.ViolationThreat, domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure
	urgent, high, normal := domain.PriorityUrgent, domain.PriorityHigh, domain.PriorityNormal
	T := func(ts ...domain.ViolationType) []domain.ViolationType { return ts }
	runJudgeCases(t, p, []judgeCase{
		// veiled threats: URGENT with a police referral
		{"KnifeEmoji", "催收给我发了一把🔪，什么也没说", T(threat), nil, urgent, true},
		{"CoffinEmoji", "问他到底要怎样，他回了我一个⚰️", T(threat), nil, urgent, true},
		{"GunEmojiInsideWords", "对方发来：还🔫钱", T(threat), nil, urgent, true},
		{"AxePicture", "微信上收到一张斧头的照片，是那个催收发的", T(threat), nil, urgent, true},
		{"MishapHardToSay", "他说你家里人哪天出点事也不好说", T(threat), nil, urgent, true},
		{"AccidentAnyMinute", "意外分分钟都会发生的，你自己想想", T(threat), nil, urgent, true},
		{"DaughtersWayHome", "看好你女儿放学的路", T(threat), nil, urgent, true},
		// evasions of the other types
		{"ExposedContactsHomophone", "他们曝通讯录，我亲戚全收到了", T(privacy), nil, high, false},
		{"CountOverNightHours", "从晚上十点一直打到凌晨两点，前后打了十几个", T(domain.ViolationExcessiveContact, domain.ViolationImproperHours), nil, high, false},
		// hearsay without a cue word: someone else's own case, never the complainant's, never severity
		{"NeighboursOwnLoan", "我邻居以前在这家借过钱，他们天天打他老婆电话，骂得很难听", nil, T(contact, domain.ViolationAbusiveLanguage), normal, false},
		{"ClassmatesOwnThreat", "我一个同学跟我说，她被催收恐吓过，说要把她腿打断", nil, T(threat), normal, false},
		// fears, a lawful reminder, recipients counted
		{"FearOfParentsCalled", "我担心他们会打到我爸妈那里", nil, T(contact), normal, false},
		{"LawfulReminder", "【某银行】您的账单应还2000元，请按时还款，逾期将影响征信", nil, T(domain.ViolationDebtDispute), normal, false},
		{"RecipientsCounted", "家族群里二十几个人收到了我的欠款信息", T(privacy), T(domain.ViolationVisitHarassment), high, false},
		// an announced act that then happened
		{"AnnouncedThenDone", "他们说要打给我老板，结果真的打了", T(contact), nil, high, false},
	})
	// the complainant's own debt reaching a friend is no hearsay
	runJudgeCases(t, p, []judgeCase{
		{"FriendBorrowedTheyCallMe", "我同学借了钱，催收却打我电话要我还", T(contact), nil, high, false},
	})
}
