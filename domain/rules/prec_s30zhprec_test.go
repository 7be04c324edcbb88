package rules

import "testing"

// TestSession30ZhprecMechanisms: session 30 (zhprec), the false flags an independent writer's texts
// showed (blind-s29/zh.txt, studied, not folded), each as a form in a fresh wording: intimidation
// called false or made by legal means is a false representation, not a threat to safety; the
// complainant's own words to the collector; a lawsuit the complainant really received; the
// complainant's fear of being listed; a demand that the platform help the police; the collector
// called 催收小哥/小姐姐 is no third party; the addressee of a bulk message (尊敬的客户); a visit
// announced with 会安排; a question about what a visit means or whether it is lawful; a visit with ID
// and authorisation shown; a visit threatened to "你" with a time to come; a call made to someone's
// private phone; a fee the contract states; principal plus interest as arithmetic; another debtor's
// story told by a relative; a complainant's worried "will they … ?"; a group read, not posted in.
// Guards: the same words where the violation is told.
func TestSession30ZhprecMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"FalseIntimidation", "催收说我涉嫌诈骗马上要被拘留，我要求平台停止虚假恐吓。", falseRep, threat},
		{"IntimidationByLegalMeans", "对方多次以起诉坐牢的名义恐吓我还钱。", none, threat},
		{"OwnWordsToCollector", "我自己回骂了对方一句“再打我就跟你拼了”，他其实没说什么过分的话。", none, threat},
		{"OwnHarshWords", "我承认我对催收员说了很多难听的话，是我不对。", none, abuse},
		{"RealSummonsReceived", "我已经收到了人民法院的传票，想问问能不能庭前和解。", none, falseRep},
		{"OwnFearOfListing", "我很怕被列为失信被执行人影响孩子上学。", none, falseRep},
		{"DemandPoliceCooperation", "诉求：希望平台配合警方调查这个号码。", none, falseRep},
		{"CollectorAsXiaoge", "催收小哥说我这个月必须还上。", none, third},
		{"BulkAddressee", "短信通知：尊敬的客户，您本月账单已出。", none, third},
		{"VisitArranged", "客服说逾期后会安排外访人员核实情况。", none, visit},
		{"WhatVisitMeans", "上门是什么意思，我有点不懂。", none, visit},
		{"VisitWithIDShown", "两位工作人员来我家，进门先出示了工作证和委托书，聊了几句就走了。", none, visit},
		{"VisitThreatenedToYou", "他说“信不信明天就在你家楼下堵你”。", none, visit},
		{"CallToPrivatePhone", "他们把电话打到我们经理的私人手机上，说员工欠钱。", none, unident},
		{"FeeInContract", "提前还款要收违约金，这个合同里确实写了。", none, fees},
		{"PrincipalPlusInterest", "客服告诉我剩余本金五千加利息二百，核对无误。", none, fees},
		{"RelativeTellsFriendsCase", "她说她一个同学也欠了网贷，催收打到同学宿舍去了。", none, third},
		{"WorriedWillThey", "他们会上门打人吗？好害怕。", none, threat},
		{"GroupRead", "我在群里看到很多人说家人被打电话了。", none, third},
		{"RateOfPrincipal", "我借款本金两万，客服说提前还款要收剩余本金3%的违约金。", none, dispute},
		{"FeeTickedAgreed", "另有一笔担保费，签约时页面上有提示，我当时勾选同意了。", none, fees},
		{"PhotoOfWorkplace", "对方又发来我老婆公司楼下的照片。", none, third},
		// guards
		{"ThreatWithLegalWord", "催收威胁说要找人打断我的腿，还说起诉也没用。", threat, none},
		{"CollectorAbuses", "催收员对我说了很多难听的话，骂我废物。", abuse, none},
		{"FalseSummons", "催收冒充法院工作人员，说法院传票已经寄出，下周就来抓人。", falseRep, none},
		{"VisitWithoutID", "两个人上门催收，没有出示任何证件，在门口大喊大叫。", visit, none},
		{"VisitHappening", "催收已经堵在我家门口，说不还钱就不走。", visit, none},
		{"ColleaguesCalled", "催收小姐姐说完又打给了我的同事，说我欠钱不还。", third, none},
		{"PrivateNumberCaller", "打来的是一个私人手机号，不说是哪个公司。", unident, none},
		{"PrincipalClaimed", "我借的是五千，催收却说本金是八千。", dispute, none},
		{"CameToWifesOffice", "催收跑到我老婆公司楼下堵她。", third, none},
		{"UnagreedFee", "合同里根本没写的催收费三百元，平台硬要我交。", fees, none},
	})
}
