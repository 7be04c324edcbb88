package rules

import "testing"

// TestSession15ZhprecLookAlikes: look-alikes the session 15 (zhprec) exceptions set aside, each beside
// a guard that must still be flagged (docs/RULES.md "Chinese, session 15 (zhprec)"): the complainant
// as the one who told or was told; the complainant's own warning after a harm named; a lender's stated
// pretext; one loan of several settled; a cited rule; 催收对象 as the target of collection; the
// address book rung through (打爆通讯录) as no excessive contact with the debtor. Texts phrased anew.
func TestSession15ZhprecLookAlikes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// the complainant is the teller, or was told
		{"OwnTellingFamily", "为了不让家里担心，我已经主动告知了我爸妈这笔欠款的情况", none, privacy},
		{"OwnTellingCollector", "我早就明确告诉催收人员我父亲在住院，请他们别打扰", none, privacy},
		{"PassiveTold", "我打客服电话后被告知要让我哥过来核实身份", none, privacy},
		{"GuardCollectorTold", "催收员告诉我爸妈我欠了三万块钱不还", privacy, none},
		// the complainant's own warning
		{"OwnWarningHarm", "老人心脏不好，要是出了事情我一定报警追究到底", none, threat},
		{"OwnWarningConsequence", "请立刻停止骚扰我的家人，否则我会去银保监投诉，后果自负", none, threat},
		{"GuardCollectorVeiled", "催收在电话里说不还钱就后果自负，让我晚上走路小心点", threat, none},
		// a lender's pretext, one loan of several settled
		{"LenderPretext", "平台以银行卡号错误为由冻结了我的额度", none, dispute},
		{"OneOfSeveralSettled", "我去年已经还清了一笔，另一笔现在每个月都按时在还", none, dispute},
		{"GuardSettledCollected", "这笔贷款我三月份就已经还清了，他们现在还天天催我还款", dispute, none},
		// a cited rule, 催收对象
		{"CitedRule", "《自律公约》第十八条规定，债务催收对象应为债务人本人", none, third},
		{"GuardCollectorCalledMother", "他们今天又打电话给我妈，说我欠钱不还", third, none},
		// the address book rung through
		{"AddressBookRung", "他们把我的通讯录打爆了，亲戚朋友都接到了电话", none, excess},
		{"GuardDailyCalls", "催收一天给我打二十多个电话，手机都被打爆了", excess, none},
	})
}
