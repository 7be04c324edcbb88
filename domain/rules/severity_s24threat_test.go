package rules

import (
	"testing"
	"time"
)

// s24VeiledThreats: veiled threats by mechanism (session 24, threat), each URGENT with a police referral
// for a threat of violence: a harm warned of to a thing of the addressee's life (小心你家店面的玻璃); a
// passive harm with a disclaimer (被人扎了胎可别来找我们); a child's hours recited; a picture described
// after its word, across a comma (照片，拍的是我家单元门口); people of theirs in the addressee's home town or
// village;
// an injury pictured; found after a move, across a comma; US: nothing wished to happen to the wife, a photo
// of the apartment complex e-mailed, friends all over town and "watch myself", a gun the collector carries.
// Phrased anew, none in the labelled sets; all NORMAL on main.
var s24VeiledThreats = []sevText{
	{CN, "催收在电话里说，小心你家店面的玻璃，晚上别睡太死。"},
	{CN, "对方说你那辆电动车停楼下，哪天被人扎了胎可别来找我们。"},
	{CN, "催收发语音说你儿子每天下午四点半放学，挺准时的。"},
	{CN, "他给我发了几张照片，拍的是我家单元门口和我的车位。"},
	{CN, "催收说我们在你老家那边也有兄弟，你自己掂量。"},
	{CN, "对方给我发了一张被打得鼻青脸肿的人的照片。"},
	{CN, "催收说你就算换了城市，我们一样能把你找出来。"},
	{CN, "催收说我们的人就在你们村里，随时能过去。"},
	{US, "The collector said he hopes nothing happens to my wife on her drive home."},
	{US, "The agent emailed me a photo of my apartment complex with no message."},
	{US, "The caller said they have friends all over my town and that I should watch myself."},
	{US, "He said he carries a gun and knows where I live."},
}

// s24VeiledLookAlikes: no threat of violence, not URGENT, not referred: the complainant's own care for
// a relative (我跟我妈说…看着点), the complainant's own fear (总觉得催收会…), hearsay of a bloody
// picture, lawful steps, the consumer's own worry and a cousin's hearsay.
var s24VeiledLookAlikes = []sevText{
	{CN, "我跟我妈说晚上出门走路看着点，最近路灯坏了。"},
	{CN, "我总觉得催收会找人来我家闹，其实他们从来没说过。"},
	{CN, "听我邻居说，这家平台的催收给别人寄过带血的照片。"},
	{CN, "催收说再不还就走法律程序，法院判了以后会强制执行。"},
	{US, "The collector said they would report the account to all three credit bureaus and sue me."},
	{US, "My cousin told me a collector once sent her a picture of a bloody knife."},
	{US, "I worry they will come to my house, though they never said so."},
}

// TestSession24VeiledThreats: every text of s24VeiledThreats is URGENT with a police referral for a
// threat of violence; none of s24VeiledLookAlikes is URGENT, referred or holds that factor.
func TestSession24VeiledThreats(t *testing.T) {
	now := time.Date(2026, 12, 5, 21, 0, 0, 0, time.UTC)
	checkThreatSeverity(t, now, s24VeiledThreats, nil)
	checkLookAlikes(t, now, s24VeiledLookAlikes, mayBeFlagged)
}
