package rules

import (
	"testing"
	"time"
)

// s28t2Threats: threats of the forms session 28 (threat2) added, each phrased anew (none is a line of
// its batches): held at their place until paid, sold or sent abroad to pay, gone with nobody looking,
// a life for the debt, a body left unable to stand, a lonely route and a mishap nobody promises
// against, a fall an old man won't get up from, a house that would burn well; in English a child kept
// until paid, "make you vanish", a kidney for the balance, not seeing the morning, a bad fall, broken
// kneecaps, fires at night, their boys waiting outside. None is URGENT with a police referral on main.
var s28t2Threats = []sevText{
	{CN, "催收员扬言，钱还清之前我哪儿也别想去"},
	{CN, "对方说你儿子就在我们这儿多待几天吧"},
	{CN, "催收说再不还就把你卖到柬埔寨去干活"},
	{CN, "催收说你这种人哪天没了，也没有人会找"},
	{CN, "催收发消息说用你的命来抵债"},
	{CN, "催收说要让我这辈子都站不起来"},
	{CN, "对方说你妈每天买菜走的那条小路挺偏的"},
	{CN, "催收员说：“你奶奶腿脚不好，下楼要是摔一跤，可就起不来了。”"},
	{CN, "催收说你家那个仓库都是木头，烧起来肯定很旺"},
	{CN, "不还钱就打断你的腿，你自己看着办"},
	{US, "The collector said they'd pick up my daughter after practice and keep her until I pay."},
	{US, "He said they could make me vanish and nobody would ask questions."},
	{US, "The caller said my kidney would cover what I owe."},
	{US, "The collector said I won't see the morning if the payment bounces."},
	{US, "He said my dad could easily have a bad fall on those stairs."},
	{US, "The agent said they would break my kneecaps."},
	{US, "The voicemail said fires start at night and I should think about that."},
	{US, "He said our boys are waiting outside your office, come down."},
}

// s28t2LookAlikes: ordinary sentences sharing those words — a parent's or a doctor's words, a joke,
// a toy gun, a video game, a hunting lesson, a site accident, a weather warning, a gas inspection, a
// barbecue, a debt that disappears, a doctor's warning about a fall. None is flagged THREAT, referred
// or URGENT.
var s28t2LookAlikes = []sevText{
	{CN, "我妈说作业写完之前我哪儿也别想去"},
	{CN, "医生说我骨质疏松，摔一跤就起不来了，让我多注意"},
	{CN, "我儿子拿着玩具手枪追着我跑，说要把我抓起来"},
	{CN, "昨晚打游戏被人一枪爆头，输了一整晚"},
	{CN, "跟我舅去打猎，他说枪口永远不能对着人"},
	{CN, "我爸在厂里出了事故，手指被机器压伤了"},
	{CN, "台风预警发布了，大家尽量别出门，注意人身安全"},
	{CN, "物业检修说我家燃气管道老化了，有泄漏的风险"},
	{CN, "烧烤店老板说这炭烧起来特别旺"},
	{US, "My lawyer said bankruptcy could make the balance disappear."},
	{US, "My physical therapist said my mom could easily have a bad fall if she skips her exercises."},
	{US, "My friend joked that his boys are waiting outside the bar for me."},
}

// TestSession28Threat2Forms: each of s28t2Threats is a THREAT of violence, URGENT with a police
// referral; none of s28t2LookAlikes is flagged THREAT, referred or URGENT.
func TestSession28Threat2Forms(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s28t2Threats)
	checkLookAlikes(t, now, s28t2LookAlikes, 0)
}
