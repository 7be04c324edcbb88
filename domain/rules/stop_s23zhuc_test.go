package rules

import "testing"

// TestSession23ZhucHonouredStop: session 23 (zhuc). A request to stop that the collector honoured is
// no CONTACT_AFTER_STOP: the later clause says the contact stopped (就再也没有打来, 之后没再联系) or
// kept to the complainant (后来确实只联系我本人, 就只打我手机了); the composite's thenExcept drops
// such later facts. Ignored requests still count: a short request (让他们停), a channel asked for
// (只通过邮寄方式联系), a complaint already filed (投诉过了), the phone ringing again (又响了).
func TestSession23ZhucHonouredStop(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"HonouredNeverAgain", "我要求停止催收以后，他们就再也没有打来过。", none, stop},
		{"HonouredOnlyMe", "我让他们别打我姐姐电话，要找就直接找我本人，后来他们确实就只联系我了。", none, stop},
		{"HonouredOnlyMyMobile", "我跟他们说以后别往我公司座机打了，之后他们就只打我手机了。", none, stop},
		{"ShortStopIgnored", "我打客服让他们停，结果一点没变，还是天天打。", stop, none},
		{"ChannelAskedIgnored", "我写信请他们今后只通过邮寄方式联系我，这周又接到三个催收电话。", stop, none},
		{"ComplainedThenCalled", "我之前在网上投诉过了，他们还是每天给我打电话。", stop, none},
		{"PhoneRangAgain", "我说过不要再打我家座机，结果今天上午座机又响了，还是他们。", stop, none},
	})
}

// TestSession23ZhucUnidentified: session 23 (zhuc). Asked who they are, the caller deletes or blocks,
// denies the right to ask or asks back; a claimed firm that a search does not find; nobody says which
// firm. Guards: a caller who named the firm and was verified.
func TestSession23ZhucUnidentified(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"AskedThenDeleted", "加我微信催款的人，我问他是哪家机构的，他就把我删了。", unident, none},
		{"NoRightToAsk", "对方说是平台的，我让他报工号，他说我没资格问。", unident, none},
		{"AskedBack", "问他是哪个平台的，他说你借了那么多家还问我是哪家。", unident, none},
		{"FirmNotFound", "打电话的人声称是某某资产公司的，我在网上查了，根本就没有这个公司。", unident, none},
		{"NobodySaid", "这几天好几个外地号码打来要钱，没有一个人说自己是哪个平台的。", unident, none},
		{"AskedWhichCentre", "对方说是调解中心的，我问什么中心，他不回答。", unident, none},
		// guards
		{"VerifiedCaller", "来电的人报了工号和公司全称，我打官方客服核实过，确实是他们的人。", none, unident},
	})
}

// TestSession23ZhucMissingDisclosure: session 23 (zhuc). Bare messages (连公司名字都没有, 金额也没有),
// the amount given only by word of mouth, payment to a named individual. Guard: a message that named
// the platform and the amount.
func TestSession23ZhucMissingDisclosure(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"NoFirmName", "收到一条催款短信，只说请联系我司处理，连公司名字都没有。", missing, none},
		{"NoAmountEither", "短信里说我的借款逾期了，是哪个平台没说，金额也没有。", missing, none},
		{"OnlyByWord", "我要一份书面的欠款明细，他们说只能口头告诉我。", missing, none},
		{"NamedIndividual", "催收让我把钱转到一个姓王的人的微信上。", missing, none},
		// guards
		{"FullMessage", "短信写明了平台名称、欠款金额和官方还款账户，我只是想申请延期。", none, missing},
	})
}
