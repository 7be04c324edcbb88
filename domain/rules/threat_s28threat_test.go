package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s28Threats: threats of forms the engine did not know before session 28 (threat), each phrased anew
// (none is a text of the session's batches): a life for the debt, not seeing tomorrow's sun, sold to a
// coal pit or abroad, a leg taken off, 别想出这个门, a ransom, men at the door taking a relative with no
// collector word, a relative's fate not guaranteed; in English never walking again, a house that would
// look nice burning, paying with one's life, not waking up, shipped off, both legs broken. None is
// URGENT with a police referral on main.
var s28Threats = []sevText{
	{CN, "催收在电话里说欠钱不还就拿你的命来抵"},
	{CN, "催收说再拖下去让你全家见不到明天的太阳"},
	{CN, "催收威胁说要把我弄到黑煤窑去挖煤还债"},
	{CN, "催收扬言要卸我一条胳膊"},
	{CN, "上门的人说今天不还钱谁也别想出这个门"},
	{CN, "催收说拿钱来赎人，不然有你好受的"},
	{CN, "昨天来了一帮人上门，把我妈扣下了，到现在还没放"},
	{CN, "催收说你女儿会出什么事我们可不敢保证"},
	{US, "The collector told me he would make sure I never walk again."},
	{US, "He said my store would look real pretty burning."},
	{US, "The agent said I would pay with my life if the money was late again."},
	{US, "The collector said I might not wake up tomorrow."},
	{US, "He said he could have me shipped off to a work camp until the debt was paid."},
	{US, "The collector said he would break both my knees."},
}

// s28LookAlikes: ordinary sentences sharing the new forms' words, or naming a minor or an elderly
// person with no threat — a grandmother at the school gate, a fire warning by the fire brigade, a
// landlord or a mechanic, the complainant's own 再这样下去要出事, banging at the door, a joke, a film, a
// grandfather's saying, a trainer's "won't be able to walk", an accident-prone road, a plain grandmother
// or child. None is flagged THREAT, referred or URGENT.
var s28LookAlikes = []sevText{
	{CN, "学校门口有人等她，是她外婆，天天来接"},
	{CN, "消防员说楼道里堆纸箱容易着火"},
	{CN, "我七十岁了身体不好，再这样下去真要出事"},
	{CN, "昨晚两个人在我家门口一直砸门，邻居都出来了"},
	{CN, "朋友开玩笑说我再不还钱就得拿命还了，哈哈"},
	{CN, "电影里的债主说钱不还命来抵"},
	{CN, "我奶奶九十岁了，我每个月给她寄钱"},
	{CN, "孩子学校下周开家长会，我想请假"},
	{US, "The landlord said my house might catch fire because of the old furnace."},
	{US, "The mechanic said my truck could catch fire if I kept driving it."},
	{US, "My trainer said I wouldn't be able to walk tomorrow after squats, ha."},
	{US, "Accidents happen on this stretch of highway every winter."},
	{US, "My grandmother always said debt is a trap."},
	{US, "My 9-year-old son loves baseball and I pay for his league."},
	{US, "The doctor said I might never walk again without surgery."},
}

// TestSession28Threats: each of s28Threats is a THREAT of violence, URGENT with a police referral;
// none of s28LookAlikes is flagged THREAT, referred or URGENT.
func TestSession28Threats(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s28Threats)
	checkLookAlikes(t, now, s28LookAlikes, 0)
}

// TestSession28PlainMentionRanksNothing: a minor or an elderly person named with no threat and no
// collector's act in the sentence is no urgency; named where the collector's act reaches them
// (the sentence of a firsthand finding's evidence) or beside a threat, they still rank URGENT,
// without a police referral unless a threat of violence is among the findings.
func TestSession28PlainMentionRanksNothing(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []sevText{
		{CN, "家里老人住院花了不少钱，这个月还不上，想申请延期"},
		{CN, "我女儿才五岁，我一个人带她，想协商分期"},
		{US, "My elderly father lives with me, so money is tight this month."},
	} {
		if a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now); a.Severity == domain.PriorityUrgent {
			t.Errorf("%q: URGENT by %v; a plain mention ranks nothing", c.text, a.Urgency)
		}
	}
	for _, c := range []struct {
		sevText
		factor domain.UrgencyFactor
	}{
		{sevText{CN, "我爸七十多岁了，他们一天给他打五六个电话"}, domain.UrgencyElderly},
		{sevText{US, "The collector keeps calling my 85-year-old grandmother."}, domain.UrgencyElderly},
	} {
		if a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now); a.Severity != domain.PriorityUrgent || !hasFactor(a, c.factor) {
			t.Errorf("%q: severity %s factors %v; want URGENT by %s", c.text, a.Severity, a.Urgency, c.factor)
		}
	}
}
