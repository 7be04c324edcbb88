package rules

import "testing"

// TestZHSession13Contact: the session 13 (zhbig) mechanisms for the frequent Chinese types as borrowers
// write them (docs/RULES.md "Chinese, session 13 (zhbig): the frequent types as borrowers write them"),
// phrased anew for the test (not copied from the blind batches): a third party named as the emergency
// contact and then reached by pronoun; a regulator posed as; a legal step claimed and then found not to
// exist. The negatives keep a lawful reminder of a lawsuit and a real regulator's step unflagged.
func TestZHSession13Contact(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"ContactThenPronoun", "我借款时写的紧急联系人是我同事，他们现在老是骚扰他", third, none},
		{"ContactThenGivePronoun", "联系人填的是我姐姐，催收天天给她发消息", third, none},
		{"PosedAsRegulator", "对方冒充金融监管局，让我配合核实欠款", falseRep, none},
		{"ClaimedCourtFiling", "他们说已经把材料递交给了法院，我去法院查了根本没有这个案子", falseRep, none},
		{"ClaimedCaseOpened", "催收称已经立案了，我查询后查无此案", falseRep, none},
		{"LawfulReminder", "客服提醒我如果长期不还，平台可能会依法起诉", none, falseRep},
		{"RealRegulatorStep", "我投诉到了银保监会，监管部门已经介入，平台也给我回了电话", none, falseRep},
	})
}
