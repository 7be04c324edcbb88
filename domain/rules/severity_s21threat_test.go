package rules

import (
	"testing"
	"time"
)

// s21Threats: threats to safety by class, each URGENT with a police referral for a threat of
// violence (session 21, threat): acid thrown at the face, a threat to the family, the child's class
// told to the parent, a death idiom, a threat aimed at the complainant relayed by the friend who was
// called; US: someone who may never come home, people of theirs near the home, an ominous object
// mailed.
var s21Threats = []sevText{
	{CN, "催收在电话里说，要往我老婆脸上泼硫酸。"},
	{CN, "催收说你闺女在第三中学初二吧。"},
	{CN, "催收说不还钱就让你全家陪葬。"},
	{CN, "我朋友说催收打给他，扬言要弄死我。"},
	{US, "The collector told my dad that his son might not come home one of these nights."},
	{US, "He said they've got guys near my street."},
	{US, "Someone mailed me a dead rat the day after the collector called."},
}

// s21NotThreats: hearsay of a threat (a cousin's knife blades told before the complainant's own,
// harmless, case; a neighbour threatened by the same collector) and courtesy (a bank's goodbye, a
// friend's advice): NORMAL, no referral, no threat of violence.
var s21NotThreats = []sevText{
	{CN, "我表姐说她收到过催收寄的刀片，我这边是催收给我打电话问什么时候还。"},
	{CN, "我邻居被这家的催收威胁过要打断腿，我还没逾期。"},
	{CN, "银行客服最后说回家路上注意安全，再见。"},
	{CN, "朋友提醒我晚上出门小心点。"},
}

// TestSession21ThreatSeverity: every threat of s21Threats is URGENT with a police referral for a
// threat of violence; none of s21NotThreats raises severity or is referred.
func TestSession21ThreatSeverity(t *testing.T) {
	checkThreatSeverity(t, time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), s21Threats, s21NotThreats)
}
