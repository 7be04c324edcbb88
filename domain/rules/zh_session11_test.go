package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession11Mechanisms: the session 11 mechanisms for the rare Chinese types (docs/RULES.md
// "Chinese, session 11: mechanisms for the rare types"), phrased anew for the test (not copied from
// the blind batches): a question about who is calling, or a request for the debt's facts, met by any
// evasion (classes WHO_Q and EVADE); omissions stated by negation in any order; stop requests in any
// wording, then contact; a collector's claim against the complainant's counter-fact; and the
// look-alikes that must stay clear (no objection, a paid-off debt with a request, a rate unlike the
// contract, the complainant's own overdue then paid, one unknown number once).
func TestZHSession11Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// who is calling: a who-question, then any evasion
		{"WhichFirmNeedNotKnow", "我问他们是什么公司的，对方说这个不用知道", unident, none},
		{"WhoSentYouSilent", "追问了一句到底谁派来的，电话那头就不吭声了", unident, none},
		{"BadgeThenHungUp", "要她报个工号，她说没必要", unident, none},
		{"YouKnowYourself", "问对方哪个平台的，回我一句你自己知道", unident, none},
		// who is calling: a negated saying of any identity item
		{"NeverNamesHisUnit", "那几个人从来不提自己单位", unident, none},
		{"WontSayWhichAgency", "对方始终不愿意说自己是哪家催收公司的", unident, none},
		{"NoIntroduction", "打过来的人从不做自我介绍，上来就要钱", unident, none},
		{"BankOrOutsider", "我都分不清他们到底是银行的人还是外包的公司", unident, none},
		{"ReplyNamesNoFirm", "我问他是哪个单位的，他就说你先把钱准备好", unident, none},
		{"OneUnknownNumberOnce", "有一个陌生号码打过来一次，我没接，也不知道是谁", none, unident},
		// omissions: a request for the debt's facts, then any evasion
		{"BreakdownNoReply", "我让客服出一份还款明细，到现在也没有下文", missing, none},
		{"PayThenYouKnow", "我说你先告诉我利息多少，他说你还了就知道", missing, none},
		{"WhichLoanMeetLater", "我追问欠了多少，对方说见面再说", missing, none},
		// omissions stated by negation, in any order
		{"ContractNeverShown", "借款协议从来没给我看过", missing, none},
		{"TermsUnknown", "违约条款是什么我根本不知道", missing, none},
		{"NotAWordOfTheSum", "整条短信里欠款金额一个字也没提", missing, none},
		{"NoOneToldCreditor", "从来没人告诉过我债权人换了", missing, none},
		{"PrincipalNotSaid", "一共三万八，其中本金是多少，一概不讲", missing, none},
		{"PayeeNotTheLender", "他们给的收款账户跟我借款的平台根本不是一家", missing, none},
		{"ContractBlank", "想下载我的借款合同，页面一直显示系统维护", missing, none},
		{"WhichFirmIsIdentity", "接通后我问他是哪家公司的，他说你心里有数", none, missing},
		// stop requests in any wording, then contact
		{"DontBotherMyWife", "我求他们别去烦我老婆，隔天一早又给她打", stop, none},
		{"FormToStopCalls", "我在app上提交了暂停联系家人的申请，他们照打", stop, none},
		{"ThisWeekNotNow", "我请他们这一周先别打，第二天电话照来", stop, none},
		// a claim against a counter-fact
		{"SettledLastMonth", "催收说我还差三千多没还，我上个月就全部结清了", dispute, none},
		{"NeverInstalled", "非说我在他们那贷过款，我连这个软件都没装过", dispute, none},
		{"NoMoneyArrived", "他们说款已经放了，可我卡里根本没进过一分钱", dispute, none},
		{"DeadFatherNothingInherited", "欠款的是去世的父亲，我们家什么遗产都没继承", dispute, none},
		{"WhichSumIsTrue", "短信上的欠款是六千多，客服说是三千，究竟哪个是对的", dispute, none},
		{"PrincipalClaimed", "我借了五千，催收却说本金有九千", dispute, none},
		{"AutopayNotTaken", "扣款日我卡里余额是够的，银行没有发起扣款，后来就说我逾期了", dispute, none},
		// look-alikes that are no dispute
		{"NoObjection", "对账单上的欠款没有任何异议，只是想分期", none, dispute},
		{"PaidOffWantsCertificate", "我已经还清了，想申请开一张结清证明", none, dispute},
		{"RateUnlikeContract", "实际的利率跟合同上写的不一样，年化超过了36%", none, dispute},
		{"OwnOverdueThenPaid", "我有一期逾期了两天，后来已经还上了，征信能不能修复", none, dispute},
		{"OtherLoansPaid", "其他的网贷都已经还清了，就剩这家还没还", none, dispute},
	})
}

// TestCompositeExceptAcrossClauses: a composite's exceptions search the whole text like a violation's,
// so one that spans a clause break runs: asked which firm, the collector named one ("他就说是…公司"), so
// the question is no first fact of an identity refusal (UNIDENTIFIED_COLLECTOR.asked-refused-zh and
// reply-names-no-firm-s11 except it). Before session 11 the prefilter ran a composite's exception only
// when one clause held all its literals.
func TestCompositeExceptAcrossClauses(t *testing.T) {
	p := mustPack(t, CN)
	for _, text := range []string{
		"我问他是哪家公司的，他就说是某某资产管理公司，工号8812",
		"追问对方是哪个平台委托的，对方只说是某某银行信用卡中心",
	} {
		assertFlagged(t, p, text, "", domain.ViolationUnidentifiedCollector)
	}
}
