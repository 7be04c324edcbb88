package rules

import "testing"

// TestS23zhownOwnCallsAndPeriods: session 23 (zhown), by mechanism. The complainant's own calls with
// a time, a place or an adverb between 我 and the verb (我昨天给客服连着打了十几个, 我晚上在家给他们
// 打了七八个), or told as reported speech (我跟客服说我昨天给你们打了二十多个), are how hard they
// tried, not the collector's contact; an hourly period (每个钟头, 每个小时) is a count's period; a
// night shift with a place (我还在医院值夜班, 刚上夜班) is the complainant's own doing at that time;
// a fee named for a visit (上门催收费, 外访费, "home visit fee") is a fee, not a visit.
func TestS23zhownOwnCallsAndPeriods(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"OwnCallsTimeBetween", "我昨天给银行客服连着打了十好几个电话，想协商分期。", none, excess},
		{"OwnCallsPlaceBetween", "我晚上在家给他们打了七八个电话都没人接。", none, excess},
		{"OwnCallsBurstPlace", "我前天下午在单位给平台客服连续打了十几次电话。", none, excess},
		{"OwnCallsReported", "我跟客服说我昨天给你们打了二十多个电话都没人接。", none, excess},
		{"HourlyCount", "从昨天开始每个小时都有一个催收电话打进来。", excess, none},
		{"NightShiftPlaced", "凌晨两点我还在医院值夜班，早上九点多他们打电话来提醒还款。", none, hours},
		{"NightShiftJustStarted", "晚上十一点我刚上夜班，第二天上午十点他们打电话问我。", none, hours},
		{"VisitFee", "还款明细里多了一笔300元的上门催收费，从来没有人上门过。", fees, visit},
		{"OutVisitFee", "平台扣了我200元上门外访费，我根本没见过他们的人。", fees, visit},
		// guards: the collector acts
		{"CollectorCallsTimeBetween", "他们昨天给我连着打了十好几个电话。", excess, none},
		{"CollectorAfterOwnCall", "我上午在家给他们打电话说明情况，下午他们就给我打了十几个电话。", excess, none},
		{"NightShiftCalledAtNight", "我在厂里上夜班，凌晨三点他们打电话给我催款。", hours, none},
		{"VisitAndFee", "上周两个催收员到我家门口堵我，后来账单上还加了一笔上门催收费。", visit, none},
	})
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"HomeVisitFee", "They added a $150 home visit fee to my balance even though nobody ever came to my house.", fees, visit},
		{"VisitAndFieldFee", "Two men from the agency came to my house and banged on the door, and the next statement showed a $75 field visit fee.", visit, none},
	})
}
