package rules

import "testing"

// TestSession24ZhparaMechanisms: session 24 (zhpara), wordings found by paraphrasing zh-real train
// records that the engine flagged, each in a fresh wording: an item named first and "not findable"
// after it; a sum that grows while it is repaid; a fee charged and the contract that never stated it,
// one clause later; told around (到处宣扬); a stop request with a manner word before the verb (别再
// 半夜骚扰) and "no use at all"; a smaller sum borrowed with 当初/总共; instalments "being" repaid
// (按时在还) and then called overdue; another's debt disowned by 不知情 in its own clause; nobody showed
// the contract (没人给我看过). Guards: the same words where no violation is told.
func TestSession24ZhparaMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ItemFirstNotFindable", "我还剩多少本金在app里一直查不到。", missing, none},
		{"NobodyShowedContract", "从来没有人给我发过借款合同，利率多少我也不清楚。", missing, none},
		{"GrowsWhileRepaid", "每个月都按时还，欠的钱反而越来越多了。", fees, none},
		{"FeeThenContractSilent", "罚了我两百多的滞纳金，借款合同里根本没有写。", fees, none},
		{"ToldAround", "催收在我们村里到处宣扬我欠钱不还。", third, none},
		{"StopWithMannerWord", "我让他们别再恶意催收，他们还是天天打。", stop, none},
		{"StopNoUseAtAll", "我让他们停止催收，一点用也没有。", stop, none},
		{"BorrowedLessWithDangchu", "催收说我欠了八千，我当初也就借了三千。", dispute, none},
		{"BeingRepaidThenOverdue", "每期都按时在还，他们又说我欠了两期。", dispute, none},
		{"OthersDebtUnknown", "我爸借的网贷我完全不知情，催收天天让我还。", dispute, none},
		// guards
		{"OwnContactChange", "我把紧急联系人换成了我自己，以后有事直接找我。", none, third},
		{"BeingRepaidQuestion", "我每个月都按时在还款，想问一下能不能提前结清。", none, dispute},
		{"OthersDebtKnown", "我老公借的钱我知道，我们两个一起在还。", none, dispute},
		{"ItemFound", "我问客服还剩多少钱没还，客服马上就查到了。", none, missing},
		{"ShrinksWhileRepaid", "我一直在还，欠款越来越少了。", none, fees},
		{"FeeInContract", "收了我五十元违约金，合同里写了有这一条。", none, fees},
		{"StopHonoured", "我跟催收说别再半夜打电话，之后他们就再也没打过。", none, stop},
	})
}
