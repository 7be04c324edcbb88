package rules

import (
	"testing"
	"time"
)

// s32Threats: threats session 32 (threat32) reads by structure — the collector's side speaking, a target
// (the addressee, kin, home) and a harm predicate of the open class (HARMP_ZH/EN): a precedent of harm to
// another debtor, men already downstairs, a road walked alone, a door and windows to lock, blood seen; a
// sign of death or a weapon left or sent with the collection named (SIGN_ZH/EN); a death word written; a
// threat quoted first and attributed after. Phrased anew (no line of fa-s31, batch B or train).
var s32Threats = []sevText{
	{CN, "催收打电话说上次有个跟你一样拖着的，后来出了车祸，到现在还瘸着"},
	{CN, "对方发语音说他们兄弟几个已经在你楼下了，让我自己下来"},
	{CN, "催收短信说你女儿每天放学路上那段没有监控，让我好好想想"},
	{CN, "催收说晚上记得把你家门窗关好锁好，这一片最近不太平"},
	{CN, "有人在我家门口放了两根白蜡烛，第二天催收就打电话来催款"},
	{CN, "催收在我家门上贴了张纸条，写着“下次贴的就是你”"},
	{US, "The collector said the last guy who stopped paying them \"fell down\" a flight of stairs and hasn't walked right since."},
	{US, "He texted me that my wife should lock your doors tonight and said we're in the area."},
	{US, "Someone left a dead bird on my doormat and the collector called the next morning about the debt."},
}

// s32LookAlikes: the same words with no collector threatening — a neighbours' group chat, the
// complainant's own retort, a lawful step, fees, a kindly school notice, a purchase of the same object.
// None is flagged THREAT, referred or URGENT.
var s32LookAlikes = []sevText{
	{CN, "小区群里说这几天有小偷，大家晚上记得锁好门窗"},
	{CN, "我回他说你们敢动我家人一根手指，我就跟你拼命"},
	{CN, "催收说上次有个跟你一样拖着的，后来被法院判了，工资都被执行了"},
	{CN, "清明节我买了白蜡烛去给爷爷上坟，回来接到催收的电话"},
	{US, "She said I should take care of my bills and then I would not have to worry about collectors."},
	{US, "The collector said \"you'd be surprised how easy it is to settle this\" if I call before Friday."},
	{US, "The agent said my mom is in the hospital so they can pause collection on the bill."},
}

// TestSession32ThreatStructure: each of s32Threats is a THREAT, URGENT with a police referral; none of
// s32LookAlikes is flagged THREAT, referred or URGENT.
func TestSession32ThreatStructure(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s32Threats)
	checkLookAlikes(t, now, s32LookAlikes, 0)
}
