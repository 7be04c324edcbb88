package rules

import "testing"

// TestZHSession13Rare: the session 13 (zhrare) mechanisms for the rare Chinese types as borrowers write
// them (docs/RULES.md "Chinese, session 13 (zhrare): the rare types as borrowers write them"), phrased
// anew for the test (not copied from the blind batches). DEBT_DISPUTE precision by the scope of a
// settlement (another platform's debt, one of several, an earlier loan set against this one, only the
// principal, a certificate asked for); disputes across a comma (an overdue claimed then denied, a
// payment made then not credited, still debited after settling, a claim against a record shown
// settled, a demand to stop collecting a settled debt, the proof of a claim demanded); identities
// withheld with the item named first, throwaway numbers, a caller posing as an acquaintance, a lender
// that cannot vouch for the caller; contracts that cannot be had and items a letter never states; a
// collector's promise not to disturb, a plea and 满口答应, a letter of counsel, then contact.
func TestZHSession13Rare(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// DEBT_DISPUTE precision: the settlement is not of the debt chased
		{"OtherPlatformsSettled", "另外几家网贷我已经还清了，就剩这家还差三千，想申请延期", none, dispute},
		{"OneOfSeveralSettled", "我有三张信用卡，其中两张已经还完了，另一张实在还不上", none, dispute},
		{"EarlierLoanThenThisOne", "以前在他们家借的都已经还清了，这次借的因为失业晚了半个月", none, dispute},
		{"PrincipalOnlySettled", "本金我都已经还完了，剩下的全是罚息，能不能减免", none, dispute},
		{"CertificateBeforeSettled", "想申请开具一份结清证明，我上周已经还清了", none, dispute},
		// DEBT_DISPUTE: the claim and its answer across a comma
		{"OverdueClaimedDenied", "催收一直说我逾期了，我压根没有逾期，账单日还没过", dispute, none},
		{"OverdueNeverExists", "我从头到尾不存在逾期，是银行自己没扣款，凭什么算我逾期", dispute, none},
		{"PaidNotCredited", "我早上就把钱还进去了，下午客服却说没收到", dispute, none},
		{"DebitedAfterSettling", "上个月我已经一次性结清了，这个月卡里还在被扣款", dispute, none},
		{"ClaimAgainstSettledRecord", "他们说我还欠五千，可我的借款记录全是已结清状态", dispute, none},
		{"StopCollectingSettled", "别再给我打电话了，那笔钱我早就已经还清了", dispute, none},
		{"ProofDemanded", "说我拖欠了半年，有本事把借条拿出来", dispute, none},
		{"SystemShowedOverdue", "银行承认是系统故障导致显示逾期，到现在也没改", dispute, none},
		{"LoansOnMyHuabei", "有人用我的借呗借了两笔，我一直不知道", dispute, none},
		{"NeverDealtWith", "我从没跟这家公司打过交道，他们却说我欠钱", dispute, none},
		// UNIDENTIFIED_COLLECTOR
		{"BadgeNumberWithheld", "工号死活不肯报，只让我今天把钱转过去", unident, none},
		{"ThrowawayNumbers", "这几天都是用各种小号打给我，拉黑了又换", unident, none},
		{"NotTheOfficialLine", "打给我的根本不是平台的官方客服电话，是个外地手机", unident, none},
		{"PosedAsClassmate", "对方说是我老同学要聚会，结果是催收打来要钱", unident, none},
		{"LenderCannotVouch", "我问了银行，银行说查不到这个号码是不是他们合作的机构", unident, none},
		{"NameYouNeedNotKnow", "我问他叫什么，他说名字你不配知道", unident, none},
		{"IdentifiedAgentIsFine", "催收报了工号和所属公司，说是受银行委托，讲得很清楚", none, unident},
		// MISSING_DISCLOSURE
		{"ContractNotFound", "我在app里怎么都找不到借款合同，客服也不给", missing, none},
		{"ContractNeverGiven", "借款合同至今都没有发给我", missing, none},
		{"LetterStatesNoItem", "那封催款函也没有写明欠款金额", missing, none},
		{"NothingCameAfterAsking", "我想知道还剩几期没还，客服说等通知，结果没有任何消息", missing, none},
		{"PayeeIsAShop", "让我扫的收款码收款方是个个体户，不是平台", missing, none},
		{"HaveYouANotice", "我问他有没有债权转让通知，他说你不需要知道", missing, none},
		// CONTACT_AFTER_STOP
		{"PromisedNotToDisturb", "客服说这几天先不打扰我，结果第二天电话就没停过", stop, none},
		{"PleadedAndAgreed", "我恳求他们千万别去学校找我儿子，他们满口答应，结果老师还是接到了电话", stop, none},
		{"CounselLetterSent", "我给平台寄了律师函，说以后通过律师沟通，他们还是照打我本人", stop, none},
		{"HonouredStopIsFine", "客服答应暂停催收一周，这一周确实清净了", none, stop},
	})
}
