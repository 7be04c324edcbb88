package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession12DisputesByClass: the session 12 mechanisms for DEBT_DISPUTE and the rare Chinese types
// (docs/RULES.md "Chinese, session 12: disputes and the rare types, by class"), phrased anew for the
// test (not copied from the blind batches). Precision first: a DEBT_DISPUTE phrase is no dispute when
// the sum is explained by a fee (class FEE_ITEM), when what was never applied for is a paid product
// (FEE_PRODUCT), when the debt is a relative's own and acknowledged, when the "不是本人" is the person
// who answered, when a false report is only threatened, or when a good record is followed by an
// admission. Then frames whose slots are classes: proof of payment (PAY_PROOF) then the lender's claim,
// the complainant's own limit then a larger claim, identity documents (ID_DOC) used by someone else, a
// who-question (WHO_Q widened to which × institution) met by an evasion (EVADE widened by meaning),
// an item asked for and nothing came, stop requests and promises with words between, and false legal
// claims (an authority acting now, papers named as fake, a crime charged, a freeze claimed).
func TestZHSession12DisputesByClass(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// DEBT_DISPUTE precision: scope, not deleted phrases
		{"WrongSumIsAFee", "这期账单金额有误，原来是给我加了一笔账户管理费", fees, dispute},
		{"OverDeductedRefund", "保险费那部分是多扣划的，请把这八千块退还给我", none, dispute},
		{"NeverAppliedForMembership", "我从没申请过什么加速包，放款时却被扣了两百", none, dispute},
		{"SistersOwnDebt", "我姐姐在某平台借了一万多还不上。催收天天找我。又不是我借他们的，凭什么骚扰我", none, dispute},
		{"AnsweredByMother", "打过去接电话的不是本人，是我妈，催收对着她就是一顿吼", none, dispute},
		{"FalseReportThreatened", "对方说我再不还就给我虚假上报征信", none, dispute},
		{"GoodRecordThenAdmission", "以前从来没有逾期过，这个月因为住院没能还上，催收就一直催我还款", none, dispute},
		{"FeeUnknownIsAFee", "到现在我都不知道这笔服务费是干什么的，要求退还", none, dispute},
		// DEBT_DISPUTE: frames with class slots
		{"ReceiptThenNotCredited", "上个月在柜台还的款回单还在，可银行到现在都没给我入账", dispute, none},
		{"DebitShownThenOverdue", "扣款成功的短信我都留着，结果平台硬说我这期逾期了", dispute, none},
		{"OnlyLeftThenClaimed", "我明明只欠两期共两千四，催收却说我要还九千多", dispute, none},
		{"ReckonedAtMost", "他们说我还欠一万，我自己算下来顶多也就欠三千", dispute, none},
		{"IdCardLentThenLoans", "我的身份证被一个老乡借去用了几天，后来他拿它在网上贷了款", dispute, none},
		{"PaidTwice", "这期我手动还过一次，隔天又被自动扣了一次，等于还了两次", dispute, none},
		{"RhetoricalNeverBorrowed", "天天催我还钱，可我根本就没在这个平台借过钱啊？", dispute, none},
		// UNIDENTIFIED_COLLECTOR: which × institution, evasions by meaning
		{"WhichBankStammers", "我问他是哪家银行的，他吞吞吐吐半天答不上来", unident, none},
		{"WhoThenHangsUp", "我问他是什么机构的，他直接挂电话", unident, none},
		{"NeverHadThatBank", "对方说是代表某银行来催款的，可我压根没有这家银行的卡", unident, none},
		// MISSING_DISCLOSURE
		{"AskedStatementNothingCame", "我申请了好几次还款明细，到现在一份都没收到", missing, none},
		{"DontKnowHowMuch", "我根本搞不清自己到底欠了他们多少", missing, none},
		{"KnowsWhatIsOwed", "合同和还款计划我都能在app里看到，欠多少也清楚", none, missing},
		// CONTACT_AFTER_STOP: a request or promise with words between, then contact
		{"AskedThisMonthNotToCall", "我请他们这两个星期不要给我打电话，结果第三天电话又一个接一个", stop, none},
		{"NotedThenCalledAgain", "客服说已经给我做了备注，之后不会再联系我父母，这周我爸又接了三个", stop, none},
		{"PromiseHonoured", "我请他们这周先别打，客服答应了，这一周确实没人打来", none, stop},
		// FALSE_REPRESENTATION vs lawful statements
		{"PoliceInvestigatingNow", "他说经侦已经在查我了，让我等着被带走", falseRep, none},
		{"SoCalledSummons", "他们发来一张所谓的法院传票，让我三天内还清", falseRep, none},
		{"CrimeCharged", "催收称我属于恶意透支，要负刑事责任", falseRep, none},
		{"FreezeClaimed", "对方声称已经申请了财产保全，下周冻结我的工资卡", falseRep, none},
		{"LawfulReportingNotice", "银行短信提醒逾期信息会按规定报送征信系统，有困难可以协商", none, falseRep},
		// studied on batch B after its blind measure
		{"ClosedAccountWhereFrom", "那张卡几年前就注销了，现在哪来的欠款", dispute, none},
		{"MindYourBusiness", "我问她是哪家公司的，她回了句关你什么事", unident, none},
		{"PaperFoundForged", "他们寄来一份执行通知书，我拿去法院一问，是伪造的", falseRep, none},
		{"ChildrenExamsThreat", "说我不还钱，我儿子以后考公政审都过不了", falseRep, none},
		{"OnlyMyLawyer", "我让他们直接联系我的律师，他们不找律师，就只打我", stop, none},
	})
}

// TestQuotedQuestionIsReportedSpeech: a question mark inside an open quotation ends the collector's
// words, not a question the complainant asks, so the hit in it keeps its weight. Before session 12 the
// question factor halved it (对方就一句"你欠了哪家你不知道？": 0.38, below the routing confidence).
func TestQuotedQuestionIsReportedSpeech(t *testing.T) {
	p := mustPack(t, CN)
	assertFlagged(t, p, `我问他是代表哪个平台，对方就一句"你借了哪家的钱你不知道？"然后挂掉`, domain.ViolationUnidentifiedCollector, "")
	// a question the complainant asks, outside any quotation, stays a question
	assertFlagged(t, p, "他们会不会去找我的家人？", "", domain.ViolationThirdPartyContact)
	for _, tc := range []struct {
		s    string
		open bool
	}{{`他说"你`, true}, {`他说"你"`, false}, {"他说“你", true}, {"他说「你」", false}, {"没有引号", false}} {
		if got := quoteOpen([]rune(tc.s)); got != tc.open {
			t.Errorf("quoteOpen(%q) = %v, want %v", tc.s, got, tc.open)
		}
	}
}
