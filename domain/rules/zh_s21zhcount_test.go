package rules

import "testing"

// TestZHSession21Count: session 21 (zhcount). Stop requests, later contact, counts and the
// complainant's own calls as borrowers word them when they paraphrase one another, mostly without
// commas: an SMS unsubscribe sent and the messages going on, a rule told to the lender (只有联系不上
// 我才能找紧急联系人), a refusal that ends its clause, a refusal that failed (拦都拦不住), a request
// with a movement verb (别去找), contact told by its lapse (才过了一个来小时…就接到), nothing changed
// (一点没变), the contact list exposed all the same (还是被爆了); a day filled with contact told by
// its trace; the complainant's own calls counted (我自己一天给客服打了十几个电话). The guards: the
// footer 回T退订 with no reply sent, a refusal with an object (拒绝了我的分期申请), a lapse that
// ends in no contact, a report to the police (labelled no stop request in zt-912's class), the
// lender's own count, a third party merely frightened of (吓唬人).
func TestZHSession21Count(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"UnsubscribeRepliedThenSMS", "我回复过好几次TD了 短信还是一样每天发过来", stop, none},
		{"RuleToldThenContacts", "我早跟客服说清楚了只有打不通我电话才可以找联系人 结果他们今天还是打给了我表哥", stop, none},
		{"RefusalEndsClause", "他们说要找我单位 我明确表示不同意 他们照样把电话打到了我们人事那里", stop, none},
		{"RefusedInOneClause", "我拒绝了他们还是去加我同学微信", stop, none},
		{"RefusalFailed", "我劝都劝不住 他们每天往我姐那里打电话", stop, none},
		{"MovementVerbRequest", "我求他们别去找我老婆 转头他们就给她打了", stop, none},
		{"LapseThenReceived", "我让她别给我家里打电话 结果才过了半个小时 我妈就说接到她的电话了", stop, none},
		{"NothingChanged", "我在电话里要求他们停止骚扰我朋友 可是一点都没变", stop, none},
		{"ExposedAllTheSame", "客服保证过不会联系我的亲友 没过多久通讯录还是被爆了", stop, none},
		{"WholeDayRinging", "手机一整天都在响个不停 全是催收", excess, none},
		{"CallLogFull", "通话记录里全是他们不同号码打来的未接", excess, none},
		{"UnansweredKeptCalling", "我没接就不停地打 打了一上午", excess, none},
		{"FamilyFrightened", "他们还跑去吓唬我爸妈", threat, none},
		// guards
		{"FooterUnsubscribe", "短信最后写着回T退订 他们还是每天发短信提醒我", none, stop},
		{"RefusalWithObject", "平台明确拒绝了我的延期申请 还是天天打电话催", none, stop},
		{"LapseNoContact", "我跟他们说别打了 才过了两天我就把钱还上了", none, stop},
		{"PoliceReport", "这笔钱是别人冒用我身份借的 我已经报警了 平台还是一直找我还钱", none, stop},
		{"OwnCallsToLender", "是我自己一天给客服打了十几个电话都没人接", none, excess},
		{"OwnCallsToLenderAfter", "我一天打了二十多个电话给客服都打不通", none, excess},
		{"LenderCountStays", "他们一天给我打了十几个电话", excess, none},
		{"ScareTalkIsNoThreat", "催收说上门都是吓唬人的 我没理他们", none, threat},
	})
}
