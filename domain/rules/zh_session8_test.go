package rules

import "testing"

// TestZHSession8WeakTypes: the weak Chinese types as borrowers write them (session 8, phrased anew
// for the test, not copied from the blind sets): each case names the mechanism it needs, and the
// look-alikes (interest complaints, plans, honoured stops, identified collectors) must stay clear.
func TestZHSession8WeakTypes(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		// disputes: a repayment not credited (sum or channel, then 显示没还)
		{"PaidNotCredited", "我三号用微信还了1200，截图还在，他们后台却一直显示未还款", dispute, none},
		{"InstalmentsAreNoRepaymentClaim", "我还了11期，每期五百多，剩下的实在还不上了", none, dispute},
		// a claimed sum against a smaller balance the complainant states
		{"ClaimedVsBalance", "那个催收说我还欠他们三万多，可我app上剩余的也就七千出头", dispute, none},
		// settled, then claimed again in the collector's words (说…还欠)
		{"SettledThenOwes", "我的网贷去年已经全部结清了，这个月有个号码打来说我还欠一千五没还", dispute, none},
		{"AgreedSettlement", "当时他们答应我还五千这笔账就算两清了，结果过了半年又来催", dispute, none},
		{"ExecutionDone", "法院早就强制执行完了，现在又有人打电话说我欠款没还", dispute, none},
		// not owed at all
		{"NothingOwed", "我跟他们之间一分钱都不欠了", dispute, none},
		{"InMyName", "是我前男友以我的名义借的钱，我一直不知道", dispute, none},
		{"RelativeUsedID", "那笔贷款是我表哥拿我身份证办的，钱也是他用的", dispute, none},
		{"FatherDebt", "催收跟我说父债子还，我爸的钱要我来还", dispute, none},
		{"NoSuchDebt", "压根不存在这笔欠款，也不知道他们从哪弄来的", dispute, none},
		{"NumberRejected", "这个金额我不认，我要看明细", dispute, none},
		// on time every month, their debit failed, then overdue
		{"AutoDebitFailed", "每一期都是银行卡自动划扣的，可他们偏说我这个月没还", dispute, none},
		{"OnTimeThenOverdue", "每个月都按时还，结果他们系统没扣成功，然后就算我逾期了", dispute, none},
		// precision: interest, plans, payoffs, look-alikes
		{"HighInterestIsNoDispute", "这笔钱我认，就是还的比借的多太多了，利息太高", none, dispute},
		{"PlanIsNoDispute", "钱是我借的，现在想申请分期，希望平台给个方案", none, dispute},
		{"CollectorSaysNotArrived", "客服提醒我说本月还款还没到账，让我查一下", none, dispute},
		{"MisrememberedPayoff", "我以为已经还清了，后来发现是我记错了，确实还差一期", none, dispute},
		{"MismatchOfBadge", "他发来的工牌照片和名字对不上", none, dispute},
		{"SuddenlyAtTheDoor", "催收突然出现在我家楼下", none, dispute},
		// stop requests with words between, promises, lawyers, then contact
		{"PleadWithWordsBetween", "我求他们这几天先别打了，我在住院，他们照样一天打七八个", stop, none},
		{"PleaseStopAllCalls", "我发短信请停止一切电话催收，然而电话一个都没少", stop, none},
		{"PromiseNoMore", "客服回复说以后不会再骚扰我，结果这周又开始了", stop, none},
		{"PromisedNoOne", "平台答应这三个月不会有人打扰我，结果第二周就有人打电话来", stop, none},
		{"LawyerNamed", "有什么事请跟我的代理律师联系，律师的电话也给了，他们还是每天给我发信息", stop, none},
		{"RemovedFromList", "投诉后说会把我从催收名单里去掉，可今天又收到了两条短信", stop, none},
		{"NoVisitsThenVisit", "我说了不要到我家里来，他们还是上门了", stop, none},
		{"NewNumbersCounted", "我明确说了不要再联系我，一周换了6个号打", stop, none},
		{"StopThenRelativeCalled", "讲好了只找我本人，可过了两天我表姐就接到他们的电话了", stop, none},
		{"HonouredStop", "我申请停催以后，这一个月确实没人再打过电话", none, stop},
		{"LenderNoticeIsNoRequest", "从来没收到过书面通知，就直接开始打电话催我", none, stop},
		// collectors who will not say who they are
		{"BadgeAskedRefused", "我要他报工号，他说你没必要知道，就挂了", unident, none},
		{"WhoMandated", "我问他是受谁委托的，他说不方便透露", unident, none},
		{"YouKnowYourself", "问他们是哪个平台的，就说你自己心里清楚", unident, none},
		{"NotEvenWho", "打电话的连自己是谁都不肯说", unident, none},
		{"FirmChanges", "一会说是某某金融的，一会说是某某资产的，每次都不一样", unident, none},
		{"QQAccount", "他们用qq给我发消息催款", unident, none},
		{"NeverIntroduced", "打了那么多次电话，从来没报过一次家门", unident, none},
		{"PartnerOnly", "问是哪家公司，只说是合作机构", unident, none},
		{"ScammerPosing", "有人冒充催收骗我转账，后来报警了", none, unident},
		{"IdentifiedCollector", "对方报了公司名称、姓名和工号，说是受银行委托", none, unident},
		// omissions: personal accounts, QR codes, refusals to write
		{"PersonalAccountFirst", "让我往一个私人账户上打钱", missing, none},
		{"NamedPersonsAccount", "让我把钱转到一个叫王某的支付宝里", missing, none},
		{"QRCode", "每次就发个收款码过来让我扫", missing, none},
		{"NoOfficialAccount", "从来没有给过我一个正式的还款账户", missing, none},
		{"NotInWriting", "我让他短信发一下金额，他说不能发短信，只能电话说", missing, none},
		{"ItemAskedLookYourself", "我问合同编号，他说你自己去查", missing, none},
		{"NoBillEver", "一份账单都没收到过", missing, none},
		{"PayFirst", "我要他们出示还款明细，对方说先还钱再说", missing, none},
		{"CollectorGotNoNotice", "催收公司说他们没收到停催通知", none, missing},
		// holidays
		{"HolidayClauseApart", "中秋节那天晚上我们一家在吃饭，催收电话一个接一个", hours, none},
		{"HolidaySpan", "国庆节七天假期天天打", hours, none},
		{"HolidayAsCause", "春节期间没有收入导致逾期，今天催收打了两个电话", none, hours},
		// disclosure
		{"HerSonOwes", "他们打给我妈，说她儿子在外面欠钱不还", privacy, none},
		{"TheirEmployee", "在网上@了我们公司，说他们的员工欠债不还", privacy, none},
		{"SentToContacts", "把我的借款信息群发给了我通讯录", privacy, none},
		{"ToldHerByCollector", "对方把我借了几个平台、欠多少钱都告诉了我小姨", privacy, none},
		{"SentContractToThird", "发了我的借款合同截图给我同学", privacy, none},
		{"PostedPhoto", "视频里有我的照片和名字", privacy, none},
		{"MessageToDebtor", "催收天天发短信说我恶意拖欠", none, privacy},
		{"WarningInMessage", "短信最后写着逾期将承担一切法律后果", none, privacy},
	})
}
