package rules

import (
	"testing"
	"time"
)

// s24ReviewLookAlikes: ordinary sentences the session 24 (threat) patterns, and one older one
// (veiled-3), read as veiled threats at 0.85 — found by the review after the merge: the complainant
// fetching a child (an optional lead before 去学校接), a collector checking a card or number's last
// digits (尾号…吧), a bare 人 before 在你们那里 (我本人, 我家人), 注意 + 你的 + a word that begins
// with 手 or 车 (手机, 车贷, 手续费), the complainant's own care on the way; in English, what may
// happen to a credit score and watching one's own family struggle or one's money.
var s24ReviewLookAlikes = []sevText{
	{CN, "我正在去幼儿园接孩子，催收电话一个接一个。"},
	{CN, "我每天下午都要去学校接孩子，没空接他们电话。"},
	{CN, "对方问我是不是尾号6688的机主吧，我说是。"},
	{CN, "客服说你的银行卡尾号是3456对吧，然后就开始催款。"},
	{CN, "我本人在你们那里从来没有借过钱。"},
	{CN, "我家人在你们那边没有任何贷款，凭什么打给他们。"},
	{CN, "短信让我注意你的车贷还款日，说逾期会上征信。"},
	{CN, "客服提醒注意一下你的手续费，说提前还款要收。"},
	{CN, "我现在出门走路都多留神，怕被他们堵。"},
	{US, "Who knows what will happen to my credit score now that they reported it."},
	{US, "I hope nothing bad happens to my credit because of this collector."},
	{US, "I had to watch my family struggle while they kept calling."},
	{US, "I need to watch myself with money, but this debt is not mine."},
}

// s24ReviewThreats: the threats the narrowed patterns must keep (a collector's own words).
var s24ReviewThreats = []sevText{
	{CN, "催收说再不还就去你孩子学校找他。"},
	{CN, "催收发微信说小心你的车，晚上别停外面。"},
	{CN, "催收说我们的兄弟就在你们县城，随时过去。"},
	{US, "He said he hopes nothing happens to my kids."},
	{US, "The collector said I'd better watch my back."},
}

// TestSession24ReviewThreatLookAlikes: none of s24ReviewLookAlikes flags THREAT, is referred to the
// police or holds the violence factor; every text of s24ReviewThreats is URGENT with a referral.
func TestSession24ReviewThreatLookAlikes(t *testing.T) {
	now := time.Date(2026, 12, 5, 22, 0, 0, 0, time.UTC)
	checkLookAlikes(t, now, s24ReviewLookAlikes, mayBeUrgent)
	checkThreatSeverity(t, now, s24ReviewThreats, nil)
}
