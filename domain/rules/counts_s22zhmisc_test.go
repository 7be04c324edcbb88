package rules

import "testing"

// TestParseNumVagueS22zhmisc: session 22 (zhmisc). A vague part of a count is read at its least:
// 好几 (several) as 3, so 十好几 is 13 and 好几十 30; 上百 and 上千 as a hundred and a thousand.
func TestParseNumVagueS22zhmisc(t *testing.T) {
	for in, want := range map[string]float64{"好几": 3, "十好几": 13, "好几十": 30, "好几百": 300, "上百": 100, "上千": 1000, "十几": 12, "二三十": 20} {
		if got, ok := parseNum(in); !ok || got != want {
			t.Errorf("parseNum(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

// TestSession22ZhmiscMechanisms: session 22 (zhmisc), by mechanism. Vague counts (十好几 a day or a
// morning, 好几 in half an hour); the nearest period owns a count (十天违约金五百，一天打七八个); a
// one-digit minute that starts a word (十点一直打到十二点多, then the span's count); the
// complainant's own late doing, also as a progressive, when the contact has a later time of its own;
// the complainant's own calls told over the whole clause (我给他们打了好几十次); a third party
// contacted beside 我 (给我和家里人, 骚扰我跟我老公) or behind a workplace modifier (新公司领导, 老单位
// 同事) and 前任; a claim set against the principal with the difference told as interest.
func TestSession22ZhmiscMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"TenOddADay", "逾期以后他们一天要打十好几个电话催我。", excess, none},
		{"TenOddAMorning", "昨天一上午催收就打来十好几通。", excess, none},
		{"SeveralInHalfAnHour", "催收半小时之内打了好几次。", excess, none},
		{"NearestPeriod", "逾期十天罚了五百，一天打六七个电话。", excess, none},
		{"MinuteStartsWord", "从晚上九点一直打到十一点多，二十来个电话。", excess, none},
		{"BesideMe", "催收一天能打十几个电话给我和家里人。", third, none},
		{"BesideMeHarass", "外包的人跑来吓唬我跟我家里人。", third, none},
		{"WorkplaceModifier", "催收又给我老单位领导打电话了。", third, none},
		{"FormerPartner", "催收打电话给我前任问我去哪了。", third, none},
		// guards
		{"SeveralADayAlone", "催收一天打好几个电话提醒我还款。", none, excess},
		{"OneOrTwo", "银行一天打一两次电话，都在白天。", none, excess},
		{"OwnCallsTenOdd", "我一天给客服打了十好几个电话想协商。", none, excess},
		{"OwnCallsClause", "我给他们打了好几十次电话想申请延期。", none, excess},
		{"OwnLateProgressive", "我凌晨一点还在加班 第二天看到银行下午三点发来的短信。", none, hours},
		{"ProgressiveLateCall", "凌晨一点我还在睡觉 催收电话就打进来了。", hours, none},
		{"InterestExplained", "催收说我欠五万 其实本金只有三万 多出来的都是利息和罚息。", none, dispute},
		{"BalanceDisputed", "催收说我欠五万 可是app上显示只剩一万。", dispute, none},
	})
}
