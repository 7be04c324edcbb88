package rules

import "testing"

// TestSession21ZhRare: session 21 (zhrare), the rare Chinese types measured by paraphrases of zh-real
// train. False representation: a court step claimed as scheduled (案子法院已经排好期开庭了), a law
// firm's or a court's papers said to look real (律师事务所的函跟真的一模一样, 跟真的一样的法院文件), a
// police case threatened (说要去公安局给我立案: no longer taken for the complainant's own report).
// Omissions: the sums unknown (连已经还了多少都查不到), a charge nobody explains (谁都说不清这是什么钱).
// Fees: a charge the contract does not hold (合同里也没写有这个费用), a sum demanded above the debt for
// no reason (平白多了三千五), a payout "到我卡里只有…", and 万一 read inside a sum (一万一千六) no longer
// weakens the clauses after it as "in case". Disputes: an extra fee (莫名其妙多出四千多服务费), a denial
// of usury (没有借过高利贷) and a paid-off account whose credit record is not yet updated are none; a
// sum appearing on a cancelled card, an unknown loan and the complainant's own police report are guards.
func TestSession21ZhRare(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"CourtScheduledClaimed", "对方说我的案子法院已经排好期开庭了，让我准备好去开庭。", falseRep, none},
		{"FirmLetterLooksReal", "寄来的律师事务所的函跟真的一模一样，后来才知道是他们自己做的。", falseRep, none},
		{"CourtPapersLookReal", "他们还发一些做得跟真的一样的法院文件。", falseRep, none},
		{"PoliceCaseThreatened", "催收打电话说要去公安局给我立案。", falseRep, none},
		{"SumsUnknown", "现在连已经还了多少都查不到。", missing, none},
		{"ChargeUnexplained", "账单里多了一笔应还费用，客服和催收谁都说不清这是什么钱。", missing, none},
		{"FeeNotInContract", "合同里也没写有这个费用。", fees, none},
		{"SumAboveForNoReason", "额度就九千，现在银行要我还一万二千五，平白多了三千五。", fees, none},
		{"PayoutToMyCard", "合同上写的借11600，到我卡里只有8900。", fees, none},
		{"WanYiInsideASum", "借了一万一千六，这不就是砍头息。", fees, none},
		{"ExtraFeeIsNoDispute", "账单里莫名其妙多出四千多服务费。", fees, dispute},
		// guards
		{"UsuryDenied", "我没有借过高利贷，这是正规银行的信用卡。", none, dispute},
		{"PaidOffCreditNotUpdated", "我已经还清了，但是征信还没更新，想问一下。", none, dispute},
		{"OwnPoliceReport", "我去派出所报了警，派出所给我立案了。", none, falseRep},
		{"UnknownLoanAppears", "账单上莫名其妙多了一笔贷款，我从来没借过。", dispute, fees},
		{"FeeOnCancelledCard", "这张卡我注销了三年，现在突然冒出来一笔年费催我还。", dispute, none},
	})
}
