package rules

import "testing"

// TestZHSession10Contact: the session 10 mechanisms for contact, identity and hours (docs/RULES.md
// "Chinese, session 10: contact, identity, hours"), phrased anew for the test (not copied from the
// blind batches): stop requests and promises with words between, numbers replaced when blocked, a
// caller who will not answer, the night crossed, papers a collector claims, contempt, third parties
// reached through a group or called to the phone, visits told by what was done there; and the
// look-alikes that must stay clear (the complainant telling their own family, a relative's hearsay,
// a call at one in the afternoon).
func TestZHSession10Contact(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// stop requests and promises with words between, then contact
		{"ToldSeveralTimes", "我讲过很多次晚上不要打，他们偏偏十点前后打过来", stop, none},
		{"ToldTheAgent", "跟催收员说了我在开会先别打，转头又打了三遍", stop, none},
		{"PromisedUntilPayday", "对方答应了发工资之前不会再联系我，结果隔天又开始打", stop, none},
		{"DontCallMyPhone", "我说过了不要打我手机，有事发短信。第二天照打不误", stop, none},
		{"NotMyMotherThenIgnored", "我叫他们有事直接找我不要骚扰我母亲，他们根本不听，今天又打了", stop, none},
		{"LawyerNamed", "我告诉他们今后找我的代理律师，他们照旧每天打给我", stop, none},
		// the complaint's own demand is no earlier request (a composite's except)
		{"DemandInTheComplaint", "希望贵行不要骚扰我的父母，我会想办法，你们还是天天催", none, stop},
		{"RequestBeforeContact", "我跟他们讲过不要骚扰我的父母，你们还是天天催", stop, none},
		// who is calling
		{"WhichThirdParty", "他说自己是第三方，我问是哪家外包公司，他就不吭声了", unident, none},
		{"AskedWhoNoAnswer", "我问他是谁，他也不回，就一直让我还钱", unident, none},
		{"BlockedAndReplaced", "我拉黑了那个号，他们马上又换一个接着打", unident, none},
		// hours
		{"AcrossTheNight", "电话彻夜响个不停，第二天上班都没精神", hours, none},
		{"NoonIsDaytime", "他们中午一点多打过来一次", none, hours},
		// papers and procedures a collector claims
		{"EvidenceAtHome", "催收说下午就派人去我家上门取证", falseRep, none},
		{"AssistanceLetter", "他们说已经给我们单位寄了协查函", falseRep, none},
		// contempt
		{"WhyAlive", "那个催收说我这种人还活着干嘛", abuse, none},
		{"Mocked", "打电话的人一直挖苦我，说我穷疯了", abuse, none},
		{"ParentsInsulted", "他骂我爸妈养出我这样的东西", abuse, none},
		{"OwnIdiom", "现在亲戚那边我里外不是人", none, abuse},
		// contact that never stops
		{"NeverStopped", "从早上起来手机就没停过", excess, none},
		{"HighFrequency", "他们用高频率的电话打我和家人", excess, none},
		// third parties
		{"FatherCalledToPhone", "打到家里座机，非要叫我爸来接电话", third, none},
		{"AskedInTheGroup", "小区群里有人在打听谁认识我", third, none},
		{"AgainstTheFamily", "他们对我和家人进行了电话轰炸", third, none},
		{"FriendsOnTheApp", "催收去骚扰了我快手上的好友", third, none},
		{"BossOfTheCompany", "在找得到我的情况下，他们还是联系公司老板", third, none},
		{"ToldMyWife", "我自己跟我媳妇讲了借钱的事，她没怪我", none, third},
		{"ToldMyWifePrivacy", "我自己跟我媳妇讲了借钱的事，她没怪我", none, privacy},
		{"CousinsHearsay", "听我表姐说她那个平台把她照片发到家族群了", none, privacy},
		{"TellHimToPay", "他们发微信给我姐，说让我尽快还钱", privacy, none},
		// visits told by what was done there
		{"RanToMyHome", "前几天他们跑到我家里大吵大闹", visit, none},
		{"Cornered", "两个男的在公司门口围住我要钱", visit, none},
	})
}
