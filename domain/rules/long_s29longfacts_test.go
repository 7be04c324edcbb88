package rules

import "testing"

// TestSession29LongfactsCN: session 29 (longfacts), a long 黑猫 complaint read as a whole: its third
// party named once (我舅舅在县城开了个小超市, 我有个朋友阿强) and reached sentences later by pronoun
// (原来对方打到了他超市的座机上, 对方给他发了…), by receipt (他们收到了一份传真, 她这几天每天都接到电话)
// or all at once (三个人都接到了电话); a third party's pasted words whose 我 is the third party (我哥发给
// 我的微信：“…有个女的打我电话…说你欠了一万八…”); a stranger who joins the complainant's group and posts
// the debt; the family knowing afterwards (现在整个家族都知道我欠钱了) once a contact stands anywhere
// before. Guards: the complainant's own calls and telling, a third party who is the borrower, the
// complainant's own receipt of calls, a contact only announced, hearsay, a collective knowing after the
// complainant told them, a relative who lent money asking for it back.
func TestSession29LongfactsCN(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"PronounFarFromNaming", "我爸妈在老家种地，我舅舅在县城开了个小超市。逾期第十天，催收开始每天打我电话。我跟他们说了下个月发工资就还。结果上周五晚上我舅舅给我发微信语音。原来对方打到了他超市的座机上，说我欠了他们平台一万多块钱。", third, none},
		{"PronounFarDisclosure", "我爸妈在老家种地，我舅舅在县城开了个小超市。逾期第十天，催收开始每天打我电话。我跟他们说了下个月发工资就还。结果上周五晚上我舅舅给我发微信语音。原来对方打到了他超市的座机上，说我欠了他们平台一万多块钱。", privacy, none},
		{"PronounReceipt", "我们单位纪检的同事找我谈话。我当时很紧张。他们收到了一份传真，落款是一家律师事务所。", third, none},
		{"FriendSentIDByPronoun", "我有一个从小玩到大的朋友阿强。我的借款逾期了一个多月。前几天阿强突然给我发了一段语音。对方给他发了我的身份证照片，让他转告我。", third, none},
		{"AllReceivedAfterList", "我借款的时候填了三个联系人：我爸、我老婆和我表哥。逾期一周后，三个人都接到了电话。", third, none},
		{"QuotedReport", "下面是我哥发给我的微信：“你是不是在外面借了钱？今天下午有个女的打我电话，说你欠了一万八，三个月没还了。”", third, none},
		{"QuotedReportTold", "下面是我哥发给我的微信：“你是不是在外面借了钱？今天下午有个女的打我电话，说你欠了一万八，三个月没还了。”", privacy, none},
		{"GroupJoinedAndPosted", "我们公司有个五十多人的工作群，老板也在里面。上周一个陌生微信号申请加入。那个人进群以后发了一句话：“张某借钱不还，请各位同事转告他。”", privacy, none},
		{"FamilyKnowsAfterContact", "催收打到了我堂哥那里。我堂哥在家族群里@我问怎么回事。家族群里有四十多个人。现在整个家族都知道了，我爷爷还骂了我一顿。", privacy, none},
		// guards
		{"OwnCallByPronoun", "我有个表哥在深圳打工。逾期以后我实在没办法。我给他打了电话，想借点钱。", none, third},
		{"BorrowerIsTheRelative", "我弟弟在某平台借了钱逾期了。我很担心他。催收天天给他打电话，他都不敢接。", none, third},
		{"OwnReceipt", "我表哥在深圳打工，我们很少联系。逾期后我每天都接到十几个电话。", none, third},
		{"Announced", "我表哥在深圳打工，我们很少联系。逾期第三天，催收说再不还就给他打电话。", none, third},
		{"KnowsAfterOwnTelling", "我跟我妈商量了还钱的事。后来催收也打给了我妈。现在全家人都知道了。", none, privacy},
		{"LenderAsks", "我表哥去年借给我两万，我二姨借给我一万。他们最近也在问我什么时候还，我压力很大。", none, third},
	})
}

// TestSession29LongfactsUS: session 29 (longfacts), the same reading of CFPB narratives: a third party
// named once and, sentences later, reached by pronoun (she received calls, when he answers they tell
// him …, left her a voicemail) or at their place (a woman from a collection agency had called the
// restaurant), what the caller said a few sentences on (I owed his client money, it was regarding a
// debt), a stranger joining a group chat and posting. Guards: the consumer's own calls, the consumer's
// own telling, a threat to call the employer, the consumer's own receipt of calls.
func TestSession29LongfactsUS(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"PronounReceipt", "On my loan application I listed my best friend as a reference. After I missed two payments she received calls from XXXX almost every day for two weeks.", third, none},
		{"WhenHeAnswers", "My elderly father lives with me. He has dementia. When he answers, they tell him his son owes money and ask him to pay.", privacy, none},
		{"PlaceOfWork", "My manager pulled me aside after my shift. He said a woman from a collection agency had called the restaurant twice that afternoon. He said she told him it was regarding a debt.", third, none},
		{"PlaceOfWorkTold", "My manager pulled me aside after my shift. He said a woman from a collection agency had called the restaurant twice that afternoon. He said she told him it was regarding a debt.", privacy, none},
		{"VoicemailToInLaw", "My mother-in-law and I do not get along. Last month she called my husband. A collector had left her a voicemail saying I was seriously delinquent on a loan.", privacy, none},
		{"GroupChatPost", "My church runs a small group chat for members. In August someone joined the chat using a fake name and posted that I owed money to XXXX.", third, none},
		// guards
		{"OwnCall", "My sister lives in another state. When I lost my job I called her and asked for help.", none, third},
		{"OwnTelling", "My mother knows about the loan. I told her I was behind and she offered to help me pay.", none, privacy},
		{"ThreatToCallEmployer", "The collector said that if I did not pay by Friday they would contact my employer. I am terrified they will call my boss.", none, third},
		{"OwnReceipt", "My brother knows about the loan. I have been getting calls from XXXX every day.", none, third},
		{"OwnCallToOffice", "My manager said I could take the afternoon off. I called the office of the lender and asked for a payment plan.", none, third},
	})
}
