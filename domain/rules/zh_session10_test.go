package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession10Dispute: the session 10 mechanisms for disputes, omissions and fees (docs/RULES.md
// "Chinese, session 10: disputes, omissions, fees"), phrased anew for the test (not copied from the
// blind batches): identity used with words between, a sum that differs from what the complainant was
// shown or contracted, settled or paid then claimed, a claim answered by a counter-fact, someone else's
// debt disowned; contracts found nowhere or only after paying, payees named by a person; charges never
// mentioned, prepayment interest, sums grown from a small start — and the look-alikes that stay clear.
func TestZHSession10Dispute(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// disputes
		{"IDUsedWordsBetween", "骗子拿了我上个月弄丢的身份证去网上贷了款", dispute, none},
		{"NeverTouchedLoans", "我压根就没碰过贷款这种东西", dispute, none},
		{"SumDiffersFromApp", "他们报的金额和我在银行app里查到的完全对不上", dispute, none},
		{"AgreedSumThenMore", "上周说好一次性付5000就结清，钱我也转了，现在又说我还欠两千", dispute, none},
		{"PaidToAccountNotCredited", "我在手机银行转了3200到他们的对公账户，平台那边显示我没还款", dispute, none},
		{"BalanceThereNotDebited", "账户里一直有余额，系统自己没扣成功，平台就说我逾期了三天", dispute, none},
		{"DeadRelativeWhyMe", "我哥生前在几个平台借过钱，现在凭什么找我要", dispute, none},
		{"SpouseSecretLoan", "我老公瞒着我贷了款，我完全不知道他贷过", dispute, none},
		{"InstalmentNotAsContracted", "协议上写的每月还款是860，但是每月实际扣的是990", dispute, none},
		{"ClaimThenNeverRegistered", "催收说我在他们那有笔逾期，可我根本就没注册过他们的app", dispute, none},
		{"NoRecordThenClaim", "征信上一条借款记录都没有，他们却非说我欠钱", dispute, none},
		// omissions
		{"ContractAfterSettling", "客服说结清以后才能下载合同", missing, none},
		{"DetailsFoundNowhere", "明细我翻遍了整个app也找不到", missing, none},
		{"AgreementNotLeft", "签完字协议一份都没留给我", missing, none},
		{"NeverSawFormalContract", "我从来没看过正式的借款合同", missing, none},
		{"WhichLoanUnknown", "我都不知道他们催的是哪一笔", missing, none},
		{"TotalUnknown", "连最后要还多少也搞不清", missing, none},
		{"PayeeNamedByPerson", "他叫我把钱打到一个叫王某的建设银行卡里", missing, none},
		{"BalanceAskedNotShown", "我请客服告诉我还剩多少本金，她说系统里看不到", missing, none},
		{"PassingTheBuck", "我要看借款合同，平台和催收两边踢皮球", missing, none},
		// fees
		{"PackageOpenedByDefault", "借钱时系统自动开通了一个所谓的提速权益包，扣了我298", fees, none},
		{"ChargeNeverMentioned", "签合同的时候根本没人说过每月还得另收一笔钱", fees, none},
		{"PayoutShort", "钱到账以后才发现少了一大截", fees, none},
		{"PrepaymentAllInterest", "我提前还清了，他们还是要我把后面所有期的利息都交上", fees, none},
		{"SumGrown", "当初只借了两千，现在滚到了六千多", fees, none},
		{"AboveOrdinaryRates", "收的钱远超正常网贷的标准", fees, none},
		{"InstalmentChargedMore", "协议上写的每月还款是860，但是每月实际扣的是990", fees, none},
		// look-alikes
		{"PaidOffThenAsking", "我上周已经还清了，想咨询一下多久能开结清证明", none, dispute},
		{"CannotPayIsNoDispute", "他们让我还钱，我确实没钱还", none, dispute},
		{"RateDiffersIsAFee", "合同写的年化是18%，实际收了30%", fees, dispute},
		{"FirmAskedIsNoOmission", "我问他是哪家公司的，他说你自己心里清楚", none, missing},
	})
}

// TestExceptAcrossClauses: an exception is searched over the whole text, so one that spans a clause
// break ("还清了，想问") dismisses the hit it overlaps and keeps it among the dismissed. The prefilter
// used to require a literal of each of its parts (还清|结清, 想问|请问) within one clause, so such an
// exception never ran.
func TestExceptAcrossClauses(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	vr := m["violations"].(map[string]any)["DEBT_DISPUTE"].(map[string]any)
	vr["except"] = map[string]any{"weight": 1, "zh": []string{"re:(还清|结清)了?[,，]\\s*(想问|请问)"}}
	doc, _ = json.Marshal(m)
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := "我已经还清了，想问一下多久能查到"
	a := p.Assess(Facts{Narrative: text})
	if f, ok := a.Find(domain.ViolationDebtDispute); ok && f.Confidence >= domain.RoutingConfidence {
		t.Fatalf("flagged %+v, want it dismissed by the exception", f)
	}
	found := false
	for _, d := range a.Dismissed {
		if d.Type == domain.ViolationDebtDispute && strings.HasPrefix(d.Reason, "exception: 还清") {
			found = true
		}
	}
	if !found {
		t.Fatalf("dismissed %+v, want DEBT_DISPUTE dismissed by the exception", a.Dismissed)
	}
}
