package rules

import "testing"

// TestSession18ZhRare: session 18 (zhrare), the rare Chinese types and third-party and excessive
// contact by class. Unidentified callers: an identity withheld by a modal of refusal (不肯/不愿意/始终不
// + 透露/告诉/报 … 公司/名字/工号), numbers of unknown origin (归属地不明, 来路不明), a different person
// or number every call, a collector denying it is one, "别管我是谁", not knowing where they come from.
// Omissions: items of the debt listed and then all absent, explanations never made clear (说不明白,
// 一拖再拖). Third parties: a third party's side reached (那边也被打了电话), one not spared (连…都问了),
// a colleague's receipt of "their" calls (the collector's, not the colleague's own debt). Counts: a
// hundred or more calls in any period. The guards are look-alikes with no such violation.
func TestSession18ZhRare(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ModalWithholdsFirm", "催收员始终不愿意透露他们公司的全称。", unident, none},
		{"ModalWithholdsName", "打来的人死活不肯报自己的名字和工号。", unident, none},
		{"OriginUnknown", "这些催收电话的归属地全都不明，根本查不到。", unident, none},
		{"NumbersOfNoOrigin", "最近老是接到来路不明的号码，一接就是催我还钱。", unident, none},
		{"NewPersonEachCall", "他们每次打过来的都是不一样的人，说法也各不相同。", unident, none},
		{"DeniesBeingCollector", "对方否认自己是催收公司，只说是帮朋友问问。", unident, none},
		{"NeverMindWhoIAm", "我问他到底是谁，他说你别管我是干什么的。", unident, none},
		{"ItemsListedAbsent", "催款短信里欠款金额、借款平台都没有写。", missing, none},
		{"CannotMakeClear", "问他们我借了多少、还了多少，对方一个也说不明白。", missing, none},
		{"DetailsDelayed", "我要的费用明细平台一拖再拖。", missing, none},
		{"SideReached", "我岳父母那边也被他们打了好几次电话。", third, none},
		{"NotSpared", "连我家的保姆都被他们问了我的情况。", third, none},
		{"ColleagueTheirCalls", "我同事前几天接到了他们的电话，问我是不是在这上班。", third, none},
		{"HundredsInAMonth", "半个月里他们给我打了两百多个电话。", excess, none},
		{"StopThenElidedReceipt", "我说过不要再打给我的家人。可是今天上午我老婆又接到了。", stop, none},
		{"StopThenLongSubject", "我已经要求对方停止催收，结果前天晚上我们家里人又收到了短信。", stop, none},
		{"AllUnknownNumbers", "这几天打来的净是些不知名的号码，一接就是催账。", unident, none},
		{"SavedContactsCalled", "凡是存了我号码的人几乎全被打了一遍。", third, none},
		// guards
		{"StopHonoured", "我让他们不要再打给我家人，之后家里人再也没接到过。", none, stop},
		{"AgentGaveFirm", "对方说自己是某某资产管理公司的，报了工号和姓名，态度也还行。", none, unident},
		{"ModalNoIdentity", "我不愿意告诉我妈我欠了钱。", none, unident},
		{"ItemsAllStated", "短信里欠款金额、借款平台、还款账户都写得很清楚。", none, missing},
		{"ColleagueOwnDebt", "我同事也在这个平台借过钱，他说也接到过催收电话。", none, third},
		{"HundredRepaid", "我一共还了一百多次款，每次都按时。", none, excess},
	})
}
