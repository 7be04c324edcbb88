package rules

import "testing"

// TestSession25ZhddForms: session 25 (zhdd), rules that carried one or two zh-real train texts,
// rewritten as forms over classes so that a paraphrase fires too. Disputes: a settlement struck for a
// sum (说好还…就销户) and the balance still hanging on the account; the fees settled and collection
// going on with a manner word (还在不停地催); nothing at all repaid claimed against a payment
// (说我一笔都没还); settled at a past time with 就 beside a stop request; instalments changed at an
// unknown time (不知道什么时候被改成); a current plan and the rest demanded at once with 把 between;
// a sum judged by a court (判的是) or "only the principal" promised, then more demanded; proof of a
// claimed arrears demanded as an accusation (证据呢). Hidden collectors: no papers at a visit, the item
// named first (什么证件手续都没带); a number altered (改过号的电话). Omissions: the sum named first and never stated (欠多少只字未提); a document that cannot
// be opened (点不开); an account item in one clause and nobody explaining it or finding it in the
// next. Guards: the complainant's own papers, a plan broken by the complainant, a partial balance
// admitted, a credit record, marketing and earlier conduct after a payoff.
func TestSession25ZhddForms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"DealStruckBalanceHangs", "客服答应只要转进去一万五就给我销户，我照做了，可系统里还挂着六千多的欠款。", dispute, none},
		{"FeesSettledStillChased", "退车的时候所有款项都结算清楚了，金融公司现在还在天天催这笔车贷。", dispute, none},
		{"NothingRepaidClaimed", "我明明每个月都扣了款，催收却说我一笔都没还。", dispute, none},
		{"SettledLastWeekStop", "别再催我了，这笔钱我上周就还上了。", dispute, none},
		{"TermsChangedUnknownTime", "签合同的时候是十二期，不知道什么时候被调整成了二十四期。", dispute, none},
		{"CurrentThenAllAtOnce", "我的账单一直都是按时还的，他们却要求我一次性把剩余本金都还掉。", dispute, none},
		{"CourtJudgedThenMore", "法院判决的是还两万一，催收公司却要我还两万八。", dispute, none},
		{"PrincipalOnlyThenMore", "业务员告诉我只还本金就可以，结果本金还完又被催还三千多。", dispute, none},
		{"ProofDemanded", "你们一直说我逾期了三个月，证据在哪？", dispute, none},
		{"VisitNoPapersItemFirst", "上门的人自称是外包公司的，什么工作证委托书都没带。", unident, none},
		{"AlteredNumber", "催收一直用改过号的手机打我电话。", unident, none},
		{"SumNeverStated", "信息里只说我已经逾期，欠款金额只字未提。", missing, none},
		{"PlanWontOpen", "还款计划在app上一直点不开。", missing, none},
		{"ItemThenNobodyExplains", "账单上的服务费到底是干什么的，到现在也没人给我解释。", missing, none},
		{"ItemThenNotFound", "我还了多少期、还剩多少，平台上都查不到。", missing, none},
		// guards
		{"OwnPapersForgotten", "我那天出门什么证件都没带，银行不给办。", none, unident},
		{"PlanBrokenByMe", "之前一直按时还款，上个月失业逾期了，催收要求一次性还清。", none, dispute},
		{"PartBalanceAdmitted", "我记得已经还清了，后来才发现确实还有一期没还，是我自己搞错了。", none, dispute},
		{"CreditRecordAfterPayoff", "因为失业逾期了三个月，现在已经还清了，但征信上的逾期记录一直没消除，要求消除。", none, dispute},
		{"MarketingAfterPayoff", "贷款早已结清，平台却天天发短信推销新的贷款产品。", none, dispute},
		{"EarlierConductAfterPayoff", "欠款已经还清了，但是催收期间他们天天打电话骚扰我父母，要求赔礼道歉。", none, dispute},
		{"PromiseNotYetPaid", "客服说只要还本金就行，我这两天就去凑钱。", none, dispute},
	})
}
