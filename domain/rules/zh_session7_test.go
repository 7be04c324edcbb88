package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession7Contact: how borrowers and their relatives state contact with third parties,
// disclosure, night calls, stop requests, insults and veiled threats (session 7, texts written anew),
// and the lawful reminders and look-alikes that must stay clear.
func TestZHSession7Contact(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// a third party told about the debt, with a long clause between the verb and the debt
		{"ToldLongClause", "我表姐接到电话，对方说我在他们平台借了三万块一直拖着不还，让她转告我赶紧还钱", domain.ViolationPrivacyDisclosure, none},
		{"MMSWithID", "我姐夫收到一条彩信，里面是我的身份证正反面和借款合同", domain.ViolationPrivacyDisclosure, none},
		{"ToldSheWasToUrge", "给我女朋友发信息说我借了好几个平台的钱不还，我们差点分手", domain.ViolationPrivacyDisclosure, none},
		{"ThirdPartyAsks", "前几天我的大学同学突然发微信问我是不是欠了网贷，说有人打电话给他说我逾期了", domain.ViolationPrivacyDisclosure, none},
		{"NameAndAmountTold", "催收员打电话给我们公司前台，把我的名字和欠款金额都报出来了", domain.ViolationPrivacyDisclosure, none},
		{"MemeOfPhoto", "把我的照片做成表情包到处发", domain.ViolationPrivacyDisclosure, none},
		// the complainant is the relative: the debt is a relative's and they call the complainant
		{"RelativesDebt", "我弟弟借的钱，凭什么天天打我电话，我又不是担保人", domain.ViolationThirdPartyContact, none},
		{"ExHusbandsDebt", "我老公欠的网贷，现在催收员不停地打我电话，我跟他已经离婚两年了", domain.ViolationThirdPartyContact, none},
		{"BorrowedFromFriend", "我向朋友借的钱已经还了，现在网贷逾期了", none, domain.ViolationThirdPartyContact},
		{"Landline", "催收天天打我外婆家里的座机，老人家根本不知道怎么回事", domain.ViolationThirdPartyContact, none},
		{"WifeBorrowedSecretly", "我老婆瞒着我在网上借了钱，现在催收天天打到我这里来，我根本不知道这个事", domain.ViolationThirdPartyContact, none},
		{"NotHisRelative", "我又不是他什么人，凭什么打我电话找他", domain.ViolationThirdPartyContact, none},
		{"FormerOwner", "这个号码我用了才半年，天天接到找前机主的催收电话", domain.ViolationThirdPartyContact, none},
		{"GrandmaNotSpared", "连我八十多岁的奶奶都没放过", domain.ViolationThirdPartyContact, none},
		{"AuntWasTold", "我姑姑打电话问我，说有个平台的人给她打电话说我借钱失联了", domain.ViolationPrivacyDisclosure, none},
		{"PulledIntoGroup", "拉了一个微信群，把我家人朋友都拉进来，说我是老赖", domain.ViolationPrivacyDisclosure, none},
		{"PublishedOnline", "在网上把我的照片、身份证号和家庭住址全公开了", domain.ViolationPrivacyDisclosure, none},
		{"MotherInLawReports", "我婆婆说这几天老有人打电话找我", domain.ViolationThirdPartyContact, none},
		{"HusbandsPhone", "我老公的手机也被他们打爆了", domain.ViolationThirdPartyContact, none},
		{"IShowMyWife", "我把欠款截图发给我老婆看了", none, domain.ViolationPrivacyDisclosure},
		{"IPostForHelp", "我在朋友圈发了个求助", none, domain.ViolationPrivacyDisclosure},
		{"ITellMyWife", "我把借款的事情告诉了我老婆，她答应帮我", none, domain.ViolationThirdPartyContact},
		{"IAskDadToPay", "我让我爸帮我还了这个月的账单", none, domain.ViolationPrivacyDisclosure},
		// pinyin and homophones inside words (spellings)
		{"PinyinInWord", "打我紧急lian系人电话", domain.ViolationThirdPartyContact, none},
		{"PinyinKin", "崔收天天打我lao婆电话", domain.ViolationThirdPartyContact, none},
		{"PinyinStop", "已经申请了ting催，还是天天打", domain.ViolationContactAfterStop, none},
		{"WideTilde", "崔～收打到我单～位", domain.ViolationThirdPartyContact, none},
		{"PinyinNotInsideLatin", "my xlianxi ren account", none, domain.ViolationThirdPartyContact},
		// times: the complainant's own doings are not contact times
		{"OwnTime", "我晚上11点下班，回家看到好几个未接来电", none, domain.ViolationImproperHours},
		{"NightCall", "晚上11点半，手机响个不停，全是催收", domain.ViolationImproperHours, none},
		{"DayAndNight", "没日没夜地打电话", domain.ViolationImproperHours, none},
		{"DeadlineHours", "要求24小时内电话联系我", none, domain.ViolationImproperHours},
		// stop requests with adverbials between, and contact after them
		{"StopWithAdverbial", "跟他们讲清楚了等我发工资就还，叫他们这段时间不要打了，没用，照打不误", domain.ViolationContactAfterStop, none},
		{"StopThenWorse", "我要求他们停止骚扰，他们不但不停，反而变本加厉", domain.ViolationContactAfterStop, none},
		{"LawyerLetter", "委托了律师处理，律师也给他们发了函，他们还是天天打", domain.ViolationContactAfterStop, none},
		{"NotedNotToCall", "客服说已经给我备注了不再联系我的紧急联系人，结果当天下午我妈又接到了电话", domain.ViolationContactAfterStop, none},
		{"IgnoredRefusal", "我明确拒绝了他们联系我的家人，他们依然我行我素", domain.ViolationContactAfterStop, none},
		{"PromiseThenAgain", "我在工信部投诉后对方承诺不再骚扰，没过两天又开始了", domain.ViolationContactAfterStop, none},
		{"StopPending", "我申请了停催，目前在等待审核", none, domain.ViolationContactAfterStop},
		{"BankLawyerNotAStop", "银行委托律师要我还款4万元，没想到还这么变本加厉", none, domain.ViolationContactAfterStop},
		// insults as people write them
		{"GreetsMother", "一接电话就开口问候我妈", domain.ViolationAbusiveLanguage, none},
		{"DirtyMouth", "对方态度恶劣，一口一个傻X", domain.ViolationAbusiveLanguage, none},
		{"WhatAThing", "说我爸妈怎么生出我这种东西", domain.ViolationAbusiveLanguage, none},
		{"WhyNotDie", "催收员说你这种人怎么不去死", domain.ViolationAbusiveLanguage, none},
		{"PoliteAgent", "客服态度很好，耐心解释了还款方式", none, domain.ViolationAbusiveLanguage},
		// visits: money sent home is no visit
		{"MoneyHome", "我把钱转到我家里人的账户上了", none, domain.ViolationVisitHarassment},
		{"ATMAtTheDoor", "我在家门口的ATM还的款", none, domain.ViolationVisitHarassment},
		{"CourierPickup", "快递员上门取件的时候我不在", none, domain.ViolationVisitHarassment},
		{"TeacherHomeVisit", "家访老师来过我家", none, domain.ViolationVisitHarassment},
		{"OfferToVisit", "他们说可以上门办理分期手续", none, domain.ViolationVisitHarassment},
		{"WaitedDownstairs", "两个陌生男子在我家楼下蹲了一整天", domain.ViolationVisitHarassment, none},
		{"FoundMyFlat", "他们找到我租的房子，在门上贴了催款单", domain.ViolationVisitHarassment, none},
		{"FactoryGate", "他们派人到我上班的工厂门口堵我", domain.ViolationVisitHarassment, none},
		// lawful reminders
		{"CreditReport", "他们说逾期会上报征信，会影响以后贷款", none, domain.ViolationThreat},
		{"DaytimeReminder", "晚上九点左右接到一个电话提醒我还款", none, domain.ViolationImproperHours},
	})
}

// TestZHSession7VeiledThreats: veiled threats to safety are URGENT with a police referral; the same
// words as hearsay never raise severity.
func TestZHSession7VeiledThreats(t *testing.T) {
	p := mustPack(t, CN)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"说我再不还钱，走夜路的时候最好当心",
		"说要找人把我腿打断",
		"说不还钱就让我见不到明天的太阳",
		`他说"我们会派人去你家拜访一下"`,
		"对方说有的是办法让你出意外",
		"说让我注意孩子的安全",
		"说还知道我爸妈住哪",
		"说我不还就让我残废",
		"说已经找好人了，就等我下班",
	} {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
			t.Errorf("%q: severity %s referral %q, want URGENT and POLICE (%+v)", text, a.Severity, a.SuggestedReferral, a.Violations)
		}
	}
	for _, text := range []string{
		"我同事说她上次被催收的时候对方说要砍她",
		"网上有人说这家催收会找人堵门，不知道真假",
	} {
		if a := p.Judge(Facts{Narrative: text}, "", now); a.Severity != domain.PriorityNormal {
			t.Errorf("%q: hearsay ranked %s, want NORMAL (%+v)", text, a.Severity, a.Violations)
		}
	}
}
