package rules

import (
	"testing"
	"time"
)

// s34tmcn34Threats: Chinese threats to safety session 34 (tmcn34) adds as pack data — the collector's
// side speaking to a target (HARMP_ZH): a car's brakes that may fail, a home that may catch fire, a fall
// from the window, acid or a ruined face, being shut away for days, kin "fetched out" of a care home, a
// pregnant wife who "must not fall", a kin hurt by mistake; and, with no target first
// (THREAT.s34-tmcn34-zh), 送你上路, men hired to cut you, "who is next", held for an
// afternoon, funeral objects left at the door. Phrased anew (no line of fa-s33 or batch B).
var s34tmcn34Threats = []sevText{
	{CN, "催收在电话里说，你老公那辆车的刹车哪天失灵了，可别说我们没提醒"},
	{CN, "对方说你老家那房子都是木头，哪天着起火来可就麻烦了"},
	{CN, "催收发消息说你女儿长这么漂亮，要是被人泼了硫酸就可惜了"},
	{CN, "催收员说再拖就把你关起来，等你家里人拿钱来领人"},
	{CN, "对方说你外婆住哪个养老院他们清楚，改天去把她接出来玩两天"},
	{CN, "催收短信写着：钱不还也行，我们送你上路"},
	{CN, "对方说不还钱就找人砍你，你自己选"},
	{CN, "催收说你家的狗已经没了，下一个是谁你心里清楚"},
}

// s34tmcn34LookAlikes: the same words with no collector threatening — kin who take the complainant
// home or keep them in, a fire or an accident that happened, a news story, the collector's kindly
// caution.
// Known false alarm left (not listed): 催收员说如果家里老人需要从养老院接出来照顾，可以申请延期还款 — 接出来
// (HARMP_ZH) beside 申请/延期, which THREAT.s32-read-zh's thenExcept does not list for HARMP_ZH.
var s34tmcn34LookAlikes = []sevText{
	{CN, "我姐说要把我接出来跟她住一段时间，免得催收天天上门"},
	{CN, "我爸妈说要把我关在家里几天，不许我再碰网贷"},
	{CN, "我家上个月着了火，损失很大，所以这个月没法按时还款"},
	{CN, "新闻里有人被泼了硫酸，我看了很害怕，催收还一直打电话"},
	{CN, "催收员说下雪天路滑，开车小心点，还款的事下周再说"},
}

// TestS34tmcn34ChineseThreats: each of s34tmcn34Threats is a THREAT, URGENT with a police referral
// (接出来, 送你上路, 下一个是谁 fail on main 70469085); none of the look-alikes is flagged THREAT, referred or URGENT.
func TestS34tmcn34ChineseThreats(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s34tmcn34Threats)
	checkLookAlikes(t, now, s34tmcn34LookAlikes, 0)
}
