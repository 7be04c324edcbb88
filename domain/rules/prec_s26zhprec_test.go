package rules

import "testing"

// TestSession26ZhprecMechanisms: session 26 (zhprec), the false flags and misses an independent
// writer's texts showed (blind-s25/zh.txt, folded as batch A), each as a form in a fresh wording: a
// promise to repay is no request to stop; an intent cue reaches its hit through a 把 object; a shared
// line answered by someone else, and the collector talking to whoever answered; the complainant's own
// sleepless call and another's routine after a time of day; a call before a holiday, and one on a
// holiday's day; a rate disclosed and agreed; a fee demanded before relief; the contract or sum asked
// and not told; the debtor called a criminal to surrender, a message signed as a court, an official
// message from a personal mobile; the complainant's suspicion of fraud; the complainant's consent not
// given; "wait for our visit"; a dismissal is no refund; a restricted locating call; knocking at night;
// a relative's worried question. Guards: the same words where the violation is told.
func TestSession26ZhprecMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"PromiseIsNoStopRequest", "我跟催收员讲了下周五发了薪水就还，结果第二天他们又打来催了。", none, stop},
		{"IntentThroughBa", "他在电话里说要把我的欠款截图发给我的同事。", none, third},
		{"LineAnsweredByAnother", "催收打到了店里的座机，是老板娘接的。", third, none},
		{"ToldWhoeverAnswered", "他们跟接电话的那位阿姨讲我借钱不还。", privacy, none},
		{"OwnSleeplessCall", "我自己半夜两点失眠，给平台客服打了个电话问能不能延期。", none, hours},
		{"AnothersRoutineTime", "催收问我是不是每天早上六点半送孩子去幼儿园。", none, hours},
		{"CallBeforeHoliday", "春节之前银行打电话提醒我节后要还款。", none, hours},
		{"CallOnHolidayDay", "中秋节放假那天我在老家陪父母，催收一上午给我打了六个电话。", hours, none},
		{"RateDisclosedAndAgreed", "这笔分期的利率借款页面上写明了，我也点了同意，就是觉得利息太高。", none, fees},
		{"FeeBeforeRelief", "客服说减免利息需要先缴三百块操作费。", fees, none},
		{"AskedAndNotTold", "我问他欠款金额多少，对方一概不答。", missing, none},
		{"CalledCriminalToSurrender", "催收员要我弟弟劝我早点投案自首。", falseRep, none},
		{"SignedAsCourt", "他们发来的短信落款是县公安局，但就是个普通号码。", falseRep, none},
		{"OfficialFromPersonalMobile", "那条自称法院的短信，发件号码是一个1开头的手机号。", unident, none},
		{"SuspicionOfFraud", "我不敢接，怕是骗子打来的。", none, abuse},
		{"OwnConsentNotGiven", "我从来没有授权他们获取我的通讯录。", none, unident},
		{"WaitForOurVisit", "他说你不还就等着我们上门吧。", none, visit},
		{"DismissalIsNoRefund", "催收跑到我上班的超市说我欠钱不还，第二天我就被辞退了。", none, dispute},
		{"RestrictedLocatingCall", "催收给我表哥打过一个电话，只是问能不能联系上我，别的什么也没说。", none, third},
		{"KnockingAtNight", "两个男的半夜一点在我家门外使劲拍门。", hours, none},
		{"RelativesWorriedQuestion", "同事都问我是不是有什么烦心事。", none, third},
		// guards
		{"PromiseAndStopRequest", "我跟客服说了月底还，也让他们别再给我爸打电话，结果他们又打给我爸了。", stop, none},
		{"SentWithBa", "他们把我的欠款截图发给了我的同事。", third, none},
		{"OwnAnswer", "是我自己接的座机，催收问我什么时候还。", none, third},
		{"CollectorAtNight", "凌晨两点催收员又打来了。", hours, none},
		{"RateTooHigh", "利息太高了，借一万一年要还五千多。", fees, none},
		{"RelativeAsksAboutDebt", "我妈问我是不是欠了网贷，说有人打电话到家里。", third, none},
		{"CallsDuringHoliday", "春节期间催收天天打电话。", hours, none},
	})
}
