package rules

import "testing"

// TestSession31Zhprec31Mechanisms: session 31 (zhprec31), the false flags that recur across the
// unseen writers' Chinese texts (blind-s25…s30, studied), each as a form in a fresh wording: the
// complainant's own reading of a lawful step as 威胁/恐吓 (觉得/感觉 … 威胁, "说他威胁我"); a threat
// or insult by a husband or a former partner, not the collector's side; the family's own misfortune
// (我家里出了事); a collector asking a third party whether they know where the debtor lives (a
// locating question, no threat); a colleague asking "是不是出了什么事"; a relative asked to pick the
// complainant up (来接我); the complainant's summary "这是在威胁我的家人" of a threat sent to them; a
// fear or a question about contact to come; the complainant as guarantor; a contact-list blast or a
// workplace visit only announced under a condition; a number obtained (查到/拿到); a visit offered
// and agreed; paint or notices announced; interest stated within the law before "利息太高"; someone's
// mistaken belief in 高利贷; one to three calls a day; 你妈 naming the mother; documents "不方便给";
// a real case found on 12368 and the complainant's own police report; a third party's "一点关系都没有"
// and "不是担保人，也没签过"; a past overdue paid off and complained about on the credit record; an
// instalment paid; the fear of a plan not honoured; the debt told to the debtor at the door; a letter
// addressed to the debtor. Guards: the same words where the violation is told.
func TestSession31Zhprec31Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"OwnReadingOfCreditReport", "客服说再拖下去会上报征信，我感觉这就是在威胁我。", none, threat},
		{"ToldCollectorHeThreatens", "我在电话里跟他争了几句，说他恐吓我，其实他只是提醒我会起诉。", none, threat},
		{"HusbandsThreat", "我丈夫知道我欠了网贷，喝了酒说再借就打死我。", none, threat},
		{"ExPartnersInsults", "前男友听说我欠钱就一直骂我，催收本身倒是挺客气。", none, abuse},
		{"FamilyMisfortune", "今年我家里出了事，收入一下少了一半，才开始逾期。", none, threat},
		{"LocatingQuestion", "催收打给我同学，问她知不知道我住在哪里。", third, threat},
		{"ColleagueAsksIfAllRight", "电话一直响，主管都问我是不是家里出了什么事。", none, third},
		{"RelativePicksUp", "太晚了，我叫我哥开车来接我回家。", none, third},
		{"SummaryOfThreatToFamily", "短信说知道我儿子在哪上学，这明显是在威胁我的家人。", none, third},
		{"FearOfContactToCome", "我怕以后他们会打电话给我的领导，现在每天都睡不好。", none, third},
		{"AskIfTheyMayContact", "如果我下个月还不上，平台能不能联系我爸妈？", none, third},
		{"GuarantorCalled", "我表姐借的钱 我是担保人 银行打我电话让我还 这个我认。", none, third},
		{"BlastAnnounced", "他说再不还就爆你通讯录，目前还没发生。", none, third},
		{"WorkplaceVisitAnnounced", "催收说明天要去我公司找我主管。", none, third},
		{"NumberObtained", "他们不知道怎么查到了我们单位的电话号码。", none, visit},
		{"VisitOfferedAgreed", "银行说可以安排工作人员上门帮我评估分期，我答应了。", none, visit},
		{"PaintAnnounced", "他扬言再不还钱就派人去我家泼油漆。", none, visit},
		{"NoticeAnnounced", "催收说要去我们村里贴告示。", none, visit},
		{"RateWithinLaw", "合同上写着年化利率15%，可我还是觉得利息太高。", none, fees},
		{"MistakenBeliefInLoanShark", "我妈以为我在外面借了高利贷，急得哭了。", none, fees},
		{"FewCallsADay", "逾期后平台每天打两个电话，都在白天。", none, excess},
		{"YourMotherNamed", "他说“你妈正在医院住院吧”。", none, abuse},
		{"DocumentsNotShown", "我要看授权书，他说这种东西不能给你看。", none, abuse},
		{"RealCaseOnline", "我在12368上查到了案号，确实已经立案。", none, falseRep},
		{"OwnPoliceReport", "我自己已经去派出所报了案。", none, falseRep},
		{"InLawsUnrelated", "这笔钱跟我岳父岳母一点关系都没有。", none, dispute},
		{"NotGuarantorSignedNothing", "我不是担保人，也没签过任何东西。", none, dispute},
		{"PaidOffCreditRecord", "去年逾期那笔早就还清了，现在去申请房贷被拒了。", none, dispute},
		{"InstalmentPaid", "这个月已经还上了第三期。", none, dispute},
		{"FearNotHonoured", "我担心客服以后不认账。", none, dispute},
		{"ToldAtTheDoor", "外访员在门口跟我核对了欠款金额。", none, privacy},
		{"LetterToTheDebtor", "律师函寄到家里，信封上写着我的名字。", none, privacy},
		// guards
		{"CollectorThreatens", "催收威胁我说要找人打断我哥的腿。", threat, none},
		{"ReadingOfSafetyThreat", "我觉得他在拿我孩子的安全威胁我，他说知道孩子几点放学。", threat, none},
		{"CollectorThreatensHusband", "催收骂我老公说再不还就打死他。", threat, none},
		{"ColleagueCalled", "催收打到我们单位，主管都问我是不是欠了钱。", third, none},
		{"RelativeToThePhone", "催收让我老公来接电话，跟他说我欠钱不还。", third, none},
		{"ParentsCalled", "他们给我爸妈打电话说我欠钱，我担心他们还会再打。", third, none},
		{"NotGuarantorAskedToPay", "我不是担保人，催收却天天打电话给我让我替表哥还钱。", third, none},
		{"WorkplaceVisited", "昨天催收真的去了我公司，找我主管说我欠钱。", third, none},
		{"PaintThrown", "三个人到我家门口泼了红油漆。", visit, none},
		{"RateBeyondLaw", "合同年化24%，可他们实际收的年化超过了36%。", fees, none},
		{"ManyCallsADay", "每天打二十多个电话，一天都没停过。", excess, none},
		{"CollectorCurses", "催收骂我你妈的，还说我是废物。", abuse, none},
		{"PoliceClaimed", "催收说已经在派出所立案了，明天就来抓我。", falseRep, none},
		{"PaidStillChased", "我早就还清了，有结清证明，可他们还在催我还钱。", dispute, none},
		{"ToldNeighbours", "外访员在楼道里大声跟邻居说我欠钱不还。", privacy, none},
	})
}
