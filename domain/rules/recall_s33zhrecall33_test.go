package rules

import "testing"

// TestSession33Zhrecall33Mechanisms: session 33 (zhrecall33), the misses of the unseen writers'
// Chinese texts (blind-s32, studied) by mechanism, in fresh wordings: the complainant who is the
// third party told by the collector, in the sentence of the call, what the borrower owes (说租客欠…,
// 对方说我老公欠了…) or asked to urge him (让我们去催他还钱); the whole contact list messaged; a sheet
// posted whose face shows photo, ID number or sum; a written stop request, a stop clause of an
// agreement or a promise to stop, then contact sentences later. Look-alikes: the borrower told of
// his own debt, a relative's word, a letter to the borrower with the sum on it, one's own messages;
// a stop request honoured, planned or hoped for.
func TestSession33Zhrecall33Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ToldWriterWhatTenantOwes", "我是开民宿的，催收打电话到我前台，说住我这里的那个男的欠了他们三万。", privacy, none},
		{"ToldSisterWhatBrotherOwes", "对方说我弟弟欠了平台九千多，问我能不能先垫上。", privacy, none},
		{"AskedToUrgeHim", "最近接到好几次电话，让我们村委会督促他还款。", privacy, none},
		{"ContactsAllMessaged", "我的亲戚朋友差不多都收到了短信，内容是我欠钱不还。", privacy, none},
		{"SheetWithPhotoPosted", "他们在我单位门口贴了几张纸，上面有我的照片和身份证号。", privacy, none},
		{"WrittenStopThenCall", "我通过邮件正式要求暂停电话催收。平台回复收到。我按时还了本月的钱。结果上周五又打来三个电话。", stop, none},
		{"StopClauseThenCalls", "协议里写明分期期间不再进行电话催收。我一直按时还款。可是这个月外包公司照样天天打。", stop, none},
		{"PromiseThenMoreCalls", "平台承诺暂停外呼一个月。之后电话反而更多了。", stop, none},
		// look-alikes
		{"BorrowerToldOwnDebt", "催收打电话给我，说我欠了平台一万二，让我今天处理。", none, privacy},
		{"RelativesWord", "我妈跟我说我表哥欠了别人两万块，让我劝劝他。", none, privacy},
		{"LetterWithSum", "银行寄来一封律师函，上面写了欠款金额和还款账户。", none, privacy},
		{"OwnInvitations", "我的朋友都收到了我的请柬短信，是我自己发的。", none, privacy},
		{"NoticeNotDebt", "小区门口贴了一张通知，上面写着明天停水。", none, privacy},
		{"StopHonoured", "我在APP上申请了暂停催收，平台同意了。之后一个月都没有人再打电话。", none, stop},
		{"StopPlanned", "我准备明天提交书面申请，要求暂停电话催收。现在每天还是有人打。", none, stop},
		{"StopHoped", "希望平台停止电话催收。我会按时还款的。", none, stop},
	})
}
