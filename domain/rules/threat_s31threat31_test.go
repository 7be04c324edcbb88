package rules

import (
	"testing"
	"time"
)

// s31Threats: threats of the mechanisms session 31 (threat31) added, each phrased anew (none is a line
// of fa-s28…fa-s30, of batch B or of train): a threat to kin under a condition (别怪…对你老婆不客气),
// alone at night, a mishap waved off (摔一跤很正常, 不好说), kin held until paid, quoted euphemisms (“教育教育”, “不小心”); in English a
// quoted harm verb, "rearrange your face", a presence announced, kin held "until" paid, "nobody would
// miss you", a house that "would go up fast", a crosshair drawn on the house.
var s31Threats = []sevText{
	{CN, "催收说月底前不结清，就别怪他们对我儿子不客气"},
	{CN, "催收员讲你女儿放学都是一个人骑车回家，路上出点什么事不好说"},
	{CN, "催收在电话里说天黑以后别让你老婆一个人出门"},
	{CN, "对方说钱还清了再把你儿子送回来"},
	{CN, "催收说要找人在你下班路上“教育教育”你"},
	{US, "The collector said he would \"rearrange\" my husband's face if we kept ignoring him."},
	{US, "He said he would rearrange my face the next time he saw me."},
	{US, "The caller said they're sitting outside my house right now."},
	{US, "The agent said my son would be staying with them until the balance is paid."},
	{US, "He told me nobody would miss you if you stopped paying."},
	{US, "The collector said our place would go up fast with all that dry wood."},
	{US, "They texted me a map of my street with a crosshair drawn on my house."},
}

// s31LookAlikes: the same words where no collector threatens the complainant — a threat by an ex or a
// neighbour, disclaimed as no collector's; the complainant's own anger at the collector; a dream;
// another person's case heard online or in the news; an ambiguous phrase whose lawful meaning the line
// gives (征信, a mailing address, a court date); a safety wish while driving; a wreath at a relative's
// funeral; the collector waiting for a payment message. None is flagged THREAT, referred or URGENT.
var s31LookAlikes = []sevText{
	{CN, "我前夫说要打断我的手，这事跟催收公司无关，只是想说明我的情况"},
	{CN, "我气得想冲到他们公司砸东西，最后还是忍住了"},
	{CN, "昨晚做噩梦梦到催收拿刀砍我，其实他们只是打电话"},
	{CN, "网友说这家催收会泼油漆，我没遇到过"},
	{CN, "催收说我们知道你的地址，会把律师函寄到你家"},
	{CN, "我说正在开车，催收说那你注意安全，回头再联系"},
	{CN, "舅舅过世了，殡仪馆的花圈费用还没付，所以晚还了几天"},
	{CN, "对方说“我在公司等你的回复”"},
	{US, "My ex-boyfriend said he'd hurt me; he is not the collector and has nothing to do with the debt."},
	{US, "I yelled at the agent that I'd break his neck if he called my job again."},
	{US, "I keep having nightmares that the collector breaks my door down, but they only send letters."},
	{US, "The rep said I'd regret it, meaning my credit score would drop."},
	{US, "My grandmother died and the agency sent a sympathy card with flowers for the funeral."},
}

// TestSession31ThreatMechanisms: each of s31Threats is a THREAT of violence, URGENT with a police
// referral; none of s31LookAlikes is flagged THREAT, referred or URGENT.
func TestSession31ThreatMechanisms(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s31Threats)
	checkLookAlikes(t, now, s31LookAlikes, 0)
}
