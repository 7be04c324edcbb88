package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s26Threats: veiled threats by forms the engine did not know before session 26 (threat), each
// phrased anew (none is a text of the session's batches): a doctored indecent or deathly picture of
// the addressee and its spreading, making him vanish, men of theirs brought along, misfortune called
// common, the way home watched behind, a mark drawn on the door or the car, an evil or an omen then a
// disclaimer across a comma, the family's safety weighed, a parent's address or identity number read
// to him, the complainant's home relayed as known; in English doctored nude pictures, friends brought
// along, a mark around the tires, an ominous card mailed, a weapon pictured with a word before it,
// the kids' whereabouts with any verb, ending up in a river, safety bought by paying. All NORMAL or
// HIGH on main (82f9400).
var s26Threats = []sevText{
	{CN, "催收扬言要让我从这个世上人间蒸发"},
	{CN, "催收说找几个弟兄过去找你聊聊人生"},
	{CN, "催收说\"这年头出事故的多的是，你掂量\""},
	{CN, "催收发微信让我晚上下班多回头看看"},
	{CN, "催收发来我车的照片，挡风玻璃上P了一个大大的红叉"},
	{CN, "催收说你爸腿脚不好，哪天摔了，可别来找我们"},
	{CN, "催收说你老婆孩子的安全你自己看着办"},
	{CN, "催收把我爸的身份证号码和家庭住址一字不差地念给我听"},
	{CN, "客服说让我出门注意安全，我家住几楼他们都清楚"},
	{US, "The collector said next time he would show up with a couple of his buddies."},
	{US, "Someone spray-painted a red X on my garage door the day after their call."},
	{US, "They mailed my husband a condolence card with my name in it."},
	{US, "He texted me a picture of a loaded pistol next to my address."},
	{US, "The collector told me he knows where my kids swim on Saturdays."},
	{US, "The man said I might end up in the lake if I kept dodging him."},
	{US, "She told me my family would be safer if I paid today."},
}

// s26LookAlikes: the forms' look-alikes — a relative's caution about a financial step, hearsay of a
// threat to a neighbour, a threat of a lawful step with a disclaimer, a bank's care for the account,
// a stay in hospital told as the reason, doctored pictures in the news, a customer-service goodbye.
// None is a THREAT, referred, or URGENT.
var s26LookAlikes = []sevText{
	{CN, "我姐说她也被催收骂过，让我小心点别再逾期了"},
	{CN, "我邻居说有人上门威胁他，说要砍他"},
	{CN, "催收说万一逾期超过九十天，到时候可别怪我们上报征信"},
	{CN, "客服说请注意你的账户安全，不要泄露验证码"},
	{CN, "我老婆住院了所以还不上，想申请延期一个月"},
	{CN, "新闻里说有催收员P裸照威胁借款人，已经被抓了"},
	{CN, "客服最后说天冷路滑，出门注意安全"},
	{US, "My neighbor said a collector threatened to make him disappear."},
	{US, "The agent said they would come back with the paperwork next week."},
	{US, "My wife was hospitalized in May, which is why I fell behind."},
	// doctored nude pictures threatened to be spread: humiliation and privacy, not a threat to
	// safety (session 29 (threatparts) policy, two independent writers)
	{CN, "催收把我的证件照P成了艳照，说明天中午前不还就群发出去"},
	{US, "He threatened to email doctored naked photos of me to my whole contact list."},
}

// TestSession26Threats: each of s26Threats is a THREAT of violence, URGENT with a police referral;
// none of s26LookAlikes is flagged THREAT, referred or URGENT.
func TestSession26Threats(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkThreatSeverity(t, now, s26Threats, nil)
	checkLookAlikes(t, now, s26LookAlikes, 0)
	// a doctored picture threatened with the word 威胁: the word names a threat (a flag of the
	// weak group), but nothing is URGENT or referred (session 29 (threatparts))
	checkLookAlikes(t, now, []sevText{{CN, "对方威胁说要把我跟别人的合成床照发到我老公单位"}}, mayBeFlagged)
}

// TestSession26StayIsNoHealthHarm: health harm ranks a complaint URGENT where the collection brought
// it on (吓得住院, 接到电话当场晕倒, 骚扰…导致…心脏病复发; "their calls put my mother in the hospital"),
// not where a stay in hospital, an operation or an illness is told as the reason for arrears or as
// where the complainant was when they called (URGENT on main for 住院, 急诊, 中风, 抢救, hospital*).
func TestSession26StayIsNoHealthHarm(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []sevText{
		{CN, "我爸住院了，家里的钱都拿去交住院费了"},
		{CN, "孩子发高烧送急诊，这个月的钱先紧着看病"},
		{CN, "我妈中风了，现在在医院躺着，我请了长假照顾她"},
		{CN, "我上个月做了阑尾手术，住院一周，所以逾期了"},
		{CN, "我跟催收说我老婆出了车祸还在医院抢救"},
		{CN, "医生说我再这样熬夜就得进医院"},
		{US, "They kept calling while I was in the hospital recovering from surgery."},
		{US, "I was hospitalized in March and could not work, and the agency calls my cell ten times a day."},
		{US, "My father had a stroke and I have been taking care of him."},
		{US, "I work nights at a hospital, so daytime calls wake me up."},
	} {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity == domain.PriorityUrgent || hasFactor(a, domain.UrgencyHealthHarm) {
			t.Errorf("%q: severity %s factors %v; want no health harm, not URGENT", c.text, a.Severity, a.Urgency)
		}
	}
	for _, c := range []sevText{
		{CN, "我妈接到催收的电话以后当场晕倒，送进了医院"},
		{CN, "他们天天打电话骚扰我爸妈，导致我妈心脏病复发"},
		{CN, "催收把截图发到家族群里，我爸气得住了院"},
		{CN, "我被催收逼得进了急诊"},
		{US, "Their threats put my father in the hospital."},
		{US, "My wife was hospitalized because of the constant harassing calls."},
	} {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity != domain.PriorityUrgent || !hasFactor(a, domain.UrgencyHealthHarm) {
			t.Errorf("%q: severity %s factors %v; want URGENT for health harm", c.text, a.Severity, a.Urgency)
		}
	}
}
