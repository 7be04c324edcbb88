package rules

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession7Dispute covers the session 7 mechanisms for disputes, disclosure, identity, false
// claims of authority and fees: word classes (SETTLED, DISCLOSE_ITEM, REFUSE, AUTHORITY), composites
// across clauses, and sums compared (Amounts); lawful statements and reminders must stay unflagged.
func TestZHSession7Dispute(t *testing.T) {
	runTypeCases(t, mustPack(t, CN), []typeCase{
		// already paid: long ago, or paid and still claimed; paying off alone is no dispute
		{"PaidLongAgo", "那笔钱我早都已经结清了。", domain.ViolationDebtDispute, true},
		{"PaidThenChased", "我去年十月已经在app上一次性全部还清，可催收还在给我打电话要钱。", domain.ViolationDebtDispute, true},
		{"PaidSystemNoRecord", "这笔欠款我在去年就全部还清了，他们现在说系统里没有记录。", domain.ViolationDebtDispute, true},
		{"PaidAfterHarassment", "本人已于第二天结清了所有欠款。", domain.ViolationDebtDispute, false},
		{"PlanToPay", "这笔钱我早就计划好下个月还清。", domain.ViolationDebtDispute, false},
		{"CannotPayOff", "我现在已经没能力一次性还清了。", domain.ViolationDebtDispute, false},
		// the amount or the terms contested
		{"AmountVsContract", "催收金额跟借款合同上写的对不上。", domain.ViolationDebtDispute, true},
		{"DoubleDebit", "同一期被重复扣款，扣了两次。", domain.ViolationDebtDispute, true},
		{"TermsChanged", "当初说好分12期，后来不知道怎么就被改成了24期。", domain.ViolationDebtDispute, true},
		{"NotOverdueReported", "我每个月都按时还款，银行却上报我逾期。", domain.ViolationDebtDispute, true},
		{"NeverBorrowed", "我本人根本没有办理过这张信用卡。", domain.ViolationDebtDispute, true},
		{"NotMySignature", "借款合同上的签名根本不是我签的。", domain.ViolationDebtDispute, true},
		{"Objection", "我对他们说的欠款金额有异议。", domain.ViolationDebtDispute, true},
		{"BorrowerIsBrother", "借钱的是我弟弟，催收却认定是我借的。", domain.ViolationDebtDispute, true},
		{"NeverBorrowedAdmitted", "钱是我借的，我认，只是现在还不上。", domain.ViolationDebtDispute, false},
		{"UnknownCallerNoDispute", "用个人手机号打给我催款，根本不知道是什么人。", domain.ViolationDebtDispute, false},
		// disclosure refused: REFUSE + DISCLOSE_ITEM in a clause, or a request then a refusal
		{"RefusedContract", "我要求看借款合同，对方一直推脱不给。", domain.ViolationMissingDisclosure, true},
		{"ItemsRefused", "利息和罚息的明细他们什么都拿不出来。", domain.ViolationMissingDisclosure, true},
		{"AskedHowComputed", "问他这些费用是怎么算出来的，他也解释不了。", domain.ViolationMissingDisclosure, true},
		{"AskedNotGiven", "让他们出示债权转让的凭证，到现在也没有给我。", domain.ViolationMissingDisclosure, true},
		{"NotDisclosed", "欠款金额和债权人一概不透露。", domain.ViolationMissingDisclosure, true},
		{"DisclosedLawfully", "客服把合同和还款明细都发到我邮箱了，我核对过没问题。", domain.ViolationMissingDisclosure, false},
		{"NotFoundAlone", "客服说查不到。", domain.ViolationMissingDisclosure, false},
		// identity
		{"NoIntroduction", "打电话的人从来不自报家门。", domain.ViolationUnidentifiedCollector, true},
		{"ManyNumbers", "每天都是各种不同的号码打过来。", domain.ViolationUnidentifiedCollector, true},
		{"PosingAsLender", "有人冒充平台客服给我打电话。", domain.ViolationUnidentifiedCollector, true},
		{"ForeignNumbers", "打来的都是境外号码。", domain.ViolationUnidentifiedCollector, true},
		{"NoLicence", "这家催收公司没有任何催收资质。", domain.ViolationUnidentifiedCollector, true},
		{"CollectorChangedNumber", "拉黑以后他们又换了个号码。", domain.ViolationUnidentifiedCollector, true},
		{"IChangedMyNumber", "被催得没办法，我自己把手机号换了，换号码了。", domain.ViolationUnidentifiedCollector, false},
		{"OneStrangeNumber", "今天一个陌生号码给我打电话，是银行信用卡中心提醒还款。", domain.ViolationUnidentifiedCollector, false},
		// false authority and consequences (AUTHORITY class); true facts and lawful reminders are not
		{"UnderCourtBanner", "对方打着法院的旗号给我发短信。", domain.ViolationFalseRepresentation, true},
		{"PosingAsPolice", "催收假扮成派出所民警给我父母打电话。", domain.ViolationFalseRepresentation, true},
		{"ClaimedReported", "说已经把我报案了，经侦马上介入。", domain.ViolationFalseRepresentation, true},
		{"JailAsThreat", "拿坐牢来吓唬我。", domain.ViolationFalseRepresentation, true},
		{"ArrestWarrant", "催收在微信上发了一张逮捕令的图片。", domain.ViolationFalseRepresentation, true},
		{"CreditBlacklist", "说我不还就把我拉进征信黑名单。", domain.ViolationFalseRepresentation, true},
		{"OwnCreditReport", "我查了征信报告，上面显示有一笔逾期。", domain.ViolationFalseRepresentation, false},
		{"CourtFroze", "我的银行卡被法院冻结了，请求解冻。", domain.ViolationFalseRepresentation, false},
		{"IReported", "我已经向当地派出所报案了。", domain.ViolationFalseRepresentation, false},
		{"ComplainantReported", "我是被冒用身份借的款，已经报案了。", domain.ViolationFalseRepresentation, false},
		{"SubmittedComplaint", "客服说已经提交问题上去，等回复。", domain.ViolationFalseRepresentation, false},
		// sums compared: repaid and demanded far above the principal, a payout short of it, a fee
		{"RepaidFarAbove", "借款65000，已经还款十多万了。", domain.ViolationUnlawfulFees, true},
		{"RepaidAndDemanded", "借了两万，前后还了他们三万多，现在还要我还一万。", domain.ViolationUnlawfulFees, true},
		{"DemandedColloquial", "借了8000块，现在让我还一万五。", domain.ViolationUnlawfulFees, true},
		{"PayoutShort", "合同写的借款5万，实际到账4万2。", domain.ViolationUnlawfulFees, true},
		{"FeeAbovePrincipal", "本金1000，罚息1400。", domain.ViolationUnlawfulFees, true},
		{"OrdinaryInstalments", "借了一万，分十二期，每期还九百多，已经还了六期。", domain.ViolationUnlawfulFees, false},
		{"PartlyRepaid", "借款3万元，已经还了2万，还剩1万多没还。", domain.ViolationUnlawfulFees, false},
		{"MaskedSums", "贷款200***元，已还253***元。", domain.ViolationUnlawfulFees, false},
		{"QuestionSums", "如果借1万要还2万吗？", domain.ViolationUnlawfulFees, false},
		{"AdvanceFee", "放款前要我先交三千块解冻金。", domain.ViolationUnlawfulFees, true},
	})
}

// TestAmountsRead checks how sums are read: Chinese numerals with 万 and a colloquial tail, the
// counters that make a number no sum, masked digits.
func TestAmountsRead(t *testing.T) {
	a := mustPack(t, CN).Amounts
	for _, tc := range []struct {
		text string
		want []float64
	}{
		{"借款65000，已经还款十多万了", []float64{65000, 100000}},
		{"借了8000块，现在让我还一万五", []float64{8000, 15000}},
		{"已经还了18期26311", []float64{26311}},
		{"我已经还了他们六万多了", []float64{60000}},
		{"还了12个月", nil},
		{"贷款200***元", nil},
		{"借了一笔", nil},
		{"实际到账4万2", []float64{42000}},
	} {
		var got []float64
		for _, m := range a.read(tc.text) {
			got = append(got, m.value)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: read %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: read %v, want %v", tc.text, got, tc.want)
			}
		}
	}
	// the evidence names the comparison
	f, _ := find(t, CN, "借款65000，已经还款十多万了。", domain.ViolationUnlawfulFees)
	if len(f.Evidence) == 0 || !strings.HasPrefix(f.Evidence[0].Rule, "amounts.total: 100000 repaid") {
		t.Errorf("evidence %+v, want the amounts.total rule", f.Evidence)
	}
}
