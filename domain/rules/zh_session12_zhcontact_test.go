package rules

import "testing"

// TestZHSession12Contact: the session 12 mechanisms for the contact family in Chinese (docs/RULES.md
// "Chinese, session 12: contact, hours, counts, recipients"), phrased anew for the test (not copied
// from the blind batches): clock times read with 点钟, 过, 分, a bound (不到八点就, 七点之前就) and the
// words before a bare late hour; counts read past a duration (那一个小时) and with no period; visits
// told as a movement to a place of the debtor or of a third party; third parties reporting that they
// were reached; the debt spread or shown to others in any words; and the look-alikes that must stay
// clear (a deadline, a count spread over a month, the complainant's own movements and posts, a
// relative coming over, ten people who came).
func TestZHSession12Contact(t *testing.T) {
	count := excess
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// hours: the clock as people write it
		{"RangeWithSlash", "每天早上5/6点就开始给我发催款短信", hours, none},
		{"HourWithZhong", "他们晚上十一点钟以后还在打电话", hours, none},
		{"MinutesAfterGuo", "晚上十点过十分又打来一个", hours, none},
		{"NotYetEight", "还不到七点他们就打电话过来了", hours, none},
		{"BeforeSevenThen", "六点之前就打电话催我还钱", hours, none},
		{"AlmostMidnightAlone", "前天晚上，都快十二点了，他们的电话又来了", hours, none},
		{"FillerBeforeHour", "他们夜里还在给我发信息，都十一点多了", hours, none},
		{"NotYetUp", "6点50分电话就响了，我都还在睡", hours, none},
		{"DeadlineIsNoContact", "催收打电话让我今天五点之前还款", none, hours},
		{"HolidayDaysOffDaily", "春节放假那几天，他们一天都没消停，每天都打", hours, none},
		{"NewYearDayNamed", "正月初三我在丈母娘家拜年，催收电话打个不停", hours, none},
		// counts: a duration is no count, a count needs no period
		{"CountAfterDuration", "凌晨一点到两点那一个小时，手机响了十五次", count, none},
		{"BareCountToSpouse", "他们给我老公打了二十多个电话", count, none},
		{"HalfAnHour", "半个小时里打了七个电话", count, none},
		{"CallsBackAtOnce", "挂了没两秒马上又打过来", count, none},
		{"ManyNumbers", "用了二十几个不同的号码轮着打我", count, none},
		{"MonthSpreadsCount", "这三个月一共打了十几次电话", none, count},
		{"PeopleAreNoCalls", "他们来了十几个人", none, count},
		// visits: a movement to a place, any owner, any place
		{"ToSistersRestaurant", "两个催收跑去我姐开的饭店里找我", visit, none},
		{"ToMyWorkplaceGate", "一伙人来我打工的厂里堵我", visit, none},
		{"WaitsAtTheGate", "有个男的在我们小区大门口蹲点蹲了两天", visit, none},
		{"WritesOnTheDoor", "他们在我家大门上用油漆写了字", visit, none},
		{"OwnMoveIsNoVisit", "我带着孩子回到我妈家住了几天", none, visit},
		{"RelativeComingOver", "我表哥听说以后跑来我家问我怎么回事", none, visit},
		{"MailIsNoVisit", "催收函寄到了我单位", none, visit},
		// third parties: reached, reporting it, named then reached
		{"BossSaysTheyCalledHim", "我们主管把我叫到办公室，说有人打到他那去了问我的情况", third, none},
		{"FriendSaysHeGotCalls", "我发小给我发微信，说他也收到好几条催收短信", third, none},
		{"ReachedWithDaoLe", "催收联系到了我的姨妈", third, none},
		{"ThroughAFriend", "他们通过我的大学同学打听我的下落", third, none},
		{"AgedMotherFrightened", "他们打电话吓唬我八十多岁的老父亲", third, none},
		{"NamedThenReached", "我小舅子在外地打工，他们也给他打了电话", third, none},
		{"AtInAComment", "那条视频底下还艾特了我几个同事", third, none},
		{"ReadingAGroupIsNoContact", "我在业主群里看到物业发的停水通知", none, third},
		// disclosure: the debt spread, shown or paid for by others
		{"SpreadToEveryone", "他们四处跟人讲我欠了钱不还", privacy, none},
		{"PokedToWorkplace", "把我借网贷的事情捅到了我们公司", privacy, none},
		{"LearntFromTheCall", "我岳母接到电话以后才知道我欠了网贷", privacy, none},
		{"PapersToRelative", "给我舅舅寄了我的借款合同复印件", privacy, none},
		{"CollectionTextToSpouse", "他们把催款信息发到了我老婆手机上", privacy, none},
		{"DataSold", "平台把我的个人信息卖给了别的公司", privacy, none},
		{"ThirdAskedToPay", "他们逼我替我表弟还这笔钱", privacy, none},
		{"DockWages", "催收让我们老板直接扣我工资还债", privacy, none},
		{"ShoutedAtTheShop", "他们在店里大声嚷嚷说我欠债不还", privacy, none},
		{"ToldToOnlookers", "他们跟围观的人说我借钱不还", privacy, none},
		{"ShamedAfterContact", "他们打电话给我所有亲戚，现在我在村里抬不起头", privacy, none},
		{"OwnPostIsNoDisclosure", "我自己把还款记录发到了群里问大家怎么办", none, privacy},
		{"OwnTellingIsNoDisclosure", "我把欠网贷的事跟我媳妇讲了", none, privacy},
	})
}
