package rules

import "testing"

// TestSession32Zhreal32Mechanisms: session 32 (zhreal32), how real borrowers write what the engine
// missed (zh-real train, blind-s31, s32-zhreal32-B), each mechanism in a fresh wording: disclosure
// shown by its audience (before the customers, the colleagues who heard it, shouted at the counter,
// the whole office now knows); the complainant told that their child or tenant owes; the landlord
// called; a third party asked to tell the debtor to settle; a dispute told as sums that do not add up
// or money taken again after settlement; legal steps claimed as done (already moved to their legal
// department, listed as a key defaulter, the employer told it shares the liability; 包庇 alone is an accusation); the caller who
// hangs up when asked for a badge number; slurs and defamation. Guards: a transfer only warned of, a
// sum the complainant accepts, a relative's scolding, a polite identified caller.
func TestSession32Zhreal32Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"BeforeTheCustomers", "他们在我的小饭馆里当着客人的面拍桌子，说我欠钱不还。", privacy, none},
		{"ColleaguesHeard", "电话里一直嚷嚷我是老赖，那时候正在开会，旁边的同事全听见了。", privacy, none},
		{"ShoutedAtCounter", "那人跑到我们店里大声喊，说老板娘借网贷不还。", privacy, none},
		{"WholeOfficeKnows", "他们打到公司前台找我，现在整个办公室都知道了。", privacy, none},
		{"YourSonOwes", "我家里的座机天天有人打，对方说我小儿子欠了钱一直拖着不还。", third, none},
		{"YourSonOwesPrivacy", "电话那头说“你儿子在我们平台借了钱不还”，我一个老人家被吓得够呛。", privacy, none},
		{"Landlord", "我是房东，那个租客欠了网贷，催收这个月天天给我打电话。", third, none},
		{"AskedToTellDebtorToSettle", "催收打给我同学，让他们转告我赶紧处理欠款。", privacy, none},
		{"SumsDoNotAddUp", "本金才四千，我按合同算了三遍怎么都算不出他们要的七千多。", dispute, none},
		{"TakenAfterSettled", "上个月我已经把贷款全部结清了，这周平台竟然又从我卡里划走了两百。", dispute, none},
		{"AlreadyMovedToLegal", "催收说我的事已经转到他们法务部了，下周就冻结我的工资卡。", falseRep, none},
		{"KeyDefaulter", "他们跟我说我已经被列为重点失信人员，以后出门都受限。", falseRep, none},
		{"EmployerLiable", "催收打给我们经理，说公司不配合的话也要跟着承担法律责任。", falseRep, none},
		{"ShieldingIsAnAccusation", "催收打给我们前台，骂我们公司包庇老赖。", none, falseRep},
		{"HangsUpOnBadge", "那人说自己是民警，我问他要警号，他立马就把电话挂了。", unident, none},
		{"CharacterRunDown", "催收在电话里说我人品败坏，活该没人借钱给我。", abuse, none},
		{"CalledSwindlerToKin", "催收跟我姑姑说我是诈骗犯，让她离我远点。", abuse, none},
		// guards
		{"TransferWarnedOf", "客服说再不还的话，会把我的账户移交给法务部门处理。", none, falseRep},
		{"SumAccepted", "判决书上写的本金加利息一共两万三，我核对过没问题，想申请分期。", none, dispute},
		{"RelativeScolds", "我姐知道我欠了网贷，打电话把我骂了一顿，平台那边一直是正常提醒。", none, privacy},
		{"PoliteIdentifiedCaller", "银行的工作人员报了工号，说明了欠款金额，问我什么时候方便还款。", none, unident},
	})
}
